//! Runs a plan: each part streams rows through its reading clauses into its
//! projection; the projected rows feed the next part.

use super::context::Ctx;
use super::eval::{Env, eval};
use super::matcher::{Emit, Matcher};
use super::plan::{PartPlan, QueryPlan, ReadingPlan};
use super::project::Projector;
use super::value::Value;
use crate::error::Result;

pub(super) struct Output {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
    /// Graph elements bound in the rows that made the result (when asked for).
    pub elements: Vec<Value>,
}

pub(super) fn execute(cx: &Ctx, plan: &QueryPlan, want_elements: bool) -> Result<Output> {
    let mut input: Vec<Vec<Value>> = vec![Vec::new()];
    let mut elements = Vec::new();
    let last = plan.parts.len().saturating_sub(1);
    let mut columns = Vec::new();
    for (k, part) in plan.parts.iter().enumerate() {
        let keep = want_elements && k == last;
        let mut projector = Projector::new(cx, &part.projection, &part.scope, keep);
        let width = part.scope.len();
        let count = input.len();
        for mut row in input {
            row.resize(width, Value::Null);
            let mut sink = |r: &mut Vec<Value>| projector.push(r);
            if !read(cx, part, 0, &mut row, &mut sink)? {
                break;
            }
        }
        cx.release(count);
        let projected = projector.finish()?;
        input = projected.rows;
        elements = projected.elements;
        columns = part.projection.columns.clone();
    }
    cx.check_time()?;
    Ok(Output { columns, rows: input, elements })
}

/// Runs reading clause `ri` and those after it on `row`.
fn read(cx: &Ctx, part: &PartPlan, ri: usize, row: &mut Vec<Value>, emit: &mut Emit) -> Result<bool> {
    match part.reading.get(ri) {
        None => emit(row),
        Some(ReadingPlan::Match(m)) => {
            let matcher = Matcher { cx, plan: m, scope: &part.scope };
            matcher.run(row, &mut |r: &mut Vec<Value>| read(cx, part, ri + 1, r, emit))
        }
        Some(ReadingPlan::Unwind { expr, slot }) => {
            let items = match eval(cx, &Env::new(&part.scope, row), expr)? {
                Value::List(items) => items,
                Value::Null => Vec::new(),
                other => vec![other],
            };
            let mut cont = true;
            for item in items {
                cx.tick()?;
                row[*slot] = item;
                if !read(cx, part, ri + 1, row, emit)? {
                    cont = false;
                    break;
                }
            }
            row[*slot] = Value::Null;
            Ok(cont)
        }
    }
}
