//! Threatened, planned and possible acts are not incidents; what happened still is.

use ckg::extract::{ExtractOptions, Extractor, parse_published};

fn extract(text: &str) -> Vec<ckg::model::IncidentRecord> {
    let options = ExtractOptions { published: parse_published("1990-03-10"), title: None };
    Extractor::shared().extract_article(text, Some(&options)).expect("extracts").incidents
}

#[test]
fn threats_and_plans_make_no_incident() {
    for text in [
        "THE ARMY SAID THE GUERRILLAS MIGHT ATTEMPT TO KIDNAP THE MAYOR OF SAN MIGUEL.",
        "The rebel commander threatened to bomb the power station in Usulutan.",
        "Officials warned that the militants will attack the border post at Kurgan.",
    ] {
        assert!(extract(text).is_empty(), "no incident in {text:?}: {:?}", extract(text));
    }
}

#[test]
fn what_happened_is_still_an_incident() {
    for text in [
        "Gunmen killed two policemen in San Miguel on Tuesday, and the army said they might attack again.",
        "THE MAYOR MAY HAVE BEEN KIDNAPPED BY URBAN GUERRILLAS IN SAN SALVADOR ON 3 MARCH.",
        "Militants attacked a police post in Kunar province, officials said.",
    ] {
        assert!(!extract(text).is_empty(), "an incident in {text:?}");
    }
}
