//! Query language tests.
//!
//! Golden tests: each `tests/queries/NAME.cypher` runs against a store built
//! from `data/articles`, and its result must equal `tests/queries/NAME.expected`
//! (JSON: `{"columns", "rows"}`, plus `"warnings"` when there are any, or
//! `{"error"}`). Bless mode rewrites the expectations after a deliberate change:
//!
//! ```sh
//! CKG_BLESS=1 cargo test --test queries
//! ```
//!
//! Also: error positions, limits, the CLI (`ckg query`, `ckg shell`, DOT
//! through `dot -Tsvg`), and a property test that feeds random and mutated
//! queries to the parser and planner (`CKG_PROP_CASES` sets its case count).

use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use ckg::query::cypher::{self, Limits};
use ckg::{Error, Store};
use serde_json::{Value as Json, json};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The store built from `data/articles`, shared by every test in this file.
fn fixture() -> &'static Store {
    static STORE: OnceLock<(tempfile::TempDir, Store)> = OnceLock::new();
    &STORE
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("tempdir");
            let store = Store::open(dir.path().join("db")).expect("open store");
            for path in article_paths() {
                let text = fs::read_to_string(&path).expect("read article");
                store.ingest_article(&text, None).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            }
            store.flush().expect("flush");
            (dir, store)
        })
        .1
}

fn article_paths() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(root().join("data/articles"))
        .expect("data/articles")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
}

/// What a golden file records for a query.
fn outcome(store: &Store, text: &str) -> Json {
    match cypher::query(store, text, &Limits::default()) {
        Ok(result) => {
            let mut obj = json!({ "columns": result.columns, "rows": result.to_json() });
            if !result.warnings.is_empty() {
                obj["warnings"] = json!(result.warnings);
            }
            obj
        }
        Err(e) => json!({ "error": e.to_string() }),
    }
}

fn golden_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(root().join("tests/queries"))
        .expect("tests/queries")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "cypher"))
        .collect();
    files.sort();
    files
}

#[test]
fn golden_queries() {
    let bless = std::env::var_os("CKG_BLESS").is_some_and(|v| v != "0" && !v.is_empty());
    let store = fixture();
    let files = golden_files();
    assert!(files.len() >= 40, "expected at least 40 golden queries, found {}", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("read query");
        let got = outcome(store, &text);
        let expected_path = file.with_extension("expected");
        let rendered = serde_json::to_string_pretty(&got).expect("json") + "\n";
        if bless {
            if fs::read_to_string(&expected_path).ok().as_deref() != Some(rendered.as_str()) {
                fs::write(&expected_path, &rendered).expect("write expectation");
                eprintln!("blessed {}", expected_path.display());
            }
            continue;
        }
        let expected: Option<Json> =
            fs::read_to_string(&expected_path).ok().and_then(|s| serde_json::from_str(&s).ok());
        if expected.as_ref() != Some(&got) {
            failures.push(format!(
                "{}:\n--- expected\n{}\n--- got\n{}",
                file.display(),
                expected.map_or("(missing or not JSON)".to_string(), |e| serde_json::to_string_pretty(&e).unwrap()),
                rendered
            ));
        }
    }
    check_stale_expectations(&files, bless);
    assert!(
        failures.is_empty(),
        "{} of {} golden queries differ (run `CKG_BLESS=1 cargo test --test queries` if the change is intended):\n\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

/// An expectation without its query is an error (or, blessing, removed).
fn check_stale_expectations(files: &[PathBuf], bless: bool) {
    for entry in fs::read_dir(root().join("tests/queries")).expect("tests/queries") {
        let path = entry.expect("dir entry").path();
        if path.extension().is_some_and(|x| x == "expected") && !files.contains(&path.with_extension("cypher")) {
            if bless {
                fs::remove_file(&path).expect("remove stale expectation");
            } else {
                panic!("{} has no .cypher next to it", path.display());
            }
        }
    }
}

fn query_error(text: &str) -> (usize, usize, String) {
    match cypher::query(fixture(), text, &Limits::default()) {
        Err(Error::Query { line, column, message }) => (line, column, message),
        other => panic!("expected a query error for {text:?}, got {other:?}"),
    }
}

#[test]
fn parse_errors_have_positions_and_say_what_was_expected() {
    let cases: [(&str, usize, usize, &str); 14] = [
        ("MATCH (a:Actor RETURN a", 1, 16, "expected `:Label`, `{properties}` or `)`"),
        (
            "MATCH (a)\nWHERE a.name = 'x'\nRETRUN a",
            3,
            1,
            "expected MATCH, OPTIONAL MATCH, UNWIND, WHERE, WITH or RETURN",
        ),
        ("MATCH (a)-[:CLAIMED_BY->(b) RETURN a", 1, 23, "expected `]`"),
        ("MATCH (a)<-[r]->(b) RETURN a", 1, 10, "a relationship points one way or none"),
        ("MATCH (a) RETURN a.", 1, 20, "expected a property name after `.`"),
        ("RETURN 'abc", 1, 8, "expected ' to close the string"),
        ("MATCH (a) WHERE RETURN a", 1, 17, "expected an expression, found `RETURN`"),
        ("", 1, 1, "expected MATCH, OPTIONAL MATCH, UNWIND, WITH or RETURN, found end of query"),
        ("MATCH (a) RETURN a LIMIT -1", 1, 26, "expected a non-negative integer after LIMIT"),
        ("MATCH (a)\n  RETURN count(DISTINCT)", 2, 24, "expected an expression"),
        ("MATCH (a) RETURN a MATCH (b)", 1, 20, "expected end of query after RETURN"),
        ("MATCH (a) WITH a.name RETURN a", 1, 16, "expected `AS name` after `a.name` in WITH"),
        ("MATCH (a)-[*3..1]->(b) RETURN a", 1, 10, "expected a minimum length (3) no greater than the maximum (1)"),
        ("MATCH (a) RETURN a @", 1, 20, "unexpected character '@'"),
    ];
    for (text, line, column, message) in cases {
        let (l, c, m) = query_error(text);
        assert_eq!((l, c), (line, column), "{text:?}: {m}");
        assert!(m.contains(message), "{text:?}: {m:?} should contain {message:?}");
    }
}

#[test]
fn schema_errors_name_what_exists() {
    let (l, c, m) = query_error("MATCH (a:Actor)\nRETURN a.nmae");
    assert_eq!((l, c), (2, 8));
    assert!(m.contains("Actor has no property `nmae`: expected one of id, name"), "{m}");
    let (_, c, m) = query_error("MATCH (a:Actr) RETURN a");
    assert_eq!(c, 10);
    assert!(m.contains("unknown label `Actr`: expected one of Actor, Incident"), "{m}");
    let (_, _, m) = query_error("MATCH (a)-[:CLAIMD]->(b) RETURN a");
    assert!(m.contains("unknown relationship type `CLAIMD`: expected one of PERPETRATED_BY"), "{m}");
    let (_, c, m) = query_error("MATCH (a) RETURN b");
    assert_eq!(c, 18);
    assert!(m.contains("unknown variable `b`"), "{m}");
    let (_, _, m) = query_error("MATCH (a) WHERE count(a) > 1 RETURN a");
    assert!(m.contains("count() aggregates rows"), "{m}");
    let (_, _, m) = query_error("RETURN nosuch(1)");
    assert!(m.contains("unknown function `nosuch`"), "{m}");
    let (_, _, m) = query_error("RETURN date('May 2019')");
    assert!(m.contains("expected a date as YYYY-MM-DD"), "{m}");
}

#[test]
fn max_rows_stops_big_results() {
    let limits = Limits { max_rows: 10, timeout: Duration::from_secs(30) };
    let err = cypher::query(fixture(), "MATCH (a), (b) RETURN a, b", &limits).unwrap_err();
    assert!(matches!(&err, Error::LimitExceeded(m) if m.contains("more than 10 rows")), "{err}");
    // Holding rows for ORDER BY counts too, even with a small LIMIT.
    let err = cypher::query(fixture(), "MATCH (a), (b) RETURN a, b ORDER BY a LIMIT 1", &limits).unwrap_err();
    assert!(matches!(err, Error::LimitExceeded(_)));
    // collect() counts what it holds.
    let err = cypher::query(fixture(), "MATCH (a), (b) RETURN collect(b)", &limits).unwrap_err();
    assert!(matches!(err, Error::LimitExceeded(_)));
    // Streaming with LIMIT and aggregation into few groups stay within it.
    assert_eq!(cypher::query(fixture(), "MATCH (a), (b) RETURN a, b LIMIT 10", &limits).unwrap().len(), 10);
    let r = cypher::query(fixture(), "MATCH (a), (b) RETURN count(*) AS n", &limits).unwrap();
    assert!(r.rows[0][0].as_i64().unwrap() > 10_000);
}

#[test]
fn timeout_stops_explosive_paths() {
    let limits = Limits { max_rows: 100_000, timeout: Duration::from_millis(300) };
    let started = std::time::Instant::now();
    let err =
        cypher::query(fixture(), "MATCH (a)-[*1..30]-(b), (c)-[*1..30]-(d) RETURN count(*)", &limits).unwrap_err();
    assert!(matches!(&err, Error::LimitExceeded(m) if m.contains("--timeout")), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
}

#[test]
fn store_query_returns_typed_rows() {
    let r = fixture()
        .query("MATCH (a:Actor {name: 'ISIS'}) RETURN a, a.name AS name, size(a.aliases) > 0 AS has_aliases")
        .unwrap();
    assert_eq!(r.columns, ["a", "name", "has_aliases"]);
    assert_eq!(r.get(0, "name").and_then(|v| v.as_str()), Some("Islamic State"));
    assert_eq!(r.get(0, "has_aliases").and_then(|v| v.as_bool()), Some(true));
    let id = r.get(0, "a").and_then(|v| v.as_node()).unwrap();
    assert!(matches!(r.node(id), Some(ckg::model::Node::Actor(a)) if a.name == "Islamic State"));
}

#[test]
fn name_patterns_use_aliases_but_equality_uses_the_canonical_name() {
    let by_alias = fixture().query("MATCH (a:Actor {name: 'Daesh'}) RETURN a.name").unwrap();
    assert_eq!(by_alias.len(), 1);
    let by_equality = fixture().query("MATCH (a:Actor) WHERE a.name = 'Daesh' RETURN a.name").unwrap();
    assert!(by_equality.is_empty());
}

#[test]
fn query_graph_holds_every_matched_element() {
    let text =
        "MATCH (a:Actor {name: 'Islamic State'})<-[:CLAIMED_BY]-(i:Incident)-[:OCCURRED_AT]->(l) RETURN count(*)";
    let (result, view) = cypher::query_graph(fixture(), text, &Limits::default()).unwrap();
    let n = result.rows[0][0].as_i64().unwrap() as usize;
    assert!(n > 0);
    // One actor, n incidents (at most) and places, 2 relationships per row.
    assert!(view.graph.edge_count() > n, "{} edges for {n} rows", view.graph.edge_count());
    assert!(view.node_count() >= 3);
}

#[path = "queries/cli.rs"]
mod cli;
#[path = "queries/props.rs"]
mod props;
