//! GraphViz DOT export: a shape and colour per node kind, labelled edges,
//! every label escaped so that any name is safe.

use std::collections::BTreeSet;
use std::io::Write;

use petgraph::Direction;

use crate::error::{Error, Result};
use crate::graph::GraphView;
use crate::model::{EdgeKind, Node, NodeId, NodeKind};
use crate::query;
use crate::store::Store;

/// What to export.
#[derive(Clone, Debug)]
pub enum Selection {
    All,
    /// The actor, its incidents, and their places, dates and other actors.
    Actor(String),
    /// One incident and its neighbourhood.
    Incident(NodeId),
}

/// Escapes text for a double-quoted DOT string: backslashes, quotes and line breaks.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' | '\0' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn style(kind: NodeKind) -> (&'static str, &'static str) {
    match kind {
        NodeKind::Actor => ("box", "#f4a582"),
        NodeKind::Location => ("house", "#92c5de"),
        NodeKind::Date => ("note", "#e0e0e0"),
        NodeKind::Incident => ("ellipse", "#d6604d"),
        NodeKind::Article => ("component", "#b8e186"),
        NodeKind::Record => ("cylinder", "#c2a5cf"),
    }
}

/// The node ids and edges of a selection.
pub fn select(store: &Store, selection: &Selection) -> Result<GraphView> {
    let mut view = GraphView::new();
    match selection {
        Selection::All => {
            for node in store.all_nodes() {
                view.node(node?.0);
            }
            for edge in store.all_edges() {
                let (s, k, d, _) = edge?;
                view.edge(s, k, d);
            }
        }
        Selection::Actor(name) => {
            let actors = query::resolve_actor(store, name)?;
            let roles = [
                EdgeKind::PerpetratedBy,
                EdgeKind::Targeted,
                EdgeKind::ClaimedBy,
                EdgeKind::AttributedTo,
                EdgeKind::DeniedBy,
            ];
            view.expand(store, &actors, &roles, Direction::Incoming, 1)?;
            view.expand(store, &actors, &[EdgeKind::PartOf], Direction::Outgoing, 3)?;
            let incidents: Vec<NodeId> =
                view.graph.node_weights().copied().filter(|n| n.kind == NodeKind::Incident).collect();
            neighbourhood(store, &mut view, &incidents)?;
        }
        Selection::Incident(id) => {
            if !store.contains(*id)? {
                return Err(Error::NotFound { what: "incident", name: id.to_string(), suggestions: Vec::new() });
            }
            neighbourhood(store, &mut view, &[*id])?;
        }
    }
    Ok(view)
}

fn neighbourhood(store: &Store, view: &mut GraphView, incidents: &[NodeId]) -> Result<()> {
    let all: Vec<EdgeKind> = EdgeKind::ALL.to_vec();
    view.expand(store, incidents, &all, Direction::Outgoing, 1)?;
    let places: Vec<NodeId> = view.graph.node_weights().copied().filter(|n| n.kind == NodeKind::Location).collect();
    view.expand(store, &places, &[EdgeKind::LocatedIn], Direction::Outgoing, 3)
}

/// Writes `view` as a DOT digraph.
pub fn write_dot(store: &Store, view: &GraphView, out: &mut dyn Write) -> Result<()> {
    let io = |e| Error::io("<output>", e);
    writeln!(out, "digraph ckg {{").map_err(io)?;
    writeln!(out, "  graph [rankdir=LR, fontname=\"Helvetica\"];").map_err(io)?;
    writeln!(out, "  node [style=filled, fontname=\"Helvetica\", fontsize=10];").map_err(io)?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=8];").map_err(io)?;
    let ids: BTreeSet<NodeId> = view.graph.node_weights().copied().collect();
    for id in &ids {
        let label = match store.node(*id)? {
            Some(node) => node_label(&node),
            None => id.to_string(),
        };
        let (shape, colour) = style(id.kind);
        writeln!(out, "  \"{}\" [label=\"{}\", shape={shape}, fillcolor=\"{colour}\"];", id, escape(&label))
            .map_err(io)?;
    }
    let mut edges: Vec<(NodeId, EdgeKind, NodeId)> = view
        .graph
        .edge_indices()
        .filter_map(|e| view.graph.edge_endpoints(e).map(|(a, b)| (view.graph[a], view.graph[e], view.graph[b])))
        .collect();
    edges.sort();
    for (src, kind, dst) in edges {
        writeln!(out, "  \"{src}\" -> \"{dst}\" [label=\"{}\"];", kind.as_str()).map_err(io)?;
    }
    writeln!(out, "}}").map_err(io)?;
    Ok(())
}

fn node_label(node: &Node) -> String {
    match node {
        Node::Incident(i) => {
            let date = i.date.map(|d| d.start.to_string()).unwrap_or_default();
            let killed = i.killed.map(|k| format!(", {k} killed")).unwrap_or_default();
            format!("{} {date}{killed}\n{}", i.kind.as_str(), truncate(&i.summary, 60))
        }
        other => truncate(&other.label(), 80),
    }
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{cut}...")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_quotes_backslashes_and_newlines() {
        assert_eq!(escape(r#"a "b" \c"#), r#"a \"b\" \\c"#);
        assert_eq!(escape("x\ny\r"), "x\\ny");
        assert_eq!(escape("<b>"), "<b>");
        assert_eq!(escape("ends with \\"), "ends with \\\\");
    }
}
