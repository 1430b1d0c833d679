//! Weapons used in an incident, from the weapon names in its clauses.
//!
//! A weapon word is not always a weapon used: "bomb squad" names police,
//! "grenade launcher" is another weapon than a grenade, and arms listed as
//! seized, confiscated or handed in were not used in the attack reported.

use std::sync::LazyLock;

use super::draft::Draft;
use super::lexicon::WEAPONS;
use super::phrases::{FastSet, PhraseTable};
use super::text::Span;
use super::tokens::{Token, tokenize};

/// Nouns that a weapon word modifies without naming a weapon ("bomb squad",
/// "bomb threat"). Not "expert": "an explosives expert" who drove the car
/// still tells what the attack used.
const NOT_WEAPON_HEADS: &[&str] =
    &["squad", "squads", "disposal", "threat", "threats", "scare", "factory", "factories", "shelter", "shelters"];

/// Nouns that, after a weapon word, make the whole phrase the weapon.
const LAUNCHERS: &[&str] = &["launcher", "launchers"];

/// Words that, earlier in the clause, make the arms in it seized or handed
/// in rather than used ("seized six rifles", "turn in our weapons").
const SEIZURE_WORDS: &[&str] = &[
    "seized",
    "seize",
    "seizing",
    "seizure",
    "confiscated",
    "confiscate",
    "confiscation",
    "recovered",
    "surrendered",
    "materiel",
    "arsenal",
    "cache",
    "caches",
    "ammunition",
    "shipment",
    "smuggling",
    "smuggled",
];

pub(super) fn weapons_into(text: &str, clause: Span, d: &mut Draft) {
    // The longest weapon name of up to three words at each token, in one look-up.
    static TABLE: LazyLock<PhraseTable<()>> = LazyLock::new(|| PhraseTable::up_to(WEAPONS, 3, |_| ()));
    static SEIZURE: LazyLock<FastSet<&str>> = LazyLock::new(|| SEIZURE_WORDS.iter().copied().collect());
    let toks = tokenize(text, clause.start, clause.end);
    let mut seized = false;
    let mut i = 0;
    while i < toks.len() {
        seized |= SEIZURE.contains(toks[i].key.as_str()) || (toks[i].key == "turn" && key_at(&toks, i + 1) == "in");
        let Some(len) = TABLE.longest_at(&toks, i).map(|(len, _)| len) else {
            i += 1;
            continue;
        };
        let mut last = i + len - 1;
        let next = key_at(&toks, last + 1);
        if LAUNCHERS.contains(&next) {
            last += 1;
        }
        if !seized && !NOT_WEAPON_HEADS.contains(&next) {
            let w = text[toks[i].start..toks[last].end].to_string();
            if !d.weapons.iter().any(|x| x.eq_ignore_ascii_case(&w)) {
                d.weapons.push(w);
            }
        }
        i = last + 1;
    }
}

/// The key of token `i`, or "" past the end.
fn key_at(toks: &[Token], i: usize) -> &str {
    toks.get(i).map_or("", |t| t.key.as_str())
}
