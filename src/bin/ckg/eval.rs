//! `ckg eval gtd|acled|muc4 FILE`: scores extraction against a gold file.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use ckg::eval::{Dataset, EvalOptions, evaluate};

use crate::args::{EvalDataset, EvalFormat};

pub fn run(
    dataset: EvalDataset,
    file: &Path,
    limit: Option<usize>,
    format: EvalFormat,
    show: usize,
) -> Result<ExitCode> {
    let dataset = match dataset {
        EvalDataset::Gtd => Dataset::Gtd,
        EvalDataset::Acled => Dataset::Acled,
        EvalDataset::Muc4 => Dataset::Muc4,
    };
    let options = EvalOptions { limit, show };
    // An extractor panic is caught and reported as a bad row; print one line, not a backtrace.
    std::panic::set_hook(Box::new(|info| match info.location() {
        Some(at) => eprintln!("extractor panic at {at} (the row is listed below)"),
        None => eprintln!("extractor panic (the row is listed below)"),
    }));
    let report = evaluate(dataset, file, &options)
        .with_context(|| format!("ckg eval {} {}", dataset.as_str(), file.display()))?;
    for err in &report.errors {
        eprintln!("warning: {err}");
    }
    let problems = report.bad_rows + report.extract_failures;
    if problems > report.errors.len() as u64 {
        eprintln!(
            "{} bad rows and {} extraction failures in all (the first {} are listed)",
            report.bad_rows,
            report.extract_failures,
            report.errors.len()
        );
    }
    let mut out = io::stdout().lock();
    match format {
        EvalFormat::Table => write!(out, "{}", report.to_table())?,
        EvalFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
