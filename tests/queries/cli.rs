//! `ckg query` and `ckg shell` as a user runs them. One test, run in order,
//! because a sled store admits one process at a time.

use std::io::Write;
use std::path::Path;
use std::process::{Command as Process, Stdio};

use assert_cmd::Command;
use ckg::Store;
use ckg::model::{
    ActorKind, ActorRecord, Article, ExtractedArticle, GeoPrecision, IncidentRecord, IncidentType, Location,
    PlaceRecord,
};
use serde_json::Value as Json;

const EXAMPLE: &str = "MATCH (a:Actor {name: \"Islamic State\"})<-[:CLAIMED_BY]-(i:Incident)-[:OCCURRED_AT]->(l:Location) \
                       RETURN i.date, i.type, l.name, i.killed ORDER BY i.date";

fn ckg(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("ckg").expect("ckg binary");
    cmd.arg("--db").arg(db).env_remove("CKG_DB");
    cmd
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run ckg");
    assert!(out.status.success(), "ckg failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Runs `dot -Tsvg` on `text` when GraphViz is installed; false when it is not.
fn dot_accepts(text: &str) -> bool {
    let Ok(mut child) =
        Process::new("dot").arg("-Tsvg").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()
    else {
        assert!(std::env::var_os("CKG_REQUIRE_DOT").is_none(), "CKG_REQUIRE_DOT is set but `dot` cannot run");
        eprintln!("note: GraphViz `dot` not installed; DOT output not rendered");
        return false;
    };
    child.stdin.take().expect("stdin").write_all(text.as_bytes()).expect("write dot");
    let out = child.wait_with_output().expect("dot");
    assert!(out.status.success(), "dot rejected:\n{text}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("<svg"));
    true
}

#[test]
fn cli_query_and_shell() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("db");
    let articles = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles");
    ckg(&db).arg("ingest").arg(&articles).assert().success();

    // JSON: an array of objects keyed by the RETURN expressions.
    let out = stdout_of(ckg(&db).args(["query", EXAMPLE, "--format", "json"]));
    let rows: Json = serde_json::from_str(&out).expect("json output");
    let rows = rows.as_array().expect("array");
    assert!(!rows.is_empty());
    let keys: Vec<&String> = rows[0].as_object().expect("object").keys().collect();
    assert_eq!(keys, ["i.date", "i.type", "l.name", "i.killed"]);

    // CSV: the header, then one line per row.
    let out = stdout_of(ckg(&db).args(["query", EXAMPLE, "--format", "csv"]));
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("i.date,i.type,l.name,i.killed"));
    assert_eq!(lines.count(), rows.len());

    // Table, and a query read from a file.
    let file = dir.path().join("q.cypher");
    std::fs::write(&file, format!("// the example\n{EXAMPLE};\n")).expect("write query");
    let out = stdout_of(ckg(&db).args(["query", "--format", "table", "-f"]).arg(&file));
    assert!(out.contains("i.date") && out.contains(&format!("{} row(s)", rows.len())), "{out}");

    // Errors: exit code 1, line and column, what was expected.
    let out = ckg(&db).args(["query", "MATCH (a:Actor)\nRETURN a.nmae"]).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2, column 8") && err.contains("expected one of"), "{err}");

    // Limits from the command line.
    let out = ckg(&db).args(["query", "MATCH (a), (b) RETURN a, b", "--max-rows", "5"]).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--max-rows"));

    // DOT of the matched subgraph, which GraphViz accepts.
    let out = stdout_of(ckg(&db).args(["query", EXAMPLE, "--format", "dot"]));
    assert!(out.starts_with("digraph") && out.contains("CLAIMED_BY") && out.contains("OCCURRED_AT"), "{out}");
    dot_accepts(&out);
    let out = stdout_of(ckg(&db).args([
        "query",
        "MATCH p = shortestPath((a:Actor {name: 'Taliban'})-[*..6]-(b:Actor {name: 'Islamic State'})) RETURN p",
        "--format",
        "dot",
    ]));
    dot_accepts(&out);

    shell(&db, dir.path());
}

fn shell(db: &Path, dir: &Path) {
    let history = dir.join("history");
    let input = "MATCH (a:Actor {name: 'ISIS'})\nRETURN a.name AS name;\n:format json\n\
                 MATCH (a:Actor {name: 'ISIS'}) RETURN a.kind AS kind;\nMATCH (a:Actr) RETURN a;\n:help\n:quit\n";
    let out = ckg(db).arg("shell").env("CKG_HISTORY", &history).write_stdin(input).output().expect("run shell");
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("Islamic State") && stdout.contains("1 row(s)"), "{stdout}");
    assert!(stdout.contains("\"kind\": \"armed_group\""), "{stdout}");
    assert!(stdout.contains(":format table|json|csv"), "{stdout}");
    assert!(stderr.contains("unknown label `Actr`"), "{stderr}");
    let saved = std::fs::read_to_string(&history).expect("history file");
    assert!(saved.contains("RETURN a.kind AS kind;"), "{saved}");
}

/// An article whose actors and place have names DOT must escape.
fn awkward_article() -> ExtractedArticle {
    let names = ["Al \"Quoted\" Front", "Back\\slash <Brigade>", "New\nLine & Co", "Ends with \\"];
    let mut record = IncidentRecord {
        id: String::new(),
        kind: IncidentType::Bombing,
        summary: "A \"test\" <incident>\nwith \\ odd text".into(),
        date: None,
        places: Vec::new(),
        perpetrators: Vec::new(),
        targets: Vec::new(),
        victims: Vec::new(),
        claimed_by: Vec::new(),
        attributed_to: Vec::new(),
        denied_by: Vec::new(),
        killed: Some(3),
        injured: None,
        captured: None,
        weapons: Vec::new(),
        sources: Vec::new(),
    };
    for name in names {
        record.perpetrators.push(ActorRecord::new(name, name, ActorKind::ArmedGroup));
    }
    let place = Location {
        name: "Town \"<X>\"\\".into(),
        country: Some("NG".into()),
        admin1: None,
        lat: None,
        lon: None,
        precision: GeoPrecision::Point,
        geonameid: None,
    };
    record.places.push(PlaceRecord::from_chain(vec![place], None).expect("place"));
    ExtractedArticle {
        article: Article {
            title: "Odd \"names\" <test>".into(),
            url: None,
            source: None,
            author: None,
            published: None,
            content_hash: 42,
            byte_len: 1,
        },
        incidents: vec![record],
    }
}

#[test]
fn dot_output_escapes_awkward_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("db");
    {
        let store = Store::open(&db).expect("open");
        store.ingest(&awkward_article()).expect("ingest");
        store.flush().expect("flush");
    }
    let out = stdout_of(ckg(&db).args(["query", "MATCH (i:Incident)-[r]-(n) RETURN i, r, n", "--format", "dot"]));
    assert!(out.contains("Quoted") && out.contains("Brigade"), "{out}");
    dot_accepts(&out);
    let out = stdout_of(ckg(&db).args(["query", "MATCH (a:Actor) RETURN a.name ORDER BY a.name", "--format", "json"]));
    let rows: Json = serde_json::from_str(&out).expect("json");
    assert!(rows.as_array().is_some_and(|r| r.iter().any(|x| x["a.name"] == "New\nLine & Co")), "{out}");
}
