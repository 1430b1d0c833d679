//! ACLED: the pre-2019 upper-case columns (`EVENT_TYPE, ACTOR1, ALLY_ACTOR_1,
//! INTER1, ... NOTES, FATALITIES`) and the current lower-case ones
//! (`event_type, sub_event_type, actor1, assoc_actor_1, ..., fatalities`).
//! Column names are matched without regard to case, so one parser reads both.
//! `ckg gen` writes the current columns plus `claimed_by`.

use csv::StringRecord;

use super::RowParser;
use super::common::*;
use super::resolve::{PlaceQuery, Resolver};
use crate::model::{ActorKind, ActorRecord, DatePrecision, GeoPrecision, IncidentRecord, IncidentType};

const REQUIRED: &[&[&str]] =
    &[&["event_id_cnty", "event_id_no_cnty"], &["event_date"], &["event_type"], &["actor1"], &["country"]];

#[derive(Default)]
pub(crate) struct Acled {
    cols: Columns,
}

impl RowParser for Acled {
    fn start(&mut self, first: &StringRecord) -> RowResult<bool> {
        self.cols = Columns::from_record(first);
        require(&self.cols, REQUIRED, "ACLED")?;
        Ok(true)
    }

    fn parse(&mut self, row: &StringRecord, r: &mut Resolver) -> RowResult<(String, IncidentRecord)> {
        let c = &self.cols;
        let f = |names: &[&str]| c.get(row, names);
        let id = [f(&["event_id_cnty"]), f(&["event_id_no_cnty"]), f(&["data_id"])]
            .into_iter()
            .find(|s| !s.is_empty())
            .ok_or("event_id_cnty is empty")?
            .to_string();
        let day = required_date(f(&["event_date"]), "event_date")?;
        let precision = match f(&["time_precision"]) {
            "3" => DatePrecision::Month,
            _ => DatePrecision::Day,
        };
        let event_type = f(&["event_type"]);
        let kind = incident_type(event_type, f(&["sub_event_type"]));
        let notes = f(&["notes"]);
        let summary = if notes.is_empty() { format!("{event_type}: {}", f(&["actor1"])) } else { clip(notes) };
        let mut inc = blank_incident(kind, summary, date_range(day, day, precision));
        inc.killed = parse_count(f(&["fatalities"]), "fatalities")?;
        self.actors(row, r, &mut inc, notes)?;
        let coords = parse_lat_lon(f(&["latitude"]), f(&["longitude"]))?;
        let place = PlaceQuery {
            name: f(&["location"]),
            admin1: f(&["admin1"]),
            country: f(&["country"]),
            iso2: None,
            coords,
            precision: Some(match f(&["geo_precision"]) {
                "2" => GeoPrecision::Approximate,
                "3" => GeoPrecision::AdminArea,
                _ => GeoPrecision::Point,
            }),
        };
        inc.places.extend(r.place(&place));
        Ok((id, inc))
    }
}

impl Acled {
    fn actors(&self, row: &StringRecord, r: &mut Resolver, inc: &mut IncidentRecord, notes: &str) -> RowResult<()> {
        let c = &self.cols;
        let f = |names: &[&str]| c.get(row, names);
        let hint1 = inter_kind(f(&["inter1"]));
        let hint2 = inter_kind(f(&["inter2"]));
        let actor1 = r.actor(f(&["actor1"]), hint1);
        if actor1.is_none() {
            return Err("actor1 is empty".into());
        }
        inc.perpetrators.extend(actor1.clone());
        inc.perpetrators.extend(split(f(&["assoc_actor_1", "ally_actor_1"])).filter_map(|n| r.actor(n, hint1)));
        // Civilians named as the second actor of violence were harmed by it.
        let violent = !matches!(
            inc.kind,
            IncidentType::Protest | IncidentType::Riot | IncidentType::Arrest | IncidentType::Other
        );
        let seconds: Vec<ActorRecord> = std::iter::once(f(&["actor2"]))
            .chain(split(f(&["assoc_actor_2", "ally_actor_2"])))
            .filter_map(|n| r.actor(n, hint2))
            .collect();
        for a in seconds {
            if violent && a.kind == ActorKind::Civilians {
                inc.victims.push(a);
            } else {
                inc.targets.push(a);
            }
        }
        let claimed = f(&["claimed_by"]);
        if !claimed.is_empty() {
            inc.claimed_by.extend(split(claimed).filter_map(|n| r.actor(n, Some(ActorKind::ArmedGroup))));
        } else if notes.to_ascii_lowercase().contains("claimed responsibility") {
            inc.claimed_by.extend(actor1.filter(|a| a.kind == ActorKind::ArmedGroup));
        }
        Ok(())
    }
}

/// ACLED lists associated actors separated by semicolons.
fn split(s: &str) -> impl Iterator<Item = &str> {
    s.split(';').map(str::trim).filter(|s| !s.is_empty())
}

/// ACLED's interaction codes: 1 state forces, 2 rebels, 3 political militias,
/// 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external forces.
/// The current files spell them out ("State forces"); both are read.
fn inter_kind(code: &str) -> Option<ActorKind> {
    let code = code.trim().to_ascii_lowercase();
    Some(match code.as_str() {
        "1" | "state forces" => ActorKind::StateForce,
        "2" | "3" | "4" | "rebel groups" | "political militias" | "identity militias" => ActorKind::ArmedGroup,
        "5" | "6" | "7" | "rioters" | "protesters" | "civilians" => ActorKind::Civilians,
        "8" | "external/other forces" => ActorKind::Organization,
        _ => return None,
    })
}

/// The incident type of an ACLED event type and sub-event type, either scheme.
pub(crate) fn incident_type(event_type: &str, sub: &str) -> IncidentType {
    use IncidentType::*;
    let sub = sub.to_ascii_lowercase();
    let by_sub = match sub.as_str() {
        "air/drone strike" => Some(Airstrike),
        "suicide bomb" => Some(SuicideBombing),
        "shelling/artillery/missile attack" => Some(Shelling),
        "remote explosive/landmine/ied" | "grenade" => Some(Bombing),
        "abduction/forced disappearance" => Some(Kidnapping),
        "attack" | "sexual violence" => Some(ArmedAssault),
        "armed clash" | "government regains territory" | "non-state actor overtakes territory" => Some(Battle),
        "peaceful protest" | "protest with intervention" | "excessive force against protesters" => Some(Protest),
        "violent demonstration" | "mob violence" => Some(Riot),
        "arrests" => Some(Arrest),
        "looting/property destruction" => Some(FacilityAttack),
        _ => None,
    };
    if let Some(kind) = by_sub {
        return kind;
    }
    let t = event_type.to_ascii_lowercase();
    if t.starts_with("battle") {
        Battle
    } else if t.contains("remote violence") || t.starts_with("explosions") {
        Bombing
    } else if t.starts_with("violence against civilians") {
        ArmedAssault
    } else if t == "riots" {
        Riot
    } else if t.contains("protest") {
        Protest
    } else {
        Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_schemes_name_types() {
        assert_eq!(incident_type("Battle-No change of territory", ""), IncidentType::Battle);
        assert_eq!(incident_type("Remote violence", ""), IncidentType::Bombing);
        assert_eq!(incident_type("Riots/Protests", ""), IncidentType::Protest);
        assert_eq!(incident_type("Explosions/Remote violence", "Air/drone strike"), IncidentType::Airstrike);
        assert_eq!(incident_type("Riots", "Mob violence"), IncidentType::Riot);
        assert_eq!(incident_type("Strategic developments", "Agreement"), IncidentType::Other);
    }

    #[test]
    fn inter_codes_both_ways() {
        assert_eq!(inter_kind("1"), Some(ActorKind::StateForce));
        assert_eq!(inter_kind("Protesters"), Some(ActorKind::Civilians));
        assert_eq!(inter_kind(""), None);
    }
}
