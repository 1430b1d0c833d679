//! End-to-end tests of the traversal commands (`path`, `neighbors`,
//! `timeline`, `top`) and the DOT, GraphML and render exports, driving the
//! real binary on a store of the sample articles.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::*;
use serde_json::Value;

fn json_of(db: &Path, args: &[&str]) -> Value {
    json(&run_ok(&mut ckg_db(db, args)))
}

fn check_dot(text: &str) {
    assert!(text.trim_start().starts_with("digraph") && text.trim_end().ends_with('}'), "not DOT:\n{text}");
    if dot_available() {
        assert_dot_accepts(text);
    }
}

/// Asserts every path is a chain from `from` to `to` whose steps join consecutive nodes.
fn assert_paths_well_formed(paths: &[Value], from: &str, to: &str) {
    let mut last_hops = 0;
    for p in paths {
        let nodes = p["nodes"].as_array().unwrap();
        let steps = p["steps"].as_array().unwrap();
        let hops = p["hops"].as_u64().unwrap() as usize;
        assert_eq!((nodes.len(), steps.len()), (hops + 1, hops), "{p}");
        assert!(hops >= last_hops, "paths not shortest first: {paths:?}");
        last_hops = hops;
        assert_eq!(nodes[0]["label"], from, "{p}");
        assert_eq!(nodes[hops]["label"], to, "{p}");
        let ids: BTreeSet<&str> = nodes.iter().map(|n| n["id"].as_str().unwrap()).collect();
        assert_eq!(ids.len(), nodes.len(), "a node repeats: {p}");
        for (i, step) in steps.iter().enumerate() {
            let ends = [step["from"].as_str().unwrap(), step["to"].as_str().unwrap()];
            let pair = [nodes[i]["id"].as_str().unwrap(), nodes[i + 1]["id"].as_str().unwrap()];
            assert!(ends == pair || ends == [pair[1], pair[0]], "step {i} does not join its nodes: {p}");
            assert!(!step["types"].as_array().unwrap().is_empty(), "{p}");
        }
        for node in &nodes[1..hops] {
            assert!(["actor", "incident", "location"].contains(&node["kind"].as_str().unwrap()), "{p}");
        }
    }
}

#[test]
fn path_connects_two_actors_through_shared_places_shortest_first() {
    let (_dir, db) = articles_store();
    let db = db.as_path();
    let value = json_of(db, &["path", "Islamic State", "Taliban", "--format", "json"]);
    let paths = value.as_array().unwrap();
    assert!(!paths.is_empty(), "no path");
    assert_paths_well_formed(paths, "Islamic State", "Taliban");
    // Both act in Kabul: actor <- incident -> Kabul <- incident -> actor.
    let first = &paths[0];
    assert_eq!(first["hops"], 4, "{first}");
    assert_eq!(first["nodes"][2]["label"], "Kabul, AF", "{first}");
    // Aliases resolve to the same actor and the same paths.
    assert_eq!(json_of(db, &["path", "ISIS", "Taliban", "--format", "json"]), value);
    // No connection within 3 hops.
    assert_eq!(
        json_of(db, &["path", "Islamic State", "Taliban", "--max-hops", "3", "--format", "json"]),
        Value::Array(vec![])
    );
    let table = run_ok(&mut ckg_db(db, &["path", "Islamic State", "Taliban", "--max-hops", "3", "--format", "table"]));
    assert!(table.contains("no path between"), "{table}");
}

#[test]
fn path_through_a_parent_group_is_one_hop_and_limit_caps_the_paths() {
    let (_dir, db) = articles_store();
    let db = db.as_path();
    let value = json_of(db, &["path", "Islamic State Khorasan Province", "Islamic State", "--format", "json"]);
    let paths = value.as_array().unwrap();
    assert_paths_well_formed(paths, "Islamic State Khorasan Province", "Islamic State");
    assert_eq!(paths[0]["hops"], 1);
    assert_eq!(paths[0]["steps"][0]["types"], serde_json::json!(["PART_OF"]));
    let one = json_of(db, &["path", "Islamic State", "Taliban", "--limit", "1", "--format", "json"]);
    assert_eq!(one.as_array().unwrap().len(), 1);
}

#[test]
fn path_formats_table_csv_and_dot() {
    let (_dir, db) = articles_store();
    let db = db.as_path();
    let args = ["path", "Islamic State", "Taliban", "--format"];
    let table = run_ok(ckg_db(db, &args).arg("table"));
    assert!(table.starts_with("path 1 (4 hops):\n  Islamic State [actor]\n"), "{table}");
    assert!(table.contains("<-CLAIMED_BY- ") && table.contains("-OCCURRED_AT-> Kabul, AF [location]"), "{table}");
    let csv = run_ok(ckg_db(db, &args).arg("csv"));
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("path,hops,step,edge,node_id,kind,label"));
    assert!(lines.next().unwrap().starts_with("1,4,0,,actor:"), "{csv}");
    let dot = run_ok(ckg_db(db, &args).arg("dot"));
    assert!(dot.contains("label=\"Taliban\"") && dot.contains("label=\"CLAIMED_BY\""), "{dot}");
    assert!(dot.contains("subgraph \"cluster_country_AF\""), "places not clustered by country:\n{dot}");
    assert!(dot.contains("subgraph cluster_legend"), "no legend:\n{dot}");
    check_dot(&dot);
}

#[test]
fn path_errors_name_the_problem() {
    let (_dir, db) = articles_store();
    let db = db.as_path();
    let err = run_err(&mut ckg_db(db, &["path", "Islamic Stat", "Taliban"]));
    assert!(err.contains("no actor named \"Islamic Stat\"") && err.contains("Islamic State"), "{err}");
    let err = run_err(&mut ckg_db(db, &["path", "Islamic State", "Taliban", "--max-hops", "0"]));
    assert!(err.contains("hops must be between 1 and 12"), "{err}");
    let missing = tempfile::tempdir().unwrap();
    let err = run_err(&mut ckg_db(&missing.path().join("none.db"), &["path", "A", "B"]));
    assert!(err.contains("no store"), "{err}");
}

#[test]
fn neighbors_lists_incidents_then_places_and_co_actors() {
    let (_dir, db) = articles_store();
    let db = db.as_path();
    let one = json_of(db, &["neighbors", "Taliban", "--hops", "1", "--format", "json"]);
    assert_eq!(one["center"][0]["label"], "Taliban");
    let nodes = one["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 3, "{one}");
    assert!(nodes.iter().all(|n| n["kind"] == "incident" && n["hops"] == 1), "{one}");
    // The same incidents as `ckg incidents --actor Taliban`.
    let incidents = json_of(db, &["incidents", "--actor", "Taliban", "--format", "json"]);
    let expected: BTreeSet<&str> = incidents.as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap()).collect();
    let found: BTreeSet<&str> = nodes.iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert_eq!(found, expected);

    let two = json_of(db, &["neighbors", "Taliban", "--hops", "2", "--kind", "place", "--format", "json"]);
    let places: Vec<(&str, u64)> = two["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["label"].as_str().unwrap(), n["links"].as_u64().unwrap()))
        .collect();
    assert_eq!(places, [("Kabul, AF", 2), ("Kandahar, AF", 1)], "{two}");
}

#[test]
fn neighbors_of_a_place_and_of_an_incident_id_in_every_format() {
    let (_dir, db) = articles_store();
    let db = db.as_path();
    let table = run_ok(&mut ckg_db(db, &["neighbors", "Kabul", "--hops", "2", "--format", "table"]));
    assert!(table.starts_with("Kabul, AF [location, location:"), "{table}");
    assert!(table.contains("Islamic State") && table.contains("Afghanistan"), "{table}");
    let csv = run_ok(&mut ckg_db(db, &["neighbors", "Kabul", "--format", "csv"]));
    assert!(csv.starts_with("hops,links,kind,id,label\n1,"), "{csv}");
    let dot = run_ok(&mut ckg_db(db, &["neighbors", "Kabul", "--hops", "2", "--format", "dot"]));
    assert!(dot.contains("label=\"OCCURRED_AT\""), "{dot}");
    check_dot(&dot);

    let one = json_of(db, &["neighbors", "Kabul", "--format", "json"]);
    let incident = one["nodes"].as_array().unwrap().iter().find(|n| n["kind"] == "incident").unwrap();
    let id = incident["id"].as_str().unwrap();
    let around = json_of(db, &["neighbors", id, "--format", "json"]);
    assert_eq!(around["center"][0]["id"], id);
    assert!(around["nodes"].as_array().unwrap().iter().any(|n| n["label"] == "Kabul, AF"), "{around}");

    let err = run_err(&mut ckg_db(db, &["neighbors", "Kabull"]));
    assert!(err.contains("no actor or place named") && err.contains("Kabul"), "{err}");
}

/// (incidents, killed) of `ckg incidents` with `args`, per `period` of the start date.
fn expected_timeline(db: &Path, args: &[&str], period: usize) -> BTreeMap<String, (u64, u64)> {
    let mut all = vec!["incidents", "--format", "json"];
    all.extend_from_slice(args);
    let mut out: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for i in json_of(db, &all).as_array().unwrap() {
        let key = i["date"]["start"].as_str().map(|d| d[..period].to_string()).unwrap_or_else(|| "undated".into());
        let slot = out.entry(key).or_default();
        slot.0 += 1;
        slot.1 += i["killed"].as_u64().unwrap_or(0);
    }
    out
}

fn timeline_of(db: &Path, args: &[&str]) -> BTreeMap<String, (u64, u64)> {
    let mut all = vec!["timeline", "--format", "json"];
    all.extend_from_slice(args);
    let rows = json_of(db, &all);
    let rows = rows.as_array().unwrap();
    let periods: Vec<&str> = rows.iter().map(|r| r["period"].as_str().unwrap()).collect();
    let mut sorted = periods.clone();
    sorted.sort();
    assert_eq!(periods, sorted, "periods not in order");
    let pairs = rows.iter().map(|r| {
        let n = |k: &str| r[k].as_u64().unwrap();
        (r["period"].as_str().unwrap().to_string(), (n("incidents"), n("killed")))
    });
    pairs.collect()
}

#[test]
fn timeline_counts_incidents_and_killed_per_period() {
    let (_dir, db) = articles_store();
    let db = db.as_path();
    let years = timeline_of(db, &["--by", "year"]);
    assert_eq!(years, expected_timeline(db, &[], 4));
    let total: u64 = years.values().map(|v| v.0).sum();
    assert_eq!(total, stats_json(db)["nodes"]["Incident"].as_u64().unwrap());
    let months = timeline_of(db, &["--actor", "ISIS", "--by", "month"]);
    assert_eq!(months, expected_timeline(db, &["--actor", "Islamic State"], 7));
    assert!(months.keys().all(|k| k.len() == 7), "{months:?}");
    let both = timeline_of(db, &["--actor", "Taliban", "--place", "Kabul"]);
    assert_eq!(both, expected_timeline(db, &["--actor", "Taliban", "--place", "Kabul"], 7));
    assert_eq!(both.values().map(|v| v.0).sum::<u64>(), 2, "{both:?}");

    let csv = run_ok(&mut ckg_db(db, &["timeline", "--by", "year", "--format", "csv"]));
    assert!(csv.starts_with("period,incidents,killed\n"), "{csv}");
    let table = run_ok(&mut ckg_db(db, &["timeline", "--by", "year", "--format", "table"]));
    assert!(table.starts_with("PERIOD") && table.lines().last().unwrap().starts_with("total"), "{table}");
}

#[test]
fn top_ranks_responsible_actors_and_places() {
    let (_dir, db) = articles_store();
    let db = db.as_path();
    // Expected from `ckg incidents`: named perpetrators, claimants and those blamed, once per incident.
    let incidents = json_of(db, &["incidents", "--format", "json"]);
    let mut expected: BTreeMap<String, u64> = BTreeMap::new();
    for i in incidents.as_array().unwrap() {
        let mut names = BTreeSet::new();
        for role in ["perpetrators", "claimed_by", "attributed_to"] {
            names.extend(i[role].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap().to_string()));
        }
        for name in names {
            *expected.entry(name).or_default() += 1;
        }
    }
    let top = json_of(db, &["top", "actors", "--limit", "100", "--format", "json"]);
    let rows = top.as_array().unwrap();
    assert_eq!(rows[0]["name"], "Islamic State", "{top}");
    for (n, row) in rows.iter().enumerate() {
        assert_eq!(row["rank"], n as u64 + 1);
        assert_eq!(Some(&row["incidents"].as_u64().unwrap()), expected.get(row["name"].as_str().unwrap()), "{row}");
    }
    let counts: Vec<u64> = rows.iter().map(|r| r["incidents"].as_u64().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");

    let places = json_of(db, &["top", "places", "--by", "killed", "--limit", "3", "--format", "json"]);
    let killed: Vec<u64> = places.as_array().unwrap().iter().map(|r| r["killed"].as_u64().unwrap()).collect();
    assert_eq!(killed.len(), 3);
    assert!(killed.windows(2).all(|w| w[0] >= w[1]), "{places}");

    let nigeria = json_of(
        db,
        &["top", "actors", "--place", "Nigeria", "--from", "2014-01-01", "--to", "2030-12-31", "--format", "json"],
    );
    assert_eq!(nigeria[0]["name"], "Boko Haram", "{nigeria}");
    assert!(nigeria.as_array().unwrap().iter().all(|r| r["name"] != "Taliban"), "{nigeria}");
    let none = json_of(db, &["top", "actors", "--from", "2030-01-01", "--format", "json"]);
    assert_eq!(none, Value::Array(vec![]));
    let err = run_err(&mut ckg_db(db, &["top", "actors", "--from", "May 2021"]));
    assert!(err.contains("--from \"May 2021\": expected a date as YYYY-MM-DD"), "{err}");
    let csv = run_ok(&mut ckg_db(db, &["top", "places", "--format", "csv"]));
    assert!(csv.starts_with("rank,id,name,kind,country,incidents,killed\n1,location:"), "{csv}");
}

#[test]
fn export_dot_has_clusters_legend_and_incident_colours_and_renders() {
    let (_dir, db) = articles_store();
    let db = db.as_path();
    let dot = export_dot(db, &[]);
    for cc in ["AF", "NG", "SO"] {
        assert!(dot.contains(&format!("subgraph \"cluster_country_{cc}\"")), "no {cc} cluster:\n{dot}");
    }
    assert!(dot.contains("\"legend:Actor\"") && dot.contains("\"legend:incident:bombing\""), "{dot}");
    assert!(dot.contains(&format!(
        "fillcolor=\"{}\"",
        ckg::export::dot::incident_colour(ckg::model::IncidentType::Kidnapping)
    )));
    check_dot(&dot);

    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("all.svg");
    // Without GraphViz on PATH: a clear message, no file.
    let mut cmd = ckg_db(db, &["export", "dot", "--render", "svg"]);
    let err = run_err(cmd.arg(&svg).env("PATH", dir.path()));
    assert!(err.contains("graphviz `dot` not found; install graphviz"), "{err}");
    assert!(!svg.exists());
    let err = run_err(&mut ckg_db(db, &["export", "dot", "--render", "svg"]));
    assert!(err.contains("--render needs an output file"), "{err}");
    if dot_available() {
        run_ok(ckg_db(db, &["export", "dot", "--actor", "Taliban", "--render", "svg"]).arg(&svg));
        assert!(std::fs::read_to_string(&svg).unwrap().contains("<svg"), "no SVG written");
        let png = dir.path().join("all.png");
        run_ok(ckg_db(db, &["export", "dot", "--render", "png"]).arg(&png));
        assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"), "no PNG written");
    }
}

/// A store loaded from hand-written JSON lines whose names DOT and XML must escape:
/// two actors who both attacked one town.
fn awkward_store(dir: &Path) -> std::path::PathBuf {
    let actor = |id: &str, name: &str| {
        let props =
            serde_json::json!({"name": name, "kind": "armed_group", "aliases": [], "country": null, "unnamed": false});
        serde_json::json!({"type": "node", "id": id, "kind": "actor", "props": props})
    };
    let town = serde_json::json!({"name": "Town \"<X>\"\\\nNorth", "country": "N\"G<>", "admin1": null,
        "lat": 12.345678901234567, "lon": -0.1, "precision": "point", "geonameid": null});
    let incident = |id: &str, summary: &str| {
        let props = serde_json::json!({"kind": "bombing", "summary": summary, "date": null, "killed": 3,
            "injured": null, "captured": null, "weapons": []});
        serde_json::json!({"type": "node", "id": id, "kind": "incident", "props": props})
    };
    let edge = |src: &str, kind: &str, dst: &str| {
        let props = serde_json::json!({"mention": "a \"<mention>\"", "by": null, "mode": null, "victim": false, "evidence": []});
        serde_json::json!({"type": "edge", "src": src, "kind": kind, "dst": dst, "props": props})
    };
    let name = |name: &str, node: &str| serde_json::json!({"type": "name", "name": name, "node": node});
    let (a, b, l) = ("actor:00000000000000a1", "actor:00000000000000b2", "location:00000000000000c3");
    let (i1, i2) = ("incident:00000000000000d4", "incident:00000000000000e5");
    let lines = [
        actor(a, "Al \"Quoted\" Front"),
        actor(b, "Back\\slash <Brigade>\nNew & Line"),
        serde_json::json!({"type": "node", "id": l, "kind": "location", "props": town}),
        incident(i1, "A \"test\" <incident>\nwith \\ odd text"),
        incident(i2, "Another {odd} | <record> \\"),
        edge(i1, "PERPETRATED_BY", a),
        edge(i2, "PERPETRATED_BY", b),
        edge(i1, "OCCURRED_AT", l),
        edge(i2, "OCCURRED_AT", l),
        name("al quoted front", a),
        name("back slash brigade new line", b),
        name("town x north", l),
    ];
    let text: String = lines.iter().map(|v| format!("{v}\n")).collect();
    let file = dir.join("awkward.jsonl");
    std::fs::write(&file, text).unwrap();
    let db = dir.join("awkward.db");
    run_ok(ckg_db(&db, &["import", "jsonl"]).arg(&file));
    assert_check_ok(&db);
    db
}

#[test]
fn dot_of_path_neighbors_and_export_escapes_quotes_backslashes_newlines_and_brackets() {
    let dir = tempfile::tempdir().unwrap();
    let db = awkward_store(dir.path());
    let db = db.as_path();
    let paths = json_of(db, &["path", "Al \"Quoted\" Front", "Back\\slash <Brigade> New & Line", "--format", "json"]);
    assert_eq!(paths[0]["hops"], 4, "{paths}");
    assert_eq!(paths[0]["nodes"][2]["label"], "Town \"<X>\"\\\nNorth, N\"G<>", "{paths}");
    let dot = run_ok(&mut ckg_db(db, &["path", "al quoted front", "back slash brigade new line", "--format", "dot"]));
    assert!(dot.contains(r#"label="Al \"Quoted\" Front""#), "{dot}");
    assert!(dot.contains(r#"label="Back\\slash <Brigade>\nNew & Line""#), "{dot}");
    assert!(dot.contains(r#"subgraph "cluster_country_N\"G<>""#), "{dot}");
    assert!(!dot.contains("\nNew & Line") && !dot.contains("\nwith \\"), "raw newline in a label:\n{dot}");
    check_dot(&dot);
    let dot = run_ok(&mut ckg_db(db, &["neighbors", "Town X North", "--hops", "2", "--format", "dot"]));
    assert!(dot.contains(r#"A \"test\" <incident>\nwith \\ odd text"#), "{dot}");
    check_dot(&dot);
    check_dot(&export_dot(db, &[]));
    let table = run_ok(&mut ckg_db(db, &["neighbors", "Al \"Quoted\" Front", "--hops", "4", "--format", "table"]));
    assert!(table.contains("Back\\slash <Brigade> New & Line"), "{table}");
}

/// `actors_within` (key-only scans) against the same question answered from
/// full incident records: who shares an incident with whom.
#[test]
fn actors_within_matches_incident_records() {
    use ckg::model::{IncidentRecord, NodeId, NodeKind};
    let (_dir, db) = articles_store();
    let store = ckg::Store::open(&db).unwrap();
    let everyone = |rec: &IncidentRecord| -> BTreeSet<String> {
        let roles =
            [&rec.perpetrators, &rec.targets, &rec.victims, &rec.claimed_by, &rec.attributed_to, &rec.denied_by];
        roles.into_iter().flatten().map(|a| a.name.clone()).collect()
    };
    let records: Vec<IncidentRecord> =
        store.ids_of_kind(NodeKind::Incident).map(|id| store.incident_record(id.unwrap()).unwrap().unwrap()).collect();
    let seed = ckg::query::resolve_actor(&store, "Islamic State").unwrap()[0];
    let names = |ids: &ckg::model::IdSet| -> BTreeSet<String> {
        ids.iter().map(|id: &NodeId| store.node(*id).unwrap().unwrap().label()).collect()
    };
    let one_hop = names(&ckg::query::traverse::actors_within(&store, seed, 1).unwrap());
    let mut expected: BTreeSet<String> =
        records.iter().map(everyone).filter(|names| names.contains("Islamic State")).flatten().collect();
    expected.remove("Islamic State");
    // Unnamed actors are one node per incident but may share a label, so compare labels.
    assert!(!expected.is_empty(), "Islamic State shares no incident in the sample articles");
    assert_eq!(one_hop, expected);
    let two_hops = names(&ckg::query::traverse::actors_within(&store, seed, 2).unwrap());
    assert!(two_hops.is_superset(&one_hop), "{two_hops:?} lacks some of {one_hop:?}");
    // Unnamed actors ("people") are one node per incident, so only named ones
    // (those in the name index) lead on to other incidents.
    let named: BTreeSet<&String> =
        one_hop.iter().filter(|n| !store.lookup_name(n, Some(NodeKind::Actor)).unwrap().is_empty()).collect();
    assert!(named.len() >= 2, "{named:?}");
    let via: BTreeSet<String> = records
        .iter()
        .map(everyone)
        .filter(|names| names.iter().any(|n| named.contains(n)))
        .flatten()
        .filter(|n| n != "Islamic State")
        .collect();
    assert_eq!(two_hops, via.union(&one_hop).cloned().collect::<BTreeSet<_>>());
}
