//! Static checks of expressions against the scope and the schema, and the
//! constant folding the planner uses to find index anchors.

use chrono::{Days, NaiveDate};

use super::ast::{AGGREGATES, BinaryOp, Expr, ExprKind, Pos};
use super::context::Ctx;
use super::eval::error;
use super::functions::{AGGREGATE_ARITY, FUNCTIONS};
use super::plan::{Scope, VarKind, eval_const};
use super::props::{REL_KEYS, node_keys};
use super::value::Value;
use crate::error::Result;
use crate::model::NodeKind;

pub(super) fn check_node_key(kind: NodeKind, key: &str, pos: Pos) -> Result<()> {
    let keys = node_keys(kind);
    if keys.contains(&key) {
        return Ok(());
    }
    Err(error(pos, format!("{} has no property `{key}`: expected one of {}", kind.label(), keys.join(", "))))
}

pub(super) fn check_rel_key(key: &str, pos: Pos) -> Result<()> {
    if REL_KEYS.contains(&key) {
        return Ok(());
    }
    Err(error(
        pos,
        format!(
            "relationships have no property `{key}`: expected one of {} (and type(r) for the type)",
            REL_KEYS.join(", ")
        ),
    ))
}

fn lookup(scope: &Scope, fallback: Option<&Scope>, name: &str) -> Option<(VarKind, Option<NodeKind>)> {
    if let Some(slot) = scope.slot(name) {
        return Some((scope.kind(slot), scope.label(slot)));
    }
    let fb = fallback?;
    let slot = fb.slot(name)?;
    Some((fb.kind(slot), fb.label(slot)))
}

/// Checks variables, properties of labelled variables, functions and their
/// arity, and where aggregates may appear.
pub(super) fn check_expr(e: &Expr, scope: &Scope, fallback: Option<&Scope>, allow_agg: bool) -> Result<()> {
    match &e.kind {
        ExprKind::Var(name) if lookup(scope, fallback, name).is_none() => {
            let known: Vec<&str> = scope.visible().into_iter().map(|(_, n)| n).collect();
            let hint = if known.is_empty() { String::new() } else { format!(": expected one of {}", known.join(", ")) };
            return Err(error(e.pos, format!("unknown variable `{name}`{hint}")));
        }
        ExprKind::Prop(base, key) => {
            if let ExprKind::Var(name) = &base.kind {
                match lookup(scope, fallback, name) {
                    Some((VarKind::Node, Some(kind))) => check_node_key(kind, key, e.pos)?,
                    Some((VarKind::Rel, _)) => check_rel_key(key, e.pos)?,
                    Some((VarKind::RelList | VarKind::Path, _)) => {
                        return Err(error(
                            e.pos,
                            format!(
                                "`{name}` is a path or list of relationships: expected a node or relationship before `.{key}`"
                            ),
                        ));
                    }
                    _ => {}
                }
            }
        }
        ExprKind::Call { .. } => return check_call(e, scope, fallback, allow_agg),
        _ => {}
    }
    for child in e.children() {
        check_expr(child, scope, fallback, allow_agg)?;
    }
    Ok(())
}

fn check_call(e: &Expr, scope: &Scope, fallback: Option<&Scope>, allow_agg: bool) -> Result<()> {
    let ExprKind::Call { name, distinct, star, args } = &e.kind else {
        return Ok(());
    };
    let aggregate = AGGREGATES.contains(&name.as_str());
    let arity =
        if aggregate { AGGREGATE_ARITY.iter().find(|f| f.0 == name) } else { FUNCTIONS.iter().find(|f| f.0 == name) };
    let Some(&(_, min, max)) = arity else {
        return Err(error(e.pos, format!("unknown function `{name}`: see docs/query-language.md for the list")));
    };
    if aggregate && !allow_agg {
        return Err(error(
            e.pos,
            format!("{name}() aggregates rows: expected it in RETURN or WITH (use WITH ... WHERE to filter on it)"),
        ));
    }
    if *star && name != "count" {
        return Err(error(e.pos, format!("expected arguments for {name}(), not `*`")));
    }
    if *distinct && !aggregate {
        return Err(error(e.pos, format!("DISTINCT is for aggregates; {name}() is not one")));
    }
    let n = args.len();
    if name == "count" && !*star && n == 0 {
        return Err(error(e.pos, "expected count(*) or count(expression)"));
    }
    if !*star && (n < min || n > max) {
        let want = if min == max { format!("{min}") } else { format!("{min} to {max}") };
        return Err(error(e.pos, format!("expected {want} argument(s) for {name}(), found {n}")));
    }
    for a in args {
        if aggregate && a.has_aggregate() {
            return Err(error(a.pos, format!("expected no aggregate inside {name}()")));
        }
        check_expr(a, scope, fallback, allow_agg && !aggregate)?;
    }
    Ok(())
}

/// The value of an expression that reads no variable, else `None`.
pub(super) fn const_value(cx: &Ctx, e: &Expr) -> Result<Option<Value>> {
    let mut vars = Vec::new();
    e.variables(&mut vars);
    if !vars.is_empty() || e.has_aggregate() {
        return Ok(None);
    }
    eval_const(cx, e).map(Some)
}

/// Narrows `from..=to` by a condition `var.date OP date(...)`.
pub(super) fn date_bounds(
    cx: &Ctx,
    c: &Expr,
    var: &str,
    from: &mut Option<NaiveDate>,
    to: &mut Option<NaiveDate>,
) -> Result<()> {
    let ExprKind::Binary(op, l, r) = &c.kind else {
        return Ok(());
    };
    let is_date = |e: &Expr| matches!(&e.kind, ExprKind::Prop(b, k) if k == "date" && matches!(&b.kind, ExprKind::Var(v) if v == var));
    let (op, other) = if is_date(l) {
        (*op, r)
    } else if is_date(r) {
        let flipped = match op {
            BinaryOp::Lt => BinaryOp::Gt,
            BinaryOp::Le => BinaryOp::Ge,
            BinaryOp::Gt => BinaryOp::Lt,
            BinaryOp::Ge => BinaryOp::Le,
            other => *other,
        };
        (flipped, l)
    } else {
        return Ok(());
    };
    let Some(Value::Date(d)) = const_value(cx, other)? else {
        return Ok(());
    };
    let lower = |f: &mut Option<NaiveDate>, d: NaiveDate| *f = Some(f.map_or(d, |x| x.max(d)));
    let upper = |t: &mut Option<NaiveDate>, d: NaiveDate| *t = Some(t.map_or(d, |x| x.min(d)));
    let next = d.checked_add_days(Days::new(1)).unwrap_or(d);
    let prev = d.checked_sub_days(Days::new(1)).unwrap_or(d);
    match op {
        BinaryOp::Ge => lower(from, d),
        BinaryOp::Gt => lower(from, next),
        BinaryOp::Le => upper(to, d),
        BinaryOp::Lt => upper(to, prev),
        BinaryOp::Eq => {
            lower(from, d);
            upper(to, d);
        }
        _ => {}
    }
    Ok(())
}
