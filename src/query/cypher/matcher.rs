//! MATCH: depth-first pattern matching from each pattern's anchor, reading
//! edges from the store as it goes. Rows stream to the next clause through a
//! callback that returns `false` to stop early (LIMIT).

use super::context::Ctx;
use super::eval::{Env, eval, truth};
use super::plan::{Anchor, MatchPlan, NodePlan, PatternPlan, RelPlan, Scope};
use super::props::{node_prop, rel_prop};
use super::shortest;
use super::value::{PathValue, RelRef, Value};
use crate::error::Result;
use crate::model::{EdgeProps, NodeId, NodeKind};

/// Receives each matched row; returns false to stop matching.
pub(super) type Emit<'e> = dyn FnMut(&mut Vec<Value>) -> Result<bool> + 'e;

pub(super) struct Matcher<'a, 's> {
    pub cx: &'a Ctx<'s>,
    pub plan: &'a MatchPlan,
    pub scope: &'a Scope,
}

/// An expanded edge: the relationship, the node at the other end, and the
/// properties when the store returned them with the edge.
type Hop = (RelRef, NodeId, Option<EdgeProps>);

impl Matcher<'_, '_> {
    /// Extends `row` with every match of the clause, calling `emit` for each.
    pub fn run(&self, row: &mut Vec<Value>, emit: &mut Emit) -> Result<bool> {
        let mut pre_ok = true;
        for &ci in &self.plan.pre {
            pre_ok = pre_ok && self.holds(ci, row)?;
        }
        if !self.plan.optional {
            if !pre_ok {
                return Ok(true);
            }
            return self.pattern(0, row, &mut Vec::new(), emit);
        }
        let mut found = false;
        if pre_ok {
            let mut counting = |r: &mut Vec<Value>| {
                found = true;
                emit(r)
            };
            if !self.pattern(0, row, &mut Vec::new(), &mut counting)? {
                return Ok(false);
            }
        }
        if found {
            return Ok(true);
        }
        for &slot in &self.plan.new_slots {
            row[slot] = Value::Null;
        }
        emit(row)
    }

    fn holds(&self, ci: usize, row: &[Value]) -> Result<bool> {
        let c = &self.plan.conjuncts[ci];
        let v = eval(self.cx, &Env::new(self.scope, row), c)?;
        Ok(truth(&v, c.pos)? == Some(true))
    }

    pub(super) fn checks(&self, p: &PatternPlan, event: usize, row: &[Value]) -> Result<bool> {
        for &ci in &p.checks[event] {
            if !self.holds(ci, row)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    pub(super) fn pattern(
        &self,
        pi: usize,
        row: &mut Vec<Value>,
        used: &mut Vec<RelRef>,
        emit: &mut Emit,
    ) -> Result<bool> {
        let Some(p) = self.plan.patterns.get(pi) else {
            return emit(row);
        };
        let mut each = |id: NodeId, row: &mut Vec<Value>| -> Result<bool> {
            if p.shortest {
                shortest::from_anchor(self, pi, id, row, used, emit)
            } else {
                self.try_anchor(pi, id, row, used, emit)
            }
        };
        match &p.anchor {
            Anchor::Bound => match row[p.nodes[p.anchor_node].slot] {
                Value::Node(id) => each(id, row),
                _ => Ok(true),
            },
            Anchor::Ids(ids) => {
                for id in ids.iter() {
                    if !each(*id, row)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            Anchor::Scan(kind) => {
                let kinds = kind.map_or(NodeKind::ALL.to_vec(), |k| vec![k]);
                for kind in kinds {
                    for id in self.cx.store.ids_of_kind(kind) {
                        if !each(id?, row)? {
                            return Ok(false);
                        }
                    }
                }
                Ok(true)
            }
        }
    }

    /// Binds the anchor node, if it fits, and matches the pattern's steps from it.
    pub(super) fn bind_anchor(&self, p: &PatternPlan, id: NodeId, row: &mut [Value]) -> Result<bool> {
        self.cx.tick()?;
        let node = &p.nodes[p.anchor_node];
        if !self.node_ok(node, id, row, p.anchor_fresh)? {
            return Ok(false);
        }
        if p.anchor_fresh {
            row[node.slot] = Value::Node(id);
        }
        Ok(true)
    }

    fn try_anchor(
        &self,
        pi: usize,
        id: NodeId,
        row: &mut Vec<Value>,
        used: &mut Vec<RelRef>,
        emit: &mut Emit,
    ) -> Result<bool> {
        let p = &self.plan.patterns[pi];
        if !self.bind_anchor(p, id, row)? {
            return Ok(true);
        }
        let cont = if self.checks(p, 0, row)? { self.step(pi, 0, row, used, emit)? } else { true };
        if p.anchor_fresh {
            row[p.nodes[p.anchor_node].slot] = Value::Null;
        }
        Ok(cont)
    }

    pub(super) fn node_ok(&self, n: &NodePlan, id: NodeId, row: &[Value], fresh: bool) -> Result<bool> {
        if n.impossible || n.kind.is_some_and(|k| k != id.kind) {
            return Ok(false);
        }
        if !fresh && row[n.slot] != Value::Node(id) {
            return Ok(false);
        }
        for (key, e) in &n.props {
            let want = eval(self.cx, &Env::new(self.scope, row), e)?;
            let ok = match (&want, key.as_str(), id.kind) {
                (Value::Null, _, _) => false,
                (Value::Str(name), "name", NodeKind::Actor | NodeKind::Location) => {
                    self.cx.lookup_name(name, Some(id.kind))?.contains(&id)
                }
                _ => match self.cx.node(id)? {
                    Some(node) => node_prop(id, &node, key).is_some_and(|have| have.equals(&want) == Some(true)),
                    None => false,
                },
            };
            if !ok {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn rel_ok(&self, rp: &RelPlan, r: RelRef, props: Option<&EdgeProps>, row: &[Value]) -> Result<bool> {
        if rp.props.is_empty() {
            return Ok(true);
        }
        let loaded;
        let props = match props {
            Some(p) => p,
            None => {
                loaded = self.cx.rel_props(r)?;
                &loaded
            }
        };
        for (key, e) in &rp.props {
            let want = eval(self.cx, &Env::new(self.scope, row), e)?;
            let have = rel_prop(props, key).unwrap_or(Value::Null);
            if have.equals(&want) != Some(true) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Edges from `from` that fit `rp`, walked forward (as written) or backward.
    pub(super) fn expand(&self, from: NodeId, rp: &RelPlan, forward: bool) -> Result<Vec<Hop>> {
        let (out, inc) = shortest::directions(rp.dir, forward);
        let mut hops = Vec::new();
        if out {
            for e in self.cx.out_edges(from, &rp.kinds)? {
                let r = RelRef { src: from, kind: e.kind, dst: e.other };
                hops.push((r, e.other, Some(e.props)));
            }
        }
        if inc {
            for (kind, other) in self.cx.in_edges(from, &rp.kinds)? {
                if out && other == from {
                    continue; // a self-loop, already seen leaving
                }
                let r = RelRef { src: other, kind, dst: from };
                hops.push((r, other, None));
            }
        }
        Ok(hops)
    }

    pub(super) fn step(
        &self,
        pi: usize,
        si: usize,
        row: &mut Vec<Value>,
        used: &mut Vec<RelRef>,
        emit: &mut Emit,
    ) -> Result<bool> {
        let p = &self.plan.patterns[pi];
        let Some(st) = p.steps.get(si) else {
            return self.finish(pi, row, used, emit);
        };
        let Value::Node(from) = row[p.nodes[st.from].slot] else {
            return Ok(true);
        };
        let rp = &p.rels[st.rel];
        if rp.range.is_some() {
            let mut trail = Vec::new();
            return self.walk(pi, si, from, &mut trail, row, used, emit);
        }
        let to = &p.nodes[st.to];
        for (r, other, props) in self.expand(from, rp, st.forward)? {
            if used.contains(&r)
                || (!st.fresh_rel && row[rp.slot] != Value::Rel(r))
                || !self.rel_ok(rp, r, props.as_ref(), row)?
                || !self.node_ok(to, other, row, st.fresh_node)?
            {
                continue;
            }
            if st.fresh_rel {
                row[rp.slot] = Value::Rel(r);
            }
            if st.fresh_node {
                row[to.slot] = Value::Node(other);
            }
            used.push(r);
            let cont = if self.checks(p, si + 1, row)? { self.step(pi, si + 1, row, used, emit)? } else { true };
            used.pop();
            self.unbind(st.fresh_rel.then_some(rp.slot), st.fresh_node.then_some(to.slot), row);
            if !cont {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn unbind(&self, rel: Option<usize>, node: Option<usize>, row: &mut [Value]) {
        for slot in rel.into_iter().chain(node) {
            row[slot] = Value::Null;
        }
    }

    /// Variable-length step: every trail of `min..=max` fitting relationships.
    #[allow(clippy::too_many_arguments)]
    fn walk(
        &self,
        pi: usize,
        si: usize,
        cur: NodeId,
        trail: &mut Vec<RelRef>,
        row: &mut Vec<Value>,
        used: &mut Vec<RelRef>,
        emit: &mut Emit,
    ) -> Result<bool> {
        let p = &self.plan.patterns[pi];
        let st = &p.steps[si];
        let rp = &p.rels[st.rel];
        let (min, max) = rp.range.unwrap_or((1, 1));
        let depth = trail.len() as u32;
        if depth >= min && !self.end_walk(pi, si, cur, trail, row, used, emit)? {
            return Ok(false);
        }
        if depth >= max {
            return Ok(true);
        }
        for (r, other, props) in self.expand(cur, rp, st.forward)? {
            if used.contains(&r) || !self.rel_ok(rp, r, props.as_ref(), row)? {
                continue;
            }
            trail.push(r);
            used.push(r);
            let cont = self.walk(pi, si, other, trail, row, used, emit)?;
            used.pop();
            trail.pop();
            if !cont {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Ends a variable-length step at `end`, binding the relationship list.
    #[allow(clippy::too_many_arguments)]
    fn end_walk(
        &self,
        pi: usize,
        si: usize,
        end: NodeId,
        trail: &[RelRef],
        row: &mut Vec<Value>,
        used: &mut Vec<RelRef>,
        emit: &mut Emit,
    ) -> Result<bool> {
        let p = &self.plan.patterns[pi];
        let st = &p.steps[si];
        let rp = &p.rels[st.rel];
        let to = &p.nodes[st.to];
        let mut rels: Vec<Value> = trail.iter().map(|r| Value::Rel(*r)).collect();
        if !st.forward {
            rels.reverse();
        }
        let rels = Value::List(rels);
        if (!st.fresh_rel && row[rp.slot] != rels) || !self.node_ok(to, end, row, st.fresh_node)? {
            return Ok(true);
        }
        if st.fresh_rel {
            row[rp.slot] = rels;
        }
        if st.fresh_node {
            row[to.slot] = Value::Node(end);
        }
        let cont = if self.checks(p, si + 1, row)? { self.step(pi, si + 1, row, used, emit)? } else { true };
        self.unbind(st.fresh_rel.then_some(rp.slot), st.fresh_node.then_some(to.slot), row);
        Ok(cont)
    }

    /// All steps bound: binds the path variable, then matches the next pattern.
    fn finish(&self, pi: usize, row: &mut Vec<Value>, used: &mut Vec<RelRef>, emit: &mut Emit) -> Result<bool> {
        let p = &self.plan.patterns[pi];
        if let Some(slot) = p.path_slot {
            row[slot] = Value::Path(build_path(p, row));
        }
        let cont = if self.checks(p, p.steps.len() + 1, row)? { self.pattern(pi + 1, row, used, emit)? } else { true };
        if let Some(slot) = p.path_slot {
            row[slot] = Value::Null;
        }
        Ok(cont)
    }
}

/// The path a bound pattern describes, in the order written.
fn build_path(p: &PatternPlan, row: &[Value]) -> PathValue {
    let mut nodes = Vec::new();
    let mut rels = Vec::new();
    let Value::Node(mut cur) = row[p.nodes[0].slot] else {
        return PathValue { nodes, rels };
    };
    nodes.push(cur);
    for rp in &p.rels {
        let hops: Vec<RelRef> = match &row[rp.slot] {
            Value::Rel(r) => vec![*r],
            Value::List(items) => items
                .iter()
                .filter_map(|v| match v {
                    Value::Rel(r) => Some(*r),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        for r in hops {
            cur = if r.src == cur { r.dst } else { r.src };
            rels.push(r);
            nodes.push(cur);
        }
    }
    PathValue { nodes, rels }
}
