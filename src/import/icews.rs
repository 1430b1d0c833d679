//! ICEWS coded events: the full export (`Event ID, Event Date, Source Name,
//! Event Text, CAMEO Code, Target Name, ... Country, Province, City,
//! Latitude, Longitude`) and the temporal-graph form (`subject, relation,
//! object, date`, with or without a header). Rows without an event id are
//! identified by their content, so re-importing the same file finds them again.

use std::collections::HashMap;

use csv::StringRecord;

use super::RowParser;
use super::common::*;
use super::gdelt::cameo_type;
use super::resolve::{PlaceQuery, Resolver, kind_for};
use crate::model::{ActorKind, ActorRecord, DatePrecision, GeoPrecision, IncidentRecord, stable_hash};

const SOURCE: &[&str] = &["source name", "subject", "source"];
const TEXT: &[&str] = &["event text", "relation"];
const TARGET: &[&str] = &["target name", "object", "target"];
const DATE: &[&str] = &["event date", "date"];

#[derive(Default)]
pub(crate) struct Icews {
    cols: Columns,
    /// How often each row content was seen in this file (rows without an id).
    seen: HashMap<u64, u32>,
}

impl RowParser for Icews {
    fn start(&mut self, first: &StringRecord) -> RowResult<bool> {
        let cols = Columns::from_record(first);
        if cols.missing(&[SOURCE, TEXT, TARGET, DATE]).is_empty() {
            self.cols = cols;
            return Ok(true);
        }
        if first.len() >= 4 && parse_date(first.get(3).unwrap_or("")).is_some() {
            self.cols = Columns::from_names(["subject", "relation", "object", "date"]);
            return Ok(false);
        }
        require(&cols, &[SOURCE, TEXT, TARGET, DATE], "ICEWS")?;
        Ok(true)
    }

    fn parse(&mut self, row: &StringRecord, r: &mut Resolver) -> RowResult<(String, IncidentRecord)> {
        let c = &self.cols;
        let f = |names: &[&str]| c.get(row, names);
        let day = required_date(f(DATE), "date")?;
        let text = f(TEXT);
        if text.is_empty() {
            return Err("event text is empty".into());
        }
        let code = f(&["cameo code"]);
        let kind = if code.is_empty() { type_from_event_text(text) } else { cameo_type(code) };
        let source = actor(r, f(SOURCE), f(&["source sectors"]));
        let target = actor(r, f(TARGET), f(&["target sectors"]));
        if source.is_none() && target.is_none() {
            return Err("neither source nor target is named".into());
        }
        let summary = format!("{} | {text} | {}", f(SOURCE), f(TARGET));
        let date = date_range(day, day, DatePrecision::Day);
        let mut inc = blank_incident(kind, clip(&summary), date);
        inc.perpetrators.extend(source);
        inc.targets.extend(target);
        let coords = parse_lat_lon(f(&["latitude"]), f(&["longitude"]))?;
        let city = f(&["city"]);
        let province = f(&["province"]);
        let precision = if !city.is_empty() {
            GeoPrecision::Point
        } else if !province.is_empty() {
            GeoPrecision::AdminArea
        } else {
            GeoPrecision::Country
        };
        inc.places.extend(r.place(&PlaceQuery {
            name: city,
            admin1: province,
            country: f(&["country"]),
            iso2: None,
            coords,
            precision: Some(precision),
        }));
        let id = match f(&["event id"]) {
            "" => self.content_id(row),
            id => id.to_string(),
        };
        Ok((id, inc))
    }
}

impl Icews {
    /// `h<hash>` of the row's fields, `-n` for its n-th repeat within the file.
    fn content_id(&mut self, row: &StringRecord) -> String {
        let fields: Vec<&[u8]> = row.iter().map(str::as_bytes).collect();
        let hash = stable_hash(&fields);
        let n = self.seen.entry(hash).or_insert(0);
        let id = match *n {
            0 => format!("h{hash:016x}"),
            k => format!("h{hash:016x}-{k}"),
        };
        *n += 1;
        id
    }
}

/// A named source or target. Sector names carry their country in parentheses
/// ("Police (India)"); names without one are people, countries or groups.
fn actor(r: &mut Resolver, name: &str, sectors: &str) -> Option<ActorRecord> {
    let lower = sectors.to_ascii_lowercase();
    let hint = if lower.contains("police") || lower.contains("military") {
        Some(ActorKind::StateForce)
    } else if lower.contains("government") || lower.contains("executive") {
        Some(ActorKind::Government)
    } else if lower.contains("rebel") || lower.contains("insurgent") {
        Some(ActorKind::ArmedGroup)
    } else if !name.contains('(') && looks_like_person(name) {
        Some(ActorKind::Person)
    } else {
        None
    };
    r.actor(name, hint)
}

fn looks_like_person(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && kind_for(name, None) == ActorKind::Organization
}
