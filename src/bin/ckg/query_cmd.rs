//! `ckg query`: runs a query and prints the rows as a table, JSON, CSV, or
//! the matched subgraph as GraphViz DOT.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use ckg::Store;
use ckg::export::dot;
use ckg::query::cypher::{self, Limits, QueryResult, Value};
use clap::{Args, ValueEnum};

use crate::commands::open_existing;

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryFormat {
    Table,
    Json,
    Csv,
    /// The matched subgraph as GraphViz DOT.
    Dot,
}

#[derive(Args, Debug, Clone)]
pub struct LimitArgs {
    /// Most rows a query may return, or hold at once for ORDER BY, DISTINCT, grouping and collect().
    #[arg(long, default_value_t = 100_000)]
    pub max_rows: usize,
    /// Seconds a query may run before it is stopped.
    #[arg(long, default_value_t = 30.0)]
    pub timeout: f64,
}

impl LimitArgs {
    pub fn limits(&self) -> Result<Limits> {
        if !(self.timeout > 0.0 && self.timeout.is_finite()) {
            bail!("--timeout {}: expected a positive number of seconds", self.timeout);
        }
        Ok(Limits { max_rows: self.max_rows, timeout: Duration::from_secs_f64(self.timeout) })
    }
}

#[derive(Args, Debug)]
pub struct QueryArgs {
    /// The query, e.g. 'MATCH (a:Actor {name: "ISIS"})<-[:CLAIMED_BY]-(i) RETURN i.date, i.type'.
    #[arg(required_unless_present = "file", conflicts_with = "file")]
    pub query: Option<String>,
    /// Read the query from a file (- for standard input).
    #[arg(short = 'f', long = "file")]
    pub file: Option<PathBuf>,
    /// Output format (default: table on a terminal, JSON otherwise).
    #[arg(long, value_enum)]
    pub format: Option<QueryFormat>,
    #[command(flatten)]
    pub limits: LimitArgs,
}

pub fn run(db: &Path, args: &QueryArgs) -> Result<ExitCode> {
    let text = match (&args.query, &args.file) {
        (Some(q), _) => q.clone(),
        (None, Some(path)) if path.as_os_str() == "-" => {
            let mut s = String::new();
            io::stdin().read_to_string(&mut s).context("cannot read the query from standard input")?;
            s
        }
        (None, Some(path)) => {
            std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?
        }
        (None, None) => bail!("expected a query or -f FILE"),
    };
    let store = open_existing(db)?;
    let format = args.format.unwrap_or(if io::stdout().is_terminal() { QueryFormat::Table } else { QueryFormat::Json });
    let mut out = io::BufWriter::new(io::stdout().lock());
    execute(&store, &text, format, &args.limits.limits()?, &mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `text` and writes the result in `format`; warnings go to stderr.
pub fn execute(store: &Store, text: &str, format: QueryFormat, limits: &Limits, out: &mut dyn Write) -> Result<()> {
    if format == QueryFormat::Dot {
        let (result, view) = cypher::query_graph(store, text, limits)?;
        warn(&result);
        dot::write_dot(store, &view, out)?;
        return Ok(());
    }
    let result = cypher::query(store, text, limits)?;
    warn(&result);
    print(&result, format, out)
}

fn warn(result: &QueryResult) {
    for w in &result.warnings {
        eprintln!("warning: {w}");
    }
}

pub fn print(result: &QueryResult, format: QueryFormat, out: &mut dyn Write) -> Result<()> {
    match format {
        QueryFormat::Json | QueryFormat::Dot => {
            serde_json::to_writer_pretty(&mut *out, &result.to_json())?;
            writeln!(out)?;
        }
        QueryFormat::Csv => {
            let header: Vec<String> = result.columns.iter().map(|c| csv_escape(c)).collect();
            writeln!(out, "{}", header.join(","))?;
            for row in &result.rows {
                let fields: Vec<String> = row.iter().map(|v| csv_escape(&cell(result, v))).collect();
                writeln!(out, "{}", fields.join(","))?;
            }
        }
        QueryFormat::Table => table(result, out)?,
    }
    Ok(())
}

/// Text of a value in a table or CSV cell: null is empty.
fn cell(result: &QueryResult, v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        other => result.text(other),
    }
}

fn csv_escape(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// Widest a table column gets before its cells are clipped.
const MAX_WIDTH: usize = 60;

fn table(result: &QueryResult, out: &mut dyn Write) -> Result<()> {
    let cells: Vec<Vec<String>> = result
        .rows
        .iter()
        .map(|row| row.iter().map(|v| clip(&cell(result, v).replace(['\n', '\r', '\t'], " "))).collect())
        .collect();
    let mut widths: Vec<usize> = result.columns.iter().map(|c| c.chars().count().min(MAX_WIDTH)).collect();
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |items: &[String]| -> String {
        let padded: Vec<String> = items.iter().zip(&widths).map(|(s, w)| format!("{s:<w$}")).collect();
        padded.join(" | ").trim_end().to_string()
    };
    let header: Vec<String> = result.columns.iter().map(|c| clip(c)).collect();
    writeln!(out, "{}", line(&header))?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    writeln!(out, "{}", rule.join("-+-"))?;
    for row in &cells {
        writeln!(out, "{}", line(row))?;
    }
    writeln!(out, "{} row(s)", result.len())?;
    Ok(())
}

fn clip(text: &str) -> String {
    if text.chars().count() <= MAX_WIDTH {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX_WIDTH - 3).collect();
    format!("{cut}...")
}
