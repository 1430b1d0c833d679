//! Per-sentence analysis: actors, places, time expressions, triggers and
//! responsibility statements, before any decision about incidents.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::Extractor;
use super::dates::{self, TimeExpr};
use super::forces;
use super::gazetteer::Place;
use super::mentions::{self, Mention};
use super::phrases::FastSet;
use super::places::{self, PlaceMention};
use super::statements::{self, Statement};
use super::text::{self, Span};
use super::tokens::tokenize;
use super::triggers::{self, Hit};
use super::unlisted;
use crate::model::{ActorKind, ActorRecord, DateRange};

/// What one sentence says, before deciding which incident it belongs to.
pub(super) struct SentenceInfo {
    pub span: Span,
    pub mentions: Vec<Mention>,
    pub places: Vec<PlaceMention>,
    /// Towns and areas inside actor names ("the Benghazi Shura Council"): the
    /// place of an incident that names no other.
    pub inner_places: Vec<PlaceMention>,
    pub times: Vec<TimeExpr>,
    pub statements: Vec<Statement>,
    pub hits: Vec<Hit>,
    pub speaker: Option<(Span, String)>,
}

impl SentenceInfo {
    pub(super) fn event_hits(&self, clause: Span) -> impl Iterator<Item = &Hit> {
        self.hits.iter().filter(move |h| !h.generic && clause.contains(h.span))
    }

    pub(super) fn event_time(&self, clause: Span) -> Option<DateRange> {
        let event = || self.times.iter().filter(|t| !t.reporting && clause.contains(t.span));
        event().find(|t| t.explicit).or_else(|| event().next()).map(|t| t.range)
    }
}

/// Splits off a dateline ("DUSHANBE (Reuters) - "): where the reporter is, not the incident.
pub(super) fn split_dateline(text: &str, body: Span) -> (Option<Span>, Span) {
    static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*([A-Z][A-Za-z .'’-]{1,40}?)(?:,\s*[A-Z][A-Za-z .]{1,30})?(?:,\s*\d{1,2}\s+[A-Za-z]{3,9}\s+\d{2,4})?\s*(?:\([^)\n]{1,40}\))?\s*(?:--|[-–—:])\s+")
            .expect("dateline pattern compiles")
    });
    let slice = &text[body.start..body.end];
    match DATELINE.captures(slice) {
        Some(c) if c[1].chars().filter(|ch| ch.is_alphabetic()).all(char::is_uppercase) => {
            let place = c.get(1).expect("group 1");
            let whole = c.get(0).expect("group 0");
            (
                Some(Span::new(body.start + place.start(), body.start + place.end())),
                Span::new(body.start + whole.end(), body.end),
            )
        }
        _ => (None, body),
    }
}

pub(super) fn analyse(
    ex: &Extractor,
    text: &str,
    body: Span,
    dateline: Option<Span>,
    published: NaiveDate,
    shouting: bool,
) -> Vec<SentenceInfo> {
    let g = ex.gazetteer();
    let spans = text::sentences(text, body);
    let mut last_group: Option<ActorRecord> = None;
    let mut infos = Vec::new();
    let mut all_cands: Vec<Vec<places::Candidate>> = Vec::new();
    let mut article_countries = std::collections::HashSet::new();
    for &span in &spans {
        let mut mentions = mentions::find(ex.actors(), text, span, shouting, last_group.as_ref());
        if let Some(m) = mentions.iter().rev().find(|m| m.actor.kind == ActorKind::ArmedGroup) {
            last_group = Some(m.actor.clone());
        }
        article_countries.extend(mentions.iter().filter_map(|m| m.actor.country.clone()));
        // A name found only by its given name ("Ahmed Zakariya") yields to a place of that name.
        let by_name = |m: &mentions::Mention| super::persons::is_named_person(&m.actor) && m.span == m.core;
        let skip: Vec<Span> =
            mentions.iter().filter(|m| !m.actor.kind.is_generic() && !by_name(m)).map(|m| m.core).collect();
        let cands = places::candidates(g, text, span, shouting, &skip);
        mentions.retain(|m| !by_name(m) || !cands.iter().any(|c| c.span.contains(m.span)));
        all_cands.push(cands);
        infos.push(SentenceInfo {
            span,
            times: dates::find(text, span, published).into_iter().filter(|t| !since_before(text, t.span)).collect(),
            statements: statements::find(text, span),
            hits: triggers::find(text, span),
            speaker: statements::speaker(text, span),
            mentions,
            places: Vec::new(),
            inner_places: Vec::new(),
        });
    }
    let persons = person_tokens(text, body);
    for cands in &mut all_cands {
        cands.retain(|c| !persons.contains(&c.key));
    }
    let flat: Vec<places::Candidate> = all_cands.iter().flatten().cloned().collect();
    article_countries.extend(places::context_countries(g, text, body, &flat));
    if let Some(d) = dateline {
        let cands = places::candidates(g, text, d, true, &[]);
        let resolved: Vec<String> = cands
            .iter()
            .filter_map(|c| places::resolve(g, c, &article_countries))
            .map(|p| g.country_of(p).to_string())
            .collect();
        article_countries.extend(resolved);
    }
    for (info, cands) in infos.iter_mut().zip(all_cands) {
        let mut found: Vec<PlaceMention> = cands
            .iter()
            .filter_map(|c| {
                places::resolve(g, c, &article_countries).map(|p| PlaceMention { span: c.span, chain: g.chain(p) })
            })
            .collect();
        for (offset, anchor) in places::offset_mentions(g, text, info.span, &found) {
            found.retain(|m| m.span != anchor);
            found.push(offset);
        }
        places::comma_lists(g, text, info.span, &mut found);
        info.places = found;
    }
    if !shouting {
        inner_places(ex, text, &mut infos, &article_countries);
    }
    let country = article_country(g, &infos, &article_countries);
    add_unlisted(ex, text, &mut infos, &persons, country.as_ref().map(|(iso, _)| iso.as_str()), shouting);
    let placed = infos.iter().flat_map(|i| &i.places).filter_map(|p| p.chain.last().and_then(|l| l.country.clone()));
    let article = forces::ArticleCountries { named: article_countries.clone(), placed: placed.collect() };
    for info in &mut infos {
        let here = forces::force_country(g, &info.places, country.as_ref(), &article_countries);
        let here = here.as_ref().map(|(iso, name)| (iso.as_str(), name.as_str()));
        mentions::national_forces(ex.actors(), g, text, info.span, here, &mut info.mentions);
        let here = if forces::drop_force_countries(&mut info.places, &info.mentions) {
            forces::force_country(g, &info.places, country.as_ref(), &article_countries)
        } else {
            here.map(|(iso, name)| (iso.to_string(), name.to_string()))
        };
        let here = here.as_ref().map(|(iso, name)| (iso.as_str(), name.as_str()));
        let placed = info.places.iter().any(|p| p.chain.last().is_some_and(|l| l.country.is_some()));
        forces::contingents(ex.actors(), here.map(|(iso, _)| iso), placed, &article, &mut info.mentions);
        forces::vigilantes(ex.actors(), text, info.span, here, &mut info.mentions);
    }
    infos
}

/// Places the gazetteer does not know, marked as places by the sentence
/// ("in Kalemba village"), in the article's country. Not in upper-case text,
/// where capitals mark nothing.
fn add_unlisted(
    ex: &Extractor,
    text: &str,
    infos: &mut [SentenceInfo],
    persons: &std::collections::HashSet<String>,
    country: Option<&str>,
    shouting: bool,
) {
    if shouting {
        return;
    }
    let g = ex.gazetteer();
    let country = country.and_then(|iso| g.country_index(iso)).and_then(|i| g.chain(Place::Country(i)).pop());
    for info in infos.iter_mut() {
        let skip: Vec<Span> = info.mentions.iter().filter(|m| !m.actor.kind.is_generic()).map(|m| m.core).collect();
        let new = unlisted::unlisted(g, text, info.span, &skip, &info.places, country.as_ref());
        let person = |p: &PlaceMention| {
            tokenize(text, p.span.start, p.span.end).iter().any(|t| persons.contains(t.key.as_str()))
        };
        info.places.extend(new.into_iter().filter(|p| !person(p)));
    }
}

/// Towns and admin areas named inside the names of armed groups and
/// organizations ("Benghazi Revolutionaries Shura Council", "Misrata
/// militia"): such groups are named after where they are based. Only cities
/// of 100,000 or more and admin areas, as a word of a group's name may be a
/// village's name by chance.
fn inner_places(ex: &Extractor, text: &str, infos: &mut [SentenceInfo], context: &std::collections::HashSet<String>) {
    let g = ex.gazetteer();
    for info in infos.iter_mut() {
        let kinds = |m: &&Mention| matches!(m.actor.kind, ActorKind::ArmedGroup | ActorKind::Organization);
        // Inside a name, the words around a place are the name's, not a person's.
        let cands: Vec<places::Candidate> =
            info.mentions.iter().filter(kinds).flat_map(|m| places::candidates(g, text, m.core, true, &[])).collect();
        info.inner_places = cands
            .iter()
            .filter(|c| tokenize(text, c.span.start, c.span.end).iter().all(|t| t.capitalized))
            .filter_map(|c| {
                let place =
                    places::resolve(g, c, context).filter(|p| !matches!(p, Place::Country(_)) && places::big(g, *p))?;
                Some(PlaceMention { span: c.span, chain: g.chain(place) })
            })
            .collect();
    }
}

/// The country an article is mostly about: the most frequent country of its
/// places, else the only country it names.
fn article_country(
    g: &super::gazetteer::Gazetteer,
    infos: &[SentenceInfo],
    named: &std::collections::HashSet<String>,
) -> Option<(String, String)> {
    // Counts in order of first mention: a tie goes to the country named first.
    let mut counts: Vec<(String, usize)> = Vec::new();
    for p in infos.iter().flat_map(|i| &i.places) {
        if let Some(c) = p.chain.first().and_then(|l| l.country.as_deref()) {
            match counts.iter_mut().find(|(k, _)| k == c) {
                Some((_, n)) => *n += 1,
                None => counts.push((c.to_string(), 1)),
            }
        }
    }
    let top = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let best = counts.into_iter().find(|(_, n)| *n == top).map(|(c, _)| c);
    let iso = best.or_else(|| (named.len() == 1).then(|| named.iter().next().cloned()).flatten())?;
    let idx = g.country_index(&iso)?;
    Some((iso, g.countries[idx as usize].name.clone()))
}

/// "since 2009" dates a state of affairs, not an event.
fn since_before(text: &str, span: Span) -> bool {
    // "the deadliest attack since the insurgency began in 2015": the whole "since" clause.
    let from = text::floor_boundary(text, span.start.saturating_sub(60));
    let from = text[from..span.start].rfind([',', ';', '.']).map_or(from, |p| from + p);
    text[from..span.start].to_ascii_lowercase().contains("since")
        || text[span.start..span.end].to_ascii_lowercase().starts_with("since")
}

/// Titles that introduce a person's name ("President Ashraf Ghani").
const TITLES: &[&str] = &[
    "president",
    "general",
    "gen",
    "minister",
    "cleric",
    "leader",
    "spokesman",
    "spokeswoman",
    "commander",
    "colonel",
    "col",
    "governor",
    "gov",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sheikh",
    "imam",
    "lieutenant",
    "lt",
    "captain",
    "capt",
    "sergeant",
    "major",
    "emir",
    "king",
    "prince",
    "judge",
    "senator",
    "mayor",
    "pope",
    "bishop",
    "cardinal",
    "chairman",
    "secretary",
    "ambassador",
    "envoy",
    "warlord",
    "militant",
    "jihadist",
    "official",
];

static TITLE_SET: LazyLock<FastSet<&str>> = LazyLock::new(|| TITLES.iter().copied().collect());

/// Words of person names in the article: the capitalised words after a
/// title or around a name particle ("Moqtada al-Sadr"). A place name that is
/// also one of them ("Sadr") is taken as the person everywhere in the article.
fn person_tokens(text: &str, body: Span) -> std::collections::HashSet<String> {
    let toks = tokenize(text, body.start, body.end);
    let mut out = std::collections::HashSet::new();
    for (i, t) in toks.iter().enumerate() {
        let titled = TITLE_SET.contains(t.key.as_str());
        let particle = matches!(t.key.as_str(), "al" | "bin" | "ibn" | "abu") && i > 0 && toks[i - 1].capitalized;
        if !(titled || particle) {
            continue;
        }
        if particle {
            out.insert(toks[i - 1].key.to_string());
        }
        for n in toks.iter().skip(i + 1).take(3) {
            let joined = text[t.end..n.start].chars().all(|c| c.is_alphanumeric() || c == ' ' || c == '-');
            if !(n.capitalized || matches!(n.key.as_str(), "al" | "bin" | "ibn")) || !joined {
                break;
            }
            out.insert(n.key.to_string());
        }
    }
    out
}

/// "the attack", "Saturday's bombing", "this blast": a trigger noun that refers back.
pub(super) fn definite(text: &str, sentence: Span, hit: &Hit) -> bool {
    let toks = tokenize(text, sentence.start, hit.span.start);
    let before: Vec<&str> = toks.iter().rev().take(3).map(|t| t.key.as_str()).collect();
    matches!(before.first(), Some(&"the") | Some(&"this") | Some(&"that") | Some(&"its") | Some(&"s"))
        || (before.len() >= 2
            && matches!(before[1], "the" | "this" | "that")
            && !matches!(before[0], "second" | "third" | "other"))
}
