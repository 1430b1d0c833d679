//! `ckg import` and `ckg gen`.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use ckg::import::{self, Dataset, GenOptions, ImportHooks, ImportOptions, ImportSummary, Progress};
use ckg::{Store, StoreConfig};
use indicatif::{ProgressBar, ProgressStyle};

/// Rejected rows printed to stderr when there is no reject file.
const SHOWN_REJECTS: u64 = 10;

pub struct ImportArgs<'a> {
    pub dataset: &'a str,
    pub files: &'a [PathBuf],
    pub reject_file: Option<&'a Path>,
    pub cameo: Option<&'a Path>,
    pub batch: usize,
    pub cache_mb: u64,
    pub json: bool,
}

struct CliHooks {
    bar: Option<ProgressBar>,
    file: PathBuf,
    done_bytes: u64,
    file_bytes: u64,
    rejects: Option<(PathBuf, BufWriter<File>)>,
    rejected: u64,
}

impl ImportHooks for CliHooks {
    fn progress(&mut self, p: &Progress<'_>) {
        if p.file != self.file {
            self.done_bytes += self.file_bytes;
            self.file = p.file.to_path_buf();
            self.file_bytes = p.bytes_total;
        }
        if let Some(bar) = &self.bar {
            bar.set_position(self.done_bytes + p.bytes_read.min(p.bytes_total));
            bar.set_message(format!("{} rows", p.rows));
        }
    }

    fn reject(&mut self, reject: &ckg::Error) -> ckg::Result<()> {
        self.rejected += 1;
        let (location, reason) = match reject {
            ckg::Error::Input { location, message } => (location.clone(), message.clone()),
            other => (String::new(), other.to_string()),
        };
        let reason = reason.replace(['\t', '\n'], " ");
        match &mut self.rejects {
            Some((path, out)) => writeln!(out, "{location}\t{reason}").map_err(|e| ckg::Error::io(path.clone(), e)),
            None => {
                if self.rejected <= SHOWN_REJECTS {
                    let line = format!("rejected {location}: {reason}");
                    match &self.bar {
                        Some(bar) => bar.println(line),
                        None => eprintln!("{line}"),
                    }
                }
                Ok(())
            }
        }
    }
}

pub fn import(db: &Path, args: &ImportArgs<'_>) -> Result<ExitCode> {
    let Some(dataset) = Dataset::parse(args.dataset) else {
        let names: Vec<&str> = Dataset::ALL.iter().map(|d| d.name()).collect();
        bail!("unknown dataset {:?}: expected one of {}", args.dataset, names.join(", "));
    };
    for file in args.files {
        if !file.is_file() {
            bail!("{}: no such file", file.display());
        }
    }
    let config = StoreConfig { cache_bytes: args.cache_mb.max(8) * 1024 * 1024, ..StoreConfig::default() };
    let store = Store::open_with(db, &config)?;
    let rejects = match args.reject_file {
        Some(path) => {
            let file = File::create(path).with_context(|| format!("cannot create reject file {}", path.display()))?;
            let mut out = BufWriter::new(file);
            writeln!(out, "location\treason")?;
            Some((path.to_path_buf(), out))
        }
        None => None,
    };
    let total: u64 = args.files.iter().map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0)).sum();
    let mut hooks =
        CliHooks { bar: progress_bar(total), file: PathBuf::new(), done_bytes: 0, file_bytes: 0, rejects, rejected: 0 };
    let options = ImportOptions { batch_rows: args.batch.max(1), cameo: args.cameo.map(Path::to_path_buf) };
    let started = Instant::now();
    let summary = import::import_files(&store, dataset, args.files, &options, &mut hooks)?;
    let seconds = started.elapsed().as_secs_f64();
    if let Some(bar) = &hooks.bar {
        bar.finish_and_clear();
    }
    if let Some((path, out)) = &mut hooks.rejects {
        out.flush().with_context(|| format!("cannot write {}", path.display()))?;
    }
    report(&summary, seconds, &hooks, args.json)?;
    Ok(ExitCode::SUCCESS)
}

fn progress_bar(total: u64) -> Option<ProgressBar> {
    if !io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(total);
    let style = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {msg} (eta {eta})",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

fn report(summary: &ImportSummary, seconds: f64, hooks: &CliHooks, json: bool) -> Result<()> {
    let rate = summary.rows as f64 / seconds.max(1e-9);
    let mut out = io::stdout().lock();
    if json {
        let mut value = serde_json::to_value(summary)?;
        value["seconds"] = serde_json::json!((seconds * 1000.0).round() / 1000.0);
        value["rows_per_second"] = serde_json::json!(rate.round());
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
    } else {
        writeln!(
            out,
            "{} rows read from {} file(s): {} new, {} updated, {} unchanged, {} rejected ({:.1} s, {:.0} rows/s)",
            summary.rows,
            summary.files,
            summary.new,
            summary.updated,
            summary.unchanged,
            summary.rejected,
            seconds,
            rate
        )?;
    }
    if summary.rejected > 0 {
        match &hooks.rejects {
            Some((path, _)) => {
                eprintln!("{} rejected row(s), each with its line and reason, in {}", summary.rejected, path.display())
            }
            None if summary.rejected > SHOWN_REJECTS => eprintln!(
                "... and {} more rejected row(s); pass --reject-file FILE to keep them all",
                summary.rejected - SHOWN_REJECTS
            ),
            None => {}
        }
    }
    Ok(())
}

pub fn generate(incidents: u64, seed: u64, actors: usize, output: Option<&Path>) -> Result<ExitCode> {
    let options = GenOptions { incidents, seed, actors };
    let started = Instant::now();
    let summary = match output {
        Some(path) => {
            let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            let context = || format!("cannot write {}", path.display());
            if path.extension().is_some_and(|e| e == "gz") {
                let mut gz = flate2::write::GzEncoder::new(BufWriter::new(file), flate2::Compression::fast());
                let summary = import::generate(&options, &mut gz)?;
                gz.finish().with_context(context)?.flush().with_context(context)?;
                summary
            } else {
                let mut out = BufWriter::new(file);
                let summary = import::generate(&options, &mut out)?;
                out.flush().with_context(context)?;
                summary
            }
        }
        None => import::generate(&options, BufWriter::new(io::stdout().lock()))?,
    };
    eprintln!(
        "generated {} incidents ({} actors, {} claimed) in {:.1} s; import with `ckg import gen FILE`",
        summary.rows,
        summary.actors,
        summary.claimed,
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
