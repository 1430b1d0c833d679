//! The syntax tree of a query. Every expression and pattern element keeps the
//! line and column it started at, for error messages.

use std::fmt;

/// A 1-based line and column (in characters) in the query text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// A whole query: parts separated by `WITH`; the last one ends in `RETURN`.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    pub parts: Vec<Part>,
}

/// Reading clauses followed by the projection (`WITH` or `RETURN`) that closes them.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    pub reading: Vec<Reading>,
    pub projection: Projection,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Reading {
    Match(MatchClause),
    Unwind(Unwind),
}

#[derive(Clone, Debug, PartialEq)]
pub struct MatchClause {
    pub optional: bool,
    pub patterns: Vec<Pattern>,
    pub filter: Option<Expr>,
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Unwind {
    pub expr: Expr,
    pub var: String,
    pub pos: Pos,
}

/// One comma-separated pattern of a MATCH: `p = (a)-[r]->(b)` or `shortestPath(...)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    pub path_var: Option<String>,
    pub shortest: bool,
    pub start: NodePattern,
    pub steps: Vec<(RelPattern, NodePattern)>,
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NodePattern {
    pub var: Option<String>,
    pub labels: Vec<(String, Pos)>,
    pub props: Vec<(String, Expr)>,
    pub pos: Pos,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// `-[]->`
    Right,
    /// `<-[]-`
    Left,
    /// `-[]-`
    Both,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RelPattern {
    pub var: Option<String>,
    /// Alternatives: `[:CLAIMED_BY|ATTRIBUTED_TO]`. Empty means any type.
    pub types: Vec<(String, Pos)>,
    pub dir: Direction,
    /// `*min..max` when variable length; `None` for exactly one hop.
    pub range: Option<(Option<u32>, Option<u32>)>,
    pub props: Vec<(String, Expr)>,
    pub pos: Pos,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProjectionKind {
    With,
    Return,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Projection {
    pub kind: ProjectionKind,
    pub distinct: bool,
    /// `RETURN *`: every named variable, then `items`.
    pub star: bool,
    pub items: Vec<Item>,
    pub order: Vec<SortItem>,
    pub skip: Option<Expr>,
    pub limit: Option<Expr>,
    /// `WITH ... WHERE`: filters the projected rows.
    pub filter: Option<Expr>,
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub expr: Expr,
    pub alias: Option<String>,
    /// The expression as written, which names the column when there is no alias.
    pub text: String,
}

impl Item {
    pub fn name(&self) -> &str {
        self.alias.as_deref().unwrap_or(&self.text)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SortItem {
    pub expr: Expr,
    pub descending: bool,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub pos: Pos,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Not,
    Neg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Or,
    Xor,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    In,
    StartsWith,
    EndsWith,
    Contains,
    Regex,
}

impl BinaryOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Or => "OR",
            BinaryOp::Xor => "XOR",
            BinaryOp::And => "AND",
            BinaryOp::Eq => "=",
            BinaryOp::Ne => "<>",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Mod => "%",
            BinaryOp::Pow => "^",
            BinaryOp::In => "IN",
            BinaryOp::StartsWith => "STARTS WITH",
            BinaryOp::EndsWith => "ENDS WITH",
            BinaryOp::Contains => "CONTAINS",
            BinaryOp::Regex => "=~",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Lit(Literal),
    Var(String),
    Prop(Box<Expr>, String),
    Index(Box<Expr>, Box<Expr>),
    List(Vec<Expr>),
    Map(Vec<(String, Expr)>),
    /// A function call; `name` is lower-cased. `count(*)` has `star`.
    Call {
        name: String,
        distinct: bool,
        star: bool,
        args: Vec<Expr>,
    },
    Unary(UnaryOp, Box<Expr>),
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    IsNull {
        expr: Box<Expr>,
        negated: bool,
    },
    Case {
        operand: Option<Box<Expr>>,
        whens: Vec<(Expr, Expr)>,
        otherwise: Option<Box<Expr>>,
    },
    /// The value of the n-th aggregate of a projection (made by the planner, never parsed).
    AggRef(usize),
}

/// Names of the aggregate functions.
pub const AGGREGATES: [&str; 6] = ["count", "sum", "min", "max", "avg", "collect"];

impl Expr {
    pub fn new(kind: ExprKind, pos: Pos) -> Expr {
        Expr { kind, pos }
    }

    /// Direct sub-expressions.
    pub fn children(&self) -> Vec<&Expr> {
        match &self.kind {
            ExprKind::Lit(_) | ExprKind::Var(_) | ExprKind::AggRef(_) => Vec::new(),
            ExprKind::Prop(e, _) | ExprKind::Unary(_, e) | ExprKind::IsNull { expr: e, .. } => {
                vec![e]
            }
            ExprKind::Index(a, b) | ExprKind::Binary(_, a, b) => vec![a, b],
            ExprKind::List(items) | ExprKind::Call { args: items, .. } => items.iter().collect(),
            ExprKind::Map(entries) => entries.iter().map(|(_, e)| e).collect(),
            ExprKind::Case { operand, whens, otherwise } => {
                let mut out: Vec<&Expr> = operand.iter().map(|b| &**b).collect();
                for (w, t) in whens {
                    out.push(w);
                    out.push(t);
                }
                out.extend(otherwise.iter().map(|b| &**b));
                out
            }
        }
    }

    /// True when this is a call of an aggregate function.
    pub fn is_aggregate_call(&self) -> bool {
        matches!(&self.kind, ExprKind::Call { name, .. } if AGGREGATES.contains(&name.as_str()))
    }

    /// True when an aggregate call occurs anywhere in the expression.
    pub fn has_aggregate(&self) -> bool {
        self.is_aggregate_call() || self.children().iter().any(|c| c.has_aggregate())
    }

    /// True when the planner put an aggregate's value somewhere in the expression.
    pub fn has_agg_ref(&self) -> bool {
        matches!(self.kind, ExprKind::AggRef(_)) || self.children().iter().any(|c| c.has_agg_ref())
    }

    /// Every variable the expression reads, in order of appearance.
    pub fn variables(&self, out: &mut Vec<String>) {
        if let ExprKind::Var(name) = &self.kind
            && !out.contains(name)
        {
            out.push(name.clone());
        }
        for child in self.children() {
            child.variables(out);
        }
    }
}
