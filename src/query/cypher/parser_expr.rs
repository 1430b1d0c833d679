//! Expressions, by precedence from loosest to tightest: OR, XOR, AND, NOT,
//! comparisons, string and list predicates, + -, * / %, ^, unary minus,
//! property access and indexing, atoms.

use super::ast::*;
use super::lexer::Tok;
use super::parser::{MAX_DEPTH, Parser, is_reserved};
use crate::error::Result;

impl Parser<'_> {
    /// Counts one more level of nesting; fails past [`MAX_DEPTH`].
    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Self::error_at(
                self.pos(),
                format!("expression nested too deeply: expected at most {MAX_DEPTH} levels"),
            ));
        }
        Ok(())
    }

    pub(super) fn expr(&mut self) -> Result<Expr> {
        self.enter()?;
        let out = self.or();
        self.depth -= 1;
        out
    }

    /// A left-associative chain of `next` joined by the operators `ops` finds.
    fn chain(&mut self, next: fn(&mut Self) -> Result<Expr>, ops: fn(&mut Self) -> Option<BinaryOp>) -> Result<Expr> {
        let mut left = next(self)?;
        let base = self.depth;
        let mut out = Ok(());
        while let Some(op) = ops(self) {
            if let Err(e) = self.enter() {
                out = Err(e);
                break;
            }
            let right = match next(self) {
                Ok(r) => r,
                Err(e) => {
                    out = Err(e);
                    break;
                }
            };
            let pos = left.pos;
            left = Expr::new(ExprKind::Binary(op, Box::new(left), Box::new(right)), pos);
        }
        self.depth = base;
        out.map(|()| left)
    }

    fn or(&mut self) -> Result<Expr> {
        self.chain(Self::xor, |p| p.eat_kw("OR").then_some(BinaryOp::Or))
    }

    fn xor(&mut self) -> Result<Expr> {
        self.chain(Self::and, |p| p.eat_kw("XOR").then_some(BinaryOp::Xor))
    }

    fn and(&mut self) -> Result<Expr> {
        self.chain(Self::not, |p| p.eat_kw("AND").then_some(BinaryOp::And))
    }

    fn not(&mut self) -> Result<Expr> {
        let pos = self.pos();
        if self.eat_kw("NOT") {
            self.enter()?;
            let inner = self.not();
            self.depth -= 1;
            return Ok(Expr::new(ExprKind::Unary(UnaryOp::Not, Box::new(inner?)), pos));
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr> {
        self.chain(Self::predicate, |p| {
            let op = match p.peek_at(0) {
                Tok::Sym("=") => BinaryOp::Eq,
                Tok::Sym("<>" | "!=") => BinaryOp::Ne,
                Tok::Sym("<") => BinaryOp::Lt,
                Tok::Sym("<=") => BinaryOp::Le,
                Tok::Sym(">") => BinaryOp::Gt,
                Tok::Sym(">=") => BinaryOp::Ge,
                Tok::Sym("=~") => BinaryOp::Regex,
                _ => return None,
            };
            p.advance();
            Some(op)
        })
    }

    /// `IN`, `STARTS WITH`, `ENDS WITH`, `CONTAINS`, `IS [NOT] NULL`.
    fn predicate(&mut self) -> Result<Expr> {
        let mut left = self.additive()?;
        let base = self.depth;
        let out = self.predicate_tail(&mut left);
        self.depth = base;
        out.map(|()| left)
    }

    fn predicate_tail(&mut self, left: &mut Expr) -> Result<()> {
        loop {
            let pos = left.pos;
            if self.is_kw("IS") {
                self.advance();
                let negated = self.eat_kw("NOT");
                if !self.eat_kw("NULL") {
                    return Err(self.expected(if negated { "NULL" } else { "NULL or NOT NULL" }));
                }
                let inner = std::mem::replace(left, Expr::new(ExprKind::Lit(Literal::Null), pos));
                *left = Expr::new(ExprKind::IsNull { expr: Box::new(inner), negated }, pos);
                self.enter()?;
                continue;
            }
            let op = if self.eat_kw("IN") {
                BinaryOp::In
            } else if self.is_kw("STARTS") {
                self.advance();
                self.expect_kw("WITH")?;
                BinaryOp::StartsWith
            } else if self.is_kw("ENDS") {
                self.advance();
                self.expect_kw("WITH")?;
                BinaryOp::EndsWith
            } else if self.eat_kw("CONTAINS") {
                BinaryOp::Contains
            } else {
                return Ok(());
            };
            self.enter()?;
            let right = self.additive()?;
            let inner = std::mem::replace(left, Expr::new(ExprKind::Lit(Literal::Null), pos));
            *left = Expr::new(ExprKind::Binary(op, Box::new(inner), Box::new(right)), pos);
        }
    }

    fn additive(&mut self) -> Result<Expr> {
        self.chain(Self::multiplicative, |p| {
            let op = match p.peek_at(0) {
                Tok::Sym("+") => BinaryOp::Add,
                Tok::Sym("-") => BinaryOp::Sub,
                _ => return None,
            };
            p.advance();
            Some(op)
        })
    }

    fn multiplicative(&mut self) -> Result<Expr> {
        self.chain(Self::power, |p| {
            let op = match p.peek_at(0) {
                Tok::Sym("*") => BinaryOp::Mul,
                Tok::Sym("/") => BinaryOp::Div,
                Tok::Sym("%") => BinaryOp::Mod,
                _ => return None,
            };
            p.advance();
            Some(op)
        })
    }

    fn power(&mut self) -> Result<Expr> {
        self.chain(Self::unary, |p| p.eat_sym("^").then_some(BinaryOp::Pow))
    }

    fn unary(&mut self) -> Result<Expr> {
        let pos = self.pos();
        if self.eat_sym("-") {
            self.enter()?;
            let inner = self.unary();
            self.depth -= 1;
            return Ok(Expr::new(ExprKind::Unary(UnaryOp::Neg, Box::new(inner?)), pos));
        }
        if self.eat_sym("+") {
            self.enter()?;
            let inner = self.unary();
            self.depth -= 1;
            return inner;
        }
        self.postfix()
    }

    /// `.property` and `[index]` after an atom.
    fn postfix(&mut self) -> Result<Expr> {
        let mut e = self.atom()?;
        let base = self.depth;
        let out = self.postfix_tail(&mut e);
        self.depth = base;
        out.map(|()| e)
    }

    fn postfix_tail(&mut self, e: &mut Expr) -> Result<()> {
        loop {
            let pos = e.pos;
            let kind = if self.eat_sym(".") {
                let name = self.name("a property name after `.`")?;
                let inner = std::mem::replace(e, Expr::new(ExprKind::Lit(Literal::Null), pos));
                ExprKind::Prop(Box::new(inner), name)
            } else if self.eat_sym("[") {
                let index = self.expr()?;
                self.expect_sym("]")?;
                let inner = std::mem::replace(e, Expr::new(ExprKind::Lit(Literal::Null), pos));
                ExprKind::Index(Box::new(inner), Box::new(index))
            } else {
                return Ok(());
            };
            self.enter()?;
            *e = Expr::new(kind, pos);
        }
    }

    fn atom(&mut self) -> Result<Expr> {
        let pos = self.pos();
        let lit = |l| Ok(Expr::new(ExprKind::Lit(l), pos));
        match self.peek_at(0).clone() {
            Tok::Int(n) => {
                self.advance();
                lit(Literal::Int(n))
            }
            Tok::Float(x) => {
                self.advance();
                lit(Literal::Float(x))
            }
            Tok::Str(s) => {
                self.advance();
                lit(Literal::Str(s))
            }
            Tok::Quoted(name) => {
                self.advance();
                Ok(Expr::new(ExprKind::Var(name), pos))
            }
            Tok::Sym("(") => {
                self.advance();
                let e = self.expr()?;
                if !self.eat_sym(")") {
                    return Err(self.expected("`)` to close the parenthesis"));
                }
                Ok(e)
            }
            Tok::Sym("[") => self.list(),
            Tok::Sym("{") => self.map(),
            Tok::Ident(word) => self.word(word, pos),
            _ => Err(self.expected("an expression")),
        }
    }

    fn word(&mut self, word: String, pos: Pos) -> Result<Expr> {
        let lit = |l| Ok(Expr::new(ExprKind::Lit(l), pos));
        if word.eq_ignore_ascii_case("true") {
            self.advance();
            return lit(Literal::Bool(true));
        }
        if word.eq_ignore_ascii_case("false") {
            self.advance();
            return lit(Literal::Bool(false));
        }
        if word.eq_ignore_ascii_case("null") {
            self.advance();
            return lit(Literal::Null);
        }
        if word.eq_ignore_ascii_case("case") {
            self.advance();
            return self.case(pos);
        }
        if matches!(self.peek_at(1), Tok::Sym("(")) {
            self.advance();
            self.advance();
            return self.call(word.to_ascii_lowercase(), pos);
        }
        if is_reserved(&word) {
            return Err(self.expected("an expression"));
        }
        self.advance();
        Ok(Expr::new(ExprKind::Var(word), pos))
    }

    /// After `name(`.
    fn call(&mut self, name: String, pos: Pos) -> Result<Expr> {
        if self.eat_sym("*") {
            self.expect_sym(")")?;
            return Ok(Expr::new(ExprKind::Call { name, distinct: false, star: true, args: Vec::new() }, pos));
        }
        let distinct = self.eat_kw("DISTINCT");
        let mut args = Vec::new();
        if distinct || !self.eat_sym(")") {
            loop {
                args.push(self.expr()?);
                if self.eat_sym(")") {
                    break;
                }
                if !self.eat_sym(",") {
                    return Err(self.expected("`,` or `)` in the argument list"));
                }
            }
        }
        Ok(Expr::new(ExprKind::Call { name, distinct, star: false, args }, pos))
    }

    fn list(&mut self) -> Result<Expr> {
        let pos = self.pos();
        self.expect_sym("[")?;
        let mut items = Vec::new();
        if !self.eat_sym("]") {
            loop {
                items.push(self.expr()?);
                if self.eat_sym("]") {
                    break;
                }
                if !self.eat_sym(",") {
                    return Err(self.expected("`,` or `]` in the list"));
                }
            }
        }
        Ok(Expr::new(ExprKind::List(items), pos))
    }

    fn map(&mut self) -> Result<Expr> {
        let pos = self.pos();
        self.expect_sym("{")?;
        let mut entries = Vec::new();
        if !self.eat_sym("}") {
            loop {
                let key = self.name("a key")?;
                if !self.eat_sym(":") {
                    return Err(self.expected("`:` after the key"));
                }
                entries.push((key, self.expr()?));
                if self.eat_sym("}") {
                    break;
                }
                if !self.eat_sym(",") {
                    return Err(self.expected("`,` or `}` in the map"));
                }
            }
        }
        Ok(Expr::new(ExprKind::Map(entries), pos))
    }

    /// After `CASE`: `[operand] WHEN .. THEN .. [ELSE ..] END`.
    fn case(&mut self, pos: Pos) -> Result<Expr> {
        let operand = if self.is_kw("WHEN") { None } else { Some(Box::new(self.expr()?)) };
        let mut whens = Vec::new();
        while self.eat_kw("WHEN") {
            let cond = self.expr()?;
            self.expect_kw("THEN")?;
            whens.push((cond, self.expr()?));
        }
        if whens.is_empty() {
            return Err(self.expected("WHEN"));
        }
        let otherwise = if self.eat_kw("ELSE") { Some(Box::new(self.expr()?)) } else { None };
        if !self.eat_kw("END") {
            return Err(self.expected("WHEN, ELSE or END"));
        }
        Ok(Expr::new(ExprKind::Case { operand, whens, otherwise }, pos))
    }
}

#[cfg(test)]
mod tests {
    use super::super::parser::parse;
    use super::*;

    fn ret(text: &str) -> Expr {
        let q = parse(&format!("RETURN {text}")).unwrap();
        q.parts[0].projection.items[0].expr.clone()
    }

    #[test]
    fn precedence() {
        let e = ret("1 + 2 * 3 = 7 AND NOT false");
        let ExprKind::Binary(BinaryOp::And, l, r) = e.kind else { panic!("{e:?}") };
        assert!(matches!(l.kind, ExprKind::Binary(BinaryOp::Eq, _, _)));
        assert!(matches!(r.kind, ExprKind::Unary(UnaryOp::Not, _)));
    }

    #[test]
    fn predicates_bind_tighter_than_comparisons() {
        let e = ret("a.name STARTS WITH 'I' = true");
        assert!(matches!(e.kind, ExprKind::Binary(BinaryOp::Eq, _, _)));
        let e = ret("x IS NOT NULL");
        assert!(matches!(e.kind, ExprKind::IsNull { negated: true, .. }));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!("RETURN {}1{}", "(".repeat(5000), ")".repeat(5000));
        assert!(parse(&deep).is_err());
        let long = format!("RETURN 1{}", " + 1".repeat(5000));
        assert!(parse(&long).is_err());
        let nots = format!("RETURN {}true", "NOT ".repeat(5000));
        assert!(parse(&nots).is_err());
    }
}
