//! Typed reads: nodes, edges in both directions, the name and date indexes.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::codec::*;
use super::{Store, adjacency};
use crate::error::Result;
use crate::model::{EdgeKind, EdgeProps, Node, NodeId, NodeKind, edit_distance, normalize_name};

/// An edge seen from one end: its kind, the node at the other end, its properties.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub kind: EdgeKind,
    pub other: NodeId,
    pub props: EdgeProps,
}

/// Node and edge counts by kind.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub nodes: BTreeMap<String, u64>,
    pub edges: BTreeMap<String, u64>,
}

impl Stats {
    pub fn total_nodes(&self) -> u64 {
        self.nodes.values().sum()
    }

    pub fn total_edges(&self) -> u64 {
        self.edges.values().sum()
    }
}

impl Store {
    pub fn node(&self, id: NodeId) -> Result<Option<Node>> {
        let key = id.to_key();
        match self.nodes.get(key)? {
            Some(bytes) => Ok(Some(decode(TREE_NODES, &key, &bytes)?)),
            None => Ok(None),
        }
    }

    pub fn contains(&self, id: NodeId) -> Result<bool> {
        Ok(self.nodes.contains_key(id.to_key())?)
    }

    /// Edges leaving `id`, optionally of one kind.
    pub fn out_edges(&self, id: NodeId, kind: Option<EdgeKind>) -> Result<Vec<Edge>> {
        let key = id.to_key();
        let Some(bytes) = self.out.get(key)? else { return Ok(Vec::new()) };
        let edges = adjacency::decode_list(&key, &bytes)?.into_iter();
        let wanted = edges.filter(|(k, _, _)| kind.is_none_or(|kind| *k == kind));
        Ok(wanted.map(|(kind, other, props)| Edge { kind, other, props }).collect())
    }

    /// Kinds and targets of the edges leaving `id`, without their properties:
    /// for traversals, which need only the shape.
    pub fn out_neighbors(&self, id: NodeId, kind: Option<EdgeKind>) -> Result<Vec<(EdgeKind, NodeId)>> {
        let key = id.to_key();
        let Some(bytes) = self.out.get(key)? else { return Ok(Vec::new()) };
        let mut targets = adjacency::decode_targets(&key, &bytes)?;
        targets.retain(|(k, _)| kind.is_none_or(|kind| *k == kind));
        Ok(targets)
    }

    /// Calls `f` with the kind and target of each edge leaving `id`: what
    /// [`Store::out_neighbors`] returns, without building a list (traversals).
    pub fn for_each_out_neighbor(&self, id: NodeId, f: impl FnMut(EdgeKind, NodeId)) -> Result<()> {
        let key = id.to_key();
        match self.out.get(key)? {
            Some(bytes) => adjacency::for_each_target(&key, &bytes, f),
            None => Ok(()),
        }
    }

    /// Edges arriving at `id`, optionally of one kind. Properties live on the
    /// outgoing copy, so they are fetched only when asked for.
    pub fn in_edges(&self, id: NodeId, kind: Option<EdgeKind>) -> Result<Vec<(EdgeKind, NodeId)>> {
        edge_keys(&self.edges_in, TREE_EDGES_IN, id, kind)
    }

    pub fn edge_props(&self, src: NodeId, kind: EdgeKind, dst: NodeId) -> Result<Option<EdgeProps>> {
        let key = src.to_key();
        match self.out.get(key)? {
            Some(bytes) => adjacency::find_props(&key, &bytes, kind, dst),
            None => Ok(None),
        }
    }

    /// Nodes whose name or alias normalises to the same text as `name`.
    pub fn lookup_name(&self, name: &str, kind: Option<NodeKind>) -> Result<Vec<NodeId>> {
        let norm = normalize_name(name);
        if norm.is_empty() {
            return Ok(Vec::new());
        }
        let mut prefix = norm.into_bytes();
        prefix.push(0);
        let mut found = Vec::new();
        for item in self.names.scan_prefix(&prefix) {
            let (key, _) = item?;
            let (_, node) = parse_name_key(&key)?;
            if kind.is_none_or(|k| k == node.kind) && !found.contains(&node) {
                found.push(node);
            }
        }
        Ok(found)
    }

    /// Up to `limit` indexed names of `kind` closest to `name`, for "did you mean".
    pub fn suggest_names(&self, name: &str, kind: NodeKind, limit: usize) -> Result<Vec<String>> {
        let norm = normalize_name(name);
        let mut scored: Vec<(usize, String)> = Vec::new();
        for item in self.names.iter() {
            let (key, _) = item?;
            let (indexed, node) = parse_name_key(&key)?;
            if node.kind != kind {
                continue;
            }
            let distance =
                if indexed.contains(&norm) || norm.contains(&indexed) { 0 } else { edit_distance(&norm, &indexed) };
            if distance <= norm.len().max(3) / 2 + 1 {
                let label = match self.node(node)? {
                    Some(n) => n.label(),
                    None => indexed,
                };
                scored.push((distance, label));
            }
        }
        scored.sort();
        let mut names: Vec<String> = Vec::new();
        for (_, label) in scored {
            if !names.contains(&label) {
                names.push(label);
            }
            if names.len() == limit {
                break;
            }
        }
        Ok(names)
    }

    /// Incidents whose start date is in `from..=to` (either bound open).
    pub fn incidents_between(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Vec<NodeId>> {
        let lo = from.map(date_prefix).unwrap_or([0; 4]).to_vec();
        let hi = to.map(|d| date_prefix(d + chrono::Days::new(1))).unwrap_or([0xff; 4]).to_vec();
        let mut found = Vec::new();
        for item in self.dates.range(lo..hi) {
            let (key, _) = item?;
            let (_, node) = parse_date_key(&key)?;
            found.push(node);
        }
        Ok(found)
    }

    /// Every node id of `kind`, in key order.
    pub fn ids_of_kind(&self, kind: NodeKind) -> impl Iterator<Item = Result<NodeId>> + '_ {
        self.nodes.scan_prefix([kind.code()]).keys().map(|key| {
            let key = key?;
            NodeId::from_key(&key).ok_or_else(|| crate::Error::Corrupt {
                tree: TREE_NODES,
                key: hex(&key),
                reason: "malformed node key".into(),
            })
        })
    }

    /// Node and edge counts by kind, from counters kept by every write.
    pub fn stats(&self) -> Result<Stats> {
        let mut stats = Stats::default();
        for kind in NodeKind::ALL {
            let count = self.meta.get(node_count_key(kind))?.map(|v| u64_value(&v)).unwrap_or(0);
            stats.nodes.insert(kind.label().to_string(), count);
        }
        for kind in EdgeKind::ALL {
            let count = self.meta.get(edge_count_key(kind))?.map(|v| u64_value(&v)).unwrap_or(0);
            stats.edges.insert(kind.as_str().to_string(), count);
        }
        Ok(stats)
    }
}

fn edge_prefix(id: NodeId, kind: Option<EdgeKind>) -> Vec<u8> {
    let mut prefix = id.to_key().to_vec();
    if let Some(kind) = kind {
        prefix.push(kind.code());
    }
    prefix
}

impl Store {
    /// Every edge as (source, kind, target, properties), in key order of
    /// source, then edge code, then target.
    pub fn all_edges(&self) -> impl Iterator<Item = Result<(NodeId, EdgeKind, NodeId, EdgeProps)>> + '_ {
        self.out.iter().flat_map(|item| {
            let lists = item.map_err(crate::Error::from).and_then(|(key, value)| {
                let src = NodeId::from_key(&key).ok_or_else(|| crate::Error::Corrupt {
                    tree: TREE_OUT,
                    key: hex(&key),
                    reason: "malformed out-list key".into(),
                })?;
                Ok(adjacency::decode_list(&key, &value)?.into_iter().map(move |(k, d, p)| (src, k, d, p)))
            });
            let (ok, err) = match lists {
                Ok(edges) => (Some(edges.map(Ok)), None),
                Err(e) => (None, Some(Err(e))),
            };
            ok.into_iter().flatten().chain(err)
        })
    }

    /// Every node with its id, in key order.
    pub fn all_nodes(&self) -> impl Iterator<Item = Result<(NodeId, Node)>> + '_ {
        self.nodes.iter().map(|item| {
            let (key, value) = item?;
            let id = NodeId::from_key(&key).ok_or_else(|| crate::Error::Corrupt {
                tree: TREE_NODES,
                key: hex(&key),
                reason: "malformed node key".into(),
            })?;
            Ok((id, decode(TREE_NODES, &key, &value)?))
        })
    }
}

/// Kind and far end of each edge of `id` in an edge tree, read from the keys alone.
fn edge_keys(
    tree: &sled::Tree,
    name: &'static str,
    id: NodeId,
    kind: Option<EdgeKind>,
) -> Result<Vec<(EdgeKind, NodeId)>> {
    let mut edges = Vec::new();
    for key in tree.scan_prefix(edge_prefix(id, kind)).keys() {
        let (_, kind, other) = parse_edge_key(name, &key?)?;
        edges.push((kind, other));
    }
    Ok(edges)
}
