//! State forces, round 2: coordinated mission names, contingents in notes
//! without a known place, aircraft and country names as force modifiers. On
//! short texts written for these tests.

use ckg::extract::{ExtractOptions, Extractor, parse_published};
use ckg::model::IncidentRecord;

fn extract(text: &str) -> Vec<IncidentRecord> {
    let options = ExtractOptions { published: parse_published("2016-03-01"), title: None };
    Extractor::shared().extract_article(text, Some(&options)).expect("extracts").incidents
}

fn perpetrators(text: &str) -> Vec<String> {
    extract(text).iter().flat_map(|i| i.perpetrators.iter().map(|a| a.name.clone())).collect()
}

#[test]
fn a_mission_coordinated_with_a_force_shares_its_noun() {
    for text in [
        "AMISOM/SNA troops attacked al Shabaab fighters near Afgooye on Friday.",
        "AMISOM and Somali forces attacked an al Shabaab base near Afgooye on Friday.",
        "A member of AMISOM shot dead a motorcyclist at a checkpoint in Afgooye.",
    ] {
        let names = perpetrators(text);
        assert!(names.contains(&"AMISOM".to_string()), "{text}: {names:?}");
    }
    // An organisation alone still only speaks or mediates.
    let names = perpetrators("AMISOM and the UN condemned the attack on a hotel in Mogadishu.");
    assert!(!names.contains(&"AMISOM".to_string()), "{names:?}");
}

#[test]
fn a_contributing_force_in_a_note_without_a_known_place_is_its_contingent() {
    // The village is unknown; al Shabaab points to Somalia and nothing to Kenya.
    let names = perpetrators("KDF troops raided the village of Qoryaley Dhexe after an al Shabaab ambush.");
    assert!(names.contains(&"AMISOM Kenyan Contingent".to_string()), "{names:?}");
    // A place in Kenya keeps them at home.
    let names = perpetrators(
        "Al Shabaab fighters attacked a police post in Mandera. KDF troops raided the village of Qoryaley Dhexe.",
    );
    assert!(!names.contains(&"AMISOM Kenyan Contingent".to_string()), "{names:?}");
}

#[test]
fn military_aircraft_after_a_demonym_are_that_states_forces() {
    let names = perpetrators("Kenyan war planes bombed al Shabaab camps near Jilib on Tuesday.");
    assert!(names.contains(&"AMISOM Kenyan Contingent".to_string()), "{names:?}");
    let names = perpetrators("Warplanes bombed rebel positions in Benghazi on Sunday.");
    assert!(names.contains(&"Military Forces of Libya".to_string()), "{names:?}");
    // Bare "jets" may be anyone's.
    let names = perpetrators("Jets bombed rebel positions in Benghazi on Sunday.");
    assert!(!names.iter().any(|n| n.starts_with("Military Forces")), "{names:?}");
}

#[test]
fn a_country_name_before_a_force_noun_names_its_forces() {
    let names = perpetrators("Uganda police fired tear gas at opposition supporters in Kampala.");
    assert!(names.contains(&"Police Forces of Uganda".to_string()), "{names:?}");
    let names = perpetrators("Kenya air forces struck al Shabaab positions near Jilib.");
    assert!(names.contains(&"AMISOM Kenyan Contingent".to_string()), "{names:?}");
}

#[test]
fn security_forces_facing_a_crowd_are_the_police() {
    let names = perpetrators("Security forces fired tear gas to disperse demonstrators outside a court in Giza.");
    assert!(names.contains(&"Police Forces of Egypt".to_string()), "{names:?}");
    // Without a crowd they stay the military.
    let names = perpetrators("Security forces killed three militants in a raid near Arish in North Sinai.");
    assert!(names.contains(&"Military Forces of Egypt".to_string()), "{names:?}");
}

#[test]
fn a_people_living_in_one_country_sets_the_country_of_bare_soldiers() {
    // The village is unknown to the gazetteer; the Oromo live in Ethiopia.
    let names = perpetrators("Oromo farmers marched in Gudeya Bila. Soldiers shot dead two of the marchers.");
    assert!(names.contains(&"Military Forces of Ethiopia".to_string()), "{names:?}");
}

#[test]
fn a_mob_punishing_an_alleged_offender_is_the_vigilante_militia() {
    let names = perpetrators("An angry mob beat a suspected thief to death at a market in Lilongwe, Malawi.");
    assert!(names.contains(&"Vigilante Militia (Malawi)".to_string()), "{names:?}");
    // A mob with no offender to punish is not vigilantism.
    let names = perpetrators("A mob looted shops and set cars alight in Lilongwe, Malawi, after the match.");
    assert!(!names.iter().any(|n| n.starts_with("Vigilante")), "{names:?}");
}

#[test]
fn sinai_is_in_egypt() {
    // The village is unknown; "Sinai" sets the country of the bare "army troops".
    let names = perpetrators("Army troops killed four militants near the village of Al-Muqataa in Sinai on Monday.");
    assert!(names.contains(&"Military Forces of Egypt".to_string()), "{names:?}");
}

#[test]
fn the_nur_faction_is_the_abdul_wahid_sla() {
    let names = perpetrators("The Nur faction attacked an army garrison near Golo in Jebel Marra.");
    assert!(names.contains(&"Sudan Liberation Movement/Army - Abdul Wahid".to_string()), "{names:?}");
}

#[test]
fn an_ethiopian_zone_sets_the_country_of_bare_soldiers() {
    // The village is unknown to the gazetteer; the zone lies in Oromia.
    let names = perpetrators("Soldiers beat three farmers in Tullu Dima village, West Shoa.");
    assert!(names.contains(&"Military Forces of Ethiopia".to_string()), "{names:?}");
    let names = perpetrators("Police shot dead a trader in Qoqa Dhaqa, East Hararghe, on Friday.");
    assert!(names.contains(&"Police Forces of Ethiopia".to_string()), "{names:?}");
    let names = perpetrators("Soldiers detained twenty youths near Gara Burqa market, North Wollo.");
    assert!(names.contains(&"Military Forces of Ethiopia".to_string()), "{names:?}");
}
