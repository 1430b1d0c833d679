//! Places the gazetteer does not know: villages, towns and local areas that
//! the sentence itself marks as places ("in Kalemba village", "the town of
//! Ndora", "near Bugoma", "Mpati territory"). They are kept by name, in the
//! article's country, without coordinates.

use std::ops::Not;
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
const LOCATIVES: &[&str] = &["in", "at", "near", "around", "outside", "inside", "towards", "toward", "into", "along"];

/// Nouns of attack or movement before "on" that make the name after it a place ("air raids on X").
const ON_HEADS: &[&str] = &[
    "attack",
    "attacks",
    "raid",
    "raids",
    "assault",
    "assaults",
    "strike",
    "strikes",
    "airstrike",
    "airstrikes",
    "bombardment",
    "bombardments",
    "offensive",
    "fire",
    "shooting",
    "shelling",
    "advance",
    "march",
];

/// Words after a name that make it, and each part of a hyphenated name, a
/// place: the ends of a route ("the Yei-Maridi road", "the Mbau-Kamango axis").
const ROUTE_WORDS: &[&str] = &["road", "highway", "axis", "corridor", "route"];

/// Words before "between A and B" that make both names places.
const BETWEEN_HEADS: &[&str] =
    &["road", "highway", "travelling", "traveling", "located", "situated", "midway", "way", "route", "border"];

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
    "areas",
    "localities",
    "districts",
    "territories",
    "communities",
    "community",
    // Who lives there or holds it: "residents of X", "took control of X".
    "residents",
    "inhabitants",
    "population",
    "people",
    "control",
    "capture",
    "takeover",
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
    // (span, marked as a place, can be a place) for every run of capitalised
    // words, with the index of the token before it.
    let mut runs: Vec<(Span, bool, bool)> = Vec::new();
    let mut before: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some(n) = name_run(text, &toks[i..]) else {
            i += 1;
            continue;
        };
        let run = &toks[i..i + n];
        let marked = cue_before(text, &toks[..i], run[0].start) || cue_after(text, &toks[i + n..], run);
        for part in route_parts(text, run, &toks[i + n..]) {
            let span = Span::new(part[0].start, part[part.len() - 1].end);
            let taken = skip.iter().chain(found.iter().map(|p| &p.span)).any(|s| s.overlaps(span));
            let ok = !taken && plausible(g, part) && !names_people(text, &toks[i + n..], part);
            runs.push((span, marked, ok));
            before.push(i);
        }
        i += n;
    }
    pair_cues(text, &toks, &before, &mut runs);
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

/// The parts of a hyphenated run before a route word ("Yei-Maridi road" gives
/// Yei and Maridi); any other run whole.
fn route_parts<'t>(text: &str, run: &'t [Token], after: &[Token]) -> Vec<&'t [Token]> {
    let route = after.first().is_some_and(|t| ROUTE_WORDS.contains(&t.key.as_str()));
    if !route {
        return vec![run];
    }
    let mut parts = Vec::new();
    let mut start = 0;
    for k in 1..run.len() {
        if &text[run[k - 1].end..run[k].start] == "-" {
            parts.push(&run[start..k]);
            start = k;
        }
    }
    parts.push(&run[start..]);
    parts
}

/// "from A to B", "the road between A and B": both names are places.
fn pair_cues(text: &str, toks: &[Token], before: &[usize], runs: &mut [(Span, bool, bool)]) {
    let word = |i: Option<usize>| i.and_then(|i| toks.get(i)).map_or("", |t| t.key.as_str());
    for k in 1..runs.len() {
        let gap = text.get(runs[k - 1].0.end..runs[k].0.start).map_or("", str::trim);
        let at = before[k - 1].checked_sub(1);
        let paired = match gap {
            "to" => word(at) == "from",
            "and" => word(at) == "between" && BETWEEN_HEADS.contains(&word(at.and_then(|a| a.checked_sub(1)))),
            _ => false,
        };
        if paired {
            runs[k - 1].1 = true;
            runs[k].1 = true;
        }
    }
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
    let head = before.len().checked_sub(2).map(|i| before[i].key.as_str());
    // "in south Irumu", "in southern Kordofan": a lower-case compass word between.
    let part = prev.capitalized.not() && PARTS.contains(&key) && head.is_some_and(|h| LOCATIVES.contains(&h));
    part || match key {
        "of" => head.is_some_and(|h| OF_HEADS.contains(&h)),
        "on" => head.is_some_and(|h| ON_HEADS.contains(&h)),
        _ => false,
    }
}

/// Compass words for a part of a place.
const PARTS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
];

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
    if AREA.contains(next.key.as_str()) || ROUTE_WORDS.contains(&next.key.as_str()) {
        return true;
    }
    let direction = COMPASS.iter().any(|(word, _)| *word == next.key);
    direction && after.get(1).is_some_and(|t| t.key == "of")
}

/// "A, B and C villages": a name right after an accepted one in a list.
/// Also "A village, B": the area that holds the place named before it.
fn list_joined(text: &str, end: usize, start: usize) -> bool {
    if end > start {
        return false;
    }
    let gap = text[end..start].trim();
    let held = gap.strip_suffix(',').is_some_and(|w| AREA.contains(w.trim().to_lowercase().as_str()));
    held || matches!(gap, "," | "and" | ", and" | "or" | "/")
}

/// A run that can be a place: not a demonym ("Somali"), not only short words.
fn plausible(g: &Gazetteer, run: &[Token]) -> bool {
    let letters: usize = run.iter().map(|t| t.key.chars().count()).sum();
    letters >= 3 && !(run.len() == 1 && g.demonym(&run[0].key).is_some())
}

/// Facilities usually named after the place they serve ("Ngagara market",
/// "Pibor airstrip", "Mulago hospital"), unlike hotels or shops.
const TOWN_FACILITIES: &[&str] =
    &["market", "marketplace", "airport", "airstrip", "prison", "jail", "hospital", "university", "campus"];

/// "Bekuma residents", "Tuareg militia", "Amani hotel": the name qualifies
/// people (an ethnic or local group) or a facility, not a place.
fn names_people(text: &str, after: &[Token], run: &[Token]) -> bool {
    static NOUNS: LazyLock<FastSet<&'static str>> = LazyLock::new(|| {
        let facilities = FACILITIES
            .iter()
            .copied()
            .filter(|w| !w.contains(' ') && !LOCAL_AREA_WORDS.contains(w) && !TOWN_FACILITIES.contains(w));
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
