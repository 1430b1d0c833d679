//! Property tests: no input makes the parser, planner or executor panic.
//! `CKG_PROP_CASES` sets the number of cases per property (default 200);
//! `.ci/run` runs them in release with many more.

use std::time::Duration;

use ckg::query::cypher::{self, Limits};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

fn cases() -> u32 {
    std::env::var("CKG_PROP_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200)
}

fn config() -> ProptestConfig {
    ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() }
}

const TOKENS: [&str; 92] = [
    "MATCH",
    "OPTIONAL",
    "WHERE",
    "RETURN",
    "WITH",
    "UNWIND",
    "AS",
    "DISTINCT",
    "ORDER BY",
    "DESC",
    "SKIP",
    "LIMIT",
    "AND",
    "OR",
    "XOR",
    "NOT",
    "IN",
    "STARTS WITH",
    "ENDS WITH",
    "CONTAINS",
    "IS NULL",
    "IS NOT NULL",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ".",
    ":",
    ";",
    "|",
    "*",
    "..",
    "-",
    "->",
    "<-",
    "--",
    "=",
    "<>",
    "<",
    ">=",
    "+",
    "/",
    "%",
    "^",
    "=~",
    "a",
    "b",
    "i",
    "l",
    "p",
    "r",
    "Actor",
    "Incident",
    "Location",
    "Date",
    "Article",
    "CLAIMED_BY",
    "OCCURRED_AT",
    "LOCATED_IN",
    "PART_OF",
    "name",
    "date",
    "killed",
    "'ISIS'",
    "\"Kabul\"",
    "'Borno'",
    "0",
    "1",
    "3",
    "2.5",
    "-7",
    "9999999999999999999",
    "date('2021-01-01')",
    "within(i, 'Nigeria')",
    "count(*)",
    "collect(",
    "shortestPath(",
    "size(",
    "CASE",
    "WHEN",
    "THEN",
    "ELSE",
    "END",
    "null",
    "true",
    "`x`",
    "//c\n",
    "/*",
    "\\u00e9",
];

fn corpus() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/queries");
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .expect("tests/queries")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "cypher"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    out.sort();
    out
}

/// One edit of a query: what, where, how long, and a token to insert.
type Edit = (u8, usize, usize, &'static str);

fn mutate(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for &(kind, at, len, token) in edits {
        let at = if chars.is_empty() { 0 } else { at % (chars.len() + 1) };
        let end = (at + len % 12).min(chars.len());
        match kind % 4 {
            0 => {
                chars.drain(at..end);
            }
            1 => {
                let tok: Vec<char> = format!(" {token} ").chars().collect();
                chars.splice(at..at, tok);
            }
            2 => {
                chars.splice(at..end, token.chars());
            }
            _ => {
                let slice: Vec<char> = chars[at..end].to_vec();
                chars.splice(at..at, slice);
            }
        }
    }
    chars.into_iter().collect()
}

/// Parses, and when that works runs with tight limits: errors are fine, panics are not.
fn exercise(text: &str) {
    if cypher::parse(text).is_ok() {
        let limits = Limits { max_rows: 2_000, timeout: Duration::from_millis(200) };
        let _ = cypher::query(super::fixture(), text, &limits);
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn prop_parser_survives_random_text(text in "\\PC{0,160}") {
        let _ = cypher::parse(&text);
    }

    #[test]
    fn prop_parser_survives_token_soup(tokens in vec(select(&TOKENS[..]), 0..48)) {
        exercise(&tokens.join(" "));
    }

    #[test]
    fn prop_mutated_queries_never_panic(
        base in select(corpus()),
        edits in vec((any::<u8>(), any::<usize>(), any::<usize>(), select(&TOKENS[..])), 1..5),
    ) {
        exercise(&mutate(&base, &edits));
    }
}
