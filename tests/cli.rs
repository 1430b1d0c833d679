//! End-to-end tests of the `ckg` binary: global options, errors, ingest of bad
//! input, output formats, `check`, DOT export, and the seed acceptance checks.

mod common;

use std::path::Path;
use std::process::Stdio;

use common::*;
use serde_json::Value;

#[test]
fn db_option_before_and_after_the_subcommand_and_from_env() {
    let dir = tempfile::tempdir().unwrap();
    let before = dir.path().join("before.db");
    let after = dir.path().join("after.db");
    let article = articles_dir().join("005_mogadishu_truck_bomb.txt");
    run_ok(ckg().arg("--db").arg(&before).arg("ingest").arg(&article));
    run_ok(ckg().arg("ingest").arg(&article).arg("--db").arg(&after));
    let expected = stats_json(&before);
    assert_eq!(expected["nodes"]["Article"], 1, "{expected}");
    let after_stats = run_ok(ckg().args(["stats", "--format", "json", "--db"]).arg(&after));
    assert_eq!(json(&after_stats), expected, "--db after the subcommand");

    let from_env = run_ok(ckg().env("CKG_DB", &before).args(["stats", "--format", "json"]));
    assert_eq!(json(&from_env), expected, "CKG_DB");
    // --db wins over CKG_DB.
    let missing = dir.path().join("missing.db");
    let mut both = ckg_db(&before, &["stats", "--format", "json"]);
    let overridden = run_ok(both.env("CKG_DB", &missing));
    assert_eq!(json(&overridden), expected, "--db over CKG_DB");
    assert!(!missing.exists());

    // Without either, the store is ./ckg.db.
    run_ok(ckg().current_dir(dir.path()).arg("ingest").arg(&article));
    assert!(dir.path().join("ckg.db").is_dir(), "default store not created");
    assert_eq!(stats_json(&dir.path().join("ckg.db")), expected);
}

#[test]
fn queries_on_a_missing_store_fail_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nothing-here.db");
    let queries: [&[&str]; 7] = [
        &["claims", "ISIS"],
        &["incidents"],
        &["actor", "Taliban"],
        &["stats"],
        &["check"],
        &["export", "dot"],
        &["incidents", "--format", "csv"],
    ];
    for args in queries {
        let err = run_err(&mut ckg_db(&db, args));
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: not one line:\n{err}");
        assert!(err.contains("nothing-here.db"), "{args:?}: path not named:\n{err}");
        assert!(err.contains("no store"), "{args:?}: reason not given:\n{err}");
        assert!(!db.exists(), "{args:?} created a store");
    }
}

#[test]
fn unknown_actor_gets_nearest_names() {
    let (_dir, db) = articles_store();
    let commands: [&[&str]; 3] = [&["claims", "Talibn"], &["actor", "Talibn"], &["incidents", "--actor", "Talibn"]];
    for args in commands {
        let err = run_err(&mut ckg_db(&db, args));
        assert!(err.contains("no actor named \"Talibn\""), "{args:?}:\n{err}");
        let suggestions = err.split("did you mean").nth(1);
        let suggestions = suggestions.unwrap_or_else(|| panic!("{args:?}: no suggestion:\n{err}"));
        assert!(suggestions.contains("Taliban"), "{args:?}:\n{err}");
    }
    let err = run_err(&mut ckg_db(&db, &["claims", "Boko Harm"]));
    assert!(err.contains("did you mean") && err.contains("Boko Haram"), "{err}");
}

#[test]
fn store_held_by_another_process_is_reported_as_locked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ckg.db");
    ingest(&db, &[&articles_dir().join("011_jolo_cathedral_bombing.txt")]);
    let expected = stats_json(&db);
    {
        // This test process holds the store while the binary tries to open it.
        let _held = ckg::Store::open(&db).expect("library cannot open the store");
        let article = articles_dir().join("014_aden_airport_attack.txt");
        let mut ingest_cmd = ckg_db(&db, &["ingest"]);
        ingest_cmd.arg(&article);
        for cmd in [&mut ckg_db(&db, &["stats"]), &mut ingest_cmd] {
            let err = run_err(cmd);
            assert!(err.contains("database is locked by another process"), "{cmd:?}:\n{err}");
        }
    }
    assert_eq!(stats_json(&db), expected, "the locked attempt changed the store");
}

/// A reader that has gone away must not make ckg panic or complain.
#[test]
fn closed_pipe_ends_quietly() {
    let (_dir, db) = articles_store();
    let bin = env!("CARGO_BIN_EXE_ckg");
    let outputs: [&[&str]; 4] = [
        &["incidents", "--format", "json"],
        &["incidents", "--format", "csv"],
        &["incidents", "--format", "table"],
        &["export", "dot"],
    ];
    for args in outputs {
        // As a user would: `ckg ... | head -c 10` (no pipefail).
        let line = format!("'{bin}' --db '{}' {} | head -c 10", db.display(), args.join(" "));
        let out = std::process::Command::new("sh").args(["-c", &line]).output().unwrap();
        assert!(out.status.success(), "{line}: {}", stderr(&out));
        assert_eq!(out.stdout.len(), 10, "{line}");
        assert!(!stderr(&out).contains("panicked"), "{line} panicked:\n{}", stderr(&out));
        assert_eq!(stderr(&out), "", "{line} was not quiet");

        // Deterministically: the read end is closed before ckg starts.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = ckg_db(&db, args).stdout(writer).output().unwrap();
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{args:?} into a closed pipe panicked:\n{err}");
        assert!(out.status.code().is_some(), "{args:?} died of a signal");
        assert_eq!(err, "", "{args:?} into a closed pipe was not quiet");
    }
}

/// Writes the awkward inputs into `dir`; returns (file name, words one of which the reason holds).
fn write_bad_inputs(dir: &Path) -> Vec<(&'static str, &'static [&'static str])> {
    std::fs::write(dir.join("a_empty.txt"), b"").unwrap();
    std::fs::write(dir.join("b_binary.txt"), b"\x7fELF\x02\x01\x01\0\0\0binary\0data").unwrap();
    std::fs::write(dir.join("c_latin1.txt"), b"Bomb kills five in S\xe3o Paulo\n").unwrap();
    let weather = "# Sunny weekend ahead\n\nPublished at: **2021-06-01T08:00:00+00:00**\n\n\
        LONDON - Forecasters expect sunshine and light winds across the country this weekend, \
        with temperatures reaching 25 degrees on Saturday.\n";
    std::fs::write(dir.join("d_weather.txt"), weather).unwrap();
    let body = std::fs::read_to_string(articles_dir().join("001_auno_borno_night_raid.txt"));
    let body = body.unwrap();
    let mut big = String::with_capacity(20 * 1024 * 1024 + body.len());
    while big.len() < 20 * 1024 * 1024 {
        big.push_str(&body);
    }
    std::fs::write(dir.join("e_big.txt"), big).unwrap();
    vec![
        ("a_empty.txt", &["empty"]),
        ("b_binary.txt", &["binary", "NUL"]),
        ("c_latin1.txt", &["UTF-8", "utf-8", "utf8"]),
        ("d_weather.txt", &["no incident"]),
        ("e_big.txt", &["larger", "limit", "too large", "too big"]),
    ]
}

/// Asserts the ingest report has a line naming `file` that gives one of `reasons`.
fn assert_reported(report: &str, file: &str, reasons: &[&str]) {
    let line = report.lines().find(|l| l.contains(file));
    let line = line.unwrap_or_else(|| panic!("{file} not named in the report:\n{report}"));
    assert!(line.starts_with("skipped") || line.starts_with("failed"), "{file} not skipped:\n{line}");
    assert!(reasons.iter().any(|r| line.contains(r)), "{file}: unclear reason:\n{line}");
}

#[test]
fn bad_files_are_reported_and_the_rest_of_the_batch_is_ingested() {
    let dir = tempfile::tempdir().unwrap();
    let batch = dir.path().join("batch");
    std::fs::create_dir(&batch).unwrap();
    let bad = write_bad_inputs(&batch);
    let last = "016_chibok_claim_warabe_abduction.txt";
    std::fs::copy(articles_dir().join(last), batch.join("f_good.txt")).unwrap();

    // A store that already holds every other sample article.
    let earlier = dir.path().join("earlier");
    std::fs::create_dir(&earlier).unwrap();
    for entry in std::fs::read_dir(articles_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "txt") && !path.ends_with(last) {
            std::fs::copy(&path, earlier.join(path.file_name().unwrap())).unwrap();
        }
    }
    let db = dir.path().join("ckg.db");
    ingest(&db, &[&earlier]);
    let before = stats_json(&db);

    let out = ckg_db(&db, &["ingest"]).arg(&batch).output().unwrap();
    let report = stderr(&out);
    assert!(!report.contains("panicked"), "{report}");
    for (file, reasons) in &bad {
        assert_reported(&report, file, reasons);
    }
    assert!(report.contains("ingested ") && report.contains("f_good.txt"), "{report}");

    // Nothing stored before is lost, and the good file made it in.
    let after = stats_json(&db);
    let (_full_dir, full) = articles_store();
    assert_eq!(after, stats_json(&full), "batch result differs from a clean ingest");
    for group in ["nodes", "edges"] {
        for (kind, count) in before[group].as_object().unwrap() {
            assert!(after[group][kind].as_u64() >= count.as_u64(), "{kind} shrank");
        }
    }
    assert_check_ok(&db);
}

#[test]
fn each_bad_file_alone_leaves_the_store_as_it_was() {
    let (dir, db) = articles_store();
    let before = stats_json(&db);
    let bad = write_bad_inputs(dir.path());
    for (file, reasons) in &bad {
        let out = ckg_db(&db, &["ingest"]).arg(dir.path().join(file)).output().unwrap();
        let report = stderr(&out);
        assert!(!report.contains("panicked"), "{file}:\n{report}");
        assert_reported(&report, file, reasons);
        assert_eq!(stats_json(&db), before, "{file} changed the store");
    }
    assert_check_ok(&db);
}

/// Real news text is full of non-ASCII spacing and punctuation; none of it may
/// abort a batch. Each line puts a multi-byte character next to a sentence end.
#[test]
fn non_ascii_spaces_and_punctuation_do_not_abort_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    let batch = dir.path().join("batch");
    std::fs::create_dir(&batch).unwrap();
    let spaces = ["\u{a0}", "\u{202f}", "\u{2009}", "\u{3000}", "\u{2028}"];
    for (n, space) in spaces.iter().enumerate() {
        let text = format!(
            "CAIRO{space}\u{2014} Gunmen killed five police officers in{space}Giza. Islamic State \
             claimed responsibility for the attack{space}\u{2026} in a statement.{space}\u{201c}It was \
             a cowardly act{space}\u{201d}, officials said of the attack in{space}Egypt.\n"
        );
        std::fs::write(batch.join(format!("a{n}_spaces.txt")), text).unwrap();
    }
    std::fs::copy(articles_dir().join("005_mogadishu_truck_bomb.txt"), batch.join("z_good.txt")).unwrap();
    let db = dir.path().join("ckg.db");
    let out = ckg_db(&db, &["ingest", "--published", "2016-01-10"]).arg(&batch).output().unwrap();
    let report = stderr(&out);
    assert!(!report.contains("panicked"), "ingest panicked:\n{report}");
    assert!(out.status.code().is_some_and(|c| c <= 1), "{}: {report}", out.status);
    for n in 0..spaces.len() {
        assert!(report.contains(&format!("a{n}_spaces.txt")), "a{n}_spaces.txt not reported:\n{report}");
    }
    assert!(report.contains("ingested ") && report.contains("z_good.txt"), "{report}");
    assert_check_ok(&db);
}

#[test]
fn ingesting_the_articles_twice_changes_nothing() {
    let (_dir, db) = articles_store();
    let first = stats_json(&db);
    assert_eq!(first["nodes"]["Article"], 16, "{first}");
    assert!(first["nodes"]["Incident"].as_u64().unwrap() >= 16, "{first}");
    let report = ingest(&db, &[&articles_dir()]);
    let unchanged = report.lines().filter(|l| l.starts_with("unchanged")).count();
    assert_eq!(unchanged, 16, "{report}");
    assert_eq!(stats_json(&db), first);
    assert_check_ok(&db);
}

/// Runs a query in all three formats and checks they agree on the incidents.
fn assert_formats_agree(db: &Path, args: &[&str], json_ids: impl Fn(&Value) -> Vec<String>) {
    let run = |format: &str| {
        let mut cmd = ckg_db(db, args);
        run_ok(cmd.args(["--format", format]))
    };
    let parsed = json(&run("json"));
    let ids = json_ids(&parsed);
    assert!(!ids.is_empty(), "{args:?}: no incidents in {parsed}");
    assert!(ids.iter().all(|id| id.starts_with("incident:")), "{ids:?}");

    let csv = run("csv");
    let mut lines = csv.lines();
    let header = lines.next().unwrap_or_default();
    assert!(header.contains("id") && header.contains("killed"), "{args:?}: {header}");
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), ids.len(), "{args:?}: csv rows:\n{csv}");
    let table = run("table");
    for id in &ids {
        assert!(rows.iter().any(|r| r.contains(id.as_str())), "{args:?}: {id} not in csv");
        assert!(table.contains(id.as_str()), "{args:?}: {id} not in table:\n{table}");
    }
    // In a pipe, the default is JSON.
    assert_eq!(json(&run_ok(&mut ckg_db(db, args))), parsed, "{args:?}: default format");
}

fn array_ids(v: &Value) -> Vec<String> {
    let items = v.as_array().unwrap_or_else(|| panic!("not an array: {v}"));
    items.iter().map(|i| i["id"].as_str().unwrap().to_string()).collect()
}

#[test]
fn every_query_speaks_json_csv_and_table() {
    let (_dir, db) = articles_store();
    assert_formats_agree(&db, &["claims", "Taliban"], array_ids);
    assert_formats_agree(&db, &["incidents"], array_ids);
    assert_formats_agree(&db, &["incidents", "--actor", "Boko Haram", "--place", "Nigeria"], |v| {
        for incident in v.as_array().unwrap() {
            let places = incident["places"].as_array().unwrap();
            assert!(places.iter().any(|p| p["country"] == "NG"), "not in Nigeria: {incident}");
        }
        array_ids(v)
    });
    assert_formats_agree(&db, &["actor", "Taliban"], |v| {
        assert_eq!(v["name"], "Taliban", "{v}");
        assert!(v["aliases"].as_array().is_some_and(|a| !a.is_empty()), "{v}");
        array_ids(&v["incidents"])
    });

    let stats = stats_json(&db);
    let total: u64 = stats["nodes"].as_object().unwrap().values().filter_map(Value::as_u64).sum();
    assert!(stats["edges"]["CLAIMED_BY"].as_u64() > Some(0), "{stats}");
    let csv = run_ok(&mut ckg_db(&db, &["stats", "--format", "csv"]));
    let incidents = stats["nodes"]["Incident"].as_u64().unwrap();
    assert!(csv.lines().any(|l| l == format!("node,Incident,{incidents}")), "{csv}");
    let table = run_ok(&mut ckg_db(&db, &["stats", "--format", "table"]));
    assert!(table.contains("NODES") && table.contains(&total.to_string()), "{table}");
    assert_check_ok(&db);
}

#[test]
fn export_dot_is_accepted_by_graphviz() {
    let (dir, db) = articles_store();
    let all = export_dot(&db, &[]);
    for label in ["CLAIMED_BY", "PERPETRATED_BY", "OCCURRED_AT", "REPORTED_IN", "Taliban"] {
        assert!(all.contains(label), "{label} missing from the export");
    }
    let taliban = export_dot(&db, &["--actor", "Taliban"]);
    assert!(taliban.len() < all.len() && taliban.contains("Taliban"));
    let claimed = json(&run_ok(&mut ckg_db(&db, &["claims", "Taliban", "--format", "json"])));
    let id = claimed[0]["id"].as_str().unwrap();
    let one = export_dot(&db, &["--incident", id]);
    assert!(one.contains(id) && one.contains("CLAIMED_BY"), "{one}");

    let file = dir.path().join("all.dot");
    let mut cmd = ckg_db(&db, &["export", "dot", "-o"]);
    assert_eq!(run_ok(cmd.arg(&file)), "", "-o also wrote to stdout");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), all);
    if dot_available() {
        for text in [&all, &taliban, &one] {
            assert_dot_accepts(text);
        }
    }
}

#[test]
fn dot_labels_with_quotes_backslashes_and_brackets_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let text = "KABUL - Gunmen from a group calling itself \"The <Black> \\ Banner\" killed \
        five soldiers at a checkpoint in Kabul on Friday, in what officials called a \"cowardly\" \
        attack on the <checkpoint> near C:\\Roads\\East. The Taliban claimed responsibility \
        for the attack.\n";
    let file = dir.path().join("awkward.txt");
    std::fs::write(&file, text).unwrap();
    let db = dir.path().join("ckg.db");
    let title = "Say \"hi\" \\ to <b>bold</b>\nsecond line \\";
    let mut cmd = ckg_db(&db, &["ingest", "--published", "2021-05-08", "--title", title]);
    run_ok(cmd.arg(&file));

    let incidents = json(&run_ok(&mut ckg_db(&db, &["incidents", "--format", "json"])));
    let summary = incidents[0]["summary"].as_str().unwrap();
    assert!(summary.contains('"') && summary.contains('\\') && summary.contains('<'), "{summary}");
    assert_eq!(incidents[0]["date"]["start"], "2021-05-07", "{incidents}");

    let dot = export_dot(&db, &[]);
    assert!(dot.contains(r#"\"The <Black> \\ Banner\""#), "summary not escaped:\n{dot}");
    assert!(dot.contains(r#"Say \"hi\" \\ to <b>bold</b>\nsecond line \\""#), "{dot}");
    assert!(!dot.contains("\nsecond line"), "raw newline in a label:\n{dot}");
    if dot_available() {
        assert_dot_accepts(&dot);
    }
}

// --- seed acceptance: ../shared/seeds/000_5bc27b648cea28ae.txt ---

fn seed_store() -> Option<(tempfile::TempDir, std::path::PathBuf)> {
    let seed = seed()?;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ckg.db");
    ingest(&db, &[&seed]);
    Some((dir, db))
}

#[test]
fn seed_claims_are_the_cyclists_and_the_prison_riot() {
    let Some((_dir, db)) = seed_store() else { return };
    let by_name = run_ok(&mut ckg_db(&db, &["claims", "Islamic State", "--format", "json"]));
    let claimed = json(&by_name);
    let claimed = claimed.as_array().unwrap();
    assert_eq!(claimed.len(), 2, "expected exactly two claimed incidents:\n{by_name}");
    let dates: Vec<(&str, &str)> = claimed
        .iter()
        .map(|i| (i["date"]["start"].as_str().unwrap(), i["date"]["precision"].as_str().unwrap()))
        .collect();
    let has =
        |prefix: &str, precision: &str| dates.iter().any(|(start, p)| start.starts_with(prefix) && *p == precision);
    assert!(has("2018", "year"), "no 2018 (year) incident: {dates:?}");
    assert!(has("2019-05", "month"), "no 2019-05 (month) incident: {dates:?}");
    assert!(claimed.iter().all(|i| i["killed"] != 17), "the border attack is not claimed");
    for alias in ["ISIS", "Daesh"] {
        let out = run_ok(&mut ckg_db(&db, &["claims", alias, "--format", "json"]));
        assert_eq!(out, by_name, "claims {alias} differs from claims \"Islamic State\"");
    }
}

fn is_islamic_state(actor: &Value) -> bool {
    actor["name"] == "Islamic State"
}

#[test]
fn seed_border_post_attack_is_attributed_to_islamic_state() {
    let Some((_dir, db)) = seed_store() else { return };
    let args = ["incidents", "--actor", "Islamic State", "--format", "json"];
    let out = json(&run_ok(&mut ckg_db(&db, &args)));
    let attack = out.as_array().unwrap().iter().find(|i| i["killed"] == 17);
    let attack = attack.unwrap_or_else(|| panic!("no incident with 17 killed:\n{out:#}"));
    assert_eq!(attack["captured"], 5, "{attack:#}");
    let (start, end) = (&attack["date"]["start"], &attack["date"]["end"]);
    let within = |d: &Value| d == "2019-11-05" || d == "2019-11-06";
    assert!(within(start) && within(end), "date {start}..{end} outside 2019-11-05..06");
    let places = attack["places"].as_array().unwrap();
    let located = places.iter().any(|p| p["country"] == "TJ" && p["lat"].is_number() && p["lon"].is_number());
    assert!(located, "no place in TJ with coordinates: {places:?}");

    let perpetrator = attack["perpetrators"].as_array().unwrap().iter().any(is_islamic_state);
    let attributed = attack["attributed_to"].as_array().unwrap().iter().any(|a| {
        let by = a["by"].as_str().unwrap_or_default();
        is_islamic_state(a) && (by.contains("Tajik") || by.contains("National Security Committee"))
    });
    assert!(perpetrator || attributed, "Islamic State neither perpetrator nor attributed");
    let claimed = attack["claimed_by"].as_array().unwrap();
    assert!(!claimed.iter().any(is_islamic_state), "the group made no claim: {attack:#}");
}

#[test]
fn seed_reingest_changes_nothing_and_exports_valid_dot() {
    let Some((_dir, db)) = seed_store() else { return };
    let first = stats_json(&db);
    assert_eq!(first["nodes"]["Incident"], 3, "{first}");
    let report = ingest(&db, &[&seed().unwrap()]);
    assert!(report.contains("unchanged"), "{report}");
    assert_eq!(stats_json(&db), first);
    assert_check_ok(&db);
    let dot = export_dot(&db, &[]);
    assert!(dot.contains("Islamic State") && dot.contains("ATTRIBUTED_TO"), "{dot}");
    if dot_available() {
        assert_dot_accepts(&dot);
    }
}

/// `ckg` reads stdin only where asked; `extract -` prints the same incidents ingest stores.
#[test]
fn extract_from_stdin_matches_what_ingest_stores() {
    let article = articles_dir().join("005_mogadishu_truck_bomb.txt");
    let text = std::fs::read(&article).unwrap();
    let mut child =
        ckg().args(["extract", "-", "--format", "json"]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), &text).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let extracted = json(&stdout(&out));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ckg.db");
    ingest(&db, &[&article]);
    let stored = stats_json(&db);
    let n = extracted["incidents"].as_array().map(Vec::len);
    assert_eq!(n, stored["nodes"]["Incident"].as_u64().map(|n| n as usize), "{extracted}");
}

#[test]
fn migrate_leaves_a_current_store_as_it_is_and_refuses_a_missing_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    ingest(&db, &[&articles_dir().join("005_mogadishu_truck_bomb.txt")]);
    let before = stats_json(&db);
    let out = run_ok(&mut ckg_db(&db, &["migrate"]));
    assert!(out.contains("already at schema version 2"), "{out}");
    assert_eq!(stats_json(&db), before);
    assert_check_ok(&db);
    let err = run_err(&mut ckg_db(&dir.path().join("none"), &["migrate"]));
    assert!(err.contains("not a ckg store"), "{err}");
    assert!(!dir.path().join("none").exists(), "migrate must not create a store");
}
