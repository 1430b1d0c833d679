//! Values that expressions produce and rows hold.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;
use std::hash::{Hash, Hasher};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};

use crate::model::{EdgeKind, NodeId};

/// One relationship: its source, type and target. Properties are looked up
/// in the store, or in [`super::QueryResult::rel_props`] for a result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RelRef {
    pub src: NodeId,
    pub kind: EdgeKind,
    pub dst: NodeId,
}

/// A path: `nodes[0]`, `rels[0]`, `nodes[1]`, ..., with `nodes.len() == rels.len() + 1`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PathValue {
    pub nodes: Vec<NodeId>,
    pub rels: Vec<RelRef>,
}

#[derive(Clone, Debug)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Date(NaiveDate),
    DateTime(DateTime<FixedOffset>),
    List(Vec<Value>),
    Map(BTreeMap<String, Value>),
    Node(NodeId),
    Rel(RelRef),
    Path(PathValue),
}

impl Value {
    /// The type's name, for messages: "string", "node", ...
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Int(_) => "integer",
            Value::Float(_) => "float",
            Value::Str(_) => "string",
            Value::Date(_) => "date",
            Value::DateTime(_) => "datetime",
            Value::List(_) => "list",
            Value::Map(_) => "map",
            Value::Node(_) => "node",
            Value::Rel(_) => "relationship",
            Value::Path(_) => "path",
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Int(n) => Some(*n),
            _ => None,
        }
    }

    /// Integers and floats as f64.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(n) => Some(*n as f64),
            Value::Float(x) => Some(*x),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_node(&self) -> Option<NodeId> {
        match self {
            Value::Node(id) => Some(*id),
            _ => None,
        }
    }

    pub fn as_date(&self) -> Option<NaiveDate> {
        match self {
            Value::Date(d) => Some(*d),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[Value]> {
        match self {
            Value::List(items) => Some(items),
            _ => None,
        }
    }

    pub fn opt_str(s: Option<&str>) -> Value {
        s.map_or(Value::Null, |s| Value::Str(s.to_string()))
    }

    pub fn opt_int(n: Option<u32>) -> Value {
        n.map_or(Value::Null, |n| Value::Int(i64::from(n)))
    }

    /// Equality with null propagation: `None` when either side is null.
    pub fn equals(&self, other: &Value) -> Option<bool> {
        match (self, other) {
            (Value::Null, _) | (_, Value::Null) => None,
            (Value::Int(_) | Value::Float(_), Value::Int(_) | Value::Float(_)) => {
                Some(num_cmp(self, other) == Some(Ordering::Equal))
            }
            (Value::List(a), Value::List(b)) => {
                if a.len() != b.len() {
                    return Some(false);
                }
                let mut unknown = false;
                for (x, y) in a.iter().zip(b) {
                    match x.equals(y) {
                        Some(false) => return Some(false),
                        None => unknown = true,
                        Some(true) => {}
                    }
                }
                if unknown { None } else { Some(true) }
            }
            (Value::Date(_) | Value::DateTime(_), Value::Date(_) | Value::DateTime(_)) => {
                Some(temporal(self) == temporal(other))
            }
            _ => Some(self == other),
        }
    }

    /// Order for `<`, `>` and friends: `None` when the two cannot be compared.
    pub fn compare(&self, other: &Value) -> Option<Ordering> {
        match (self, other) {
            (Value::Int(_) | Value::Float(_), Value::Int(_) | Value::Float(_)) => num_cmp(self, other),
            (Value::Str(a), Value::Str(b)) => Some(a.cmp(b)),
            (Value::Bool(a), Value::Bool(b)) => Some(a.cmp(b)),
            (Value::Date(_) | Value::DateTime(_), Value::Date(_) | Value::DateTime(_)) => {
                Some(temporal(self)?.cmp(&temporal(other)?))
            }
            (Value::List(a), Value::List(b)) => {
                for (x, y) in a.iter().zip(b) {
                    match x.compare(y)? {
                        Ordering::Equal => {}
                        other => return Some(other),
                    }
                }
                Some(a.len().cmp(&b.len()))
            }
            _ => None,
        }
    }

    fn rank(&self) -> u8 {
        match self {
            Value::Map(_) => 0,
            Value::Node(_) => 1,
            Value::Rel(_) => 2,
            Value::List(_) => 3,
            Value::Path(_) => 4,
            Value::Date(_) | Value::DateTime(_) => 5,
            Value::Str(_) => 6,
            Value::Bool(_) => 7,
            Value::Int(_) | Value::Float(_) => 8,
            Value::Null => 9,
        }
    }

    /// A total order for ORDER BY: values of different types by type, nulls last.
    pub fn order(&self, other: &Value) -> Ordering {
        let (ra, rb) = (self.rank(), other.rank());
        if ra != rb {
            return ra.cmp(&rb);
        }
        match (self, other) {
            (Value::Map(a), Value::Map(b)) => {
                a.iter().order_by(b.iter(), |x, y| x.0.cmp(y.0).then_with(|| x.1.order(y.1)))
            }
            (Value::Node(a), Value::Node(b)) => a.cmp(b),
            (Value::Rel(a), Value::Rel(b)) => a.cmp(b),
            (Value::Path(a), Value::Path(b)) => a.cmp(b),
            (Value::List(a), Value::List(b)) => a.iter().order_by(b.iter(), |x, y| x.order(y)),
            (Value::Int(_) | Value::Float(_), _) => num_cmp(self, other).unwrap_or_else(|| {
                // NaN sorts after every number.
                let nan = |v: &Value| matches!(v, Value::Float(x) if x.is_nan());
                nan(self).cmp(&nan(other))
            }),
            _ => self.compare(other).unwrap_or(Ordering::Equal),
        }
    }
}

trait OrderBy: Iterator + Sized {
    fn order_by<I: Iterator>(mut self, mut other: I, f: impl Fn(Self::Item, I::Item) -> Ordering) -> Ordering {
        loop {
            match (self.next(), other.next()) {
                (None, None) => return Ordering::Equal,
                (None, Some(_)) => return Ordering::Less,
                (Some(_), None) => return Ordering::Greater,
                (Some(a), Some(b)) => match f(a, b) {
                    Ordering::Equal => {}
                    o => return o,
                },
            }
        }
    }
}

impl<I: Iterator> OrderBy for I {}

fn num_cmp(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
        _ => a.as_f64()?.partial_cmp(&b.as_f64()?),
    }
}

/// Dates as midnight, datetimes as their local wall-clock time.
fn temporal(v: &Value) -> Option<NaiveDateTime> {
    match v {
        Value::Date(d) => d.and_hms_opt(0, 0, 0),
        Value::DateTime(dt) => Some(dt.naive_local()),
        _ => None,
    }
}

/// Structural equality, used for grouping and DISTINCT: `null` equals `null`
/// and `1` differs from `1.0`.
impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::Date(a), Value::Date(b)) => a == b,
            (Value::DateTime(a), Value::DateTime(b)) => a == b,
            (Value::List(a), Value::List(b)) => a == b,
            (Value::Map(a), Value::Map(b)) => a == b,
            (Value::Node(a), Value::Node(b)) => a == b,
            (Value::Rel(a), Value::Rel(b)) => a == b,
            (Value::Path(a), Value::Path(b)) => a == b,
            _ => false,
        }
    }
}

impl Eq for Value {}

impl Hash for Value {
    fn hash<H: Hasher>(&self, state: &mut H) {
        std::mem::discriminant(self).hash(state);
        match self {
            Value::Null => {}
            Value::Bool(b) => b.hash(state),
            Value::Int(n) => n.hash(state),
            Value::Float(x) => x.to_bits().hash(state),
            Value::Str(s) => s.hash(state),
            Value::Date(d) => d.hash(state),
            Value::DateTime(d) => d.hash(state),
            Value::List(items) => items.hash(state),
            Value::Map(m) => m.hash(state),
            Value::Node(id) => id.hash(state),
            Value::Rel(r) => r.hash(state),
            Value::Path(p) => p.hash(state),
        }
    }
}

/// Plain text: strings as they are, dates as YYYY-MM-DD, nodes as their id.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => Ok(()),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(n) => write!(f, "{n}"),
            Value::Float(x) => write!(f, "{}", format_float(*x)),
            Value::Str(s) => f.write_str(s),
            Value::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Value::DateTime(d) => write!(f, "{}", d.to_rfc3339()),
            Value::List(items) => {
                f.write_str("[")?;
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    match v {
                        Value::Str(s) => write!(f, "{s:?}")?,
                        other => write!(f, "{other}")?,
                    }
                }
                f.write_str("]")
            }
            Value::Map(m) => {
                f.write_str("{")?;
                for (i, (k, v)) in m.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k}: {v}")?;
                }
                f.write_str("}")
            }
            Value::Node(id) => write!(f, "({id})"),
            Value::Rel(r) => write!(f, "[:{}]", r.kind.as_str()),
            Value::Path(p) => write!(f, "<path of {} relationship(s)>", p.rels.len()),
        }
    }
}

/// Floats always show a decimal point or exponent, so 2.0 stays distinct from 2.
pub fn format_float(x: f64) -> String {
    if x.is_finite() && x == x.trunc() && x.abs() < 1e15 { format!("{x:.1}") } else { format!("{x}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_propagates_through_equality() {
        assert_eq!(Value::Null.equals(&Value::Int(1)), None);
        assert_eq!(Value::Int(1).equals(&Value::Float(1.0)), Some(true));
    }

    #[test]
    fn order_puts_nulls_last_and_numbers_together() {
        let mut v = vec![Value::Null, Value::Float(2.5), Value::Int(1), Value::Str("a".into())];
        v.sort_by(|a, b| a.order(b));
        assert_eq!(v, vec![Value::Str("a".into()), Value::Int(1), Value::Float(2.5), Value::Null]);
    }

    #[test]
    fn dates_compare_with_datetimes() {
        let d = Value::Date(NaiveDate::from_ymd_opt(2021, 1, 1).unwrap());
        let dt = Value::DateTime(DateTime::parse_from_rfc3339("2021-01-01T10:00:00+00:00").unwrap());
        assert_eq!(d.compare(&dt), Some(Ordering::Less));
    }
}
