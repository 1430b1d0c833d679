//! GTD: JSON lines, text = `summary`. Scores the article's main (first)
//! incident: perpetrator group, claim, country, city, day, casualties and
//! attack type. See EVAL.md.

use std::io::BufRead;
use std::path::Path;

use chrono::NaiveDate;
use serde_json::Value;

use super::metrics::{Prf, max_matching, place_norm};
use super::names::{CountryIndex, actor_keys, is_named, keys_meet, predicted_keys};
use super::{Runner, Scoring, list, open};
use crate::error::{Error, Result};
use crate::extract::{ExtractOptions, Extractor};
use crate::model::{ActorKind, ActorRecord, ExtractedArticle, IncidentRecord, geo::distance_km};

/// Largest distance at which a predicted point counts as the gold location.
pub const NEAR_KM: f64 = 25.0;

/// The gold fields of one GTD row that ckg is scored on.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GtdGold {
    pub id: String,
    pub summary: String,
    pub year: i32,
    /// 0 = unknown.
    pub month: u32,
    /// 0 = unknown.
    pub day: u32,
    pub country: String,
    pub city: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// `gname`, `None` for "Unknown".
    pub group: Option<String>,
    pub claimed: bool,
    pub killed: Option<u32>,
    pub injured: Option<u32>,
    pub captured: Option<u32>,
    pub attack_type: String,
}

/// A field as text, whether the JSON holds a string or a number.
fn text(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// A count: empty, negative (GTD's -99) or unparsable means unknown.
fn count(v: &Value, key: &str) -> Option<u32> {
    let x: f64 = text(v, key).parse().ok()?;
    (x >= 0.0 && x.is_finite()).then_some(x.round() as u32)
}

impl GtdGold {
    /// Reads one row; errors say which field is missing or bad.
    pub fn from_json(v: &Value) -> std::result::Result<GtdGold, String> {
        let summary = text(v, "summary");
        if summary.is_empty() {
            return Err("no summary text".into());
        }
        let year: i32 = text(v, "iyear").parse().map_err(|_| format!("iyear {:?} is not a year", text(v, "iyear")))?;
        let group = Some(text(v, "gname")).filter(|g| !g.is_empty() && g != "Unknown");
        Ok(GtdGold {
            id: text(v, "eventid"),
            summary,
            year,
            month: text(v, "imonth").parse().unwrap_or(0),
            day: text(v, "iday").parse().unwrap_or(0),
            country: text(v, "country_txt"),
            city: text(v, "city"),
            lat: text(v, "latitude").parse().ok(),
            lon: text(v, "longitude").parse().ok(),
            group,
            claimed: text(v, "claimed") == "1",
            killed: count(v, "nkill"),
            injured: count(v, "nwound"),
            captured: count(v, "nperpcap"),
            attack_type: text(v, "attacktype1_txt"),
        })
    }

    /// The incident day, when GTD knows it to the day.
    pub fn date(&self) -> Option<NaiveDate> {
        (self.day > 0 && self.month > 0).then(|| NaiveDate::from_ymd_opt(self.year, self.month, self.day)).flatten()
    }

    /// The publication date handed to the extractor: the incident day, or
    /// the 1st of the month when the day is unknown, or 1 January when the
    /// month is unknown too.
    pub fn published(&self) -> Option<NaiveDate> {
        let month = self.month.clamp(1, 12);
        let day = if self.month == 0 { 1 } else { self.day.max(1) };
        NaiveDate::from_ymd_opt(self.year, month, day).or_else(|| NaiveDate::from_ymd_opt(self.year, month, 1))
    }
}

pub(super) fn run(path: &Path, runner: &mut Runner) -> Result<Vec<String>> {
    let reader = open(path)?;
    let extractor = runner.extractor();
    declare(runner);
    for (idx, line) in reader.lines().enumerate() {
        let line_no = idx as u64 + 1;
        let line = line.map_err(|e| Error::io(path, e))?;
        if line.trim().is_empty() {
            continue;
        }
        if runner.limit_reached() {
            break;
        }
        runner.count_row();
        let gold = serde_json::from_str::<Value>(&line)
            .map_err(|e| format!("not JSON: {e}"))
            .and_then(|v| GtdGold::from_json(&v));
        let gold = match gold {
            Ok(g) => g,
            Err(msg) => {
                runner.bad_row(Error::input(runner.at(line_no), msg));
                continue;
            }
        };
        let options = ExtractOptions { published: gold.published().and_then(to_datetime), title: None };
        let id = if gold.id.is_empty() { format!("line {line_no}") } else { gold.id.clone() };
        runner.example(&id, line_no, &gold.summary, &options, |pred, scoring| {
            score_gtd(&gold, pred, &extractor, scoring)
        });
    }
    Ok(vec![
        "GTD: the publication date given to the extractor is the gold incident day (the 1st of the month when iday = 0, 1 January when imonth = 0); 'day, stated in text' excludes days the extractor only assumed from it".into(),
    ])
}

fn declare(runner: &mut Runner) {
    let sheet = runner.sheet_mut();
    for f in ["perpetrator group", "claim", "claim, any group"] {
        sheet.declare_prf(f);
    }
    for f in [
        "country",
        "city",
        "place within 25 km",
        "day",
        "day, stated in text",
        "killed",
        "injured",
        "captured",
        "attack type",
    ] {
        sheet.declare_accuracy(f);
    }
}

pub(super) fn to_datetime(d: NaiveDate) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    Some(d.and_hms_opt(0, 0, 0)?.and_utc().fixed_offset())
}

/// Scores one GTD row's prediction (the first incident of `pred`).
pub fn score_gtd(gold: &GtdGold, pred: &ExtractedArticle, extractor: &Extractor, scoring: &mut Scoring) {
    let main = pred.incidents.first();
    score_groups(gold, main, extractor, scoring);
    score_place(gold, main, extractor, scoring);
    score_day(gold, main, scoring);
    score_counts(gold, main, scoring);
    let predicted = main.map_or("(no incident)", |m| m.kind.gtd_attack_type());
    scoring.accuracy("attack type", predicted == gold.attack_type, || {
        format!("gold {}, predicted {predicted}", gold.attack_type)
    });
}

/// Named actors, one per distinct name (actors whose keys meet are one).
pub(super) fn distinct_named<'a>(
    extractor: &Extractor,
    actors: impl Iterator<Item = &'a ActorRecord>,
) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for a in actors.filter(|a| is_named(a)) {
        let keys = predicted_keys(extractor.actors(), a);
        if !out.iter().any(|(_, k)| keys_meet(k, &keys)) {
            out.push((a.name.clone(), keys));
        }
    }
    out
}

/// Scores predicted names against at most one gold group.
fn group_prf(gold: Option<&[String]>, predicted: &[(String, Vec<String>)]) -> Prf {
    let gold: Vec<&[String]> = gold.into_iter().collect();
    let tp = max_matching(predicted.len(), gold.len(), |p, g| keys_meet(&predicted[p].1, gold[g]));
    Prf::from_sizes(tp, predicted.len(), gold.len())
}

fn score_groups(gold: &GtdGold, main: Option<&IncidentRecord>, extractor: &Extractor, scoring: &mut Scoring) {
    let gold_keys = gold.group.as_deref().map(|g| actor_keys(extractor.actors(), g, true));
    // GTD records non-state perpetrators only: state forces and governments
    // ckg finds fighting back ("repelled by security forces") are not candidates.
    let non_state = |a: &&ActorRecord| !matches!(a.kind, ActorKind::StateForce | ActorKind::Government);
    let responsible = distinct_named(
        extractor,
        main.into_iter()
            .flat_map(|m| m.perpetrators.iter().chain(&m.claimed_by).chain(&m.attributed_to))
            .filter(non_state),
    );
    let names = |v: &[(String, Vec<String>)]| list(&v.iter().map(|x| &x.0).collect::<Vec<_>>());
    let gold_name = gold.group.as_deref().unwrap_or("none");
    let prf = group_prf(gold_keys.as_deref(), &responsible);
    scoring.prf("perpetrator group", prf, || format!("gold {gold_name}, predicted {}", names(&responsible)));
    let claimers = distinct_named(extractor, main.into_iter().flat_map(|m| &m.claimed_by));
    let claim_gold = gold_keys.as_deref().filter(|_| gold.claimed);
    let prf = group_prf(claim_gold, &claimers);
    scoring.prf("claim", prf, || {
        let g = if gold.claimed { gold_name } else { "no claim" };
        format!("gold {g}, predicted claimed by {}", names(&claimers))
    });
    let any = Prf::from_sizes(
        usize::from(gold.claimed && !claimers.is_empty()),
        usize::from(!claimers.is_empty()),
        usize::from(gold.claimed),
    );
    scoring.extra_prf("claim, any group", any);
}

fn score_place(gold: &GtdGold, main: Option<&IncidentRecord>, extractor: &Extractor, scoring: &mut Scoring) {
    let places = main.map_or(&[][..], |m| &m.places[..]);
    let countries = CountryIndex::new(extractor.gazetteer());
    if let Some(iso) = countries.iso2(&gold.country) {
        let predicted = places.first().and_then(|p| p.country.clone());
        let ok = predicted.as_deref() == Some(iso.as_str());
        scoring.accuracy("country", ok, || format!("gold {iso}, predicted {}", predicted.as_deref().unwrap_or("none")));
    }
    if gold.city.is_empty() || gold.city.eq_ignore_ascii_case("unknown") {
        return;
    }
    let city = place_norm(&gold.city);
    let ok = places
        .iter()
        .any(|p| place_norm(&p.name) == city || p.mention.as_deref().is_some_and(|m| place_norm(m) == city));
    scoring.accuracy("city", ok, || {
        let names: Vec<&str> = places.iter().map(|p| p.name.as_str()).collect();
        format!("gold {}, predicted {}", gold.city, list(&names))
    });
    if let (Some(lat), Some(lon)) = (gold.lat, gold.lon) {
        // The most specific place that has coordinates.
        let best = places.iter().filter_map(|p| Some((p.precision, p.lat?, p.lon?))).min_by_key(|x| x.0);
        let near = best.is_some_and(|(_, plat, plon)| distance_km(lat, lon, plat, plon) <= NEAR_KM);
        scoring.extra_accuracy("place within 25 km", near);
    }
}

fn score_day(gold: &GtdGold, main: Option<&IncidentRecord>, scoring: &mut Scoring) {
    let Some(day) = gold.date() else {
        return;
    };
    let range = main.and_then(|m| m.date);
    let ok = range.is_some_and(|r| {
        r.start == day || (r.precision == crate::model::DatePrecision::Day && r.start <= day && day <= r.end)
    });
    scoring.accuracy("day", ok, || match range {
        Some(r) => format!("gold {day}, predicted {}..{} ({:?})", r.start, r.end, r.precision),
        None => format!("gold {day}, predicted none"),
    });
    let stated = ok && range.is_some_and(|r| !r.assumed);
    scoring.extra_accuracy("day, stated in text", stated);
}

fn score_counts(gold: &GtdGold, main: Option<&IncidentRecord>, scoring: &mut Scoring) {
    let pred = |f: fn(&IncidentRecord) -> Option<u32>| main.and_then(f).unwrap_or(0);
    if let Some(k) = gold.killed {
        let p = pred(|m| m.killed);
        scoring.accuracy("killed", p == k, || format!("gold {k}, predicted {p}"));
    }
    if let Some(k) = gold.injured {
        scoring.extra_accuracy("injured", pred(|m| m.injured) == k);
    }
    if let Some(k) = gold.captured {
        scoring.extra_accuracy("captured", pred(|m| m.captured) == k);
    }
}
