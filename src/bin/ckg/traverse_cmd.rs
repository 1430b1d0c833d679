//! `ckg path`, `ckg neighbors`, `ckg timeline` and `ckg top`: traversals for
//! the common questions, printed as a table, JSON, CSV or (path, neighbors) DOT.

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};
use ckg::export::dot;
use ckg::query::traverse::{
    self, ActorPath, Neighborhood, Period, TimelineRow, TopBy, TopFilter, TopRow, TopWhat, TraverseOptions,
};
use clap::{Args, ValueEnum};

use crate::args::Format;
use crate::commands::{format_or_default, open_existing};

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphFormat {
    Table,
    Json,
    Csv,
    /// The nodes and edges found, as GraphViz DOT.
    Dot,
}

#[derive(Args, Debug)]
pub struct PathArgs {
    /// One actor (name or alias).
    pub from: String,
    /// The other actor.
    pub to: String,
    /// Longest path, in edges (actor-incident-actor is 2).
    #[arg(long, default_value_t = 6)]
    pub max_hops: usize,
    /// Most paths to print.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Stop when the search has loaded this many nodes.
    #[arg(long, default_value_t = 2_000_000)]
    pub max_nodes: usize,
    /// Output format (default: table on a terminal, JSON otherwise).
    #[arg(long, value_enum)]
    pub format: Option<GraphFormat>,
}

#[derive(Args, Debug)]
pub struct NeighborsArgs {
    /// An actor or place (name or alias), or a node id such as incident:0123456789abcdef.
    pub name: String,
    /// How far to look, in edges.
    #[arg(long, default_value_t = 1)]
    pub hops: usize,
    /// List only nodes of this kind (--format dot still draws the whole neighbourhood).
    #[arg(long, value_enum)]
    pub kind: Option<NodeKindArg>,
    /// Stop when the search has loaded this many nodes.
    #[arg(long, default_value_t = 2_000_000)]
    pub max_nodes: usize,
    #[arg(long, value_enum)]
    pub format: Option<GraphFormat>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKindArg {
    Actor,
    Place,
    Incident,
}

#[derive(Args, Debug)]
pub struct TimelineArgs {
    /// Only incidents of this actor (any role; branches included).
    #[arg(long)]
    pub actor: Option<String>,
    /// Only incidents in this place or the places inside it.
    #[arg(long)]
    pub place: Option<String>,
    #[arg(long, value_enum, default_value = "month")]
    pub by: PeriodArg,
    #[arg(long, value_enum)]
    pub format: Option<Format>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodArg {
    Month,
    Year,
}

#[derive(Args, Debug)]
pub struct TopArgs {
    /// What to rank: actors (perpetrators, claimants, those blamed) or places.
    #[arg(value_enum)]
    pub what: TopWhatArg,
    /// Only incidents in this place or the places inside it.
    #[arg(long)]
    pub place: Option<String>,
    /// Earliest start date, YYYY-MM-DD.
    #[arg(long)]
    pub from: Option<String>,
    /// Latest start date, YYYY-MM-DD.
    #[arg(long)]
    pub to: Option<String>,
    #[arg(long, value_enum, default_value = "incidents")]
    pub by: TopByArg,
    /// Most rows to print.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[arg(long, value_enum)]
    pub format: Option<Format>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TopWhatArg {
    Actors,
    Places,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TopByArg {
    Incidents,
    Killed,
}

fn graph_format(format: Option<GraphFormat>) -> GraphFormat {
    format.unwrap_or(if io::stdout().is_terminal() { GraphFormat::Table } else { GraphFormat::Json })
}

pub fn path(db: &Path, args: &PathArgs) -> Result<ExitCode> {
    let store = open_existing(db)?;
    let options = TraverseOptions { max_hops: args.max_hops, limit: args.limit, max_nodes: args.max_nodes };
    let paths = traverse::path(&store, &args.from, &args.to, &options)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    match graph_format(args.format) {
        GraphFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &paths)?;
            writeln!(out)?;
        }
        GraphFormat::Csv => paths_csv(&paths, &mut out)?,
        GraphFormat::Dot => dot::write_dot(&store, &traverse::paths_view(&paths), &mut out)?,
        GraphFormat::Table if paths.is_empty() => {
            writeln!(out, "no path between {:?} and {:?} within {} hops", args.from, args.to, args.max_hops)?
        }
        GraphFormat::Table => paths_table(&paths, &mut out)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `-KIND->` or `<-KIND-`, for the step from `nodes[i]` to `nodes[i + 1]`.
fn arrow(path: &ActorPath, i: usize) -> String {
    let step = &path.steps[i];
    let kinds: Vec<&str> = step.kinds.iter().map(|k| k.as_str()).collect();
    if step.from == path.nodes[i].id { format!("-{}->", kinds.join("|")) } else { format!("<-{}-", kinds.join("|")) }
}

fn paths_table(paths: &[ActorPath], out: &mut dyn Write) -> Result<()> {
    for (n, p) in paths.iter().enumerate() {
        writeln!(out, "path {} ({} hop{}):", n + 1, p.hops, if p.hops == 1 { "" } else { "s" })?;
        for (i, node) in p.nodes.iter().enumerate() {
            let via = if i == 0 { String::new() } else { format!("{} ", arrow(p, i - 1)) };
            writeln!(out, "  {via}{} [{}]", one_line(&node.label), node.kind.as_str())?;
        }
    }
    writeln!(out, "{} path(s)", paths.len())?;
    Ok(())
}

fn paths_csv(paths: &[ActorPath], out: &mut dyn Write) -> Result<()> {
    writeln!(out, "path,hops,step,edge,node_id,kind,label")?;
    for (n, p) in paths.iter().enumerate() {
        for (i, node) in p.nodes.iter().enumerate() {
            let edge = if i == 0 { String::new() } else { arrow(p, i - 1) };
            let fields = [&edge, &node.id.to_string(), node.kind.as_str(), &node.label].map(csv_escape);
            writeln!(out, "{},{},{i},{}", n + 1, p.hops, fields.join(","))?;
        }
    }
    Ok(())
}

pub fn neighbors(db: &Path, args: &NeighborsArgs) -> Result<ExitCode> {
    let store = open_existing(db)?;
    let mut found = traverse::neighbors(&store, &args.name, args.hops, args.max_nodes)?;
    if let Some(kind) = args.kind {
        let wanted = match kind {
            NodeKindArg::Actor => ckg::model::NodeKind::Actor,
            NodeKindArg::Place => ckg::model::NodeKind::Location,
            NodeKindArg::Incident => ckg::model::NodeKind::Incident,
        };
        found.nodes.retain(|n| n.node.kind == wanted);
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    match graph_format(args.format) {
        GraphFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &found)?;
            writeln!(out)?;
        }
        GraphFormat::Csv => {
            writeln!(out, "hops,links,kind,id,label")?;
            for n in &found.nodes {
                let (id, label) = (n.node.id.to_string(), csv_escape(&n.node.label));
                writeln!(out, "{},{},{},{id},{label}", n.hops, n.links, n.node.kind.as_str())?;
            }
        }
        GraphFormat::Dot => dot::write_dot(&store, &found.view, &mut out)?,
        GraphFormat::Table => neighbors_table(&found, &mut out)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn neighbors_table(found: &Neighborhood, out: &mut dyn Write) -> Result<()> {
    for c in &found.center {
        writeln!(out, "{} [{}, {}]", one_line(&c.label), c.kind.as_str(), c.id)?;
    }
    if found.nodes.is_empty() {
        writeln!(out, "nothing within {} hop(s)", found.hops)?;
        return Ok(());
    }
    writeln!(out, "{:>4} {:>5}  {:<9} LABEL", "HOPS", "LINKS", "KIND")?;
    for n in &found.nodes {
        writeln!(out, "{:>4} {:>5}  {:<9} {}", n.hops, n.links, n.node.kind.as_str(), one_line(&n.node.label))?;
    }
    writeln!(out, "{} node(s) within {} hop(s)", found.nodes.len(), found.hops)?;
    Ok(())
}

pub fn timeline(db: &Path, args: &TimelineArgs) -> Result<ExitCode> {
    let store = open_existing(db)?;
    let by = match args.by {
        PeriodArg::Month => Period::Month,
        PeriodArg::Year => Period::Year,
    };
    let rows = traverse::timeline(&store, args.actor.as_deref(), args.place.as_deref(), by)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format_or_default(args.format) {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        Format::Csv => {
            writeln!(out, "period,incidents,killed")?;
            for r in &rows {
                writeln!(out, "{},{},{}", r.period, r.incidents, r.killed)?;
            }
        }
        Format::Table => timeline_table(&rows, &mut out)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn timeline_table(rows: &[TimelineRow], out: &mut dyn Write) -> Result<()> {
    if rows.is_empty() {
        writeln!(out, "no incidents")?;
        return Ok(());
    }
    writeln!(out, "{:<8} {:>9} {:>8}", "PERIOD", "INCIDENTS", "KILLED")?;
    for r in rows {
        writeln!(out, "{:<8} {:>9} {:>8}", r.period, r.incidents, r.killed)?;
    }
    let (incidents, killed) = rows.iter().fold((0, 0), |(i, k), r| (i + r.incidents, k + r.killed));
    writeln!(out, "{:<8} {incidents:>9} {killed:>8}", "total")?;
    Ok(())
}

pub fn top(db: &Path, args: &TopArgs) -> Result<ExitCode> {
    let store = open_existing(db)?;
    let filter = TopFilter {
        place: args.place.clone(),
        from: date(args.from.as_deref(), "from")?,
        to: date(args.to.as_deref(), "to")?,
        by: match args.by {
            TopByArg::Incidents => TopBy::Incidents,
            TopByArg::Killed => TopBy::Killed,
        },
        limit: args.limit,
    };
    let what = match args.what {
        TopWhatArg::Actors => TopWhat::Actors,
        TopWhatArg::Places => TopWhat::Places,
    };
    let rows = traverse::top(&store, what, &filter)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format_or_default(args.format) {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        Format::Csv => {
            writeln!(out, "rank,id,name,kind,country,incidents,killed")?;
            for r in &rows {
                let country = r.country.as_deref().map(csv_escape).unwrap_or_default();
                let name = csv_escape(&r.name);
                writeln!(out, "{},{},{name},{},{country},{},{}", r.rank, r.id, r.kind, r.incidents, r.killed)?;
            }
        }
        Format::Table => top_table(&rows, &mut out)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn top_table(rows: &[TopRow], out: &mut dyn Write) -> Result<()> {
    if rows.is_empty() {
        writeln!(out, "no incidents")?;
        return Ok(());
    }
    writeln!(out, "{:>4}  {:<45} {:<14} {:<7} {:>9} {:>8}", "RANK", "NAME", "KIND", "COUNTRY", "INCIDENTS", "KILLED")?;
    for r in rows {
        let country = r.country.as_deref().unwrap_or("");
        let name = one_line(&r.name);
        writeln!(out, "{:>4}  {name:<45} {:<14} {country:<7} {:>9} {:>8}", r.rank, r.kind, r.incidents, r.killed)?;
    }
    Ok(())
}

fn date(value: Option<&str>, flag: &str) -> Result<Option<chrono::NaiveDate>> {
    match value {
        None => Ok(None),
        Some(v) => match chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d") {
            Ok(d) => Ok(Some(d)),
            Err(_) => bail!("--{flag} {v:?}: expected a date as YYYY-MM-DD"),
        },
    }
}

fn one_line(text: &str) -> String {
    text.replace(['\n', '\r', '\t'], " ")
}

fn csv_escape(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}
