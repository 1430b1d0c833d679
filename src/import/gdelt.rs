//! GDELT event tables: 1.0 (57 columns, 58 with SOURCEURL) and 2.0 (61
//! columns), tab-separated without a header as GDELT publishes them, or with
//! a header row as exported from a database. Actors are named from
//! `Actor1Name` with their CAMEO country and type codes; the event is named by
//! its CAMEO code; the place is `ActionGeo`.

use csv::StringRecord;

use super::RowParser;
use super::codes::{CameoNames, iso2_of_fips, iso2_of_iso3};
use super::common::*;
use super::resolve::{PlaceQuery, Resolver};
use crate::model::{ActorKind, ActorRecord, DatePrecision, GeoPrecision, IncidentRecord, IncidentType};

const ACTOR_COLUMNS: &[&str] = &[
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
];
const EVENT_COLUMNS: &[&str] = &[
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
];
const GEO_V1: &[&str] = &["Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID"];
const GEO_V2: &[&str] = &["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"];

/// The column names of a headerless GDELT event file: version 1 (58, the
/// last being SOURCEURL) or 2 (61).
pub fn column_names(version: u8) -> Vec<String> {
    let geo = if version == 1 { GEO_V1 } else { GEO_V2 };
    let mut cols: Vec<String> =
        ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"].iter().map(|s| s.to_string()).collect();
    for actor in ["Actor1", "Actor2"] {
        cols.extend(ACTOR_COLUMNS.iter().map(|c| format!("{actor}{c}")));
    }
    cols.extend(EVENT_COLUMNS.iter().map(|s| s.to_string()));
    for prefix in ["Actor1Geo_", "Actor2Geo_", "ActionGeo_"] {
        cols.extend(geo.iter().map(|c| format!("{prefix}{c}")));
    }
    cols.push("DATEADDED".into());
    cols.push("SOURCEURL".into());
    cols
}

pub(crate) struct Gdelt {
    cols: Columns,
    cameo: CameoNames,
}

impl Gdelt {
    pub fn new(cameo: CameoNames) -> Gdelt {
        Gdelt { cols: Columns::default(), cameo }
    }
}

impl RowParser for Gdelt {
    fn start(&mut self, first: &StringRecord) -> RowResult<bool> {
        let head = first.get(0).unwrap_or("").trim();
        if head.eq_ignore_ascii_case("globaleventid") {
            self.cols = Columns::from_record(first);
            return Ok(true);
        }
        if head.eq_ignore_ascii_case("name") && first.get(1).is_some_and(|s| s.trim() == "type") {
            return Err("this is GDELT's column codebook (name,type,description), not event rows".into());
        }
        let names = match first.len() {
            57 | 58 => column_names(1),
            61 => column_names(2),
            n => {
                return Err(format!(
                    "{n} columns and no GLOBALEVENTID header: GDELT 1.0 event rows have 57 or 58 columns, 2.0 rows 61"
                ));
            }
        };
        self.cols = Columns::from_names(names.iter().map(String::as_str));
        Ok(false)
    }

    fn parse(&mut self, row: &StringRecord, r: &mut Resolver) -> RowResult<(String, IncidentRecord)> {
        let c = &self.cols;
        let f = |name: &str| c.get(row, &[&name.to_ascii_lowercase()]);
        let id = f("GLOBALEVENTID");
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("GLOBALEVENTID {id:?} is not an event id"));
        }
        let day = required_date(f("SQLDATE"), "SQLDATE")?;
        let code = f("EventCode");
        let event = self.cameo.name(code).unwrap_or("CAMEO event").trim().to_string();
        let actor1 = actor(r, row, c, "Actor1");
        let actor2 = actor(r, row, c, "Actor2");
        let label = |a: &Option<ActorRecord>| a.as_ref().map_or("?".to_string(), |a| a.name.clone());
        let summary = format!("{} | {event} ({code}) | {}", label(&actor1), label(&actor2));
        let date = date_range(day, day, DatePrecision::Day);
        let mut inc = blank_incident(cameo_type(code), clip(&summary), date);
        inc.perpetrators.extend(actor1);
        inc.targets.extend(actor2);
        inc.places.extend(action_place(row, c, r)?);
        Ok((id.to_string(), inc))
    }
}

/// Actor1 or Actor2: a known name from the dictionary, else the name (or,
/// for a bare role such as "POLICE", the role and its country) and a kind
/// from the CAMEO type code.
fn actor(r: &mut Resolver, row: &StringRecord, c: &Columns, which: &str) -> Option<ActorRecord> {
    let f = |suffix: &str| c.get(row, &[&format!("{which}{suffix}").to_ascii_lowercase()]);
    let name = f("Name");
    if name.is_empty() {
        return None;
    }
    let iso2 = iso2_of_iso3(f("CountryCode"));
    let kind = type_kind(f("Type1Code"));
    let country_name = iso2.and_then(|iso| {
        let g = r.extractor().gazetteer();
        g.country_index(iso).map(|i| g.countries[i as usize].name.clone())
    });
    let role = role_label(f("Type1Code"));
    let known = f("KnownGroupCode");
    let mut rec = match (r.in_dictionary(name), role, country_name) {
        (true, _, _) => r.actor(name, kind)?,
        (false, Some(role), Some(country)) if known.is_empty() => r.actor(&format!("{role} ({country})"), kind)?,
        _ => r.actor(name, kind)?,
    };
    rec.mention = name.to_string();
    if rec.country.is_none() {
        rec.country = iso2.map(str::to_string);
    }
    Some(rec)
}

/// CAMEO actor type codes as kinds.
fn type_kind(code: &str) -> Option<ActorKind> {
    Some(match code {
        "COP" | "MIL" | "SPY" => ActorKind::StateForce,
        "GOV" | "JUD" | "LEG" => ActorKind::Government,
        "REB" | "INS" | "SEP" | "UAF" => ActorKind::ArmedGroup,
        "CVL" | "REF" | "STU" | "LAB" | "AGR" => ActorKind::Civilians,
        "OPP" | "MED" | "EDU" | "BUS" | "NGO" | "IGO" | "HLH" | "REL" | "CRM" | "ELI" => ActorKind::Organization,
        _ => return None,
    })
}

/// The role a bare sector actor is named by.
fn role_label(code: &str) -> Option<&'static str> {
    Some(match code {
        "COP" => "Police",
        "MIL" => "Military",
        "GOV" => "Government",
        "JUD" => "Judiciary",
        "LEG" => "Legislature",
        "REB" => "Rebels",
        "INS" => "Insurgents",
        "CVL" => "Civilians",
        "OPP" => "Opposition",
        "REF" => "Refugees",
        "STU" => "Students",
        "SPY" => "Intelligence",
        "CRM" => "Criminals",
        "LAB" => "Labor",
        "MED" => "Media",
        _ => return None,
    })
}

/// The incident type of a CAMEO event code.
pub(crate) fn cameo_type(code: &str) -> IncidentType {
    use IncidentType::*;
    let starts = |p: &str| code.starts_with(p);
    if starts("1831") {
        SuicideBombing
    } else if starts("183") {
        Bombing
    } else if starts("181") {
        Kidnapping
    } else if starts("185") || starts("186") {
        Assassination
    } else if starts("18") || starts("20") {
        ArmedAssault
    } else if starts("194") {
        Shelling
    } else if starts("195") {
        Airstrike
    } else if starts("19") {
        Battle
    } else if starts("145") {
        Riot
    } else if starts("14") {
        Protest
    } else if starts("173") {
        Arrest
    } else {
        Other
    }
}

/// ActionGeo: type 1 country, 2 US state, 3 US city, 4 world city, 5 world
/// admin area; `FullName` is "City, Admin, Country"; country codes are FIPS.
fn action_place(row: &StringRecord, c: &Columns, r: &mut Resolver) -> RowResult<Option<crate::model::PlaceRecord>> {
    let f = |name: &str| c.get(row, &[&format!("actiongeo_{name}")]);
    let full = f("fullname");
    if full.is_empty() {
        return Ok(None);
    }
    let coords = parse_lat_lon(f("lat"), f("long"))?;
    let parts: Vec<&str> = full.split(',').map(str::trim).collect();
    let country = parts.last().copied().unwrap_or("");
    let iso2 = iso2_of_fips(f("countrycode"));
    let (name, admin1, precision) = match (f("type"), parts.len()) {
        ("1", _) => ("", "", GeoPrecision::Country),
        ("2" | "5", _) => (parts[0], parts[0], GeoPrecision::AdminArea),
        (_, 3..) => (parts[0], parts[1], GeoPrecision::Point),
        _ => (parts[0], "", GeoPrecision::Point),
    };
    Ok(r.place(&PlaceQuery { name, admin1, country, iso2, coords, precision: Some(precision) }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_counts_match_the_versions() {
        assert_eq!(column_names(1).len(), 58);
        assert_eq!(column_names(2).len(), 61);
        assert_eq!(column_names(2)[53], "ActionGeo_CountryCode");
    }

    #[test]
    fn cameo_codes_as_types() {
        assert_eq!(cameo_type("1831"), IncidentType::SuicideBombing);
        assert_eq!(cameo_type("190"), IncidentType::Battle);
        assert_eq!(cameo_type("195"), IncidentType::Airstrike);
        assert_eq!(cameo_type("042"), IncidentType::Other);
    }
}
