//! Phrasings of community militias. ACLED-style names such as "Murle Ethnic
//! Militia (South Sudan)", "Gaaljecel Clan Militia (Somalia)" or "Koui
//! Communal Militia" name a community's armed men; reports write them as the
//! community's name before a word for its fighters: "Murle militiamen",
//! "Gaaljecel gunmen", "Tiv youths", "Fulani herdsmen".

use super::actors::ActorDict;
use super::mentions::{Mention, record_for};
use super::text::Span;
use super::tokens::Token;
use crate::model::ActorKind;

/// The words after a community's name that make it its militia.
const FIGHTER_NOUNS: &[&str] = &[
    "militia",
    "militias",
    "militiamen",
    "militiaman",
    "gunmen",
    "gunman",
    "fighters",
    "armed men",
    "attackers",
    "assailants",
    "raiders",
    "herdsmen",
    "herders",
    "youths",
    "armed youth",
    "forces",
    "troops",
    "group",
    "groups",
    "clan militia",
    "clan militias",
    "tribal militia",
    "ethnic militia",
];

/// The kinds of militia whose name starts with the community's name.
const MILITIA_KINDS: &[&str] =
    &["Ethnic Militia", "Clan Militia", "Sub-Clan Militia", "Communal Militia", "Regional Militia"];

/// The phrasings derived from an entry's name or alias: "Murle militiamen",
/// "Murle gunmen", ... for "Murle Ethnic Militia (South Sudan)"; nothing for
/// other names.
pub fn derived_aliases(name: &str) -> Vec<String> {
    let bare = name.split(" (").next().unwrap_or(name).trim();
    let Some(community) = MILITIA_KINDS.iter().find_map(|k| bare.strip_suffix(k)).map(str::trim) else {
        return Vec::new();
    };
    // One capitalised name ("Tabu", "Habar Gedir-Sa'ad"): not a description.
    if community.is_empty() || !community.starts_with(|c: char| c.is_uppercase()) || community.contains(' ') {
        return Vec::new();
    }
    FIGHTER_NOUNS.iter().map(|n| format!("{community} {n}")).collect()
}

/// "clashes between Tabu and Tuareg groups", "Puntland and Galmudug
/// forces": the noun after a coordination is shared, so a capitalised name
/// before "and" names an actor too when the dictionary knows it with that
/// noun ("Tabu groups", "Puntland forces") or as a community's militia.
pub fn coordinated(dict: &ActorDict, text: &str, tokens: &[Token], out: &mut Vec<Mention>) {
    let mut found = Vec::new();
    for m in out.iter().filter(|m| matches!(m.actor.kind, ActorKind::ArmedGroup | ActorKind::StateForce)) {
        let Some(first) = tokens.iter().position(|t| t.start == m.core.start) else { continue };
        if first < 2 || tokens[first - 1].key != "and" || !tokens[first - 2].capitalized {
            continue;
        }
        let word = &tokens[first - 2];
        let span = Span::new(word.start, word.end);
        let name = &text[word.start..word.end];
        let head = tokens.get(first + 1).filter(|t| t.end <= m.core.end).map(|t| &text[t.start..m.core.end]);
        let shared = head.and_then(|h| dict.resolve(&format!("{name} {h}")));
        let militia = || dict.resolve(&format!("{name} militia")).filter(|e| e.kind == ActorKind::ArmedGroup);
        let entry = shared
            .filter(|e| e.kind == m.actor.kind)
            .or_else(|| militia().filter(|_| m.actor.kind == ActorKind::ArmedGroup));
        if let Some(entry) = entry.filter(|e| e.name != m.actor.name)
            && !out.iter().any(|o| o.span.overlaps(span))
        {
            found.push(Mention { span, core: span, actor: record_for(dict, entry, name) });
        }
    }
    out.extend(found);
    out.sort_by_key(|m| m.span.start);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn community_names_give_their_fighters() {
        let a = derived_aliases("Murle Ethnic Militia (South Sudan)");
        assert!(a.contains(&"Murle militiamen".to_string()));
        assert!(a.contains(&"Murle gunmen".to_string()));
        assert!(
            derived_aliases("Koui Communal Militia (Central African Republic)").contains(&"Koui militia".to_string())
        );
        assert!(derived_aliases("Boko Haram").is_empty());
        assert!(derived_aliases("Vigilante Militia (Nigeria)").is_empty());
    }
}
