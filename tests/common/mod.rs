//! Helpers shared by the end-to-end tests: run the real `ckg` binary against
//! stores in temporary directories.
#![allow(dead_code)] // each test binary uses its own subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The seed article the acceptance criteria are written against.
pub const SEED: &str = "../shared/seeds/000_5bc27b648cea28ae.txt";

/// `ckg` with a clean environment: no `CKG_DB` inherited from the caller.
pub fn ckg() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ckg"));
    cmd.env_remove("CKG_DB").stdin(Stdio::null());
    cmd
}

/// `ckg --db DB ARGS...`.
pub fn ckg_db(db: &Path, args: &[&str]) -> Command {
    let mut cmd = ckg();
    cmd.arg("--db").arg(db).args(args);
    cmd
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs `cmd`, asserts it succeeded, and returns its stdout.
pub fn run_ok(cmd: &mut Command) -> String {
    let out = cmd.output().expect("cannot run ckg");
    assert!(
        out.status.success(),
        "{cmd:?} failed with {}\nstdout:\n{}\nstderr:\n{}",
        out.status,
        stdout(&out),
        stderr(&out)
    );
    stdout(&out)
}

/// Runs `cmd`, asserts it failed with a one-line reason and no panic, and returns stderr.
pub fn run_err(cmd: &mut Command) -> String {
    let out = cmd.output().expect("cannot run ckg");
    let err = stderr(&out);
    assert!(!out.status.success(), "{cmd:?} should have failed\nstdout:\n{}\nstderr:\n{err}", stdout(&out));
    assert!(!err.contains("panicked"), "{cmd:?} panicked:\n{err}");
    assert!(err.starts_with("error: "), "{cmd:?}: no error line:\n{err}");
    err
}

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn articles_dir() -> PathBuf {
    manifest_dir().join("data/articles")
}

/// `ckg --db DB ingest PATHS...`, asserting success; returns stderr (the per-file report).
pub fn ingest(db: &Path, paths: &[&Path]) -> String {
    let mut cmd = ckg_db(db, &["ingest"]);
    cmd.args(paths);
    let out = cmd.output().expect("cannot run ckg ingest");
    assert!(out.status.success(), "{cmd:?} failed with {}\nstderr:\n{}", out.status, stderr(&out));
    stderr(&out)
}

/// A fresh store holding the bundled sample articles.
pub fn articles_store() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ckg.db");
    ingest(&db, &[&articles_dir()]);
    (dir, db)
}

pub fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// `ckg stats --format json` as a value.
pub fn stats_json(db: &Path) -> Value {
    json(&run_ok(&mut ckg_db(db, &["stats", "--format", "json"])))
}

/// Asserts `ckg check` passes on `db` and reports what it checked; returns its stdout.
pub fn assert_check_ok(db: &Path) -> String {
    let out = run_ok(&mut ckg_db(db, &["check"]));
    assert!(out.contains("checked "), "check did not say what it checked:\n{out}");
    for what in ["nodes", "edges", "index entries", "articles"] {
        assert!(out.contains(what), "check did not mention {what}:\n{out}");
    }
    assert!(out.contains("ok"), "check did not report ok:\n{out}");
    out
}

/// The seed article, or None (with a note) when ../shared is absent.
/// With `CKG_REQUIRE_SHARED=1` a missing seed is a failure.
pub fn seed() -> Option<PathBuf> {
    let path = manifest_dir().join(SEED);
    if path.is_file() {
        return Some(path);
    }
    if std::env::var("CKG_REQUIRE_SHARED").is_ok_and(|v| v == "1") {
        panic!("CKG_REQUIRE_SHARED=1 but {} is missing", path.display());
    }
    eprintln!("note: {} not found; skipping seed test", path.display());
    None
}

/// Whether GraphViz `dot` is on PATH. With `CKG_REQUIRE_DOT=1` a missing `dot` is a failure.
pub fn dot_available() -> bool {
    let found =
        Command::new("dot").arg("-V").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success());
    if !found {
        if std::env::var("CKG_REQUIRE_DOT").is_ok_and(|v| v == "1") {
            panic!("CKG_REQUIRE_DOT=1 but GraphViz `dot` is not on PATH");
        }
        eprintln!("note: GraphViz `dot` not on PATH; skipping the dot -Tsvg check");
    }
    found
}

/// Asserts `dot -Tsvg` accepts `dot_text` and produces an SVG.
pub fn assert_dot_accepts(dot_text: &str) {
    use std::io::Write;
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot run dot");
    let mut stdin = child.stdin.take().unwrap();
    let text = dot_text.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().expect("cannot write to dot");
    assert!(
        // Warnings (fonts, layout) are fine; errors are not.
        out.status.success() && !stderr(&out).to_lowercase().contains("error"),
        "dot -Tsvg rejected the export ({}):\n{}\n--- DOT ---\n{dot_text}",
        out.status,
        stderr(&out)
    );
    assert!(stdout(&out).contains("<svg"), "dot produced no SVG");
}

/// `ckg export dot` of `db` (extra args such as `--actor NAME`), checked for basic shape.
pub fn export_dot(db: &Path, extra: &[&str]) -> String {
    let mut cmd = ckg_db(db, &["export", "dot"]);
    cmd.args(extra);
    let dot = run_ok(&mut cmd);
    assert!(dot.trim_start().starts_with("digraph"), "not DOT:\n{dot}");
    assert!(dot.trim_end().ends_with('}'), "DOT not closed:\n{dot}");
    dot
}
