//! One test per extraction bug fixed, each on a sentence written for it.

use ckg::extract::{ExtractOptions, Extractor, parse_published};

fn extract(text: &str) -> Vec<ckg::model::IncidentRecord> {
    let options = ExtractOptions { published: parse_published("1990-03-10"), title: None };
    Extractor::shared().extract_article(text, Some(&options)).expect("extracts").incidents
}

/// A named person after "by" with the attack word later in the sentence: checking whether the
/// attack word's "by" introduced him sliced the text backwards and panicked (MUC-4 TST2-MUC4-0036).
#[test]
fn a_named_person_before_the_attack_word_does_not_panic() {
    let text = "A peace plan was presented by Colonel Juan Lopez to the government two days before \
                guerrillas bombed the power station in San Miguel.";
    let incidents = extract(text);
    let first = incidents.first().expect("the bombing is an incident");
    assert!(
        !first.perpetrators.iter().any(|p| p.name.contains("Lopez")),
        "the man who presented a plan is not the bomber: {:?}",
        first.perpetrators
    );
}

/// "San Miguel" is also a former name of San Diego (1.4 million people): with no country named,
/// that alternate name outranked El Salvador's city of San Miguel, whose own name it is.
#[test]
fn a_towns_own_name_beats_another_towns_former_name() {
    let text = "Guerrillas blew up a bridge on the highway outside San Miguel on Friday, the army said.";
    let incidents = extract(text);
    let place = incidents.first().and_then(|i| i.places.first()).expect("a place");
    assert_eq!((place.name.as_str(), place.country.as_deref()), ("San Miguel", Some("SV")), "{place:?}");
}
