//! State forces, peacekeeping contingents and perpetrator phrasings, on short
//! texts written for these tests.

use ckg::extract::{ExtractOptions, Extractor, parse_published};
use ckg::model::{ActorRecord, IncidentRecord};

fn extract(text: &str) -> Vec<IncidentRecord> {
    let options = ExtractOptions { published: parse_published("2016-03-01"), title: None };
    Extractor::shared().extract_article(text, Some(&options)).expect("extracts").incidents
}

/// Every actor name of every role of every incident.
fn all_names(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for inc in extract(text) {
        let roles: [&[ActorRecord]; 5] =
            [&inc.perpetrators, &inc.targets, &inc.victims, &inc.attributed_to, &inc.claimed_by];
        out.extend(roles.iter().flat_map(|r| r.iter()).map(|a| a.name.clone()));
    }
    out
}

fn perpetrators(text: &str) -> Vec<String> {
    extract(text).iter().flat_map(|i| i.perpetrators.iter().map(|a| a.name.clone())).collect()
}

#[test]
fn contributing_forces_in_somalia_are_their_amisom_contingent() {
    let names =
        perpetrators("KDF soldiers killed five al Shabaab fighters near Bardhere in Gedo region, Somalia, on Sunday.");
    assert!(names.contains(&"AMISOM Kenyan Contingent".to_string()), "{names:?}");
    let names = perpetrators("Ethiopian troops shelled an al Shabaab position near Baidoa, Somalia, on Tuesday.");
    assert!(names.contains(&"AMISOM Ethiopian Contingent".to_string()), "{names:?}");
    // At home they are the national army.
    let names = perpetrators("Kenyan soldiers arrested three suspects in Garissa, Kenya, on Monday.");
    assert_eq!(names, vec!["Military Forces of Kenya"]);
}

#[test]
fn acled_names_with_years_in_the_middle_resolve() {
    let ex = Extractor::shared();
    let dict = ex.actors();
    let entry = dict.resolve("AMISOM: African Union Mission in Somalia (2007-) (Kenya)").expect("resolves");
    assert_eq!(entry.name, "AMISOM Kenyan Contingent");
    let entry = dict.resolve("Police Forces of Uganda (1986-)").expect("resolves");
    assert_eq!(entry.name, "Police Forces of Uganda");
}

#[test]
fn bare_police_take_the_country_first_named_in_a_tie() {
    // Two places in two countries, once each: the report's lead place wins.
    let text = "A policeman fired into a crowd outside the Cairo police headquarters, a security official told MENA. \
                The policeman said he had fired in the air.";
    let names = all_names(text);
    assert!(names.iter().all(|n| !n.starts_with("Police Forces of") || n == "Police Forces of Egypt"), "{names:?}");
    assert!(names.contains(&"Police Forces of Egypt".to_string()), "{names:?}");
}

#[test]
fn a_community_name_before_a_fighter_noun_is_its_militia() {
    let names = perpetrators("Murle gunmen raided a cattle camp near Pibor, South Sudan, killing six herders.");
    assert!(names.contains(&"Murle Ethnic Militia (South Sudan)".to_string()), "{names:?}");
    let names = perpetrators("Suspected Abgaal militia shot dead a farmer near Jowhar, Somalia, on Sunday.");
    assert!(names.contains(&"Abgal Clan Militia (Somalia)".to_string()), "{names:?}");
    let names =
        perpetrators("Fulani herdsmen attacked a farming village in Benue state, Nigeria, killing nine people.");
    assert!(names.contains(&"Fulani Ethnic Militia".to_string()), "{names:?}");
    let names = perpetrators("Fulanis attacked a farming village in Benue state, Nigeria, killing nine people.");
    assert!(names.contains(&"Fulani Ethnic Militia".to_string()), "{names:?}");
}

#[test]
fn a_shared_fighter_noun_makes_both_communities_militias() {
    let names =
        all_names("Five people were killed in clashes between Tabu and Tuareg groups in Ubari, Libya, on Monday.");
    assert!(names.contains(&"Tabu Ethnic Militia (Libya)".to_string()), "{names:?}");
    assert!(names.contains(&"Tuareg Ethnic Militia (Libya)".to_string()), "{names:?}");
}

#[test]
fn the_army_right_before_its_verb_is_the_subject() {
    let names = perpetrators("The army killed four militants near Rafah, Egypt, on Thursday.");
    assert_eq!(names, vec!["Military Forces of Egypt"]);
}

#[test]
fn coordinated_demonyms_share_the_force_noun() {
    let names = perpetrators("Chadian and Nigerien troops killed 30 Boko Haram fighters near Bosso, Niger, on Friday.");
    assert!(names.contains(&"Military Forces of Chad".to_string()), "{names:?}");
    assert!(names.contains(&"Military Forces of Niger".to_string()), "{names:?}");
}

#[test]
fn regional_forces_keep_their_region() {
    // "Puntland police force" is listed: the plural must not hide "Puntland police".
    let names = perpetrators("Puntland police forces detained 40 al Shabaab suspects in Garowe, Somalia, on Monday.");
    assert_eq!(names, vec!["Police Forces of Puntland"]);
    let names = all_names("Heavy fighting broke out between Puntland and Galmudug forces in Galkayo, Somalia.");
    assert!(names.contains(&"Military Forces of Puntland".to_string()), "{names:?}");
    assert!(names.contains(&"Military Forces of Galmudug".to_string()), "{names:?}");
    let names = all_names("Jubaland security forces exchanged fire with armed men in Kismayo, Somalia.");
    assert!(names.contains(&"Military Forces of Jubaland".to_string()), "{names:?}");
}

#[test]
fn vigilantes_are_the_countrys_vigilante_militia() {
    let names = perpetrators("A vigilante mob beat a suspected thief to death in Lilongwe, Malawi, on Sunday.");
    assert!(names.contains(&"Vigilante Militia (Malawi)".to_string()), "{names:?}");
    let names = all_names("A suspected burglar was killed by vigilantes in Soweto, South Africa.");
    assert!(names.contains(&"Vigilante Militia (South Africa)".to_string()), "{names:?}");
}

#[test]
fn a_missions_troops_act_as_perpetrators() {
    let names = perpetrators("AMISOM troops shelled an al Shabaab position near Marka, Somalia, on Friday.");
    assert!(names.contains(&"AMISOM".to_string()), "{names:?}");
    let names = perpetrators("MONUSCO peacekeepers attacked ADF positions near Beni on Tuesday.");
    assert!(names.contains(&"MONUSCO".to_string()), "{names:?}");
}

#[test]
fn attackers_believed_to_be_a_group_are_attributed_to_it() {
    let inc =
        extract("Gunmen believed to be Boko Haram members killed nine villagers near Maiduguri, Nigeria, on Sunday.");
    let inc = inc.first().expect("an incident");
    let attributed: Vec<&str> = inc.attributed_to.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(attributed, vec!["Boko Haram"]);
    assert!(inc.perpetrators.iter().any(|a| a.mention == "Gunmen"), "{:?}", inc.perpetrators);
    // The dead are not blamed: "believed to be" after a victim names no perpetrator.
    let inc = extract("Five men believed to be fishermen were found dead near Baga, Nigeria, on Monday.");
    assert!(inc.iter().all(|i| i.attributed_to.is_empty()), "{inc:?}");
}

#[test]
fn forces_loyal_to_the_government_are_the_states() {
    let names =
        all_names("Fighting was reported in Benghazi between forces loyal to the Libyan government and Islamic State.");
    assert!(names.contains(&"Military Forces of Libya".to_string()), "{names:?}");
    // Bare "forces" loyal to anyone else stay unnamed.
    let names = all_names("Forces loyal to a rebel commander clashed with Islamic State fighters near Sirte, Libya.");
    assert!(!names.contains(&"Military Forces of Libya".to_string()), "{names:?}");
}
