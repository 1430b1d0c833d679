//! Finding places in text and choosing which gazetteer entry a name means.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::gazetteer::{Gazetteer, Place};
use super::lexicon::{CALENDAR_WORDS, NOT_PLACES, PLACE_HEADS};
use super::phrases::FastSet;
use super::text::{Keywords, Span};
use super::tokens::{Token, name_key, tokenize};
use crate::model::geo::offset_point;
use crate::model::{GeoPrecision, Location};

/// A name in text that the gazetteer knows, with every entry it may mean.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub span: Span,
    /// The look-up key ("al bab").
    pub key: String,
    pub places: Vec<Place>,
    /// Followed by "province", "state", "district" ...: an admin area for sure.
    pub admin_suffix: bool,
}

/// A resolved place mention: the chain from the place itself up to its country.
#[derive(Clone, Debug)]
pub struct PlaceMention {
    pub span: Span,
    pub chain: Vec<Location>,
}

const ADMIN_SUFFIXES: &[&str] = &[
    "province",
    "state",
    "region",
    "district",
    "governorate",
    "department",
    "county",
    "prefecture",
    "division",
    "municipality",
];

/// Gazetteer names in `text[span]`: longest n-gram first, capitalised in
/// mixed-case text, not inside an actor's name, not a common word.
pub fn candidates(g: &Gazetteer, text: &str, span: Span, shouting: bool, skip: &[Span]) -> Vec<Candidate> {
    let tokens = tokenize(text, span.start, span.end);
    let mut out = Vec::new();
    let mut key = String::new();
    let mut i = 0;
    while i < tokens.len() {
        let mut matched = None;
        if (shouting || tokens[i].capitalized) && !tokens[i].key.chars().all(|c| c.is_ascii_digit()) {
            // No name is longer than the longest one starting with this word,
            // and names do not run across sentence punctuation.
            let longest = g.max_tokens_from(&tokens[i].key).min(g.max_tokens).min(tokens.len() - i);
            let mut reach = longest.min(1);
            while reach < longest && !breaks_name(text, &tokens[i + reach - 1], &tokens[i + reach]) {
                reach += 1;
            }
            for n in (1..=reach).rev() {
                if let Some(c) = try_ngram(g, text, &tokens[i..i + n], skip, shouting, &mut key) {
                    matched = Some((n, c));
                    break;
                }
            }
        }
        match matched {
            Some((n, mut c)) => {
                c.admin_suffix = tokens.get(i + n).is_some_and(|t| ADMIN_SUFFIXES.contains(&t.key.as_str()));
                out.push(c);
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

/// Punctuation between two tokens that a place name does not run across.
fn breaks_name(text: &str, a: &Token, b: &Token) -> bool {
    text[a.end..b.start].contains([',', '.', ';', ':', '(', ')'])
}

/// Words that put a person's name, not a place, next to them.
const NAME_JOINERS: &[&str] = &["al", "el", "bin", "ibn", "abu", "abd", "de", "van", "von", "da", "du", "ul"];

/// A place name inside a longer run of capitalised words that is not a
/// place ("General Scott Miller", "Ashraf Ghani") is probably a person.
fn name_context_ok(text: &str, toks: &[Token]) -> bool {
    let (Some(first), Some(last)) = (toks.first(), toks.last()) else { return false };
    let from = super::text::floor_boundary(text, first.start.saturating_sub(30)).max(line_start(text, first.start));
    let before = tokenize(text, from, first.start);
    let after = tokenize(text, last.end, super::text::floor_boundary(text, last.end + 30));
    let joined = |a: usize, b: usize| !text[a..b].contains([',', '.', ';', ':', '(', ')', '\n', '"']);
    // A hyphen joins two places, not a place and a person ("the Yei-Maridi road").
    let hyphen = |a: usize, b: usize| text[a..b].contains('-');
    let prev = before.last().filter(|t| joined(t.end, first.start));
    let next = after.first().filter(|t| joined(last.end, t.start));
    let person_prev = prev.is_some_and(|t| {
        let word = t.capitalized && !hyphen(t.end, first.start) && !sentence_start(text, t.start);
        (word && !t.key.chars().all(|c| c.is_ascii_digit())) || NAME_JOINERS.contains(&t.key.as_str())
    });
    let person_next =
        next.is_some_and(|t| t.capitalized && !hyphen(last.end, t.start) && !PLACE_HEADS.contains(&t.key.as_str()));
    !(person_prev || person_next)
}

fn line_start(text: &str, pos: usize) -> usize {
    text[..pos].rfind('\n').map_or(0, |p| p + 1)
}

fn sentence_start(text: &str, pos: usize) -> bool {
    let head = text[..pos].trim_end();
    head.is_empty() || head.ends_with(['.', '!', '?', '\n', '-', '"'])
}

/// The candidate for the name `toks` (already checked not to run across
/// punctuation); `key` is a reusable buffer.
fn try_ngram(
    g: &Gazetteer,
    text: &str,
    toks: &[Token],
    skip: &[Span],
    shouting: bool,
    key: &mut String,
) -> Option<Candidate> {
    let first = toks.first()?;
    let last = toks.last()?;
    key.clear();
    for (n, t) in toks.iter().enumerate() {
        if n > 0 {
            key.push(' ');
        }
        key.push_str(&t.key);
    }
    let places = g.lookup(key);
    if places.is_empty() {
        return None;
    }
    if toks.len() == 1 && (key.len() < 3 || not_place(key)) {
        return None;
    }
    let span = Span::new(first.start, last.end);
    if skip.iter().any(|s| s.overlaps(span)) {
        return None;
    }
    if !shouting && !name_context_ok(text, toks) {
        return None;
    }
    Some(Candidate { span, key: key.clone(), places: places.to_vec(), admin_suffix: false })
}

/// A word in [`NOT_PLACES`] or [`CALENDAR_WORDS`], through a hash set.
fn not_place(key: &str) -> bool {
    static SET: LazyLock<FastSet<&'static str>> =
        LazyLock::new(|| NOT_PLACES.iter().chain(CALENDAR_WORDS).copied().collect());
    SET.contains(key)
}

/// Countries named in text, directly or by a demonym ("Tajik", "Nigerian").
pub fn context_countries(g: &Gazetteer, text: &str, span: Span, cands: &[Candidate]) -> HashSet<String> {
    let mut set = HashSet::new();
    for c in cands {
        for p in &c.places {
            if let Place::Country(_) = p {
                set.insert(g.country_of(*p).to_string());
            }
        }
        // A name that only one country's places carry also sets context.
        let countries: HashSet<&str> = c.places.iter().map(|p| g.country_of(*p)).collect();
        if countries.len() == 1 && c.places.iter().any(|p| big(g, *p)) {
            set.extend(countries.into_iter().map(str::to_string));
        }
    }
    for t in tokenize(text, span.start, span.end).iter().filter(|t| t.capitalized) {
        if let Some(idx) = g.demonym(&t.key) {
            set.insert(g.countries[idx as usize].iso2.clone());
        } else if let Some((_, iso2)) = PEOPLES.iter().find(|(p, _)| *p == t.key) {
            set.insert((*iso2).to_string());
        }
    }
    set
}

/// Peoples whose homeland lies within one country: "Oromo students
/// protested" is set in Ethiopia. Only peoples few live outside it.
const PEOPLES: &[(&str, &str)] = &[
    ("oromo", "ET"),
    ("oromos", "ET"),
    ("tigrayan", "ET"),
    ("tigrayans", "ET"),
    ("kikuyu", "KE"),
    ("kalenjin", "KE"),
    ("yoruba", "NG"),
    ("igbo", "NG"),
    ("ijaw", "NG"),
    ("baganda", "UG"),
];

/// A city of 100,000 or more, or any admin area or country.
pub fn big(g: &Gazetteer, p: Place) -> bool {
    match p {
        Place::City(i) => g.cities[i as usize].population >= 100_000,
        _ => true,
    }
}

/// Picks the most plausible entry for a candidate, or none when no reading
/// is plausible (a small foreign village named like a word, say).
pub fn resolve(g: &Gazetteer, cand: &Candidate, context: &HashSet<String>) -> Option<Place> {
    let mut best: Option<(f64, Place)> = None;
    for &p in &cand.places {
        let in_context = context.contains(g.country_of(p));
        let score = match p {
            Place::Country(_) => 1000.0,
            Place::Admin(_) if cand.admin_suffix && in_context => 950.0,
            Place::Admin(_) if in_context => 600.0,
            Place::Admin(_) if context.is_empty() => 80.0,
            Place::Admin(_) => continue,
            Place::City(i) => {
                let pop = f64::from(g.cities[i as usize].population.max(1));
                let base = pop.log10() * 20.0;
                // A foreign city must be famous; one known only by an alternate name must be local.
                let alias = g.is_alias_only(&cand.key, p);
                // With no country named anywhere, any sizeable town may be meant.
                let foreign_floor = if context.is_empty() { 1_000.0 } else { 500_000.0 };
                // With no country named, an alternate name of a sizeable town
                // (a town's own name elsewhere is rarely its alternate) may be meant too.
                let alias_floor = if context.is_empty() { 50_000.0 } else { f64::INFINITY };
                let plausible = (in_context && (!alias || pop >= 15_000.0))
                    || (!alias && pop >= foreign_floor)
                    || (alias && pop >= alias_floor);
                if !plausible {
                    continue;
                }
                // A town's own name outranks another town's former or variant name
                // ("San Miguel" is El Salvador's city before it is San Diego's old name).
                let alias_penalty = if alias { -20.0 } else { 0.0 };
                base + alias_penalty
                    + if in_context { 400.0 } else { 0.0 }
                    + if cand.admin_suffix { -300.0 } else { 0.0 }
            }
        };
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, p));
        }
    }
    best.map(|(_, p)| p)
}

static OFFSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:about|some|around|nearly|roughly|approximately)?\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>km|kms|kilomet(?:er|re)s?|miles?|mi)\b(?:\s*\([^)]{0,30}\))?\s+(?P<dir>north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)\s+of\s+(?:the\s+(?:capital|city|town|village|provincial capital)(?:\s+of)?\s+|(?:the\s+)?(?:capital|city|town)\s+)?")
        .expect("offset pattern compiles")
});

/// Words [`OFFSET`] needs: a direction (bit 1) and a unit (bit 2).
static OFFSET_WORDS: LazyLock<Keywords> = LazyLock::new(|| {
    Keywords::new(&[("north", 1), ("south", 1), ("east", 1), ("west", 1), ("km", 2), ("kilomet", 2), ("mi", 2)])
});

/// "50 km southwest of Dushanbe": a point offset from a known place, with
/// approximate precision. Returns the mention and the span of the anchor name.
pub fn offset_mentions(g: &Gazetteer, text: &str, span: Span, mentions: &[PlaceMention]) -> Vec<(PlaceMention, Span)> {
    let slice = &text[span.start..span.end];
    let mut out = Vec::new();
    // Without an anchor name there is nothing to offset from; without a
    // digit (any script's when the text is not ASCII), a direction and a
    // unit the pattern cannot match.
    if mentions.is_empty() || slice.is_ascii() && !slice.bytes().any(|b| b.is_ascii_digit()) {
        return out;
    }
    let cues = OFFSET_WORDS.scan(slice);
    if cues & 1 == 0 || cues & 2 == 0 {
        return out;
    }
    for caps in OFFSET.captures_iter(slice) {
        let whole = caps.get(0).expect("group 0");
        let anchor_start = span.start + whole.end();
        let Some(anchor) = mentions.iter().find(|m| m.span.start == anchor_start) else {
            continue;
        };
        let Some(base) = anchor.chain.first() else {
            continue;
        };
        let (Some(lat), Some(lon)) = (base.lat, base.lon) else {
            continue;
        };
        let mut km: f64 = caps["n"].parse().unwrap_or(0.0);
        if caps["unit"].to_ascii_lowercase().starts_with('m') {
            km *= 1.609;
        }
        let bearing = bearing(&caps["dir"]);
        let (plat, plon) = offset_point(lat, lon, km, bearing);
        let mention_span = Span::new(
            span.start + whole.start() + (whole.as_str().len() - whole.as_str().trim_start().len()),
            anchor.span.end,
        );
        let name = format!("{} km {} of {}", km.round(), caps["dir"].to_ascii_lowercase(), base.name);
        let mut chain = vec![Location {
            name,
            country: base.country.clone(),
            // 50 km from a town may be in another province: the admin area is not known.
            admin1: None,
            lat: Some((plat * 1e5).round() / 1e5),
            lon: Some((plon * 1e5).round() / 1e5),
            precision: GeoPrecision::Approximate,
            geonameid: None,
        }];
        // The offset point lies in the anchor's country; its admin area may differ.
        chain.extend(anchor.chain.iter().filter(|l| l.precision == GeoPrecision::Country).cloned());
        let _ = g;
        out.push((PlaceMention { span: mention_span, chain }, anchor.span));
    }
    out
}

/// The eight compass points and their bearings in degrees.
pub(super) const COMPASS: [(&str, f64); 8] = [
    ("north", 0.0),
    ("northeast", 45.0),
    ("east", 90.0),
    ("southeast", 135.0),
    ("south", 180.0),
    ("southwest", 225.0),
    ("west", 270.0),
    ("northwest", 315.0),
];

fn bearing(dir: &str) -> f64 {
    let key = dir.to_ascii_lowercase().replace('-', "");
    COMPASS.iter().find(|(word, _)| *word == key).map_or(315.0, |(_, degrees)| *degrees)
}

/// Words that may close a place name in a comma list ("Sayghan district", "Jusiga village").
const AREA_WORDS: &[&str] = &[
    "district",
    "village",
    "city",
    "town",
    "area",
    "province",
    "state",
    "region",
    "county",
    "municipality",
    "neighborhood",
    "neighbourhood",
    "camp",
    "chieftaincy",
    "sub-district",
    "subdistrict",
    "ward",
    "governorate",
    "department",
    "prefecture",
    "commune",
    "locality",
    "barangay",
];

/// Sub-areas that are not the town itself ("Plagwitz district, Leipzig").
const SUBAREA_WORDS: &[&str] = &[
    "district",
    "area",
    "neighborhood",
    "neighbourhood",
    "chieftaincy",
    "ward",
    "camp",
    "sub-district",
    "subdistrict",
    "road",
    "street",
    "junction",
    "square",
    "market",
];

/// "in Puli Alam, Logar, Afghanistan": a comma list before a country names
/// places from the most to the least specific. The part just before the
/// country is the admin area when the gazetteer says so, and the town is the
/// first part that is not a sub-area, kept by name even when the gazetteer
/// does not know it.
pub fn comma_lists(g: &Gazetteer, text: &str, sentence: Span, found: &mut Vec<PlaceMention>) {
    let countries: Vec<PlaceMention> = found
        .iter()
        .filter(|m| m.chain.first().is_some_and(|l| l.precision == GeoPrecision::Country))
        .cloned()
        .collect();
    for country in countries {
        let parts = list_before(text, sentence.start, country.span.start);
        if parts.is_empty() {
            continue;
        }
        if let Some(mention) = town_in_list(g, text, &parts, &country) {
            let covered = Span::new(parts[0].start, country.span.start);
            found.retain(|m| !covered.overlaps(m.span));
            found.push(mention);
        }
    }
}

/// The comma-separated names right before `end`, leftmost first: each a run of
/// capitalised words, the leftmost one cut after the last lower-case word.
fn list_before(text: &str, start: usize, end: usize) -> Vec<Span> {
    let head = text[start..end].trim_end();
    let Some(head) = head.strip_suffix(',') else { return Vec::new() };
    let mut parts = Vec::new();
    let mut cursor = start + head.len();
    for _ in 0..4 {
        let piece_start = text[start..cursor].rfind(',').map_or(start, |p| start + p + 1);
        let toks = tokenize(text, piece_start, cursor);
        let run = capitalised_run(&toks);
        if run == 0 {
            break;
        }
        let first = &toks[toks.len() - run];
        parts.push(Span::new(first.start, toks[toks.len() - 1].end));
        if run < toks.len() || piece_start == start {
            break; // the leftmost name: something else comes before it
        }
        cursor = piece_start - 1;
    }
    parts.reverse();
    parts
}

/// How many tokens at the end of `toks` form a capitalised name (with an area word at its end).
fn capitalised_run(toks: &[Token]) -> usize {
    let mut n = 0;
    for (i, t) in toks.iter().enumerate().rev() {
        let last = i + 1 == toks.len();
        let ok = t.capitalized
            || (last && AREA_WORDS.contains(&t.key.as_str()))
            || (n > 0 && NAME_JOINERS.contains(&t.key.as_str()))
            || (n > 0 && i > 0 && ezafe(&toks[i - 1], t));
        if !ok {
            break;
        }
        n += 1;
    }
    // A run must contain a capitalised word, not only an area word.
    if toks.iter().rev().take(n).any(|t| t.capitalized) { n } else { 0 }
}

/// The Persian linking vowel written with hyphens inside a place name:
/// "Qala-i-Naw", "Pul-e-Khishti", "Sar-e Howz".
fn ezafe(before: &Token, t: &Token) -> bool {
    matches!(t.key.as_str(), "i" | "e" | "ye") && before.end + 1 == t.start
}

/// A town part that is a quarter of a city: "Mansour neighborhood", "Police
/// District 8" (a named "X district" is a district of a province, not of a city).
fn city_quarter(text: &str, s: &Span) -> bool {
    let words: Vec<String> = text[s.start..s.end].split(' ').map(str::to_lowercase).collect();
    let last = words.last().map(String::as_str).unwrap_or("");
    let numbered = last.bytes().all(|b| b.is_ascii_digit())
        && words.iter().any(|w| matches!(w.as_str(), "district" | "zone" | "sector" | "ward" | "block"));
    matches!(last, "neighborhood" | "neighbourhood" | "quarter" | "suburb") || numbered
}

fn town_in_list(g: &Gazetteer, text: &str, parts: &[Span], country: &PlaceMention) -> Option<PlaceMention> {
    let country_loc = country.chain.first()?.clone();
    let iso = country_loc.country.clone()?;
    let last = *parts.last()?;
    let admin = g.lookup(&name_key(strip_suffix(&text[last.start..last.end]))).iter().find_map(|p| match p {
        Place::Admin(i) if g.admins[*i as usize].iso2 == iso => Some(*i),
        _ => None,
    });
    let towns = match admin {
        Some(i) if parts.len() == 1 => return Some(PlaceMention { span: last, chain: g.chain(Place::Admin(i)) }),
        Some(_) => &parts[..parts.len() - 1],
        None => parts,
    };
    let subarea = |s: &Span| {
        text[s.start..s.end].rsplit(' ').next().is_some_and(|w| SUBAREA_WORDS.contains(&w.to_lowercase().as_str()))
    };
    // "Police District 8, Kabul, Afghanistan": the part of a city, then the province named
    // after it; the town is that city.
    if let Some(i) = admin.filter(|_| towns.iter().all(|s| city_quarter(text, s))) {
        let code = &g.admins[i as usize].code;
        let city = g.lookup(&name_key(strip_suffix(&text[last.start..last.end]))).iter().copied().find(|p| {
            matches!(p, Place::City(c) if format!("{}.{}", g.cities[*c as usize].iso2, g.cities[*c as usize].admin1) == *code)
        });
        if let Some(place) = city {
            return Some(PlaceMention { span: last, chain: g.chain(place) });
        }
    }
    let town = *towns.iter().find(|s| !subarea(s)).or(towns.last())?;
    let name = strip_suffix(&text[town.start..town.end]);
    let admin_code = admin.map(|i| g.admins[i as usize].code.clone());
    let known = g.lookup(&name_key(name)).iter().copied().filter(|p| match p {
        Place::City(i) => {
            let c = &g.cities[*i as usize];
            c.iso2 == iso && admin_code.as_ref().is_none_or(|code| *code == format!("{}.{}", c.iso2, c.admin1))
        }
        _ => false,
    });
    let best = known.max_by_key(|p| match p {
        Place::City(i) => g.cities[*i as usize].population,
        _ => 0,
    });
    let chain = match best {
        Some(place) => g.chain(place),
        None => {
            let admin_chain: Vec<Location> =
                admin.map(|i| g.chain(Place::Admin(i))).unwrap_or_else(|| vec![country_loc.clone()]);
            let admin_name = admin.map(|i| g.admins[i as usize].name.clone());
            let mut chain = vec![Location {
                name: name.to_string(),
                country: Some(iso.clone()),
                admin1: admin_name,
                lat: None,
                lon: None,
                precision: GeoPrecision::Point,
                geonameid: None,
            }];
            chain.extend(admin_chain);
            chain
        }
    };
    Some(PlaceMention { span: town, chain })
}

fn strip_suffix(name: &str) -> &str {
    let trimmed = name.trim();
    for suffix in [
        " city",
        " City",
        " town",
        " village",
        " district",
        " District",
        " province",
        " Province",
        " state",
        " State",
        " governorate",
        " Governorate",
        " region",
        " Region",
        // "the Datta Khel area": around the place, named by it.
        " area",
        " Area",
    ] {
        if let Some(rest) = trimmed.strip_suffix(suffix) {
            return rest.trim_end();
        }
    }
    trimmed
}
