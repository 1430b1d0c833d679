//! RETURN and WITH: projection, grouping with aggregates, DISTINCT,
//! ORDER BY, SKIP and LIMIT.

use std::collections::{HashMap, HashSet};

use super::context::Ctx;
use super::eval::{Env, error, eval, truth, type_error};
use super::plan::Scope;
use super::plan_project::{AggSpec, ProjectionPlan, SortKey};
use super::value::Value;
use crate::error::Result;

/// Projected rows with, when asked for, the graph elements they came from.
pub(super) struct Projected {
    pub rows: Vec<Vec<Value>>,
    pub elements: Vec<Value>,
}

struct Entry {
    values: Vec<Value>,
    keys: Vec<Value>,
    elements: Vec<Value>,
}

struct Group {
    values: Vec<Value>,
    rep: Vec<Value>,
    aggs: Vec<AggCell>,
    elements: Vec<Value>,
}

pub(super) struct Projector<'a, 's> {
    cx: &'a Ctx<'s>,
    plan: &'a ProjectionPlan,
    scope: &'a Scope,
    keep_elements: bool,
    entries: Vec<Entry>,
    index: HashMap<Vec<Value>, usize>,
    groups: Vec<Group>,
}

impl<'a, 's> Projector<'a, 's> {
    pub fn new(cx: &'a Ctx<'s>, plan: &'a ProjectionPlan, scope: &'a Scope, keep_elements: bool) -> Self {
        Projector { cx, plan, scope, keep_elements, entries: Vec::new(), index: HashMap::new(), groups: Vec::new() }
    }

    /// Takes one input row; returns false once no more rows can change the result.
    pub fn push(&mut self, row: &[Value]) -> Result<bool> {
        if self.plan.aggregating {
            self.push_group(row)?;
            return Ok(true);
        }
        let env = Env::new(self.scope, row);
        let values = self.plan.exprs.iter().map(|e| eval(self.cx, &env, e)).collect::<Result<Vec<_>>>()?;
        let elements = self.elements_of(row);
        if self.plan.distinct {
            if let Some(&i) = self.index.get(&values) {
                self.entries[i].elements.extend(elements);
                return Ok(true);
            }
            self.index.insert(values.clone(), self.entries.len());
        }
        let keys = self.sort_keys(&values, row, &[])?;
        self.cx.hold(1)?;
        self.entries.push(Entry { values, keys, elements });
        let enough = self.plan.order.is_empty()
            && self.plan.limit.is_some_and(|l| self.entries.len() >= l.saturating_add(self.plan.skip));
        Ok(!enough)
    }

    fn elements_of(&self, row: &[Value]) -> Vec<Value> {
        if !self.keep_elements {
            return Vec::new();
        }
        row.iter()
            .filter(|v| matches!(v, Value::Node(_) | Value::Rel(_) | Value::Path(_) | Value::List(_)))
            .cloned()
            .collect()
    }

    fn sort_keys(&self, values: &[Value], source: &[Value], aggs: &[Value]) -> Result<Vec<Value>> {
        let env = Env { scope: &self.plan.out, row: values, aggs, fallback: Some((self.scope, source)) };
        self.plan
            .order
            .iter()
            .map(|(key, _)| match key {
                SortKey::Column(i) => Ok(values[*i].clone()),
                SortKey::Expr(e) => eval(self.cx, &env, e),
            })
            .collect()
    }

    fn push_group(&mut self, row: &[Value]) -> Result<()> {
        let env = Env::new(self.scope, row);
        let mut key = Vec::new();
        for e in &self.plan.exprs {
            if !e.has_agg_ref() {
                key.push(eval(self.cx, &env, e)?);
            }
        }
        let gi = match self.index.get(&key) {
            Some(&gi) => gi,
            None => {
                self.cx.hold(1)?;
                self.index.insert(key.clone(), self.groups.len());
                self.groups.push(Group {
                    values: key,
                    rep: row.to_vec(),
                    aggs: self.plan.aggs.iter().map(AggCell::new).collect(),
                    elements: Vec::new(),
                });
                self.groups.len() - 1
            }
        };
        let elements = self.elements_of(row);
        let group = &mut self.groups[gi];
        group.elements.extend(elements);
        for (cell, spec) in group.aggs.iter_mut().zip(&self.plan.aggs) {
            cell.update(self.cx, spec, &env)?;
        }
        Ok(())
    }

    /// Sorts, skips, limits and filters what was pushed.
    pub fn finish(mut self) -> Result<Projected> {
        if self.plan.aggregating {
            self.finish_groups()?;
        }
        let mut entries = std::mem::take(&mut self.entries);
        if !self.plan.order.is_empty() {
            let order = &self.plan.order;
            entries.sort_by(|a, b| {
                for (k, (_, desc)) in order.iter().enumerate() {
                    let o = a.keys[k].order(&b.keys[k]);
                    let o = if *desc { o.reverse() } else { o };
                    if o.is_ne() {
                        return o;
                    }
                }
                std::cmp::Ordering::Equal
            });
        }
        let limit = self.plan.limit.unwrap_or(usize::MAX);
        let mut out = Projected { rows: Vec::new(), elements: Vec::new() };
        for entry in entries.into_iter().skip(self.plan.skip).take(limit) {
            if let Some(f) = &self.plan.filter {
                let v = eval(self.cx, &Env::new(&self.plan.out, &entry.values), f)?;
                if truth(&v, f.pos)? != Some(true) {
                    continue;
                }
            }
            out.elements.extend(entry.values.iter().cloned());
            out.elements.extend(entry.elements);
            out.rows.push(entry.values);
        }
        Ok(out)
    }

    fn finish_groups(&mut self) -> Result<()> {
        if self.groups.is_empty() && self.plan.exprs.iter().all(|e| e.has_agg_ref()) {
            // No rows and no grouping keys: aggregates of nothing (count 0).
            self.groups.push(Group {
                values: Vec::new(),
                rep: vec![Value::Null; self.scope.len()],
                aggs: self.plan.aggs.iter().map(AggCell::new).collect(),
                elements: Vec::new(),
            });
        }
        for group in std::mem::take(&mut self.groups) {
            let aggs: Vec<Value> = group.aggs.into_iter().map(AggCell::finish).collect();
            let env = Env { scope: self.scope, row: &group.rep, aggs: &aggs, fallback: None };
            let mut keys = group.values.into_iter();
            let mut values = Vec::new();
            for e in &self.plan.exprs {
                values.push(if e.has_agg_ref() { eval(self.cx, &env, e)? } else { keys.next().unwrap_or(Value::Null) });
            }
            let sort = self.sort_keys(&values, &group.rep, &aggs)?;
            self.entries.push(Entry { values, keys: sort, elements: group.elements });
        }
        Ok(())
    }
}

enum AggState {
    Count(i64),
    Sum(Option<Value>),
    Min(Option<Value>),
    Max(Option<Value>),
    Avg(f64, u64),
    Collect(Vec<Value>),
}

struct AggCell {
    state: AggState,
    seen: Option<HashSet<Value>>,
}

impl AggCell {
    fn new(spec: &AggSpec) -> AggCell {
        let state = match spec.name.as_str() {
            "count" => AggState::Count(0),
            "sum" => AggState::Sum(None),
            "min" => AggState::Min(None),
            "max" => AggState::Max(None),
            "avg" => AggState::Avg(0.0, 0),
            _ => AggState::Collect(Vec::new()),
        };
        AggCell { state, seen: spec.distinct.then(HashSet::new) }
    }

    fn update(&mut self, cx: &Ctx, spec: &AggSpec, env: &Env) -> Result<()> {
        let Some(arg) = &spec.arg else {
            if let AggState::Count(n) = &mut self.state {
                *n += 1;
            }
            return Ok(());
        };
        let v = eval(cx, env, arg)?;
        if v.is_null() {
            return Ok(());
        }
        if let Some(seen) = &mut self.seen {
            if seen.contains(&v) {
                return Ok(());
            }
            cx.hold(1)?;
            seen.insert(v.clone());
        }
        match &mut self.state {
            AggState::Count(n) => *n += 1,
            AggState::Sum(total) => *total = Some(add(total.take(), &v, arg.pos)?),
            AggState::Min(m) => {
                if m.as_ref().is_none_or(|x| v.order(x).is_lt()) {
                    *m = Some(v);
                }
            }
            AggState::Max(m) => {
                if m.as_ref().is_none_or(|x| v.order(x).is_gt()) {
                    *m = Some(v);
                }
            }
            AggState::Avg(sum, n) => {
                *sum += v.as_f64().ok_or_else(|| type_error(arg.pos, "numbers in avg()", &v))?;
                *n += 1;
            }
            AggState::Collect(items) => {
                cx.hold(1)?;
                items.push(v);
            }
        }
        Ok(())
    }

    fn finish(self) -> Value {
        match self.state {
            AggState::Count(n) => Value::Int(n),
            AggState::Sum(total) => total.unwrap_or(Value::Int(0)),
            AggState::Min(m) | AggState::Max(m) => m.unwrap_or(Value::Null),
            AggState::Avg(_, 0) => Value::Null,
            AggState::Avg(sum, n) => Value::Float(sum / n as f64),
            AggState::Collect(items) => Value::List(items),
        }
    }
}

fn add(total: Option<Value>, v: &Value, pos: super::ast::Pos) -> Result<Value> {
    let total = total.unwrap_or(Value::Int(0));
    match (&total, v) {
        (Value::Int(a), Value::Int(b)) => {
            a.checked_add(*b).map(Value::Int).ok_or_else(|| error(pos, "integer overflow in sum()"))
        }
        _ => match (total.as_f64(), v.as_f64()) {
            (Some(a), Some(b)) => Ok(Value::Float(a + b)),
            _ => Err(type_error(pos, "numbers in sum()", v)),
        },
    }
}
