//! ACLED: CSV with pre-2019 column names, text = `NOTES`, publication date =
//! `EVENT_DATE`. Scores ACTOR1, location, fatalities and event type. See EVAL.md.

use std::path::Path;

use super::metrics::place_norm;
use super::names::{CountryIndex, GoldActor, acled_actor, actor_keys, keys_meet, predicted_keys};
use super::{Runner, Scoring, list, open};
use crate::error::{Error, Result};
use crate::extract::{ExtractOptions, Extractor, parse_published};
use crate::model::{ActorRecord, ExtractedArticle, PlaceRecord};

/// The gold fields of one ACLED row that ckg is scored on.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AcledGold {
    pub id: String,
    pub notes: String,
    pub event_date: String,
    pub event_type: String,
    pub actor1: String,
    pub country: String,
    pub admin1: String,
    pub location: String,
    pub fatalities: Option<u32>,
}

/// The current ACLED event types a gold `EVENT_TYPE` (pre-2019 or current)
/// corresponds to; `None` for a name this table does not know.
pub fn acled_event_type(gold: &str) -> Option<&'static [&'static str]> {
    let g = gold.trim();
    let lower = g.to_ascii_lowercase();
    Some(match lower.as_str() {
        _ if lower.starts_with("battle") => &["Battles"],
        "violence against civilians" => &["Violence against civilians"],
        "remote violence" | "explosions/remote violence" => &["Explosions/Remote violence"],
        "riots/protests" => &["Riots", "Protests"],
        "riots" => &["Riots"],
        "protests" => &["Protests"],
        "strategic development"
        | "strategic developments"
        | "non-violent transfer of territory"
        | "headquarters or base established" => &["Strategic developments"],
        _ => return None,
    })
}

type Published = chrono::DateTime<chrono::FixedOffset>;

/// Column positions, found by header name.
struct Columns {
    id: Option<usize>,
    notes: usize,
    event_date: usize,
    event_type: usize,
    actor1: usize,
    country: usize,
    admin1: usize,
    location: usize,
    fatalities: usize,
}

impl Columns {
    fn find(headers: &csv::ByteRecord, at: &str) -> Result<Columns> {
        let pos = |name: &str| headers.iter().position(|h| h.trim_ascii() == name.as_bytes());
        let need = |name: &str| pos(name).ok_or_else(|| Error::input(at, format!("no {name} column in the header")));
        Ok(Columns {
            id: pos("EVENT_ID_CNTY"),
            notes: need("NOTES")?,
            event_date: need("EVENT_DATE")?,
            event_type: need("EVENT_TYPE")?,
            actor1: need("ACTOR1")?,
            country: need("COUNTRY")?,
            admin1: need("ADMIN1")?,
            location: need("LOCATION")?,
            fatalities: need("FATALITIES")?,
        })
    }

    /// The gold fields and the publication date of one row.
    fn gold(&self, rec: &csv::ByteRecord) -> std::result::Result<(AcledGold, Published), String> {
        let gold = self.fields(rec)?;
        if gold.notes.is_empty() {
            return Err("empty NOTES".to_string());
        }
        let published = parse_published(&gold.event_date)
            .ok_or_else(|| format!("EVENT_DATE {:?} is not dd/mm/yyyy", gold.event_date))?;
        Ok((gold, published))
    }

    fn fields(&self, rec: &csv::ByteRecord) -> std::result::Result<AcledGold, String> {
        let get = |i: usize| rec.get(i).map(|b| String::from_utf8_lossy(b).trim().to_string());
        let need = |i: usize, name: &str| get(i).ok_or_else(|| format!("row has no {name} field"));
        let fatalities = need(self.fatalities, "FATALITIES")?;
        Ok(AcledGold {
            id: self.id.and_then(get).unwrap_or_default(),
            notes: need(self.notes, "NOTES")?,
            event_date: need(self.event_date, "EVENT_DATE")?,
            event_type: need(self.event_type, "EVENT_TYPE")?,
            actor1: need(self.actor1, "ACTOR1")?,
            country: need(self.country, "COUNTRY")?,
            admin1: need(self.admin1, "ADMIN1")?,
            location: need(self.location, "LOCATION")?,
            fatalities: fatalities.parse().ok(),
        })
    }
}

pub(super) fn run(path: &Path, runner: &mut Runner) -> Result<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(open(path)?);
    let headers = reader.byte_headers().map_err(|e| Error::input(runner.at(1), e.to_string()))?.clone();
    let columns = Columns::find(&headers, &runner.at(1))?;
    let extractor = runner.extractor();
    let mut record = csv::ByteRecord::new();
    declare(runner);
    while !runner.limit_reached() {
        let line = reader.position().line() + 1;
        let read = reader.read_byte_record(&mut record);
        if !matches!(read, Ok(false)) {
            runner.count_row();
        }
        match read {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) if e.is_io_error() => return Err(Error::input(runner.at(line), e.to_string())),
            Err(e) => {
                runner.bad_row(Error::input(runner.at(line), e.to_string()));
                continue;
            }
        }
        let line = record.position().map_or(line, |p| p.line());
        let (gold, published) = match columns.gold(&record) {
            Ok(x) => x,
            Err(msg) => {
                runner.bad_row(Error::input(runner.at(line), msg));
                continue;
            }
        };
        let options = ExtractOptions { published: Some(published), title: None };
        let id = if gold.id.is_empty() { format!("line {line}") } else { gold.id.clone() };
        runner.example(&id, line, &gold.notes, &options, |pred, scoring| score_acled(&gold, pred, &extractor, scoring));
    }
    Ok(vec![
        "ACLED: pre-2019 event types are mapped to the six current ones (Battle-* -> Battles, Remote violence -> Explosions/Remote violence, Riots/Protests -> Riots or Protests, Strategic development, Non-violent transfer of territory, Headquarters or base established -> Strategic developments); killed = none counts as 0".into(),
    ])
}

fn declare(runner: &mut Runner) {
    let sheet = runner.sheet_mut();
    for f in [
        "ACTOR1 found",
        "ACTOR1 found, kind only",
        "location (LOCATION or ADMIN1)",
        "LOCATION exact",
        "country",
        "fatalities exact",
        "event type",
    ] {
        sheet.declare_accuracy(f);
    }
}

/// Scores one ACLED row's prediction.
pub fn score_acled(gold: &AcledGold, pred: &ExtractedArticle, extractor: &Extractor, scoring: &mut Scoring) {
    let actors: Vec<&ActorRecord> = pred.incidents.iter().flat_map(|i| i.roles().into_iter().map(|(_, a)| a)).collect();
    let found = actor_found(extractor, &gold.actor1, &actors);
    scoring.accuracy("ACTOR1 found", found, || {
        let names: Vec<String> = actors.iter().map(|a| format!("{} ({})", a.name, a.kind.as_str())).collect();
        format!("gold {}, predicted {}", gold.actor1, list(&names))
    });
    let kind = actor_kind_found(extractor, &gold.actor1, &actors);
    scoring.extra_accuracy("ACTOR1 found, kind only", found || kind);
    let places: Vec<&PlaceRecord> = pred.incidents.iter().flat_map(|i| &i.places).collect();
    score_location(gold, &places, extractor, scoring);
    let main = pred.incidents.first();
    if let Some(f) = gold.fatalities {
        let p = main.and_then(|m| m.killed).unwrap_or(0);
        scoring.accuracy("fatalities exact", p == f, || format!("gold {f}, predicted {p}"));
    }
    if let Some(accepted) = acled_event_type(&gold.event_type) {
        let p = main.map_or("(no incident)", |m| m.acled_event_type());
        scoring.accuracy("event type", accepted.contains(&p), || format!("gold {}, predicted {p}", gold.event_type));
    }
}

/// ACTOR1 is found when a predicted actor in any role of any incident
/// resolves to the same name, or, for ACLED's generic actors, when an actor
/// of the corresponding kind is present.
pub fn actor_found(extractor: &Extractor, actor1: &str, actors: &[&ActorRecord]) -> bool {
    let dict = extractor.actors();
    match acled_actor(dict, actor1) {
        GoldActor::Generic(kinds) => actors.iter().any(|a| kinds.contains(&a.kind)),
        GoldActor::Named(keys) => actors.iter().any(|a| {
            keys_meet(&predicted_keys(dict, a), &keys) || keys_meet(&actor_keys(dict, &a.mention, false), &keys)
        }),
    }
}

/// The relaxed variant: ACTOR1 resolves to a dictionary entry and some
/// predicted actor has that entry's kind ("police officers" for "Police
/// Forces of Uganda (1986-)"); generic ACLED actors as in [`actor_found`].
pub fn actor_kind_found(extractor: &Extractor, actor1: &str, actors: &[&ActorRecord]) -> bool {
    let dict = extractor.actors();
    let entry = dict.resolve(actor1).or_else(|| dict.resolve(actor1.split('(').next().unwrap_or(actor1).trim()));
    match (acled_actor(dict, actor1), entry) {
        (GoldActor::Generic(kinds), _) => actors.iter().any(|a| kinds.contains(&a.kind)),
        (GoldActor::Named(_), Some(e)) => actors.iter().any(|a| a.kind == e.kind),
        (GoldActor::Named(_), None) => false,
    }
}

fn score_location(gold: &AcledGold, places: &[&PlaceRecord], extractor: &Extractor, scoring: &mut Scoring) {
    let location = place_norm(&gold.location);
    let admin1 = place_norm(&gold.admin1);
    let is = |p: &PlaceRecord, want: &str| {
        !want.is_empty() && (place_norm(&p.name) == want || p.mention.as_deref().is_some_and(|m| place_norm(m) == want))
    };
    let exact = places.iter().any(|p| is(p, &location));
    let in_admin = places
        .iter()
        .any(|p| is(p, &admin1) || p.admin1.as_deref().is_some_and(|a| !admin1.is_empty() && place_norm(a) == admin1));
    scoring.accuracy("location (LOCATION or ADMIN1)", exact || in_admin, || {
        let names: Vec<&str> = places.iter().map(|p| p.name.as_str()).collect();
        format!("gold {} / {}, predicted {}", gold.location, gold.admin1, list(&names))
    });
    scoring.extra_accuracy("LOCATION exact", exact);
    if let Some(iso) = CountryIndex::new(extractor.gazetteer()).iso2(&gold.country) {
        let first = places.first().and_then(|p| p.country.as_deref());
        scoring.extra_accuracy("country", first == Some(iso.as_str()));
    }
}
