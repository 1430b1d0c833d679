//! The whole store as JSON lines, and back (`ckg export jsonl`, `ckg import jsonl`).
//!
//! The first line is a header; then one line per node, edge, index entry and
//! data meta entry (see [`crate::store::RawItem`]):
//!
//! ```text
//! {"type":"header","format":"ckg-jsonl","version":1,"schema_version":2}
//! {"type":"node","id":"actor:91274e6f6a8b748c","kind":"actor","props":{"name":"Islamic State",...}}
//! {"type":"edge","src":"incident:...","kind":"PERPETRATED_BY","dst":"actor:...","props":{"mention":...,"evidence":[{"article":"article:...","start":240,"end":449}]}}
//! {"type":"name","name":"islamic state","node":"actor:91274e6f6a8b748c"}
//! {"type":"date","date":"2019-11-05","node":"incident:..."}
//! {"type":"meta","key":"<hex>","value":"<hex>"}
//! ```
//!
//! `props` holds every field of the stored node or edge, so loading the lines
//! into an empty store gives back the same store.

use std::io::{BufRead, Write};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::model::{EdgeKind, EdgeProps, Evidence, Node, NodeId, NodeKind};
use crate::store::{RawImport, RawItem, SCHEMA_VERSION, Store};

/// Version of the line format.
pub const VERSION: u32 = 1;
const FORMAT: &str = "ckg-jsonl";

mod id_text {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::model::NodeId;

    pub fn serialize<S: Serializer>(id: &NodeId, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(id)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NodeId, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

mod edge_text {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::model::EdgeKind;

    pub fn serialize<S: Serializer>(kind: &EdgeKind, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(kind.as_str())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<EdgeKind, D::Error> {
        let text = String::deserialize(d)?;
        EdgeKind::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("unknown edge type {text:?}")))
    }
}

#[derive(Serialize, Deserialize)]
struct EvidenceLine {
    #[serde(with = "id_text")]
    article: NodeId,
    start: u32,
    end: u32,
}

#[derive(Serialize, Deserialize)]
struct PropsLine {
    mention: Option<String>,
    by: Option<String>,
    mode: Option<String>,
    victim: bool,
    evidence: Vec<EvidenceLine>,
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Line {
    Header {
        format: String,
        version: u32,
        schema_version: u32,
    },
    Node {
        #[serde(with = "id_text")]
        id: NodeId,
        kind: NodeKind,
        props: Value,
    },
    Edge {
        #[serde(with = "id_text")]
        src: NodeId,
        #[serde(with = "edge_text")]
        kind: EdgeKind,
        #[serde(with = "id_text")]
        dst: NodeId,
        props: PropsLine,
    },
    Name {
        name: String,
        #[serde(with = "id_text")]
        node: NodeId,
    },
    Date {
        date: NaiveDate,
        #[serde(with = "id_text")]
        node: NodeId,
    },
    Meta {
        key: String,
        value: String,
    },
}

fn to_line(item: RawItem) -> Result<Line> {
    Ok(match item {
        RawItem::Node(id, node) => Line::Node { id, kind: id.kind, props: node_props(&node)? },
        RawItem::Edge(src, kind, dst, p) => {
            let evidence =
                p.evidence.iter().map(|e| EvidenceLine { article: e.article, start: e.start, end: e.end }).collect();
            let props = PropsLine { mention: p.mention, by: p.by, mode: p.mode, victim: p.victim, evidence };
            Line::Edge { src, kind, dst, props }
        }
        RawItem::Name(name, node) => Line::Name { name, node },
        RawItem::Date(date, node) => Line::Date { date, node },
        RawItem::Meta(key, value) => Line::Meta { key: hex(&key), value: hex(&value) },
    })
}

fn node_props(node: &Node) -> Result<Value> {
    let value = match node {
        Node::Actor(x) => serde_json::to_value(x),
        Node::Location(x) => serde_json::to_value(x),
        Node::Date(x) => serde_json::to_value(x),
        Node::Incident(x) => serde_json::to_value(x),
        Node::Article(x) => serde_json::to_value(x),
        Node::Record(x) => serde_json::to_value(x),
    };
    value.map_err(|e| Error::InvalidArgument(format!("cannot write a node as JSON: {e}")))
}

fn node_from(kind: NodeKind, props: Value) -> serde_json::Result<Node> {
    Ok(match kind {
        NodeKind::Actor => Node::Actor(serde_json::from_value(props)?),
        NodeKind::Location => Node::Location(serde_json::from_value(props)?),
        NodeKind::Date => Node::Date(serde_json::from_value(props)?),
        NodeKind::Incident => Node::Incident(serde_json::from_value(props)?),
        NodeKind::Article => Node::Article(serde_json::from_value(props)?),
        NodeKind::Record => Node::Record(serde_json::from_value(props)?),
    })
}

/// What [`write`] wrote: lines by type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Written {
    pub nodes: u64,
    pub edges: u64,
    pub index_entries: u64,
    pub meta: u64,
}

/// Writes the whole store as JSON lines.
pub fn write(store: &Store, out: &mut dyn Write) -> Result<Written> {
    let io = |e| Error::io("<output>", e);
    let header = Line::Header { format: FORMAT.into(), version: VERSION, schema_version: SCHEMA_VERSION };
    let json = |line: &Line| serde_json::to_string(line).map_err(|e| Error::InvalidArgument(e.to_string()));
    writeln!(out, "{}", json(&header)?).map_err(io)?;
    let mut written = Written::default();
    for item in store.export_raw() {
        let item = item?;
        match &item {
            RawItem::Node(..) => written.nodes += 1,
            RawItem::Edge(..) => written.edges += 1,
            RawItem::Name(..) | RawItem::Date(..) => written.index_entries += 1,
            RawItem::Meta(..) => written.meta += 1,
        }
        writeln!(out, "{}", json(&to_line(item)?)?).map_err(io)?;
    }
    Ok(written)
}

/// Loads JSON lines written by [`write`] into `store` (empty or not; see
/// [`crate::store::RawImporter`]) and flushes. `source` names the input in errors.
pub fn read(store: &Store, input: impl BufRead, source: &str) -> Result<RawImport> {
    let mut importer = store.raw_importer()?;
    for (n, line) in input.lines().enumerate() {
        let at = || format!("{source}:{}", n + 1);
        let line = line.map_err(|e| Error::io(source, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Line = serde_json::from_str(&line).map_err(|e| Error::input(at(), e.to_string()))?;
        if let Some(item) = from_line(parsed).map_err(|message| Error::input(at(), message))? {
            importer.push(item).map_err(|e| Error::input(at(), e.to_string()))?;
        }
    }
    importer.finish()
}

fn from_line(line: Line) -> std::result::Result<Option<RawItem>, String> {
    Ok(Some(match line {
        Line::Header { format, version, .. } => {
            if format != FORMAT || version != VERSION {
                return Err(format!("this ckg reads {FORMAT} version {VERSION}, not {format} version {version}"));
            }
            return Ok(None);
        }
        Line::Node { id, kind, props } => {
            if kind != id.kind {
                return Err(format!("node {id} has kind {}", kind.as_str()));
            }
            RawItem::Node(id, node_from(kind, props).map_err(|e| format!("node {id}: {e}"))?)
        }
        Line::Edge { src, kind, dst, props: p } => {
            let evidence = p.evidence.iter().map(|e| Evidence { article: e.article, start: e.start, end: e.end });
            let props = EdgeProps {
                mention: p.mention,
                by: p.by,
                mode: p.mode,
                victim: p.victim,
                evidence: evidence.collect(),
            };
            RawItem::Edge(src, kind, dst, props)
        }
        Line::Name { name, node } => RawItem::Name(name, node),
        Line::Date { date, node } => RawItem::Date(date, node),
        Line::Meta { key, value } => RawItem::Meta(unhex(&key)?, unhex(&value)?),
    }))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> std::result::Result<Vec<u8>, String> {
    if !text.len().is_multiple_of(2) {
        return Err(format!("{text:?} is not hex"));
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2).unwrap_or("x"), 16).map_err(|_| format!("{text:?} is not hex")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_and_rejects_junk() {
        let bytes = b"ingested:\x00\xff".to_vec();
        assert_eq!(unhex(&hex(&bytes)).unwrap(), bytes);
        assert!(unhex("abc").is_err());
        assert!(unhex("zz").is_err());
        assert!(unhex("é1").is_err());
    }
}
