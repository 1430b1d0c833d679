//! The whole store as a stream of items, and loading such a stream back:
//! the basis of `ckg export jsonl` and `ckg import jsonl`.
//!
//! A dump holds every node, every edge with its properties, every name and
//! date index entry, and the meta entries that are data (article completion
//! markers, dictionary entries). It leaves out what the store derives itself:
//! the schema version, the format tag and the node and edge counters, which
//! the import keeps as every write does. Loading a dump into an empty store
//! gives back the same trees, byte for byte.

use std::sync::MutexGuard;

use chrono::NaiveDate;

use super::Store;
use super::codec::*;
use super::write::WriteSet;
use crate::error::{Error, Result};
use crate::model::{EdgeKind, EdgeProps, Node, NodeId};

/// One entry of a store dump.
#[derive(Clone, Debug, PartialEq)]
pub enum RawItem {
    Node(NodeId, Node),
    Edge(NodeId, EdgeKind, NodeId, EdgeProps),
    /// A name index entry: the normalised name and the node it leads to.
    Name(String, NodeId),
    /// A date index entry: an incident and its start day.
    Date(NaiveDate, NodeId),
    /// A meta entry that is data: `ingested:<article key>` markers, `dict:<name>` entries.
    Meta(Vec<u8>, Vec<u8>),
}

/// Meta entries a dump leaves out: the store keeps them itself.
fn derived_meta(key: &[u8]) -> bool {
    key == META_SCHEMA || key == META_FORMAT || key.starts_with(b"count:")
}

/// What an import read, by item kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct RawImport {
    pub nodes: u64,
    pub edges: u64,
    pub names: u64,
    pub dates: u64,
    pub meta: u64,
    /// Nodes and edges the store did not hold before.
    pub new_nodes: u64,
    pub new_edges: u64,
}

impl Store {
    /// Every node, edge, index entry and data meta entry, in that order, each in key order.
    pub fn export_raw(&self) -> impl Iterator<Item = Result<RawItem>> + '_ {
        let nodes = self.all_nodes().map(|n| n.map(|(id, node)| RawItem::Node(id, node)));
        let edges = self.all_edges().map(|e| e.map(|(s, k, d, p)| RawItem::Edge(s, k, d, p)));
        let names = self.names.iter().map(|item| {
            let (key, _) = item?;
            let (name, node) = parse_name_key(&key)?;
            Ok(RawItem::Name(name, node))
        });
        let dates = self.dates.iter().map(|item| {
            let (key, _) = item?;
            let (date, node) = parse_date_key(&key)?;
            Ok(RawItem::Date(date, node))
        });
        let meta = self.meta.iter().filter_map(|item| match item {
            Ok((key, _)) if derived_meta(&key) => None,
            Ok((key, value)) => Some(Ok(RawItem::Meta(key.to_vec(), value.to_vec()))),
            Err(e) => Some(Err(Error::from(e))),
        });
        nodes.chain(edges).chain(names).chain(dates).chain(meta)
    }

    /// Starts loading a dump. Holds the store's writer lock until finished.
    pub fn raw_importer(&self) -> Result<RawImporter<'_>> {
        let guard = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let before = self.stats()?;
        Ok(RawImporter {
            store: self,
            ws: Some(WriteSet::new(self)),
            pending: 0,
            batch: 10_000,
            counts: RawImport::default(),
            before: (before.total_nodes(), before.total_edges()),
            _guard: guard,
        })
    }

    /// Loads every item of `items` (see [`RawImporter::push`]) and flushes.
    pub fn import_raw(&self, items: impl IntoIterator<Item = Result<RawItem>>) -> Result<RawImport> {
        let mut importer = self.raw_importer()?;
        for item in items {
            importer.push(item?)?;
        }
        importer.finish()
    }
}

/// Loads dump items, committing one sled transaction per batch of items.
///
/// Into an empty store, the result equals the dumped store. Into a store that
/// already holds data: a node of the same id is replaced (an actor keeps its
/// aliases and gains the dump's), an edge that exists merges the dump's
/// properties, and index and meta entries are added. Every edge, name and
/// date entry must lead to a node in the dump (before it) or in the store.
pub struct RawImporter<'s> {
    store: &'s Store,
    ws: Option<WriteSet<'s>>,
    pending: usize,
    batch: usize,
    counts: RawImport,
    before: (u64, u64),
    _guard: MutexGuard<'s, ()>,
}

impl<'s> RawImporter<'s> {
    /// Adds one item; an item that would leave the store inconsistent is an error.
    pub fn push(&mut self, item: RawItem) -> Result<()> {
        let store = self.store;
        let ws = self.ws.get_or_insert_with(|| WriteSet::new(store));
        match item {
            RawItem::Node(id, node) => {
                if node.kind() != id.kind {
                    return Err(Error::InvalidArgument(format!("node {id} holds a {} value", node.kind().as_str())));
                }
                match node {
                    Node::Actor(actor) if ws.node(id)?.is_some() => ws.upsert_actor(id, actor, true)?,
                    node => ws.put_node(id, node)?,
                }
                self.counts.nodes += 1;
            }
            RawItem::Edge(src, kind, dst, props) => {
                for end in [src, dst] {
                    require_node(store, ws, end, || format!("edge {src} -{}-> {dst}", kind.as_str()))?;
                }
                ws.put_edge(src, kind, dst, props)?;
                self.counts.edges += 1;
            }
            RawItem::Name(name, node) => {
                if name.is_empty() || name.contains('\0') {
                    return Err(Error::InvalidArgument(format!("name index entry {name:?} is empty or holds NUL")));
                }
                require_node(store, ws, node, || format!("name index entry {name:?}"))?;
                ws.index_normalized_name(&name, node);
                self.counts.names += 1;
            }
            RawItem::Date(date, node) => {
                require_node(store, ws, node, || format!("date index entry {date}"))?;
                ws.index_date(date, node);
                self.counts.dates += 1;
            }
            RawItem::Meta(key, value) => {
                if !derived_meta(&key) {
                    ws.put_meta(key, value);
                    self.counts.meta += 1;
                }
            }
        }
        self.pending += 1;
        if self.pending >= self.batch {
            self.commit()?;
        }
        Ok(())
    }

    fn commit(&mut self) -> Result<()> {
        self.pending = 0;
        match self.ws.take() {
            Some(ws) => ws.commit(),
            None => Ok(()),
        }
    }

    /// Commits what is pending and flushes; returns what was read.
    pub fn finish(mut self) -> Result<RawImport> {
        self.commit()?;
        self.store.flush()?;
        let after = self.store.stats()?;
        self.counts.new_nodes = after.total_nodes() - self.before.0;
        self.counts.new_edges = after.total_edges() - self.before.1;
        Ok(self.counts)
    }
}

fn require_node(store: &Store, ws: &WriteSet<'_>, id: NodeId, what: impl Fn() -> String) -> Result<()> {
    if !ws.is_pending(id) && !store.contains(id)? {
        return Err(Error::InvalidArgument(format!(
            "{}: node {id} is neither in the dump before it nor in the store",
            what()
        )));
    }
    Ok(())
}
