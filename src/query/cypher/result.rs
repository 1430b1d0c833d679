//! Query results: typed rows, with the nodes and relationship properties they
//! mention, renderable as JSON or text.

use std::collections::HashMap;

use serde_json::{Map, Value as Json, json};

use super::context::Ctx;
use super::props::{node_map, rel_map};
use super::value::{PathValue, RelRef, Value, format_float};
use crate::error::Result;
use crate::graph::GraphView;
use crate::model::{EdgeProps, Node, NodeId};

/// The rows a query returned.
#[derive(Clone, Debug, Default)]
pub struct QueryResult {
    /// Column names: RETURN aliases, or the expressions as written.
    pub columns: Vec<String>,
    /// One value per column in each row.
    pub rows: Vec<Vec<Value>>,
    /// Hints about the query, such as a `{name: ...}` that matched nothing.
    pub warnings: Vec<String>,
    nodes: HashMap<NodeId, Node>,
    rels: HashMap<RelRef, EdgeProps>,
}

impl QueryResult {
    pub(super) fn new(cx: &Ctx, columns: Vec<String>, rows: Vec<Vec<Value>>) -> Result<QueryResult> {
        let mut result = QueryResult {
            columns,
            rows,
            warnings: cx.warnings.borrow().clone(),
            nodes: HashMap::new(),
            rels: HashMap::new(),
        };
        let mut nodes = Vec::new();
        let mut rels = Vec::new();
        for row in &result.rows {
            for v in row {
                collect(v, &mut nodes, &mut rels);
            }
        }
        for id in nodes {
            if let Some(node) = cx.node(id)? {
                result.nodes.insert(id, (*node).clone());
            }
        }
        for r in rels {
            result.rels.insert(r, (*cx.rel_props(r)?).clone());
        }
        Ok(result)
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The index of the column named `name`.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// The value in row `row` of the column named `column`.
    pub fn get(&self, row: usize, column: &str) -> Option<&Value> {
        self.rows.get(row)?.get(self.column(column)?)
    }

    /// A node mentioned in the result.
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(&id)
    }

    /// The properties of a relationship mentioned in the result.
    pub fn rel_props(&self, r: &RelRef) -> Option<&EdgeProps> {
        self.rels.get(r)
    }

    /// An array with one object per row, keyed by column name.
    pub fn to_json(&self) -> Json {
        Json::Array(
            self.rows
                .iter()
                .map(|row| {
                    let mut obj = Map::new();
                    for (name, v) in self.columns.iter().zip(row) {
                        obj.insert(name.clone(), self.json(v));
                    }
                    Json::Object(obj)
                })
                .collect(),
        )
    }

    /// One value as JSON: nodes and relationships as objects of their properties.
    pub fn json(&self, v: &Value) -> Json {
        match v {
            Value::Null => Json::Null,
            Value::Bool(b) => json!(b),
            Value::Int(n) => json!(n),
            Value::Float(x) => serde_json::Number::from_f64(*x).map_or(Json::Null, Json::Number),
            Value::Str(s) => json!(s),
            Value::Date(_) | Value::DateTime(_) => json!(v.to_string()),
            Value::List(items) => Json::Array(items.iter().map(|x| self.json(x)).collect()),
            Value::Map(m) => Json::Object(m.iter().map(|(k, x)| (k.clone(), self.json(x))).collect()),
            Value::Node(id) => self.node_json(*id),
            Value::Rel(r) => {
                let mut obj = Map::new();
                for (k, x) in rel_map(r, self.rels.get(r)) {
                    obj.insert(k.to_string(), self.json(&x));
                }
                Json::Object(obj)
            }
            Value::Path(p) => json!({
                "nodes": p.nodes.iter().map(|n| self.node_json(*n)).collect::<Vec<_>>(),
                "relationships": p.rels.iter().map(|r| self.json(&Value::Rel(*r))).collect::<Vec<_>>(),
            }),
        }
    }

    fn node_json(&self, id: NodeId) -> Json {
        let mut obj = Map::new();
        obj.insert("id".into(), json!(id.to_string()));
        obj.insert("label".into(), json!(id.kind.label()));
        if let Some(node) = self.nodes.get(&id) {
            for (k, x) in node_map(id, node).into_iter().skip(1) {
                obj.insert(k.to_string(), self.json(&x));
            }
        }
        Json::Object(obj)
    }

    /// One value as text, for tables and CSV: `(:Actor Islamic State)`,
    /// `[:CLAIMED_BY]`, paths drawn with arrows.
    pub fn text(&self, v: &Value) -> String {
        match v {
            Value::Node(id) => format!("(:{} {})", id.kind.label(), self.node_text(*id)),
            Value::Rel(r) => format!("[:{}]", r.kind.as_str()),
            Value::Path(p) => self.path_text(p),
            Value::List(items) => {
                let parts: Vec<String> = items
                    .iter()
                    .map(|x| match x {
                        Value::Str(s) => format!("{s:?}"),
                        other => self.text(other),
                    })
                    .collect();
                format!("[{}]", parts.join(", "))
            }
            Value::Float(x) => format_float(*x),
            other => other.to_string(),
        }
    }

    fn node_text(&self, id: NodeId) -> String {
        match self.nodes.get(&id) {
            Some(Node::Incident(i)) => {
                let date = i.date.map(|d| format!(" {}", d.start)).unwrap_or_default();
                format!("{}{date}", i.kind.as_str())
            }
            Some(node) => node.label(),
            None => id.to_string(),
        }
    }

    fn path_text(&self, p: &PathValue) -> String {
        let Some(first) = p.nodes.first() else {
            return String::new();
        };
        let mut out = self.text(&Value::Node(*first));
        for (r, next) in p.rels.iter().zip(p.nodes.iter().skip(1)) {
            let rel = format!("[:{}]", r.kind.as_str());
            if r.dst == *next {
                out.push_str(&format!("-{rel}->"));
            } else {
                out.push_str(&format!("<-{rel}-"));
            }
            out.push_str(&self.text(&Value::Node(*next)));
        }
        out
    }
}

/// The nodes and relationships inside a value.
pub(super) fn collect(v: &Value, nodes: &mut Vec<NodeId>, rels: &mut Vec<RelRef>) {
    match v {
        Value::Node(id) => nodes.push(*id),
        Value::Rel(r) => {
            rels.push(*r);
        }
        Value::Path(p) => {
            nodes.extend(&p.nodes);
            rels.extend(&p.rels);
        }
        Value::List(items) => items.iter().for_each(|x| collect(x, nodes, rels)),
        Value::Map(m) => m.values().for_each(|x| collect(x, nodes, rels)),
        _ => {}
    }
}

/// A petgraph view of the nodes and relationships in `elements`.
pub(super) fn subgraph(elements: &[Value]) -> GraphView {
    let mut nodes = Vec::new();
    let mut rels = Vec::new();
    for v in elements {
        collect(v, &mut nodes, &mut rels);
    }
    let mut view = GraphView::new();
    for id in nodes {
        view.node(id);
    }
    for r in rels {
        view.edge(r.src, r.kind, r.dst);
    }
    view
}
