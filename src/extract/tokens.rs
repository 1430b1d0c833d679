//! Word tokens with byte offsets, for dictionary look-ups over n-grams.

/// One word: a maximal run of letters and digits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Lower-cased, diacritics folded.
    pub key: String,
    /// Starts with an upper-case letter or a digit.
    pub capitalized: bool,
}

/// Splits `text[start..end]` into word tokens.
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut current: Option<(usize, String, bool)> = None;
    for (offset, ch) in text[start..end].char_indices() {
        let pos = start + offset;
        let folded = crate::model::fold_char(ch);
        if folded.is_alphanumeric() {
            match &mut current {
                Some((_, key, _)) => key.extend(folded.to_lowercase()),
                None => {
                    current = Some((pos, folded.to_lowercase().collect(), folded.is_uppercase() || folded.is_numeric()))
                }
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
