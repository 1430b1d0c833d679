//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  ckg ingest data/articles                      ingest every .txt article in a directory
  ckg ingest report.txt --published 2021-05-08  ingest plain text with its publication date
  ckg claims \"Islamic State\"                    incidents the group (or a branch) claimed
  ckg incidents --place Borno --from 2021-01-01 --format csv
  ckg actor ISWAP --format json
  ckg export dot --actor Taliban > taliban.dot && dot -Tsvg taliban.dot > taliban.svg
  ckg --db /data/ckg.db stats

The store is the directory given by --db, or $CKG_DB, or ./ckg.db.";

#[derive(Parser, Debug)]
#[command(name = "ckg", version, about = "ckg: a conflict-event knowledge graph (articles in, graph in sled, questions out)", after_help = EXAMPLES)]
pub struct Cli {
    /// Store directory.
    #[arg(long, global = true, env = "CKG_DB", default_value = "ckg.db")]
    pub db: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Extract incidents from articles (files or directories of .txt files) and store them.
    Ingest {
        /// Files or directories.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        text: TextArgs,
    },
    /// Print what ckg would extract from one article, without storing it.
    Extract {
        /// Article file, or - for stdin.
        input: String,
        #[command(flatten)]
        text: TextArgs,
        /// Read JSON lines {"id","text","published","title"} and write one result per line.
        #[arg(long)]
        batch: bool,
        #[arg(long, value_enum)]
        format: Option<Format>,
    },
    /// Incidents an actor (any alias, or any branch PART_OF it) claimed.
    Claims {
        actor: String,
        #[arg(long, value_enum)]
        format: Option<Format>,
    },
    /// Incidents, filtered by actor, place, dates and type.
    Incidents {
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long, value_enum)]
        format: Option<Format>,
    },
    /// An actor's profile: aliases, kind, incidents by role, co-occurring actors.
    Actor {
        name: String,
        #[arg(long, value_enum)]
        format: Option<Format>,
    },
    /// Counts of nodes and edges by kind.
    Stats {
        #[arg(long, value_enum)]
        format: Option<Format>,
    },
    /// Verify the store: edges, indexes, articles and counters.
    Check,
    /// Export the graph.
    #[command(subcommand)]
    Export(ExportCommand),
}

#[derive(Subcommand, Debug)]
pub enum ExportCommand {
    /// GraphViz DOT of the whole graph, an actor's neighbourhood, or one incident.
    Dot {
        #[arg(long, conflicts_with = "incident")]
        actor: Option<String>,
        /// Incident id as printed by other commands (incident:0123456789abcdef).
        #[arg(long)]
        incident: Option<String>,
        /// Write to this file instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

#[derive(Args, Debug, Clone, Default)]
pub struct TextArgs {
    /// Publication date for plain text (YYYY-MM-DD or RFC 3339); relative dates resolve against it.
    #[arg(long)]
    pub published: Option<String>,
    /// Title for plain text.
    #[arg(long)]
    pub title: Option<String>,
}

#[derive(Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Actor in any role (name or alias; branches included).
    #[arg(long)]
    pub actor: Option<String>,
    /// Place; a country or province includes the places inside it.
    #[arg(long)]
    pub place: Option<String>,
    /// Earliest start date, YYYY-MM-DD.
    #[arg(long)]
    pub from: Option<String>,
    /// Latest start date, YYYY-MM-DD.
    #[arg(long)]
    pub to: Option<String>,
    /// Incident type (bombing, armed_assault, kidnapping, ...).
    #[arg(long = "type")]
    pub kind: Option<String>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
}
