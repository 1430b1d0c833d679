//! `shortestPath((a)-[*..n]-(b))`: loads a petgraph view around the ends
//! (from both ends at once when the far end is known), then finds the path
//! by breadth-first search in the view.

use std::collections::{HashMap, HashSet, VecDeque};

use petgraph::Direction as PgDirection;
use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use super::ast::Direction;
use super::context::Ctx;
use super::matcher::{Emit, Matcher};
use super::plan::RelPlan;
use super::value::{RelRef, Value};
use crate::error::{Error, Result};
use crate::graph::GraphView;
use crate::model::{EdgeKind, NodeId};

/// Which stored edges a step follows: (outgoing, incoming), walking forward
/// (as written) or backward.
pub(super) fn directions(dir: Direction, forward: bool) -> (bool, bool) {
    match (dir, forward) {
        (Direction::Right, true) | (Direction::Left, false) => (true, false),
        (Direction::Left, true) | (Direction::Right, false) => (false, true),
        (Direction::Both, _) => (true, true),
    }
}

/// Matches a shortestPath pattern from the anchor `a`.
pub(super) fn from_anchor(
    m: &Matcher,
    pi: usize,
    a: NodeId,
    row: &mut Vec<Value>,
    used: &mut Vec<RelRef>,
    emit: &mut Emit,
) -> Result<bool> {
    let p = &m.plan.patterns[pi];
    if !m.bind_anchor(p, a, row)? {
        return Ok(true);
    }
    let cont = if m.checks(p, 0, row)? { ends(m, pi, a, row, used, emit)? } else { true };
    if p.anchor_fresh {
        row[p.nodes[p.anchor_node].slot] = Value::Null;
    }
    Ok(cont)
}

fn ends(
    m: &Matcher,
    pi: usize,
    a: NodeId,
    row: &mut Vec<Value>,
    used: &mut Vec<RelRef>,
    emit: &mut Emit,
) -> Result<bool> {
    let p = &m.plan.patterns[pi];
    let st = &p.steps[0];
    let rp = &p.rels[0];
    let to = &p.nodes[st.to];
    let targets: Option<Vec<NodeId>> = match (&row[to.slot], &p.target) {
        (Value::Node(b), _) if !st.fresh_node => Some(vec![*b]),
        (_, Some(ids)) => Some(ids.iter().copied().filter(|id| to.kind.is_none_or(|k| k == id.kind)).collect()),
        _ => None,
    };
    let search = Search { cx: m.cx, rp, forward: st.forward };
    for (b, mut rels) in search.run(a, targets.as_deref())? {
        if !m.node_ok(to, b, row, st.fresh_node)? {
            continue;
        }
        if !st.forward {
            rels.reverse();
        }
        row[rp.slot] = Value::List(rels.into_iter().map(Value::Rel).collect());
        if st.fresh_node {
            row[to.slot] = Value::Node(b);
        }
        let cont = if m.checks(p, 1, row)? { m.step(pi, 1, row, used, emit)? } else { true };
        row[rp.slot] = Value::Null;
        if st.fresh_node {
            row[to.slot] = Value::Null;
        }
        if !cont {
            return Ok(false);
        }
    }
    Ok(true)
}

struct Search<'a, 's> {
    cx: &'a Ctx<'s>,
    rp: &'a RelPlan,
    forward: bool,
}

/// Shortest paths found: each end with the relationships from the start, in order.
type Found = Vec<(NodeId, Vec<RelRef>)>;

impl Search<'_, '_> {
    fn run(&self, a: NodeId, targets: Option<&[NodeId]>) -> Result<Found> {
        let (min, max) = self.rp.range.unwrap_or((1, 1));
        let mut view = GraphView::new();
        let start = view.node(a);
        match targets {
            Some([b]) => self.load_between(&mut view, a, *b, max as usize)?,
            _ => self.load_around(&mut view, a, targets, max as usize)?,
        }
        let wanted: Option<HashSet<NodeId>> = targets.map(|t| t.iter().copied().collect());
        let parents = self.bfs(&view, start, max as usize, wanted.as_ref());
        let mut found = Vec::new();
        for (ix, depth) in parents.order {
            let id = view.graph[ix];
            if wanted.as_ref().is_some_and(|w| !w.contains(&id)) || (depth as u32) < min {
                continue;
            }
            found.push((id, path_to(&view, &parents.parent, ix)));
        }
        Ok(found)
    }

    /// Loads the edges of the step around `frontier`, one hop; returns the
    /// nodes `seen` had not yet got.
    fn load(
        &self,
        view: &mut GraphView,
        frontier: &[NodeId],
        forward: bool,
        seen: &mut HashSet<NodeId>,
    ) -> Result<Vec<NodeId>> {
        let (out, inc) = directions(self.rp.dir, forward);
        let mut next = Vec::new();
        for &id in frontier {
            if out {
                for e in self.cx.out_edges(id, &self.rp.kinds)? {
                    view.edge(id, e.kind, e.other);
                    if seen.insert(e.other) {
                        next.push(e.other);
                    }
                }
            }
            if inc {
                for (kind, other) in self.cx.in_edges(id, &self.rp.kinds)? {
                    view.edge(other, kind, id);
                    if seen.insert(other) {
                        next.push(other);
                    }
                }
            }
            self.check_size(view)?;
        }
        Ok(next)
    }

    fn check_size(&self, view: &GraphView) -> Result<()> {
        let cap = self.cx.limits.max_rows.saturating_mul(10).max(10_000);
        if view.node_count() > cap {
            return Err(Error::LimitExceeded(format!(
                "shortestPath explored more than {cap} nodes (10 x --max-rows); lower the maximum length or name both ends"
            )));
        }
        self.cx.tick()
    }

    /// Expands from both ends, the smaller frontier first, until they meet.
    fn load_between(&self, view: &mut GraphView, a: NodeId, b: NodeId, max: usize) -> Result<()> {
        view.node(b);
        let (mut seen_a, mut seen_b) = (HashSet::from([a]), HashSet::from([b]));
        let (mut fa, mut fb) = (vec![a], vec![b]);
        let mut hops = 0;
        while hops < max && seen_a.is_disjoint(&seen_b) && !fa.is_empty() && !fb.is_empty() {
            if fa.len() <= fb.len() {
                fa = self.load(view, &fa, self.forward, &mut seen_a)?;
            } else {
                fb = self.load(view, &fb, !self.forward, &mut seen_b)?;
            }
            hops += 1;
        }
        Ok(())
    }

    /// Expands from `a` up to `max` hops, or until every target is reached.
    fn load_around(&self, view: &mut GraphView, a: NodeId, targets: Option<&[NodeId]>, max: usize) -> Result<()> {
        let mut seen = HashSet::from([a]);
        let mut frontier = vec![a];
        for _ in 0..max {
            frontier = self.load(view, &frontier, self.forward, &mut seen)?;
            let done = targets.is_some_and(|t| t.iter().all(|id| seen.contains(id)));
            if frontier.is_empty() || done {
                break;
            }
        }
        Ok(())
    }

    /// Breadth-first search in the view from `start`, following the step's
    /// direction and types, to depth `max`.
    fn bfs(&self, view: &GraphView, start: NodeIndex, max: usize, wanted: Option<&HashSet<NodeId>>) -> Parents {
        let (out, inc) = directions(self.rp.dir, self.forward);
        let mut parents = Parents { parent: HashMap::new(), order: vec![(start, 0)] };
        let mut depth_of = HashMap::from([(start, 0usize)]);
        let mut queue = VecDeque::from([start]);
        let mut remaining = wanted.map(|w| w.len());
        while let Some(ix) = queue.pop_front() {
            let depth = depth_of[&ix];
            if depth >= max || remaining == Some(0) {
                continue;
            }
            let mut next: Vec<(NodeIndex, EdgeIndex)> = Vec::new();
            if out {
                next.extend(view.graph.edges_directed(ix, PgDirection::Outgoing).map(|e| (e.target(), e.id())));
            }
            if inc {
                next.extend(view.graph.edges_directed(ix, PgDirection::Incoming).map(|e| (e.source(), e.id())));
            }
            for (other, edge) in next {
                if !self.allowed(view.graph[edge]) || depth_of.contains_key(&other) {
                    continue;
                }
                depth_of.insert(other, depth + 1);
                parents.parent.insert(other, (ix, edge));
                parents.order.push((other, depth + 1));
                if let (Some(w), Some(r)) = (wanted, remaining.as_mut())
                    && w.contains(&view.graph[other])
                {
                    *r = r.saturating_sub(1);
                }
                queue.push_back(other);
            }
        }
        parents
    }

    fn allowed(&self, kind: EdgeKind) -> bool {
        self.rp.kinds.is_empty() || self.rp.kinds.contains(&kind)
    }
}

struct Parents {
    parent: HashMap<NodeIndex, (NodeIndex, EdgeIndex)>,
    /// Nodes in the order reached, with their depth.
    order: Vec<(NodeIndex, usize)>,
}

fn path_to(view: &GraphView, parent: &HashMap<NodeIndex, (NodeIndex, EdgeIndex)>, mut ix: NodeIndex) -> Vec<RelRef> {
    let mut rels = Vec::new();
    while let Some(&(prev, edge)) = parent.get(&ix) {
        if let Some((s, d)) = view.graph.edge_endpoints(edge) {
            rels.push(RelRef { src: view.graph[s], kind: view.graph[edge], dst: view.graph[d] });
        }
        ix = prev;
    }
    rels.reverse();
    rels
}
