//! Actors the text implies without naming them (`src/extract/implicit.rs`),
//! and the protest and riot forms that name a crowd: short texts written for
//! these tests.

use ckg::eval::names::is_named;
use ckg::eval::predicted_roles;
use ckg::extract::{ExtractOptions, Extractor, parse_published};
use ckg::model::{ActorKind, ActorRecord, IncidentRecord, IncidentType};

fn extract(text: &str) -> ckg::model::ExtractedArticle {
    let options = ExtractOptions { published: parse_published("2016-03-14"), title: None };
    Extractor::shared().extract_article(text, Some(&options)).expect("extracts")
}

fn one(text: &str) -> IncidentRecord {
    extract(text).incidents.into_iter().next().unwrap_or_else(|| panic!("no incident in {text:?}"))
}

fn implicit(inc: &IncidentRecord) -> Vec<&ActorRecord> {
    inc.perpetrators.iter().filter(|a| a.implicit).collect()
}

#[test]
fn a_violent_incident_without_a_named_perpetrator_has_an_implicit_one() {
    for text in [
        "A grenade attack wounded two police officers at a checkpoint in the capital on Sunday.",
        "The body of a trader was found near the market; he had been stabbed and shot.",
        "Two men armed with pistols shot and wounded a shopkeeper in the old town.",
    ] {
        let inc = one(text);
        let found = implicit(&inc);
        assert_eq!(found.len(), 1, "{text}: {:?}", inc.perpetrators);
        let a = found[0];
        assert_eq!((a.name.as_str(), a.kind), ("Unidentified perpetrator", ActorKind::Unidentified), "{text}");
        assert!(a.scoped && !is_named(a), "{text}: {a:?}");
        // The mention is the trigger as written, an exact piece of the text.
        assert!(!a.mention.is_empty() && text.contains(&a.mention), "{text}: {a:?}");
    }
}

#[test]
fn communal_clashes_imply_a_communal_militia() {
    let inc = one("Intercommunal clashes left five people dead in the district on Tuesday.");
    let names: Vec<&str> = implicit(&inc).iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, vec!["Unidentified communal militia"]);
}

#[test]
fn no_implicit_perpetrator_when_someone_is_named_or_nobody_attacked() {
    for text in [
        "Unknown assailants shot a councillor outside his home on Friday.",
        "Al-Shabaab fighters attacked a police post near Afgooye on Monday.",
        "Hundreds of teachers protested outside the ministry over unpaid salaries.",
        "Police arrested three suspects in the city on Monday.",
    ] {
        for inc in extract(text).incidents {
            assert!(implicit(&inc).is_empty(), "{text}: {:?}", inc.perpetrators);
        }
    }
}

#[test]
fn an_implicit_perpetrator_is_no_muc4_perpetrator_string() {
    let pred = extract("A bomb exploded at a bus stop in the capital on Sunday, wounding seven people.");
    assert!(pred.incidents.iter().any(|i| !implicit(i).is_empty()), "{:?}", pred.incidents);
    let roles = predicted_roles(&pred);
    assert!(roles[0].is_empty(), "perp_individual_id {:?}", roles[0]);
}

#[test]
fn crowd_nouns_in_a_clash_or_shooting_are_the_crowd() {
    let inc = one("Clashes between protesters and police were reported in the town on Friday.");
    let crowd: Vec<(&str, &str)> = inc.perpetrators.iter().map(|a| (a.name.as_str(), a.mention.as_str())).collect();
    assert!(crowd.contains(&("Protesters", "protesters")), "{:?}", inc.perpetrators);
    assert!(implicit(&inc).is_empty());

    let inc = one("Soldiers fired at rioters near the university on Monday.");
    let hit = inc.targets.iter().find(|a| a.name == "Rioters").expect("the rioters are a target");
    assert_eq!(hit.kind, ActorKind::Civilians);

    // A sentence that only refers back to the kidnapping does not make the
    // protesters it mentions part of it.
    let text = "Gunmen kidnapped ten pupils from a school in the north on Monday. \
                The kidnappings have caused outrage, with protesters marching in the capital.";
    let inc = one(text);
    let all = inc.perpetrators.iter().chain(&inc.targets).chain(&inc.victims);
    assert!(!all.clone().any(|a| a.name == "Protesters"), "{inc:?}");
}

#[test]
fn protests_in_the_present_perfect_are_one_event() {
    for text in [
        "Nurses at the district hospital have gone on strike over unpaid wages.",
        "Residents of the township have protested against the eviction of traders.",
    ] {
        let inc = one(text);
        assert_eq!(inc.kind, IncidentType::Protest, "{text}");
        assert!(inc.perpetrators.iter().any(|a| a.name == "Protesters"), "{text}: {:?}", inc.perpetrators);
    }
}

#[test]
fn more_protest_and_riot_forms() {
    for (text, kind) in [
        ("Students striked and paralysed the university on Monday.", IncidentType::Protest),
        ("Dock workers began a work stoppage at the port over pay cuts.", IncidentType::Protest),
        ("Residents blocked the main road into the town demanding water.", IncidentType::Protest),
        ("Angry youths went on the rampage in the market after the arrest.", IncidentType::Riot),
    ] {
        let inc = one(text);
        assert_eq!(inc.kind, kind, "{text}");
        assert!(!inc.perpetrators.is_empty(), "{text}");
    }
}

#[test]
fn civilians_on_a_side_of_a_clash_are_rioters() {
    for text in [
        "Two policemen were injured on Sunday during clashes with residents of a squatter camp.",
        "Rival supporters clashed outside the council offices on Saturday.",
    ] {
        let inc = one(text);
        let rioters = inc.perpetrators.iter().find(|a| a.name == "Rioters");
        assert!(rioters.is_some_and(|a| a.kind == ActorKind::Civilians), "{text}: {:?}", inc.perpetrators);
    }
    // Residents who report a clash are not in it.
    let inc = one("Residents said soldiers clashed with militants near the border on Monday.");
    assert!(!inc.perpetrators.iter().any(|a| a.name == "Rioters"), "{:?}", inc.perpetrators);
}

#[test]
fn fights_arson_and_numbered_marches() {
    for (text, kind) in [
        ("The meeting ended in a fist fight between rival party members.", IncidentType::Riot),
        ("Party youths came to blows outside the polling station on Saturday.", IncidentType::Riot),
        ("Several hundred residents marched to the district office on Friday.", IncidentType::Protest),
        ("Teachers and parents came out to march against crime in the township.", IncidentType::Protest),
    ] {
        let inc = one(text);
        assert_eq!(inc.kind, kind, "{text}");
        assert!(!inc.perpetrators.is_empty(), "{text}");
    }
    let inc = one("A passenger train was set alight at the depot overnight.");
    assert!(inc.perpetrators.iter().any(|a| a.implicit), "{:?}", inc.perpetrators);
}
