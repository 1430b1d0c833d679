//! Scalar functions. Aggregates are computed in `project.rs`.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate};

use super::ast::{Expr, ExprKind, Pos};
use super::context::Ctx;
use super::eval::{Env, error, eval, type_error};
use super::props::{node_map, rel_map};
use super::value::{PathValue, Value};
use crate::error::{Error, Result};

/// Scalar functions: name (lower case), fewest and most arguments.
pub(super) const FUNCTIONS: [(&str, usize, usize); 38] = [
    ("date", 1, 1),
    ("datetime", 1, 1),
    ("within", 2, 2),
    ("type", 1, 1),
    ("id", 1, 1),
    ("labels", 1, 1),
    ("label", 1, 1),
    ("length", 1, 1),
    ("size", 1, 1),
    ("nodes", 1, 1),
    ("relationships", 1, 1),
    ("rels", 1, 1),
    ("startnode", 1, 1),
    ("endnode", 1, 1),
    ("coalesce", 1, 64),
    ("tolower", 1, 1),
    ("toupper", 1, 1),
    ("trim", 1, 1),
    ("tostring", 1, 1),
    ("tointeger", 1, 1),
    ("tofloat", 1, 1),
    ("substring", 2, 3),
    ("replace", 3, 3),
    ("split", 2, 2),
    ("abs", 1, 1),
    ("round", 1, 1),
    ("floor", 1, 1),
    ("ceil", 1, 1),
    ("sqrt", 1, 1),
    ("head", 1, 1),
    ("last", 1, 1),
    ("tail", 1, 1),
    ("reverse", 1, 1),
    ("keys", 1, 1),
    ("properties", 1, 1),
    ("range", 2, 3),
    ("exists", 1, 1),
    ("name", 1, 1),
];

/// Aggregates: name, fewest and most arguments (`count(*)` has none).
pub(super) const AGGREGATE_ARITY: [(&str, usize, usize); 6] =
    [("count", 0, 1), ("sum", 1, 1), ("min", 1, 1), ("max", 1, 1), ("avg", 1, 1), ("collect", 1, 1)];

pub(super) fn call(cx: &Ctx, env: &Env, e: &Expr) -> Result<Value> {
    let ExprKind::Call { name, args, .. } = &e.kind else {
        return Ok(Value::Null);
    };
    if super::ast::AGGREGATES.contains(&name.as_str()) {
        return Err(error(e.pos, format!("{name}() aggregates rows: expected it in RETURN or WITH, not here")));
    }
    let values: Vec<Value> = args.iter().map(|a| eval(cx, env, a)).collect::<Result<_>>()?;
    let pos = args.first().map_or(e.pos, |a| a.pos);
    match name.as_str() {
        "coalesce" => Ok(values.into_iter().find(|v| !v.is_null()).unwrap_or(Value::Null)),
        "exists" => Ok(Value::Bool(!values[0].is_null())),
        "within" => within(cx, &values, args),
        _ if values.first().is_some_and(Value::is_null) => Ok(Value::Null),
        "date" | "datetime" | "type" | "id" | "labels" | "label" | "name" | "startnode" | "endnode" | "keys"
        | "properties" => graph_fn(cx, name, &values[0], pos),
        "length" | "size" | "nodes" | "relationships" | "rels" | "head" | "last" | "tail" | "reverse" | "range" => {
            list_fn(cx, name, &values, pos)
        }
        _ => text_or_number_fn(name, &values, pos),
    }
}

fn within(cx: &Ctx, values: &[Value], args: &[Expr]) -> Result<Value> {
    let place = match &values[1] {
        Value::Str(s) => s,
        Value::Null => return Ok(Value::Null),
        other => return Err(type_error(args[1].pos, "a place name", other)),
    };
    match &values[0] {
        Value::Null => Ok(Value::Null),
        Value::Node(id) => Ok(Value::Bool(cx.within(*id, place)?)),
        other => Err(type_error(args[0].pos, "an incident or location node", other)),
    }
}

/// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY` as the first day it names.
pub(super) fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d"))
        .or_else(|_| NaiveDate::parse_from_str(&format!("{s}-01-01"), "%Y-%m-%d"))
        .ok()
}

fn graph_fn(cx: &Ctx, name: &str, v: &Value, pos: Pos) -> Result<Value> {
    Ok(match (name, v) {
        ("date", Value::Str(s)) => Value::Date(
            parse_date(s)
                .ok_or_else(|| error(pos, format!("expected a date as YYYY-MM-DD, YYYY-MM or YYYY, found {s:?}")))?,
        ),
        ("date", Value::Date(d)) => Value::Date(*d),
        ("date", Value::DateTime(d)) => Value::Date(d.date_naive()),
        ("datetime", Value::Str(s)) => Value::DateTime(DateTime::parse_from_rfc3339(s).map_err(|_| {
            error(pos, format!("expected an RFC 3339 datetime (2021-05-08T10:00:00+00:00), found {s:?}"))
        })?),
        ("datetime", Value::DateTime(d)) => Value::DateTime(*d),
        ("type", Value::Rel(r)) => Value::Str(r.kind.as_str().to_string()),
        ("id", Value::Node(id)) => Value::Str(id.to_string()),
        ("id", Value::Rel(r)) => Value::Str(format!("{}-{}->{}", r.src, r.kind.as_str(), r.dst)),
        ("labels", Value::Node(id)) => Value::List(vec![Value::Str(id.kind.label().to_string())]),
        ("label", Value::Node(id)) => Value::Str(id.kind.label().to_string()),
        ("name", Value::Node(id)) => cx.node(*id)?.map_or(Value::Null, |n| Value::Str(n.label())),
        ("startnode", Value::Rel(r)) => Value::Node(r.src),
        ("endnode", Value::Rel(r)) => Value::Node(r.dst),
        ("keys", _) | ("properties", _) => return props_fn(cx, name, v, pos),
        (_, other) => return Err(wrong_type(name, other, pos)),
    })
}

fn props_fn(cx: &Ctx, name: &str, v: &Value, pos: Pos) -> Result<Value> {
    let entries: Vec<(String, Value)> = match v {
        Value::Node(id) => match cx.node(*id)? {
            Some(node) => node_map(*id, &node).into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
            None => Vec::new(),
        },
        Value::Rel(r) => rel_map(r, Some(&*cx.rel_props(*r)?)).into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
        Value::Map(m) => m.clone().into_iter().collect(),
        other => return Err(wrong_type(name, other, pos)),
    };
    if name == "keys" {
        return Ok(Value::List(
            entries.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, _)| Value::Str(k)).collect(),
        ));
    }
    Ok(Value::Map(entries.into_iter().collect::<BTreeMap<_, _>>()))
}

fn wrong_type(name: &str, v: &Value, pos: Pos) -> Error {
    let expected = match name {
        "date" => "a date string",
        "datetime" => "a datetime string",
        "type" | "startnode" | "endnode" => "a relationship",
        "labels" | "label" | "name" => "a node",
        "id" | "keys" | "properties" => "a node or relationship",
        "length" => "a path, list or string",
        "size" => "a list or string",
        "nodes" | "relationships" | "rels" => "a path",
        "head" | "last" | "tail" | "reverse" => "a list",
        "range" => "integers",
        "tolower" | "toupper" | "trim" | "substring" | "replace" | "split" => "a string",
        _ => "a number",
    };
    type_error(pos, &format!("{expected} in {name}()"), v)
}

fn path_of(v: &Value) -> Option<&PathValue> {
    match v {
        Value::Path(p) => Some(p),
        _ => None,
    }
}

fn list_fn(cx: &Ctx, name: &str, values: &[Value], pos: Pos) -> Result<Value> {
    let v = &values[0];
    Ok(match (name, v) {
        ("length", Value::Path(p)) => Value::Int(p.rels.len() as i64),
        ("length" | "size", Value::List(items)) => Value::Int(items.len() as i64),
        ("length" | "size", Value::Str(s)) => Value::Int(s.chars().count() as i64),
        ("nodes", _) if path_of(v).is_some() => {
            Value::List(path_of(v).map_or(Vec::new(), |p| p.nodes.iter().map(|n| Value::Node(*n)).collect()))
        }
        ("relationships" | "rels", Value::Path(p)) => Value::List(p.rels.iter().map(|r| Value::Rel(*r)).collect()),
        ("relationships" | "rels", Value::List(items)) => Value::List(items.clone()),
        ("head", Value::List(items)) => items.first().cloned().unwrap_or(Value::Null),
        ("last", Value::List(items)) => items.last().cloned().unwrap_or(Value::Null),
        ("tail", Value::List(items)) => Value::List(items.iter().skip(1).cloned().collect()),
        ("reverse", Value::List(items)) => Value::List(items.iter().rev().cloned().collect()),
        ("reverse", Value::Str(s)) => Value::Str(s.chars().rev().collect()),
        ("range", _) => return range(cx, values, pos),
        (_, other) => return Err(wrong_type(name, other, pos)),
    })
}

fn range(cx: &Ctx, values: &[Value], pos: Pos) -> Result<Value> {
    let int = |v: &Value| v.as_i64().ok_or_else(|| wrong_type("range", v, pos));
    let (from, to) = (int(&values[0])?, int(&values[1])?);
    let step = values.get(1 + 1).map(int).transpose()?.unwrap_or(1);
    if step == 0 {
        return Err(error(pos, "expected a non-zero step in range()"));
    }
    let count = (i128::from(to) - i128::from(from)) / i128::from(step) + 1;
    if count > cx.limits.max_rows as i128 {
        return Err(Error::LimitExceeded(format!(
            "range() of {count} values is more than --max-rows ({})",
            cx.limits.max_rows
        )));
    }
    let mut out = Vec::new();
    let mut x = i128::from(from);
    while (step > 0 && x <= i128::from(to)) || (step < 0 && x >= i128::from(to)) {
        out.push(Value::Int(x as i64));
        x += i128::from(step);
    }
    Ok(Value::List(out))
}

fn text_or_number_fn(name: &str, values: &[Value], pos: Pos) -> Result<Value> {
    let v = &values[0];
    let string = |i: usize| match values.get(i) {
        Some(Value::Str(s)) => Ok(s.as_str()),
        Some(other) => Err(wrong_type(name, other, pos)),
        None => Ok(""),
    };
    let int_arg = |i: usize| match values.get(i) {
        Some(Value::Int(n)) => Ok(Some((*n).max(0) as usize)),
        Some(other) => Err(type_error(pos, &format!("an integer in {name}()"), other)),
        None => Ok(None),
    };
    Ok(match name {
        "tolower" => Value::Str(string(0)?.to_lowercase()),
        "toupper" => Value::Str(string(0)?.to_uppercase()),
        "trim" => Value::Str(string(0)?.trim().to_string()),
        "substring" => {
            let s = string(0)?;
            let start = int_arg(1)?.unwrap_or(0);
            let len = int_arg(2)?.unwrap_or(usize::MAX);
            Value::Str(s.chars().skip(start).take(len).collect())
        }
        "replace" => Value::Str(string(0)?.replace(string(1)?, string(2)?)),
        "split" => Value::List(string(0)?.split(string(1)?).map(|p| Value::Str(p.to_string())).collect()),
        "tostring" => Value::Str(v.to_string()),
        "tointeger" => to_integer(v),
        "tofloat" => match v {
            Value::Str(s) => s.trim().parse::<f64>().map_or(Value::Null, Value::Float),
            other => other.as_f64().map_or(Value::Null, Value::Float),
        },
        _ => number_fn(name, v, pos)?,
    })
}

fn to_integer(v: &Value) -> Value {
    match v {
        Value::Int(n) => Value::Int(*n),
        Value::Float(x) if x.is_finite() && x.abs() < 9.2e18 => Value::Int(x.trunc() as i64),
        Value::Str(s) => s
            .trim()
            .parse::<i64>()
            .map(Value::Int)
            .or_else(|_| s.trim().parse::<f64>().map(|x| to_integer(&Value::Float(x))))
            .unwrap_or(Value::Null),
        _ => Value::Null,
    }
}

fn number_fn(name: &str, v: &Value, pos: Pos) -> Result<Value> {
    if let (Value::Int(n), "abs") = (v, name) {
        return Ok(Value::Int(n.saturating_abs()));
    }
    let x = v.as_f64().ok_or_else(|| wrong_type(name, v, pos))?;
    Ok(Value::Float(match name {
        "abs" => x.abs(),
        "round" => x.round(),
        "floor" => x.floor(),
        "ceil" => x.ceil(),
        _ => x.sqrt(),
    }))
}
