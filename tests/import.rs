//! `ckg import`: every dataset format, re-imports, rejects, a killed import,
//! and actor resolution shared with text extraction. Small snippets written
//! here hold the facts; the real sample files in ../shared are imported when
//! present (required when CKG_REQUIRE_SHARED=1).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;
use ckg::Store;
use ckg::import::{self, Dataset, ImportOptions, ImportSummary, NoHooks};
use ckg::model::{ActorKind, DatePrecision, GeoPrecision, IncidentType, Node};

const ACLED_OLD: &str = "\
GWNO,EVENT_ID_CNTY,EVENT_ID_NO_CNTY,EVENT_DATE,YEAR,TIME_PRECISION,EVENT_TYPE,ACTOR1,ALLY_ACTOR_1,INTER1,ACTOR2,ALLY_ACTOR_2,INTER2,INTERACTION,COUNTRY,ADMIN1,ADMIN2,ADMIN3,LOCATION,LATITUDE,LONGITUDE,GEO_PRECISION,SOURCE,NOTES,FATALITIES
475,1NIG,,05/01/2016,2016,1,Remote violence,Boko Haram - Jamatu Ahli is-Sunnah lid-Dawati wal-Jihad,,2,Civilians (Nigeria),,7,27,Nigeria,Borno,Maiduguri,,Maiduguri,11.8464,13.1603,1,Reuters,A suicide bomber killed 10 people at a mosque in Maiduguri.,10
475,2NIG,,28/02/2016,2016,3,Battle-No change of territory,Military Forces of Nigeria (2015-),,1,Boko Haram - Jamatu Ahli is-Sunnah lid-Dawati wal-Jihad,,2,12,Nigeria,Borno,,,Borno,11.5,13.0,3,Reuters,Troops clashed with Boko Haram.,4
";

const ACLED_NEW: &str = "\
event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp
IRQ1,2017-03-01,2017,1,Political violence,Explosions/Remote violence,Suicide bomb,Islamic State (Iraq),,Rebel groups,Civilians (Iraq),,Civilians,27,Civilian targeting,368,Middle East,Iraq,Baghdad,,,Baghdad,33.3406,44.4009,1,AFP,National,Islamic State claimed responsibility for a suicide bombing at a market in Baghdad.,23,,1600000000
";

const UCDP: &str = "\
id,year,type_of_violence,dyad_name,side_a,side_b,source_headline,where_prec,where_coordinates,adm_1,adm_2,latitude,longitude,country,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,low,best,high
900001,2017,1,Government of Syria - IS,Government of Syria,IS,Clashes near Palmyra,1,Palmyra town,Homs Governorate,Tadmur district,34.5601,38.2678,Syria,1,2017-03-02,2017-03-02,5,7,0,0,10,12,15
900002,2017,3,IS - Civilians,IS,Civilians,Executions reported,4,Raqqa Governorate,Ar Raqqah Governorate,,35.95,39.0,Syria,4,2017-05-10,2017-05-20,0,0,6,0,6,6,9
";

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn import(store: &Store, dataset: Dataset, files: &[PathBuf]) -> ImportSummary {
    import::import_files(store, dataset, files, &ImportOptions::default(), &mut NoHooks).unwrap()
}

fn assert_checks(store: &Store) {
    let report = store.check().unwrap();
    assert!(report.is_ok(), "check failed: {:?}", report.problems);
}

fn actor_named(store: &Store, name: &str) -> ckg::model::Actor {
    let ids = ckg::query::resolve_actor(store, name).unwrap();
    assert_eq!(ids.len(), 1, "{name} should name one actor");
    match store.node(ids[0]).unwrap() {
        Some(Node::Actor(a)) => a,
        other => panic!("{name}: {other:?}"),
    }
}

#[test]
fn acled_old_and_new_columns_both_import() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("db")).unwrap();
    let old = write(dir.path(), "old.csv", ACLED_OLD);
    let new = write(dir.path(), "new.csv", ACLED_NEW);
    let s = import(&store, Dataset::Acled, &[old, new]);
    assert_eq!((s.rows, s.new, s.rejected, s.files), (3, 3, 0, 2));
    let stats = store.stats().unwrap();
    assert_eq!(stats.nodes["Incident"], 3);
    assert_eq!(stats.nodes["Record"], 3);
    let records = ckg::query::incidents(&store, &Default::default()).unwrap();
    let maiduguri = records.iter().find(|r| r.summary.contains("mosque")).unwrap();
    assert_eq!(maiduguri.killed, Some(10));
    assert_eq!(maiduguri.kind, IncidentType::Bombing);
    assert_eq!(maiduguri.places[0].name, "Maiduguri");
    assert_eq!(maiduguri.victims.len(), 1);
    let clash = records.iter().find(|r| r.summary.contains("Troops")).unwrap();
    assert_eq!(clash.date.unwrap().precision, DatePrecision::Month);
    assert_eq!(clash.places[0].precision, GeoPrecision::AdminArea);
    assert_eq!(clash.perpetrators[0].name, "Military Forces of Nigeria");
    let baghdad = records.iter().find(|r| r.summary.contains("Baghdad")).unwrap();
    assert_eq!(baghdad.kind, IncidentType::SuicideBombing);
    assert_eq!(baghdad.claimed_by[0].name, "Islamic State");
    // The place filter reaches the town through its province.
    let filter = ckg::query::IncidentFilter { place: Some("Borno".into()), ..Default::default() };
    assert_eq!(ckg::query::incidents(&store, &filter).unwrap().len(), 2);
    assert_checks(&store);
}

#[test]
fn ucdp_precisions_sides_and_deaths() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("db")).unwrap();
    let file = write(dir.path(), "ged.csv", UCDP);
    let s = import(&store, Dataset::Ucdp, &[file]);
    assert_eq!((s.new, s.rejected), (2, 0));
    let records = ckg::query::incidents(&store, &Default::default()).unwrap();
    let battle = &records[0];
    assert_eq!(battle.kind, IncidentType::Battle);
    assert_eq!(battle.killed, Some(12));
    assert!(battle.summary.contains("low 10, high 15"), "{}", battle.summary);
    assert_eq!(battle.perpetrators[0].kind, ActorKind::StateForce);
    assert_eq!(battle.targets[0].name, "Islamic State");
    let executions = &records[1];
    assert_eq!(executions.kind, IncidentType::ArmedAssault);
    let date = executions.date.unwrap();
    assert_eq!(date.precision, DatePrecision::Month);
    assert_eq!(date.start.to_string(), "2017-05-01");
    assert_eq!(executions.places[0].precision, GeoPrecision::AdminArea);
    assert_eq!(executions.victims[0].kind, ActorKind::Civilians);
    assert_checks(&store);
}

fn gdelt_row(version: u8, id: &str, code: &str) -> String {
    let names = import::gdelt_columns(version);
    let mut fields = vec![String::new(); names.len()];
    let mut set = |name: &str, value: &str| {
        let i = names.iter().position(|n| n == name).unwrap();
        fields[i] = value.to_string();
    };
    set("GLOBALEVENTID", id);
    set("SQLDATE", "20180315");
    set("Actor1Name", "ISLAMIC STATE");
    set("Actor1Code", "IGOISL");
    set("Actor2Name", "POLICE");
    set("Actor2Code", "IRQCOP");
    set("Actor2CountryCode", "IRQ");
    set("Actor2Type1Code", "COP");
    set("EventCode", code);
    set("ActionGeo_Type", "4");
    set("ActionGeo_FullName", "Mosul, Ninawa, Iraq");
    set("ActionGeo_CountryCode", "IZ");
    set("ActionGeo_Lat", "36.335");
    set("ActionGeo_Long", "43.1189");
    fields.join("\t")
}

#[test]
fn gdelt_one_and_two_headerless_and_with_header() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("db")).unwrap();
    let v1 = write(dir.path(), "v1.CSV", &(gdelt_row(1, "100", "1831") + "\n"));
    let v2 = write(dir.path(), "v2.CSV", &(gdelt_row(2, "200", "190") + "\n"));
    let header = import::gdelt_columns(2).join("\t");
    let with_header = format!("{header}\n{}\n", gdelt_row(2, "300", "0231"));
    let h = write(dir.path(), "h.tsv", &with_header);
    let s = import(&store, Dataset::Gdelt, &[v1, v2, h]);
    assert_eq!((s.rows, s.new, s.rejected), (3, 3, 0));
    let records = ckg::query::incidents(&store, &Default::default()).unwrap();
    let bombing = records.iter().find(|r| r.kind == IncidentType::SuicideBombing).unwrap();
    assert_eq!(bombing.perpetrators[0].name, "Islamic State");
    assert_eq!(bombing.targets[0].name, "Police (Iraq)");
    assert_eq!(bombing.places[0].country.as_deref(), Some("IQ"));
    assert!(bombing.summary.contains("Carry out suicide bombing"));
    assert!(records.iter().any(|r| r.kind == IncidentType::Battle));
    assert_checks(&store);
}

#[test]
fn icews_both_forms_and_repeated_rows() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("db")).unwrap();
    let rows = "Police (India)\tArrest, detain, or charge with legal action\tCitizen (India)\t2018-01-02\n";
    let tkg = format!("split\tsubject\trelation\tobject\tdate\tt_hours\ntrain\t{rows}train\t{rows}");
    let tkg = tkg.replace("2018-01-02\n", "2018-01-02\t24\n");
    let a = write(dir.path(), "icews18.tsv", &tkg);
    let b = write(dir.path(), "bare.tsv", "Taliban\tUse conventional military force\tAfghanistan\t2018-02-01\n");
    let s = import(&store, Dataset::Icews, &[a.clone(), b]);
    assert_eq!((s.rows, s.new, s.rejected), (3, 3, 0), "{s:?}");
    let again = import(&store, Dataset::Icews, &[a]);
    assert_eq!((again.new, again.unchanged), (0, 2));
    let records = ckg::query::incidents(&store, &Default::default()).unwrap();
    let battle = records.iter().find(|r| r.kind == IncidentType::Battle).unwrap();
    assert_eq!(battle.perpetrators[0].name, "Taliban");
    assert_eq!(battle.targets[0].kind, ActorKind::Government);
    assert_eq!(actor_named(&store, "Police (India)").country.as_deref(), Some("IN"));
    assert_checks(&store);
}

#[test]
fn reimport_changes_nothing_and_edited_rows_update_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("db")).unwrap();
    let file = write(dir.path(), "ged.csv", UCDP);
    import(&store, Dataset::Ucdp, std::slice::from_ref(&file));
    let before = store.stats().unwrap();
    let again = import(&store, Dataset::Ucdp, std::slice::from_ref(&file));
    assert_eq!((again.new, again.updated, again.unchanged), (0, 0, 2));
    assert_eq!(store.stats().unwrap(), before);
    // The battle now has a different enemy and more deaths: same incident, new facts.
    let edited = UCDP.replace("Government of Syria,IS,Clashes", "Government of Syria,SDF,Clashes");
    let edited = edited.replace(",10,12,15", ",10,14,15");
    write(dir.path(), "ged.csv", &edited);
    let third = import(&store, Dataset::Ucdp, &[file]);
    assert_eq!((third.new, third.updated, third.unchanged), (0, 1, 1));
    let after = store.stats().unwrap();
    assert_eq!(after.nodes["Incident"], 2);
    assert_eq!(after.edges["TARGETED"], before.edges["TARGETED"]);
    let records = ckg::query::incidents(&store, &Default::default()).unwrap();
    assert_eq!(records[0].killed, Some(14));
    assert_eq!(records[0].targets.len(), 1);
    assert_ne!(records[0].targets[0].name, "Islamic State");
    assert_checks(&store);
}

#[test]
fn bad_rows_are_rejected_with_line_and_reason_and_the_rest_imports() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = UCDP.to_string();
    text.push_str("900003,2017,1,x,Government of Syria,IS,x,1,x,,,34,38,Syria,1,not-a-date,,0,0,0,0,1,1,1\n");
    text.push_str("900004,2017,1,x,Government of Syria,IS,x,1,x,,,95,38,Syria,1,2017-01-01,,0,0,0,0,1,1,1\n");
    text.push_str("900005,2017,1,x,,IS,x,1,x,,,34,38,Syria,1,2017-01-01,,0,0,0,0,1,1,1\n");
    text.push_str("900006,2017,1,x,Government of Syria,IS,x,1,x,,,34,38,Syria,1,2017-01-01,,0,0,0,0,1,-2,1\n");
    let file = write(dir.path(), "ged.csv", &text);
    let db = dir.path().join("db");
    let rejects = dir.path().join("rejects.tsv");
    let out = Command::cargo_bin("ckg")
        .unwrap()
        .arg("--db")
        .arg(&db)
        .args(["import", "ucdp", "--json", "--reject-file"])
        .arg(&rejects)
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["rows"], 6);
    assert_eq!(summary["new"], 2);
    assert_eq!(summary["rejected"], 4);
    let rejected = std::fs::read_to_string(&rejects).unwrap();
    let lines: Vec<&str> = rejected.lines().skip(1).collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0].contains("ged.csv:4\t") && lines[0].contains("date_start"), "{}", lines[0]);
    assert!(lines[1].contains("ged.csv:5\t") && lines[1].contains("latitude"));
    assert!(lines[2].contains("ged.csv:6\t") && lines[2].contains("side_a"));
    assert!(lines[3].contains("ged.csv:7\t") && lines[3].contains("best"));
}

#[test]
fn gzip_files_import_like_plain_ones() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ged.csv.gz");
    let mut gz = flate2::write::GzEncoder::new(std::fs::File::create(&path).unwrap(), flate2::Compression::default());
    gz.write_all(UCDP.as_bytes()).unwrap();
    gz.finish().unwrap();
    let store = Store::open(dir.path().join("db")).unwrap();
    assert_eq!(import(&store, Dataset::Ucdp, &[path]).new, 2);
}

#[test]
fn islamic_state_from_acled_ucdp_and_an_article_is_one_actor() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("db")).unwrap();
    let acled = write(dir.path(), "acled.csv", ACLED_NEW);
    let ucdp = write(dir.path(), "ged.csv", UCDP);
    import(&store, Dataset::Acled, &[acled]);
    import(&store, Dataset::Ucdp, &[ucdp]);
    let article = "# ISIL attack in Mosul\n\nPublished at: **2018-04-02T10:00:00+00:00**\n\n\
        MOSUL - A car bomb killed seven people in Mosul on Sunday. \
        ISIL claimed responsibility for the attack.\n";
    store.ingest_article(article, None).unwrap();
    let one = ckg::query::resolve_actor(&store, "Islamic State").unwrap();
    for name in ["Islamic State (Iraq)", "IS", "ISIL"] {
        assert_eq!(ckg::query::resolve_actor(&store, name).unwrap(), one, "{name}");
    }
    let filter = ckg::query::IncidentFilter { actor: Some("ISIL".into()), ..Default::default() };
    let all = ckg::query::incidents(&store, &filter).unwrap();
    assert_eq!(all.len(), 4, "ACLED 1 + UCDP 2 + article 1");
    let claimed = ckg::query::claims(&store, "Islamic State").unwrap();
    assert_eq!(claimed.len(), 2, "the ACLED bombing and the article's");
    assert_checks(&store);
}

fn ckg(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("ckg").unwrap();
    cmd.arg("--db").arg(db);
    cmd
}

fn stats_json(db: &Path) -> String {
    let out = ckg(db).args(["stats", "--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// `ckg gen` output in `dir/gen.csv`.
fn generated(dir: &Path, incidents: u32, seed: u32, actors: u32) -> PathBuf {
    let data = dir.join("gen.csv");
    let counts = [incidents.to_string(), seed.to_string(), actors.to_string()];
    let status = ckg(&dir.join("unused"))
        .args(["gen", "--incidents", &counts[0], "--seed", &counts[1], "--actors", &counts[2], "-o"])
        .arg(&data)
        .status()
        .unwrap();
    assert!(status.success());
    data
}

#[test]
fn a_killed_import_rerun_ends_like_an_uninterrupted_one() {
    let dir = tempfile::tempdir().unwrap();
    let data = generated(dir.path(), 6000, 3, 400);
    let whole = dir.path().join("whole");
    let started = Instant::now();
    assert!(ckg(&whole).args(["import", "gen"]).arg(&data).status().unwrap().success());
    let full = started.elapsed();
    let killed = dir.path().join("killed");
    // Kill twice, at a third and at two thirds of the time a whole import takes.
    for delay in [full / 3, full * 2 / 3] {
        let mut child = ckg(&killed).args(["import", "gen", "--batch", "250"]).arg(&data).spawn().unwrap();
        let start = Instant::now();
        while start.elapsed() < delay {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = child.kill(); // SIGKILL
        child.wait().unwrap();
    }
    assert!(ckg(&killed).args(["import", "gen"]).arg(&data).status().unwrap().success());
    assert_eq!(stats_json(&killed), stats_json(&whole));
    let check = ckg(&killed).arg("check").output().unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    let rerun = ckg(&killed).args(["import", "gen", "--json"]).arg(&data).output().unwrap();
    let summary: serde_json::Value = serde_json::from_slice(&rerun.stdout).unwrap();
    assert_eq!((summary["new"].as_u64(), summary["unchanged"].as_u64()), (Some(0), Some(6000)));
}

/// ../shared, when present; required when CKG_REQUIRE_SHARED=1.
fn shared() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if path.join("datasets").is_dir() {
        return Some(path);
    }
    assert!(
        std::env::var("CKG_REQUIRE_SHARED").as_deref() != Ok("1"),
        "CKG_REQUIRE_SHARED=1 but {} is missing",
        path.display()
    );
    eprintln!("skipped: no ../shared");
    None
}

#[test]
fn shared_samples_import_with_counts_matching_rows_minus_rejects() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("db")).unwrap();
    let icews_head: String = std::fs::read_to_string(shared.join("datasets/icews18/icews18.tsv"))
        .unwrap()
        .lines()
        .take(3001)
        .map(|l| format!("{l}\n"))
        .collect();
    let icews = write(dir.path(), "icews-head.tsv", &icews_head);
    let cases = [
        (Dataset::Acled, shared.join("eval/acled-africa-2016h1-dev.csv"), 2742),
        (Dataset::Ucdp, shared.join("datasets/ucdp/ged191_syria.csv"), 16566),
        (Dataset::Icews, icews, 3000),
    ];
    let mut incidents = 0;
    for (dataset, file, rows) in cases {
        let s = import(&store, dataset, &[file]);
        assert_eq!(s.rows, rows, "{dataset:?}");
        assert_eq!(s.new + s.updated + s.unchanged + s.rejected, s.rows);
        assert!(s.rejected * 100 <= s.rows, "{dataset:?}: {} rejected", s.rejected);
        incidents += s.new;
    }
    assert_eq!(store.stats().unwrap().nodes["Incident"], incidents);
    assert_checks(&store);
}

#[test]
fn shared_gdelt_codebooks_match_the_built_in_columns_and_are_rejected_as_rows() {
    let Some(shared) = shared() else { return };
    for (version, name) in [(1, "events1.csv"), (2, "events2.csv")] {
        let path = shared.join("datasets/gdelt").join(name);
        let mut reader = csv::Reader::from_path(&path).unwrap();
        let names: Vec<String> = reader.records().map(|r| r.unwrap()[0].trim().to_string()).collect();
        assert_eq!(names, import::gdelt_columns(version), "{name}");
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("db")).unwrap();
        let mut reasons = Vec::new();
        struct Keep<'a>(&'a mut Vec<String>);
        impl import::ImportHooks for Keep<'_> {
            fn reject(&mut self, e: &ckg::Error) -> ckg::Result<()> {
                self.0.push(e.to_string());
                Ok(())
            }
        }
        let s =
            import::import_files(&store, Dataset::Gdelt, &[path], &ImportOptions::default(), &mut Keep(&mut reasons))
                .unwrap();
        assert_eq!((s.new, s.rejected), (0, s.rows));
        assert!(reasons.iter().all(|r| r.contains("codebook")));
    }
}

#[test]
fn compact_keeps_every_key_of_an_imported_store() {
    let dir = tempfile::tempdir().unwrap();
    let data = generated(dir.path(), 3000, 5, 200);
    let db = dir.path().join("db");
    assert!(ckg(&db).args(["import", "gen", "--batch", "300"]).arg(&data).status().unwrap().success());
    let stats = stats_json(&db);
    let out = ckg(&db).arg("compact").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("MiB after"));
    assert_eq!(stats_json(&db), stats);
    assert!(ckg(&db).arg("check").status().unwrap().success());
    // Sizes are measured in BENCHMARKS.md; small stores need not shrink.
    let rerun = ckg(&db).args(["import", "gen", "--json"]).arg(&data).output().unwrap();
    let summary: serde_json::Value = serde_json::from_slice(&rerun.stdout).unwrap();
    assert_eq!(summary["unchanged"].as_u64(), Some(3000));
    // A leftover copy (an interrupted compaction) is refused, and the store is untouched.
    std::fs::create_dir(dir.path().join("db.compacting")).unwrap();
    let refused = ckg(&db).arg("compact").output().unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("db.compacting exists"));
    assert_eq!(stats_json(&db), stats);
}
