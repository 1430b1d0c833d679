//! `ckg migrate`: upgrades a schema-1 store in place to schema 2.
//!
//! Schema 2 replaced the `edges_out` tree (one key per edge) with `out` (one
//! packed list per source node). The upgrade reads `edges_out` in key order,
//! where each source's edges are adjacent, and writes one list per source, so
//! the new tree is written in key order too. It is safe to kill: the version
//! is bumped only after `out` is complete and flushed (a re-run clears a
//! half-written `out` and starts again), and the old tree is dropped after
//! the bump, by the migration or by the next open.

use std::path::Path;

use super::adjacency::{OutEdge, encode_list};
use super::codec::*;
use super::{SCHEMA_VERSION, StoreConfig};
use crate::error::{Error, Result};
use crate::model::{EdgeProps, NodeId};

/// What a migration did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct MigrateReport {
    /// Schema version found.
    pub from: u32,
    /// Schema version the store has now.
    pub to: u32,
    /// Edges moved into out-lists.
    pub edges: u64,
    /// Out-lists written (nodes with at least one outgoing edge).
    pub lists: u64,
}

impl super::Store {
    /// Upgrades the store at `path` to this build's schema; a store already at
    /// it is left as it is.
    pub fn migrate(path: impl AsRef<Path>, config: &StoreConfig) -> Result<MigrateReport> {
        let path = path.as_ref();
        if !path.join("conf").exists() && !path.join("db").exists() {
            return Err(Error::NotAStore { path: path.to_path_buf(), reason: "no store here".into() });
        }
        let db = sled::Config::new().path(path).cache_capacity(config.cache_bytes).open()?;
        let meta = db.open_tree(TREE_META)?;
        let found = match meta.get(META_SCHEMA)? {
            Some(bytes) => bytes.as_ref().try_into().map(u32::from_be_bytes).unwrap_or(0),
            None => return Err(Error::NotAStore { path: path.to_path_buf(), reason: "no schema version".into() }),
        };
        let mut report = MigrateReport { from: found, to: found, ..MigrateReport::default() };
        match found {
            SCHEMA_VERSION => {}
            1 => {
                pack_out_lists(&db, &mut report)?;
                db.flush()?;
                meta.insert(META_SCHEMA, &SCHEMA_VERSION.to_be_bytes())?;
                db.flush()?;
                report.to = SCHEMA_VERSION;
            }
            _ => return Err(Error::SchemaMismatch { path: path.to_path_buf(), found, expected: SCHEMA_VERSION }),
        }
        finish(&db)?;
        Ok(report)
    }
}

/// Writes schema 2's `out` from schema 1's `edges_out`.
fn pack_out_lists(db: &sled::Db, report: &mut MigrateReport) -> Result<()> {
    let old = db.open_tree(TREE_V1_EDGES_OUT)?;
    let out = db.open_tree(TREE_OUT)?;
    out.clear()?;
    let mut source: Option<NodeId> = None;
    let mut list: Vec<OutEdge> = Vec::new();
    for item in old.iter() {
        let (key, value) = item?;
        let (src, kind, dst) = parse_edge_key(TREE_V1_EDGES_OUT, &key)?;
        let props: EdgeProps = decode(TREE_V1_EDGES_OUT, &key, &value)?;
        if source.is_some_and(|s| s != src) {
            write_list(&out, source, &mut list, report)?;
        }
        source = Some(src);
        list.push((kind, dst, props));
        report.edges += 1;
    }
    write_list(&out, source, &mut list, report)
}

fn write_list(
    out: &sled::Tree,
    source: Option<NodeId>,
    list: &mut Vec<OutEdge>,
    report: &mut MigrateReport,
) -> Result<()> {
    if let Some(src) = source.filter(|_| !list.is_empty()) {
        out.insert(src.to_key(), encode_list(std::mem::take(list)))?;
        report.lists += 1;
    }
    Ok(())
}

/// Drops schema 1's `edges_out` once the store is at schema 2 (a migration
/// killed after the version bump leaves it behind).
pub(super) fn finish(db: &sled::Db) -> Result<()> {
    if db.tree_names().iter().any(|name| name.as_ref() == TREE_V1_EDGES_OUT.as_bytes()) {
        db.drop_tree(TREE_V1_EDGES_OUT)?;
        db.flush()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    /// Rewrites a current store's edges in schema 1's layout, as a version-1 ckg left them.
    fn downgrade(store: &Store) {
        let old = store.db.open_tree(TREE_V1_EDGES_OUT).unwrap();
        for edge in store.all_edges() {
            let (src, kind, dst, props) = edge.unwrap();
            old.insert(edge_key(src, kind, dst), encode(&props)).unwrap();
        }
        store.out.clear().unwrap();
        store.meta.insert(META_SCHEMA, &1u32.to_be_bytes()).unwrap();
        store.flush().unwrap();
    }

    fn article(name: &str) -> String {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles");
        std::fs::read_to_string(dir.join(name)).unwrap()
    }

    #[test]
    fn a_version_1_store_is_refused_then_migrated_to_the_same_graph() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        let (edges, stats) = {
            let store = Store::open(&path).unwrap();
            for name in ["001_auno_borno_night_raid.txt", "002_kabul_girls_school_bombing.txt"] {
                store.ingest_article(&article(name), None).unwrap();
            }
            let edges: Vec<_> = store.all_edges().map(|e| e.unwrap()).collect();
            assert!(edges.len() > 10, "the articles give a graph: {}", edges.len());
            downgrade(&store);
            (edges, store.stats().unwrap())
        };
        let refused = Store::open(&path).err().expect("version 1 is refused");
        assert!(refused.to_string().contains("migrate"), "{refused}");

        let report = Store::migrate(&path, &StoreConfig::default()).unwrap();
        assert_eq!((report.from, report.to, report.edges), (1, SCHEMA_VERSION, edges.len() as u64));
        let store = Store::open(&path).unwrap();
        let migrated: Vec<_> = store.all_edges().map(|e| e.unwrap()).collect();
        assert_eq!(migrated, edges);
        assert_eq!(store.stats().unwrap(), stats);
        assert!(store.check().unwrap().is_ok(), "{:?}", store.check().unwrap().problems);
        assert!(!store.db.tree_names().iter().any(|n| n.as_ref() == TREE_V1_EDGES_OUT.as_bytes()));
        drop(store);
        let again = Store::migrate(&path, &StoreConfig::default()).unwrap();
        assert_eq!((again.from, again.to, again.edges), (SCHEMA_VERSION, SCHEMA_VERSION, 0));
    }
}
