//! A read-only subset of openCypher over the stored graph.
//!
//! The text is parsed ([`parse`]), planned against the schema (labels, edge
//! types, properties; an anchor node per pattern, found through the name,
//! id, date or place indexes when it can be) and executed as traversals that
//! read edges from the store. `shortestPath` loads a petgraph
//! [`GraphView`] around its ends. The language is described with an example
//! per feature in `docs/query-language.md`.
//!
//! ```
//! # let dir = tempfile::tempdir()?;
//! # let store = ckg::Store::open(dir.path().join("db"))?;
//! # let text = "# Blast in Mogadishu\n\nPublished at: **2022-10-30T09:00:00+00:00**\n\n\
//! #     MOGADISHU - Two car bombs killed at least 100 people in Mogadishu on Saturday. \
//! #     Al-Shabaab claimed responsibility.\n";
//! # store.ingest_article(text, None)?;
//! let result = store.query(
//!     "MATCH (a:Actor {name: 'al-Shabaab'})<-[:CLAIMED_BY]-(i:Incident) \
//!      RETURN a.name AS group, i.killed AS killed",
//! )?;
//! assert_eq!(result.columns, ["group", "killed"]);
//! assert_eq!(result.get(0, "killed").and_then(|v| v.as_i64()), Some(100));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Errors carry the line and column of the problem:
//!
//! ```
//! # let dir = tempfile::tempdir()?;
//! # let store = ckg::Store::open(dir.path().join("db"))?;
//! let err = store.query("MATCH (a:Actor)\nRETURN a.nmae").unwrap_err();
//! assert!(matches!(err, ckg::Error::Query { line: 2, column: 8, .. }));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod ast;
mod context;
mod eval;
mod exec;
mod functions;
mod lexer;
mod matcher;
mod parser;
mod parser_expr;
mod plan;
mod plan_check;
mod plan_project;
mod project;
mod props;
mod result;
mod shortest;
mod value;

pub use context::Limits;
pub use parser::parse;
pub use props::LABELS;
pub use result::QueryResult;
pub use value::{PathValue, RelRef, Value};

use crate::error::Result;
use crate::graph::GraphView;
use crate::store::Store;

/// Runs the query `text` against `store` within `limits`.
pub fn query(store: &Store, text: &str, limits: &Limits) -> Result<QueryResult> {
    run(store, text, limits, false).map(|(result, _)| result)
}

/// Runs the query and also returns the matched subgraph: every node and
/// relationship bound in the rows that made the result (for DOT export).
pub fn query_graph(store: &Store, text: &str, limits: &Limits) -> Result<(QueryResult, GraphView)> {
    run(store, text, limits, true)
}

fn run(store: &Store, text: &str, limits: &Limits, want_graph: bool) -> Result<(QueryResult, GraphView)> {
    let ast = parse(text)?;
    let cx = context::Ctx::new(store, limits);
    let plan = plan::plan(&cx, &ast)?;
    let out = exec::execute(&cx, &plan, want_graph)?;
    let result = QueryResult::new(&cx, out.columns, out.rows)?;
    let view = if want_graph { result::subgraph(&out.elements) } else { GraphView::new() };
    Ok((result, view))
}

/// Function names, for completion and help.
pub fn function_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = functions::FUNCTIONS.iter().map(|f| f.0).collect();
    names.extend(ast::AGGREGATES);
    names
}

impl Store {
    /// Runs a query with the default [`Limits`] (100,000 rows, 30 seconds).
    pub fn query(&self, text: &str) -> Result<QueryResult> {
        query(self, text, &Limits::default())
    }

    /// Runs a query within `limits`.
    pub fn query_with(&self, text: &str, limits: &Limits) -> Result<QueryResult> {
        query(self, text, limits)
    }
}
