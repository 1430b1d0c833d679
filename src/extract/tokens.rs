//! Word tokens with byte offsets, for dictionary look-ups over n-grams.

use std::cell::RefCell;
use std::rc::Rc;

use compact_str::CompactString;

/// One word: a maximal run of letters and digits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Lower-cased, diacritics folded. Inline for short words: tokenising allocates little.
    pub key: CompactString,
    /// Starts with an upper-case letter or a digit.
    pub capitalized: bool,
}

/// (address, length, tokens) of the document being extracted.
type CachedDocument = (usize, usize, Rc<Vec<Token>>);

thread_local! {
    /// Tokens of the document being extracted: (address, length, tokens).
    static DOCUMENT: RefCell<Option<CachedDocument>> = const { RefCell::new(None) };
    /// The last document's token buffer, emptied, for the next one to reuse.
    static SPARE: RefCell<Vec<Token>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with the tokens of `text` computed once; [`tokenize`] calls on
/// `text` inside `f` slice them instead of tokenising again.
pub fn with_document<R>(text: &str, f: impl FnOnce() -> R) -> R {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            let done = DOCUMENT.with(|d| d.borrow_mut().take());
            let kept = done.and_then(|(_, _, toks)| Rc::try_unwrap(toks).ok());
            // A buffer grown by a very long article is let go, not kept for the rest of the run.
            if let Some(mut tokens) = kept.filter(|t| t.capacity() <= 1 << 16) {
                tokens.clear();
                SPARE.with(|s| *s.borrow_mut() = tokens);
            }
        }
    }
    let mut buffer = SPARE.with(|s| std::mem::take(&mut *s.borrow_mut()));
    tokenize_into(text, 0, text.len(), &mut buffer);
    let tokens = Rc::new(buffer);
    DOCUMENT.with(|d| *d.borrow_mut() = Some((text.as_ptr() as usize, text.len(), tokens)));
    let _reset = Reset;
    f()
}

/// The tokens of a range: a view into the document's tokens when they are
/// cached, so the many per-sentence and per-clause calls copy nothing.
pub struct Tokens {
    all: Rc<Vec<Token>>,
    lo: usize,
    hi: usize,
}

impl std::ops::Deref for Tokens {
    type Target = [Token];

    fn deref(&self) -> &[Token] {
        &self.all[self.lo..self.hi]
    }
}

/// Splits `text[start..end]` into word tokens (whole words inside the range).
pub fn tokenize(text: &str, start: usize, end: usize) -> Tokens {
    let cached = DOCUMENT.with(|d| match &*d.borrow() {
        Some((ptr, len, toks)) if *ptr == text.as_ptr() as usize && *len == text.len() => Some(toks.clone()),
        _ => None,
    });
    match cached {
        Some(all) => {
            let lo = all.partition_point(|t| t.start < start);
            let hi = all.partition_point(|t| t.end <= end).max(lo);
            Tokens { all, lo, hi }
        }
        None => {
            let all = tokenize_raw(text, start, end);
            let hi = all.len();
            Tokens { all: Rc::new(all), lo: 0, hi }
        }
    }
}

fn tokenize_raw(text: &str, start: usize, end: usize) -> Vec<Token> {
    let mut tokens = Vec::new();
    tokenize_into(text, start, end, &mut tokens);
    tokens
}

/// Appends the tokens of `text[start..end]` to `tokens`.
fn tokenize_into(text: &str, start: usize, end: usize, tokens: &mut Vec<Token>) {
    let slice = &text[start..end];
    let bytes = slice.as_bytes();
    tokens.reserve(bytes.len() / 6 + 1);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            // ASCII fast path: a run of ASCII letters and digits, lower-cased in one go.
            let s = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            if i < bytes.len() && bytes[i] >= 0x80 && starts_word_char(&slice[i..]) {
                // The word goes on with a non-ASCII letter: take the general path.
                i = word_slow(slice, s, start, tokens);
                continue;
            }
            let mut key = CompactString::new(&slice[s..i]);
            key.make_ascii_lowercase();
            tokens.push(Token { start: start + s, end: start + i, key, capitalized: !b.is_ascii_lowercase() });
        } else if b < 0x80 {
            i += 1;
        } else if starts_word_char(&slice[i..]) {
            i = word_slow(slice, i, start, tokens);
        } else {
            i += utf8_len(b);
        }
    }
}

fn utf8_len(first: u8) -> usize {
    match first {
        0..0x80 => 1,
        0xC0..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

/// True when `rest` starts with a character that folds to a letter or digit.
fn starts_word_char(rest: &str) -> bool {
    rest.chars().next().is_some_and(|ch| fold(ch).is_alphanumeric())
}

fn fold(ch: char) -> char {
    if ch.is_ascii() { ch } else { crate::model::fold_char(ch) }
}

/// Reads the word starting at `slice[s..]` char by char (folding diacritics),
/// pushes it and returns the offset after it.
fn word_slow(slice: &str, s: usize, base: usize, tokens: &mut Vec<Token>) -> usize {
    let mut key = CompactString::default();
    let mut capitalized = false;
    let mut end = slice.len();
    for (offset, ch) in slice[s..].char_indices() {
        let folded = fold(ch);
        if !folded.is_alphanumeric() {
            end = s + offset;
            break;
        }
        if offset == 0 {
            capitalized = folded.is_uppercase() || folded.is_numeric();
        }
        if folded.is_ascii() {
            key.push(folded.to_ascii_lowercase());
        } else {
            key.extend(folded.to_lowercase());
        }
    }
    tokens.push(Token { start: base + s, end: base + end, key, capitalized });
    end
}

/// The look-up key of a name: its tokens joined by single spaces.
pub fn name_key(name: &str) -> String {
    if name.is_ascii() {
        // Fast path (gazetteer and dictionary loading): no tokens, one allocation.
        let mut key = String::with_capacity(name.len());
        for word in name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(word);
        }
        key.make_ascii_lowercase();
        return key;
    }
    tokenize(name, 0, name.len()).iter().map(|t| t.key.as_str()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_offsets_and_fold() {
        let text = "Tajikistan’s Bogotá-based";
        let toks = tokenize(text, 0, text.len());
        let keys: Vec<&str> = toks.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(keys, vec!["tajikistan", "s", "bogota", "based"]);
        assert_eq!(&text[toks[2].start..toks[2].end], "Bogotá");
        assert!(toks[0].capitalized && !toks[3].capitalized);
    }

    /// The tokeniser before its ASCII fast path: one char at a time.
    fn reference(text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        let mut current: Option<(usize, CompactString, bool)> = None;
        for (pos, ch) in text.char_indices() {
            let folded = if ch.is_ascii() { ch } else { crate::model::fold_char(ch) };
            if folded.is_alphanumeric() {
                let (_, key, _) = current.get_or_insert_with(|| {
                    (pos, CompactString::default(), folded.is_uppercase() || folded.is_numeric())
                });
                if folded.is_ascii() {
                    key.push(folded.to_ascii_lowercase());
                } else {
                    key.extend(folded.to_lowercase());
                }
            } else if let Some((s, key, cap)) = current.take() {
                tokens.push(Token { start: s, end: pos, key, capitalized: cap });
            }
        }
        if let Some((s, key, cap)) = current {
            tokens.push(Token { start: s, end: text.len(), key, capitalized: cap });
        }
        tokens
    }

    #[test]
    fn fast_path_matches_reference() {
        let samples = [
            "",
            "a",
            "Bogotá-based ÉCOLE d’Ivoire naïve façade",
            "ÁB3 x1ÿ Ωmega İstanbul ıi ß ǅ Σ 9am 10/12/2021",
            "Ṭāhā al-ʿAqrab, ١٢٣ ٤ Ꮚ 中文 ſo K",
            "mixedÅscii éa aé ée Zürich’s “quoted” — dash",
            "end with accent é",
            "🙂 emoji 🙂a a🙂",
        ];
        for text in samples {
            let got = tokenize_raw(text, 0, text.len());
            assert_eq!(got, reference(text), "{text:?}");
            assert_eq!(name_key(text), reference(text).into_iter().map(|t| t.key).collect::<Vec<_>>().join(" "));
        }
    }

    #[test]
    fn name_keys_ignore_punctuation() {
        assert_eq!(name_key("Al-Bab"), "al bab");
        assert_eq!(name_key("  Cabo  Delgado "), "cabo delgado");
    }
}
