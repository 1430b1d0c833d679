//! Encoding of keys and values. The layout is documented in `schema/store.md`.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{Error, Result};
use crate::model::{EdgeKind, NodeId};

pub(crate) const TREE_META: &str = "meta";
pub(crate) const TREE_NODES: &str = "nodes";
/// Schema 2's packed out-lists (see `adjacency.rs`).
pub(crate) const TREE_OUT: &str = "out";
/// Schema 1's one key per outgoing edge; read only by `ckg migrate`.
pub(crate) const TREE_V1_EDGES_OUT: &str = "edges_out";
pub(crate) const TREE_EDGES_IN: &str = "edges_in";
pub(crate) const TREE_NAMES: &str = "names";
pub(crate) const TREE_DATES: &str = "dates";

pub(crate) const META_SCHEMA: &[u8] = b"schema_version";
pub(crate) const META_FORMAT: &[u8] = b"format";
pub(crate) const FORMAT_TAG: &[u8] = b"ckg";

fn config() -> bincode::config::Configuration {
    bincode::config::standard()
}

pub(crate) fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    // Encoding plain data into a Vec cannot fail; a failure is a bug in a model type.
    bincode::serde::encode_to_vec(value, config()).expect("model types always encode")
}

pub(crate) fn decode<T: DeserializeOwned>(tree: &'static str, key: &[u8], bytes: &[u8]) -> Result<T> {
    bincode::serde::decode_from_slice(bytes, config()).map(|(value, _)| value).map_err(|e| Error::Corrupt {
        tree,
        key: hex(key),
        reason: e.to_string(),
    })
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `dst | edge code | src` (edges_in; schema 1 also keyed edges_out as `src | edge code | dst`).
pub(crate) fn edge_key(first: NodeId, kind: EdgeKind, second: NodeId) -> Vec<u8> {
    let mut key = Vec::with_capacity(19);
    key.extend_from_slice(&first.to_key());
    key.push(kind.code());
    key.extend_from_slice(&second.to_key());
    key
}

pub(crate) fn parse_edge_key(tree: &'static str, key: &[u8]) -> Result<(NodeId, EdgeKind, NodeId)> {
    let corrupt = || Error::Corrupt { tree, key: hex(key), reason: "malformed edge key".into() };
    if key.len() != 19 {
        return Err(corrupt());
    }
    let first = NodeId::from_key(&key[..9]).ok_or_else(corrupt)?;
    let kind = EdgeKind::from_code(key[9]).ok_or_else(corrupt)?;
    let second = NodeId::from_key(&key[10..]).ok_or_else(corrupt)?;
    Ok((first, kind, second))
}

/// `normalised name | 0x00 | node key`.
pub(crate) fn name_key(normalized: &str, node: NodeId) -> Vec<u8> {
    let mut key = Vec::with_capacity(normalized.len() + 10);
    key.extend_from_slice(normalized.as_bytes());
    key.push(0);
    key.extend_from_slice(&node.to_key());
    key
}

pub(crate) fn parse_name_key(key: &[u8]) -> Result<(String, NodeId)> {
    let corrupt = || Error::Corrupt { tree: TREE_NAMES, key: hex(key), reason: "malformed name key".into() };
    if key.len() < 10 || key[key.len() - 10] != 0 {
        return Err(corrupt());
    }
    let name = std::str::from_utf8(&key[..key.len() - 10]).map_err(|_| corrupt())?;
    let node = NodeId::from_key(&key[key.len() - 9..]).ok_or_else(corrupt)?;
    Ok((name.to_string(), node))
}

/// Days since 0001-01-01 as a big-endian u32, so byte order is date order.
pub(crate) fn date_prefix(date: NaiveDate) -> [u8; 4] {
    (date.num_days_from_ce().max(0) as u32).to_be_bytes()
}

/// `date prefix | incident key`.
pub(crate) fn date_key(date: NaiveDate, incident: NodeId) -> Vec<u8> {
    let mut key = Vec::with_capacity(13);
    key.extend_from_slice(&date_prefix(date));
    key.extend_from_slice(&incident.to_key());
    key
}

pub(crate) fn parse_date_key(key: &[u8]) -> Result<(NaiveDate, NodeId)> {
    let corrupt = || Error::Corrupt { tree: TREE_DATES, key: hex(key), reason: "malformed date key".into() };
    if key.len() != 13 {
        return Err(corrupt());
    }
    let days = u32::from_be_bytes(key[..4].try_into().map_err(|_| corrupt())?);
    let date = NaiveDate::from_num_days_from_ce_opt(days as i32).ok_or_else(corrupt)?;
    let node = NodeId::from_key(&key[4..]).ok_or_else(corrupt)?;
    Ok((date, node))
}

pub(crate) fn node_count_key(kind: crate::model::NodeKind) -> Vec<u8> {
    [b"count:node:".as_slice(), &[kind.code()]].concat()
}

pub(crate) fn edge_count_key(kind: EdgeKind) -> Vec<u8> {
    [b"count:edge:".as_slice(), &[kind.code()]].concat()
}

/// Marks an article as completely ingested with its number of incidents.
pub(crate) fn ingested_key(article: NodeId) -> Vec<u8> {
    [b"ingested:".as_slice(), &article.to_key()].concat()
}

pub(crate) fn u64_value(bytes: &[u8]) -> u64 {
    bytes.try_into().map(u64::from_be_bytes).unwrap_or(0)
}
