//! Planning RETURN and WITH: columns, aggregates and grouping keys, ORDER BY,
//! SKIP and LIMIT.

use super::ast::*;
use super::context::Ctx;
use super::eval::error;
use super::plan::{Scope, VarKind};
use super::plan_check::{check_expr, const_value};
use super::value::Value;
use crate::error::Result;

/// One aggregate call of a projection.
#[derive(Clone, Debug)]
pub(super) struct AggSpec {
    pub name: String,
    pub distinct: bool,
    pub arg: Option<Expr>,
}

pub(super) enum SortKey {
    /// The value of a projected column.
    Column(usize),
    /// An expression over the columns (by alias), then the source row.
    Expr(Expr),
}

pub(super) struct ProjectionPlan {
    pub distinct: bool,
    pub columns: Vec<String>,
    /// One per column; aggregates replaced by `AggRef`.
    pub exprs: Vec<Expr>,
    pub aggregating: bool,
    pub aggs: Vec<AggSpec>,
    pub order: Vec<(SortKey, bool)>,
    pub skip: usize,
    pub limit: Option<usize>,
    pub filter: Option<Expr>,
    /// The columns as variables: the scope of the next part, and of ORDER BY.
    pub out: Scope,
}

pub(super) fn plan_projection(cx: &Ctx, p: &Projection, scope: &Scope) -> Result<ProjectionPlan> {
    let mut items: Vec<Item> = Vec::new();
    if p.star {
        for (_, name) in scope.visible() {
            items.push(Item {
                expr: Expr::new(ExprKind::Var(name.to_string()), p.pos),
                alias: None,
                text: name.to_string(),
            });
        }
        if items.is_empty() && p.items.is_empty() {
            return Err(error(p.pos, "expected variables for `*`, but none are defined"));
        }
    }
    items.extend(p.items.iter().cloned());
    let mut out = Scope::default();
    let mut columns: Vec<String> = Vec::new();
    for item in &items {
        check_expr(&item.expr, scope, None, true)?;
        let name = column_name(item, p.kind)?;
        if columns.contains(&name) {
            return Err(error(
                item.expr.pos,
                format!("column `{name}` appears twice: expected a different name (use AS)"),
            ));
        }
        let (kind, label) = match &item.expr.kind {
            ExprKind::Var(v) => scope.slot(v).map_or((VarKind::Value, None), |s| (scope.kind(s), scope.label(s))),
            _ => (VarKind::Value, None),
        };
        out.add(&name, kind, label);
        columns.push(name);
    }
    let aggregating = items.iter().any(|i| i.expr.has_aggregate()) || p.order.iter().any(|s| s.expr.has_aggregate());
    let mut aggs = Vec::new();
    let exprs = items.iter().map(|i| extract_aggs(&i.expr, &mut aggs)).collect::<Result<Vec<_>>>()?;
    let order = plan_order(p, &items, &columns, scope, &out, aggregating, &mut aggs)?;
    let filter = match &p.filter {
        Some(f) => {
            check_expr(f, &out, None, false)?;
            Some(f.clone())
        }
        None => None,
    };
    Ok(ProjectionPlan {
        distinct: p.distinct,
        columns,
        exprs,
        aggregating,
        aggs,
        order,
        skip: count_value(cx, p.skip.as_ref(), "SKIP")?.unwrap_or(0),
        limit: count_value(cx, p.limit.as_ref(), "LIMIT")?,
        filter,
        out,
    })
}

fn column_name(item: &Item, kind: ProjectionKind) -> Result<String> {
    if let Some(alias) = &item.alias {
        return Ok(alias.clone());
    }
    match (&item.expr.kind, kind) {
        (ExprKind::Var(v), _) => Ok(v.clone()),
        (_, ProjectionKind::Return) => Ok(item.text.clone()),
        (_, ProjectionKind::With) => {
            Err(error(item.expr.pos, format!("expected `AS name` after `{}` in WITH", item.text)))
        }
    }
}

/// Text with whitespace removed, to match ORDER BY items to columns.
fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn plan_order(
    p: &Projection,
    items: &[Item],
    columns: &[String],
    scope: &Scope,
    out: &Scope,
    aggregating: bool,
    aggs: &mut Vec<AggSpec>,
) -> Result<Vec<(SortKey, bool)>> {
    let mut order = Vec::new();
    for s in &p.order {
        let text = squash(&s.text);
        let by_text = items.iter().position(|i| squash(&i.text) == text);
        let by_alias = columns.iter().position(|c| *c == s.text);
        if let Some(col) = by_alias.or(by_text) {
            order.push((SortKey::Column(col), s.descending));
            continue;
        }
        check_expr(&s.expr, out, Some(scope), aggregating)?;
        order.push((SortKey::Expr(extract_aggs(&s.expr, aggs)?), s.descending));
    }
    Ok(order)
}

/// A copy of `e` with each aggregate call replaced by a reference into `aggs`.
fn extract_aggs(e: &Expr, aggs: &mut Vec<AggSpec>) -> Result<Expr> {
    if let ExprKind::Call { name, distinct, args, .. } = &e.kind
        && AGGREGATES.contains(&name.as_str())
    {
        aggs.push(AggSpec { name: name.clone(), distinct: *distinct, arg: args.first().cloned() });
        return Ok(Expr::new(ExprKind::AggRef(aggs.len() - 1), e.pos));
    }
    let mut copy = e.clone();
    rewrite_children(&mut copy, aggs)?;
    Ok(copy)
}

fn rewrite_children(e: &mut Expr, aggs: &mut Vec<AggSpec>) -> Result<()> {
    let fix = |x: &mut Expr, aggs: &mut Vec<AggSpec>| -> Result<()> {
        *x = extract_aggs(x, aggs)?;
        Ok(())
    };
    match &mut e.kind {
        ExprKind::Lit(_) | ExprKind::Var(_) | ExprKind::AggRef(_) => {}
        ExprKind::Prop(x, _) | ExprKind::Unary(_, x) | ExprKind::IsNull { expr: x, .. } => fix(x, aggs)?,
        ExprKind::Index(a, b) | ExprKind::Binary(_, a, b) => {
            fix(a, aggs)?;
            fix(b, aggs)?;
        }
        ExprKind::List(items) | ExprKind::Call { args: items, .. } => {
            for x in items {
                fix(x, aggs)?;
            }
        }
        ExprKind::Map(entries) => {
            for (_, x) in entries {
                fix(x, aggs)?;
            }
        }
        ExprKind::Case { operand, whens, otherwise } => {
            if let Some(o) = operand {
                fix(o, aggs)?;
            }
            for (w, t) in whens {
                fix(w, aggs)?;
                fix(t, aggs)?;
            }
            if let Some(o) = otherwise {
                fix(o, aggs)?;
            }
        }
    }
    Ok(())
}

/// SKIP and LIMIT: constant non-negative integers.
fn count_value(cx: &Ctx, e: Option<&Expr>, what: &str) -> Result<Option<usize>> {
    let Some(e) = e else {
        return Ok(None);
    };
    match const_value(cx, e)? {
        Some(Value::Int(n)) if n >= 0 => Ok(Some(usize::try_from(n).unwrap_or(usize::MAX))),
        _ => Err(error(e.pos, format!("expected a non-negative integer after {what}"))),
    }
}
