//! What a running query shares: the store, caches of what it read, and the
//! limits on time and rows held.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::time::{Duration, Instant};

use super::value::RelRef;
use crate::error::{Error, Result};
use crate::model::{EdgeKind, EdgeProps, Node, NodeId, NodeKind};
use crate::store::{Edge, Store};

/// Resource limits for one query.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Most rows a query may return, or hold at once for sorting, grouping,
    /// DISTINCT and `collect()`.
    pub max_rows: usize,
    /// Wall-clock budget.
    pub timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_rows: 100_000, timeout: Duration::from_secs(30) }
    }
}

/// Node cache entries kept before the cache is dropped and refilled.
const NODE_CACHE: usize = 200_000;
/// How deep LOCATED_IN chains are followed by `within()`.
const PLACE_DEPTH: usize = 10;

/// A name as written, and the kind looked up.
type NameKey = (String, Option<NodeKind>);

pub(super) struct Ctx<'s> {
    pub store: &'s Store,
    pub limits: Limits,
    start: Instant,
    ticks: Cell<u64>,
    held: Cell<usize>,
    nodes: RefCell<HashMap<NodeId, Option<Rc<Node>>>>,
    rel_props: RefCell<HashMap<RelRef, Rc<EdgeProps>>>,
    names: RefCell<HashMap<NameKey, Rc<Vec<NodeId>>>>,
    places: RefCell<HashMap<String, Rc<HashSet<NodeId>>>>,
    regexes: RefCell<HashMap<String, Rc<regex::Regex>>>,
    pub warnings: RefCell<Vec<String>>,
}

impl<'s> Ctx<'s> {
    pub fn new(store: &'s Store, limits: &Limits) -> Ctx<'s> {
        Ctx {
            store,
            limits: limits.clone(),
            start: Instant::now(),
            ticks: Cell::new(0),
            held: Cell::new(0),
            nodes: RefCell::default(),
            rel_props: RefCell::default(),
            names: RefCell::default(),
            places: RefCell::default(),
            regexes: RefCell::default(),
            warnings: RefCell::default(),
        }
    }

    /// Counts a unit of work; checks the clock every few hundred.
    pub fn tick(&self) -> Result<()> {
        let n = self.ticks.get() + 1;
        self.ticks.set(n);
        if n.is_multiple_of(256) {
            self.check_time()?;
        }
        Ok(())
    }

    pub fn check_time(&self) -> Result<()> {
        if self.start.elapsed() > self.limits.timeout {
            return Err(Error::LimitExceeded(format!(
                "query ran longer than {} s (--timeout); narrow the pattern, add a name or LIMIT, or raise the timeout",
                self.limits.timeout.as_secs_f64()
            )));
        }
        Ok(())
    }

    /// Accounts for `n` more rows or values held in memory.
    pub fn hold(&self, n: usize) -> Result<()> {
        let held = self.held.get() + n;
        self.held.set(held);
        if held > self.limits.max_rows {
            return Err(Error::LimitExceeded(format!(
                "query returns or holds more than {} rows (--max-rows); add LIMIT, aggregate, or raise the limit",
                self.limits.max_rows
            )));
        }
        self.tick()
    }

    pub fn release(&self, n: usize) {
        self.held.set(self.held.get().saturating_sub(n));
    }

    pub fn node(&self, id: NodeId) -> Result<Option<Rc<Node>>> {
        if let Some(hit) = self.nodes.borrow().get(&id) {
            return Ok(hit.clone());
        }
        let node = self.store.node(id)?.map(Rc::new);
        let mut cache = self.nodes.borrow_mut();
        if cache.len() >= NODE_CACHE {
            cache.clear();
        }
        cache.insert(id, node.clone());
        Ok(node)
    }

    pub fn rel_props(&self, r: RelRef) -> Result<Rc<EdgeProps>> {
        if let Some(hit) = self.rel_props.borrow().get(&r) {
            return Ok(hit.clone());
        }
        let props = Rc::new(self.store.edge_props(r.src, r.kind, r.dst)?.unwrap_or_default());
        let mut cache = self.rel_props.borrow_mut();
        if cache.len() >= NODE_CACHE {
            cache.clear();
        }
        cache.insert(r, props.clone());
        Ok(props)
    }

    /// Edges leaving `id` with one of `kinds` (any kind when empty).
    pub fn out_edges(&self, id: NodeId, kinds: &[EdgeKind]) -> Result<Vec<Edge>> {
        self.tick()?;
        if kinds.is_empty() {
            return self.store.out_edges(id, None);
        }
        let mut out = Vec::new();
        for kind in kinds {
            out.extend(self.store.out_edges(id, Some(*kind))?);
        }
        Ok(out)
    }

    /// Edges arriving at `id` with one of `kinds` (any kind when empty).
    pub fn in_edges(&self, id: NodeId, kinds: &[EdgeKind]) -> Result<Vec<(EdgeKind, NodeId)>> {
        self.tick()?;
        if kinds.is_empty() {
            return self.store.in_edges(id, None);
        }
        let mut out = Vec::new();
        for kind in kinds {
            out.extend(self.store.in_edges(id, Some(*kind))?);
        }
        Ok(out)
    }

    /// Nodes whose name or an alias normalises like `name` (through the name index).
    pub fn lookup_name(&self, name: &str, kind: Option<NodeKind>) -> Result<Rc<Vec<NodeId>>> {
        let key = (name.to_string(), kind);
        if let Some(hit) = self.names.borrow().get(&key) {
            return Ok(hit.clone());
        }
        let found = Rc::new(self.store.lookup_name(name, kind)?);
        self.names.borrow_mut().insert(key, found.clone());
        Ok(found)
    }

    /// Warns once when a pattern's `{name: ...}` finds nothing, with near names.
    pub fn warn_unknown_name(&self, name: &str, kind: Option<NodeKind>) -> Result<()> {
        let kind_for_suggestions = kind.unwrap_or(NodeKind::Actor);
        let near = self.store.suggest_names(name, kind_for_suggestions, 5)?;
        let what = kind.map_or("node", |k| k.label());
        let mut text = format!("no {what} named {name:?}");
        if !near.is_empty() {
            text.push_str(&format!("; did you mean {}?", near.join(", ")));
        }
        let mut warnings = self.warnings.borrow_mut();
        if !warnings.contains(&text) {
            warnings.push(text);
        }
        Ok(())
    }

    /// Locations named `name` and every location LOCATED_IN them, transitively.
    pub fn place_set(&self, name: &str) -> Result<Rc<HashSet<NodeId>>> {
        if let Some(hit) = self.places.borrow().get(name) {
            return Ok(hit.clone());
        }
        let roots = self.store.lookup_name(name, Some(NodeKind::Location))?;
        if roots.is_empty() {
            return Err(Error::NotFound {
                what: "place",
                name: name.to_string(),
                suggestions: self.store.suggest_names(name, NodeKind::Location, 5)?,
            });
        }
        let mut set: HashSet<NodeId> = roots.iter().copied().collect();
        let mut frontier = roots;
        for _ in 0..PLACE_DEPTH {
            let mut next = Vec::new();
            for id in frontier {
                for (_, inner) in self.in_edges(id, &[EdgeKind::LocatedIn])? {
                    if set.insert(inner) {
                        next.push(inner);
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            frontier = next;
        }
        let set = Rc::new(set);
        self.places.borrow_mut().insert(name.to_string(), set.clone());
        Ok(set)
    }

    /// True when `id` (a location, or an incident through OCCURRED_AT) is in or
    /// inside the place named `name`.
    pub fn within(&self, id: NodeId, name: &str) -> Result<bool> {
        let set = self.place_set(name)?;
        match id.kind {
            NodeKind::Location => Ok(set.contains(&id)),
            NodeKind::Incident => {
                Ok(self.out_edges(id, &[EdgeKind::OccurredAt])?.iter().any(|e| set.contains(&e.other)))
            }
            _ => Ok(false),
        }
    }

    /// Incidents (or locations) inside the place named `name`: a seed for matching.
    pub fn within_candidates(&self, name: &str, kind: NodeKind) -> Result<Vec<NodeId>> {
        let set = self.place_set(name)?;
        let mut places: Vec<NodeId> = set.iter().copied().collect();
        places.sort();
        if kind == NodeKind::Location {
            return Ok(places);
        }
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for place in places {
            for (_, inc) in self.in_edges(place, &[EdgeKind::OccurredAt])? {
                if seen.insert(inc) {
                    out.push(inc);
                }
            }
        }
        out.sort();
        Ok(out)
    }

    pub fn regex(&self, pattern: &str) -> std::result::Result<Rc<regex::Regex>, String> {
        if let Some(hit) = self.regexes.borrow().get(pattern) {
            return Ok(hit.clone());
        }
        let re = regex::RegexBuilder::new(&format!("^(?:{pattern})$"))
            .size_limit(1 << 20)
            .build()
            .map_err(|e| e.to_string())?;
        let re = Rc::new(re);
        self.regexes.borrow_mut().insert(pattern.to_string(), re.clone());
        Ok(re)
    }
}
