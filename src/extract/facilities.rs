//! Facility targets of an incident: buildings, vehicles and installations
//! named as the object of the attack word ("attacked a border post", "blew
//! up two power pylons"), or as its passive subject ("the embassy was bombed").

use std::sync::LazyLock;

use super::analyse::SentenceInfo;
use super::draft::{Draft, push_actor};
use super::lexicon::FACILITIES;
use super::phrases::FastSet;
use super::text::Span;
use super::tokens::{Token, tokenize};
use super::triggers::Hit;
use crate::model::{ActorKind, ActorRecord};

/// Targets beyond [`FACILITIES`] (which also tells place names from facility
/// names, so it stays short): plurals and the installations, vehicles and
/// premises that attacks on property hit.
const MORE_FACILITIES: &[&str] = &[
    "building",
    "buildings",
    "facilities",
    "installations",
    "installation",
    "offices",
    "branch",
    "branches",
    "bank branch",
    "bank branches",
    "banks",
    "shops",
    "shop",
    "store",
    "stores",
    "drugstore",
    "supermarket",
    "newspaper",
    "radio station",
    "television station",
    "residences",
    "residence",
    "embassies",
    "hotels",
    "churches",
    "pylons",
    "towers",
    "power tower",
    "power towers",
    "power lines",
    "power line",
    "powerlines",
    "transformer",
    "transformers",
    "substation",
    "power substation",
    "electricity poles",
    "poles",
    "terminal",
    "oil terminal",
    "refinery",
    "ambulance",
    "jeep",
    "buses",
    "trucks",
    "vehicles",
    "cars",
    "airplane",
    "airliner",
    "helicopters",
    "planes",
    "station wagon",
    "bridges",
    "warehouses",
    "plant",
    "plants",
];

/// Words that open the object noun phrase of the attack word.
const OPENERS: &[&str] = &["a", "an", "the", "two", "three", "four", "five", "its", "their", "several", "seven"];

/// Words before a noun phrase that locate what came before rather than name
/// another target.
const LOCATING: &[&str] =
    &["near", "of", "from", "to", "toward", "towards", "west", "east", "north", "south", "between", "beside"];

/// Both lists as one set: they are looked up for most tokens after a trigger.
static FACILITY_SET: LazyLock<FastSet<&'static str>> =
    LazyLock::new(|| FACILITIES.iter().chain(MORE_FACILITIES).copied().collect());

/// The longest facility phrase of up to three words starting at `s`.
fn facility_at(toks: &[Token], s: usize) -> Option<usize> {
    let mut phrase = String::new();
    (1..=3).rev().find(|len| {
        let Some(words) = toks.get(s..s + len) else { return false };
        phrase.clear();
        for (n, t) in words.iter().enumerate() {
            if n > 0 {
                phrase.push(' ');
            }
            phrase.push_str(&t.key);
        }
        FACILITY_SET.contains(phrase.as_str())
    })
}

/// Buildings and vehicles named after the attack trigger, up to three
/// ("attacked a bank, a school and a bus"), else its passive subject.
pub(super) fn facilities_into(text: &str, clause: Span, first: &Hit, info: &SentenceInfo, d: &mut Draft) {
    let toks = tokenize(text, first.span.end, clause.end);
    let mut found = 0;
    let mut i = 0;
    while i < toks.len().min(16) && found < 3 {
        // After the first target, a place word only locates it: "the mosque,
        // near the town of ...", "a school west of the city".
        let locating = i > 0 && LOCATING.contains(&toks[i - 1].key.as_str());
        if found > 0 && locating {
            break;
        }
        if !OPENERS.contains(&toks[i].key.as_str()) {
            i += 1;
            continue;
        }
        let hit = (0..=2).find_map(|skip| facility_at(&toks, i + 1 + skip).map(|len| (i + 1 + skip, len)));
        let Some((s, len)) = hit else {
            i += 1;
            continue;
        };
        push(text, &toks, (i, s, s + len), info, d);
        found += 1;
        i = s + len;
    }
    if found == 0 {
        passive_subject(text, clause, first, info, d);
    }
}

/// "Seven bank branches were shaken by ..." / "the embassy was bombed": a
/// facility directly before "was"/"were" (an adverb allowed) and the trigger.
fn passive_subject(text: &str, clause: Span, first: &Hit, info: &SentenceInfo, d: &mut Draft) {
    let toks = tokenize(text, clause.start, first.span.start);
    let be = |k: usize| toks.get(k).is_some_and(|t| matches!(t.key.as_str(), "was" | "were"));
    let n = toks.len();
    let end = match n {
        0 => return,
        _ if be(n - 1) => n - 1,
        _ if n >= 2 && be(n - 2) => n - 2,
        _ => return,
    };
    for len in (1..=3).rev() {
        if len <= end && facility_at(&toks, end - len) == Some(len) {
            let s = end - len;
            let open = if s > 0 && OPENERS.contains(&toks[s - 1].key.as_str()) { s - 1 } else { s };
            push(text, &toks, (open, s, end), info, d);
            return;
        }
    }
}

/// Adds the facility `toks[s..e]`, its mention from `open`.
fn push(text: &str, toks: &[Token], (open, s, e): (usize, usize, usize), info: &SentenceInfo, d: &mut Draft) {
    let span = Span::new(toks[open].start, toks[e - 1].end);
    let name = &text[toks[s].start..toks[e - 1].end];
    let mut rec = ActorRecord::new(name, &text[span.start..span.end], ActorKind::Facility);
    rec.span = Some((info.span.start as u32, info.span.end as u32));
    push_actor(&mut d.targets, rec);
}
