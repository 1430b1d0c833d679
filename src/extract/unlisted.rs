//! Places the gazetteer does not know: villages, towns and local areas that
//! the sentence itself marks as places ("in Kalemba village", "the town of
//! Ndora", "near Bugoma", "Mpati territory"). They are kept by name, in the
//! article's country, without coordinates.

use std::sync::LazyLock;

use super::gazetteer::Gazetteer;
use super::lexicon::{
    CALENDAR_WORDS, FACILITIES, GROUP_NOUNS, LOCAL_AREA_WORDS, NOT_LOCAL_PLACES, NOT_PLACES, PEOPLE, PLACE_VERBS,
};
use super::phrases::FastSet;
use super::places::{COMPASS, PlaceMention};
use super::text::Span;
use super::tokens::{Token, tokenize};
use crate::model::{GeoPrecision, Location};

/// Prepositions after which a capitalised name is a place.
const LOCATIVES: &[&str] = &["in", "at", "near", "around", "outside", "inside", "towards", "toward", "into"];

/// Words that are never a place alone but open many place names ("Port Harcourt", "New Germany").
const PREFIXES: &[&str] = &[
    "port", "fort", "san", "santa", "saint", "st", "sao", "cape", "mount", "lake", "new", "old", "el", "al", "north",
    "south", "east", "west", "central", "upper", "lower",
];

/// Words before "of" that make the name after it a place ("the village of X", "north of X").
const OF_HEADS: &[&str] = &[
    "village",
    "villages",
    "town",
    "city",
    "commune",
    "locality",
    "outskirts",
    "vicinity",
    "environs",
    "suburbs",
    "district",
    "area",
    "territory",
    "region",
    "county",
    "chiefdom",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "n",
    "s",
    "e",
    "w",
    "ne",
    "nw",
    "se",
    "sw",
    "km",
    "kms",
    "delegation",
    "sector",
    "municipality",
    "province",
    "state",
    "governorate",
    "department",
];

static AREA: LazyLock<FastSet<&'static str>> = LazyLock::new(|| LOCAL_AREA_WORDS.iter().copied().collect());
static STOP: LazyLock<FastSet<&'static str>> =
    LazyLock::new(|| NOT_PLACES.iter().chain(CALENDAR_WORDS).chain(NOT_LOCAL_PLACES).copied().collect());

/// Capitalised names in `sentence` that a locative word marks as places and
/// that are not already a found place, an actor (`skip`) or a person's name.
pub fn unlisted(
    g: &Gazetteer,
    text: &str,
    sentence: Span,
    skip: &[Span],
    found: &[PlaceMention],
    country: Option<&Location>,
) -> Vec<PlaceMention> {
    let toks = tokenize(text, sentence.start, sentence.end);
    // (span, marked as a place, can be a place) for every run of capitalised words.
    let mut runs: Vec<(Span, bool, bool)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some(n) = name_run(text, &toks[i..]) else {
            i += 1;
            continue;
        };
        let run = &toks[i..i + n];
        let span = Span::new(run[0].start, run[n - 1].end);
        let marked = cue_before(text, &toks[..i], span.start) || cue_after(text, &toks[i + n..], run);
        let taken = skip.iter().chain(found.iter().map(|p| &p.span)).any(|s| s.overlaps(span));
        let ok = !taken && plausible(g, run) && !names_people(text, &toks[i + n..], run);
        runs.push((span, marked, ok));
        i += n;
    }
    // "in A, B and C", "A, B and C villages": a cue marks the whole list.
    for k in 1..runs.len() {
        if runs[k - 1].1 && runs[k - 1].2 && list_joined(text, runs[k - 1].0.end, runs[k].0.start) {
            runs[k].1 = true;
        }
    }
    for k in (1..runs.len()).rev() {
        if runs[k].1 && runs[k].2 && list_joined(text, runs[k - 1].0.end, runs[k].0.start) {
            runs[k - 1].1 = true;
        }
    }
    runs.into_iter().filter(|r| r.1 && r.2).map(|(span, ..)| mention(text, span, country)).collect()
}

/// The length of the run of capitalised words starting at `toks[0]` (at most
/// four, joined by spaces or hyphens), stopping before an area word.
fn name_run(text: &str, toks: &[Token]) -> Option<usize> {
    let first = toks.first()?;
    let prefix = PREFIXES.contains(&first.key.as_str()) && toks.get(1).is_some_and(|t| word_like(text, t));
    if !word_like(text, first) || AREA.contains(first.key.as_str()) || STOP.contains(first.key.as_str()) && !prefix {
        return None;
    }
    let mut n = 1;
    while n < toks.len().min(4) {
        let (a, b) = (&toks[n - 1], &toks[n]);
        let gap = &text[a.end..b.start];
        let joined = gap == " " || gap == "-" || gap == "'" || gap == "’";
        if !joined || !word_like(text, b) || AREA.contains(b.key.as_str()) || STOP.contains(b.key.as_str()) {
            break;
        }
        n += 1;
    }
    Some(n)
}

/// A capitalised word that is not an all-caps acronym (unit or party names: "SPLA", "FARDC").
fn word_like(text: &str, t: &Token) -> bool {
    let word = &text[t.start..t.end];
    let acronym = word.chars().count() >= 2 && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
    t.capitalized && word.starts_with(char::is_alphabetic) && !acronym
}

/// "in X", "near X", "the village of X", "north of X", "SAF bombed X".
fn cue_before(text: &str, before: &[Token], start: usize) -> bool {
    let Some(prev) = before.last() else { return false };
    if !text[prev.end..start].chars().all(|c| c == ' ') {
        return false;
    }
    let key = prev.key.as_str();
    if LOCATIVES.contains(&key) || PLACE_VERBS.contains(&key) {
        return true;
    }
    key == "of" && before.len() >= 2 && OF_HEADS.contains(&before[before.len() - 2].key.as_str())
}

/// "X village", "X LGA", "X (25 km NE of Y)", "X north of Y".
fn cue_after(text: &str, after: &[Token], run: &[Token]) -> bool {
    let Some(last) = run.last() else { return false };
    let rest = &text[last.end..];
    if rest.trim_start_matches(' ').starts_with('(')
        && rest.trim_start_matches([' ', '(']).starts_with(|c: char| c.is_ascii_digit())
    {
        return true;
    }
    let Some(next) = after.first().filter(|t| text[last.end..t.start].trim().is_empty()) else { return false };
    if AREA.contains(next.key.as_str()) {
        return true;
    }
    let direction = COMPASS.iter().any(|(word, _)| *word == next.key);
    direction && after.get(1).is_some_and(|t| t.key == "of")
}

/// "A, B and C villages": a name right after an accepted one in a list.
fn list_joined(text: &str, end: usize, start: usize) -> bool {
    end <= start && matches!(text[end..start].trim(), "," | "and" | ", and" | "or" | "/")
}

/// A run that can be a place: not a demonym ("Somali"), not only short words.
fn plausible(g: &Gazetteer, run: &[Token]) -> bool {
    let letters: usize = run.iter().map(|t| t.key.chars().count()).sum();
    letters >= 3 && !(run.len() == 1 && g.demonym(&run[0].key).is_some())
}

/// "Bekuma residents", "Tuareg militia", "Amani hotel": the name qualifies
/// people (an ethnic or local group) or a facility, not a place.
fn names_people(text: &str, after: &[Token], run: &[Token]) -> bool {
    static NOUNS: LazyLock<FastSet<&'static str>> = LazyLock::new(|| {
        let facilities = FACILITIES.iter().copied().filter(|w| !w.contains(' ') && !LOCAL_AREA_WORDS.contains(w));
        PEOPLE.iter().map(|(w, _)| *w).chain(GROUP_NOUNS.iter().copied()).chain(facilities).collect()
    });
    let Some(last) = run.last() else { return false };
    after.first().is_some_and(|t| text[last.end..t.start] == *" " && NOUNS.contains(t.key.as_str()))
}

/// Area words of first-level divisions: "Yagha province" is an admin area, not a point.
const PROVINCE_WORDS: &[&str] = &["province", "state", "region", "governorate", "department", "prefecture", "wilaya"];

fn mention(text: &str, span: Span, country: Option<&Location>) -> PlaceMention {
    let next = text[span.end..].split_whitespace().next().unwrap_or("").to_lowercase();
    let province = PROVINCE_WORDS.contains(&next.trim_end_matches(|c: char| !c.is_alphabetic()));
    let mut chain = vec![Location {
        name: text[span.start..span.end].to_string(),
        country: country.and_then(|c| c.country.clone()),
        admin1: province.then(|| text[span.start..span.end].to_string()),
        lat: None,
        lon: None,
        precision: if province { GeoPrecision::AdminArea } else { GeoPrecision::Point },
        geonameid: None,
    }];
    chain.extend(country.cloned());
    PlaceMention { span, chain }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Extractor;

    fn names(text: &str) -> Vec<String> {
        let ex = Extractor::shared();
        let country = Location {
            name: "Kenya".into(),
            country: Some("KE".into()),
            admin1: None,
            lat: None,
            lon: None,
            precision: GeoPrecision::Country,
            geonameid: None,
        };
        let found = unlisted(ex.gazetteer(), text, Span::new(0, text.len()), &[], &[], Some(&country));
        assert!(found.iter().all(|p| p.chain[0].country.as_deref() == Some("KE")));
        found.into_iter().map(|p| p.chain[0].name.clone()).collect()
    }

    #[test]
    fn area_words_after_a_name_mark_a_place() {
        assert_eq!(names("Raiders burned Ndolwe village and looted Kasumbi Hills territory."), ["Ndolwe", "Kasumbi"]);
        assert_eq!(names("Youths rioted in the Mbale-Kirui LGA."), ["Mbale-Kirui"]);
        let ex = Extractor::shared();
        let text = "Clashes spread to Ngaramba province.";
        let found = unlisted(ex.gazetteer(), text, Span::new(0, text.len()), &[], &[], None);
        assert_eq!(found.first().map(|p| p.chain[0].precision), Some(GeoPrecision::AdminArea));
    }

    #[test]
    fn locative_prepositions_and_attack_verbs_mark_a_place() {
        assert_eq!(names("Gunmen killed a trader near Ololoi on Monday."), ["Ololoi"]);
        assert_eq!(names("The army shelled Kiboko and the town of Ndarugu."), ["Kiboko", "Ndarugu"]);
        assert_eq!(names("Cattle were stolen 20 km north of Lopet."), ["Lopet"]);
        assert_eq!(names("Fighting broke out in Port Sandile."), ["Port Sandile"]);
    }

    #[test]
    fn a_list_after_a_cue_is_all_places() {
        assert_eq!(names("Raids hit Omoro, Lakwa and Pabwo villages."), ["Omoro", "Lakwa", "Pabwo"]);
    }

    #[test]
    fn offsets_after_a_name_mark_it() {
        assert_eq!(names("Soldiers raided Kamoi (15km NE of Ololoi) at dawn."), ["Kamoi", "Ololoi"]);
        assert_eq!(names("A bomb hit Tirani east of Ololoi."), ["Tirani", "Ololoi"]);
    }

    #[test]
    fn unmarked_or_non_place_names_are_not_places() {
        // Sentence subjects, months, acronyms, titles, peoples and groups of people.
        assert!(names("Ololoi residents marched in March.").is_empty());
        assert!(names("Troops fought KDRF rebels in Mr Otieno's farm.").is_empty());
        assert!(names("Raiders attacked Pokot herders in Kenyan territory.").is_empty());
        assert!(names("Members prayed in Islam and in English.").is_empty());
        assert!(names("Rebels besieged the Amani Plaza hotel.").is_empty());
    }
}
