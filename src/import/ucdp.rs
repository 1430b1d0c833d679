//! UCDP Georeferenced Event Dataset (GED): side_a against side_b, deaths by
//! side with low/best/high estimates, `where_prec` and `date_prec` codes.

use csv::StringRecord;

use super::RowParser;
use super::common::*;
use super::resolve::{PlaceQuery, Resolver};
use crate::model::{ActorKind, ActorRecord, DatePrecision, GeoPrecision, IncidentRecord, IncidentType};

const REQUIRED: &[&[&str]] = &[&["id"], &["side_a"], &["side_b"], &["date_start"], &["best"]];

#[derive(Default)]
pub(crate) struct Ucdp {
    cols: Columns,
}

impl RowParser for Ucdp {
    fn start(&mut self, first: &StringRecord) -> RowResult<bool> {
        self.cols = Columns::from_record(first);
        require(&self.cols, REQUIRED, "UCDP GED")?;
        Ok(true)
    }

    fn parse(&mut self, row: &StringRecord, r: &mut Resolver) -> RowResult<(String, IncidentRecord)> {
        let c = &self.cols;
        let f = |names: &[&str]| c.get(row, names);
        let id = f(&["id"]);
        if id.is_empty() {
            return Err("id is empty".into());
        }
        let start = required_date(f(&["date_start"]), "date_start")?;
        let end = match f(&["date_end"]) {
            "" => start,
            s => required_date(s, "date_end")?,
        };
        if end < start {
            return Err(format!("date_end {end} is before date_start {start}"));
        }
        let precision = match f(&["date_prec"]) {
            "4" => DatePrecision::Month,
            "5" => DatePrecision::Year,
            _ => DatePrecision::Day,
        };
        let violence = f(&["type_of_violence"]);
        let kind = match violence {
            "1" | "2" => IncidentType::Battle,
            "3" => IncidentType::ArmedAssault,
            _ => IncidentType::Other,
        };
        let mut inc = blank_incident(kind, summary(row, c), date_range(start, end, precision));
        inc.killed = parse_count(f(&["best"]), "best")?;
        for field in ["low", "high", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"] {
            parse_count(f(&[field]), field)?;
        }
        let (hint_a, hint_b) = match violence {
            "1" => (Some(ActorKind::StateForce), Some(ActorKind::ArmedGroup)),
            "2" => (Some(ActorKind::ArmedGroup), Some(ActorKind::ArmedGroup)),
            _ => (None, Some(ActorKind::Civilians)),
        };
        inc.perpetrators = sides(r, f(&["side_a"]), hint_a);
        if inc.perpetrators.is_empty() {
            return Err("side_a is empty".into());
        }
        for actor in sides(r, f(&["side_b"]), hint_b) {
            if violence == "3" || actor.kind == ActorKind::Civilians {
                inc.victims.push(actor);
            } else {
                inc.targets.push(actor);
            }
        }
        inc.places.extend(place(row, c, r)?);
        Ok((id.to_string(), inc))
    }
}

/// A side may list several actors, comma-separated; "Government of X" is X's forces.
fn sides(r: &mut Resolver, field: &str, hint: Option<ActorKind>) -> Vec<ActorRecord> {
    field
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .filter_map(|name| {
            let hint = if name.starts_with("Government of") { Some(ActorKind::StateForce) } else { hint };
            r.actor(name, hint)
        })
        .collect()
}

/// The headline and the death figures the incident node has no fields for.
fn summary(row: &StringRecord, c: &Columns) -> String {
    let f = |name: &str| c.get(row, &[name]);
    let n = |name: &str| match f(name) {
        "" => "?",
        s => s,
    };
    let headline = match f("source_headline") {
        "" => f("dyad_name"),
        h => h,
    };
    let text = format!(
        "{}: {} [deaths best {}, low {}, high {}; side A {}, side B {}, civilians {}, unknown {}]",
        f("dyad_name"),
        headline,
        n("best"),
        n("low"),
        n("high"),
        n("deaths_a"),
        n("deaths_b"),
        n("deaths_civilians"),
        n("deaths_unknown"),
    );
    clip(&text)
}

/// `where_prec`: 1 exact place, 2 within 25 km, 3 second-order admin area,
/// 4 first-order admin area, 5 a larger region or line, 6 the country,
/// 7 international waters or airspace.
fn place(row: &StringRecord, c: &Columns, r: &mut Resolver) -> RowResult<Option<crate::model::PlaceRecord>> {
    let f = |name: &str| c.get(row, &[name]);
    let coords = parse_lat_lon(f("latitude"), f("longitude"))?;
    let adm1 = f("adm_1");
    let where_name = f("where_coordinates");
    let (name, precision) = match f("where_prec") {
        "2" => (where_name, GeoPrecision::Approximate),
        "3" => (f("adm_2"), GeoPrecision::AdminArea),
        "4" => (adm1, GeoPrecision::AdminArea),
        "5" | "7" => (where_name, GeoPrecision::Region),
        "6" => ("", GeoPrecision::Country),
        _ => (where_name, GeoPrecision::Point),
    };
    Ok(r.place(&PlaceQuery {
        name,
        admin1: adm1,
        country: f("country"),
        iso2: None,
        coords,
        precision: Some(precision),
    }))
}
