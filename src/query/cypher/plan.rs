//! The planner: checks names against the schema, gives every variable a slot
//! in the row, picks the node each pattern starts from (the anchor) and
//! schedules WHERE conditions as early as their variables are bound.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use chrono::NaiveDate;

use super::ast::*;
use super::context::Ctx;
use super::eval::{Env, error, eval};
use super::plan_check::{check_expr, const_value};
use super::plan_project::{ProjectionPlan, plan_projection};
use super::props::{label_kind, label_names, type_names};
use super::value::Value;
use crate::error::Result;
use crate::model::{EdgeKind, NodeId, NodeKind};

/// Longest variable-length path a `*` without an upper bound follows.
pub const MAX_HOPS: u32 = 32;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum VarKind {
    Node,
    Rel,
    RelList,
    Path,
    Value,
}

/// Variable names and their slots in a row. Hidden names (anonymous pattern
/// elements) start with a space, which no query can write.
#[derive(Clone, Debug, Default)]
pub(super) struct Scope {
    names: Vec<String>,
    index: HashMap<String, usize>,
    kinds: Vec<VarKind>,
    labels: Vec<Option<NodeKind>>,
}

impl Scope {
    pub fn slot(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn add(&mut self, name: &str, kind: VarKind, label: Option<NodeKind>) -> usize {
        let slot = self.names.len();
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), slot);
        self.kinds.push(kind);
        self.labels.push(label);
        slot
    }

    pub fn add_hidden(&mut self, kind: VarKind) -> usize {
        let name = format!(" {}", self.names.len());
        self.add(&name, kind, None)
    }

    pub fn kind(&self, slot: usize) -> VarKind {
        self.kinds[slot]
    }

    pub fn label(&self, slot: usize) -> Option<NodeKind> {
        self.labels[slot]
    }

    /// Named variables, in the order they were introduced.
    pub fn visible(&self) -> Vec<(usize, &str)> {
        self.names.iter().enumerate().filter(|(_, n)| !n.starts_with(' ')).map(|(i, n)| (i, n.as_str())).collect()
    }
}

pub(super) struct QueryPlan {
    pub parts: Vec<PartPlan>,
}

pub(super) struct PartPlan {
    /// Scope after the reading clauses: what the projection reads.
    pub scope: Scope,
    pub reading: Vec<ReadingPlan>,
    pub projection: ProjectionPlan,
}

pub(super) enum ReadingPlan {
    Match(MatchPlan),
    Unwind { expr: Expr, slot: usize },
}

pub(super) struct MatchPlan {
    pub optional: bool,
    pub patterns: Vec<PatternPlan>,
    /// WHERE split at AND.
    pub conjuncts: Vec<Expr>,
    /// Conjuncts that read no variable of this clause: checked before matching.
    pub pre: Vec<usize>,
    /// Slots this clause binds (set to null by OPTIONAL MATCH when nothing matches).
    pub new_slots: Vec<usize>,
}

pub(super) struct NodePlan {
    pub slot: usize,
    /// The variable as written, if any.
    pub var: Option<String>,
    pub kind: Option<NodeKind>,
    /// Labels that no node can have at once, like `(:Actor:Incident)`.
    pub impossible: bool,
    pub props: Vec<(String, Expr)>,
}

pub(super) struct RelPlan {
    pub slot: usize,
    pub kinds: Vec<EdgeKind>,
    pub dir: Direction,
    /// Hop bounds for a variable-length relationship.
    pub range: Option<(u32, u32)>,
    pub props: Vec<(String, Expr)>,
}

/// Where the candidates for a pattern's first node come from.
pub(super) enum Anchor {
    /// Bound by an earlier pattern or clause.
    Bound,
    /// Looked up in an index: names, ids, dates or places.
    Ids(Rc<Vec<NodeId>>),
    /// Every node of a kind (or every node).
    Scan(Option<NodeKind>),
}

/// One relationship traversal, from a bound node to the next.
pub(super) struct Step {
    pub rel: usize,
    pub from: usize,
    pub to: usize,
    /// Traversed in the order written (left to right).
    pub forward: bool,
    pub fresh_rel: bool,
    pub fresh_node: bool,
}

pub(super) struct PatternPlan {
    pub nodes: Vec<NodePlan>,
    pub rels: Vec<RelPlan>,
    pub path_slot: Option<usize>,
    pub shortest: bool,
    pub anchor_node: usize,
    pub anchor: Anchor,
    pub anchor_fresh: bool,
    pub steps: Vec<Step>,
    /// For shortestPath: the far end's candidates when it has an index anchor.
    pub target: Option<Rc<Vec<NodeId>>>,
    /// Conjuncts to check after each binding event: the anchor (0), each step, the path.
    pub checks: Vec<Vec<usize>>,
}

pub(super) fn plan(cx: &Ctx, query: &Query) -> Result<QueryPlan> {
    let mut input = Scope::default();
    let mut parts = Vec::new();
    for part in &query.parts {
        let mut scope = input.clone();
        let mut reading = Vec::new();
        for clause in &part.reading {
            reading.push(match clause {
                Reading::Match(m) => ReadingPlan::Match(plan_match(cx, m, &mut scope)?),
                Reading::Unwind(u) => {
                    check_expr(&u.expr, &scope, None, false)?;
                    if scope.slot(&u.var).is_some() {
                        return Err(error(u.pos, format!("variable `{}` is already defined", u.var)));
                    }
                    let slot = scope.add(&u.var, VarKind::Value, None);
                    ReadingPlan::Unwind { expr: u.expr.clone(), slot }
                }
            });
        }
        let projection = plan_projection(cx, &part.projection, &scope)?;
        input = projection.out.clone();
        parts.push(PartPlan { scope, reading, projection });
    }
    Ok(QueryPlan { parts })
}

/// Gives `var` a slot, or checks that an existing one has the same kind.
fn declare(scope: &mut Scope, var: Option<&str>, kind: VarKind, label: Option<NodeKind>, pos: Pos) -> Result<usize> {
    let Some(name) = var else {
        return Ok(scope.add_hidden(kind));
    };
    match scope.slot(name) {
        None => Ok(scope.add(name, kind, label)),
        Some(slot) => {
            let had = scope.kind(slot);
            let compatible = had == kind || (had == VarKind::Value && kind == VarKind::Node);
            if !compatible || kind == VarKind::Path {
                return Err(error(pos, format!("variable `{name}` is already defined as a {}", kind_name(had))));
            }
            if label.is_some() && scope.labels[slot].is_none() {
                scope.labels[slot] = label;
            }
            Ok(slot)
        }
    }
}

fn kind_name(kind: VarKind) -> &'static str {
    match kind {
        VarKind::Node => "node",
        VarKind::Rel => "relationship",
        VarKind::RelList => "list of relationships",
        VarKind::Path => "path",
        VarKind::Value => "value",
    }
}

fn node_plan(np: &NodePattern, scope: &mut Scope) -> Result<NodePlan> {
    let mut kind = None;
    let mut impossible = false;
    for (label, pos) in &np.labels {
        let k = label_kind(label)
            .ok_or_else(|| error(*pos, format!("unknown label `{label}`: expected one of {}", label_names())))?;
        if kind.is_some_and(|old| old != k) {
            impossible = true;
        }
        kind = Some(k);
    }
    let slot = declare(scope, np.var.as_deref(), VarKind::Node, kind, np.pos)?;
    Ok(NodePlan { slot, var: np.var.clone(), kind, impossible, props: np.props.clone() })
}

fn rel_plan(rp: &RelPattern, scope: &mut Scope, shortest: bool) -> Result<RelPlan> {
    let mut kinds = Vec::new();
    for (name, pos) in &rp.types {
        let k = EdgeKind::parse(name).ok_or_else(|| {
            error(*pos, format!("unknown relationship type `{name}`: expected one of {}", type_names()))
        })?;
        if !kinds.contains(&k) {
            kinds.push(k);
        }
    }
    let range = match rp.range {
        None if shortest => Some((1, 1)),
        None => None,
        Some((min, max)) => {
            let min = min.unwrap_or(1);
            let max = max.unwrap_or(MAX_HOPS);
            if max < min {
                return Err(error(
                    rp.pos,
                    format!("expected a minimum length ({min}) no greater than the maximum ({max})"),
                ));
            }
            if max > MAX_HOPS {
                return Err(error(rp.pos, format!("expected a maximum path length of at most {MAX_HOPS}")));
            }
            if shortest && min > 1 {
                return Err(error(rp.pos, "expected a minimum length of 0 or 1 in shortestPath"));
            }
            Some((min, max))
        }
    };
    let kind = if range.is_some() { VarKind::RelList } else { VarKind::Rel };
    let slot = declare(scope, rp.var.as_deref(), kind, None, rp.pos)?;
    Ok(RelPlan { slot, kinds, dir: rp.dir, range, props: rp.props.clone() })
}

fn plan_match(cx: &Ctx, m: &MatchClause, scope: &mut Scope) -> Result<MatchPlan> {
    let before = scope.len();
    let outer = scope.clone();
    let mut shapes = Vec::new();
    for p in &m.patterns {
        let mut nodes = vec![node_plan(&p.start, scope)?];
        let mut rels = Vec::new();
        for (rp, np) in &p.steps {
            rels.push(rel_plan(rp, scope, p.shortest)?);
            nodes.push(node_plan(np, scope)?);
        }
        if p.shortest && !p.steps[0].0.props.is_empty() {
            return Err(error(
                p.steps[0].0.pos,
                "expected no relationship properties in shortestPath: filter with WHERE on relationships(p)",
            ));
        }
        let path_slot = match &p.path_var {
            Some(name) => Some(declare(scope, Some(name), VarKind::Path, None, p.pos)?),
            None => None,
        };
        shapes.push((nodes, rels, path_slot, p));
    }
    for (nodes, rels, _, _) in &shapes {
        check_props(nodes, rels, &outer, scope)?;
    }
    let conjuncts = match &m.filter {
        Some(f) => {
            check_expr(f, scope, None, false)?;
            split_and(f)
        }
        None => Vec::new(),
    };
    let mut bound: HashSet<usize> = (0..before).collect();
    let mut points: HashMap<usize, (usize, usize)> = HashMap::new();
    let mut patterns = Vec::new();
    for (pi, (nodes, rels, path_slot, p)) in shapes.into_iter().enumerate() {
        let pattern = plan_pattern(cx, nodes, rels, path_slot, p, &conjuncts, &mut bound, &mut points, pi)?;
        patterns.push(pattern);
    }
    let mut pre = Vec::new();
    for (ci, c) in conjuncts.iter().enumerate() {
        let mut vars = Vec::new();
        c.variables(&mut vars);
        let point = vars.iter().filter_map(|v| scope.slot(v)).filter_map(|s| points.get(&s).copied()).max();
        match point {
            None => pre.push(ci),
            Some((pi, event)) => patterns[pi].checks[event].push(ci),
        }
    }
    Ok(MatchPlan { optional: m.optional, patterns, conjuncts, pre, new_slots: (before..scope.len()).collect() })
}

/// Pattern property values may read variables of earlier clauses only.
fn check_props(nodes: &[NodePlan], rels: &[RelPlan], outer: &Scope, scope: &Scope) -> Result<()> {
    for n in nodes {
        for (key, e) in &n.props {
            check_pattern_value(e, outer, scope)?;
            if let Some(kind) = n.kind {
                super::plan_check::check_node_key(kind, key, e.pos)?;
            }
        }
    }
    for r in rels {
        for (key, e) in &r.props {
            check_pattern_value(e, outer, scope)?;
            super::plan_check::check_rel_key(key, e.pos)?;
        }
    }
    Ok(())
}

fn check_pattern_value(e: &Expr, outer: &Scope, scope: &Scope) -> Result<()> {
    check_expr(e, scope, None, false)?;
    let mut vars = Vec::new();
    e.variables(&mut vars);
    if let Some(v) = vars.iter().find(|v| outer.slot(v).is_none()) {
        return Err(error(
            e.pos,
            format!(
                "property values in a pattern can use variables of earlier clauses only; expected a WHERE condition to compare with `{v}`"
            ),
        ));
    }
    Ok(())
}

fn split_and(e: &Expr) -> Vec<Expr> {
    match &e.kind {
        ExprKind::Binary(BinaryOp::And, l, r) => {
            let mut out = split_and(l);
            out.extend(split_and(r));
            out
        }
        _ => vec![e.clone()],
    }
}

#[allow(clippy::too_many_arguments)]
fn plan_pattern(
    cx: &Ctx,
    nodes: Vec<NodePlan>,
    rels: Vec<RelPlan>,
    path_slot: Option<usize>,
    p: &Pattern,
    conjuncts: &[Expr],
    bound: &mut HashSet<usize>,
    points: &mut HashMap<usize, (usize, usize)>,
    pi: usize,
) -> Result<PatternPlan> {
    let (anchor_node, anchor) = choose_anchor(cx, &nodes, conjuncts, bound, p.shortest)?;
    let mut target = None;
    if p.shortest {
        let other = 1 - anchor_node;
        if let (_, Anchor::Ids(ids)) = node_anchor(cx, &nodes[other], bound)? {
            target = Some(ids);
        }
    }
    let mut bind = |slot: usize, event: usize, bound: &mut HashSet<usize>| {
        let fresh = bound.insert(slot);
        if fresh {
            points.insert(slot, (pi, event));
        }
        fresh
    };
    let anchor_fresh = bind(nodes[anchor_node].slot, 0, bound);
    let mut order: Vec<(usize, usize, usize, bool)> = (anchor_node..rels.len()).map(|i| (i, i, i + 1, true)).collect();
    order.extend((0..anchor_node).rev().map(|i| (i, i + 1, i, false)));
    let mut steps = Vec::new();
    for (k, (rel, from, to, forward)) in order.into_iter().enumerate() {
        let fresh_rel = bind(rels[rel].slot, k + 1, bound);
        let fresh_node = bind(nodes[to].slot, k + 1, bound);
        steps.push(Step { rel, from, to, forward, fresh_rel, fresh_node });
    }
    if let Some(slot) = path_slot {
        bind(slot, steps.len() + 1, bound);
    }
    let checks = vec![Vec::new(); steps.len() + 2];
    Ok(PatternPlan {
        nodes,
        rels,
        path_slot,
        shortest: p.shortest,
        anchor_node,
        anchor,
        anchor_fresh,
        steps,
        target,
        checks,
    })
}

/// The cheapest node to start from: bound, then looked up by id or name,
/// then by a date range or `within()` in WHERE, else a scan of its label.
fn choose_anchor(
    cx: &Ctx,
    nodes: &[NodePlan],
    conjuncts: &[Expr],
    bound: &HashSet<usize>,
    shortest: bool,
) -> Result<(usize, Anchor)> {
    let candidates: Vec<usize> = if shortest { vec![0, 1] } else { (0..nodes.len()).collect() };
    let mut best: Option<(u64, usize, Anchor)> = None;
    for &i in &candidates {
        let (cost, anchor) = node_anchor(cx, &nodes[i], bound)?;
        if best.as_ref().is_none_or(|b| cost < b.0) {
            best = Some((cost, i, anchor));
        }
    }
    let Some((cost, i, anchor)) = best else {
        return Ok((0, Anchor::Scan(None)));
    };
    if !matches!(anchor, Anchor::Scan(_)) {
        return Ok((i, anchor));
    }
    let mut best = (cost, i, anchor);
    for &i in &candidates {
        if let Some(ids) = conjunct_anchor(cx, &nodes[i], conjuncts, bound)? {
            let cost = ids.len() as u64;
            if cost < best.0 {
                best = (cost, i, Anchor::Ids(ids));
            }
        }
    }
    Ok((best.1, best.2))
}

/// The anchor a node's own pattern gives it, with an estimated cost.
fn node_anchor(cx: &Ctx, n: &NodePlan, bound: &HashSet<usize>) -> Result<(u64, Anchor)> {
    if bound.contains(&n.slot) {
        return Ok((0, Anchor::Bound));
    }
    if n.impossible {
        return Ok((0, Anchor::Ids(Rc::new(Vec::new()))));
    }
    for (key, e) in &n.props {
        let Some(Value::Str(text)) = const_value(cx, e)? else {
            continue;
        };
        if key == "id" {
            let ids: Vec<NodeId> =
                text.parse::<NodeId>().ok().filter(|id| n.kind.is_none_or(|k| k == id.kind)).into_iter().collect();
            return Ok((ids.len() as u64, Anchor::Ids(Rc::new(ids))));
        }
        if key == "name" && matches!(n.kind, None | Some(NodeKind::Actor | NodeKind::Location)) {
            let ids = cx.lookup_name(&text, n.kind)?;
            if ids.is_empty() {
                cx.warn_unknown_name(&text, n.kind)?;
            }
            return Ok((ids.len() as u64, Anchor::Ids(ids)));
        }
    }
    let stats = cx.store.stats()?;
    let cost = match n.kind {
        Some(k) => stats.nodes.get(k.label()).copied().unwrap_or(0),
        None => stats.total_nodes(),
    };
    Ok((cost.saturating_add(1), Anchor::Scan(n.kind)))
}

/// Candidates from WHERE: an incident's date range, or `within(x, "Place")`.
fn conjunct_anchor(
    cx: &Ctx,
    n: &NodePlan,
    conjuncts: &[Expr],
    bound: &HashSet<usize>,
) -> Result<Option<Rc<Vec<NodeId>>>> {
    if bound.contains(&n.slot) {
        return Ok(None);
    }
    let Some(kind @ (NodeKind::Incident | NodeKind::Location)) = n.kind else {
        return Ok(None);
    };
    let mut from = None;
    let mut to = None;
    for c in conjuncts {
        let Some(var) = n.var.as_deref() else {
            return Ok(None);
        };
        if let Some(place) = within_arg(cx, c, var)? {
            return Ok(Some(Rc::new(cx.within_candidates(&place, kind)?)));
        }
        if kind == NodeKind::Incident {
            super::plan_check::date_bounds(cx, c, var, &mut from, &mut to)?;
        }
    }
    // Far dates mean no bound (and keep the index's date arithmetic in range).
    let (lo, hi) = (NaiveDate::from_ymd_opt(1000, 1, 1), NaiveDate::from_ymd_opt(9000, 1, 1));
    let from = from.filter(|d| Some(*d) > lo);
    let to = to.filter(|d| Some(*d) < hi);
    match (from, to) {
        (None, None) => Ok(None),
        (Some(f), Some(t)) if f > t => Ok(Some(Rc::new(Vec::new()))),
        _ => Ok(Some(Rc::new(cx.store.incidents_between(from, to)?))),
    }
}

/// `P` when `c` is `within(var, P)`.
fn within_arg(cx: &Ctx, c: &Expr, var: &str) -> Result<Option<String>> {
    let ExprKind::Call { name, args, .. } = &c.kind else {
        return Ok(None);
    };
    if name != "within" || args.len() != 2 {
        return Ok(None);
    }
    if !matches!(&args[0].kind, ExprKind::Var(v) if v == var) {
        return Ok(None);
    }
    Ok(match const_value(cx, &args[1])? {
        Some(Value::Str(s)) => Some(s),
        _ => None,
    })
}

/// Evaluates an expression that reads no variable.
pub(super) fn eval_const(cx: &Ctx, e: &Expr) -> Result<Value> {
    let scope = Scope::default();
    eval(cx, &Env::new(&scope, &[]), e)
}
