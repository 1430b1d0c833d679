//! Scoring rules of `ckg eval` on tiny hand-made gold and predictions, and
//! `ckg eval` itself on the first rows of the dev files when ../shared exists.

use std::path::PathBuf;

use assert_cmd::Command;
use chrono::NaiveDate;
use ckg::eval::metrics::{Prf, head_token, max_matching, muc_normalize, place_norm, strip_parens};
use ckg::eval::names::CountryIndex;
use ckg::eval::{
    AcledGold, FieldScore, GtdGold, MucGold, Scoring, Sheet, acled_event_type, ceaf_ree, predicted_roles, score_acled,
    score_gtd, score_muc, strip_leading,
};
use ckg::extract::Extractor;
use ckg::model::{
    ActorKind, ActorRecord, Article, DatePrecision, DateRange, ExtractedArticle, GeoPrecision, IncidentRecord,
    IncidentType, PlaceRecord,
};

fn incident(kind: IncidentType) -> IncidentRecord {
    IncidentRecord {
        id: String::new(),
        kind,
        summary: String::new(),
        date: None,
        places: Vec::new(),
        perpetrators: Vec::new(),
        targets: Vec::new(),
        victims: Vec::new(),
        claimed_by: Vec::new(),
        attributed_to: Vec::new(),
        denied_by: Vec::new(),
        killed: None,
        injured: None,
        captured: None,
        weapons: Vec::new(),
        sources: Vec::new(),
    }
}

fn article(incidents: Vec<IncidentRecord>) -> ExtractedArticle {
    ExtractedArticle {
        article: Article {
            title: String::new(),
            url: None,
            source: None,
            author: None,
            published: None,
            content_hash: 0,
            byte_len: 0,
        },
        incidents,
    }
}

fn place(name: &str, country: &str, precision: GeoPrecision) -> PlaceRecord {
    PlaceRecord {
        name: name.to_string(),
        country: Some(country.to_string()),
        admin1: None,
        lat: None,
        lon: None,
        precision,
        mention: None,
        chain: Vec::new(),
    }
}

fn actor(name: &str, kind: ActorKind) -> ActorRecord {
    ActorRecord::new(name, name, kind)
}

fn strings(v: &[&[&str]]) -> Vec<Vec<String>> {
    v.iter().map(|e| e.iter().map(|s| s.to_string()).collect()).collect()
}

fn field<'a>(scores: &'a [FieldScore], name: &str) -> &'a FieldScore {
    scores.iter().find(|f| f.field == name).unwrap_or_else(|| panic!("no field {name:?} in {scores:?}"))
}

#[test]
fn maximum_matching_uses_augmenting_paths() {
    // Greedy would give left 0 the right 0 and leave left 1 unmatched.
    let links = [[true, true], [true, false]];
    assert_eq!(max_matching(2, 2, |l, r| links[l][r]), 2);
    assert_eq!(max_matching(3, 1, |_, _| true), 1);
    assert_eq!(max_matching(0, 4, |_, _| true), 0);
}

#[test]
fn muc_normalisation_drops_case_punctuation_and_articles() {
    assert_eq!(muc_normalize("THE \"SANTO TOMAS\" PRESIDENTIAL FARM"), "santo tomas presidential farm");
    assert_eq!(muc_normalize("A BOMB, AN IED"), "bomb ied");
    assert_eq!(muc_normalize("ANTONIO THEODORE"), "antonio theodore");
    assert_eq!(muc_normalize("U.S. EMBASSY [FMLN]"), "us embassy fmln");
    assert_eq!(head_token("urban commando units"), Some("units"));
    assert_eq!(head_token(""), None);
}

#[test]
fn ceaf_ree_matches_one_to_one_with_a_head_noun_variant() {
    let gold = strings(&[&["GUERRILLAS", "FMLN GUERRILLAS"], &["SOLDIERS"]]);
    let pred = strings(&[&["THE GUERRILLAS"], &["FMLN GUERRILLAS"], &["A BOMB"]]);
    // Both predictions name the first gold entity; only one may take it.
    assert_eq!(ceaf_ree(&pred, &gold, false), Prf::new(1, 2, 1));
    let pred = strings(&[&["URBAN GUERRILLAS"], &["ARMY SOLDIERS"]]);
    assert_eq!(ceaf_ree(&pred, &gold, false), Prf::new(0, 2, 2));
    assert_eq!(ceaf_ree(&pred, &gold, true), Prf::new(2, 0, 0));
}

#[test]
fn muc_roles_come_from_all_incidents() {
    let mut a = incident(IncidentType::Bombing);
    a.perpetrators.push(ActorRecord::new("Farabundo Marti National Liberation Front", "FMLN", ActorKind::ArmedGroup));
    a.perpetrators.push(ActorRecord::new("Unidentified men", "FIVE UNIDENTIFIED MEN", ActorKind::Unidentified));
    a.targets.push(ActorRecord::new("substation", "AN ELECTRIC SUBSTATION", ActorKind::Facility));
    let mut b = incident(IncidentType::ArmedAssault);
    b.victims.push(ActorRecord::new("peasant", "A PEASANT", ActorKind::Civilians));
    b.victims.push(ActorRecord::new("Hector Oqueli", "HECTOR OQUELI", ActorKind::Person));
    let mut leader = ActorRecord::new("leader", "A PARTY LEADER", ActorKind::Person);
    leader.scoped = true;
    b.targets.push(leader);
    b.weapons.push("car bomb".into());
    b.weapons.push("CAR BOMB".into());
    let roles = predicted_roles(&article(vec![a, b]));
    assert_eq!(roles[0], strings(&[&["UNIDENTIFIED MEN"]]));
    assert_eq!(roles[1], strings(&[&["FMLN", "Farabundo Marti National Liberation Front"]]));
    assert_eq!(roles[2], strings(&[&["AN ELECTRIC SUBSTATION"]]));
    // The role holds people's names: not "A PEASANT", not an unnamed "A PARTY LEADER".
    assert_eq!(roles[3], strings(&[&["HECTOR OQUELI", "Hector Oqueli"]]));
    assert_eq!(roles[4].len(), 1, "weapons deduplicated after normalisation");
    assert_eq!(strip_leading("SOME 100 STUDENTS"), "STUDENTS");
    assert_eq!(strip_leading("THE"), "THE");
}

#[test]
fn muc_roles_leave_out_arrests_protests_and_other_events() {
    let mut arrest = incident(IncidentType::Arrest);
    arrest.perpetrators.push(ActorRecord::new("National Police", "THE NATIONAL POLICE", ActorKind::StateForce));
    let mut protest = incident(IncidentType::Protest);
    protest.weapons.push("STONES".into());
    let mut bombing = incident(IncidentType::Bombing);
    bombing.weapons.push("DYNAMITE".into());
    let roles = predicted_roles(&article(vec![arrest, protest, bombing]));
    assert!(roles[1].is_empty(), "an arrest is not a MUC-4 incident: {:?}", roles[1]);
    assert_eq!(roles[4], strings(&[&["DYNAMITE"]]));
}

#[test]
fn muc_scores_roles_and_micro_average() {
    let mut gold = MucGold { id: "DOC-1".into(), doc: "TEXT".into(), roles: Default::default() };
    gold.roles[1] = strings(&[&["FARABUNDO MARTI NATIONAL LIBERATION FRONT", "FMLN"]]);
    gold.roles[4] = strings(&[&["DYNAMITE"]]);
    let mut inc = incident(IncidentType::Bombing);
    inc.perpetrators.push(ActorRecord::new("FMLN", "THE FMLN", ActorKind::ArmedGroup));
    let mut sheet = Sheet::default();
    let mut scoring = Scoring::new(&mut sheet);
    score_muc(&gold, &article(vec![inc]), &mut scoring);
    let scores = sheet.scores();
    assert_eq!(field(&scores, "perp_organization_id").counts, Some(Prf::new(1, 0, 0)));
    assert_eq!(field(&scores, "micro (5 roles)").counts, Some(Prf::new(1, 0, 1)));
}

fn gtd_row() -> serde_json::Value {
    serde_json::json!({
        "eventid": "1", "iyear": "2021", "imonth": "3", "iday": "0",
        "country_txt": "Democratic Republic of the Congo", "city": "Qala-i-Naw district",
        "latitude": "", "longitude": "", "gname": "Islamic State of Iraq and the Levant (ISIL)",
        "claimed": "1", "nkill": "0", "nwound": "", "nperpcap": "-99",
        "attacktype1_txt": "Bombing/Explosion", "summary": "text"
    })
}

#[test]
fn gtd_rows_read_unknowns_and_dates() {
    let gold = GtdGold::from_json(&gtd_row()).expect("row reads");
    assert_eq!(gold.date(), None, "iday 0: no day to score");
    assert_eq!(gold.published(), NaiveDate::from_ymd_opt(2021, 3, 1));
    assert_eq!((gold.killed, gold.injured, gold.captured), (Some(0), None, None));
    let mut row = gtd_row();
    row["gname"] = "Unknown".into();
    row["imonth"] = "0".into();
    let gold = GtdGold::from_json(&row).expect("row reads");
    assert_eq!(gold.group, None);
    assert_eq!(gold.published(), NaiveDate::from_ymd_opt(2021, 1, 1));
    row["summary"] = "".into();
    assert!(GtdGold::from_json(&row).is_err());
}

#[test]
fn gtd_fields_follow_the_documented_rules() {
    let extractor = Extractor::shared();
    let mut gold = GtdGold::from_json(&gtd_row()).expect("row reads");
    gold.day = 2;
    let mut inc = incident(IncidentType::Bombing);
    inc.claimed_by.push(actor("Islamic State", ActorKind::ArmedGroup));
    inc.perpetrators.push(ActorRecord::new("Unidentified gunmen", "gunmen", ActorKind::Unidentified));
    inc.places.push(place("Qala i Naw", "CD", GeoPrecision::Point));
    inc.date = Some(DateRange {
        start: NaiveDate::from_ymd_opt(2021, 3, 1).unwrap(),
        end: NaiveDate::from_ymd_opt(2021, 3, 2).unwrap(),
        precision: DatePrecision::Day,
        assumed: false,
    });
    let mut sheet = Sheet::default();
    let mut scoring = Scoring::new(&mut sheet);
    score_gtd(&gold, &article(vec![inc]), &extractor, &mut scoring);
    let s = sheet.scores();
    assert_eq!(field(&s, "perpetrator group").counts, Some(Prf::new(1, 0, 0)));
    assert_eq!(field(&s, "claim").counts, Some(Prf::new(1, 0, 0)));
    for name in ["country", "city", "day", "killed", "attack type"] {
        assert_eq!(field(&s, name).accuracy, Some(1.0), "{name}");
    }
    assert!(s.iter().all(|f| f.field != "injured"), "unknown counts are not scored");
}

#[test]
fn gtd_empty_prediction_scores_misses() {
    let extractor = Extractor::shared();
    let gold = GtdGold::from_json(&gtd_row()).expect("row reads");
    let mut sheet = Sheet::default();
    let mut scoring = Scoring::new(&mut sheet);
    score_gtd(&gold, &article(Vec::new()), &extractor, &mut scoring);
    let (score, failures) = scoring.finish();
    assert!(score < 0.5 && !failures.is_empty());
    let s = sheet.scores();
    assert_eq!(field(&s, "perpetrator group").counts, Some(Prf::new(0, 0, 1)));
    assert_eq!(field(&s, "killed").accuracy, Some(1.0), "no incident: 0 killed");
}

#[test]
fn country_names_map_to_iso_codes() {
    let extractor = Extractor::shared();
    let countries = CountryIndex::new(extractor.gazetteer());
    assert_eq!(countries.iso2("Democratic Republic of the Congo").as_deref(), Some("CD"));
    assert_eq!(countries.iso2("West Bank and Gaza Strip").as_deref(), Some("PS"));
    assert_eq!(countries.iso2("Afghanistan").as_deref(), Some("AF"));
    assert_eq!(countries.iso2("Atlantis"), None);
    assert_eq!(place_norm("Qala-i-Naw district"), place_norm("Qala i Naw"));
    assert_eq!(strip_parens("Police Forces of Egypt (2014-)"), "Police Forces of Egypt");
}

#[test]
fn acled_event_types_map_to_current_names() {
    assert_eq!(acled_event_type("Battle-No change of territory"), Some(&["Battles"][..]));
    assert_eq!(acled_event_type("Remote violence"), Some(&["Explosions/Remote violence"][..]));
    assert_eq!(acled_event_type("Riots/Protests"), Some(&["Riots", "Protests"][..]));
    assert_eq!(acled_event_type("Non-violent transfer of territory"), Some(&["Strategic developments"][..]));
    assert_eq!(acled_event_type("Something new"), None);
}

fn acled(actor1: &str, event_type: &str, fatalities: u32) -> AcledGold {
    AcledGold {
        id: "1RTA".into(),
        notes: "text".into(),
        event_date: "05/01/2016".into(),
        event_type: event_type.into(),
        actor1: actor1.into(),
        country: "Nigeria".into(),
        admin1: "Borno".into(),
        location: "Maiduguri".into(),
        fatalities: Some(fatalities),
    }
}

fn acled_scores(gold: &AcledGold, pred: &ExtractedArticle) -> Vec<FieldScore> {
    let extractor = Extractor::shared();
    let mut sheet = Sheet::default();
    let mut scoring = Scoring::new(&mut sheet);
    score_acled(gold, pred, &extractor, &mut scoring);
    sheet.scores()
}

#[test]
fn acled_generic_and_named_actors() {
    let mut inc = incident(IncidentType::ArmedAssault);
    inc.perpetrators.push(ActorRecord::new("Unidentified gunmen", "gunmen", ActorKind::Unidentified));
    // An assault on soldiers is a battle in ACLED's terms.
    inc.victims.push(actor("Military Forces of Nigeria", ActorKind::StateForce));
    let mut borno = place("Borno", "NG", GeoPrecision::AdminArea);
    borno.admin1 = Some("Borno".into());
    inc.places.push(borno);
    let pred = article(vec![inc]);
    let gold = acled("Unidentified Armed Group (Nigeria)", "Battle-No change of territory", 0);
    let s = acled_scores(&gold, &pred);
    for name in ["ACTOR1 found", "location (LOCATION or ADMIN1)", "fatalities exact", "event type"] {
        assert_eq!(field(&s, name).accuracy, Some(1.0), "{name}");
    }
    assert_eq!(field(&s, "LOCATION exact").accuracy, Some(0.0));
    let s = acled_scores(&acled("Civilians (Nigeria)", "Riots/Protests", 2), &pred);
    for name in ["ACTOR1 found", "fatalities exact", "event type"] {
        assert_eq!(field(&s, name).accuracy, Some(0.0), "{name}");
    }
    let mut inc = incident(IncidentType::Protest);
    inc.victims.push(actor("Al-Shabaab", ActorKind::ArmedGroup));
    let s = acled_scores(&acled("Al Shabaab", "Riots/Protests", 0), &article(vec![inc]));
    assert_eq!(field(&s, "ACTOR1 found").accuracy, Some(1.0));
    assert_eq!(field(&s, "event type").accuracy, Some(1.0));
}

// ----- the command on the dev files -----

fn shared(rel: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval").join(rel);
    if path.exists() {
        return Some(path);
    }
    if std::env::var("CKG_REQUIRE_SHARED").as_deref() == Ok("1") {
        panic!("{} is missing and CKG_REQUIRE_SHARED=1", path.display());
    }
    eprintln!("skipping: {} not found", path.display());
    None
}

fn eval_prints_table(dataset: &str, rel: &str, first_field: &str) {
    let Some(path) = shared(rel) else {
        return;
    };
    let out = Command::cargo_bin("ckg")
        .expect("binary builds")
        .args(["eval", dataset])
        .arg(&path)
        .args(["--limit", "50", "--show", "3"])
        .output()
        .expect("ckg runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "exit {:?}: {stdout}", out.status);
    assert!(stdout.contains("50 rows"), "{stdout}");
    assert!(stdout.contains("precision") && stdout.contains(first_field), "{stdout}");
    assert!(stdout.contains("throughput:"), "{stdout}");
}

#[test]
fn eval_gtd_dev_prints_a_table() {
    eval_prints_table("gtd", "gtd-2021h1-dev.jsonl", "perpetrator group");
}

#[test]
fn eval_acled_dev_prints_a_table() {
    eval_prints_table("acled", "acled-africa-2016h1-dev.csv", "ACTOR1 found");
}

#[test]
fn eval_muc4_dev_prints_a_table() {
    eval_prints_table("muc4", "muc4/dev.json", "micro (5 roles)");
}

#[test]
fn bad_rows_are_counted_and_named_by_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("gold.jsonl");
    let good = gtd_row().to_string();
    std::fs::write(&path, format!("{good}\n{{not json\n{good}\n")).expect("write");
    let out = Command::cargo_bin("ckg")
        .expect("binary builds")
        .args(["eval", "gtd"])
        .arg(&path)
        .args(["--format", "json"])
        .output()
        .expect("ckg runs");
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(report["rows"], 3);
    assert_eq!(report["bad_rows"], 1);
    assert_eq!(report["scored"], 2);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("gold.jsonl:2"), "{stderr}");
}

#[test]
fn a_missing_file_is_an_error() {
    Command::cargo_bin("ckg")
        .expect("binary builds")
        .args(["eval", "acled", "/nonexistent/acled.csv"])
        .assert()
        .failure();
}
