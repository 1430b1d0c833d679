//! Helpers every dataset parser uses: columns by name, field parsing, the
//! incident skeleton, and incident types from CAMEO-style event text.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use csv::StringRecord;

use crate::model::{DatePrecision, DateRange, IncidentRecord, IncidentType};

/// A parse failure of one row: the reason, written to the reject file.
pub type RowResult<T> = std::result::Result<T, String>;

/// Column positions by lower-cased header name.
#[derive(Clone, Debug, Default)]
pub struct Columns {
    index: HashMap<String, usize>,
}

impl Columns {
    pub fn from_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Columns {
        let mut index = HashMap::new();
        for (i, name) in names.into_iter().enumerate() {
            let key = name.trim().trim_start_matches('\u{feff}').to_ascii_lowercase();
            index.entry(key).or_insert(i);
        }
        Columns { index }
    }

    pub fn from_record(rec: &StringRecord) -> Columns {
        Columns::from_names(rec.iter())
    }

    /// The first of `names` that is a column.
    pub fn position(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.index.get(*n).copied())
    }

    /// The trimmed field under the first of `names` present; "" when absent.
    pub fn get<'r>(&self, rec: &'r StringRecord, names: &[&str]) -> &'r str {
        self.position(names).and_then(|i| rec.get(i)).map(str::trim).unwrap_or("")
    }

    /// The column names of `required` that are missing, for a header check.
    pub fn missing(&self, required: &[&[&str]]) -> Vec<String> {
        required.iter().filter(|alts| self.position(alts).is_none()).map(|alts| alts[0].to_string()).collect()
    }
}

/// Fails a header that lacks required columns, naming them.
pub fn require(cols: &Columns, required: &[&[&str]], what: &str) -> RowResult<()> {
    let missing = cols.missing(required);
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!("not a {what} file: missing column(s) {}", missing.join(", ")))
    }
}

/// A date as datasets write it: ISO, dd/mm/yyyy, "15 January 2023", YYYYMMDD.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let head = s.get(..10).unwrap_or(s);
    if let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d") {
        return Some(d);
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(s, "%Y%m%d").ok();
    }
    for fmt in ["%d/%m/%Y", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%Y/%m/%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return Some(d);
        }
    }
    None
}

/// A required date field, or the reason it is unusable.
pub fn required_date(s: &str, field: &str) -> RowResult<NaiveDate> {
    if s.is_empty() {
        return Err(format!("{field} is empty"));
    }
    parse_date(s).ok_or_else(|| format!("{field} {s:?} is not a date"))
}

/// A count: empty means unknown; negative or non-numeric is an error.
pub fn parse_count(s: &str, field: &str) -> RowResult<Option<u32>> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if let Ok(n) = s.parse::<u32>() {
        return Ok(Some(n));
    }
    match s.parse::<f64>() {
        Ok(f) if f >= 0.0 && f.fract() == 0.0 && f <= f64::from(u32::MAX) => Ok(Some(f as u32)),
        _ => Err(format!("{field} {s:?} is not a count")),
    }
}

/// A coordinate in range, or None when empty; an error when present but bad.
pub fn parse_coord(s: &str, field: &str, limit: f64) -> RowResult<Option<f64>> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v.abs() <= limit => Ok(Some(v)),
        _ => Err(format!("{field} {s:?} is not a coordinate")),
    }
}

/// Latitude and longitude together; (0, 0) is how several datasets say "unknown".
pub fn parse_lat_lon(lat: &str, lon: &str) -> RowResult<Option<(f64, f64)>> {
    let lat = parse_coord(lat, "latitude", 90.0)?;
    let lon = parse_coord(lon, "longitude", 180.0)?;
    Ok(match (lat, lon) {
        (Some(a), Some(o)) if a != 0.0 || o != 0.0 => Some((a, o)),
        _ => None,
    })
}

/// `start..=end` at a precision; month and year ranges cover the whole period.
pub fn date_range(start: NaiveDate, end: NaiveDate, precision: DatePrecision) -> DateRange {
    let (start, end) = match precision {
        DatePrecision::Day => (start, end.max(start)),
        DatePrecision::Month => (first_of_month(start), last_of_month(end.max(start))),
        DatePrecision::Year => (
            NaiveDate::from_ymd_opt(start.year(), 1, 1).unwrap_or(start),
            NaiveDate::from_ymd_opt(end.max(start).year(), 12, 31).unwrap_or(end),
        ),
    };
    DateRange { start, end, precision, assumed: false }
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn last_of_month(d: NaiveDate) -> NaiveDate {
    let next = if d.month() == 12 {
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
    };
    next.and_then(|n| n.pred_opt()).unwrap_or(d)
}

/// An incident with no actors or places yet.
pub fn blank_incident(kind: IncidentType, summary: String, date: DateRange) -> IncidentRecord {
    IncidentRecord {
        id: String::new(),
        kind,
        summary,
        date: Some(date),
        places: Vec::new(),
        perpetrators: Vec::new(),
        targets: Vec::new(),
        victims: Vec::new(),
        claimed_by: Vec::new(),
        attributed_to: Vec::new(),
        denied_by: Vec::new(),
        killed: None,
        injured: None,
        captured: None,
        weapons: Vec::new(),
        sources: Vec::new(),
    }
}

/// Longest summary kept; dataset notes beyond it are cut at a character boundary.
pub const MAX_SUMMARY: usize = 1000;

pub fn clip(text: &str) -> String {
    let text = text.trim();
    if text.len() <= MAX_SUMMARY {
        return text.to_string();
    }
    let mut end = MAX_SUMMARY;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

/// The incident type of a CAMEO event description ("Carry out suicide bombing",
/// "fight with small arms and light weapons"), as ICEWS writes them.
pub fn type_from_event_text(text: &str) -> IncidentType {
    let t = text.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(&["suicide"]) {
        IncidentType::SuicideBombing
    } else if has(&["bomb"]) {
        IncidentType::Bombing
    } else if has(&["aerial", "air strike", "airstrike", "drone"]) {
        IncidentType::Airstrike
    } else if has(&["artillery", "tanks", "shell"]) {
        IncidentType::Shelling
    } else if has(&["assassinat"]) {
        IncidentType::Assassination
    } else if has(&["abduct", "hostage", "kidnap", "hijack"]) {
        IncidentType::Kidnapping
    } else if has(&["small arms", "unconventional violence", "physically assault"])
        || has(&["mass killing", "sexually assault", "torture", "human shield"])
    {
        IncidentType::ArmedAssault
    } else if has(&["military force", "violate ceasefire", "occupy territory"]) {
        IncidentType::Battle
    } else if has(&["riot", "protest violently"]) {
        IncidentType::Riot
    } else if has(&["demonstrat", "protest", "rally", "hunger strike", "strike or boycott"]) {
        IncidentType::Protest
    } else if has(&["arrest", "detain"]) {
        IncidentType::Arrest
    } else {
        IncidentType::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_dataset_formats() {
        let d = NaiveDate::from_ymd_opt(2016, 1, 5).unwrap();
        for s in ["2016-01-05", "05/01/2016", "5 January 2016", "20160105", "2016-01-05 00:00:00.000"] {
            assert_eq!(parse_date(s), Some(d), "{s}");
        }
        assert_eq!(parse_date("2016-13-01"), None);
    }

    #[test]
    fn counts_and_coordinates() {
        assert_eq!(parse_count("12", "f"), Ok(Some(12)));
        assert_eq!(parse_count("", "f"), Ok(None));
        assert_eq!(parse_count("3.0", "f"), Ok(Some(3)));
        assert!(parse_count("-1", "f").is_err());
        assert!(parse_lat_lon("91", "0").is_err());
        assert_eq!(parse_lat_lon("0", "0"), Ok(None));
    }

    #[test]
    fn month_ranges_cover_the_month() {
        let d = NaiveDate::from_ymd_opt(2020, 2, 15).unwrap();
        let r = date_range(d, d, DatePrecision::Month);
        assert_eq!(r.start, NaiveDate::from_ymd_opt(2020, 2, 1).unwrap());
        assert_eq!(r.end, NaiveDate::from_ymd_opt(2020, 2, 29).unwrap());
    }

    #[test]
    fn event_text_types() {
        use IncidentType::*;
        assert_eq!(type_from_event_text("Carry out suicide bombing"), SuicideBombing);
        assert_eq!(type_from_event_text("Use conventional military force"), Battle);
        assert_eq!(type_from_event_text("Abduct, hijack, or take hostage"), Kidnapping);
        assert_eq!(type_from_event_text("Make statement"), Other);
        assert_eq!(type_from_event_text("Protest violently, riot"), Riot);
        assert_eq!(type_from_event_text("Arrest, detain, or charge with legal action"), Arrest);
    }
}
