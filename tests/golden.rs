//! Golden tests for extraction: every article in `data/articles/` and
//! `tests/golden/input/` sits next to its expected extraction in
//! `tests/golden/<name>.json`. After an intended change, rewrite the
//! expectations with `CKG_BLESS=1 cargo test --test golden` and review the diff.

use std::fs;
use std::path::{Path, PathBuf};

use ckg::extract::Extractor;

fn inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [root.join("data/articles"), root.join("tests/golden/input")] {
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        files.extend(
            entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "txt")),
        );
    }
    files.sort();
    files
}

/// The extraction of `text` as pretty JSON, the same shape `ckg extract` prints.
fn extract_json(text: &str) -> String {
    let extracted = Extractor::shared().extract_article(text, None).expect("golden inputs carry a publication date");
    let value = serde_json::json!({
        "article": {"title": extracted.article.title, "published": extracted.article.published.map(|p| p.to_rfc3339()), "url": extracted.article.url},
        "incidents": extracted.incidents,
    });
    serde_json::to_string_pretty(&value).expect("serialises") + "\n"
}

#[test]
fn extraction_matches_golden_files() {
    let bless = std::env::var_os("CKG_BLESS").is_some();
    let golden_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut failures = Vec::new();
    let files = inputs();
    assert!(files.len() >= 12, "expected the sample articles, found {}", files.len());
    for input in files {
        let text = fs::read_to_string(&input).expect("readable input");
        let actual = extract_json(&text);
        let name = input.file_stem().expect("file name").to_string_lossy().to_string();
        let expected_path = golden_dir.join(format!("{name}.json"));
        if bless {
            fs::write(&expected_path, &actual).expect("write golden file");
            continue;
        }
        match fs::read_to_string(&expected_path) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => failures.push(format!(
                "{name}: differs from {}\n{}",
                expected_path.display(),
                first_difference(&expected, &actual)
            )),
            Err(_) => {
                failures.push(format!("{name}: no golden file {} (run with CKG_BLESS=1)", expected_path.display()))
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden mismatch(es); bless with CKG_BLESS=1 if intended:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn first_difference(expected: &str, actual: &str) -> String {
    for (n, (e, a)) in expected.lines().zip(actual.lines()).enumerate() {
        if e != a {
            return format!("  line {}:\n  - {e}\n  + {a}", n + 1);
        }
    }
    format!("  lengths differ: {} vs {} lines", expected.lines().count(), actual.lines().count())
}

#[test]
fn mentions_are_substrings_and_sources_are_sentences() {
    for input in inputs() {
        let text = fs::read_to_string(&input).expect("readable input");
        let extracted = Extractor::shared().extract_article(&text, None).expect("extracts");
        for incident in &extracted.incidents {
            for (role, actor) in incident.roles() {
                assert!(
                    text.contains(&actor.mention),
                    "{}: {role} mention {:?} is not in the text",
                    input.display(),
                    actor.mention
                );
            }
            for source in &incident.sources {
                let span = text.get(source.start as usize..source.end as usize);
                assert!(span.is_some_and(|s| !s.trim().is_empty()), "{}: bad source span {source:?}", input.display());
            }
        }
    }
}
