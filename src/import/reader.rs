//! Opening dataset files: plain or gzip, comma or tab separated, with a byte
//! count for progress.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use flate2::read::MultiGzDecoder;

use crate::error::{Error, Result};

/// Counts the bytes read from the file (compressed bytes for .gz).
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// An open dataset file.
pub struct Source {
    pub rows: csv::Reader<Box<dyn Read>>,
    /// Bytes of the file read so far.
    pub read: Arc<AtomicU64>,
}

impl Source {
    pub fn bytes_read(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }
}

/// Opens `path`, decompressing gzip (by magic number) and choosing the
/// delimiter from the first line: tabs make it TSV (read without quoting, as
/// GDELT and ICEWS write), otherwise CSV.
pub fn open(path: &Path) -> Result<Source> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let read = Arc::new(AtomicU64::new(0));
    let mut raw = BufReader::new(Counting { inner: file, count: read.clone() });
    let gzip = raw.fill_buf().map_err(|e| Error::io(path, e))?.starts_with(&[0x1f, 0x8b]);
    let inner: Box<dyn Read> = if gzip { Box::new(MultiGzDecoder::new(raw)) } else { Box::new(raw) };
    let mut text = BufReader::with_capacity(256 * 1024, inner);
    let head = text.fill_buf().map_err(|e| Error::io(path, e))?;
    let first_line = head.split(|b| *b == b'\n').next().unwrap_or(&[]);
    let tabs = first_line.iter().filter(|b| **b == b'\t').count();
    let commas = first_line.iter().filter(|b| **b == b',').count();
    let delimiter = if tabs > 0 && tabs >= commas { b'\t' } else { b',' };
    let rows = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .quoting(delimiter == b',')
        .from_reader(Box::new(text) as Box<dyn Read>);
    Ok(Source { rows, read })
}
