//! Named people: "Colonel Luis Arturo Isaacs", "JAIME PARDO LEAL". A name
//! starts at a title or at a common given name and runs over the name-like
//! words after it. Capitals carry the signal in ordinary text; in upper-case
//! wire text the given-name list and a list of words that end a name do.

use std::sync::LazyLock;

use super::lexicon::CALENDAR_WORDS;
use super::mentions::Mention;
use super::phrases::FastSet;
use super::text::Span;
use super::tokens::Token;
use crate::model::{ActorKind, ActorRecord};

/// Words that stand before a person's name and are not part of it.
const TITLES: &[&str] = &[
    "president",
    "colonel",
    "col",
    "general",
    "gen",
    "lieutenant",
    "lt",
    "captain",
    "capt",
    "sergeant",
    "sgt",
    "commander",
    "judge",
    "justice",
    "father",
    "fr",
    "bishop",
    "archbishop",
    "monsignor",
    "mayor",
    "governor",
    "minister",
    "senator",
    "deputy",
    "congressman",
    "congresswoman",
    "ambassador",
    "dr",
    "doctor",
    "mr",
    "mrs",
    "ms",
    "prosecutor",
    "attorney",
    "priest",
    "journalist",
    "councilman",
    "councillor",
    "sheikh",
    "imam",
    "chief",
    "commissioner",
    "inspector",
    "professor",
    "prof",
    "candidate",
    "leader",
];

/// Words that end a name in upper-case text: function words, auxiliaries and
/// the verbs and nouns that most often follow a name in news reports.
const NOT_NAME: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "from",
    "by",
    "with",
    "as",
    "after",
    "before",
    "during",
    "near",
    "who",
    "whom",
    "whose",
    "which",
    "that",
    "this",
    "these",
    "those",
    "he",
    "she",
    "it",
    "they",
    "his",
    "her",
    "its",
    "their",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "can",
    "did",
    "does",
    "do",
    "not",
    "also",
    "said",
    "says",
    "told",
    "added",
    "stated",
    "reported",
    "announced",
    "today",
    "yesterday",
    "tonight",
    "last",
    "next",
    "when",
    "where",
    "while",
    "if",
    "because",
    "since",
    "until",
    "about",
    "against",
    "into",
    "over",
    "under",
    "between",
    "one",
    "two",
    "three",
    "four",
    "five",
    "other",
    "others",
    "all",
    "some",
    "himself",
    "herself",
    "wife",
    "husband",
    "son",
    "daughter",
    "brother",
    "sister",
    "family",
    "bodyguard",
    "bodyguards",
    "driver",
    "home",
    "house",
    "residence",
    "car",
    "office",
    "government",
    "administration",
    "party",
    "police",
    "department",
    "church",
    "news",
    "agency",
    "radio",
    "television",
    "newspaper",
    "spokesman",
    "source",
    "sources",
    "according",
    "here",
    "there",
    "now",
    "then",
    "again",
    "still",
    "only",
    "set",
    "off",
    "up",
    "out",
    "down",
    "went",
    "came",
    "left",
    "took",
    "gave",
    "made",
    "met",
    "sent",
    "led",
    "won",
    "lost",
    "fled",
    "shot",
    "hit",
    "blew",
    "through",
    "war",
    "began",
    "case",
    "death",
    "murder",
];

static GIVEN: LazyLock<FastSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/given_names.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});
static TITLE_SET: LazyLock<FastSet<&str>> = LazyLock::new(|| TITLES.iter().copied().collect());
static STOP: LazyLock<FastSet<&str>> = LazyLock::new(|| {
    NOT_NAME
        .iter()
        .chain(TITLES)
        .chain(NAMED_AFTER)
        .chain(CALENDAR_WORDS)
        .copied()
        .filter(|w| !GIVEN.contains(w))
        .collect()
});

/// A person found by name here, not an unnamed one found by a role noun ("a judge").
pub(super) fn is_named_person(rec: &ActorRecord) -> bool {
    rec.kind == ActorKind::Person && !rec.scoped
}

/// Adds the people named in `tokens` to `out`, skipping any that overlap a
/// mention already there.
pub fn find(text: &str, tokens: &[Token], shouting: bool, out: &mut Vec<Mention>) {
    let mut i = 0;
    while i < tokens.len() {
        match name_at(text, tokens, i, shouting) {
            Some((mention, name)) if !out.iter().any(|m| m.span.overlaps(mention)) => {
                let label = title_case(&text[name.start..name.end]);
                let actor = ActorRecord::new(&label, &text[mention.start..mention.end], ActorKind::Person);
                out.push(Mention { span: mention, core: name, actor });
                i = tokens.partition_point(|t| t.end <= mention.end);
            }
            _ => i += 1,
        }
    }
}

/// (whole mention, name proper) of a person whose name starts at token `i`
/// or right after a title there.
fn name_at(text: &str, tokens: &[Token], i: usize, shouting: bool) -> Option<(Span, Span)> {
    let titled = TITLE_SET.contains(tokens[i].key.as_str());
    let first = if titled { i + 1 } else { i };
    let head = tokens.get(first)?;
    if titled && !joined(text, &tokens[i], head) {
        return None;
    }
    // "the murder of Jecar Neghme": who follows a killing noun and "of" is named, given name or not.
    let cued = !titled && i >= 2 && tokens[i - 1].key == "of" && victim_cue(&tokens[i - 2].key);
    if !name_word(head, shouting) || (!titled && !cued && !GIVEN.contains(head.key.as_str())) {
        return None;
    }
    // "El Salvador", "San Jose", "Santa Rosa": a given name inside a place name.
    let place_word = |t: &Token| matches!(t.key.as_str(), "el" | "san" | "santa" | "santo" | "sao" | "st" | "saint");
    if !titled && i > 0 && place_word(&tokens[i - 1]) {
        return None;
    }
    let mut last = first;
    while last + 1 < tokens.len() && last - first < 4 {
        let next = &tokens[last + 1];
        if !joined(text, &tokens[last], next) {
            break;
        }
        if name_word(next, shouting) {
            last += 1;
            continue;
        }
        // "Bashar al-Assad", "Gonzalo de Jesus Perez": a particle inside a name.
        let after = tokens.get(last + 2).filter(|a| joined(text, next, a) && name_word(a, shouting));
        if !PARTICLES.contains(&next.key.as_str()) || after.is_none() {
            break;
        }
        last += 2;
    }
    // A lone given name ("Carlos said") is too weak; a lone surname after a title is not.
    if !titled && last == first {
        return None;
    }
    // "the Jaime Martinez Column", "Simon Bolivar Foundation": named after a person, not one.
    if tokens.get(last + 1).is_some_and(|t| joined(text, &tokens[last], t) && NAMED_AFTER.contains(&t.key.as_str())) {
        return None;
    }
    // Without a given name, the cue's name must end the phrase ("of Jecar Neghme,"), not run
    // into a noun ("of National Fire Department Director").
    let closed = tokens.get(last + 1).is_none_or(|t| !joined(text, &tokens[last], t));
    let people_noun = || tokens[first..=last].iter().any(|t| super::casualties::is_people_word(&t.key));
    if cued && !GIVEN.contains(head.key.as_str()) && (!closed || people_noun()) {
        return None;
    }
    let end = tokens[last].end;
    if titled {
        return Some((Span::new(tokens[i].start, end), Span::new(head.start, end)));
    }
    let name = Span::new(tokens[earlier_names(text, tokens, i, shouting)].start, end);
    Some((name, name))
}

/// Nouns of what was done to a person, before "of" and the person's name.
const VICTIM_CUES: &[&str] = &[
    "murder",
    "assassination",
    "killing",
    "death",
    "kidnapping",
    "abduction",
    "execution",
    "slaying",
    "disappearance",
    "kidnap",
];

/// "murder", "kidnapping": a noun whose "of" names the one it was done to.
pub(super) fn victim_cue(word: &str) -> bool {
    VICTIM_CUES.contains(&word)
}

/// Small words inside names, written in lower case in ordinary text.
const PARTICLES: &[&str] = &["al", "el", "bin", "ibn", "de", "del", "la", "van", "von", "da", "dos"];

/// Words after a name that make it the name of a group or a place.
const NAMED_AFTER: &[&str] = &[
    "column",
    "front",
    "bloc",
    "brigade",
    "battalion",
    "commando",
    "commandos",
    "unit",
    "cartel",
    "foundation",
    "institute",
    "square",
    "park",
    "street",
    "avenue",
    "airport",
    "university",
    "school",
    "hospital",
    "group",
    "movement",
    "army",
    "forces",
    "village",
    "town",
    "city",
    "district",
    "province",
    "region",
    "county",
    "state",
    "area",
    "camp",
    "road",
    "bridge",
    "market",
    "mosque",
    "neighborhood",
    "neighbourhood",
    "quarter",
    "base",
];

/// Index of the first word of a name whose given name is at `i`: in ordinary
/// text up to two capitalised words before it belong to it ("Layan Taher
/// Muhammad Farag").
fn earlier_names(text: &str, tokens: &[Token], i: usize, shouting: bool) -> usize {
    let mut start = i;
    while !shouting && start > 0 && i - start < 2 {
        let prev = &tokens[start - 1];
        if !joined(text, prev, &tokens[start]) || !name_word(prev, false) {
            break;
        }
        start -= 1;
    }
    start
}

/// Only white space (or a hyphen, "Garcia-Marquez") between two words.
fn joined(text: &str, a: &Token, b: &Token) -> bool {
    text[a.end..b.start].chars().all(|c| c == ' ' || c == '-')
}

/// Could be part of a name: alphabetic, capitalised, and in upper-case text
/// none of the words that end a name or the endings of verbs and adverbs.
fn name_word(t: &Token, shouting: bool) -> bool {
    let key = t.key.as_str();
    if key.len() < 2 || !t.capitalized || !key.chars().all(char::is_alphabetic) || STOP.contains(key) {
        return false;
    }
    if !shouting {
        return true;
    }
    let inflected = key.len() > 5 && (key.ends_with("ed") || key.ends_with("ing") || key.ends_with("ly"));
    !inflected
}

fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = c == ' ' || c == '-';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn people(text: &str) -> Vec<(String, String)> {
        let toks = tokenize(text, 0, text.len());
        let mut out = Vec::new();
        find(text, &toks, super::super::text::is_shouting(text), &mut out);
        out.into_iter().map(|m| (m.actor.name, m.actor.mention)).collect()
    }

    #[test]
    fn names_after_titles_and_given_names() {
        let found = people("Gunmen shot Judge Mariela Arango and Carlos Ortega Ruiz as they left court.");
        assert_eq!(
            found,
            vec![
                ("Mariela Arango".to_string(), "Judge Mariela Arango".to_string()),
                ("Carlos Ortega Ruiz".to_string(), "Carlos Ortega Ruiz".to_string()),
            ]
        );
    }

    #[test]
    fn upper_case_names_stop_at_verbs_and_function_words() {
        let found =
            people("UNIDENTIFIED MEN MURDERED FERNANDO ZAMORA TELLO WHEN HE ARRIVED. COLONEL OSPINA DENIED IT.");
        assert_eq!(
            found,
            vec![
                ("Fernando Zamora Tello".to_string(), "FERNANDO ZAMORA TELLO".to_string()),
                ("Ospina".to_string(), "COLONEL OSPINA".to_string()),
            ]
        );
    }

    #[test]
    fn a_lone_given_name_or_lower_case_words_are_not_names() {
        assert!(people("Maria said the soldiers left at dawn.").is_empty());
        assert!(people("the judge ruled that carlos ortega was free.").is_empty());
    }
}
