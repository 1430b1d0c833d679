//! MUC-4 role fillers: which words ckg takes as perpetrators and weapons in
//! wire-style text, upper case as in MUC-4 and mixed case.

use ckg::extract::{ExtractOptions, Extractor, parse_published};

fn extract(text: &str) -> Vec<ckg::model::IncidentRecord> {
    let options = ExtractOptions { published: parse_published("1990-03-10"), title: None };
    Extractor::shared().extract_article(text, Some(&options)).expect("extracts").incidents
}

fn perpetrator_mentions(text: &str) -> Vec<String> {
    extract(text).iter().flat_map(|i| i.perpetrators.iter().map(|a| a.mention.to_uppercase())).collect()
}

fn weapons(text: &str) -> Vec<String> {
    extract(text).iter().flat_map(|i| i.weapons.iter().map(|w| w.to_uppercase())).collect()
}

#[test]
fn terrorist_attack_without_a_named_group_keeps_the_terrorist() {
    let perps = perpetrator_mentions("THE MAYOR OF ZARAGOZA WAS KILLED IN A TERRORIST ATTACK IN MEDELLIN YESTERDAY.");
    assert!(perps.iter().any(|m| m.contains("TERRORIST")), "{perps:?}");
}

#[test]
fn terrorist_organization_is_not_an_individual_perpetrator() {
    let text = "POLICE SAID THAT THE TERRORIST ORGANIZATION SHINING PATH BOMBED A BRIDGE IN HUANCAYO ON TUESDAY.";
    let perps = perpetrator_mentions(text);
    assert!(!perps.iter().any(|m| m.contains("TERRORIST")), "{perps:?}");
}

#[test]
fn guerrilla_offensive_of_a_named_group_gives_no_unnamed_guerrilla() {
    let text = "FMLN REBELS KILLED THREE CIVILIANS IN A GUERRILLA ATTACK ON SAN MIGUEL ON SUNDAY.";
    let perps = perpetrator_mentions(text);
    assert!(perps.iter().any(|m| m.contains("FMLN")), "{perps:?}");
    assert!(!perps.iter().any(|m| m.contains("A GUERRILLA")), "{perps:?}");
}

#[test]
fn plural_perpetrator_before_a_verb_stays() {
    let perps = perpetrator_mentions("TERRORISTS ATTACK A POLICE STATION IN LIMA, KILLING TWO POLICEMEN.");
    assert!(perps.iter().any(|m| m.contains("TERRORISTS")), "{perps:?}");
}

#[test]
fn seized_arms_are_not_weapons_used() {
    let text = "TROOPS CLASHED WITH REBELS NEAR SUCHITOTO, KILLING FOUR OF THEM. \
                THE SOLDIERS SEIZED SIX RIFLES AND TWO MORTARS.";
    let found = weapons(text);
    assert!(!found.iter().any(|w| w.contains("RIFLE") || w.contains("MORTAR")), "{found:?}");
}

#[test]
fn grenade_launcher_is_one_weapon() {
    let found = weapons("REBELS FIRED AN M-79 GRENADE LAUNCHER AT AN ARMY POST IN CHALATENANGO, WOUNDING A SOLDIER.");
    assert!(found.iter().any(|w| w == "GRENADE LAUNCHER"), "{found:?}");
    assert!(!found.iter().any(|w| w == "GRENADE"), "{found:?}");
}

#[test]
fn bomb_squad_is_not_a_weapon() {
    let text =
        "A car bomb exploded outside a bank in Bogota, killing two people. The bomb squad arrived an hour later.";
    let found = weapons(text);
    assert!(found.iter().any(|w| w == "CAR BOMB"), "{found:?}");
    assert!(!found.iter().any(|w| w == "BOMB"), "{found:?}");
}

#[test]
fn armed_individuals_and_hired_assassins_are_perpetrators() {
    let perps = perpetrator_mentions(
        "ARMED INDIVIDUALS IN A BLUE CAR SHOT AND KILLED A JUDGE IN MEDELLIN ON MONDAY NIGHT, POLICE SAID.",
    );
    assert!(perps.iter().any(|m| m.contains("ARMED INDIVIDUALS")), "{perps:?}");
    let perps =
        perpetrator_mentions("Two hired assassins shot dead a union leader outside his home in Cali on Friday.");
    assert!(perps.iter().any(|m| m.contains("ASSASSINS")), "{perps:?}");
}

#[test]
fn uniformed_men_who_kidnap_are_perpetrators() {
    let perps = perpetrator_mentions(
        "UNIFORMED MEN KIDNAPPED A PEASANT LEADER FROM HIS HOME IN SAN VICENTE DEPARTMENT YESTERDAY.",
    );
    assert!(perps.iter().any(|m| m.contains("UNIFORMED MEN")), "{perps:?}");
}

fn facility_targets(text: &str) -> Vec<String> {
    let incidents = extract(text);
    let facilities = incidents.iter().flat_map(|i| i.targets.iter().chain(&i.victims));
    facilities.filter(|a| a.kind == ckg::model::ActorKind::Facility).map(|a| a.mention.to_uppercase()).collect()
}

#[test]
fn several_facilities_after_the_attack_word_are_all_targets() {
    let text = "URBAN GUERRILLAS BOMBED THE SHERATON HOTEL, A BANK AND TWO POWER PYLONS IN SAN SALVADOR LAST NIGHT.";
    let found = facility_targets(text);
    assert!(found.iter().any(|m| m.contains("HOTEL")), "{found:?}");
    assert!(found.iter().any(|m| m.contains("PYLONS")), "{found:?}");
}

#[test]
fn a_facility_as_passive_subject_is_a_target() {
    let found = facility_targets("Two bank branches were bombed in Medellin on Saturday night, police said.");
    assert!(found.iter().any(|m| m.to_uppercase().contains("BANK BRANCHES")), "{found:?}");
}

#[test]
fn facility_target_is_scored_without_its_count() {
    let text = "URBAN GUERRILLAS BOMBED TWO POWER PYLONS IN USULUTAN DEPARTMENT LAST NIGHT, CAUSING A BLACKOUT.";
    let options = ExtractOptions { published: parse_published("1990-03-10"), title: None };
    let article = Extractor::shared().extract_article(text, Some(&options)).expect("extracts");
    let roles = ckg::eval::predicted_roles(&article);
    let strings: Vec<&String> = roles[2].iter().flatten().collect();
    assert!(strings.iter().any(|s| s.as_str() == "POWER PYLONS"), "{strings:?}");
}
