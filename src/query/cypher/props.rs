//! Labels, relationship types and the properties each kind of node and
//! relationship exposes to queries.

use super::value::{RelRef, Value};
use crate::model::{EdgeKind, EdgeProps, Node, NodeId, NodeKind};

/// Labels a query may use, with the node kind each selects.
pub const LABELS: [(&str, NodeKind); 6] = [
    ("Actor", NodeKind::Actor),
    ("Incident", NodeKind::Incident),
    ("Location", NodeKind::Location),
    ("Date", NodeKind::Date),
    ("Article", NodeKind::Article),
    ("Record", NodeKind::Record),
];

/// The node kind of a label, ignoring case.
pub fn label_kind(label: &str) -> Option<NodeKind> {
    LABELS.iter().find(|(name, _)| name.eq_ignore_ascii_case(label)).map(|(_, k)| *k)
}

pub fn label_names() -> String {
    LABELS.map(|(name, _)| name)[..5].join(", ")
}

pub fn type_names() -> String {
    EdgeKind::ALL.map(|k| k.as_str()).join(", ")
}

/// Property names of a node kind, in the order JSON output lists them.
pub fn node_keys(kind: NodeKind) -> &'static [&'static str] {
    match kind {
        NodeKind::Actor => &["id", "name", "kind", "aliases", "country", "unnamed"],
        NodeKind::Location => &["id", "name", "country", "admin1", "lat", "lon", "precision", "geonameid"],
        NodeKind::Date => &["id", "date", "precision"],
        NodeKind::Incident => &[
            "id",
            "type",
            "summary",
            "date",
            "end",
            "precision",
            "date_assumed",
            "killed",
            "injured",
            "captured",
            "weapons",
        ],
        NodeKind::Article => &["id", "title", "url", "source", "author", "published"],
        NodeKind::Record => &["id", "dataset", "row_id"],
    }
}

/// Property names of relationships (`type(r)` gives the type).
pub const REL_KEYS: [&str; 4] = ["mention", "by", "mode", "victim"];

/// Property `key` of a node: `None` when the kind has no such property,
/// `Some(Value::Null)` when it has one but this node does not set it.
pub fn node_prop(id: NodeId, node: &Node, key: &str) -> Option<Value> {
    if key == "id" {
        return Some(Value::Str(id.to_string()));
    }
    let v = match node {
        Node::Actor(a) => match key {
            "name" => Value::Str(a.name.clone()),
            "kind" => Value::Str(a.kind.as_str().to_string()),
            "aliases" => Value::List(a.aliases.iter().map(|s| Value::Str(s.clone())).collect()),
            "country" => Value::opt_str(a.country.as_deref()),
            "unnamed" => Value::Bool(a.unnamed),
            _ => return None,
        },
        Node::Location(l) => match key {
            "name" => Value::Str(l.name.clone()),
            "country" => Value::opt_str(l.country.as_deref()),
            "admin1" => Value::opt_str(l.admin1.as_deref()),
            "lat" => l.lat.map_or(Value::Null, Value::Float),
            "lon" => l.lon.map_or(Value::Null, Value::Float),
            "precision" => Value::Str(l.precision.as_str().to_string()),
            "geonameid" => Value::opt_int(l.geonameid),
            _ => return None,
        },
        Node::Date(d) => match key {
            "date" => Value::Date(d.start),
            "precision" => Value::Str(d.precision.as_str().to_string()),
            _ => return None,
        },
        Node::Incident(i) => match key {
            "type" => Value::Str(i.kind.as_str().to_string()),
            "summary" => Value::Str(i.summary.clone()),
            "date" => i.date.map_or(Value::Null, |d| Value::Date(d.start)),
            "end" => i.date.map_or(Value::Null, |d| Value::Date(d.end)),
            "precision" => Value::opt_str(i.date.map(|d| d.precision.as_str())),
            "date_assumed" => i.date.map_or(Value::Null, |d| Value::Bool(d.assumed)),
            "killed" => Value::opt_int(i.killed),
            "injured" => Value::opt_int(i.injured),
            "captured" => Value::opt_int(i.captured),
            "weapons" => Value::List(i.weapons.iter().map(|s| Value::Str(s.clone())).collect()),
            _ => return None,
        },
        Node::Article(a) => match key {
            "title" => Value::Str(a.title.clone()),
            "url" => Value::opt_str(a.url.as_deref()),
            "source" => Value::opt_str(a.source.as_deref()),
            "author" => Value::opt_str(a.author.as_deref()),
            "published" => a.published.map_or(Value::Null, Value::DateTime),
            _ => return None,
        },
        Node::Record(r) => match key {
            "dataset" => Value::Str(r.dataset.clone()),
            "row_id" => Value::Str(r.row_id.clone()),
            _ => return None,
        },
    };
    Some(v)
}

/// Property `key` of a relationship, `None` when relationships have no such property.
pub fn rel_prop(props: &EdgeProps, key: &str) -> Option<Value> {
    Some(match key {
        "mention" => Value::opt_str(props.mention.as_deref()),
        "by" => Value::opt_str(props.by.as_deref()),
        "mode" => Value::opt_str(props.mode.as_deref()),
        "victim" => Value::Bool(props.victim),
        _ => return None,
    })
}

/// All properties of a node, for output.
pub fn node_map(id: NodeId, node: &Node) -> Vec<(&'static str, Value)> {
    node_keys(id.kind).iter().filter_map(|k| node_prop(id, node, k).map(|v| (*k, v))).collect()
}

/// All properties of a relationship, for output; unset ones are left out.
pub fn rel_map(r: &RelRef, props: Option<&EdgeProps>) -> Vec<(&'static str, Value)> {
    let mut out = vec![
        ("type", Value::Str(r.kind.as_str().to_string())),
        ("start", Value::Str(r.src.to_string())),
        ("end", Value::Str(r.dst.to_string())),
    ];
    if let Some(props) = props {
        for key in REL_KEYS {
            match rel_prop(props, key) {
                Some(Value::Null) | None => {}
                Some(Value::Bool(false)) if key == "victim" => {}
                Some(v) => out.push((key, v)),
            }
        }
    }
    out
}
