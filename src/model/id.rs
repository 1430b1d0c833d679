//! Stable node identifiers.
//!
//! Ids are FNV-1a 64-bit hashes of a kind tag and a normalised key. They do not
//! depend on Rust's std hasher (whose output may change between releases), so
//! the same actor, place, day, article or incident gets the same id on every
//! machine and in every version of ckg that keeps schema version 1.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// FNV-1a, 64-bit. Chosen for being tiny, fast and fully specified.
pub fn stable_hash(parts: &[&[u8]]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            // A separator that cannot occur in UTF-8 keeps ("ab","c") != ("a","bc").
            hash ^= 0xff;
            hash = hash.wrapping_mul(PRIME);
        }
        for byte in *part {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    hash
}

/// The five kinds of node in the graph, plus dataset records (imports).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Actor,
    Location,
    Date,
    Incident,
    Article,
    Record,
}

impl NodeKind {
    pub const ALL: [NodeKind; 6] =
        [NodeKind::Actor, NodeKind::Location, NodeKind::Date, NodeKind::Incident, NodeKind::Article, NodeKind::Record];

    /// The byte that prefixes this kind's keys on disk. Part of the format.
    pub fn code(self) -> u8 {
        match self {
            NodeKind::Actor => b'a',
            NodeKind::Location => b'l',
            NodeKind::Date => b'd',
            NodeKind::Incident => b'i',
            NodeKind::Article => b'r',
            NodeKind::Record => b'x',
        }
    }

    pub fn from_code(code: u8) -> Option<NodeKind> {
        NodeKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Actor => "actor",
            NodeKind::Location => "location",
            NodeKind::Date => "date",
            NodeKind::Incident => "incident",
            NodeKind::Article => "article",
            NodeKind::Record => "record",
        }
    }

    /// The label used in DOT export and the query language.
    pub fn label(self) -> &'static str {
        match self {
            NodeKind::Actor => "Actor",
            NodeKind::Location => "Location",
            NodeKind::Date => "Date",
            NodeKind::Incident => "Incident",
            NodeKind::Article => "Article",
            NodeKind::Record => "Record",
        }
    }
}

/// A hasher for in-memory maps keyed by [`NodeId`]: the id is already a good
/// hash, so mixing its words is enough, and far cheaper than std's SipHash.
/// Never used for anything stored.
#[derive(Clone, Copy, Default)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

/// Maps and sets keyed by node ids, hashed with [`IdHasher`].
pub type IdMap<V> = std::collections::HashMap<NodeId, V, std::hash::BuildHasherDefault<IdHasher>>;
pub type IdSet = std::collections::HashSet<NodeId, std::hash::BuildHasherDefault<IdHasher>>;

/// A node id: its kind and a 64-bit stable hash. Written as `incident:0123456789abcdef`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct NodeId {
    pub kind: NodeKind,
    pub hash: u64,
}

impl NodeId {
    /// Length of [`NodeId::to_key`] output.
    pub const KEY_LEN: usize = 9;

    pub fn new(kind: NodeKind, parts: &[&[u8]]) -> NodeId {
        NodeId { kind, hash: stable_hash(parts) }
    }

    /// On-disk key: kind code then the hash, big-endian, so keys of one kind sort together.
    pub fn to_key(self) -> [u8; 9] {
        let mut key = [0u8; 9];
        key[0] = self.kind.code();
        key[1..].copy_from_slice(&self.hash.to_be_bytes());
        key
    }

    pub fn from_key(key: &[u8]) -> Option<NodeId> {
        if key.len() < Self::KEY_LEN {
            return None;
        }
        let kind = NodeKind::from_code(key[0])?;
        let hash = u64::from_be_bytes(key[1..9].try_into().ok()?);
        Some(NodeId { kind, hash })
    }
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{:016x}", self.kind.as_str(), self.hash)
    }
}

impl FromStr for NodeId {
    type Err = String;

    fn from_str(s: &str) -> Result<NodeId, String> {
        let (kind, hex) =
            s.split_once(':').ok_or_else(|| format!("node id {s:?} should look like incident:0123456789abcdef"))?;
        let kind = NodeKind::ALL
            .into_iter()
            .find(|k| k.as_str() == kind)
            .ok_or_else(|| format!("unknown node kind {kind:?} in id {s:?}"))?;
        let hash = u64::from_str_radix(hex, 16).map_err(|_| format!("bad hex in node id {s:?}"))?;
        Ok(NodeId { kind, hash })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_matches_reference_vectors() {
        // Published FNV-1a 64 test vectors.
        assert_eq!(stable_hash(&[b""]), 0xcbf29ce484222325);
        assert_eq!(stable_hash(&[b"a"]), 0xaf63dc4c8601ec8c);
        assert_eq!(stable_hash(&[b"foobar"]), 0x85944171f73967e8);
    }

    #[test]
    fn parts_are_separated() {
        assert_ne!(stable_hash(&[b"ab", b"c"]), stable_hash(&[b"a", b"bc"]));
    }

    #[test]
    fn id_round_trips_through_text_and_key() {
        let id = NodeId::new(NodeKind::Incident, &[b"x"]);
        assert_eq!(id.to_string().parse::<NodeId>().unwrap(), id);
        assert_eq!(NodeId::from_key(&id.to_key()).unwrap(), id);
    }
}
