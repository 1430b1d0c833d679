//! Matching names across the gold data's conventions and ckg's: actors
//! through the actor dictionary, countries through the gazetteer.

use std::collections::HashMap;

use super::metrics::{name_norm, paren_parts, strip_parens};
use crate::extract::{ActorDict, Gazetteer};
use crate::model::{ActorKind, ActorRecord, GeoPrecision, fold_char};

/// Country names some datasets use that the gazetteer spells otherwise.
const COUNTRY_EXTRAS: &[(&str, &str)] = &[
    ("West Bank and Gaza Strip", "PS"),
    ("Bosnia-Herzegovina", "BA"),
    ("Slovak Republic", "SK"),
    ("People's Republic of the Congo", "CG"),
    ("Republic of the Congo", "CG"),
    ("Zaire", "CD"),
    ("East Timor", "TL"),
    ("Vatican City", "VA"),
    ("Great Britain", "GB"),
    ("Swaziland", "SZ"),
];

/// Country names to ISO 3166-1 alpha-2, from the gazetteer's countries and
/// their aliases, plus [`COUNTRY_EXTRAS`].
pub struct CountryIndex<'g> {
    gazetteer: &'g Gazetteer,
    extras: HashMap<String, &'static str>,
}

/// The gazetteer's look-up key: words of letters and digits, lower-cased and
/// folded, joined by single spaces (apostrophes and hyphens split words).
pub fn lookup_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut gap = false;
    for ch in name.chars() {
        let ch = fold_char(ch);
        if ch.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(ch.to_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

impl<'g> CountryIndex<'g> {
    pub fn new(gazetteer: &'g Gazetteer) -> CountryIndex<'g> {
        let extras = COUNTRY_EXTRAS.iter().map(|(name, iso)| (lookup_key(name), *iso)).collect();
        CountryIndex { gazetteer, extras }
    }

    /// ISO2 of a country name ("Democratic Republic of the Congo" gives "CD").
    pub fn iso2(&self, name: &str) -> Option<String> {
        let key = lookup_key(name);
        if let Some(iso) = self.extras.get(&key) {
            return Some((*iso).to_string());
        }
        let found = self.gazetteer.lookup(&key).iter().find_map(|&place| {
            let chain = self.gazetteer.chain(place);
            match chain.as_slice() {
                [only] if only.precision == GeoPrecision::Country => only.country.clone(),
                _ => None,
            }
        });
        found.or_else(|| {
            let no_the = key.strip_prefix("the ")?;
            self.iso2(no_the)
        })
    }
}

/// What an actor name from a dataset stands for, for matching.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GoldActor {
    /// A named actor: its comparison keys (normalised canonical and written forms).
    Named(Vec<String>),
    /// A generic actor ("Unidentified Armed Group (Nigeria)", "Protesters (Tunisia)"):
    /// found when an actor of one of these kinds is present.
    Generic(Vec<ActorKind>),
}

/// Comparison keys of a name: its dictionary canonical name (if it resolves),
/// the name itself and the name without trailing parentheses, all normalised.
/// With `paren_aliases`, the parenthesised parts count as aliases too (GTD
/// writes "Hamas (Islamic Resistance Movement)"); ACLED's parentheses hold
/// countries and years, so not there. ACLED's "ABBR: Full Name" adds both halves.
pub fn actor_keys(dict: &ActorDict, name: &str, paren_aliases: bool) -> Vec<String> {
    let mut keys = Vec::new();
    let mut push = |k: String| {
        if !k.is_empty() && !keys.contains(&k) {
            keys.push(k);
        }
    };
    if let Some(entry) = dict.resolve(name) {
        push(name_norm(&entry.name));
    }
    let bare = strip_parens(name);
    push(name_norm(name));
    push(name_norm(bare));
    if let Some((abbr, full)) = bare.split_once(": ") {
        push(name_norm(abbr));
        push(name_norm(full));
        if let Some(entry) = dict.resolve(full) {
            push(name_norm(&entry.name));
        }
    }
    if paren_aliases {
        for part in paren_parts(name) {
            if let Some(entry) = dict.resolve(part) {
                push(name_norm(&entry.name));
            }
            push(name_norm(part));
        }
    }
    keys
}

/// Keys of a predicted actor: its name (resolved when the dictionary knows it).
pub fn predicted_keys(dict: &ActorDict, actor: &ActorRecord) -> Vec<String> {
    actor_keys(dict, &actor.name, false)
}

/// Reads an ACLED actor name: generic classes by their first word, else named.
pub fn acled_actor(dict: &ActorDict, name: &str) -> GoldActor {
    let bare = strip_parens(name);
    let first = bare.split_whitespace().next().unwrap_or("");
    match first.to_ascii_lowercase().as_str() {
        "unidentified" => GoldActor::Generic(vec![ActorKind::Unidentified]),
        "civilians" => GoldActor::Generic(vec![ActorKind::Civilians]),
        "protesters" | "rioters" => GoldActor::Generic(vec![ActorKind::Civilians, ActorKind::Unidentified]),
        _ => {
            // ACLED writes "Group - Faction" and "Military Forces of X (2005-) Unit":
            // the group before " - " and the name before the years count too.
            let mut keys = actor_keys(dict, name, false);
            let group = name.split(" - ").next().unwrap_or(name);
            let before_years = name.split('(').next().unwrap_or(name);
            for part in [group, before_years] {
                for k in actor_keys(dict, part.trim(), false) {
                    if !keys.contains(&k) {
                        keys.push(k);
                    }
                }
            }
            GoldActor::Named(keys)
        }
    }
}

/// True when the two key lists share a key.
pub fn keys_meet(a: &[String], b: &[String]) -> bool {
    a.iter().any(|k| b.contains(k))
}

/// A named actor: not an unnamed group scoped to one incident, and not of a generic kind.
pub fn is_named(actor: &ActorRecord) -> bool {
    !actor.scoped && !actor.kind.is_generic()
}
