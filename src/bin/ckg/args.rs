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
  ckg path \"Islamic State\" Taliban           how two actors connect, shortest first
  ckg neighbors Kabul --hops 2 --format dot | dot -Tsvg > kabul.svg
  ckg timeline --actor ISWAP --by year          incidents and deaths per year
  ckg top actors --place Borno --by killed
  ckg export jsonl -o dump.jsonl && ckg --db copy.db import jsonl dump.jsonl
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
    /// Import dataset files (CSV/TSV, plain or .gz): acled, ucdp, gdelt, icews, or gen (`ckg gen` output).
    Import {
        /// acled | ucdp | gdelt | icews | gen, or jsonl (a `ckg export jsonl` dump)
        dataset: String,
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Write every rejected row here (file:line, tab, reason).
        #[arg(long)]
        reject_file: Option<PathBuf>,
        /// GDELT: a cameoCodes.json naming all CAMEO codes (a curated table is built in).
        #[arg(long)]
        cameo: Option<PathBuf>,
        /// Rows per transaction.
        #[arg(long, default_value_t = 2000)]
        batch: usize,
        /// sled page cache in MiB.
        #[arg(long, default_value_t = 64)]
        cache_mb: u64,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write a synthetic dataset (ACLED columns plus claimed_by) for scale tests; import with `ckg import gen`.
    Gen {
        #[arg(long, default_value_t = 10_000)]
        incidents: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Size of the actor pool.
        #[arg(long, default_value_t = 3000)]
        actors: usize,
        /// Output file (.gz compresses); stdout when absent.
        #[arg(short, long)]
        output: Option<PathBuf>,
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
    /// Rewrite the store in key order into a fresh directory and swap it in (smaller on disk)
    Compact,
    /// Upgrade a store written by an older ckg to this build's schema, in place
    Migrate,
    /// Run a query (a read-only openCypher subset; see docs/query-language.md).
    Query(crate::query_cmd::QueryArgs),
    /// Interactive query shell with history and tab completion.
    Shell(crate::shell::ShellArgs),
    /// How two actors connect (shared incidents, places, parent groups), shortest paths first.
    Path(crate::traverse_cmd::PathArgs),
    /// Actors, places and incidents within K hops of an actor or place.
    Neighbors(crate::traverse_cmd::NeighborsArgs),
    /// Incidents and people killed per month or year, for an actor or place.
    Timeline(crate::traverse_cmd::TimelineArgs),
    /// The most active actors or places, by incidents or people killed.
    Top(crate::traverse_cmd::TopArgs),
    /// Score extraction against a gold file (see EVAL.md): GTD JSON lines, ACLED CSV or MUC-4 JSON.
    Eval {
        #[arg(value_enum)]
        dataset: EvalDataset,
        /// The gold file, e.g. ../shared/eval/gtd-2021h1-dev.jsonl.
        file: PathBuf,
        /// Use only the first N rows (documents).
        #[arg(long)]
        limit: Option<usize>,
        #[arg(long, value_enum, default_value = "table")]
        format: EvalFormat,
        /// List the N worst-scored and the N slowest examples.
        #[arg(long, default_value_t = 10)]
        show: usize,
    },
    /// Export the graph.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Actor dictionaries: add aliases from Phoenix/PETRARCH files to the store.
    #[command(subcommand)]
    Dict(DictCommand),
}

#[derive(Subcommand, Debug)]
pub enum DictCommand {
    /// Import a dictionary file; its actors and aliases join the name index and later extraction.
    Import {
        #[arg(value_enum)]
        format: DictFormat,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DictFormat {
    /// Phoenix/PETRARCH (TABARI) `.actors` files.
    Phoenix,
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
        /// Render with GraphViz `dot` (Debian package graphviz) into OUT instead of writing DOT.
        #[arg(long, value_enum)]
        render: Option<crate::export_cmd::RenderFormat>,
        /// The output file (same as --output).
        #[arg(value_name = "OUT", conflicts_with = "output")]
        out: Option<PathBuf>,
    },
    /// The whole store as JSON lines (every node, edge and index entry); `ckg import jsonl` loads it back.
    Jsonl {
        /// Write to this file instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// GraphML (for Gephi and other tools) of the whole graph, an actor's neighbourhood, or one incident.
    Graphml {
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

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvalDataset {
    Gtd,
    Acled,
    Muc4,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvalFormat {
    Table,
    Json,
}
