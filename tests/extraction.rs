//! Extraction behaviour on short texts written for these tests: one test per
//! capability the extractor promises (actors, places, dates, incidents,
//! casualties, responsibility, upper-case and noisy text).

use ckg::extract::{ExtractOptions, Extractor, parse_published};
use ckg::model::{ActorKind, DatePrecision, GeoPrecision, IncidentRecord, IncidentType};

fn extract(text: &str, published: &str) -> Vec<IncidentRecord> {
    let options = ExtractOptions { published: parse_published(published), title: None };
    Extractor::shared().extract_article(text, Some(&options)).expect("extracts").incidents
}

fn one(text: &str, published: &str) -> IncidentRecord {
    let incidents = extract(text, published);
    assert!(!incidents.is_empty(), "no incident in {text:?}");
    incidents.into_iter().next().expect("checked")
}

fn names(actors: &[ckg::model::ActorRecord]) -> Vec<&str> {
    actors.iter().map(|a| a.name.as_str()).collect()
}

#[test]
fn aliases_resolve_to_one_canonical_group() {
    for alias in ["ISIS", "ISIL", "Daesh", "the Islamic State group"] {
        let text = format!(
            "A suicide bomber killed 12 people at a market in Mosul on Friday. {alias} claimed responsibility for the attack."
        );
        let inc = one(&text, "2017-06-10");
        assert_eq!(names(&inc.claimed_by), vec!["Islamic State"], "alias {alias}");
    }
}

#[test]
fn anaphora_after_the_name_refers_to_the_group() {
    let text = "Al-Shabaab fighters stormed a hotel in Mogadishu on Sunday, killing nine people. \
                The militant group later said it carried out the raid.";
    let inc = one(text, "2019-03-05");
    assert_eq!(names(&inc.claimed_by), vec!["Al-Shabaab"]);
    assert!(names(&inc.perpetrators).contains(&"Al-Shabaab"));
}

#[test]
fn branches_carry_their_parent() {
    let text = "Militants from Sinai Province of the Islamic State attacked a checkpoint near Rafah on Tuesday, killing five soldiers. \
                The group claimed the attack in a statement.";
    let inc = one(text, "2018-02-08");
    let claimant = inc.claimed_by.first().expect("a claim");
    assert_eq!(claimant.parent.as_deref(), Some("Islamic State"), "{claimant:?}");
    assert_eq!(claimant.mode.as_deref(), Some("statement"));
}

#[test]
fn unnamed_attackers_are_unidentified_actors() {
    let inc = one("Unidentified gunmen shot dead a village chief in Zamfara state on Monday.", "2021-01-12");
    let perp = inc.perpetrators.first().expect("a perpetrator");
    assert_eq!(perp.kind, ActorKind::Unidentified);
    assert_eq!(perp.mention, "Unidentified gunmen");
}

#[test]
fn admin_phrases_and_country_context_pick_the_right_place() {
    let inc = one("A roadside bomb killed four policemen in Takhar province, Afghanistan, on Wednesday.", "2020-07-09");
    let place = inc.places.first().expect("a place");
    assert_eq!((place.name.as_str(), place.country.as_deref()), ("Takhar", Some("AF")));
    assert_eq!(place.precision, GeoPrecision::AdminArea);
    let inc =
        one("Gunmen attacked a police station in Maiduguri, the capital of Borno state, on Saturday.", "2020-07-12");
    let place = inc.places.first().expect("a place");
    assert_eq!((place.name.as_str(), place.country.as_deref()), ("Maiduguri", Some("NG")));
    assert!(place.lat.is_some() && place.lon.is_some());
}

#[test]
fn offsets_from_a_known_place_are_approximate_points() {
    let inc = one(
        "Insurgents ambushed an army convoy 40 km north of Maiduguri on Thursday, killing seven soldiers.",
        "2020-03-27",
    );
    let place = inc.places.first().expect("a place");
    assert_eq!(place.precision, GeoPrecision::Approximate);
    assert_eq!(place.country.as_deref(), Some("NG"));
    let lat = place.lat.expect("a latitude");
    assert!(lat > 11.9 && lat < 12.3, "north of Maiduguri (11.85): {lat}");
}

#[test]
fn dates_resolve_against_publication_with_precision() {
    let inc = one("Gunmen killed three farmers in Kaduna state on Tuesday.", "2021-03-12"); // a Friday
    let date = inc.date.expect("a date");
    assert_eq!((date.start.to_string(), date.precision), ("2021-03-09".to_string(), DatePrecision::Day));
    let inc = one("03/04/2021: Assailants attacked a school in Kaduna, killing two teachers.", "2021-06-01");
    assert_eq!(inc.date.expect("a date").start.to_string(), "2021-03-04");
    let inc = one("On 5 January, gunmen abducted 11 travellers near Kaduna.", "2021-02-01");
    assert_eq!(inc.date.expect("a date").start.to_string(), "2021-01-05");
}

#[test]
fn no_date_in_text_falls_back_to_publication_marked_assumed() {
    let inc = one("Gunmen abducted 11 travellers near Kaduna.", "2021-02-01");
    let date = inc.date.expect("a date");
    assert!(date.assumed);
    assert_eq!(date.start.to_string(), "2021-02-01");
}

#[test]
fn casualty_phrasings() {
    let cases = [
        ("A bomb killed at least 30 people in Kabul on Monday.", Some(30), None),
        ("Between 20 and 25 villagers were killed in the raid near Gao on Monday.", Some(20), None),
        ("Dozens of people were killed when gunmen attacked a market in Mopti on Monday.", Some(24), None),
        ("The blast in Quetta on Monday killed four soldiers and wounded 12 others.", Some(4), Some(12)),
        (
            "A car bomb exploded near a checkpoint in Mogadishu on Monday. No casualties were reported.",
            Some(0),
            Some(0),
        ),
        ("Rebels killed 15 of the militiamen, a guard and a policeman in Beni on Monday.", Some(17), None),
    ];
    for (text, killed, injured) in cases {
        let inc = one(text, "2021-05-12");
        assert_eq!((inc.killed, inc.injured), (killed, injured), "{text}");
    }
}

#[test]
fn captured_counts_cover_abductions_and_arrests() {
    let inc = one("Gunmen abducted 12 students from a school in Kagara, Niger state, on Wednesday.", "2021-02-18");
    assert_eq!(inc.captured, Some(12));
    assert_eq!(inc.kind, IncidentType::Kidnapping);
}

#[test]
fn claim_attribution_denial_and_unclaimed() {
    let text = "A car bomb killed 18 people outside a hotel in Mogadishu on Saturday. \
                No group has claimed responsibility for the attack. \
                Police blamed al-Shabaab for the bombing. \
                Al-Shabaab denied involvement.";
    let inc = one(text, "2022-11-01");
    assert!(inc.claimed_by.is_empty(), "unclaimed: {:?}", inc.claimed_by);
    let attribution = inc.attributed_to.first().expect("an attribution");
    assert_eq!(attribution.name, "Al-Shabaab");
    assert_eq!(attribution.by.as_deref(), Some("Police"));
    assert_eq!(names(&inc.denied_by), vec!["Al-Shabaab"]);
}

#[test]
fn sources_attributing_an_attack_name_who_attributed_it() {
    let text = "Gunmen killed nine worshippers at a mosque in Kano on Friday. Security sources attributed the attack to Boko Haram.";
    let inc = one(text, "2014-11-29");
    let attribution = inc.attributed_to.first().expect("an attribution");
    assert_eq!(attribution.name, "Boko Haram");
    assert_eq!(attribution.by.as_deref(), Some("Security sources"));
}

#[test]
fn several_incidents_keep_their_own_facts() {
    let text = "A suicide bomber killed 14 people at a wedding in Kabul on Sunday, police said. \
                The Taliban denied involvement. \
                Separately, gunmen abducted six aid workers in Herat province on Saturday. \
                Last month, a roadside bomb killed three soldiers in Helmand.";
    let incidents = extract(text, "2021-05-24");
    assert_eq!(incidents.len(), 3, "{incidents:#?}");
    assert_eq!((incidents[0].kind, incidents[0].killed), (IncidentType::SuicideBombing, Some(14)));
    assert_eq!(names(&incidents[0].denied_by), vec!["Taliban"]);
    assert_eq!(
        (incidents[1].kind, incidents[1].captured, incidents[1].killed),
        (IncidentType::Kidnapping, Some(6), None)
    );
    assert!(incidents[1].denied_by.is_empty());
    assert_eq!(incidents[2].killed, Some(3));
    assert_eq!(incidents[2].date.expect("a date").precision, DatePrecision::Month);
}

#[test]
fn upper_case_wire_text_is_recognised() {
    let text = "SAN SALVADOR, 12 JAN 90 -- URBAN GUERRILLAS OF THE FARABUNDO MARTI NATIONAL LIBERATION FRONT \
                ATTACKED A NATIONAL GUARD POST IN SAN MIGUEL YESTERDAY, KILLING TWO SOLDIERS.";
    let inc = one(text, "1990-01-12");
    assert_eq!(inc.killed, Some(2));
    assert!(names(&inc.perpetrators).iter().any(|n| n.contains("Farabundo")), "{:?}", inc.perpetrators);
    assert_eq!(inc.places.first().and_then(|p| p.country.as_deref()), Some("SV"));
}

#[test]
fn mojibake_does_not_break_extraction() {
    let text = "Gunmen killed five people in Bogotâ€™s southern outskirts on Monday, police said. \u{fffd}\u{fffd}";
    let inc = one(text, "2020-01-14");
    assert_eq!(inc.killed, Some(5));
}

#[test]
fn weapons_are_listed() {
    let inc = one(
        "Militants fired mortars and detonated an IED near a base in Kunduz on Monday, killing two soldiers.",
        "2020-01-14",
    );
    let weapons: Vec<String> = inc.weapons.iter().map(|w| w.to_lowercase()).collect();
    assert!(weapons.contains(&"mortars".to_string()) && weapons.contains(&"ied".to_string()), "{weapons:?}");
}

#[test]
fn incident_types_map_to_acled_and_gtd() {
    assert_eq!(IncidentType::Bombing.acled_event_type(), "Explosions/Remote violence");
    assert_eq!(IncidentType::Kidnapping.gtd_attack_type(), "Hostage Taking (Kidnapping)");
    let inc = one("Troops and ISWAP fighters clashed near Damasak on Monday.", "2021-04-13");
    assert_eq!(inc.kind, IncidentType::Battle);
}

/// Regression: a non-breaking space before a full stop made sentence splitting slice inside a character.
#[test]
fn non_breaking_spaces_do_not_panic() {
    let text = "Gunmen killed two\u{a0}soldiers in Mopti.\u{a0}Police said. A bomb\u{a0}exploded\u{a0}. Then";
    let _ = extract(text, "2016-02-01");
}

/// Extraction never panics, whatever the bytes: pseudo-random text from a
/// fixed-seed generator mixing words, punctuation and multi-byte characters.
#[test]
fn arbitrary_text_never_panics() {
    let pieces = [
        "killed",
        "Gunmen",
        " ",
        ".",
        ",",
        "\u{a0}",
        "é",
        "’s",
        "10",
        "km",
        "north of",
        "Kabul",
        "claimed",
        "(",
        ")",
        "\n",
        "ISIS",
        "at least",
        "dozens",
        "on Monday",
        "\u{fffd}",
        "—",
        "Borno state",
        "2021-13-45",
        "the",
        "\u{1f4a5}",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..300 {
        let mut text = String::new();
        for _ in 0..40 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(pieces[(state % pieces.len() as u64) as usize]);
        }
        let _ = extract(&text, "2020-06-01");
    }
}

/// One person hit, without a number: by name, by role, by pronoun, in a
/// headline, in an apposition (each of these rules counts 1, not 0 or 2).
#[test]
fn single_victims_count_one() {
    let cases = [
        // A name after the verb; its apposition is the same person.
        ("Gunmen shot and killed Maria Santos, a local councillor, in Cebu on Monday.", 1),
        ("Unknown attackers opened fire and killed mayor Peter Okafor in Jos on Monday.", 1),
        // A named or role subject of a passive killing.
        ("Gunmen attacked a farm in Kaduna on Monday. Okafor, the owner of the farm, was shot and killed.", 1),
        ("A bomb exploded in Kano on Monday. His driver James Bello was killed in the blast.", 1),
        ("Gunmen stormed a village near Gao on Monday. One guard (Moussa Traore) was killed.", 1),
        // A singular noun phrase after an active killing verb.
        ("Gunmen killed the district governor in Kunduz on Monday.", 1),
        ("Militants stabbed and killed a government employee in Kabul on Monday.", 1),
        ("Soldiers shot dead a student in Bamako on Monday.", 1),
        ("The attackers killed him in front of his house in Goma on Monday.", 1),
        // A headline without an article.
        ("Chadian soldier killed in an ambush near Bol on Monday.", 1),
        // Reflexive: the bomber died too.
        ("A suicide bomber killed himself and 12 worshippers at a mosque in Maiduguri on Friday.", 13),
        // "In addition to the assailant, N": the assailant is one more.
        (
            "A suicide bomber struck a market in Kabul on Monday. In addition to the assailant, three people were killed.",
            4,
        ),
    ];
    for (text, killed) in cases {
        let inc = one(text, "2021-03-16");
        assert_eq!(inc.killed, Some(killed), "{text}");
    }
}

/// Plural, collective and group objects are not one person.
#[test]
fn plural_or_group_objects_are_not_single_victims() {
    for text in [
        "Gunmen killed the soldiers at a checkpoint in Kunduz on Monday.",
        "Soldiers killed Taliban fighters near Kunduz on Monday.",
        "Gunmen killed an unknown number of people in Gao on Monday.",
    ] {
        let inc = one(text, "2021-03-16");
        assert_ne!(inc.killed, Some(1), "{text}");
    }
}

/// Deaths stated without a casualty verb: bodies, lives, "the death of".
#[test]
fn bodies_lives_and_deaths_of_count_killed() {
    let cases = [
        ("Villagers found 14 bodies in a mass grave near Beni on Monday after an attack.", 14),
        ("The bombing in Mogadishu on Monday claimed 10 lives.", 10),
        ("Clashes in Juba on Monday led to the death of four prisoners.", 4),
        ("Rebels attacked Beni on Monday. Two soldiers lost their lives in the attack.", 2),
        ("Gunmen attacked a village in Zamfara on Monday, killing 5, wounded 3 others.", 5),
    ];
    for (text, killed) in cases {
        let inc = one(text, "2021-03-16");
        assert_eq!(inc.killed, Some(killed), "{text}");
    }
}

/// "one killed and another injured" is one incident, not two.
#[test]
fn another_casualty_is_not_another_incident() {
    let text = "Gunmen opened fire on a police post in Kano on Monday. One officer was killed and another injured.";
    let incidents = extract(text, "2021-03-16");
    assert_eq!(incidents.len(), 1, "{incidents:?}");
    assert_eq!(incidents[0].killed, Some(1));
}

/// "The X faction of Group claimed": the named group is the claimant.
#[test]
fn a_faction_claim_is_reported_for_the_group_named() {
    let text = "Gunmen attacked a police station in Diffa on Monday. \
                The Barnawi faction of Boko Haram claimed responsibility for the attack.";
    let inc = one(text, "2021-03-16");
    assert_eq!(names(&inc.claimed_by), vec!["Boko Haram"]);
}

fn place_names(inc: &IncidentRecord) -> Vec<&str> {
    inc.places.iter().map(|p| p.name.as_str()).collect()
}

/// A numbered police district or a neighbourhood of a city, then the
/// province named after the city: the town is the city.
#[test]
fn a_city_quarter_before_its_province_gives_the_city() {
    for text in [
        "Gunmen shot and killed a shopkeeper in Police District 6, Kabul, Afghanistan on Monday.",
        "A bomb exploded in Karrada neighborhood, Baghdad, Iraq on Monday, wounding five people.",
    ] {
        let inc = one(text, "2021-03-16");
        let names = place_names(&inc);
        assert!(names.contains(&"Kabul") || names.contains(&"Baghdad"), "{text}: {names:?}");
    }
    // A named district of a province stays the place.
    let inc = one("Gunmen attacked a checkpoint in Arghandab district, Kandahar, Afghanistan on Monday.", "2021-03-16");
    assert_eq!(place_names(&inc).first(), Some(&"Arghandab"), "{:?}", inc.places);
}

/// Hyphenated Persian names keep their linking vowel; "area" is not part of a name;
/// "Molotov cocktail" is a weapon, not a place.
#[test]
fn place_name_forms() {
    let inc = one("Gunmen attacked a police post in Dasht-e-Qala, Takhar, Afghanistan on Monday.", "2021-03-16");
    assert_eq!(place_names(&inc).first(), Some(&"Dasht-e-Qala"), "{:?}", inc.places);
    let inc =
        one("Militants ambushed a convoy in the Shah Wali Kot area, Kandahar, Afghanistan on Monday.", "2021-03-16");
    assert_eq!(place_names(&inc).first(), Some(&"Shah Wali Kot"), "{:?}", inc.places);
    let inc =
        one("An assailant threw a Molotov cocktail at a mosque in Leipzig, Saxony, Germany on Monday.", "2021-03-16");
    assert_eq!(inc.places.first().and_then(|p| p.country.as_deref()), Some("DE"), "{:?}", inc.places);
}

/// Victims named by an occupation or office, by a compound or a possessive,
/// or by a proper-name modifier with its acronym, count as people.
#[test]
fn role_nouns_and_named_modifiers_count_victims() {
    let cases = [
        ("Gunmen shot and killed a prosecutor in Herat on Monday.", 1),
        ("A roadside bomb exploded in Ghazni on Monday. A shepherd was killed in the blast.", 1),
        ("Gunmen attacked a shop in Kano on Monday. The owner's son was killed in the attack.", 1),
        ("Rebels raided a camp near Beni on Monday. One volunteer fighter was killed in the raid.", 1),
        ("Gunmen shot and killed a Janata Party (JP) worker in Howrah on Monday.", 1),
        ("A bomb exploded in Kunduz on Monday. One Provincial Protection Service (PPS) officer was killed.", 1),
        (
            "Gunmen abducted Jane Doe in Cali on Monday. Doe, a teacher at the village school and a former member of \
          the local Farmers Union (FU) council, was shot and killed the next day.",
            1,
        ),
    ];
    for (text, killed) in cases {
        let inc = one(text, "2021-03-16");
        assert_eq!(inc.killed, Some(killed), "{text}");
    }
}

/// "Two civilians, a teacher and a farmer, were killed": the list names the
/// two again; a list that is not closed before the verb is summed.
#[test]
fn single_people_listed_after_a_count_elaborate_it() {
    let text =
        "Gunmen attacked Tera on Monday. Two civilians, a teacher and a retired nurse, were killed in the attack.";
    assert_eq!(one(text, "2021-03-16").killed, Some(2));
    let text = "Gunmen attacked Tera on Monday, killing two soldiers, a policeman and a civilian, officials said.";
    assert_eq!(one(text, "2021-03-16").killed, Some(4));
}

/// A total over several related attacks gives each attack an even share.
#[test]
fn totals_across_related_attacks_are_split() {
    let text = "Gunmen attacked a police post in Kunduz on Monday. This was one of four related attacks in the \
                province on this date. At least 20 police officers were killed across the attacks.";
    assert_eq!(one(text, "2021-03-16").killed, Some(5));
    let text = "Gunmen attacked Tera on Monday. Seven people were killed and three were injured across both attacks.";
    let inc = one(text, "2021-03-16");
    assert_eq!((inc.killed, inc.injured), (Some(4), Some(2)));
    // A count stated for this attack is kept whole.
    let text =
        "Gunmen attacked Tera on Monday. This was one of two related attacks. Six people were killed in the raid.";
    assert_eq!(one(text, "2021-03-16").killed, Some(6));
}

/// Text that ends inside a list does not break the counter.
#[test]
fn a_list_cut_off_after_and_is_read() {
    let text = "GUNMEN KILLED TWO SOLDIERS AND";
    let _ = extract(text, "1990-01-01");
    let text = "Gunmen killed two soldiers and";
    assert_eq!(one(text, "2021-03-16").killed, Some(2));
}

/// "The X faction (Y) of Group": the group after "of" is reported, for a
/// claim and for an attribution, also when the faction's own name is given.
#[test]
fn a_faction_named_in_parentheses_belongs_to_the_group_after_it() {
    let text = "Gunmen attacked a checkpoint near Monguno on Monday. The Barnawi faction (Islamic State West Africa \
                Province-ISWAP) of Boko Haram claimed responsibility for the attack.";
    assert_eq!(names(&one(text, "2021-03-16").claimed_by), vec!["Boko Haram"]);
    let text = "Gunmen attacked a checkpoint near Monguno on Monday. Officials blamed the Barnawi faction (ISWAP) \
                of Boko Haram for the attack.";
    let inc = one(text, "2021-03-16");
    assert_eq!(names(&inc.attributed_to), vec!["Boko Haram"]);
}

/// A claim whose truth the text doubts is an attribution, not a claim.
#[test]
fn doubted_claims_are_not_claims() {
    let text = "A bomb exploded at a market in Kabul on Monday. The Taliban claimed responsibility for the attack, \
                but the authenticity of the claim could not be confirmed.";
    let inc = one(text, "2021-03-16");
    assert!(inc.claimed_by.is_empty(), "{:?}", inc.claimed_by);
    assert_eq!(names(&inc.attributed_to), vec!["Taliban"]);
    let text = "A bomb exploded at a market in Kabul on Monday. Al-Shabaab claimed responsibility for the attack. \
                The Taliban also claimed responsibility for the attack. Officials could not verify the veracity \
                of this claim.";
    assert_eq!(names(&one(text, "2021-03-16").claimed_by), vec!["Al-Shabaab"]);
}

/// "X, who was questioned by police, claimed": words between commas before
/// the cue describe the claimant and do not name it, unless they make it a
/// member of a group.
#[test]
fn an_aside_before_a_claim_is_not_the_claimant() {
    let text = "A man threw a firebomb at a mosque in Lyon on Monday. A local man, who was later detained by \
                police, claimed responsibility for the attack.";
    assert!(one(text, "2021-03-16").claimed_by.is_empty());
    let text = "A man threw a firebomb at a police post in Diyarbakir on Monday. Jane Doe, a longtime member \
                of Al-Shabaab, claimed responsibility for the attack.";
    assert_eq!(names(&one(text, "2021-03-16").claimed_by), vec!["Al-Shabaab"]);
}

#[test]
fn villages_the_gazetteer_lacks_are_kept_by_name_in_the_article_country() {
    let text = "Gunmen attacked Ndolwe village in Kenya, killing two farmers.";
    let inc = one(text, "2016-02-10");
    let village = inc.places.iter().find(|p| p.name == "Ndolwe").expect("the village is a place");
    assert_eq!(village.country.as_deref(), Some("KE"));
    assert_eq!(village.lat, None);
}

#[test]
fn a_place_named_before_the_incident_opens_is_its_place() {
    // The first sentence has no event word; the second opens the incident.
    let text = "Rebels launched RPGs at an army post in Ololoi. Four soldiers were injured.";
    let inc = one(text, "2016-02-10");
    assert!(inc.places.iter().any(|p| p.name == "Ololoi"), "{:?}", inc.places);
}

#[test]
fn a_note_without_event_words_takes_its_attacker_from_any_sentence() {
    // The first sentence names only a place and the army; the group comes later.
    let text = "Soldiers left their posts in the Kasumbi area. Mayi Mayi fighters then moved into the villages.";
    let inc = one(text, "2016-02-10");
    assert!(inc.perpetrators.iter().any(|a| a.kind == ActorKind::ArmedGroup), "{:?}", inc.perpetrators);
}

#[test]
fn an_assault_where_the_other_side_fought_back_is_a_battle() {
    let text = "Militants attacked an army outpost near Dumba on Monday. Both sides exchanged gunfire for an hour.";
    let inc = one(text, "2016-02-10");
    assert_eq!(inc.kind, IncidentType::Battle);
    assert_eq!(inc.acled_event_type(), "Battles");
}

#[test]
fn rapes_beatings_marches_and_stone_throwing_are_events() {
    let cases = [
        ("Armed men raped two women near a water point.", IncidentType::ArmedAssault),
        ("Vigilantes beat a suspected thief in the market.", IncidentType::ArmedAssault),
        ("Teachers held a peaceful march to the town hall.", IncidentType::Protest),
        ("Striking miners picket outside the company offices.", IncidentType::Protest),
        ("Youths threw stones at passing police cars.", IncidentType::Riot),
        ("Hundreds of nurses took to the streets over unpaid wages.", IncidentType::Protest),
        ("Pupils began throwing rocks at the headmaster's car.", IncidentType::Riot),
    ];
    for (text, kind) in cases {
        assert_eq!(one(text, "2016-02-10").kind, kind, "{text}");
    }
}

#[test]
fn somali_national_government_forces_are_the_somali_military() {
    let text = "SNG forces and militants clashed near Ceel Dheer on Monday, leaving two soldiers dead.";
    let all = extract(text, "2016-02-10");
    let found = all.iter().flat_map(|i| i.perpetrators.iter().chain(&i.targets).chain(&i.victims));
    assert!(found.map(|a| a.name.as_str()).any(|n| n == "Military Forces of Somalia"));
}

fn all_actor_names(incidents: &[IncidentRecord]) -> Vec<String> {
    incidents
        .iter()
        .flat_map(|i| i.perpetrators.iter().chain(&i.targets).chain(&i.victims))
        .map(|a| a.name.clone())
        .collect()
}

#[test]
fn active_casualty_verb_makes_its_subject_the_perpetrator() {
    let inc = one("Soldiers killed three herders near Gambela on Tuesday.", "2016-03-02");
    assert_eq!(names(&inc.perpetrators), vec!["Military Forces of Ethiopia"]);
    // The victims of a passive verb are not its perpetrators; only the
    // implicit unidentified perpetrator (src/extract/implicit.rs) remains.
    let inc = one("Three herders were killed near Gambela on Tuesday.", "2016-03-02");
    assert!(inc.perpetrators.iter().all(|a| a.implicit), "{:?}", inc.perpetrators);
}

#[test]
fn demonym_or_country_possessive_names_the_state_force() {
    let inc = one("Ethiopian forces attacked a rebel camp on Friday.", "2016-03-02");
    assert_eq!(names(&inc.perpetrators), vec!["Military Forces of Ethiopia"]);
    let inc = one("Algeria's army killed two militants on Sunday.", "2016-03-02");
    assert_eq!(names(&inc.perpetrators), vec!["Military Forces of Algeria"]);
    let inc = one("The Libyan Air Force bombed militant positions on Monday.", "2016-03-02");
    assert_eq!(names(&inc.perpetrators), vec!["Military Forces of Libya"]);
    // Bare "forces" without a country is nobody's state force.
    let inc = one("Rebel forces attacked a village on Friday.", "2016-03-02");
    assert!(!inc.perpetrators.iter().any(|a| a.kind == ActorKind::StateForce), "{:?}", inc.perpetrators);
}

#[test]
fn spla_is_the_army_of_south_sudan_and_spla_io_the_rebels() {
    let inc = one("SPLA soldiers attacked SPLA-IO positions near Yei on Monday.", "2016-03-02");
    assert_eq!(names(&inc.perpetrators), vec!["Military Forces of South Sudan"]);
    assert!(names(&inc.targets).contains(&"Sudan People's Liberation Movement-in-Opposition"), "{:?}", inc.targets);
}

#[test]
fn shooting_after_a_protest_is_an_incident_of_its_own() {
    let incidents = extract("Students protested in Kombolcha on Monday. Soldiers shot dead two people.", "2016-03-02");
    assert_eq!(incidents[0].kind, IncidentType::Protest);
    assert!(all_actor_names(&incidents).iter().any(|n| n == "Military Forces of Ethiopia"), "{incidents:?}");
    assert_eq!(incidents[0].killed, None);
}

#[test]
fn unnamed_men_and_militiamen_are_unidentified_attackers() {
    let inc = one("Unknown men shot and killed a shopkeeper in Mogadishu on Friday.", "2016-03-02");
    assert_eq!(
        inc.perpetrators.first().map(|a| (a.kind, a.name.as_str())),
        Some((ActorKind::Unidentified, "Unidentified men"))
    );
    let inc = one("Unidentified attackers threw a grenade at a bar in Bujumbura.", "2016-03-02");
    assert_eq!(inc.perpetrators.first().map(|a| a.kind), Some(ActorKind::Unidentified));
    let inc = one("Militiamen raided a camp for displaced people near Nyala.", "2016-03-02");
    assert_eq!(inc.perpetrators.first().map(|a| a.kind), Some(ActorKind::Unidentified));
}

#[test]
fn protests_by_several_people_and_road_blocks_are_protests() {
    let inc = one("Several nurses protested outside the hospital in Kampala.", "2016-03-02");
    assert_eq!(inc.kind, IncidentType::Protest);
    let inc = one("Angry traders blocked the road to the market in Kano.", "2016-03-02");
    assert_eq!(inc.kind, IncidentType::Protest);
    assert_eq!(names(&inc.perpetrators), vec!["Protesters"]);
}

#[test]
fn state_forces_in_a_note_without_an_event_word_are_actors() {
    let inc = one("Military forces cleared three villages in Borno state of Boko Haram.", "2016-03-02");
    assert!(names(&inc.perpetrators).contains(&"Military Forces of Nigeria"), "{:?}", inc.perpetrators);
}

#[test]
fn named_people_are_victims_not_perpetrators() {
    let text = "Gunmen on motorcycles shot dead Judge Mariela Ortiz Salas outside the court in Cali on Monday.";
    let inc = one(text, "2019-05-14");
    assert!(names(&inc.targets).contains(&"Mariela Ortiz Salas"), "targets: {:?}", names(&inc.targets));
    assert!(!names(&inc.perpetrators).contains(&"Mariela Ortiz Salas"));
    let shouted = "UNIDENTIFIED MEN KIDNAPPED FERNANDO ZAMORA TELLO, A LABOR LEADER, IN SAN SALVADOR YESTERDAY.";
    let inc = one(shouted, "1990-03-02");
    let person = inc.targets.iter().find(|a| a.kind == ActorKind::Person).expect("a named target");
    assert_eq!((person.name.as_str(), person.mention.as_str()), ("Fernando Zamora Tello", "FERNANDO ZAMORA TELLO"));
    // After "the murder of", a name needs no listed given name; a noun phrase is not a name.
    let text = "THE GOVERNMENT CONDEMNED THE MURDER OF JECAR NEGHME, A STUDENT LEADER, WHO WAS SHOT IN SANTIAGO. \
                IT ALSO CONDEMNED THE KILLING OF NATIONAL GUARD OFFICERS.";
    let people: Vec<String> = extract(text, "1990-09-06")
        .iter()
        .flat_map(|i| i.victims.iter().chain(&i.targets))
        .filter(|a| a.kind == ActorKind::Person && !a.scoped)
        .map(|a| a.name.clone())
        .collect();
    assert_eq!(people, vec!["Jecar Neghme".to_string()]);
}

#[test]
fn the_subject_of_a_passive_verb_is_not_its_perpetrator() {
    let text = "Two policemen were ambushed on the road to Gao on Tuesday. Nobody claimed the attack.";
    let inc = one(text, "2016-02-10");
    assert!(inc.perpetrators.iter().all(|a| a.kind != ActorKind::StateForce), "{:?}", names(&inc.perpetrators));
    let text = "The mayor of Tumaco, Carlos Ruiz Mena, was kidnapped by ELN rebels on Friday.";
    let inc = one(text, "2018-08-04");
    assert!(
        names(&inc.perpetrators).contains(&"National Liberation Army (Colombia)"),
        "{:?}",
        names(&inc.perpetrators)
    );
    assert!(!names(&inc.perpetrators).contains(&"Carlos Ruiz Mena"));
}

#[test]
fn a_given_name_inside_a_place_or_group_name_is_not_a_person() {
    let text = "Guerrillas of the Jaime Martinez Column attacked a patrol near El Salvador Market in Jamundi.";
    let inc = one(text, "2021-04-02");
    let all: Vec<&str> = inc.perpetrators.iter().chain(&inc.targets).map(|a| a.name.as_str()).collect();
    assert!(!all.iter().any(|n| n.starts_with("Jaime") || n.starts_with("Salvador")), "{all:?}");
}
