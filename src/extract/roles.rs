//! Role and occupation nouns that name one person or a few ("a shepherd",
//! "the director of ...", "two prosecutors"), added to the people nouns of
//! [`super::lexicon::PEOPLE`] so that a killing of someone named by a role
//! is counted. Singular forms: `casualties::person_noun` also matches them
//! with an s added (irregular plurals in -men are listed themselves).

use crate::model::ActorKind;

/// Officials and office holders.
const GOVERNMENT: &[&str] = &[
    "director",
    "prosecutor",
    "administrator",
    "minister",
    "secretary",
    "commissioner",
    "legislator",
    "senator",
    "parliamentarian",
    "ambassador",
    "diplomat",
    "envoy",
    "consul",
    "magistrate",
    "deputy",
    "chairman",
    "chairwoman",
    "chairperson",
    "president",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "delegate",
    "councilwoman",
    "councilman",
    "headman",
    "chieftain",
    "emir",
    "ruler",
];

/// Members of state forces named by rank or post.
const STATE_FORCE: &[&str] = &[
    "bodyguard",
    "inspector",
    "constable",
    "policewoman",
    "serviceman",
    "corporal",
    "conscript",
    "reservist",
    "paratrooper",
    "commando",
    "sentry",
    "warden",
    "superintendent",
];

/// Leaders and heads of anything.
const PERSONS: &[&str] = &["head", "scholar"];

/// Occupations, family roles and other civilians.
const CIVILIANS: &[&str] = &[
    "shepherd",
    "firefighter",
    "lecturer",
    "professor",
    "informer",
    "informant",
    "expert",
    "manager",
    "businessman",
    "businesswoman",
    "businessperson",
    "migrant",
    "immigrant",
    "detainee",
    "reporter",
    "photographer",
    "cameraman",
    "broadcaster",
    "presenter",
    "attorney",
    "monk",
    "nun",
    "bishop",
    "missionary",
    "rabbi",
    "preacher",
    "muezzin",
    "sheikh",
    "mullah",
    "watchman",
    "motorcyclist",
    "pedestrian",
    "fisherman",
    "herdsman",
    "tribesman",
    "tribesmen",
    "laborer",
    "labourer",
    "mechanic",
    "tailor",
    "butcher",
    "barber",
    "cashier",
    "accountant",
    "banker",
    "pharmacist",
    "surgeon",
    "physician",
    "paramedic",
    "medic",
    "vaccinator",
    "volunteer",
    "headteacher",
    "headmaster",
    "headmistress",
    "principal",
    "teenager",
    "toddler",
    "baby",
    "mother",
    "father",
    "sister",
    "nephew",
    "niece",
    "cousin",
    "uncle",
    "aunt",
    "grandson",
    "granddaughter",
    "grandfather",
    "grandmother",
    "widow",
    "neighbor",
    "neighbour",
    "customer",
    "patient",
    "athlete",
    "footballer",
    "singer",
    "musician",
    "artist",
    "poet",
    "writer",
    "blogger",
    "translator",
    "interpreter",
    "clerk",
    "caretaker",
    "landowner",
    "owner",
    "rancher",
    "merchant",
    "dealer",
    "technician",
    "electrician",
    "surveyor",
    "scientist",
    "researcher",
    "smuggler",
    "thief",
    "poacher",
];

/// Every role noun with the actor kind it implies.
pub fn role_nouns() -> impl Iterator<Item = (&'static str, ActorKind)> {
    let kinds: [(&'static [&'static str], ActorKind); 4] = [
        (GOVERNMENT, ActorKind::Government),
        (STATE_FORCE, ActorKind::StateForce),
        (PERSONS, ActorKind::Person),
        (CIVILIANS, ActorKind::Civilians),
    ];
    kinds.into_iter().flat_map(|(words, kind)| words.iter().map(move |w| (*w, kind)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_nouns_are_singular_and_distinct_from_people() {
        let people: Vec<&str> = super::super::lexicon::PEOPLE.iter().map(|(w, _)| *w).collect();
        for (w, _) in role_nouns() {
            assert!(!people.contains(&w), "{w} is already a people noun");
        }
        assert!(role_nouns().any(|(w, k)| w == "prosecutor" && k == ActorKind::Government));
    }
}
