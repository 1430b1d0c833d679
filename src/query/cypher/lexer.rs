//! Tokens of the query language, each with its line, column and byte span.

use std::fmt;

use super::ast::Pos;
use crate::error::{Error, Result};

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// A bare word: keyword, variable, label, function or property name.
    Ident(String),
    /// A backtick-quoted name: never a keyword.
    Quoted(String),
    Int(i64),
    Float(f64),
    Str(String),
    /// Punctuation and operators.
    Sym(&'static str),
    Eof,
}

impl fmt::Display for Tok {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tok::Ident(s) => write!(f, "`{s}`"),
            Tok::Quoted(s) => write!(f, "`{s}`"),
            Tok::Int(n) => write!(f, "`{n}`"),
            Tok::Float(x) => write!(f, "`{x}`"),
            Tok::Str(s) => write!(f, "string {s:?}"),
            Tok::Sym(s) => write!(f, "`{s}`"),
            Tok::Eof => write!(f, "end of query"),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Token {
    pub tok: Tok,
    pub pos: Pos,
    /// Byte offsets of the token in the query text.
    pub start: usize,
    pub end: usize,
}

/// Longest first, so that `<=` wins over `<`.
const SYMBOLS: [&str; 27] = [
    "..", "<>", "!=", "<=", ">=", "=~", "(", ")", "[", "]", "{", "}", ",", ".", ":", ";", "|", "*", "+", "-", "/", "%",
    "^", "=", "<", ">", "$",
];

struct Lexer<'a> {
    text: &'a str,
    chars: Vec<(usize, char)>,
    i: usize,
    line: usize,
    column: usize,
}

/// Splits `text` into tokens, ending with [`Tok::Eof`].
pub fn tokenize(text: &str) -> Result<Vec<Token>> {
    let mut lx = Lexer { text, chars: text.char_indices().collect(), i: 0, line: 1, column: 1 };
    let mut out = Vec::new();
    loop {
        lx.skip_space()?;
        let pos = lx.pos();
        let start = lx.offset();
        let tok = match lx.peek(0) {
            None => {
                out.push(Token { tok: Tok::Eof, pos, start, end: start });
                return Ok(out);
            }
            Some(c) => lx.token(c, pos)?,
        };
        out.push(Token { tok, pos, start, end: lx.offset() });
    }
}

fn err(pos: Pos, message: impl Into<String>) -> Error {
    Error::Query { line: pos.line, column: pos.column, message: message.into() }
}

impl Lexer<'_> {
    fn pos(&self) -> Pos {
        Pos { line: self.line, column: self.column }
    }

    fn offset(&self) -> usize {
        self.chars.get(self.i).map_or(self.text.len(), |c| c.0)
    }

    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.i + ahead).map(|c| c.1)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek(0)?;
        self.i += 1;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    /// Whitespace, `// line` and `/* block */` comments.
    fn skip_space(&mut self) -> Result<()> {
        loop {
            match (self.peek(0), self.peek(1)) {
                (Some(c), _) if c.is_whitespace() => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    while self.peek(0).is_some_and(|c| c != '\n') {
                        self.bump();
                    }
                }
                (Some('/'), Some('*')) => {
                    let pos = self.pos();
                    self.bump();
                    self.bump();
                    loop {
                        match (self.peek(0), self.peek(1)) {
                            (None, _) => return Err(err(pos, "expected `*/` to close comment")),
                            (Some('*'), Some('/')) => {
                                self.bump();
                                self.bump();
                                break;
                            }
                            _ => {
                                self.bump();
                            }
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    fn token(&mut self, c: char, pos: Pos) -> Result<Tok> {
        if c.is_alphabetic() || c == '_' {
            let mut word = String::new();
            while let Some(c) = self.peek(0).filter(|c| c.is_alphanumeric() || *c == '_') {
                word.push(c);
                self.bump();
            }
            return Ok(Tok::Ident(word));
        }
        if c.is_ascii_digit() {
            return self.number(pos);
        }
        match c {
            '\'' | '"' => self.string(c, pos),
            '`' => self.quoted(pos),
            _ => self.symbol(c, pos),
        }
    }

    fn symbol(&mut self, c: char, pos: Pos) -> Result<Tok> {
        for sym in SYMBOLS {
            let matches = sym.chars().enumerate().all(|(k, s)| self.peek(k) == Some(s));
            if matches {
                for _ in 0..sym.chars().count() {
                    self.bump();
                }
                if sym == "$" {
                    return Err(err(pos, "query parameters (`$name`) are not supported"));
                }
                return Ok(Tok::Sym(sym));
            }
        }
        Err(err(pos, format!("unexpected character {c:?}")))
    }

    fn number(&mut self, pos: Pos) -> Result<Tok> {
        let mut text = String::new();
        while let Some(c) = self.peek(0).filter(char::is_ascii_digit) {
            text.push(c);
            self.bump();
        }
        let mut float = false;
        // `1..3` is a range, not the float `1.` followed by `.3`.
        if self.peek(0) == Some('.') && self.peek(1).is_some_and(|c| c.is_ascii_digit()) {
            float = true;
            text.push('.');
            self.bump();
            while let Some(c) = self.peek(0).filter(char::is_ascii_digit) {
                text.push(c);
                self.bump();
            }
        }
        if matches!(self.peek(0), Some('e' | 'E'))
            && (self.peek(1).is_some_and(|c| c.is_ascii_digit())
                || (matches!(self.peek(1), Some('+' | '-')) && self.peek(2).is_some_and(|c| c.is_ascii_digit())))
        {
            float = true;
            text.push('e');
            self.bump();
            while let Some(c) = self.peek(0).filter(|c| c.is_ascii_digit() || *c == '+' || *c == '-') {
                text.push(c);
                self.bump();
            }
        }
        if self.peek(0).is_some_and(|c| c.is_alphabetic() || c == '_') {
            return Err(err(self.pos(), "expected a space or operator after a number"));
        }
        if float {
            text.parse::<f64>().map(Tok::Float).map_err(|_| err(pos, format!("expected a number, found {text:?}")))
        } else {
            text.parse::<i64>().map(Tok::Int).map_err(|_| err(pos, format!("number {text} is too large")))
        }
    }

    fn string(&mut self, quote: char, pos: Pos) -> Result<Tok> {
        self.bump();
        let mut out = String::new();
        loop {
            match self.bump() {
                None => return Err(err(pos, format!("expected {quote} to close the string"))),
                Some(c) if c == quote => return Ok(Tok::Str(out)),
                Some('\\') => {
                    let at = self.pos();
                    out.push(self.escape(at)?);
                }
                Some(c) => out.push(c),
            }
        }
    }

    fn escape(&mut self, at: Pos) -> Result<char> {
        let c = self.bump().ok_or_else(|| err(at, "expected an escaped character"))?;
        Ok(match c {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            'b' => '\u{8}',
            'f' => '\u{c}',
            '0' => '\0',
            '\\' | '\'' | '"' | '`' => c,
            'u' => {
                let mut hex = String::new();
                for _ in 0..4 {
                    match self.bump() {
                        Some(h) if h.is_ascii_hexdigit() => hex.push(h),
                        _ => return Err(err(at, "expected four hex digits after \\u")),
                    }
                }
                u32::from_str_radix(&hex, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .ok_or_else(|| err(at, format!("\\u{hex} is not a character")))?
            }
            other => {
                return Err(err(
                    at,
                    format!("expected an escape (\\n, \\t, \\\\, \\', \\\", \\uXXXX), found \\{other}"),
                ));
            }
        })
    }

    fn quoted(&mut self, pos: Pos) -> Result<Tok> {
        self.bump();
        let mut out = String::new();
        loop {
            match self.bump() {
                None => return Err(err(pos, "expected ` to close the quoted name")),
                Some('`') if self.peek(0) == Some('`') => {
                    self.bump();
                    out.push('`');
                }
                Some('`') => return Ok(Tok::Quoted(out)),
                Some(c) => out.push(c),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<Tok> {
        tokenize(text).unwrap().into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn ranges_are_not_floats() {
        assert_eq!(toks("*1..3"), vec![Tok::Sym("*"), Tok::Int(1), Tok::Sym(".."), Tok::Int(3), Tok::Eof]);
        assert_eq!(toks("1.5"), vec![Tok::Float(1.5), Tok::Eof]);
    }

    #[test]
    fn positions_count_lines_and_columns() {
        let t = tokenize("MATCH\n  (a)").unwrap();
        assert_eq!(t[1].pos, Pos { line: 2, column: 3 });
    }

    #[test]
    fn strings_unescape() {
        assert_eq!(toks(r#"'it\'s' "a\"b\u00e9""#), vec![Tok::Str("it's".into()), Tok::Str("a\"bé".into()), Tok::Eof]);
    }

    #[test]
    fn unterminated_string_reports_its_start() {
        let e = tokenize("RETURN\n 'abc").unwrap_err();
        assert!(matches!(e, Error::Query { line: 2, column: 2, .. }), "{e}");
    }
}
