//! Offline compaction: a copy of every tree, in key order, into a fresh store.
//!
//! sled's log keeps superseded page versions until a segment falls below half
//! live data, so a store written with random keys (every import) occupies several
//! times its live bytes. Rewriting the keys in order into a new directory packs
//! the leaves; nothing is decoded, so the copy holds exactly the same bytes.

use std::path::Path;

use super::Store;
use crate::error::{Error, Result};

/// Keys per sled batch while copying: bounded memory, few log seals.
const COPY_BATCH: usize = 10_000;

/// What a compaction copied.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CompactReport {
    /// Keys copied, over all trees.
    pub keys: u64,
    /// Key and value bytes copied.
    pub bytes: u64,
}

impl Store {
    /// Copies this store into a new store at `dest`, which must not exist, and
    /// verifies that every tree of the copy has as many keys as the original.
    pub fn compact_into(&self, dest: &Path) -> Result<CompactReport> {
        if dest.exists() {
            return Err(Error::InvalidArgument(format!(
                "{} already exists; compaction writes a new store",
                dest.display()
            )));
        }
        let copy = Store::open(dest)?;
        let mut report = CompactReport::default();
        for (from, to) in self.trees().into_iter().zip(copy.trees()) {
            let copied = copy_tree(from, to, &mut report)?;
            let stored = to.len() as u64;
            if stored != copied {
                return Err(Error::InvalidArgument(format!(
                    "compaction copied {copied} keys of one tree but the copy holds {stored}; {} left as it was",
                    self.path().display()
                )));
            }
        }
        copy.flush()?;
        Ok(report)
    }

    fn trees(&self) -> [&sled::Tree; 6] {
        [&self.meta, &self.nodes, &self.out, &self.edges_in, &self.names, &self.dates]
    }
}

/// Copies `from` into `to` in key order; returns how many keys it copied.
fn copy_tree(from: &sled::Tree, to: &sled::Tree, report: &mut CompactReport) -> Result<u64> {
    let mut batch = sled::Batch::default();
    let (mut pending, mut copied) = (0, 0u64);
    for item in from.iter() {
        let (key, value) = item?;
        report.bytes += (key.len() + value.len()) as u64;
        batch.insert(key, value);
        pending += 1;
        copied += 1;
        if pending == COPY_BATCH {
            to.apply_batch(std::mem::take(&mut batch))?;
            pending = 0;
        }
    }
    to.apply_batch(batch)?;
    report.keys += copied;
    Ok(copied)
}
