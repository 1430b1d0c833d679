//! Import of structured event datasets: ACLED, UCDP GED, GDELT, ICEWS, and
//! ckg's own synthetic data ([`generate`]).
//!
//! Each row becomes an incident with its actors (resolved with the same
//! dictionary as text extraction, so "Islamic State (Iraq)" from ACLED and
//! "IS" from UCDP meet at one node), its place as a gazetteer chain, its date
//! with a precision and its casualties, `REPORTED_IN` a record node that keeps
//! the dataset and the row id. Rows are written in batches by
//! [`crate::store::bulk::BulkWriter`], whole batches at a time; a re-import
//! updates rows in place. A row that cannot be read is rejected with its line
//! and a reason, and the import goes on.
//!
//! ```
//! use ckg::import::{self, Dataset, ImportOptions, NoHooks};
//!
//! let dir = tempfile::tempdir()?;
//! let csv = dir.path().join("ucdp.csv");
//! std::fs::write(&csv, "id,side_a,side_b,type_of_violence,date_start,date_end,date_prec,\
//!     where_prec,where_coordinates,adm_1,country,latitude,longitude,best,low,high\n\
//!     1,Government of Syria,IS,1,2017-03-01,2017-03-01,1,1,Aleppo,Aleppo,Syria,36.2,37.16,12,10,15\n")?;
//! let store = ckg::Store::open(dir.path().join("db"))?;
//! let summary = import::import_files(&store, Dataset::Ucdp, &[csv], &ImportOptions::default(), &mut NoHooks)?;
//! assert_eq!((summary.rows, summary.new, summary.rejected), (1, 1, 0));
//! assert_eq!(ckg::query::resolve_actor(&store, "ISIL")?.len(), 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod acled;
mod codes;
mod common;
mod gdelt;
mod r#gen;
mod icews;
mod reader;
mod resolve;
mod ucdp;

use std::path::{Path, PathBuf};

use csv::StringRecord;
use serde::Serialize;

pub use crate::store::bulk::{BulkOutcome, BulkWriter, record_incident_id};
pub use codes::{CameoNames, iso2_of_fips, iso2_of_iso3};
pub use common::{parse_date, type_from_event_text};
pub use gdelt::column_names as gdelt_columns;
pub use r#gen::{COLUMNS as GEN_COLUMNS, GenOptions, GenSummary, generate};
pub use resolve::{PlaceQuery, Resolver, kind_for};

use crate::error::{Error, Result};
use crate::model::{IncidentRecord, Record};
use crate::store::Store;
use common::RowResult;

/// The datasets ckg reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dataset {
    /// ACLED, both the pre-2019 upper-case and the current lower-case columns.
    Acled,
    /// UCDP Georeferenced Event Dataset.
    Ucdp,
    /// GDELT 1.0 or 2.0 event table, with or without a header row.
    Gdelt,
    /// ICEWS coded events, the full export or the subject/relation/object/date form.
    Icews,
    /// `ckg gen` output: ACLED's current columns plus `claimed_by`.
    Gen,
}

impl Dataset {
    pub const ALL: [Dataset; 5] = [Dataset::Acled, Dataset::Ucdp, Dataset::Gdelt, Dataset::Icews, Dataset::Gen];

    /// The name kept on record nodes.
    pub fn name(self) -> &'static str {
        match self {
            Dataset::Acled => "acled",
            Dataset::Ucdp => "ucdp",
            Dataset::Gdelt => "gdelt",
            Dataset::Icews => "icews",
            Dataset::Gen => "gen",
        }
    }

    pub fn parse(s: &str) -> Option<Dataset> {
        Dataset::ALL.into_iter().find(|d| d.name().eq_ignore_ascii_case(s.trim()))
    }
}

/// How to import.
#[derive(Clone, Debug)]
pub struct ImportOptions {
    /// Rows per transaction.
    pub batch_rows: usize,
    /// A GDELT `cameoCodes.json` naming every CAMEO code (a curated table is built in).
    pub cameo: Option<PathBuf>,
}

impl Default for ImportOptions {
    fn default() -> ImportOptions {
        ImportOptions { batch_rows: 2_000, cameo: None }
    }
}

/// Where an import is.
#[derive(Clone, Debug)]
pub struct Progress<'a> {
    pub file: &'a Path,
    pub bytes_read: u64,
    pub bytes_total: u64,
    pub rows: u64,
}

/// What the caller hears during an import.
pub trait ImportHooks {
    /// After each batch is written.
    fn progress(&mut self, _progress: &Progress<'_>) {}
    /// A row that was not imported: an [`Error::Input`] at `file:line`.
    fn reject(&mut self, _reject: &Error) -> Result<()> {
        Ok(())
    }
}

/// Hooks that ignore everything.
pub struct NoHooks;

impl ImportHooks for NoHooks {}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub files: u64,
    /// Data rows read (header lines excluded).
    pub rows: u64,
    /// Incidents created.
    pub new: u64,
    /// Incidents stored before that the rows changed.
    pub updated: u64,
    /// Rows already stored exactly as given.
    pub unchanged: u64,
    pub rejected: u64,
}

/// A row read from a dataset file.
pub enum Row {
    Parsed(Record, Box<IncidentRecord>),
    /// Why it could not be read, as an [`Error::Input`] at `file:line`.
    Rejected(Error),
}

/// Turns one dataset's rows into records and incidents.
pub(crate) trait RowParser {
    /// Sees the first line; returns true when it is a header (and not data).
    fn start(&mut self, first: &StringRecord) -> RowResult<bool>;
    /// The row id and the incident of one row.
    fn parse(&mut self, row: &StringRecord, r: &mut Resolver) -> RowResult<(String, IncidentRecord)>;
}

fn parser_for(dataset: Dataset, options: &ImportOptions) -> Result<Box<dyn RowParser>> {
    Ok(match dataset {
        Dataset::Acled | Dataset::Gen => Box::new(acled::Acled::default()),
        Dataset::Ucdp => Box::new(ucdp::Ucdp::default()),
        Dataset::Gdelt => {
            let mut names = CameoNames::bundled();
            if let Some(path) = &options.cameo {
                names = names.load_json(path)?;
            }
            Box::new(gdelt::Gdelt::new(names))
        }
        Dataset::Icews => Box::new(icews::Icews::default()),
    })
}

/// Reads every row of one file, handing each to `on_row` with the bytes read so far.
pub fn read_file(
    dataset: Dataset,
    path: &Path,
    options: &ImportOptions,
    resolver: &mut Resolver,
    mut on_row: impl FnMut(Row, u64) -> Result<()>,
) -> Result<()> {
    let mut parser = parser_for(dataset, options)?;
    let mut source = reader::open(path)?;
    let file = path.display().to_string();
    let mut raw = csv::ByteRecord::new();
    let mut first = true;
    let mut unreadable: Option<String> = None;
    loop {
        let more = source
            .rows
            .read_byte_record(&mut raw)
            .map_err(|e| Error::input(format!("{file}:{}", csv_line(&e)), e.to_string()))?;
        if !more {
            return Ok(());
        }
        let line = raw.position().map_or(0, |p| p.line());
        let rec = StringRecord::from_byte_record_lossy(raw.clone());
        if std::mem::take(&mut first) {
            match parser.start(&rec) {
                Ok(true) => continue,
                Ok(false) => {}
                Err(reason) => {
                    unreadable = Some(reason);
                    continue;
                }
            }
        }
        let at = || format!("{file}:{line}");
        let row = match &unreadable {
            Some(reason) => Row::Rejected(Error::input(at(), format!("file not imported: {reason}"))),
            None => match parser.parse(&rec, resolver) {
                Ok((row_id, mut incident)) => {
                    let record = Record { dataset: dataset.name().to_string(), row_id };
                    incident.id = record_incident_id(&record).to_string();
                    Row::Parsed(record, Box::new(incident))
                }
                Err(reason) => Row::Rejected(Error::input(at(), reason)),
            },
        };
        on_row(row, source.bytes_read())?;
    }
}

fn csv_line(err: &csv::Error) -> u64 {
    err.position().map_or(0, |p| p.line())
}

/// Imports `files` of `dataset` into `store`, batch by batch, and flushes.
pub fn import_files(
    store: &Store,
    dataset: Dataset,
    files: &[PathBuf],
    options: &ImportOptions,
    hooks: &mut dyn ImportHooks,
) -> Result<ImportSummary> {
    let mut resolver = Resolver::new();
    let mut writer = BulkWriter::new(store);
    let mut summary = ImportSummary::default();
    for path in files {
        let total = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let mut batch: Vec<(Record, IncidentRecord)> = Vec::with_capacity(options.batch_rows);
        let mut read = 0;
        let mut flush = |batch: &mut Vec<(Record, IncidentRecord)>,
                         summary: &mut ImportSummary,
                         hooks: &mut dyn ImportHooks,
                         read: u64|
         -> Result<()> {
            let done = writer.write(batch)?;
            batch.clear();
            summary.new += done.new;
            summary.updated += done.updated;
            summary.unchanged += done.unchanged;
            hooks.progress(&Progress { file: path, bytes_read: read, bytes_total: total, rows: summary.rows });
            Ok(())
        };
        read_file(dataset, path, options, &mut resolver, |row, bytes| {
            summary.rows += 1;
            read = bytes;
            match row {
                Row::Parsed(record, incident) => {
                    batch.push((record, *incident));
                    if batch.len() >= options.batch_rows.max(1) {
                        flush(&mut batch, &mut summary, hooks, bytes)?;
                    }
                }
                Row::Rejected(err) => {
                    summary.rejected += 1;
                    hooks.reject(&err)?;
                }
            }
            Ok(())
        })?;
        flush(&mut batch, &mut summary, hooks, total.max(read))?;
        summary.files += 1;
    }
    store.flush()?;
    Ok(summary)
}
