//! One function per subcommand; each opens the store, asks the library, prints.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use ckg::model::IncidentType;
use ckg::query::{self, IncidentFilter};
use ckg::{Store, StoreConfig};

use crate::args::{Cli, Command, DictCommand, DictFormat, ExportCommand, FilterArgs, Format};
use crate::{ingest, output};

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Ingest { paths, text } => ingest::run(&cli.db, &paths, &text),
        Command::Import { dataset, files, .. } if dataset == "jsonl" => {
            crate::export_cmd::import_jsonl(&cli.db, &files)
        }
        Command::Import { dataset, files, reject_file, cameo, batch, cache_mb, json } => {
            let args = crate::import_cmd::ImportArgs {
                dataset: &dataset,
                files: &files,
                reject_file: reject_file.as_deref(),
                cameo: cameo.as_deref(),
                batch,
                cache_mb,
                json,
            };
            crate::import_cmd::import(&cli.db, &args)
        }
        Command::Gen { incidents, seed, actors, output } => {
            crate::import_cmd::generate(incidents, seed, actors, output.as_deref())
        }
        Command::Extract { input, text, batch, format } => ingest::extract(&input, &text, batch, format),
        Command::Claims { actor, format } => {
            let store = open_existing(&cli.db)?;
            let records = query::claims(&store, &actor)?;
            output::incidents(&records, format_or_default(format))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Incidents { filter, format } => {
            let store = open_existing(&cli.db)?;
            let records = query::incidents(&store, &to_filter(&filter)?)?;
            output::incidents(&records, format_or_default(format))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Actor { name, format } => {
            let store = open_existing(&cli.db)?;
            let profile = query::actor_profile(&store, &name)?;
            output::profile(&profile, format_or_default(format))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Stats { format } => {
            let store = open_existing(&cli.db)?;
            output::stats(&store.stats()?, format_or_default(format))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check => check(&cli.db),
        Command::Compact => compact(&cli.db),
        Command::Migrate => {
            let report = Store::migrate(&cli.db, &StoreConfig::default())?;
            if report.from == report.to {
                println!("{}: already at schema version {}; nothing to do", cli.db.display(), report.to);
            } else {
                println!(
                    "migrated {} from schema version {} to {}: {} edges packed into {} out-lists",
                    cli.db.display(),
                    report.from,
                    report.to,
                    report.edges,
                    report.lists
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Dict(DictCommand::Import { format: DictFormat::Phoenix, files }) => import_phoenix(&cli.db, &files),
        Command::Query(args) => crate::query_cmd::run(&cli.db, &args),
        Command::Shell(args) => crate::shell::run(&cli.db, &args),
        Command::Eval { dataset, file, limit, format, show } => crate::eval::run(dataset, &file, limit, format, show),
        Command::Export(ExportCommand::Dot { actor, incident, output, render, out }) => {
            crate::export_cmd::dot(&cli.db, &crate::export_cmd::Pick { actor, incident }, output.or(out), render)
        }
        Command::Export(ExportCommand::Jsonl { output }) => crate::export_cmd::jsonl(&cli.db, output),
        Command::Export(ExportCommand::Graphml { actor, incident, output }) => {
            crate::export_cmd::graphml(&cli.db, &crate::export_cmd::Pick { actor, incident }, output)
        }
        Command::Path(args) => crate::traverse_cmd::path(&cli.db, &args),
        Command::Neighbors(args) => crate::traverse_cmd::neighbors(&cli.db, &args),
        Command::Timeline(args) => crate::traverse_cmd::timeline(&cli.db, &args),
        Command::Top(args) => crate::traverse_cmd::top(&cli.db, &args),
    }
}

/// Opens a store that must already exist (queries never create one).
pub fn open_existing(path: &std::path::Path) -> Result<Store> {
    let config = StoreConfig { must_exist: true, ..StoreConfig::default() };
    Ok(Store::open_with(path, &config)?)
}

/// Tables on a terminal, JSON in a pipe.
pub fn format_or_default(format: Option<Format>) -> Format {
    format.unwrap_or(if io::stdout().is_terminal() { Format::Table } else { Format::Json })
}

fn to_filter(args: &FilterArgs) -> Result<IncidentFilter> {
    let date = |value: &Option<String>, flag: &str| -> Result<Option<chrono::NaiveDate>> {
        match value {
            None => Ok(None),
            Some(v) => match chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d") {
                Ok(d) => Ok(Some(d)),
                Err(_) => bail!("--{flag} {v:?}: expected a date as YYYY-MM-DD"),
            },
        }
    };
    let kind = match &args.kind {
        None => None,
        Some(k) => Some(IncidentType::parse(k).with_context(|| {
            let all: Vec<&str> = IncidentType::ALL.iter().map(|t| t.as_str()).collect();
            format!("--type {k:?}: expected one of {}", all.join(", "))
        })?),
    };
    Ok(IncidentFilter {
        actor: args.actor.clone(),
        place: args.place.clone(),
        from: date(&args.from, "from")?,
        to: date(&args.to, "to")?,
        kind,
    })
}

/// Copies the store to `DB.compacting`, then swaps the directories; the original
/// is removed only once the copy is complete and in place.
fn compact(db: &std::path::Path) -> Result<ExitCode> {
    let sibling = |suffix: &str| {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        std::path::PathBuf::from(name)
    };
    let (copy, old) = (sibling(".compacting"), sibling(".pre-compact"));
    for leftover in [&copy, &old] {
        anyhow::ensure!(
            !leftover.exists(),
            "{} exists (an interrupted compaction?); remove it first",
            leftover.display()
        );
    }
    let before = dir_size(db);
    let report = open_existing(db)?.compact_into(&copy)?;
    std::fs::rename(db, &old).with_context(|| format!("renaming {} to {}", db.display(), old.display()))?;
    std::fs::rename(&copy, db).with_context(|| format!("renaming {} to {}", copy.display(), db.display()))?;
    std::fs::remove_dir_all(&old).with_context(|| format!("removing {}", old.display()))?;
    let after = dir_size(db);
    let mib = |b: u64| b as f64 / (1024.0 * 1024.0);
    println!(
        "compacted {}: {} keys ({:.1} MiB of keys and values); {:.1} MiB on disk before, {:.1} MiB after",
        db.display(),
        report.keys,
        mib(report.bytes),
        mib(before),
        mib(after)
    );
    Ok(ExitCode::SUCCESS)
}

/// Bytes of the files under `dir`.
fn dir_size(dir: &std::path::Path) -> u64 {
    let entries = std::fs::read_dir(dir).into_iter().flatten().flatten();
    entries
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_size(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

fn check(db: &std::path::Path) -> Result<ExitCode> {
    let store = open_existing(db)?;
    let report = store.check()?;
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "checked {} nodes, {} edges (both directions), {} name index entries, {} date index entries, {} articles (completion markers and REPORTED_IN counts), and node/edge counters",
        report.nodes, report.edges, report.name_entries, report.date_entries, report.articles
    )?;
    if report.is_ok() {
        writeln!(out, "ok: no dangling edge, no stale index entry, no half-ingested article")?;
        return Ok(ExitCode::SUCCESS);
    }
    for problem in &report.problems {
        writeln!(out, "problem: {problem}")?;
    }
    bail!("check found {} problem(s)", report.problems.len())
}

fn import_phoenix(db: &std::path::Path, files: &[std::path::PathBuf]) -> Result<ExitCode> {
    let store = Store::open(db)?;
    let gazetteer = ckg::extract::Extractor::shared();
    for file in files {
        let text = std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
        let entries = ckg::extract::phoenix::parse(&text, &file.display().to_string(), gazetteer.gazetteer())?;
        let added = store.import_dictionary(&entries)?;
        eprintln!("{}: {} entries ({added} new)", file.display(), entries.len());
    }
    store.flush()?;
    Ok(ExitCode::SUCCESS)
}
