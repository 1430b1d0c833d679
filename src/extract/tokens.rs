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
}

/// Runs `f` with the tokens of `text` computed once; [`tokenize`] calls on
/// `text` inside `f` slice them instead of tokenising again.
pub fn with_document<R>(text: &str, f: impl FnOnce() -> R) -> R {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            DOCUMENT.with(|d| d.borrow_mut().take());
        }
    }
    let tokens = Rc::new(tokenize_raw(text, 0, text.len()));
    DOCUMENT.with(|d| *d.borrow_mut() = Some((text.as_ptr() as usize, text.len(), tokens)));
    let _reset = Reset;
    f()
}

/// Splits `text[start..end]` into word tokens (whole words inside the range).
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token> {
    let cached = DOCUMENT.with(|d| match &*d.borrow() {
        Some((ptr, len, toks)) if *ptr == text.as_ptr() as usize && *len == text.len() => Some(toks.clone()),
        _ => None,
    });
    match cached {
        Some(toks) => {
            let lo = toks.partition_point(|t| t.start < start);
            let hi = toks.partition_point(|t| t.end <= end);
            toks[lo..hi.max(lo)].to_vec()
        }
        None => tokenize_raw(text, start, end),
    }
}

fn tokenize_raw(text: &str, start: usize, end: usize) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut current: Option<(usize, CompactString, bool)> = None;
    for (offset, ch) in text[start..end].char_indices() {
        let pos = start + offset;
        let folded = if ch.is_ascii() { ch } else { crate::model::fold_char(ch) };
        if folded.is_alphanumeric() {
            let (_, key, _) = current
                .get_or_insert_with(|| (pos, CompactString::default(), folded.is_uppercase() || folded.is_numeric()));
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
        tokens.push(Token { start: s, end, key, capitalized: cap });
    }
    tokens
}

/// The look-up key of a name: its tokens joined by single spaces.
pub fn name_key(name: &str) -> String {
    tokenize(name, 0, name.len()).into_iter().map(|t| t.key).collect::<Vec<_>>().join(" ")
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

    #[test]
    fn name_keys_ignore_punctuation() {
        assert_eq!(name_key("Al-Bab"), "al bab");
        assert_eq!(name_key("  Cabo  Delgado "), "cabo delgado");
    }
}
