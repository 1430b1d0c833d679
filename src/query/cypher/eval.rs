//! Expression evaluation over one row, with three-valued logic for nulls.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use chrono::{Datelike, Timelike};

use super::ast::{BinaryOp, Expr, ExprKind, Literal, Pos, UnaryOp};
use super::context::Ctx;
use super::functions;
use super::plan::Scope;
use super::props::{node_prop, rel_prop};
use super::value::Value;
use crate::error::{Error, Result};

/// Where variables come from while evaluating.
pub(super) struct Env<'a> {
    pub scope: &'a Scope,
    pub row: &'a [Value],
    /// Values of the projection's aggregates (`ExprKind::AggRef`).
    pub aggs: &'a [Value],
    /// Looked at when `scope` lacks a name (ORDER BY sees columns, then the source row).
    pub fallback: Option<(&'a Scope, &'a [Value])>,
}

impl<'a> Env<'a> {
    pub fn new(scope: &'a Scope, row: &'a [Value]) -> Env<'a> {
        Env { scope, row, aggs: &[], fallback: None }
    }

    fn lookup(&self, name: &str) -> Option<&Value> {
        if let Some(slot) = self.scope.slot(name) {
            return self.row.get(slot);
        }
        let (scope, row) = self.fallback?;
        row.get(scope.slot(name)?)
    }
}

pub(super) fn error(pos: Pos, message: impl Into<String>) -> Error {
    Error::Query { line: pos.line, column: pos.column, message: message.into() }
}

pub(super) fn type_error(pos: Pos, expected: &str, found: &Value) -> Error {
    error(pos, format!("expected {expected}, found {}", found.type_name()))
}

/// A boolean, or `None` for null; anything else is an error.
pub(super) fn truth(v: &Value, pos: Pos) -> Result<Option<bool>> {
    match v {
        Value::Bool(b) => Ok(Some(*b)),
        Value::Null => Ok(None),
        other => Err(type_error(pos, "a boolean", other)),
    }
}

pub(super) fn eval(cx: &Ctx, env: &Env, e: &Expr) -> Result<Value> {
    match &e.kind {
        ExprKind::Lit(l) => Ok(literal(l)),
        ExprKind::Var(name) => {
            env.lookup(name).cloned().ok_or_else(|| error(e.pos, format!("unknown variable `{name}`")))
        }
        ExprKind::Prop(base, key) => {
            let b = eval(cx, env, base)?;
            property(cx, &b, key, e.pos)
        }
        ExprKind::Index(base, index) => {
            let b = eval(cx, env, base)?;
            let i = eval(cx, env, index)?;
            index_value(&b, &i, e.pos)
        }
        ExprKind::List(items) => Ok(Value::List(items.iter().map(|x| eval(cx, env, x)).collect::<Result<_>>()?)),
        ExprKind::Map(entries) => {
            let mut m = BTreeMap::new();
            for (k, x) in entries {
                m.insert(k.clone(), eval(cx, env, x)?);
            }
            Ok(Value::Map(m))
        }
        ExprKind::Call { .. } => functions::call(cx, env, e),
        ExprKind::Unary(UnaryOp::Not, x) => {
            let v = eval(cx, env, x)?;
            Ok(truth(&v, x.pos)?.map_or(Value::Null, |b| Value::Bool(!b)))
        }
        ExprKind::Unary(UnaryOp::Neg, x) => match eval(cx, env, x)? {
            Value::Null => Ok(Value::Null),
            Value::Int(n) => n.checked_neg().map(Value::Int).ok_or_else(|| error(e.pos, "integer overflow")),
            Value::Float(f) => Ok(Value::Float(-f)),
            other => Err(type_error(x.pos, "a number after `-`", &other)),
        },
        ExprKind::Binary(op, l, r) => binary(cx, env, *op, l, r, e.pos),
        ExprKind::IsNull { expr, negated } => {
            let null = eval(cx, env, expr)?.is_null();
            Ok(Value::Bool(null != *negated))
        }
        ExprKind::Case { operand, whens, otherwise } => case(cx, env, operand.as_deref(), whens, otherwise.as_deref()),
        ExprKind::AggRef(i) => Ok(env.aggs.get(*i).cloned().unwrap_or(Value::Null)),
    }
}

fn literal(l: &Literal) -> Value {
    match l {
        Literal::Null => Value::Null,
        Literal::Bool(b) => Value::Bool(*b),
        Literal::Int(n) => Value::Int(*n),
        Literal::Float(x) => Value::Float(*x),
        Literal::Str(s) => Value::Str(s.clone()),
    }
}

fn case(
    cx: &Ctx,
    env: &Env,
    operand: Option<&Expr>,
    whens: &[(Expr, Expr)],
    otherwise: Option<&Expr>,
) -> Result<Value> {
    let subject = operand.map(|o| eval(cx, env, o)).transpose()?;
    for (cond, then) in whens {
        let c = eval(cx, env, cond)?;
        let hit = match &subject {
            Some(s) => s.equals(&c) == Some(true),
            None => truth(&c, cond.pos)? == Some(true),
        };
        if hit {
            return eval(cx, env, then);
        }
    }
    otherwise.map_or(Ok(Value::Null), |o| eval(cx, env, o))
}

/// `base.key` for nodes, relationships, maps and dates.
pub(super) fn property(cx: &Ctx, base: &Value, key: &str, pos: Pos) -> Result<Value> {
    match base {
        Value::Null => Ok(Value::Null),
        Value::Node(id) => match cx.node(*id)? {
            Some(node) => Ok(node_prop(*id, &node, key).unwrap_or(Value::Null)),
            None => Ok(Value::Null),
        },
        Value::Rel(r) => {
            let props = cx.rel_props(*r)?;
            Ok(rel_prop(&props, key).unwrap_or(Value::Null))
        }
        Value::Map(m) => Ok(m.get(key).cloned().unwrap_or(Value::Null)),
        Value::Date(d) => date_part(key, d.year(), d.month(), d.day(), None)
            .ok_or_else(|| error(pos, format!("expected year, month, day or quarter, found `{key}`"))),
        Value::DateTime(d) => date_part(key, d.year(), d.month(), d.day(), Some((d.hour(), d.minute(), d.second())))
            .ok_or_else(|| {
                error(pos, format!("expected year, month, day, quarter, hour, minute or second, found `{key}`"))
            }),
        other => Err(error(
            pos,
            format!("expected a node, relationship, map or date before `.{key}`, found {}", other.type_name()),
        )),
    }
}

fn date_part(key: &str, y: i32, m: u32, d: u32, time: Option<(u32, u32, u32)>) -> Option<Value> {
    let v = match (key, time) {
        ("year", _) => i64::from(y),
        ("month", _) => i64::from(m),
        ("day", _) => i64::from(d),
        ("quarter", _) => i64::from((m - 1) / 3 + 1),
        ("hour", Some((h, _, _))) => i64::from(h),
        ("minute", Some((_, mi, _))) => i64::from(mi),
        ("second", Some((_, _, s))) => i64::from(s),
        _ => return None,
    };
    Some(Value::Int(v))
}

fn index_value(base: &Value, index: &Value, pos: Pos) -> Result<Value> {
    match (base, index) {
        (Value::Null, _) | (_, Value::Null) => Ok(Value::Null),
        (Value::List(items), Value::Int(i)) => {
            let len = items.len() as i64;
            let i = if *i < 0 { len + i } else { *i };
            Ok(usize::try_from(i).ok().and_then(|i| items.get(i)).cloned().unwrap_or(Value::Null))
        }
        (Value::Map(m), Value::Str(k)) => Ok(m.get(k).cloned().unwrap_or(Value::Null)),
        (Value::List(_), other) => Err(type_error(pos, "an integer index", other)),
        (Value::Map(_), other) => Err(type_error(pos, "a string key", other)),
        (other, _) => Err(type_error(pos, "a list or map before `[`", other)),
    }
}

fn binary(cx: &Ctx, env: &Env, op: BinaryOp, l: &Expr, r: &Expr, pos: Pos) -> Result<Value> {
    if matches!(op, BinaryOp::And | BinaryOp::Or | BinaryOp::Xor) {
        return logic(cx, env, op, l, r);
    }
    let a = eval(cx, env, l)?;
    let b = eval(cx, env, r)?;
    let cmp = |pred: fn(Ordering) -> bool| Ok(a.compare(&b).map_or(Value::Null, |o| Value::Bool(pred(o))));
    match op {
        BinaryOp::Eq => Ok(a.equals(&b).map_or(Value::Null, Value::Bool)),
        BinaryOp::Ne => Ok(a.equals(&b).map_or(Value::Null, |x| Value::Bool(!x))),
        BinaryOp::Lt => cmp(|o| o == Ordering::Less),
        BinaryOp::Le => cmp(|o| o != Ordering::Greater),
        BinaryOp::Gt => cmp(|o| o == Ordering::Greater),
        BinaryOp::Ge => cmp(|o| o != Ordering::Less),
        BinaryOp::In => in_list(&a, &b, r.pos),
        BinaryOp::StartsWith | BinaryOp::EndsWith | BinaryOp::Contains => Ok(text_op(op, &a, &b)),
        BinaryOp::Regex => match (&a, &b) {
            (Value::Str(s), Value::Str(p)) => {
                let re = cx.regex(p).map_err(|m| error(r.pos, format!("expected a valid regular expression: {m}")))?;
                Ok(Value::Bool(re.is_match(s)))
            }
            _ => Ok(Value::Null),
        },
        _ => arithmetic(op, a, b, pos),
    }
}

fn logic(cx: &Ctx, env: &Env, op: BinaryOp, l: &Expr, r: &Expr) -> Result<Value> {
    let a = truth(&eval(cx, env, l)?, l.pos)?;
    match (op, a) {
        (BinaryOp::And, Some(false)) => return Ok(Value::Bool(false)),
        (BinaryOp::Or, Some(true)) => return Ok(Value::Bool(true)),
        _ => {}
    }
    let b = truth(&eval(cx, env, r)?, r.pos)?;
    let out = match op {
        BinaryOp::And => match (a, b) {
            (_, Some(false)) => Some(false),
            (Some(true), Some(true)) => Some(true),
            _ => None,
        },
        BinaryOp::Or => match (a, b) {
            (_, Some(true)) => Some(true),
            (Some(false), Some(false)) => Some(false),
            _ => None,
        },
        _ => a.zip(b).map(|(x, y)| x != y),
    };
    Ok(out.map_or(Value::Null, Value::Bool))
}

fn in_list(item: &Value, list: &Value, pos: Pos) -> Result<Value> {
    let items = match list {
        Value::Null => return Ok(Value::Null),
        Value::List(items) => items,
        other => return Err(type_error(pos, "a list after IN", other)),
    };
    let mut unknown = false;
    for x in items {
        match item.equals(x) {
            Some(true) => return Ok(Value::Bool(true)),
            None => unknown = true,
            Some(false) => {}
        }
    }
    Ok(if unknown { Value::Null } else { Value::Bool(false) })
}

fn text_op(op: BinaryOp, a: &Value, b: &Value) -> Value {
    let (Value::Str(s), Value::Str(t)) = (a, b) else {
        return Value::Null;
    };
    Value::Bool(match op {
        BinaryOp::StartsWith => s.starts_with(t.as_str()),
        BinaryOp::EndsWith => s.ends_with(t.as_str()),
        _ => s.contains(t.as_str()),
    })
}

fn arithmetic(op: BinaryOp, a: Value, b: Value, pos: Pos) -> Result<Value> {
    if a.is_null() || b.is_null() {
        return Ok(Value::Null);
    }
    if op == BinaryOp::Add {
        match (&a, &b) {
            (Value::Str(x), Value::Str(y)) => return Ok(Value::Str(format!("{x}{y}"))),
            (Value::Str(x), Value::Int(_) | Value::Float(_)) => return Ok(Value::Str(format!("{x}{b}"))),
            (Value::Int(_) | Value::Float(_), Value::Str(y)) => return Ok(Value::Str(format!("{a}{y}"))),
            (Value::List(x), Value::List(y)) => {
                return Ok(Value::List(x.iter().chain(y).cloned().collect()));
            }
            (Value::List(x), _) => return Ok(Value::List(x.iter().cloned().chain([b]).collect())),
            (_, Value::List(y)) => return Ok(Value::List([a].into_iter().chain(y.iter().cloned()).collect())),
            _ => {}
        }
    }
    let overflow = || error(pos, "integer overflow");
    match (&a, &b) {
        (Value::Int(x), Value::Int(y)) => {
            let (x, y) = (*x, *y);
            let v = match op {
                BinaryOp::Add => x.checked_add(y).ok_or_else(overflow)?,
                BinaryOp::Sub => x.checked_sub(y).ok_or_else(overflow)?,
                BinaryOp::Mul => x.checked_mul(y).ok_or_else(overflow)?,
                BinaryOp::Div | BinaryOp::Mod if y == 0 => return Err(error(pos, "division by zero")),
                BinaryOp::Div => x.checked_div(y).ok_or_else(overflow)?,
                BinaryOp::Mod => x.checked_rem(y).ok_or_else(overflow)?,
                _ => return Ok(Value::Float((x as f64).powf(y as f64))),
            };
            Ok(Value::Int(v))
        }
        _ => {
            let (Some(x), Some(y)) = (a.as_f64(), b.as_f64()) else {
                let bad = if a.as_f64().is_none() { &a } else { &b };
                return Err(type_error(pos, &format!("numbers for `{}`", op.symbol()), bad));
            };
            Ok(Value::Float(match op {
                BinaryOp::Add => x + y,
                BinaryOp::Sub => x - y,
                BinaryOp::Mul => x * y,
                BinaryOp::Div => x / y,
                BinaryOp::Mod => x % y,
                _ => x.powf(y),
            }))
        }
    }
}
