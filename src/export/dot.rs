//! GraphViz DOT export: a shape and colour per node kind, incidents coloured
//! by type, places clustered by country, labelled edges and a legend; every
//! label escaped so that any name is safe.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use petgraph::Direction;

use crate::error::{Error, Result};
use crate::graph::GraphView;
use crate::model::{EdgeKind, IncidentType, Location, Node, NodeId, NodeKind};
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

/// Writes `view` as a DOT digraph: places clustered by country, incidents
/// coloured by type, edges labelled with their kind, and a legend of the node
/// kinds and incident types shown.
pub fn write_dot(store: &Store, view: &GraphView, out: &mut dyn Write) -> Result<()> {
    let io = |e| Error::io("<output>", e);
    writeln!(out, "digraph ckg {{").map_err(io)?;
    writeln!(out, "  graph [rankdir=LR, fontname=\"Helvetica\"];").map_err(io)?;
    writeln!(out, "  node [style=filled, fontname=\"Helvetica\", fontsize=10];").map_err(io)?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=8];").map_err(io)?;
    let ids: BTreeSet<NodeId> = view.graph.node_weights().copied().collect();
    let mut loose = Vec::new();
    let mut countries: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut legend = Legend::default();
    for id in &ids {
        let node = store.node(*id)?;
        let line = node_line(*id, node.as_ref(), &mut legend);
        match node {
            Some(Node::Location(Location { country: Some(cc), .. })) => countries.entry(cc).or_default().push(line),
            _ => loose.push(line),
        }
    }
    for line in &loose {
        writeln!(out, "  {line}").map_err(io)?;
    }
    for (country, lines) in &countries {
        let cc = escape(country);
        writeln!(out, "  subgraph \"cluster_country_{cc}\" {{").map_err(io)?;
        writeln!(out, "    label=\"{cc}\"; style=\"rounded,dashed\"; color=\"#4393c3\"; fontsize=10;").map_err(io)?;
        for line in lines {
            writeln!(out, "    {line}").map_err(io)?;
        }
        writeln!(out, "  }}").map_err(io)?;
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
    legend.write(out).map_err(io)?;
    writeln!(out, "}}").map_err(io)?;
    Ok(())
}

/// The DOT statement of one node; notes its kind and incident type in `legend`.
fn node_line(id: NodeId, node: Option<&Node>, legend: &mut Legend) -> String {
    let label = node.map(node_label).unwrap_or_else(|| id.to_string());
    let (shape, mut colour) = style(id.kind);
    legend.kinds.insert(id.kind);
    if let Some(Node::Incident(incident)) = node {
        colour = incident_colour(incident.kind);
        legend.incident_types.insert(incident.kind);
    }
    format!("\"{id}\" [label=\"{}\", shape={shape}, fillcolor=\"{colour}\"];", escape(&label))
}

/// Fill colour of an incident node by its type.
pub fn incident_colour(kind: IncidentType) -> &'static str {
    match kind {
        IncidentType::Bombing => "#e41a1c",
        IncidentType::SuicideBombing => "#a50f15",
        IncidentType::ArmedAssault => "#ff7f00",
        IncidentType::Assassination => "#984ea3",
        IncidentType::Kidnapping => "#f781bf",
        IncidentType::HostageTaking => "#e7298a",
        IncidentType::Hijacking => "#a6761d",
        IncidentType::FacilityAttack => "#fdb462",
        IncidentType::Airstrike => "#377eb8",
        IncidentType::Shelling => "#80b1d3",
        IncidentType::Battle => "#4daf4a",
        IncidentType::Riot => "#ffff33",
        IncidentType::Protest => "#ccebc5",
        IncidentType::Arrest => "#bebada",
        IncidentType::Other => "#d9d9d9",
    }
}

/// The node kinds and incident types a drawing uses, for its legend.
#[derive(Default)]
struct Legend {
    kinds: BTreeSet<NodeKind>,
    incident_types: BTreeSet<IncidentType>,
}

impl Legend {
    fn write(&self, out: &mut dyn Write) -> std::io::Result<()> {
        if self.kinds.is_empty() {
            return Ok(());
        }
        writeln!(out, "  subgraph cluster_legend {{")?;
        writeln!(out, "    label=\"Legend\"; style=\"rounded\"; color=\"#999999\"; fontsize=10;")?;
        for kind in self.kinds.iter().filter(|k| **k != NodeKind::Incident) {
            let (shape, colour) = style(*kind);
            let name = kind.label();
            writeln!(out, "    \"legend:{name}\" [label=\"{name}\", shape={shape}, fillcolor=\"{colour}\"];")?;
        }
        let (shape, _) = style(NodeKind::Incident);
        for kind in &self.incident_types {
            let (name, colour) = (kind.as_str(), incident_colour(*kind));
            writeln!(
                out,
                "    \"legend:incident:{name}\" [label=\"Incident: {name}\", shape={shape}, fillcolor=\"{colour}\"];"
            )?;
        }
        writeln!(out, "  }}")
    }
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
