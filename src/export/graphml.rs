//! GraphML export, for Gephi, yEd, Cytoscape and networkx: every attribute
//! declared as a `<key>` with its type, every value escaped for XML.

use std::collections::BTreeSet;
use std::io::Write;

use crate::error::{Error, Result};
use crate::graph::GraphView;
use crate::model::{EdgeKind, EdgeProps, Node, NodeId};
use crate::store::Store;

/// Node attributes: (key id, GraphML type).
const NODE_KEYS: [(&str, &str); 25] = [
    ("kind", "string"),
    ("label", "string"),
    ("name", "string"),
    ("actor_kind", "string"),
    ("aliases", "string"),
    ("unnamed", "boolean"),
    ("country", "string"),
    ("admin1", "string"),
    ("lat", "double"),
    ("lon", "double"),
    ("geo_precision", "string"),
    ("geonameid", "long"),
    ("date", "string"),
    ("date_end", "string"),
    ("date_precision", "string"),
    ("incident_type", "string"),
    ("summary", "string"),
    ("killed", "long"),
    ("injured", "long"),
    ("captured", "long"),
    ("weapons", "string"),
    ("title", "string"),
    ("url", "string"),
    ("published", "string"),
    ("record", "string"),
];

/// Edge attributes: (key id, GraphML type).
const EDGE_KEYS: [(&str, &str); 6] = [
    ("type", "string"),
    ("mention", "string"),
    ("by", "string"),
    ("mode", "string"),
    ("victim", "boolean"),
    ("evidence", "long"),
];

/// Escapes text for XML content and attribute values, dropping the
/// characters XML 1.0 does not allow (most control characters).
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes `view` as a GraphML document, with each node's and edge's stored properties.
pub fn write_graphml(store: &Store, view: &GraphView, out: &mut dyn Write) -> Result<()> {
    let io = |e| Error::io("<output>", e);
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#).map_err(io)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )
    .map_err(io)?;
    for (name, ty) in NODE_KEYS {
        writeln!(out, r#"  <key id="n_{name}" for="node" attr.name="{name}" attr.type="{ty}"/>"#).map_err(io)?;
    }
    for (name, ty) in EDGE_KEYS {
        writeln!(out, r#"  <key id="e_{name}" for="edge" attr.name="{name}" attr.type="{ty}"/>"#).map_err(io)?;
    }
    writeln!(out, r#"  <graph id="ckg" edgedefault="directed">"#).map_err(io)?;
    let ids: BTreeSet<NodeId> = view.graph.node_weights().copied().collect();
    for id in ids {
        let node = store.node(id)?;
        writeln!(out, r#"    <node id="{id}">"#).map_err(io)?;
        for (key, value) in node_data(id, node.as_ref()) {
            writeln!(out, r#"      <data key="n_{key}">{}</data>"#, xml_escape(&value)).map_err(io)?;
        }
        writeln!(out, "    </node>").map_err(io)?;
    }
    let mut edges: Vec<(NodeId, EdgeKind, NodeId)> = view
        .graph
        .edge_indices()
        .filter_map(|e| view.graph.edge_endpoints(e).map(|(a, b)| (view.graph[a], view.graph[e], view.graph[b])))
        .collect();
    edges.sort();
    for (n, (src, kind, dst)) in edges.into_iter().enumerate() {
        let props = store.edge_props(src, kind, dst)?.unwrap_or_default();
        writeln!(out, r#"    <edge id="e{n}" source="{src}" target="{dst}">"#).map_err(io)?;
        for (key, value) in edge_data(kind, &props) {
            writeln!(out, r#"      <data key="e_{key}">{}</data>"#, xml_escape(&value)).map_err(io)?;
        }
        writeln!(out, "    </edge>").map_err(io)?;
    }
    writeln!(out, "  </graph>\n</graphml>").map_err(io)?;
    Ok(())
}

fn some<T: ToString>(key: &'static str, value: Option<T>) -> Option<(&'static str, String)> {
    value.map(|v| (key, v.to_string()))
}

/// The attributes of a node that are set, as (key, text).
fn node_data(id: NodeId, node: Option<&Node>) -> Vec<(&'static str, String)> {
    let mut data = vec![("kind", id.kind.as_str().to_string())];
    let Some(node) = node else { return data };
    data.push(("label", node.label()));
    let more: Vec<Option<(&'static str, String)>> = match node {
        Node::Actor(a) => vec![
            some("name", Some(&a.name)),
            some("actor_kind", Some(a.kind.as_str())),
            (!a.aliases.is_empty()).then(|| ("aliases", a.aliases.join("; "))),
            some("unnamed", Some(a.unnamed)),
            some("country", a.country.as_ref()),
        ],
        Node::Location(l) => vec![
            some("name", Some(&l.name)),
            some("country", l.country.as_ref()),
            some("admin1", l.admin1.as_ref()),
            some("lat", l.lat),
            some("lon", l.lon),
            some("geo_precision", Some(l.precision.as_str())),
            some("geonameid", l.geonameid),
        ],
        Node::Date(d) => vec![some("date", Some(d.start)), some("date_precision", Some(d.precision.as_str()))],
        Node::Incident(i) => vec![
            some("incident_type", Some(i.kind.as_str())),
            some("summary", Some(&i.summary)),
            some("date", i.date.map(|d| d.start)),
            some("date_end", i.date.map(|d| d.end)),
            some("date_precision", i.date.map(|d| d.precision.as_str())),
            some("killed", i.killed),
            some("injured", i.injured),
            some("captured", i.captured),
            (!i.weapons.is_empty()).then(|| ("weapons", i.weapons.join("; "))),
        ],
        Node::Article(a) => vec![
            some("title", Some(&a.title)),
            some("url", a.url.as_ref()),
            some("published", a.published.map(|p| p.to_rfc3339())),
        ],
        Node::Record(r) => vec![some("record", Some(format!("{} {}", r.dataset, r.row_id)))],
    };
    data.extend(more.into_iter().flatten());
    data
}

fn edge_data(kind: EdgeKind, props: &EdgeProps) -> Vec<(&'static str, String)> {
    let data = [
        some("type", Some(kind.as_str())),
        some("mention", props.mention.as_ref()),
        some("by", props.by.as_ref()),
        some("mode", props.mode.as_ref()),
        some("victim", Some(props.victim)),
        some("evidence", Some(props.evidence.len())),
    ];
    data.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escape_handles_markup_quotes_and_control_characters() {
        assert_eq!(
            xml_escape(r#"<a href="x">Tom & 'Jerry'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;"
        );
        assert_eq!(xml_escape("bell\u{7}\0 line\nnext"), "bell line\nnext");
    }
}
