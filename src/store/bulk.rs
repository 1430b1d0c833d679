//! Bulk writes of dataset rows (ACLED, UCDP, GDELT, ICEWS imports).
//!
//! A row becomes an incident `REPORTED_IN` a [`Record`] node (dataset + row id);
//! the incident's id is derived from the record's, so importing the same row
//! again updates the incident instead of adding a second one. Rows are written
//! many at a time, keys and values encoded exactly as [`super::write`] does.
//!
//! A batch is written in two steps. First, everything scoped to the incidents of
//! rows never stored before (incident and incident-scoped actor nodes, their
//! edges, every date and name index change) goes in with one plain sled batch per
//! tree: no reads, and nothing else depends on those keys. Then one transaction
//! across the trees writes the record nodes, shared nodes and edges, every
//! change to rows stored before, and the counters. The record node is the row's
//! commit marker: sled recovers a prefix of its log, so a killed import leaves
//! either both steps, or the first without the second, whose rows have no
//! record yet, are imported again as new, rewrite the same keys and only then
//! count. A transaction per batch across all trees was 1.3 times slower.
//!
//! Unlike article ingest, which reads every node and edge it touches before
//! writing, a row whose record is not yet stored is known to be new along with
//! everything scoped to its incident, so only shared nodes (actors, places,
//! days) are read, and those once per writer: a cache remembers which of them
//! are already stored as written.

use std::collections::{BTreeMap, HashMap, HashSet};

use sled::Transactional;
use sled::transaction::TransactionError;

mod plan;

use plan::{RowPlan, plan_row};

use super::Store;
use super::adjacency::{OutEdge, encode_list, merged_list};
use super::codec::*;
use crate::error::{Error, Result};
use crate::model::{
    Actor, EdgeKind, EdgeProps, IncidentRecord, Node, NodeId, NodeKind, Record, normalize_name, stable_hash,
};

/// What a batch did, by row.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct BulkOutcome {
    /// Rows whose record was not stored before.
    pub new: u64,
    /// Rows already stored whose incident changed.
    pub updated: u64,
    /// Rows already stored exactly as given.
    pub unchanged: u64,
}

impl BulkOutcome {
    pub fn add(&mut self, other: BulkOutcome) {
        self.new += other.new;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
    }
}

/// The incident a dataset row describes: derived from its record, so stable across imports.
pub fn record_incident_id(record: &Record) -> NodeId {
    let rid = record.node_id();
    NodeId::new(NodeKind::Incident, &[b"record", &rid.hash.to_be_bytes()])
}

/// Above this many entries a writer's caches are dropped, keeping memory bounded.
const CACHE_LIMIT: usize = 2_000_000;

type EdgeKey = (NodeId, EdgeKind, NodeId);

/// Writes batches of dataset rows; keeps a cache of shared nodes between batches.
pub struct BulkWriter<'s> {
    store: &'s Store,
    /// Shared nodes for which writing the value with this hash is known to change nothing.
    known_nodes: HashMap<NodeId, u64>,
    /// Edges between shared nodes known to be stored.
    known_edges: HashSet<EdgeKey>,
}

/// Pending writes of one batch.
#[derive(Default)]
struct Batch {
    /// Nodes and edges of new rows' incidents, written before the transaction.
    fresh_nodes: Vec<(NodeId, Node)>,
    fresh_edges: Vec<(EdgeKey, EdgeProps)>,
    nodes: HashMap<NodeId, Node>,
    del_nodes: HashSet<NodeId>,
    edges: HashMap<EdgeKey, EdgeProps>,
    del_edges: HashSet<EdgeKey>,
    names: HashSet<Vec<u8>>,
    dates: HashSet<Vec<u8>>,
    del_dates: HashSet<Vec<u8>>,
    node_delta: BTreeMap<NodeKind, i64>,
    edge_delta: BTreeMap<EdgeKind, i64>,
    learned_nodes: Vec<(NodeId, u64)>,
    learned_edges: Vec<EdgeKey>,
}

impl Batch {
    fn new_node(&mut self, id: NodeId, node: Node) {
        *self.node_delta.entry(id.kind).or_default() += 1;
        self.nodes.insert(id, node);
    }

    fn new_edge(&mut self, key: EdgeKey, props: EdgeProps) {
        *self.edge_delta.entry(key.1).or_default() += 1;
        self.edges.insert(key, props);
    }

    fn fresh_node(&mut self, id: NodeId, node: Node) {
        *self.node_delta.entry(id.kind).or_default() += 1;
        self.fresh_nodes.push((id, node));
    }

    fn fresh_edge(&mut self, key: EdgeKey, props: EdgeProps) {
        *self.edge_delta.entry(key.1).or_default() += 1;
        self.fresh_edges.push((key, props));
    }

    fn remove_edge(&mut self, key: EdgeKey) {
        *self.edge_delta.entry(key.1).or_default() -= 1;
        self.del_edges.insert(key);
    }

    fn index_name(&mut self, name: &str, id: NodeId) {
        let norm = normalize_name(name);
        if !norm.is_empty() {
            self.names.insert(name_key(&norm, id));
        }
    }
}

impl Store {
    /// Writes dataset rows in one transaction; see [`BulkWriter`] for many batches.
    pub fn ingest_records(&self, batch: &[(Record, IncidentRecord)]) -> Result<BulkOutcome> {
        BulkWriter::new(self).write(batch)
    }
}

impl<'s> BulkWriter<'s> {
    pub fn new(store: &'s Store) -> BulkWriter<'s> {
        BulkWriter { store, known_nodes: HashMap::new(), known_edges: HashSet::new() }
    }

    /// Writes `rows`, one transaction per run of distinct records (a record
    /// repeated within `rows` starts a new transaction, so the later row wins).
    pub fn write(&mut self, rows: &[(Record, IncidentRecord)]) -> Result<BulkOutcome> {
        let mut outcome = BulkOutcome::default();
        let mut start = 0;
        let mut seen = HashSet::new();
        for (i, (record, _)) in rows.iter().enumerate() {
            if !seen.insert(record.node_id()) {
                outcome.add(self.write_distinct(&rows[start..i])?);
                seen.clear();
                seen.insert(record.node_id());
                start = i;
            }
        }
        outcome.add(self.write_distinct(&rows[start..])?);
        Ok(outcome)
    }

    fn write_distinct(&mut self, rows: &[(Record, IncidentRecord)]) -> Result<BulkOutcome> {
        if rows.is_empty() {
            return Ok(BulkOutcome::default());
        }
        let store = self.store;
        let _guard = store.writer.lock().unwrap_or_else(|p| p.into_inner());
        let (batch, outcome) = self.prepare(rows)?;
        self.commit(batch)?;
        Ok(outcome)
    }

    /// Plans the writes of distinct rows; reads the store, writes nothing.
    fn prepare(&mut self, rows: &[(Record, IncidentRecord)]) -> Result<(Batch, BulkOutcome)> {
        let mut outcome = BulkOutcome::default();
        let mut batch = Batch::default();
        for (record, rec) in rows {
            let record_id = record.node_id();
            let plan = plan_row(record, rec);
            self.write_shared(&mut batch, &plan)?;
            if self.store.contains(record_id)? {
                if self.update_incident(&mut batch, &plan)? {
                    outcome.updated += 1;
                } else {
                    outcome.unchanged += 1;
                }
            } else {
                batch.new_node(record_id, Node::Record(record.clone()));
                self.insert_incident(&mut batch, &plan);
                outcome.new += 1;
            }
        }
        Ok((batch, outcome))
    }

    /// Actors, places and days the row links to, and the edges among them.
    fn write_shared(&mut self, batch: &mut Batch, plan: &RowPlan) -> Result<()> {
        for day in &plan.days {
            self.ensure_node(batch, day.node_id(), Node::Date(*day), None)?;
        }
        for loc in &plan.places {
            let name = Some(loc.name.as_str());
            self.ensure_node(batch, loc.node_id(), Node::Location(loc.clone()), name)?;
        }
        for (inner, outer) in &plan.located_in {
            self.ensure_edge(batch, (*inner, EdgeKind::LocatedIn, *outer))?;
        }
        for (id, actor, parent) in &plan.actors {
            if let Some((parent_id, parent_actor)) = parent {
                self.ensure_node(batch, *parent_id, Node::Actor(parent_actor.clone()), None)?;
            }
            self.ensure_actor(batch, *id, actor)?;
            if let Some((parent_id, _)) = parent {
                self.ensure_edge(batch, (*id, EdgeKind::PartOf, *parent_id))?;
            }
        }
        Ok(())
    }

    /// Stores `node` unless a node with this id exists (places, days, parent actors).
    fn ensure_node(&mut self, batch: &mut Batch, id: NodeId, node: Node, name: Option<&str>) -> Result<()> {
        if self.known_nodes.contains_key(&id) || batch.nodes.contains_key(&id) {
            return Ok(());
        }
        if !self.store.contains(id)? {
            if let Node::Actor(a) = &node {
                index_actor(batch, id, a);
            }
            batch.new_node(id, node);
        }
        if let Some(name) = name {
            batch.index_name(name, id);
        }
        batch.learned_nodes.push((id, 0));
        Ok(())
    }

    /// Creates a named actor or adds new aliases (and a missing country) to the stored one.
    fn ensure_actor(&mut self, batch: &mut Batch, id: NodeId, actor: &Actor) -> Result<()> {
        let hash = stable_hash(&[&encode(actor)]);
        if self.known_nodes.get(&id) == Some(&hash) {
            return Ok(());
        }
        let stored = match batch.nodes.get(&id) {
            Some(node) => Some(node.clone()),
            None => self.store.node(id)?,
        };
        match stored {
            Some(Node::Actor(old)) => {
                let merged = merge_actor(old.clone(), actor);
                index_actor(batch, id, &merged);
                if merged != old {
                    batch.nodes.insert(id, Node::Actor(merged));
                }
            }
            Some(_) => {}
            None => {
                index_actor(batch, id, actor);
                batch.new_node(id, Node::Actor(actor.clone()));
            }
        }
        batch.learned_nodes.push((id, hash));
        Ok(())
    }

    /// Adds a property-less edge between shared nodes unless it is stored.
    fn ensure_edge(&mut self, batch: &mut Batch, key: EdgeKey) -> Result<()> {
        if self.known_edges.contains(&key) || batch.edges.contains_key(&key) {
            return Ok(());
        }
        if self.store.edge_props(key.0, key.1, key.2)?.is_none() {
            batch.new_edge(key, EdgeProps::default());
        }
        batch.learned_edges.push(key);
        Ok(())
    }

    /// A row never stored: everything scoped to its incident is new, nothing to read.
    fn insert_incident(&mut self, batch: &mut Batch, plan: &RowPlan) {
        let id = plan.incident;
        if let Some(date) = plan.node.date {
            batch.dates.insert(date_key(date.start, id));
        }
        batch.fresh_node(id, Node::Incident(plan.node.clone()));
        for (scoped, actor, parent) in &plan.scoped {
            batch.fresh_node(*scoped, Node::Actor(actor.clone()));
            if let Some(parent) = parent {
                batch.fresh_edge((*scoped, EdgeKind::PartOf, *parent), EdgeProps::default());
            }
        }
        for ((kind, other), props) in &plan.edges {
            batch.fresh_edge((id, *kind, *other), props.clone());
        }
    }

    /// A row stored before: rewrites what differs, drops edges the row no longer has.
    /// Returns whether anything changed.
    fn update_incident(&mut self, batch: &mut Batch, plan: &RowPlan) -> Result<bool> {
        let store = self.store;
        let id = plan.incident;
        let mut changed = false;
        let old = match store.node(id)? {
            Some(Node::Incident(old)) => Some(old),
            _ => None,
        };
        if old.as_ref() != Some(&plan.node) {
            changed = true;
            let old_start = old.as_ref().and_then(|o| o.date).map(|d| d.start);
            let new_start = plan.node.date.map(|d| d.start);
            if old_start != new_start
                && let Some(start) = old_start
            {
                batch.del_dates.insert(date_key(start, id));
            }
            if let Some(start) = new_start {
                batch.dates.insert(date_key(start, id));
            }
            match old {
                Some(_) => {
                    batch.nodes.insert(id, Node::Incident(plan.node.clone()));
                }
                None => batch.new_node(id, Node::Incident(plan.node.clone())),
            }
        }
        for (scoped, actor, parent) in &plan.scoped {
            changed |= self.put_scoped(batch, *scoped, actor, *parent)?;
        }
        changed |= self.sync_edges(batch, plan)?;
        Ok(changed)
    }

    fn put_scoped(&mut self, batch: &mut Batch, id: NodeId, actor: &Actor, parent: Option<NodeId>) -> Result<bool> {
        let node = Node::Actor(actor.clone());
        let mut changed = false;
        match self.store.node(id)? {
            Some(old) if old == node => {}
            Some(_) => {
                batch.nodes.insert(id, node);
                changed = true;
            }
            None => {
                batch.new_node(id, node);
                changed = true;
            }
        }
        if let Some(parent) = parent
            && self.store.edge_props(id, EdgeKind::PartOf, parent)?.is_none()
        {
            batch.new_edge((id, EdgeKind::PartOf, parent), EdgeProps::default());
            changed = true;
        }
        Ok(changed)
    }

    /// Makes the incident's outgoing edges those of `plan`, keeping what articles
    /// added (edges with evidence, REPORTED_IN).
    fn sync_edges(&mut self, batch: &mut Batch, plan: &RowPlan) -> Result<bool> {
        let id = plan.incident;
        let mut changed = false;
        let old_edges = self.store.out_edges(id, None)?;
        for edge in &old_edges {
            let keep = plan.edges.contains_key(&(edge.kind, edge.other))
                || edge.kind == EdgeKind::ReportedIn
                || !edge.props.evidence.is_empty();
            if keep {
                continue;
            }
            changed = true;
            batch.remove_edge((id, edge.kind, edge.other));
            let replanned = plan.scoped.iter().any(|(s, _, _)| *s == edge.other);
            if !replanned && self.is_scoped_to(edge.other, id)? {
                self.drop_scoped(batch, edge.other)?;
            }
        }
        for ((kind, other), props) in &plan.edges {
            let old = old_edges.iter().find(|e| e.kind == *kind && e.other == *other);
            match old {
                Some(edge) => {
                    let mut merged = props.clone();
                    merged.merge(&edge.props);
                    if merged != edge.props {
                        batch.edges.insert((id, *kind, *other), merged);
                        changed = true;
                    }
                }
                None => {
                    batch.new_edge((id, *kind, *other), props.clone());
                    changed = true;
                }
            }
        }
        Ok(changed)
    }

    fn is_scoped_to(&self, actor: NodeId, incident: NodeId) -> Result<bool> {
        if actor.kind != NodeKind::Actor {
            return Ok(false);
        }
        let unnamed = matches!(self.store.node(actor)?, Some(Node::Actor(a)) if a.unnamed);
        let links = self.store.in_edges(actor, None)?;
        Ok(unnamed && links.iter().all(|(_, src)| *src == incident))
    }

    /// Deletes an incident-scoped actor that its incident no longer names.
    fn drop_scoped(&mut self, batch: &mut Batch, actor: NodeId) -> Result<()> {
        for edge in self.store.out_edges(actor, None)? {
            batch.remove_edge((actor, edge.kind, edge.other));
        }
        *batch.node_delta.entry(NodeKind::Actor).or_default() -= 1;
        batch.del_nodes.insert(actor);
        Ok(())
    }

    fn commit(&mut self, mut batch: Batch) -> Result<()> {
        let store = self.store;
        let mut meta: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
        let counters = std::mem::take(&mut batch.node_delta)
            .into_iter()
            .map(|(k, d)| (node_count_key(k), d))
            .chain(std::mem::take(&mut batch.edge_delta).into_iter().map(|(k, d)| (edge_count_key(k), d)));
        for (key, delta) in counters {
            if delta == 0 {
                continue;
            }
            let old = store.meta.get(&key)?.map(|v| u64_value(&v)).unwrap_or(0);
            let new = (old as i64 + delta).max(0) as u64;
            meta.push((key, new.to_be_bytes().to_vec()));
        }
        apply_fresh(store, &batch)?;
        apply(store, &batch, &meta)?;
        self.learn(batch);
        Ok(())
    }

    fn learn(&mut self, batch: Batch) {
        if self.known_nodes.len() + self.known_edges.len() > CACHE_LIMIT {
            self.known_nodes.clear();
            self.known_edges.clear();
        }
        self.known_nodes.extend(batch.learned_nodes);
        self.known_edges.extend(batch.learned_edges);
    }
}

/// The first step: new incidents' keys, tree by tree, in key order, as plain
/// inserts. Atomicity is not needed here (a re-run writes the same keys, and
/// nothing points at them until the second step), and sled 0.34 holds on to
/// memory after large `apply_batch` calls: 12.9 GB of RSS at 1M incidents.
fn apply_fresh(store: &Store, batch: &Batch) -> Result<()> {
    let nodes = batch.fresh_nodes.iter().map(|(id, n)| (id.to_key(), encode(n)));
    insert_in_order(&store.nodes, nodes.collect())?;
    // Sources of fresh edges are incidents of rows never stored and their scoped
    // actors: their lists are whole here, so they are written without reading.
    let mut lists: BTreeMap<NodeId, Vec<OutEdge>> = BTreeMap::new();
    for ((src, kind, dst), props) in &batch.fresh_edges {
        lists.entry(*src).or_default().push((*kind, *dst, props.clone()));
    }
    let out = lists.into_iter().map(|(src, edges)| (src.to_key(), encode_list(edges)));
    insert_in_order(&store.out, out.collect())?;
    let inn = batch.fresh_edges.iter().map(|((s, k, d), _)| (edge_key(*d, *k, *s), &[][..]));
    insert_in_order(&store.edges_in, inn.collect())?;
    insert_in_order(&store.names, batch.names.iter().map(|k| (k, &[][..])).collect())?;
    for key in &batch.del_dates {
        store.dates.remove(key.as_slice())?;
    }
    insert_in_order(&store.dates, batch.dates.iter().map(|k| (k, &[][..])).collect())
}

/// Inserts `entries` into `tree` one by one, in key order.
fn insert_in_order<K: AsRef<[u8]> + Ord, V: AsRef<[u8]>>(tree: &sled::Tree, mut entries: Vec<(K, V)>) -> Result<()> {
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (key, value) in entries {
        tree.insert(key.as_ref(), value.as_ref())?;
    }
    Ok(())
}

/// The second step: one transaction across the trees, the counters included.
fn apply(store: &Store, batch: &Batch, meta: &[(Vec<u8>, Vec<u8>)]) -> Result<()> {
    let nodes: Vec<([u8; 9], Vec<u8>)> = batch.nodes.iter().map(|(id, n)| (id.to_key(), encode(n))).collect();
    let in_keys: Vec<Vec<u8>> = batch.edges.keys().map(|(s, k, d)| edge_key(*d, *k, *s)).collect();
    let del_in_keys: Vec<Vec<u8>> = batch.del_edges.iter().map(|(s, k, d)| edge_key(*d, *k, *s)).collect();
    let lists = changed_lists(store, batch)?;
    let trees = (&store.nodes, &store.out, &store.edges_in, &store.meta);
    trees
        .transaction(|(nodes_t, out_t, in_t, meta_t)| {
            for id in &batch.del_nodes {
                nodes_t.remove(&id.to_key()[..])?;
            }
            for (key, value) in &nodes {
                nodes_t.insert(&key[..], value.as_slice())?;
            }
            for (key, list) in &lists {
                match list {
                    Some(value) => out_t.insert(&key[..], value.as_slice())?,
                    None => out_t.remove(&key[..])?,
                };
            }
            for key in &del_in_keys {
                in_t.remove(key.as_slice())?;
            }
            for key in &in_keys {
                in_t.insert(key.as_slice(), &[][..])?;
            }
            for (key, value) in meta {
                meta_t.insert(key.as_slice(), value.as_slice())?;
            }
            Ok::<(), sled::transaction::ConflictableTransactionError<()>>(())
        })
        .map_err(|e| match e {
            TransactionError::Storage(e) => Error::Storage(e),
            TransactionError::Abort(()) => Error::InvalidArgument("bulk transaction aborted".into()),
        })
}

/// A source's key and its new out-list, `None` when it has no edge left.
type ListChange = ([u8; 9], Option<Vec<u8>>);
/// Edges written over a stored out-list, and edges taken out of it.
type ListEdits = (Vec<OutEdge>, Vec<(EdgeKind, NodeId)>);

/// The out-list of every source the transaction changes (`None`: no edge left),
/// read after the first step, so lists it wrote are merged, not replaced.
fn changed_lists(store: &Store, batch: &Batch) -> Result<Vec<ListChange>> {
    let mut changes: BTreeMap<NodeId, ListEdits> = BTreeMap::new();
    for ((src, kind, dst), props) in &batch.edges {
        changes.entry(*src).or_default().0.push((*kind, *dst, props.clone()));
    }
    for (src, kind, dst) in &batch.del_edges {
        changes.entry(*src).or_default().1.push((*kind, *dst));
    }
    let mut lists = Vec::with_capacity(changes.len());
    for (src, (upserts, removals)) in changes {
        let key = src.to_key();
        let stored = store.out.get(key)?;
        lists.push((key, merged_list(src, stored.as_deref(), upserts, &removals)?));
    }
    Ok(lists)
}

fn index_actor(batch: &mut Batch, id: NodeId, actor: &Actor) {
    if actor.unnamed {
        return;
    }
    batch.index_name(&actor.name, id);
    for alias in &actor.aliases {
        batch.index_name(alias, id);
    }
}

/// Article ingest's actor upsert: new aliases are appended, a missing country filled.
fn merge_actor(mut old: Actor, new: &Actor) -> Actor {
    for alias in &new.aliases {
        if !old.aliases.contains(alias) && *alias != old.name {
            old.aliases.push(alias.clone());
        }
    }
    if old.country.is_none() {
        old.country.clone_from(&new.country);
    }
    old
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{Dataset, GenOptions, ImportOptions, Resolver, Row, generate, read_file};

    fn generated_rows(dir: &std::path::Path) -> Vec<(Record, IncidentRecord)> {
        let path = dir.join("gen.csv");
        let options = GenOptions { incidents: 400, seed: 7, actors: 60 };
        generate(&options, std::fs::File::create(&path).unwrap()).unwrap();
        let mut rows = Vec::new();
        read_file(Dataset::Gen, &path, &ImportOptions::default(), &mut Resolver::new(), |row, _| {
            if let Row::Parsed(record, incident) = row {
                rows.push((record, *incident));
            }
            Ok(())
        })
        .unwrap();
        rows
    }

    /// Every key of every tree, to compare two stores exactly.
    fn contents(store: &Store) -> Vec<(Vec<u8>, Vec<u8>)> {
        let trees = [&store.nodes, &store.out, &store.edges_in, &store.names, &store.dates, &store.meta];
        let items = trees.iter().flat_map(|t| t.iter().map(|kv| kv.unwrap()));
        items.map(|(k, v)| (k.to_vec(), v.to_vec())).collect()
    }

    #[test]
    fn a_crash_between_the_two_steps_is_repaired_by_the_rerun() {
        let dir = tempfile::tempdir().unwrap();
        let rows = generated_rows(dir.path());
        assert_eq!(rows.len(), 400);
        let whole = Store::open(dir.path().join("whole")).unwrap();
        BulkWriter::new(&whole).write(&rows).unwrap();

        let crashed = Store::open(dir.path().join("crashed")).unwrap();
        let mut writer = BulkWriter::new(&crashed);
        writer.write(&rows[..150]).unwrap();
        // The last batch got its first step to disk and not its transaction.
        let (batch, _) = writer.prepare(&rows[150..300]).unwrap();
        apply_fresh(&crashed, &batch).unwrap();
        assert!(!crashed.check().unwrap().is_ok(), "half a batch should be visible to check");

        let rerun = BulkWriter::new(&crashed).write(&rows).unwrap();
        assert_eq!((rerun.new, rerun.unchanged), (250, 150));
        assert!(crashed.check().unwrap().is_ok(), "{:?}", crashed.check().unwrap().problems);
        assert_eq!(contents(&crashed), contents(&whole));
    }
}
