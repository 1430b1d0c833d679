//! Place finding in short event notes (the style of dataset descriptions):
//! places named only in a follow-up sentence, institutions named after their
//! town, local places marked by the sentence, and the country of places the
//! gazetteer lacks. All texts are written for these tests.

use ckg::extract::{ExtractOptions, Extractor, parse_published};
use ckg::model::IncidentRecord;

fn extract(text: &str) -> Vec<IncidentRecord> {
    let options = ExtractOptions { published: parse_published("2016-03-01"), title: None };
    Extractor::shared().extract_article(text, Some(&options)).expect("extracts").incidents
}

/// Every place name of every incident.
fn places(text: &str) -> Vec<String> {
    extract(text).iter().flat_map(|i| i.places.iter().map(|p| p.name.clone())).collect()
}

/// The first place's country of the first incident.
fn country(text: &str) -> Option<String> {
    extract(text).first().and_then(|i| i.places.first()).and_then(|p| p.country.clone())
}

fn has(text: &str, name: &str) {
    let found = places(text);
    assert!(found.iter().any(|p| p == name), "{text}: {name} not in {found:?}");
}

#[test]
fn a_follow_up_sentence_gives_the_place() {
    has("Four journalists were arrested by police on Monday. They were later held in a cell in Mombasa.", "Mombasa");
}

#[test]
fn romanised_arabic_diacritics_fold() {
    // GeoNames spells it "Rafaḩ"; the plain spelling is its name, not a rare alias.
    let found = places("Two people were injured when a shell fell on Rafah.");
    assert!(found.iter().any(|p| p.starts_with("Rafa")), "{found:?}");
}

#[test]
fn institutions_named_after_their_town_give_the_town() {
    has("Students protested outside the Pretoria High School on Monday.", "Pretoria");
    has("Relatives gathered outside the Kisumu Magistrate's Court to demand bail.", "Kisumu");
    has("Gunmen attacked the Maiduguri Teaching Hospital at night.", "Maiduguri");
}

#[test]
fn both_ends_of_a_hyphenated_road_are_places() {
    let found = places("Bandits ambushed a bus on the Juba-Torit road, killing two.");
    assert!(found.iter().any(|p| p == "Juba") && found.iter().any(|p| p == "Torit"), "{found:?}");
}
