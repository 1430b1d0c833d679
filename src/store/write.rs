//! Ingest: turning an extracted article into nodes and edges, atomically.

use std::collections::{BTreeMap, BTreeSet};

use sled::Transactional;
use sled::transaction::TransactionError;

use super::Store;
use super::adjacency::{OutEdge, merged_list};
use super::codec::*;
use crate::error::{Error, Result};
use crate::model::{
    Actor, ActorRecord, Article, DayNode, EdgeKind, EdgeProps, Evidence, ExtractedArticle, Incident, IncidentRecord,
    Node, NodeId, NodeKind, normalize_name,
};

/// What an ingest did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IngestOutcome {
    /// The article was new. `merged` incidents joined ones already stored from other articles.
    Ingested { article: NodeId, incidents: usize, merged: usize },
    /// The same article (same bytes) was already stored; nothing changed.
    Unchanged { article: NodeId },
}

/// Pending writes of one ingest, read through to the store.
pub(crate) struct WriteSet<'s> {
    store: &'s Store,
    nodes: BTreeMap<NodeId, Node>,
    edges: BTreeMap<(NodeId, EdgeKind, NodeId), EdgeProps>,
    names: BTreeSet<Vec<u8>>,
    dates: BTreeSet<Vec<u8>>,
    meta: BTreeMap<Vec<u8>, Vec<u8>>,
    new_nodes: BTreeMap<NodeKind, u64>,
    new_edges: BTreeMap<EdgeKind, u64>,
}

impl<'s> WriteSet<'s> {
    pub(crate) fn new(store: &'s Store) -> WriteSet<'s> {
        WriteSet {
            store,
            nodes: BTreeMap::new(),
            edges: BTreeMap::new(),
            names: BTreeSet::new(),
            dates: BTreeSet::new(),
            meta: BTreeMap::new(),
            new_nodes: BTreeMap::new(),
            new_edges: BTreeMap::new(),
        }
    }

    pub(crate) fn node(&self, id: NodeId) -> Result<Option<Node>> {
        match self.nodes.get(&id) {
            Some(node) => Ok(Some(node.clone())),
            None => self.store.node(id),
        }
    }

    /// Writes `node` unless an identical value is already stored.
    pub(crate) fn put_node(&mut self, id: NodeId, node: Node) -> Result<()> {
        if !self.nodes.contains_key(&id) {
            match self.store.node(id)? {
                Some(stored) if stored == node => return Ok(()),
                Some(_) => {}
                None => *self.new_nodes.entry(id.kind).or_default() += 1,
            }
        }
        self.nodes.insert(id, node);
        Ok(())
    }

    /// Creates an actor or adds the new aliases to the stored one.
    pub(crate) fn upsert_actor(&mut self, id: NodeId, actor: Actor, scoped: bool) -> Result<()> {
        let merged = match self.node(id)? {
            Some(Node::Actor(mut old)) => {
                for alias in actor.aliases {
                    if !old.aliases.contains(&alias) && alias != old.name {
                        old.aliases.push(alias);
                    }
                }
                if old.country.is_none() {
                    old.country = actor.country;
                }
                old
            }
            _ => actor,
        };
        if !merged.unnamed && !scoped {
            self.index_name(&merged.name, id);
            for alias in merged.aliases.clone() {
                self.index_name(&alias, id);
            }
        }
        self.put_node(id, Node::Actor(merged))
    }

    /// Adds an edge, merging properties into an existing one.
    pub(crate) fn put_edge(&mut self, src: NodeId, kind: EdgeKind, dst: NodeId, props: EdgeProps) -> Result<()> {
        let key = (src, kind, dst);
        if let Some(pending) = self.edges.get_mut(&key) {
            pending.merge(&props);
            return Ok(());
        }
        match self.store.edge_props(src, kind, dst)? {
            Some(mut stored) => {
                if stored.merge(&props) {
                    self.edges.insert(key, stored);
                }
            }
            None => {
                *self.new_edges.entry(kind).or_default() += 1;
                self.edges.insert(key, props);
            }
        }
        Ok(())
    }

    pub(crate) fn index_name(&mut self, name: &str, id: NodeId) {
        let norm = normalize_name(name);
        if !norm.is_empty() {
            self.names.insert(name_key(&norm, id));
        }
    }

    /// Adds a name index entry for an already normalised name (a store dump's entry, as it was).
    pub(crate) fn index_normalized_name(&mut self, normalized: &str, id: NodeId) {
        self.names.insert(name_key(normalized, id));
    }

    pub(crate) fn index_date(&mut self, date: chrono::NaiveDate, id: NodeId) {
        self.dates.insert(date_key(date, id));
    }

    pub(crate) fn put_meta(&mut self, key: Vec<u8>, value: Vec<u8>) {
        self.meta.insert(key, value);
    }

    pub(crate) fn is_pending(&self, id: NodeId) -> bool {
        self.nodes.contains_key(&id)
    }

    /// Applies every pending write in one transaction across all trees.
    pub(crate) fn commit(mut self) -> Result<()> {
        let store = self.store;
        for (kind, added) in std::mem::take(&mut self.new_nodes) {
            let key = node_count_key(kind);
            let old = store.meta.get(&key)?.map(|v| u64_value(&v)).unwrap_or(0);
            self.meta.insert(key, (old + added).to_be_bytes().to_vec());
        }
        for (kind, added) in std::mem::take(&mut self.new_edges) {
            let key = edge_count_key(kind);
            let old = store.meta.get(&key)?.map(|v| u64_value(&v)).unwrap_or(0);
            self.meta.insert(key, (old + added).to_be_bytes().to_vec());
        }
        let nodes: Vec<([u8; 9], Vec<u8>)> = self.nodes.iter().map(|(id, n)| (id.to_key(), encode(n))).collect();
        let in_keys: Vec<Vec<u8>> = self.edges.keys().map(|(s, k, d)| edge_key(*d, *k, *s)).collect();
        let lists = out_lists(store, std::mem::take(&mut self.edges))?;
        let trees = (&store.nodes, &store.out, &store.edges_in, &store.names, &store.dates, &store.meta);
        trees
            .transaction(|(nodes_t, out_t, in_t, names_t, dates_t, meta_t)| {
                for (key, value) in &nodes {
                    nodes_t.insert(&key[..], value.as_slice())?;
                }
                for (key, value) in &lists {
                    out_t.insert(&key[..], value.as_slice())?;
                }
                for key in &in_keys {
                    in_t.insert(key.as_slice(), &[][..])?;
                }
                for key in &self.names {
                    names_t.insert(key.as_slice(), &[][..])?;
                }
                for key in &self.dates {
                    dates_t.insert(key.as_slice(), &[][..])?;
                }
                for (key, value) in &self.meta {
                    meta_t.insert(key.as_slice(), value.as_slice())?;
                }
                Ok::<(), sled::transaction::ConflictableTransactionError<()>>(())
            })
            .map_err(|e| match e {
                TransactionError::Storage(e) => Error::Storage(e),
                TransactionError::Abort(()) => Error::InvalidArgument("ingest transaction aborted".into()),
            })
    }
}

/// The new out-list of every source with pending edges: its stored list with
/// the pending edges (already merged with their stored properties) written over it.
fn out_lists(store: &Store, edges: BTreeMap<(NodeId, EdgeKind, NodeId), EdgeProps>) -> Result<Vec<([u8; 9], Vec<u8>)>> {
    let mut by_source: BTreeMap<NodeId, Vec<OutEdge>> = BTreeMap::new();
    for ((src, kind, dst), props) in edges {
        by_source.entry(src).or_default().push((kind, dst, props));
    }
    let mut lists = Vec::with_capacity(by_source.len());
    for (src, upserts) in by_source {
        let key = src.to_key();
        let stored = store.out.get(key)?;
        if let Some(list) = merged_list(src, stored.as_deref(), upserts, &[])? {
            lists.push((key, list));
        }
    }
    Ok(lists)
}

impl Store {
    /// Stores an extracted article and its incidents in one atomic step.
    ///
    /// Re-ingesting the same article (same bytes) changes nothing. Incidents that
    /// match one already stored from another article (same type, dates within a
    /// day, places within 25 km or in the same admin area, compatible actors)
    /// are merged into it. Call [`Store::flush`] to make the result durable.
    pub fn ingest(&self, extracted: &ExtractedArticle) -> Result<IngestOutcome> {
        let _guard = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let article_id = extracted.article.node_id();
        if self.contains(article_id)? {
            return Ok(IngestOutcome::Unchanged { article: article_id });
        }
        let mut ws = WriteSet::new(self);
        ws.put_node(article_id, Node::Article(extracted.article.clone()))?;
        let mut merged = 0;
        for (ordinal, record) in extracted.incidents.iter().enumerate() {
            let fresh = NodeId::new(
                NodeKind::Incident,
                &[&extracted.article.content_hash.to_be_bytes(), &(ordinal as u64).to_be_bytes()],
            );
            let id = match super::records::find_duplicate(self, &ws, record)? {
                Some(existing) => {
                    merged += 1;
                    existing
                }
                None => fresh,
            };
            write_incident(&mut ws, id, record, &extracted.article, article_id)?;
        }
        let count = extracted.incidents.len() as u32;
        ws.put_meta(ingested_key(article_id), count.to_be_bytes().to_vec());
        ws.commit()?;
        Ok(IngestOutcome::Ingested { article: article_id, incidents: extracted.incidents.len(), merged })
    }
}

fn write_incident(
    ws: &mut WriteSet<'_>,
    id: NodeId,
    rec: &IncidentRecord,
    article: &Article,
    article_id: NodeId,
) -> Result<()> {
    let incident = match ws.node(id)? {
        Some(Node::Incident(old)) => merge_incident(old, rec),
        _ => Incident {
            kind: rec.kind,
            summary: rec.summary.clone(),
            date: rec.date,
            killed: rec.killed,
            injured: rec.injured,
            captured: rec.captured,
            weapons: rec.weapons.clone(),
        },
    };
    if let Some(date) = incident.date {
        ws.index_date(date.start, id);
        for day in date_nodes(&date) {
            let day_id = day.node_id();
            ws.put_node(day_id, Node::Date(day))?;
            ws.put_edge(id, EdgeKind::OccurredOn, day_id, EdgeProps::default())?;
        }
    }
    ws.put_node(id, Node::Incident(incident))?;
    write_places(ws, id, rec)?;
    write_roles(ws, id, rec, article_id)?;
    let evidence = rec.sources.iter().map(|s| Evidence { article: article_id, start: s.start, end: s.end }).collect();
    let _ = article;
    ws.put_edge(id, EdgeKind::ReportedIn, article_id, EdgeProps { evidence, ..EdgeProps::default() })
}

/// Combines a second report of an incident with the stored one: counts take
/// the larger figure (later reports tend to revise tolls upwards), a precise
/// date replaces a coarser one, weapons are unioned.
fn merge_incident(mut old: Incident, rec: &IncidentRecord) -> Incident {
    old.killed = max_opt(old.killed, rec.killed);
    old.injured = max_opt(old.injured, rec.injured);
    old.captured = max_opt(old.captured, rec.captured);
    if let Some(new) = rec.date {
        let better = old.date.is_none_or(|d| new.precision < d.precision || (d.assumed && !new.assumed));
        if better {
            old.date = Some(new);
        }
    }
    for w in &rec.weapons {
        if !old.weapons.contains(w) {
            old.weapons.push(w.clone());
        }
    }
    old
}

fn max_opt(a: Option<u32>, b: Option<u32>) -> Option<u32> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// The date nodes an incident links to: its start, and its end when that is a different day.
fn date_nodes(date: &crate::model::DateRange) -> Vec<DayNode> {
    let start = DayNode::new(date.start, date.precision);
    let end = DayNode::new(date.end, date.precision);
    if start == end { vec![start] } else { vec![start, end] }
}

fn write_places(ws: &mut WriteSet<'_>, incident: NodeId, rec: &IncidentRecord) -> Result<()> {
    for place in &rec.places {
        let mut previous: Option<NodeId> = None;
        for loc in &place.chain {
            let loc_id = loc.node_id();
            ws.index_name(&loc.name, loc_id);
            if ws.node(loc_id)?.is_none() {
                ws.put_node(loc_id, Node::Location(loc.clone()))?;
            }
            match previous {
                None => ws.put_edge(
                    incident,
                    EdgeKind::OccurredAt,
                    loc_id,
                    EdgeProps { mention: place.mention.clone(), ..EdgeProps::default() },
                )?,
                Some(inner) => ws.put_edge(inner, EdgeKind::LocatedIn, loc_id, EdgeProps::default())?,
            }
            previous = Some(loc_id);
        }
    }
    Ok(())
}

fn write_roles(ws: &mut WriteSet<'_>, incident: NodeId, rec: &IncidentRecord, article: NodeId) -> Result<()> {
    let roles: [(&[ActorRecord], EdgeKind, bool); 6] = [
        (&rec.perpetrators, EdgeKind::PerpetratedBy, false),
        (&rec.targets, EdgeKind::Targeted, false),
        (&rec.victims, EdgeKind::Targeted, true),
        (&rec.claimed_by, EdgeKind::ClaimedBy, false),
        (&rec.attributed_to, EdgeKind::AttributedTo, false),
        (&rec.denied_by, EdgeKind::DeniedBy, false),
    ];
    for (actors, kind, victim) in roles {
        for actor in actors {
            let actor_id = write_actor(ws, incident, actor)?;
            let evidence = actor.span.map(|(start, end)| vec![Evidence { article, start, end }]).unwrap_or_default();
            let props = EdgeProps {
                mention: Some(actor.mention.clone()),
                by: actor.by.clone(),
                mode: actor.mode.clone(),
                victim,
                evidence,
            };
            ws.put_edge(incident, kind, actor_id, props)?;
        }
    }
    Ok(())
}

/// Upserts the actor node (and its parent, with a PART_OF edge) and returns its id.
fn write_actor(ws: &mut WriteSet<'_>, incident: NodeId, rec: &ActorRecord) -> Result<NodeId> {
    let scope = (rec.kind.is_generic() || rec.scoped).then_some(incident);
    let id = Actor::node_id(&rec.name, rec.kind, scope);
    let actor = Actor {
        name: rec.name.clone(),
        kind: rec.kind,
        aliases: rec.aliases.clone(),
        country: rec.country.clone(),
        unnamed: scope.is_some(),
    };
    ws.upsert_actor(id, actor, scope.is_some())?;
    if let Some(parent) = &rec.parent {
        let parent_id = Actor::node_id(parent, rec.kind, None);
        if ws.node(parent_id)?.is_none() {
            let node = Actor {
                name: parent.clone(),
                kind: rec.kind,
                aliases: rec.parent_aliases.clone(),
                country: None,
                unnamed: false,
            };
            ws.upsert_actor(parent_id, node, false)?;
        }
        if parent_id != id {
            ws.put_edge(id, EdgeKind::PartOf, parent_id, EdgeProps::default())?;
        }
    }
    Ok(id)
}
