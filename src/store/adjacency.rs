//! Out-lists (schema 2): every edge leaving a node, packed in one value under
//! the node's key in the `out` tree.
//!
//! sled 0.34 splits a leaf past 16 keys, so its page table, its open time and
//! its write cost all grow with the number of keys, not their size. An
//! incident's five or six outgoing edges used to be five or six keys; now they
//! are one, read with one point lookup. The layout (`schema/store.md § out`):
//!
//! ```text
//! count n (u32 big-endian) · n × (edge code, 9-byte target key) · n × bincode EdgeProps
//! ```
//!
//! Entries are sorted by edge code, then target key, which is the order the
//! per-edge keys of schema 1 had. The targets come before the properties so that
//! traversals read the shape without decoding any property.

use super::codec::{TREE_OUT, encode, hex};
use crate::error::{Error, Result};
use crate::model::{EdgeKind, EdgeProps, NodeId};

/// One edge of an out-list: kind, the node it points at, its properties.
pub(crate) type OutEdge = (EdgeKind, NodeId, EdgeProps);

const HEADER: usize = 4;
const ENTRY: usize = 10;

/// Sort key of an entry: byte order of edge code and target key.
fn order(kind: EdgeKind, other: NodeId) -> (u8, [u8; 9]) {
    (kind.code(), other.to_key())
}

/// Packs `edges` (any order, no duplicates) into an out-list value.
pub(crate) fn encode_list(mut edges: Vec<OutEdge>) -> Vec<u8> {
    edges.sort_by_key(|(kind, other, _)| order(*kind, *other));
    let mut bytes = Vec::with_capacity(HEADER + edges.len() * (ENTRY + 8));
    bytes.extend_from_slice(&(edges.len() as u32).to_be_bytes());
    for (kind, other, _) in &edges {
        bytes.push(kind.code());
        bytes.extend_from_slice(&other.to_key());
    }
    for (_, _, props) in &edges {
        bytes.extend_from_slice(&encode(props));
    }
    bytes
}

fn corrupt(key: &[u8], reason: &str) -> Error {
    Error::Corrupt { tree: TREE_OUT, key: hex(key), reason: reason.into() }
}

/// Kinds and targets of an out-list, without decoding any property.
pub(crate) fn decode_targets(key: &[u8], bytes: &[u8]) -> Result<Vec<(EdgeKind, NodeId)>> {
    let mut targets = Vec::with_capacity(count(key, bytes)?);
    for_each_target(key, bytes, |kind, other| targets.push((kind, other)))?;
    Ok(targets)
}

/// Calls `f` with the kind and target of each entry, in list order, allocating nothing.
pub(crate) fn for_each_target(key: &[u8], bytes: &[u8], mut f: impl FnMut(EdgeKind, NodeId)) -> Result<()> {
    let n = count(key, bytes)?;
    for entry in bytes[HEADER..HEADER + n * ENTRY].chunks_exact(ENTRY) {
        let kind = EdgeKind::from_code(entry[0]).ok_or_else(|| corrupt(key, "unknown edge code"))?;
        let other = NodeId::from_key(&entry[1..]).ok_or_else(|| corrupt(key, "malformed target key"))?;
        f(kind, other);
    }
    Ok(())
}

/// Every edge of an out-list with its properties, in list order.
pub(crate) fn decode_list(key: &[u8], bytes: &[u8]) -> Result<Vec<OutEdge>> {
    let targets = decode_targets(key, bytes)?;
    let mut rest = &bytes[HEADER + targets.len() * ENTRY..];
    let mut edges = Vec::with_capacity(targets.len());
    for (kind, other) in targets {
        let (props, used) = next_props(key, rest)?;
        rest = &rest[used..];
        edges.push((kind, other, props));
    }
    if !rest.is_empty() {
        return Err(corrupt(key, "bytes after the last edge's properties"));
    }
    Ok(edges)
}

/// The number of entries, checked against the value's length.
fn count(key: &[u8], bytes: &[u8]) -> Result<usize> {
    let head: [u8; HEADER] =
        bytes.get(..HEADER).and_then(|h| h.try_into().ok()).ok_or_else(|| corrupt(key, "out-list too short"))?;
    let n = u32::from_be_bytes(head) as usize;
    if bytes.len() < HEADER + n * ENTRY {
        return Err(corrupt(key, "out-list shorter than its entry count"));
    }
    Ok(n)
}

/// The stored list of `source` with `upserts` written over it and `removals`
/// taken out; `None` when no edge is left (the key is then removed).
pub(crate) fn merged_list(
    source: NodeId,
    stored: Option<&[u8]>,
    upserts: Vec<OutEdge>,
    removals: &[(EdgeKind, NodeId)],
) -> Result<Option<Vec<u8>>> {
    let key = source.to_key();
    let mut edges = match stored {
        Some(bytes) => decode_list(&key, bytes)?,
        None => Vec::new(),
    };
    edges.retain(|(kind, other, _)| !removals.contains(&(*kind, *other)));
    for (kind, other, props) in upserts {
        match edges.iter_mut().find(|(k, o, _)| *k == kind && *o == other) {
            Some(slot) => slot.2 = props,
            None => edges.push((kind, other, props)),
        }
    }
    Ok((!edges.is_empty()).then(|| encode_list(edges)))
}

/// Properties of one edge of an out-list, decoding only up to it.
pub(crate) fn find_props(key: &[u8], bytes: &[u8], kind: EdgeKind, other: NodeId) -> Result<Option<EdgeProps>> {
    let targets = decode_targets(key, bytes)?;
    let Some(index) = targets.iter().position(|t| *t == (kind, other)) else { return Ok(None) };
    let mut rest = &bytes[HEADER + targets.len() * ENTRY..];
    for _ in 0..index {
        let (_, used) = next_props(key, rest)?;
        rest = &rest[used..];
    }
    next_props(key, rest).map(|(props, _)| Some(props))
}

/// The `EdgeProps` at the start of `bytes`, and how many bytes it took.
fn next_props(key: &[u8], bytes: &[u8]) -> Result<(EdgeProps, usize)> {
    bincode::serde::decode_from_slice(bytes, bincode::config::standard())
        .map_err(|e| corrupt(key, &format!("edge properties: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Evidence, NodeKind};

    fn node(kind: NodeKind, n: u8) -> NodeId {
        NodeId::new(kind, &[&[n]])
    }

    #[test]
    fn lists_round_trip_in_key_order_and_merge() {
        let props = EdgeProps {
            mention: Some("the gunmen".into()),
            evidence: vec![Evidence { article: node(NodeKind::Article, 1), start: 3, end: 300 }],
            ..EdgeProps::default()
        };
        let (actor, place) = (node(NodeKind::Actor, 2), node(NodeKind::Location, 3));
        let edges = vec![
            (EdgeKind::Targeted, actor, EdgeProps::default()),
            (EdgeKind::PerpetratedBy, actor, props.clone()),
            (EdgeKind::OccurredAt, place, EdgeProps::default()),
        ];
        let bytes = encode_list(edges);
        let key = node(NodeKind::Incident, 9).to_key();
        let kinds: Vec<EdgeKind> = decode_targets(&key, &bytes).unwrap().into_iter().map(|(k, _)| k).collect();
        assert_eq!(kinds, [EdgeKind::PerpetratedBy, EdgeKind::Targeted, EdgeKind::OccurredAt]);
        assert_eq!(find_props(&key, &bytes, EdgeKind::PerpetratedBy, actor).unwrap(), Some(props));
        assert_eq!(find_props(&key, &bytes, EdgeKind::OccurredAt, actor).unwrap(), None);

        let source = node(NodeKind::Incident, 9);
        let merged = merged_list(source, Some(&bytes), vec![], &[(EdgeKind::Targeted, actor)]).unwrap().unwrap();
        assert_eq!(decode_list(&key, &merged).unwrap().len(), 2);
        let all_gone = [(EdgeKind::PerpetratedBy, actor), (EdgeKind::OccurredAt, place)];
        assert_eq!(merged_list(source, Some(&merged), vec![], &all_gone).unwrap(), None);
        assert!(decode_list(&key, &bytes[..bytes.len() - 1]).is_err(), "a truncated list is corrupt, not a panic");
        assert!(decode_targets(&key, &[0, 0, 0, 9]).is_err());
    }
}
