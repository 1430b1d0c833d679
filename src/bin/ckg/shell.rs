//! `ckg shell`: an interactive query prompt with history and completion.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use ckg::Store;
use ckg::model::{EdgeKind, Node, NodeKind};
use ckg::query::cypher::{self, LABELS, Limits};
use clap::Args;
use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::DefaultHistory;
use rustyline::validate::Validator;
use rustyline::{CompletionType, Config, Context, Editor, Helper};

use crate::commands::open_existing;
use crate::query_cmd::{self, LimitArgs, QueryFormat};

#[derive(Args, Debug)]
pub struct ShellArgs {
    /// Output format to start with (change it with :format).
    #[arg(long, value_enum, default_value = "table")]
    pub format: QueryFormat,
    #[command(flatten)]
    pub limits: LimitArgs,
}

const HELP: &str = "\
Type a query and end it with `;` (it may span lines). Tab completes labels
after `(x:`, relationship types after `[:`, names inside quotes, keywords and
functions.

  :help                      this text
  :format table|json|csv|dot how results are printed
  :quit                      leave (Ctrl-D works too)

Example:
  MATCH (a:Actor {name: \"Islamic State\"})<-[:CLAIMED_BY]-(i:Incident)
        -[:OCCURRED_AT]->(l:Location)
  RETURN i.date, i.type, l.name, i.killed ORDER BY i.date;

The language is described in docs/query-language.md.";

const KEYWORDS: [&str; 27] = [
    "MATCH",
    "OPTIONAL",
    "WHERE",
    "RETURN",
    "WITH",
    "UNWIND",
    "AS",
    "DISTINCT",
    "ORDER",
    "BY",
    "ASC",
    "DESC",
    "SKIP",
    "LIMIT",
    "AND",
    "OR",
    "XOR",
    "NOT",
    "IN",
    "STARTS",
    "ENDS",
    "CONTAINS",
    "IS",
    "NULL",
    "CASE",
    "shortestPath",
    "WHEN",
];

pub fn run(db: &Path, args: &ShellArgs) -> Result<ExitCode> {
    let store = open_existing(db)?;
    let limits = args.limits.limits()?;
    let config = Config::builder().completion_type(CompletionType::List).auto_add_history(false).build();
    let mut editor: Editor<ShellHelper, DefaultHistory> = Editor::with_config(config)?;
    editor.set_helper(Some(ShellHelper { names: names(&store)? }));
    let history = history_path(db);
    let _ = editor.load_history(&history);
    let mut format = args.format;
    eprintln!("ckg shell on {}: end queries with `;`, :help for help, :quit to leave", db.display());
    let mut buffer = String::new();
    loop {
        let prompt = if buffer.is_empty() { "ckg> " } else { "...> " };
        let line = match editor.readline(prompt) {
            Ok(line) => line,
            Err(ReadlineError::Interrupted) => {
                buffer.clear();
                continue;
            }
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(e.into()),
        };
        let trimmed = line.trim();
        if buffer.is_empty() && trimmed.starts_with(':') {
            let _ = editor.add_history_entry(trimmed);
            if !command(trimmed, &mut format) {
                break;
            }
            continue;
        }
        if trimmed.is_empty() && buffer.is_empty() {
            continue;
        }
        buffer.push_str(&line);
        buffer.push('\n');
        if trimmed.ends_with(';') {
            let text = std::mem::take(&mut buffer);
            let _ = editor.add_history_entry(text.trim());
            run_one(&store, &text, format, &limits);
        }
    }
    if let Err(e) = editor.save_history(&history) {
        eprintln!("warning: cannot save history to {}: {e}", history.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// `$CKG_HISTORY`, else `~/.ckg_history`, else a file in the store directory.
fn history_path(db: &Path) -> PathBuf {
    if let Some(p) = std::env::var_os("CKG_HISTORY") {
        return PathBuf::from(p);
    }
    match std::env::var_os("HOME") {
        Some(home) if !home.is_empty() => PathBuf::from(home).join(".ckg_history"),
        _ => db.join("shell_history"),
    }
}

/// Handles a `:command`; returns false to quit.
fn command(line: &str, format: &mut QueryFormat) -> bool {
    let mut words = line.split_whitespace();
    match words.next().unwrap_or("") {
        ":quit" | ":q" | ":exit" => return false,
        ":help" | ":h" | ":?" => println!("{HELP}"),
        ":format" => match words.next() {
            Some("table") => *format = QueryFormat::Table,
            Some("json") => *format = QueryFormat::Json,
            Some("csv") => *format = QueryFormat::Csv,
            Some("dot") => *format = QueryFormat::Dot,
            Some(other) => eprintln!("error: unknown format {other:?}: expected table, json, csv or dot"),
            None => println!("format: {}", format_name(*format)),
        },
        other => eprintln!("error: unknown command {other}: expected :help, :format or :quit"),
    }
    true
}

fn format_name(f: QueryFormat) -> &'static str {
    match f {
        QueryFormat::Table => "table",
        QueryFormat::Json => "json",
        QueryFormat::Csv => "csv",
        QueryFormat::Dot => "dot",
    }
}

fn run_one(store: &Store, text: &str, format: QueryFormat, limits: &Limits) {
    let mut out = io::stdout().lock();
    if let Err(e) = query_cmd::execute(store, text, format, limits, &mut out) {
        let _ = out.flush();
        eprintln!("error: {e:#}");
        if let Some(ckg::Error::Query { line, column, .. }) = e.downcast_ref::<ckg::Error>()
            && let Some(src) = text.lines().nth(line.saturating_sub(1))
        {
            eprintln!("  {src}\n  {}^", " ".repeat(column.saturating_sub(1)));
        }
    }
    let _ = out.flush();
}

/// Actor and place names (with aliases) for completion.
fn names(store: &Store) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for kind in [NodeKind::Actor, NodeKind::Location] {
        for id in store.ids_of_kind(kind) {
            match store.node(id?)? {
                Some(Node::Actor(a)) if !a.unnamed => {
                    names.push(a.name);
                    names.extend(a.aliases);
                }
                Some(Node::Location(l)) => names.push(l.name),
                _ => {}
            }
            if names.len() > 200_000 {
                break;
            }
        }
    }
    names.sort();
    names.dedup();
    Ok(names)
}

struct ShellHelper {
    names: Vec<String>,
}

impl ShellHelper {
    /// Start of the word being completed and the candidates for it.
    fn candidates(&self, line: &str, pos: usize) -> (usize, Vec<String>) {
        let before = &line[..pos];
        if let Some(q) = open_quote(before) {
            let typed = &before[q + 1..];
            let lower = typed.to_lowercase();
            let hits = self.names.iter().filter(|n| n.to_lowercase().starts_with(&lower)).take(50).cloned().collect();
            return (q + 1, hits);
        }
        let start = before.rfind(|c: char| !(c.is_alphanumeric() || c == '_')).map_or(0, |i| i + 1);
        let typed = &before[start..];
        let prev = before[..start].trim_end().chars().last();
        if before.starts_with(':') && start == 1 {
            let hits =
                ["help", "format", "quit"].iter().filter(|c| c.starts_with(typed)).map(|c| c.to_string()).collect();
            return (start, hits);
        }
        let pool: Vec<String> = match prev {
            Some(':') | Some('|') if in_brackets(&before[..start]) => {
                EdgeKind::ALL.iter().map(|k| k.as_str().to_string()).collect()
            }
            Some(':') => LABELS.iter().map(|(l, _)| l.to_string()).collect(),
            _ => KEYWORDS
                .iter()
                .map(|k| k.to_string())
                .chain(cypher::function_names().iter().map(|f| format!("{f}(")))
                .collect(),
        };
        let lower = typed.to_lowercase();
        let hits = pool.into_iter().filter(|c| c.to_lowercase().starts_with(&lower)).collect();
        (start, hits)
    }
}

/// Byte index of an unclosed quote before the cursor.
fn open_quote(text: &str) -> Option<usize> {
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        match (open, c) {
            (None, '"' | '\'') => open = Some((i, c)),
            (Some((_, q)), c) if c == q => open = None,
            _ => {}
        }
    }
    open.map(|(i, _)| i)
}

/// True when the last `[` before the cursor is not closed.
fn in_brackets(text: &str) -> bool {
    matches!((text.rfind('['), text.rfind(']')), (Some(a), b) if b.is_none_or(|b| b < a))
}

impl Completer for ShellHelper {
    type Candidate = Pair;

    fn complete(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<Pair>)> {
        let (start, hits) = self.candidates(line, pos);
        Ok((start, hits.into_iter().map(|h| Pair { display: h.clone(), replacement: h }).collect()))
    }
}

impl Hinter for ShellHelper {
    type Hint = String;
}

impl Highlighter for ShellHelper {}

impl Validator for ShellHelper {}

impl Helper for ShellHelper {}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete(line: &str) -> Vec<String> {
        let helper = ShellHelper { names: vec!["Islamic State".into(), "ISWAP".into(), "Kabul".into()] };
        helper.candidates(line, line.len()).1
    }

    #[test]
    fn completes_labels_types_names_and_keywords() {
        assert_eq!(complete("MATCH (a:Ac"), ["Actor"]);
        assert_eq!(complete("MATCH (a)-[:CLA"), ["CLAIMED_BY"]);
        assert_eq!(complete("MATCH (a)-[:CLAIMED_BY|ATT"), ["ATTRIBUTED_TO"]);
        assert_eq!(complete("MATCH (a {name: \"Isl"), ["Islamic State"]);
        assert!(complete("MATCH (a) RET").contains(&"RETURN".to_string()));
        assert!(complete("MATCH (a) WHERE with").contains(&"within(".to_string()));
        assert_eq!(complete(":fo"), ["format"]);
    }
}
