//! Traversals for the common questions: how two actors connect ([`path`]),
//! what lies near an actor or place ([`neighbors`]), incidents and deaths per
//! period ([`timeline`]) and the most active actors or places ([`top`]).
//!
//! [`path`] and [`neighbors`] walk the edges that tie actors, incidents and
//! places together, in both directions: the five role edges, `OCCURRED_AT`,
//! `LOCATED_IN` and `PART_OF`. Dates and articles are left out: two incidents
//! on the same day, or reported in the same article, do not connect their
//! actors. Both load a petgraph [`GraphView`] level by level with
//! [`GraphView::expand`] and run petgraph's Dijkstra over it.

mod periods;
mod reach;

use std::collections::{BTreeSet, HashMap, HashSet};

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::UndirectedAdaptor;
use serde::{Serialize, Serializer};

pub use periods::{Period, TimelineRow, TopBy, TopFilter, TopRow, TopWhat, timeline, top};
pub use reach::actors_within;

use crate::error::{Error, Result};
use crate::graph::GraphView;
use crate::model::{EdgeKind, Node, NodeId, NodeKind};
use crate::store::Store;

use super::resolve_actor;

/// Edges a traversal loads around a node of each kind: (kind, followed forward, followed backward).
const RULES: [(NodeKind, &[EdgeKind], &[EdgeKind]); 3] = [
    (
        NodeKind::Actor,
        &[EdgeKind::PartOf],
        &[
            EdgeKind::PerpetratedBy,
            EdgeKind::Targeted,
            EdgeKind::ClaimedBy,
            EdgeKind::AttributedTo,
            EdgeKind::DeniedBy,
            EdgeKind::PartOf,
        ],
    ),
    (
        NodeKind::Incident,
        &[
            EdgeKind::PerpetratedBy,
            EdgeKind::Targeted,
            EdgeKind::ClaimedBy,
            EdgeKind::AttributedTo,
            EdgeKind::DeniedBy,
            EdgeKind::OccurredAt,
        ],
        &[],
    ),
    (NodeKind::Location, &[EdgeKind::LocatedIn], &[EdgeKind::OccurredAt, EdgeKind::LocatedIn]),
];

/// Most hops [`path`] and [`neighbors`] accept.
pub const MAX_HOPS: usize = 12;

/// Settings of [`path`] and [`neighbors`].
#[derive(Clone, Debug)]
pub struct TraverseOptions {
    /// Longest path, or widest neighbourhood, in edges.
    pub max_hops: usize,
    /// Most paths to return.
    pub limit: usize,
    /// A search that loads more nodes than this stops with [`Error::LimitExceeded`].
    pub max_nodes: usize,
}

impl Default for TraverseOptions {
    fn default() -> TraverseOptions {
        TraverseOptions { max_hops: 6, limit: 10, max_nodes: 2_000_000 }
    }
}

impl TraverseOptions {
    fn validate(&self) -> Result<()> {
        if self.max_hops == 0 || self.max_hops > MAX_HOPS {
            return Err(Error::InvalidArgument(format!(
                "hops must be between 1 and {MAX_HOPS}, not {}",
                self.max_hops
            )));
        }
        if self.limit == 0 {
            return Err(Error::InvalidArgument("the path limit must be at least 1".into()));
        }
        Ok(())
    }
}

fn id_text<S: Serializer>(id: &NodeId, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.collect_str(id)
}

fn kind_text<S: Serializer>(kind: &NodeKind, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(kind.as_str())
}

fn edge_kinds_text<S: Serializer>(kinds: &[EdgeKind], s: S) -> std::result::Result<S::Ok, S::Error> {
    s.collect_seq(kinds.iter().map(|k| k.as_str()))
}

/// A node as traversals print it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NodeRef {
    #[serde(serialize_with = "id_text")]
    pub id: NodeId,
    #[serde(serialize_with = "kind_text")]
    pub kind: NodeKind,
    pub label: String,
}

impl NodeRef {
    /// The node `id` with a short label: a name, "place, CC", or "type date: summary" for an incident.
    pub fn load(store: &Store, id: NodeId) -> Result<NodeRef> {
        let label = match store.node(id)? {
            Some(Node::Location(l)) => match &l.country {
                Some(cc) if *cc != l.name => format!("{}, {cc}", l.name),
                _ => l.name,
            },
            Some(Node::Incident(i)) => {
                let date = i.date.map(|d| d.start.to_string()).unwrap_or_else(|| "undated".into());
                format!("{} {date}: {}", i.kind.as_str(), clip(&i.summary, 80))
            }
            Some(node) => node.label(),
            None => id.to_string(),
        };
        Ok(NodeRef { id, kind: id.kind, label })
    }
}

fn clip(text: &str, max: usize) -> String {
    let text = text.replace(['\n', '\r', '\t'], " ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max - 3).collect();
    format!("{cut}...")
}

/// One step of a path: the edges between two consecutive nodes, in their stored direction.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PathStep {
    #[serde(serialize_with = "id_text")]
    pub from: NodeId,
    #[serde(serialize_with = "id_text")]
    pub to: NodeId,
    #[serde(rename = "types", serialize_with = "edge_kinds_text")]
    pub kinds: Vec<EdgeKind>,
}

/// A path between two actors: `nodes[i]` and `nodes[i + 1]` are joined by `steps[i]`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorPath {
    pub hops: usize,
    pub nodes: Vec<NodeRef>,
    pub steps: Vec<PathStep>,
}

/// Loads every connecting edge of the nodes in `frontier` into `view`.
fn expand_level(store: &Store, view: &mut GraphView, frontier: &[NodeId]) -> Result<()> {
    for (kind, forward, backward) in RULES {
        let seeds: Vec<NodeId> = frontier.iter().copied().filter(|n| n.kind == kind).collect();
        if !seeds.is_empty() {
            view.expand(store, &seeds, forward, Direction::Outgoing, 1)?;
            view.expand(store, &seeds, backward, Direction::Incoming, 1)?;
        }
    }
    Ok(())
}

/// One side of a breadth-first search: hop counts from its roots, and the nodes at the current radius.
struct Side {
    dist: HashMap<NodeId, usize>,
    frontier: Vec<NodeId>,
    radius: usize,
}

impl Side {
    fn new(roots: &[NodeId]) -> Side {
        Side { dist: roots.iter().map(|r| (*r, 0)).collect(), frontier: roots.to_vec(), radius: 0 }
    }

    /// Loads the frontier's edges and moves the frontier one hop out.
    fn step(&mut self, store: &Store, view: &mut GraphView, max_nodes: usize) -> Result<()> {
        expand_level(store, view, &self.frontier)?;
        if view.node_count() > max_nodes {
            return Err(Error::LimitExceeded(format!(
                "the traversal loaded more than {max_nodes} nodes; ask for fewer hops"
            )));
        }
        let mut next = BTreeSet::new();
        for id in &self.frontier {
            let Some(ix) = view.index_of(*id) else { continue };
            for other in view.graph.neighbors_undirected(ix) {
                let other = view.graph[other];
                if !self.dist.contains_key(&other) {
                    next.insert(other);
                }
            }
        }
        self.radius += 1;
        for id in &next {
            self.dist.insert(*id, self.radius);
        }
        self.frontier = next.into_iter().collect();
        Ok(())
    }
}

/// How two actors connect, shortest paths first: through incidents they both
/// took part in, places where both acted, or parent groups. Names match
/// through aliases. At most `options.limit` paths of at most
/// `options.max_hops` edges; an empty list when there is none.
///
/// The search grows breadth-first from both actors, always on the side with
/// the smaller frontier, until the two meet and enough paths are found.
///
/// ```
/// # let dir = tempfile::tempdir()?;
/// # let store = ckg::Store::open(dir.path().join("db"))?;
/// use ckg::query::traverse::{path, TraverseOptions};
/// let err = path(&store, "Nobody", "Known", &TraverseOptions::default()).unwrap_err();
/// assert!(err.to_string().contains("no actor named"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn path(store: &Store, from: &str, to: &str, options: &TraverseOptions) -> Result<Vec<ActorPath>> {
    options.validate()?;
    let sources = resolve_actor(store, from)?;
    let targets = resolve_actor(store, to)?;
    if let Some(same) = sources.iter().find(|s| targets.contains(s)) {
        return Ok(vec![ActorPath { hops: 0, nodes: vec![NodeRef::load(store, *same)?], steps: Vec::new() }]);
    }
    let view = path_view(store, &sources, &targets, options)?;
    let found = enumerate(&view, &sources, &targets, options.max_hops, options.limit);
    found.into_iter().map(|nodes| to_path(store, &view, &nodes)).collect()
}

/// Grows a view from both ends until it holds the shortest paths (and as many
/// longer ones as `options.limit` asks for, up to `options.max_hops`).
fn path_view(store: &Store, sources: &[NodeId], targets: &[NodeId], options: &TraverseOptions) -> Result<GraphView> {
    let mut view = GraphView::new();
    for id in sources.iter().chain(targets) {
        view.node(*id);
    }
    let (mut a, mut b) = (Side::new(sources), Side::new(targets));
    loop {
        let complete = a.frontier.is_empty() || b.frontier.is_empty();
        let reach = if complete { options.max_hops } else { (a.radius + b.radius).min(options.max_hops) };
        let met = meeting(&a, &b).is_some_and(|best| best <= reach);
        if reach >= options.max_hops || complete {
            return Ok(view);
        }
        if met && enumerate(&view, sources, targets, reach, options.limit).len() >= options.limit {
            return Ok(view);
        }
        let side = if a.frontier.len() <= b.frontier.len() { &mut a } else { &mut b };
        side.step(store, &mut view, options.max_nodes)?;
    }
}

/// The length of the shortest path through a node both sides have reached.
fn meeting(a: &Side, b: &Side) -> Option<usize> {
    let (small, large) = if a.dist.len() <= b.dist.len() { (a, b) } else { (b, a) };
    small.dist.iter().filter_map(|(id, d)| large.dist.get(id).map(|e| d + e)).min()
}

/// Hops from the nearest of `roots` to every node of `view` (Dijkstra, unit weights, edges undirected).
fn distances(view: &GraphView, roots: &[NodeId]) -> HashMap<NodeIndex, usize> {
    let mut best: HashMap<NodeIndex, usize> = HashMap::new();
    for root in roots {
        let Some(start) = view.index_of(*root) else { continue };
        for (ix, d) in petgraph::algo::dijkstra(UndirectedAdaptor(&view.graph), start, None, |_| 1usize) {
            let entry = best.entry(ix).or_insert(d);
            *entry = (*entry).min(d);
        }
    }
    best
}

/// Simple paths from `sources` to `targets` in `view`, shortest first, at most
/// `limit` of them and none longer than `max_len`; each as its node sequence.
fn enumerate(
    view: &GraphView,
    sources: &[NodeId],
    targets: &[NodeId],
    max_len: usize,
    limit: usize,
) -> Vec<Vec<NodeIndex>> {
    let to_target = distances(view, targets);
    let starts: Vec<NodeIndex> = sources.iter().filter_map(|s| view.index_of(*s)).collect();
    let Some(shortest) = starts.iter().filter_map(|s| to_target.get(s)).min().copied() else {
        return Vec::new();
    };
    let ends: HashSet<NodeIndex> = sources.iter().chain(targets).filter_map(|id| view.index_of(*id)).collect();
    let mut walk = Walk {
        view,
        to_target: &to_target,
        ends: &ends,
        len: 0,
        trail: Vec::new(),
        found: Vec::new(),
        limit,
        budget: 2_000_000,
    };
    for len in shortest..=max_len {
        walk.len = len;
        for start in &starts {
            walk.trail = vec![*start];
            walk.walk();
        }
    }
    walk.found
}

/// Depth-first enumeration of paths of exactly `len` edges, pruned by the
/// distance that is left to a target, so every branch taken can still arrive.
struct Walk<'a> {
    view: &'a GraphView,
    to_target: &'a HashMap<NodeIndex, usize>,
    ends: &'a HashSet<NodeIndex>,
    len: usize,
    trail: Vec<NodeIndex>,
    found: Vec<Vec<NodeIndex>>,
    limit: usize,
    /// Steps left before the search gives up on finding more paths.
    budget: usize,
}

impl Walk<'_> {
    fn walk(&mut self) {
        if self.found.len() >= self.limit || self.budget == 0 {
            return;
        }
        self.budget -= 1;
        let here = self.trail[self.trail.len() - 1];
        let depth = self.trail.len() - 1;
        if depth == self.len {
            if self.to_target.get(&here) == Some(&0) {
                self.found.push(self.trail.clone());
            }
            return;
        }
        let left = self.len - depth - 1;
        let next: BTreeSet<(NodeId, NodeIndex)> = self
            .view
            .graph
            .neighbors_undirected(here)
            .filter(|n| self.to_target.get(n).is_some_and(|d| *d <= left))
            .filter(|n| !self.trail.contains(n) && (left == 0 || !self.ends.contains(n)))
            .map(|n| (self.view.graph[n], n))
            .collect();
        for (_, n) in next {
            self.trail.push(n);
            self.walk();
            self.trail.pop();
        }
    }
}

fn to_path(store: &Store, view: &GraphView, trail: &[NodeIndex]) -> Result<ActorPath> {
    let nodes = trail.iter().map(|ix| NodeRef::load(store, view.graph[*ix])).collect::<Result<Vec<_>>>()?;
    let steps = trail.windows(2).map(|pair| step_between(view, pair[0], pair[1])).collect();
    Ok(ActorPath { hops: trail.len() - 1, nodes, steps })
}

/// The edges between two adjacent nodes, in their stored direction (forward when both exist).
fn step_between(view: &GraphView, a: NodeIndex, b: NodeIndex) -> PathStep {
    let kinds = |from: NodeIndex, to: NodeIndex| -> Vec<EdgeKind> {
        let mut kinds: Vec<EdgeKind> = view.graph.edges_connecting(from, to).map(|e| *e.weight()).collect();
        kinds.sort();
        kinds.dedup();
        kinds
    };
    let forward = kinds(a, b);
    let (from, to, kinds) = if forward.is_empty() { (b, a, kinds(b, a)) } else { (a, b, forward) };
    PathStep { from: view.graph[from], to: view.graph[to], kinds }
}

/// The nodes and edges of `paths` as a view, for DOT export.
pub fn paths_view(paths: &[ActorPath]) -> GraphView {
    let mut view = GraphView::new();
    for p in paths {
        for n in &p.nodes {
            view.node(n.id);
        }
        for s in &p.steps {
            for kind in &s.kinds {
                view.edge(s.from, *kind, s.to);
            }
        }
    }
    view
}

/// A node near the centre of a [`neighbors`] search.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Neighbor {
    #[serde(flatten)]
    pub node: NodeRef,
    /// Edges between it and the centre.
    pub hops: usize,
    /// Nodes one hop nearer the centre that it is joined to (for a co-actor
    /// two hops out: the incidents they share).
    pub links: usize,
}

/// What [`neighbors`] found: the centre, and every node within `hops` of it.
#[derive(Serialize)]
pub struct Neighborhood {
    pub center: Vec<NodeRef>,
    pub hops: usize,
    pub nodes: Vec<Neighbor>,
    /// The nodes and the edges that reached them, for DOT export.
    #[serde(skip)]
    pub view: GraphView,
}

/// Actors, places and incidents within `hops` edges of the actor or place
/// named `name` (or the node with that id, e.g. `incident:0123456789abcdef`),
/// nearest first, then by how many links join them to the nodes nearer in.
pub fn neighbors(store: &Store, name: &str, hops: usize, max_nodes: usize) -> Result<Neighborhood> {
    TraverseOptions { max_hops: hops, limit: 1, max_nodes }.validate()?;
    let center = resolve_node(store, name)?;
    let mut view = GraphView::new();
    for id in &center {
        view.node(*id);
    }
    let mut side = Side::new(&center);
    while side.radius < hops && !side.frontier.is_empty() {
        side.step(store, &mut view, max_nodes)?;
    }
    let mut nodes = Vec::new();
    for (id, d) in &side.dist {
        if *d == 0 {
            continue;
        }
        let ix = view.index_of(*id).expect("every reached node is in the view");
        let inner: BTreeSet<NodeIndex> =
            view.graph.neighbors_undirected(ix).filter(|n| side.dist.get(&view.graph[*n]) == Some(&(d - 1))).collect();
        nodes.push(Neighbor { node: NodeRef::load(store, *id)?, hops: *d, links: inner.len() });
    }
    nodes.sort_by(|a, b| {
        (a.hops, std::cmp::Reverse(a.links), a.node.kind, &a.node.label, a.node.id).cmp(&(
            b.hops,
            std::cmp::Reverse(b.links),
            b.node.kind,
            &b.node.label,
            b.node.id,
        ))
    });
    let center = center.iter().map(|id| NodeRef::load(store, *id)).collect::<Result<_>>()?;
    Ok(Neighborhood { center, hops, nodes, view })
}

/// Actors and places named `name` (any alias), or the node whose id `name` is.
pub fn resolve_node(store: &Store, name: &str) -> Result<Vec<NodeId>> {
    if let Ok(id) = name.trim().parse::<NodeId>()
        && store.contains(id)?
    {
        return Ok(vec![id]);
    }
    let found: Vec<NodeId> = store
        .lookup_name(name, None)?
        .into_iter()
        .filter(|id| matches!(id.kind, NodeKind::Actor | NodeKind::Location))
        .collect();
    if found.is_empty() {
        let mut suggestions = store.suggest_names(name, NodeKind::Actor, 3)?;
        suggestions.extend(store.suggest_names(name, NodeKind::Location, 3)?);
        return Err(Error::NotFound { what: "actor or place", name: name.to_string(), suggestions });
    }
    Ok(found)
}
