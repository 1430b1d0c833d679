//! Scoring extraction against gold data: GTD, ACLED and MUC-4 (see EVAL.md
//! for how each field is scored).
//!
//! Each dataset module reads its file row by row and hands every example to a
//! [`Runner`], which extracts it (timed, panics caught), lets the dataset
//! score it into a [`Sheet`], and keeps per-example notes for the worst and
//! slowest lists. A bad row is counted, described with its file and line, and
//! skipped.

mod acled;
mod gtd;
pub mod metrics;
mod muc4;
pub mod names;
mod report;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

pub use acled::{AcledGold, acled_event_type, score_acled};
pub use gtd::{GtdGold, score_gtd};
pub use muc4::{MucGold, ROLES, ceaf_ree, predicted_roles, score_muc, strip_leading};
pub use report::{ExampleNote, FieldScore, Report, Scoring, Sheet, Throughput};

use crate::error::{Error, Result};
use crate::extract::{ExtractOptions, Extractor};
use crate::model::ExtractedArticle;

/// The gold datasets `ckg eval` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dataset {
    /// Global Terrorism Database, JSON lines.
    Gtd,
    /// ACLED, CSV with pre-2019 column names.
    Acled,
    /// MUC-4 role-filler templates, one JSON object keyed by document id.
    Muc4,
}

impl Dataset {
    pub fn as_str(self) -> &'static str {
        match self {
            Dataset::Gtd => "gtd",
            Dataset::Acled => "acled",
            Dataset::Muc4 => "muc4",
        }
    }
}

/// What to run.
#[derive(Clone, Debug, Default)]
pub struct EvalOptions {
    /// Use only the first N rows (documents).
    pub limit: Option<usize>,
    /// How many worst-scored and slowest examples to list.
    pub show: usize,
}

/// Scores the extractor on one gold file.
pub fn evaluate(dataset: Dataset, path: &Path, options: &EvalOptions) -> Result<Report> {
    let mut runner = Runner::new(Extractor::shared(), path, options.limit);
    let notes = match dataset {
        Dataset::Gtd => gtd::run(path, &mut runner)?,
        Dataset::Acled => acled::run(path, &mut runner)?,
        Dataset::Muc4 => muc4::run(path, &mut runner)?,
    };
    Ok(runner.finish(dataset, options.show, notes))
}

/// Most bad-row messages a report keeps.
const MAX_ERRORS: usize = 50;

/// Drives extraction and scoring over the examples of one file.
pub struct Runner {
    extractor: Arc<Extractor>,
    file: String,
    limit: Option<usize>,
    started: Instant,
    sheet: Sheet,
    notes: Vec<ExampleNote>,
    errors: Vec<String>,
    rows: u64,
    bad_rows: u64,
    extract_failures: u64,
    bytes: u64,
    extract_seconds: f64,
}

impl Runner {
    pub fn new(extractor: Arc<Extractor>, path: &Path, limit: Option<usize>) -> Runner {
        Runner {
            extractor,
            file: path.display().to_string(),
            limit,
            started: Instant::now(),
            sheet: Sheet::default(),
            notes: Vec::new(),
            errors: Vec::new(),
            rows: 0,
            bad_rows: 0,
            extract_failures: 0,
            bytes: 0,
            extract_seconds: 0.0,
        }
    }

    pub fn extractor(&self) -> Arc<Extractor> {
        self.extractor.clone()
    }

    pub fn file(&self) -> &str {
        &self.file
    }

    /// `file:line`, for error messages.
    pub fn at(&self, line: u64) -> String {
        format!("{}:{line}", self.file)
    }

    pub fn sheet_mut(&mut self) -> &mut Sheet {
        &mut self.sheet
    }

    /// True once `limit` rows have been read.
    pub fn limit_reached(&self) -> bool {
        self.limit.is_some_and(|l| self.rows >= l as u64)
    }

    /// Counts one row read (good or bad).
    pub fn count_row(&mut self) {
        self.rows += 1;
    }

    /// Counts a bad row (skipped) and keeps its message.
    pub fn bad_row(&mut self, err: Error) {
        self.bad_rows += 1;
        self.keep_error(err);
    }

    fn keep_error(&mut self, err: Error) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(err.to_string());
        }
    }

    /// Extracts `text` and scores it with `score`. When the extractor fails
    /// (an error or a panic) the failure is reported and the example is
    /// scored as if nothing had been extracted.
    pub fn example(
        &mut self,
        id: &str,
        line: u64,
        text: &str,
        options: &ExtractOptions,
        score: impl FnOnce(&ExtractedArticle, &mut Scoring),
    ) {
        let extractor = self.extractor.clone();
        let start = Instant::now();
        let result = catch_unwind(AssertUnwindSafe(|| extractor.extract_article(text, Some(options))));
        let seconds = start.elapsed().as_secs_f64();
        let failure = match &result {
            Ok(Ok(_)) => None,
            Ok(Err(err)) => Some(err.to_string()),
            Err(payload) => Some(format!(
                "the extractor panicked: {}",
                payload
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| payload.downcast_ref::<&str>().copied())
                    .unwrap_or("no message")
            )),
        };
        if let Some(why) = failure {
            self.extract_failures += 1;
            self.keep_error(Error::input(self.at(line), format!("{id}: {why}")));
        }
        let extracted = match result {
            Ok(Ok(e)) => e,
            _ => empty_article(text),
        };
        self.extract_seconds += seconds;
        self.bytes += text.len() as u64;
        let mut scoring = Scoring::new(&mut self.sheet);
        score(&extracted, &mut scoring);
        let (score, failures) = scoring.finish();
        self.notes.push(ExampleNote { id: id.to_string(), line, bytes: text.len() as u64, seconds, score, failures });
    }

    fn finish(self, dataset: Dataset, show: usize, notes: Vec<String>) -> Report {
        let docs = self.notes.len() as u64;
        let mut worst: Vec<ExampleNote> = self.notes.iter().filter(|n| n.score < 1.0).cloned().collect();
        worst.sort_by(|a, b| a.score.total_cmp(&b.score).then(b.failures.len().cmp(&a.failures.len())));
        worst.truncate(show);
        let mut slowest = self.notes;
        slowest.sort_by(|a, b| b.seconds.total_cmp(&a.seconds));
        slowest.truncate(show);
        let secs = self.extract_seconds;
        let per_sec = |x: f64| if secs > 0.0 { x / secs } else { 0.0 };
        Report {
            dataset: dataset.as_str().to_string(),
            file: self.file,
            rows: self.rows,
            scored: docs,
            bad_rows: self.bad_rows,
            extract_failures: self.extract_failures,
            fields: self.sheet.scores(),
            worst,
            slowest,
            errors: self.errors,
            notes,
            throughput: Throughput {
                docs,
                bytes: self.bytes,
                extract_seconds: secs,
                wall_seconds: self.started.elapsed().as_secs_f64(),
                docs_per_second: per_sec(docs as f64),
                mb_per_second: per_sec(self.bytes as f64 / 1e6),
            },
        }
    }
}

/// What a failed extraction is scored as: no incident.
fn empty_article(text: &str) -> ExtractedArticle {
    ExtractedArticle {
        article: crate::model::Article {
            title: String::new(),
            url: None,
            source: None,
            author: None,
            published: None,
            content_hash: crate::model::stable_hash(&[text.as_bytes()]),
            byte_len: text.len() as u64,
        },
        incidents: Vec::new(),
    }
}

/// Opens a gold file for reading, naming it in the error.
fn open(path: &Path) -> Result<std::io::BufReader<std::fs::File>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    Ok(std::io::BufReader::new(file))
}

/// A short list of strings for failure messages: `[a, b]`.
fn list<S: AsRef<str>>(items: &[S]) -> String {
    let shown: Vec<&str> = items.iter().map(AsRef::as_ref).take(4).collect();
    let more = if items.len() > 4 { ", ..." } else { "" };
    format!("[{}{more}]", shown.join(", "))
}
