//! `ckg export jsonl` then `ckg import jsonl` gives back the same store:
//! every node, edge, property, index entry and counter. Also GraphML export.

mod common;

use std::path::Path;

use ckg::Store;
use ckg::store::RawItem;
use common::*;

/// Every item of the store's dump, read through the library.
fn dump(db: &Path) -> Vec<RawItem> {
    let store = Store::open(db).unwrap();
    store.export_raw().collect::<Result<Vec<_>, _>>().unwrap()
}

#[test]
fn jsonl_round_trip_restores_every_node_edge_and_property() {
    let (dir, db) = articles_store();
    let file = dir.path().join("dump.jsonl");
    let mut cmd = ckg_db(&db, &["export", "jsonl", "-o"]);
    run_ok(cmd.arg(&file));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with(r#"{"type":"header","format":"ckg-jsonl","version":1,"schema_version":2}"#), "{text}");

    let copy = dir.path().join("copy.db");
    let mut cmd = ckg_db(&copy, &["import", "jsonl"]);
    let out = cmd.arg(&file).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_check_ok(&copy);
    assert_eq!(stats_json(&copy), stats_json(&db));

    // Node by node and edge by edge, with all properties (f64 coordinates included).
    let total = stats_json(&db)["nodes"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum::<u64>();
    let (original, restored) = (Store::open(&db).unwrap(), Store::open(&copy).unwrap());
    let nodes: Vec<_> = original.all_nodes().collect::<Result<_, _>>().unwrap();
    let copied: Vec<_> = restored.all_nodes().collect::<Result<_, _>>().unwrap();
    assert!(total > 100 && nodes.len() as u64 == total, "{} nodes, stats say {total}", nodes.len());
    assert_eq!(nodes, copied);
    assert!(nodes.iter().any(|(_, n)| matches!(n, ckg::model::Node::Location(l) if l.lat.is_some())));
    let edges: Vec<_> = original.all_edges().collect::<Result<_, _>>().unwrap();
    let copied: Vec<_> = restored.all_edges().collect::<Result<_, _>>().unwrap();
    assert!(edges.iter().any(|e| !e.3.evidence.is_empty() && e.3.mention.is_some()));
    assert_eq!(edges, copied);
    drop((original, restored));
    // Index entries and meta (article markers) too, and queries answer alike.
    assert_eq!(dump(&db), dump(&copy));
    for args in [["claims", "ISIS"], ["actor", "Boko Haram"]] {
        let a = run_ok(&mut ckg_db(&db, &[args[0], args[1], "--format", "json"]));
        assert_eq!(a, run_ok(&mut ckg_db(&copy, &[args[0], args[1], "--format", "json"])), "{args:?}");
    }
    // The copy dumps to the same bytes.
    let again = run_ok(&mut ckg_db(&copy, &["export", "jsonl"]));
    assert_eq!(again, text);
}

#[test]
fn jsonl_import_into_a_store_that_holds_it_changes_nothing() {
    let (dir, db) = articles_store();
    let file = dir.path().join("dump.jsonl");
    std::fs::write(&file, run_ok(&mut ckg_db(&db, &["export", "jsonl"]))).unwrap();
    let before = dump(&db);
    let out = ckg_db(&db, &["import", "jsonl"]).arg(&file).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("(0 new)"), "{}", stderr(&out));
    assert_eq!(dump(&db), before);
    assert_check_ok(&db);
}

#[test]
fn jsonl_import_rejects_bad_lines_with_their_line_number() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ckg.db");
    let file = dir.path().join("bad.jsonl");
    let node = r#"{"type":"node","id":"actor:00000000000000aa","kind":"actor","props":{"name":"A","kind":"armed_group","aliases":[],"country":null,"unnamed":false}}"#;
    let edge = r#"{"type":"edge","src":"actor:00000000000000aa","kind":"PART_OF","dst":"actor:00000000000000bb","props":{"mention":null,"by":null,"mode":null,"victim":false,"evidence":[]}}"#;
    std::fs::write(&file, format!("{node}\n{edge}\n")).unwrap();
    let err = run_err(ckg_db(&db, &["import", "jsonl"]).arg(&file));
    assert!(err.contains("bad.jsonl:2") && err.contains("actor:00000000000000bb"), "{err}");
    std::fs::write(&file, "{\"type\":\"node\",\"id\":\"actor:zz\"}\n").unwrap();
    let err = run_err(ckg_db(&db, &["import", "jsonl"]).arg(&file));
    assert!(err.contains("bad.jsonl:1"), "{err}");
    std::fs::write(&file, r#"{"type":"header","format":"ckg-jsonl","version":9,"schema_version":2}"#).unwrap();
    let err = run_err(ckg_db(&db, &["import", "jsonl"]).arg(&file));
    assert!(err.contains("version 9"), "{err}");
}

/// A minimal well-formedness check: tags balance, attributes are quoted, and
/// every `&` starts an entity.
fn assert_well_formed_xml(xml: &str) {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        let text = &rest[..start];
        assert!(!text.contains('>'), "stray > in {text:?}");
        for (i, _) in text.match_indices('&') {
            let entity = &text[i..text.len().min(i + 6)];
            assert!(["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"].iter().any(|e| entity.starts_with(e)), "{entity:?}");
        }
        let end = start + rest[start..].find('>').expect("unclosed tag");
        let tag = &rest[start + 1..end];
        assert_eq!(tag.matches('"').count() % 2, 0, "unbalanced quotes in <{tag}>");
        let name = tag.trim_start_matches('/').split_whitespace().next().unwrap_or("").trim_end_matches('/');
        if tag.starts_with('/') {
            assert_eq!(stack.pop(), Some(name), "mismatched </{name}>");
        } else if !tag.starts_with('?') && !tag.ends_with('/') {
            stack.push(name);
        }
        rest = &rest[end + 1..];
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
}

#[test]
fn graphml_declares_its_keys_and_escapes_awkward_names() {
    let dir = tempfile::tempdir().unwrap();
    let text = "KABUL - Gunmen from a group calling itself \"The <Black> & \\ Banner\" killed five soldiers \
        at a checkpoint in Kabul on Friday. The Taliban claimed responsibility for the attack.\n";
    let file = dir.path().join("awkward.txt");
    std::fs::write(&file, text).unwrap();
    let db = dir.path().join("ckg.db");
    let title = "Say \"hi\" & <b>bold</b>\nsecond \u{7}line";
    run_ok(ckg_db(&db, &["ingest", "--published", "2021-05-08", "--title", title]).arg(&file));
    ingest(&db, &[&articles_dir()]);

    let xml = run_ok(&mut ckg_db(&db, &["export", "graphml"]));
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml "), "{xml}");
    assert_well_formed_xml(&xml);
    assert!(xml.contains("Say &quot;hi&quot; &amp; &lt;b&gt;bold&lt;/b&gt;\nsecond line"), "title not escaped");
    let stats = stats_json(&db);
    let count = |what: &str| xml.matches(what).count() as u64;
    let total = |what: &str| stats[what].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum::<u64>();
    assert_eq!(count("<node id="), total("nodes"));
    assert_eq!(count("<edge id="), total("edges"));
    for used in xml.split("<data key=\"").skip(1) {
        let key = &used[..used.find('"').unwrap()];
        assert!(xml.contains(&format!("<key id=\"{key}\"")), "key {key} not declared");
    }
    let actor = run_ok(&mut ckg_db(&db, &["export", "graphml", "--actor", "Taliban"]));
    assert_well_formed_xml(&actor);
    assert!(actor.contains(">Taliban</data>") && count("<node id=") > actor.matches("<node id=").count() as u64);
}
