//! Recursive-descent parser: clauses and patterns here, expressions in
//! `parser_expr.rs`. Errors say where and what was expected.

use super::ast::*;
use super::lexer::{Tok, Token, tokenize};
use crate::error::{Error, Result};

/// Deepest nesting of expressions (parentheses, operators, lists) accepted.
pub(super) const MAX_DEPTH: usize = 100;
/// Most relationship steps in one query, which bounds the matcher's recursion.
const MAX_STEPS: usize = 100;
/// Most clauses in one query.
const MAX_CLAUSES: usize = 50;

/// Words that cannot be used as bare variable names.
const RESERVED: [&str; 30] = [
    "MATCH",
    "OPTIONAL",
    "WHERE",
    "RETURN",
    "WITH",
    "UNWIND",
    "AS",
    "DISTINCT",
    "ORDER",
    "BY",
    "ASC",
    "ASCENDING",
    "DESC",
    "DESCENDING",
    "SKIP",
    "LIMIT",
    "AND",
    "OR",
    "XOR",
    "NOT",
    "IN",
    "STARTS",
    "ENDS",
    "CONTAINS",
    "IS",
    "NULL",
    "CASE",
    "WHEN",
    "THEN",
    "ELSE",
];

pub(super) struct Parser<'a> {
    pub(super) text: &'a str,
    pub(super) toks: Vec<Token>,
    pub(super) i: usize,
    pub(super) depth: usize,
    steps: usize,
}

/// Parses a query. Nothing is looked up in a store: unknown labels, types,
/// properties and variables are reported by the planner.
pub fn parse(text: &str) -> Result<Query> {
    let mut p = Parser { text, toks: tokenize(text)?, i: 0, depth: 0, steps: 0 };
    p.query()
}

impl Parser<'_> {
    pub(super) fn peek(&self) -> &Token {
        &self.toks[self.i.min(self.toks.len() - 1)]
    }

    pub(super) fn peek_at(&self, ahead: usize) -> &Tok {
        &self.toks[(self.i + ahead).min(self.toks.len() - 1)].tok
    }

    pub(super) fn pos(&self) -> Pos {
        self.peek().pos
    }

    pub(super) fn advance(&mut self) -> Token {
        let t = self.peek().clone();
        if self.i < self.toks.len() - 1 {
            self.i += 1;
        }
        t
    }

    /// Byte offset just past the last consumed token.
    pub(super) fn prev_end(&self) -> usize {
        if self.i == 0 { 0 } else { self.toks[self.i - 1].end }
    }

    pub(super) fn is_kw(&self, kw: &str) -> bool {
        self.is_kw_at(0, kw)
    }

    pub(super) fn is_kw_at(&self, ahead: usize, kw: &str) -> bool {
        matches!(self.peek_at(ahead), Tok::Ident(w) if w.eq_ignore_ascii_case(kw))
    }

    pub(super) fn eat_kw(&mut self, kw: &str) -> bool {
        let found = self.is_kw(kw);
        if found {
            self.advance();
        }
        found
    }

    pub(super) fn expect_kw(&mut self, kw: &str) -> Result<()> {
        if self.eat_kw(kw) { Ok(()) } else { Err(self.expected(kw)) }
    }

    pub(super) fn is_sym(&self, sym: &str) -> bool {
        matches!(self.peek_at(0), Tok::Sym(s) if *s == sym)
    }

    pub(super) fn eat_sym(&mut self, sym: &str) -> bool {
        let found = self.is_sym(sym);
        if found {
            self.advance();
        }
        found
    }

    pub(super) fn expect_sym(&mut self, sym: &str) -> Result<()> {
        if self.eat_sym(sym) { Ok(()) } else { Err(self.expected(&format!("`{sym}`"))) }
    }

    /// "expected WHAT, found TOKEN" at the current token.
    pub(super) fn expected(&self, what: &str) -> Error {
        let t = self.peek();
        Error::Query { line: t.pos.line, column: t.pos.column, message: format!("expected {what}, found {}", t.tok) }
    }

    pub(super) fn error_at(pos: Pos, message: impl Into<String>) -> Error {
        Error::Query { line: pos.line, column: pos.column, message: message.into() }
    }

    /// A variable, label, type or property name.
    pub(super) fn name(&mut self, what: &str) -> Result<String> {
        match self.peek_at(0).clone() {
            Tok::Ident(w) | Tok::Quoted(w) => {
                self.advance();
                Ok(w)
            }
            _ => Err(self.expected(what)),
        }
    }

    /// A name usable as a variable: any quoted name, or a bare word that is not reserved.
    pub(super) fn is_variable(&self) -> bool {
        match self.peek_at(0) {
            Tok::Quoted(_) => true,
            Tok::Ident(w) => !is_reserved(w),
            _ => false,
        }
    }

    fn query(&mut self) -> Result<Query> {
        let mut parts = Vec::new();
        let mut clauses = 0;
        loop {
            let mut reading = Vec::new();
            loop {
                clauses += 1;
                if clauses > MAX_CLAUSES {
                    return Err(Self::error_at(
                        self.pos(),
                        format!("too many clauses: expected at most {MAX_CLAUSES}"),
                    ));
                }
                if self.is_kw("MATCH") || self.is_kw("OPTIONAL") {
                    reading.push(Reading::Match(self.match_clause()?));
                } else if self.is_kw("UNWIND") {
                    reading.push(Reading::Unwind(self.unwind()?));
                } else {
                    break;
                }
            }
            if self.is_kw("WITH") || self.is_kw("RETURN") {
                let projection = self.projection()?;
                let done = projection.kind == ProjectionKind::Return;
                parts.push(Part { reading, projection });
                if done {
                    break;
                }
            } else if reading.is_empty() {
                return Err(self.expected("MATCH, OPTIONAL MATCH, UNWIND, WITH or RETURN"));
            } else {
                return Err(self.expected("MATCH, OPTIONAL MATCH, UNWIND, WHERE, WITH or RETURN"));
            }
        }
        self.eat_sym(";");
        if !matches!(self.peek_at(0), Tok::Eof) {
            return Err(self.expected("end of query after RETURN"));
        }
        Ok(Query { parts })
    }

    fn match_clause(&mut self) -> Result<MatchClause> {
        let pos = self.pos();
        let optional = self.eat_kw("OPTIONAL");
        self.expect_kw("MATCH")?;
        let mut patterns = vec![self.pattern()?];
        while self.eat_sym(",") {
            patterns.push(self.pattern()?);
        }
        let filter = if self.eat_kw("WHERE") { Some(self.expr()?) } else { None };
        Ok(MatchClause { optional, patterns, filter, pos })
    }

    fn unwind(&mut self) -> Result<Unwind> {
        let pos = self.pos();
        self.expect_kw("UNWIND")?;
        let expr = self.expr()?;
        self.expect_kw("AS")?;
        if !self.is_variable() {
            return Err(self.expected("a variable name after AS"));
        }
        let var = self.name("a variable name")?;
        Ok(Unwind { expr, var, pos })
    }

    fn pattern(&mut self) -> Result<Pattern> {
        let pos = self.pos();
        let mut path_var = None;
        if self.is_variable() && matches!(self.peek_at(1), Tok::Sym("=")) {
            path_var = Some(self.name("a path variable")?);
            self.advance();
        }
        if self.is_kw("allShortestPaths") {
            return Err(Self::error_at(self.pos(), "allShortestPaths is not supported; expected shortestPath"));
        }
        let shortest = self.is_kw("shortestPath") && matches!(self.peek_at(1), Tok::Sym("("));
        if shortest {
            self.advance();
            self.advance();
        }
        let start = self.node_pattern()?;
        let mut steps = Vec::new();
        while self.is_sym("-") || (self.is_sym("<") && matches!(self.peek_at(1), Tok::Sym("-"))) {
            self.steps += 1;
            if self.steps > MAX_STEPS {
                return Err(Self::error_at(
                    self.pos(),
                    format!("pattern too long: expected at most {MAX_STEPS} relationships"),
                ));
            }
            let rel = self.rel_pattern()?;
            let node = self.node_pattern()?;
            steps.push((rel, node));
        }
        if shortest {
            if steps.len() != 1 {
                return Err(Self::error_at(pos, "expected exactly one relationship in shortestPath((a)-[*..n]-(b))"));
            }
            self.expect_sym(")")?;
        }
        Ok(Pattern { path_var, shortest, start, steps, pos })
    }

    fn node_pattern(&mut self) -> Result<NodePattern> {
        let pos = self.pos();
        if !self.eat_sym("(") {
            return Err(self.expected("`(` to start a node pattern"));
        }
        let var = match self.peek_at(0) {
            Tok::Ident(_) | Tok::Quoted(_) => Some(self.name("a variable")?),
            _ => None,
        };
        let mut labels = Vec::new();
        while self.eat_sym(":") {
            let at = self.pos();
            labels.push((self.name("a label (Actor, Incident, Location, Date, Article)")?, at));
        }
        let props = if self.is_sym("{") { self.prop_map()? } else { Vec::new() };
        if !self.eat_sym(")") {
            return Err(self.expected(if props.is_empty() {
                "`:Label`, `{properties}` or `)`"
            } else {
                "`)` to close the node pattern"
            }));
        }
        Ok(NodePattern { var, labels, props, pos })
    }

    fn rel_pattern(&mut self) -> Result<RelPattern> {
        let pos = self.pos();
        let left = self.eat_sym("<");
        self.expect_sym("-")?;
        let mut rel =
            RelPattern { var: None, types: Vec::new(), dir: Direction::Both, range: None, props: Vec::new(), pos };
        if self.eat_sym("[") {
            self.rel_detail(&mut rel)?;
            if !self.eat_sym("]") {
                return Err(self.expected("`]` to close the relationship pattern"));
            }
        }
        if !self.eat_sym("-") {
            return Err(self.expected("`-` to finish the relationship (`-[]-`, `-[]->` or `<-[]-`)"));
        }
        let right = self.eat_sym(">");
        rel.dir = match (left, right) {
            (true, true) => {
                return Err(Self::error_at(
                    pos,
                    "a relationship points one way or none: expected `<-[]-`, `-[]->` or `-[]-`",
                ));
            }
            (true, false) => Direction::Left,
            (false, true) => Direction::Right,
            (false, false) => Direction::Both,
        };
        Ok(rel)
    }

    fn rel_detail(&mut self, rel: &mut RelPattern) -> Result<()> {
        if matches!(self.peek_at(0), Tok::Ident(_) | Tok::Quoted(_)) {
            rel.var = Some(self.name("a variable")?);
        }
        if self.eat_sym(":") {
            loop {
                let at = self.pos();
                rel.types.push((self.name("a relationship type such as CLAIMED_BY")?, at));
                if !self.eat_sym("|") {
                    break;
                }
                self.eat_sym(":");
            }
        }
        if self.eat_sym("*") {
            rel.range = Some(self.range()?);
        }
        if self.is_sym("{") {
            rel.props = self.prop_map()?;
        }
        Ok(())
    }

    /// After `*`: nothing, `n`, `n..`, `..m` or `n..m`.
    fn range(&mut self) -> Result<(Option<u32>, Option<u32>)> {
        let min = self.small_int()?;
        if self.eat_sym("..") {
            let max = self.small_int()?;
            if max.is_none() && !matches!(self.peek_at(0), Tok::Sym("]" | "{")) {
                return Err(self.expected("a maximum length or `]`"));
            }
            return Ok((min, max));
        }
        Ok((min, min))
    }

    fn small_int(&mut self) -> Result<Option<u32>> {
        match self.peek_at(0).clone() {
            Tok::Int(n) => {
                let pos = self.pos();
                self.advance();
                u32::try_from(n).map(Some).map_err(|_| Self::error_at(pos, "expected a path length below 2^32"))
            }
            _ => Ok(None),
        }
    }

    /// `{key: expr, ...}` in a pattern.
    fn prop_map(&mut self) -> Result<Vec<(String, Expr)>> {
        self.expect_sym("{")?;
        let mut out: Vec<(String, Expr)> = Vec::new();
        if self.eat_sym("}") {
            return Ok(out);
        }
        loop {
            let key = self.name("a property name")?;
            if !self.eat_sym(":") {
                return Err(self.expected("`:` between a property name and its value"));
            }
            out.push((key, self.expr()?));
            if self.eat_sym("}") {
                return Ok(out);
            }
            if !self.eat_sym(",") {
                return Err(self.expected("`,` or `}` in a property map"));
            }
        }
    }

    fn projection(&mut self) -> Result<Projection> {
        let pos = self.pos();
        let kind = if self.eat_kw("WITH") {
            ProjectionKind::With
        } else {
            self.expect_kw("RETURN")?;
            ProjectionKind::Return
        };
        let distinct = self.eat_kw("DISTINCT");
        let mut star = false;
        let mut items = Vec::new();
        if self.eat_sym("*") {
            star = true;
            if self.eat_sym(",") {
                items = self.items()?;
            }
        } else {
            items = self.items()?;
        }
        let mut order = Vec::new();
        if self.eat_kw("ORDER") {
            self.expect_kw("BY")?;
            order = self.sort_items()?;
        }
        let skip = if self.eat_kw("SKIP") { Some(self.expr()?) } else { None };
        let limit = if self.eat_kw("LIMIT") { Some(self.expr()?) } else { None };
        let filter = if kind == ProjectionKind::With && self.eat_kw("WHERE") { Some(self.expr()?) } else { None };
        Ok(Projection { kind, distinct, star, items, order, skip, limit, filter, pos })
    }

    fn items(&mut self) -> Result<Vec<Item>> {
        let mut items = Vec::new();
        loop {
            let start = self.peek().start;
            let expr = self.expr()?;
            let text = tidy(&self.text[start..self.prev_end()]);
            let alias = if self.eat_kw("AS") {
                if !self.is_variable() {
                    return Err(self.expected("a column name after AS"));
                }
                Some(self.name("a column name")?)
            } else {
                None
            };
            items.push(Item { expr, alias, text });
            if !self.eat_sym(",") {
                return Ok(items);
            }
        }
    }

    fn sort_items(&mut self) -> Result<Vec<SortItem>> {
        let mut out = Vec::new();
        loop {
            let start = self.peek().start;
            let expr = self.expr()?;
            let text = tidy(&self.text[start..self.prev_end()]);
            let descending = if self.eat_kw("DESC") || self.eat_kw("DESCENDING") {
                true
            } else {
                if !self.eat_kw("ASC") {
                    self.eat_kw("ASCENDING");
                }
                false
            };
            out.push(SortItem { expr, descending, text });
            if !self.eat_sym(",") {
                return Ok(out);
            }
        }
    }
}

pub(super) fn is_reserved(word: &str) -> bool {
    RESERVED.iter().any(|r| r.eq_ignore_ascii_case(word))
        || ["END", "TRUE", "FALSE"].iter().any(|r| r.eq_ignore_ascii_case(word))
}

/// An expression's text as a column name: runs of whitespace become one space.
fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
