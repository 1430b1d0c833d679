//! Which country a state force mentioned without a demonym belongs to, and
//! peacekeeping contingents: a contributing country's forces operating in a
//! mission's country are that country's contingent of the mission.

use std::collections::HashSet;

use super::actors::{ActorDict, ActorEntry};
use super::gazetteer::Gazetteer;
use super::mentions::{Mention, record_for};
use super::places::PlaceMention;
use super::text::Span;
use super::tokens::tokenize;
use crate::model::{ActorKind, ActorRecord};

/// The country (ISO2, name) bare "soldiers" or "the police" in a sentence
/// belong to. Best is a place of the sentence in a country the article names
/// (a country, a demonym, a well-known city, a named actor's home), then the
/// article's country when it is such a country, then the only country the
/// article names; a place resolved by its name alone, in a country nothing
/// else points to, counts only when nothing better is known: the sentence's
/// first place, else the article's country.
pub fn force_country(
    g: &Gazetteer,
    places: &[PlaceMention],
    article: Option<&(String, String)>,
    named: &HashSet<String>,
) -> Option<(String, String)> {
    let mut in_order: Vec<&PlaceMention> = places.iter().collect();
    in_order.sort_by_key(|p| p.span.start);
    let countries: Vec<String> =
        in_order.iter().filter_map(|p| p.chain.last().and_then(|l| l.country.clone())).collect();
    let article_iso = article.map(|(iso, _)| iso.clone());
    let iso = countries
        .iter()
        .find(|c| named.contains(*c))
        .cloned()
        .or_else(|| article_iso.clone().filter(|c| named.contains(c)))
        .or_else(|| (named.len() == 1).then(|| named.iter().next().cloned()).flatten())
        .or_else(|| countries.first().cloned())
        .or(article_iso)?;
    let idx = g.country_index(&iso)?;
    Some((iso, g.countries[idx as usize].name.clone()))
}

/// "KDF troops" or "Kenyan forces" in Somalia are the Kenyan contingent of
/// AMISOM: a state force whose home country has a contingent entry (a state
/// force whose parent is an organisation based in `here`) becomes that
/// contingent when the sentence is set in `here`. A sentence with no known
/// place (`placed` false) is set where the article points: the only country other than the
/// force's home that the article names or places anything in, provided no
/// place of the article lies in the home country ("Kenyan jets struck al
/// Shabaab near Jilib": al-Shabaab's Somalia).
pub fn contingents(
    dict: &ActorDict,
    here: Option<&str>,
    placed: bool,
    article: &ArticleCountries,
    mentions: &mut [Mention],
) {
    for m in mentions.iter_mut().filter(|m| m.actor.kind == ActorKind::StateForce && m.actor.parent.is_none()) {
        let Some(home) = m.actor.country.clone() else { continue };
        let mission = match here {
            Some(h) if h != home => Some(h.to_string()),
            _ if !placed => article.elsewhere(&home),
            _ => None,
        };
        if let Some(entry) = mission.and_then(|x| contingent(dict, &home, &x)) {
            m.actor = record_for(dict, entry, &m.actor.mention);
        }
    }
}

/// The countries an article names (by name, demonym or a named actor's
/// home) and those its places lie in.
pub struct ArticleCountries {
    pub named: HashSet<String>,
    pub placed: HashSet<String>,
}

impl ArticleCountries {
    /// The only country other than `home` the article points to, when none
    /// of its places lies in `home`.
    fn elsewhere(&self, home: &str) -> Option<String> {
        if self.placed.contains(home) {
            return None;
        }
        let mut others = self.named.iter().chain(&self.placed).filter(|c| *c != home);
        let first = others.next()?.clone();
        others.all(|c| *c == first).then_some(first)
    }
}

/// "Kenya police", "Uganda forces": a country named as a force's adjective
/// says whose the force is, not where the event was. Drops such places;
/// true when one was dropped.
pub fn drop_force_countries(places: &mut Vec<PlaceMention>, mentions: &[Mention]) -> bool {
    let before = places.len();
    places.retain(|p| {
        p.chain.len() != 1 || !mentions.iter().any(|m| m.actor.kind == ActorKind::StateForce && m.span.contains(p.span))
    });
    places.len() != before
}

fn contingent<'a>(dict: &'a ActorDict, home: &str, here: &str) -> Option<&'a ActorEntry> {
    dict.entries().iter().find(|e| {
        e.kind == ActorKind::StateForce
            && e.country.as_deref() == Some(home)
            && e.parent
                .as_deref()
                .and_then(|p| dict.resolve(p))
                .is_some_and(|p| p.kind == ActorKind::Organization && p.country.as_deref() == Some(here))
    })
}

/// Nouns after "vigilante" that name the group itself.
const VIGILANTE_HEADS: &[&str] = &["militia", "militias", "mob", "mobs", "group", "groups", "members", "men", "youths"];

/// Words of a sentence that make a mob's violence punishment of an alleged
/// offender ("a mob lynched a suspected thief", "mob justice"), which is
/// vigilantism.
const PUNISHMENT_CUES: &[&str] = &[
    "suspected",
    "alleged",
    "allegedly",
    "accused",
    "thief",
    "thieves",
    "robber",
    "robbers",
    "criminal",
    "criminals",
    "witchcraft",
    "witch",
    "witches",
    "lynch",
    "lynched",
    "lynching",
    "justice",
];

/// "vigilantes", "a vigilante mob", "vigilante militia", and a mob punishing
/// an alleged offender ("a lynch mob", "an angry mob beat a suspected thief"): self-appointed
/// enforcers are the country's vigilante militia, "Vigilante Militia (X)"
/// (ACLED's name), in the country the sentence is set in. Without a country
/// the mention stays as it was.
pub fn vigilantes(dict: &ActorDict, text: &str, span: Span, here: Option<(&str, &str)>, out: &mut Vec<Mention>) {
    let Some((iso2, country)) = here else { return };
    let tokens = tokenize(text, span.start, span.end);
    let punishing = tokens.iter().any(|t| PUNISHMENT_CUES.contains(&t.key.as_str()));
    for (i, t) in tokens.iter().enumerate() {
        let mob = matches!(t.key.as_str(), "mob" | "mobs") && punishing;
        if !matches!(t.key.as_str(), "vigilante" | "vigilantes") && !mob {
            continue;
        }
        let head = tokens.get(i + 1).filter(|n| VIGILANTE_HEADS.contains(&n.key.as_str()));
        let sp = Span::new(t.start, head.map_or(t.end, |n| n.end));
        if out.iter().any(|m| m.span.overlaps(sp) && m.actor.kind != ActorKind::Unidentified) {
            continue;
        }
        out.retain(|m| !m.span.overlaps(sp));
        let name = format!("Vigilante Militia ({country})");
        let mention = &text[sp.start..sp.end];
        let mut actor = match dict.resolve(&name) {
            Some(entry) => record_for(dict, entry, mention),
            None => {
                let mut rec = ActorRecord::new(&name, mention, ActorKind::ArmedGroup);
                rec.country = Some(iso2.to_string());
                rec
            }
        };
        // A mob is no organised group: it keeps the kind of an unnamed crowd
        // (never a target, as an unidentified actor is not), under the name.
        if mob {
            actor.kind = ActorKind::Unidentified;
        }
        out.push(Mention { span: sp, core: sp, actor });
    }
    out.sort_by_key(|m| m.span.start);
}
