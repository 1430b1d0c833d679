//! One person hit, without a number: "shot and killed Jane Doe", "Doe was
//! killed", "killed the district governor", "Soldier killed in ambush",
//! "killed himself". Each counts 1; the verb that decides the category is
//! still read by the caller (`casualties::chain_category`).

use super::casualties::{Category, Item, category, person_noun};
use super::lexicon::CALENDAR_WORDS;
use super::phrases::FastSet;
use super::text::Span;
use super::tokens::Token;
use crate::model::ActorKind;

/// Capitalised words that open a sentence without naming anyone.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "one",
    "in",
    "on",
    "at",
    "after",
    "when",
    "while",
    "on",
    "no",
    "police",
    "security",
    "government",
    "army",
];

/// People nouns that are plural or collective without a final s.
const NOT_SINGULAR: &[&str] =
    &["people", "children", "police", "personnel", "staff", "militia", "family", "others", "security", "crew"];

/// Words that end a noun phrase after "killed the ...".
const BOUNDARY: &[&str] = &[
    "of", "in", "at", "on", "and", "with", "by", "from", "who", "that", "was", "were", "near", "during", "after",
    "while", "for", "outside", "inside", "as", "to",
];

/// A killing verb directly before token `i`: "killed", "shot dead", "gunned down", "beat to death".
pub fn kill_verb_before(toks: &[Token], i: usize) -> bool {
    let at = |d: usize| i.checked_sub(d).and_then(|k| toks.get(k)).map(|t| t.key.as_str());
    match at(1) {
        Some("dead") => at(2) == Some("shot"),
        Some("down") => at(2) == Some("gunned"),
        Some("death") => at(2) == Some("to"),
        Some(w) => category(w) == Some(Category::Killed) && !matches!(w, "dead" | "died" | "deaths" | "lives"),
        None => false,
    }
}

/// A passive killing verb at token `k`: "shot and killed", "stabbed to death", "gunned down".
pub fn passive_kill_at(toks: &[Token], k: usize) -> bool {
    let at = |d: usize| toks.get(k + d).map(|t| t.key.as_str());
    match at(0) {
        Some("shot" | "stabbed" | "hacked" | "beaten" | "abducted" | "kidnapped" | "tortured")
            if at(1) == Some("and") =>
        {
            at(2).and_then(category) == Some(Category::Killed)
        }
        Some("beaten" | "stabbed" | "hacked" | "stoned" | "burned" | "burnt" | "clubbed" | "tortured") => {
            at(1) == Some("to") && at(2) == Some("death")
        }
        Some("gunned") => at(1) == Some("down"),
        _ => false,
    }
}

pub fn singular(word: &str) -> bool {
    !word.ends_with('s') && !word.ends_with("men") && !NOT_SINGULAR.contains(&word)
}

fn item(toks: &[Token], i: usize, end: usize, kind: Option<ActorKind>) -> (Item, usize) {
    let span = Span::new(toks[i].start, toks[end - 1].end);
    let noun_span = kind.map(|_| span);
    (Item { span, value: 1, noun_span, kind, partitive: false, subset: false }, end)
}

fn is_name_word(text: &str, t: &Token) -> bool {
    let word = &text[t.start..t.end];
    // Upper-case text ("KILLING TWO SOLDIERS") and acronyms say nothing about names.
    let shouting = word.len() > 1 && !word.bytes().any(|b| b.is_ascii_lowercase());
    t.capitalized
        && !shouting
        && word.starts_with(|c: char| c.is_alphabetic())
        && super::numbers::word_value(&t.key).is_none()
        && !NOT_NAME_SET.contains(t.key.as_str())
}

/// [`CALENDAR_WORDS`] and [`NOT_NAMES`] as one hash set: `is_name_word` runs per token.
static NOT_NAME_SET: std::sync::LazyLock<FastSet<&'static str>> =
    std::sync::LazyLock::new(|| CALENDAR_WORDS.iter().chain(NOT_NAMES).copied().collect());

/// A run of up to five name words from `i`: the token after it.
fn name_run(text: &str, toks: &[Token], i: usize) -> Option<usize> {
    let mut k = i;
    while k < toks.len() && k - i < 5 && is_name_word(text, &toks[k]) {
        if k > i && text[toks[k - 1].end..toks[k].start].contains([',', '.', ';', '(', ')']) {
            break;
        }
        k += 1;
    }
    (k > i).then_some(k)
}

/// The person a killing verb before `i` hits: a name ("killed Jane Doe"), a
/// pronoun ("killing him"), "himself", or a singular noun phrase ("killed the
/// district governor", "killed mayor Jane Doe").
pub fn object(text: &str, toks: &[Token], i: usize) -> Option<(Item, usize)> {
    if !kill_verb_before(toks, i) {
        return None;
    }
    let key = toks[i].key.as_str();
    if matches!(key, "him" | "himself" | "herself") || key == "her" && person_noun(toks, i + 1).is_none() {
        return Some(item(toks, i, i + 1, None));
    }
    if is_name_word(text, &toks[i]) {
        let end = name_run(text, toks, i)?;
        // "killed Taliban fighters": a group name before a people noun, not a person.
        return person_noun(toks, end).is_none().then(|| item(toks, i, end, None));
    }
    let first = i + usize::from(matches!(key, "the" | "a" | "an"));
    noun_phrase(text, toks, first).map(|(end, kind)| item(toks, i, end, Some(kind)))
}

/// A noun phrase from `first` whose last people noun is singular, before a
/// boundary word or punctuation: (token after it, kind).
fn noun_phrase(text: &str, toks: &[Token], first: usize) -> Option<(usize, ActorKind)> {
    let mut found = None;
    let mut k = first;
    while k < toks.len() && k - first < 8 {
        if k > first && !joined(text, toks, k) {
            break;
        }
        let key = toks[k].key.as_str();
        if BOUNDARY.contains(&key) || category(key).is_some() || super::numbers::word_value(key).is_some() {
            break;
        }
        if let Some((kind, len)) = person_noun(toks, k) {
            found = Some((k + len, kind, toks[k + len - 1].key.as_str()));
            k += len;
            continue;
        }
        k += 1;
    }
    let (end, kind, last) = found?;
    singular(last).then_some((end, kind))
}

/// "Jane Doe was killed", "Doe, a teacher, was shot and killed", "Soldier
/// killed in ambush": a single subject of a passive killing, at token `i`.
pub fn subject(text: &str, toks: &[Token], i: usize, clause_start: bool) -> Option<(Item, usize)> {
    if i > 0 && is_name_word(text, &toks[i - 1]) {
        return None; // not the start of the name
    }
    if is_name_word(text, &toks[i]) && !(i > 0 && matches!(toks[i - 1].key.as_str(), "the" | "a" | "an")) {
        let end = name_run(text, toks, i)?;
        if person_noun(toks, end).is_none() && singular_verb_follows(text, toks, end) {
            return Some(item(toks, i, end, None));
        }
    }
    if !clause_start {
        return None;
    }
    // A headline: "Chadian soldier killed in Beida", "Ruling party official J. Doe shot dead".
    let (mut end, kind) = noun_phrase(text, toks, i)?;
    end = name_run(text, toks, end).unwrap_or(end);
    let verb = toks.get(end)?;
    let active = toks.get(end + 1).is_some_and(|n| super::numbers::word_value(&n.key).is_some());
    let killed = category(&verb.key) == Some(Category::Killed) || verb.key == "shot" || passive_kill_at(toks, end);
    (killed && !active).then(|| item(toks, i, end, Some(kind)))
}

/// "was"/"is" after the name, past a parenthesis or an apposition in commas.
fn singular_verb_follows(text: &str, toks: &[Token], end: usize) -> bool {
    let Some(next) = toks.get(end) else { return false };
    let gap = &text[toks[end - 1].end..next.start];
    if matches!(next.key.as_str(), "was" | "is") && !gap.contains([',', '.', ';']) {
        return true;
    }
    if !gap.contains(',') {
        return false;
    }
    // "Doe, the head of the council, was killed".
    // "Doe, the council head and a former member of the X Party (XP), was killed": up to 30 words.
    (end + 1..(end + 30).min(toks.len()))
        .take_while(|&k| !text[toks[k - 1].end..toks[k].start].contains(['.', ';']))
        .any(|k| text[toks[k - 1].end..toks[k].start].contains(',') && matches!(toks[k].key.as_str(), "was" | "is"))
}

/// Token `k` continues the phrase of token `k - 1`: no punctuation between
/// them, except the parentheses round an acronym ("Janata Party (JP) worker").
pub fn joined(text: &str, toks: &[Token], k: usize) -> bool {
    let gap = |k: usize| text[toks[k - 1].end..toks[k].start].trim();
    let acronym = |t: &Token| {
        let w = &text[t.start..t.end];
        (2..=8).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase() || b == b'-')
    };
    match gap(k) {
        g if !g.contains([',', '.', ';', '(', ')']) => true,
        "(" => acronym(&toks[k]) && toks.get(k + 1).is_some_and(|_| gap(k + 1) == ")"),
        ")" => k >= 2 && acronym(&toks[k - 1]) && gap(k - 1) == "(",
        _ => false,
    }
}

/// The token after a proper name that modifies a people noun ("One National
/// Directorate of Security (NDS) officer"), or `k` when there is none.
pub fn after_proper_name(text: &str, toks: &[Token], k: usize) -> usize {
    let mut e = k;
    while e < toks.len() && e - k < 10 && (e == k || joined(text, toks, e)) {
        let inner = e > k
            && matches!(toks[e].key.as_str(), "of" | "and" | "for")
            && toks.get(e + 1).is_some_and(|t| is_name_word(text, t));
        let acronym = e > k && text[toks[e - 1].end..toks[e].start].contains('(');
        if !(is_name_word(text, &toks[e]) || inner || acronym) {
            break;
        }
        e += 1;
    }
    e
}

/// The token after a name that follows a noun ("his wife Jane Doe"), or `end`.
pub fn skip_name(text: &str, toks: &[Token], end: usize) -> usize {
    match toks.get(end) {
        Some(t) if is_name_word(text, t) && !text[toks[end - 1].end..t.start].contains([',', '.', ';']) => {
            name_run(text, toks, end).unwrap_or(end)
        }
        _ => end,
    }
}
