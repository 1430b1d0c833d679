//! Tallies per field, per-example notes, and the report with its table.

use std::fmt::Write as _;

use serde::Serialize;

use super::metrics::{Accuracy, Prf, ratio};

/// One row of the result table.
#[derive(Clone, Debug, Serialize)]
pub struct FieldScore {
    pub field: String,
    /// Examples the field was scored on.
    pub n: u64,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub f1: Option<f64>,
    pub accuracy: Option<f64>,
    /// Matching counts, for precision/recall fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counts: Option<Prf>,
    /// Correct examples, for accuracy fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correct: Option<u64>,
}

#[derive(Clone, Debug)]
enum Tally {
    Prf(Prf),
    Acc(Accuracy),
}

/// Running tallies, one per field, in the order fields were first scored.
#[derive(Clone, Debug, Default)]
pub struct Sheet {
    fields: Vec<(String, u64, Tally)>,
}

impl Sheet {
    fn slot(&mut self, field: &str, make: fn() -> Tally) -> (&mut u64, &mut Tally) {
        let idx = match self.fields.iter().position(|(f, _, _)| f == field) {
            Some(i) => i,
            None => {
                self.fields.push((field.to_string(), 0, make()));
                self.fields.len() - 1
            }
        };
        let (_, n, tally) = &mut self.fields[idx];
        (n, tally)
    }

    pub fn add_prf(&mut self, field: &str, prf: Prf) {
        let (n, tally) = self.slot(field, || Tally::Prf(Prf::default()));
        *n += 1;
        if let Tally::Prf(t) = tally {
            t.add(prf);
        }
    }

    pub fn add_accuracy(&mut self, field: &str, ok: bool) {
        let (n, tally) = self.slot(field, || Tally::Acc(Accuracy::default()));
        *n += 1;
        if let Tally::Acc(t) = tally {
            t.add(ok);
        }
    }

    /// Declares a field so it is listed (with n = 0) even when no example scored it.
    pub fn declare_prf(&mut self, field: &str) {
        self.slot(field, || Tally::Prf(Prf::default()));
    }

    pub fn declare_accuracy(&mut self, field: &str) {
        self.slot(field, || Tally::Acc(Accuracy::default()));
    }

    pub fn scores(&self) -> Vec<FieldScore> {
        self.fields
            .iter()
            .map(|(field, n, tally)| match tally {
                Tally::Prf(p) => FieldScore {
                    field: field.clone(),
                    n: *n,
                    precision: p.precision(),
                    recall: p.recall(),
                    f1: p.f1(),
                    accuracy: None,
                    counts: Some(*p),
                    correct: None,
                },
                Tally::Acc(a) => FieldScore {
                    field: field.clone(),
                    n: *n,
                    precision: None,
                    recall: None,
                    f1: None,
                    accuracy: a.value(),
                    counts: None,
                    correct: Some(a.correct),
                },
            })
            .collect()
    }
}

/// How one example fared.
#[derive(Clone, Debug, Serialize)]
pub struct ExampleNote {
    pub id: String,
    /// Line of the example in its file (1-based; 0 when unknown).
    pub line: u64,
    pub bytes: u64,
    /// Extraction time.
    pub seconds: f64,
    /// Fraction of the example's scored items that were right (1 when nothing was scored).
    pub score: f64,
    /// What went wrong, one entry per failed field.
    pub failures: Vec<String>,
}

/// Scores one example into a [`Sheet`] and remembers what failed.
pub struct Scoring<'a> {
    sheet: &'a mut Sheet,
    good: u64,
    total: u64,
    failures: Vec<String>,
}

impl<'a> Scoring<'a> {
    pub fn new(sheet: &'a mut Sheet) -> Scoring<'a> {
        Scoring { sheet, good: 0, total: 0, failures: Vec::new() }
    }

    pub fn accuracy(&mut self, field: &str, ok: bool, why: impl FnOnce() -> String) {
        self.sheet.add_accuracy(field, ok);
        self.total += 1;
        self.good += u64::from(ok);
        if !ok {
            self.failures.push(format!("{field}: {}", why()));
        }
    }

    pub fn prf(&mut self, field: &str, prf: Prf, why: impl FnOnce() -> String) {
        self.sheet.add_prf(field, prf);
        self.total += prf.tp + prf.errors();
        self.good += prf.tp;
        if prf.errors() > 0 {
            self.failures.push(format!("{field}: {}", why()));
        }
    }

    /// Adds to the sheet without counting towards the example's score
    /// (for extra, overlapping rows).
    pub fn extra_accuracy(&mut self, field: &str, ok: bool) {
        self.sheet.add_accuracy(field, ok);
    }

    pub fn extra_prf(&mut self, field: &str, prf: Prf) {
        self.sheet.add_prf(field, prf);
    }

    /// (fraction right, failures).
    pub fn finish(self) -> (f64, Vec<String>) {
        let score = ratio(self.good, self.total).unwrap_or(1.0);
        (score, self.failures)
    }
}

/// Extraction speed over the scored examples.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Throughput {
    pub docs: u64,
    pub bytes: u64,
    /// Time spent in extraction only (one thread).
    pub extract_seconds: f64,
    /// Wall time of the whole run, reading and scoring included.
    pub wall_seconds: f64,
    pub docs_per_second: f64,
    pub mb_per_second: f64,
}

/// The result of one `ckg eval` run.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub dataset: String,
    pub file: String,
    /// Rows (documents) read, bad ones included.
    pub rows: u64,
    pub scored: u64,
    pub bad_rows: u64,
    /// Examples the extractor failed on (error or panic), scored as empty predictions.
    pub extract_failures: u64,
    pub fields: Vec<FieldScore>,
    pub worst: Vec<ExampleNote>,
    pub slowest: Vec<ExampleNote>,
    /// Messages for bad rows and extraction failures (the first 50), each naming file and line.
    pub errors: Vec<String>,
    /// Dataset conventions worth knowing when reading the figures.
    pub notes: Vec<String>,
    pub throughput: Throughput,
}

fn fmt_opt(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_string(), |x| format!("{x:.3}"))
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max.saturating_sub(3)).collect();
    format!("{cut}...")
}

impl Report {
    /// The plain-text table and example lists.
    pub fn to_table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "ckg eval {} {}: {} rows, {} scored, {} bad rows skipped, {} extraction failures (scored as empty)",
            self.dataset, self.file, self.rows, self.scored, self.bad_rows, self.extract_failures
        );
        let width = self.fields.iter().map(|f| f.field.len()).max().unwrap_or(5);
        let _ = writeln!(
            out,
            "{:<width$}  {:>6}  {:>9}  {:>6}  {:>6}  {:>8}",
            "field", "n", "precision", "recall", "F1", "accuracy"
        );
        for f in &self.fields {
            let _ = writeln!(
                out,
                "{:<width$}  {:>6}  {:>9}  {:>6}  {:>6}  {:>8}",
                f.field,
                f.n,
                fmt_opt(f.precision),
                fmt_opt(f.recall),
                fmt_opt(f.f1),
                fmt_opt(f.accuracy)
            );
        }
        self.write_examples(&mut out);
        for note in &self.notes {
            let _ = writeln!(out, "note: {note}");
        }
        let t = &self.throughput;
        let _ = writeln!(
            out,
            "throughput: {} docs, {:.2} MB in {:.2} s of extraction: {:.0} docs/s, {:.2} MB/s (wall {:.2} s)",
            t.docs,
            t.bytes as f64 / 1e6,
            t.extract_seconds,
            t.docs_per_second,
            t.mb_per_second,
            t.wall_seconds
        );
        out
    }

    fn write_examples(&self, out: &mut String) {
        if !self.worst.is_empty() {
            let _ = writeln!(out, "\nworst-scored examples:");
            for e in &self.worst {
                let _ = writeln!(
                    out,
                    "  {} (line {}) score {:.2}: {}",
                    e.id,
                    e.line,
                    e.score,
                    clip(&e.failures.join("; "), 300)
                );
            }
        }
        if !self.slowest.is_empty() {
            let _ = writeln!(out, "\nslowest examples:");
            for e in &self.slowest {
                let _ = writeln!(out, "  {} (line {}) {:.2} ms, {} bytes", e.id, e.line, e.seconds * 1e3, e.bytes);
            }
        }
        let _ = writeln!(out);
    }
}
