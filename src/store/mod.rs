//! The embedded graph store on sled.
//!
//! Six trees (layout in `schema/store.md`): `meta`, `nodes`, `out` (each
//! node's outgoing edges, packed), `edges_in`, `names` and `dates`. One article's ingest is one sled
//! transaction across all of them, so a crash leaves either all of an
//! article's nodes and edges or none. Values are bincode; keys are built so
//! that prefix scans answer "edges of X", "nodes named N" and "incidents
//! between two dates".
//!
//! The store is the graph's single source of truth. petgraph views are built
//! from it per query (see [`crate::graph`]).

mod adjacency;
pub mod bulk;
mod check;
pub(crate) mod codec;
mod compact;
mod dict;
mod migrate;
mod raw;
mod read;
mod records;
mod write;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub use check::CheckReport;
pub use compact::CompactReport;
pub use migrate::MigrateReport;
pub use raw::{RawImport, RawImporter, RawItem};
pub use read::{Edge, Stats};
pub use records::RecordReader;
pub use write::IngestOutcome;

use crate::error::{Error, Result};
use codec::*;

/// Version of the on-disk format this build reads and writes.
pub const SCHEMA_VERSION: u32 = 2;

/// How to open a store.
#[derive(Clone, Debug)]
pub struct StoreConfig {
    /// sled page cache size in bytes (sled's own default is 1 GiB).
    pub cache_bytes: u64,
    /// Fail instead of creating a store when the directory holds none.
    pub must_exist: bool,
}

impl Default for StoreConfig {
    fn default() -> StoreConfig {
        // Traversals at a million incidents touch a large part of the store: 256 MiB
        // keeps their pages decoded (2-hop 3.4x faster than with 64 MiB; BENCHMARKS.md).
        // The cache only grows as pages are read; imports set their own, smaller one.
        StoreConfig { cache_bytes: 256 * 1024 * 1024, must_exist: false }
    }
}

/// A ckg graph store in one directory.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// let store = ckg::Store::open(dir.path().join("db"))?;
/// assert_eq!(store.stats()?.total_nodes(), 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Store {
    path: PathBuf,
    db: sled::Db,
    meta: sled::Tree,
    nodes: sled::Tree,
    out: sled::Tree,
    edges_in: sled::Tree,
    names: sled::Tree,
    dates: sled::Tree,
    /// Ingest reads before it writes; one writer at a time keeps that sound.
    writer: Mutex<()>,
}

impl Store {
    /// Opens (creating if needed) the store at `path` with default settings.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        Store::open_with(path, &StoreConfig::default())
    }

    pub fn open_with(path: impl AsRef<Path>, config: &StoreConfig) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        let exists = path.join("conf").exists() || path.join("db").exists();
        // sled makes `blobs/` first: a store killed at that instant is still a new store.
        let only_empty_blobs = |p: &Path| -> bool {
            let Ok(entries) = std::fs::read_dir(p) else { return false };
            let names: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
            names.len() == 1
                && names[0] == "blobs"
                && std::fs::read_dir(p.join("blobs")).map(|mut d| d.next().is_none()).unwrap_or(false)
        };
        if path.exists() && !path.is_dir() {
            return Err(Error::NotAStore { path, reason: "it is a file, not a directory".into() });
        }
        if config.must_exist && !exists {
            return Err(Error::NotAStore { path, reason: "no store here; run `ckg ingest` first".into() });
        }
        if !exists
            && path.is_dir()
            && !only_empty_blobs(&path)
            && std::fs::read_dir(&path).map_err(|e| Error::io(&path, e))?.next().is_some()
        {
            return Err(Error::NotAStore { path, reason: "directory is not empty and holds no store".into() });
        }
        let db = sled::Config::new()
            .path(&path)
            .cache_capacity(config.cache_bytes)
            .open()
            .map_err(|e| map_open_error(&path, e))?;
        let meta = db.open_tree(TREE_META)?;
        let nodes = db.open_tree(TREE_NODES)?;
        // Checked before any other tree is opened, so an old store is left exactly as it was.
        check_schema(&path, &db, &meta, &nodes)?;
        Ok(Store {
            meta,
            nodes,
            out: db.open_tree(TREE_OUT)?,
            edges_in: db.open_tree(TREE_EDGES_IN)?,
            names: db.open_tree(TREE_NAMES)?,
            dates: db.open_tree(TREE_DATES)?,
            db,
            path,
            writer: Mutex::new(()),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Makes everything written so far durable. Commands call it before reporting success.
    pub fn flush(&self) -> Result<()> {
        self.db.flush()?;
        Ok(())
    }

    /// Bytes the store occupies on disk.
    pub fn size_on_disk(&self) -> Result<u64> {
        Ok(self.db.size_on_disk()?)
    }
}

/// Stamps a new store with the schema version, or checks an existing one's.
fn check_schema(path: &Path, db: &sled::Db, meta: &sled::Tree, nodes: &sled::Tree) -> Result<()> {
    match meta.get(META_SCHEMA)? {
        None => {
            if !nodes.is_empty() {
                return Err(Error::NotAStore {
                    path: path.to_path_buf(),
                    reason: "nodes present but no schema version".into(),
                });
            }
            meta.insert(META_FORMAT, FORMAT_TAG)?;
            meta.insert(META_SCHEMA, &SCHEMA_VERSION.to_be_bytes())?;
            db.flush()?;
            Ok(())
        }
        Some(bytes) => {
            let found = bytes.as_ref().try_into().map(u32::from_be_bytes).unwrap_or(0);
            if found != SCHEMA_VERSION {
                return Err(Error::SchemaMismatch { path: path.to_path_buf(), found, expected: SCHEMA_VERSION });
            }
            migrate::finish(db)
        }
    }
}

fn map_open_error(path: &Path, err: sled::Error) -> Error {
    if let sled::Error::Io(io) = &err {
        let text = io.to_string();
        if io.kind() == std::io::ErrorKind::WouldBlock || text.contains("lock") {
            return Error::Locked { path: path.to_path_buf() };
        }
    }
    Error::Storage(err)
}
