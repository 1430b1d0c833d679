//! Fast look-up of word phrases (one to four tokens) in word lists, and a
//! small non-cryptographic hasher for the extractor's string maps.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use super::tokens::Token;

/// FNV-1a as a `Hasher`: the extractor hashes many short keys, where SipHash's
/// DoS resistance buys nothing (the keys are our own word lists).
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = hash;
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<Fnv>>;

/// A phrase's words after the first, and its value's index.
type Tail = (Box<[String]>, usize);

/// Phrases of up to four words, each mapped to a value.
pub struct PhraseTable<V> {
    values: Vec<V>,
    /// Phrase to index in `values`.
    phrases: FastMap<String, usize>,
    /// First word to the phrases starting with it: (the other words, index in
    /// `values`), longest first. Matching compares words: no phrase string is built.
    by_first: FastMap<String, Vec<Tail>>,
    max_len: usize,
}

impl<V> PhraseTable<V> {
    pub fn new(entries: impl IntoIterator<Item = (String, V)>) -> PhraseTable<V> {
        let mut values = Vec::new();
        let mut phrases = FastMap::default();
        let mut by_first: FastMap<String, Vec<Tail>> = FastMap::default();
        let mut max_len = 1;
        for (phrase, value) in entries {
            if phrases.contains_key(&phrase) {
                continue; // the first value of a phrase wins
            }
            let words: Vec<&str> = phrase.split(' ').collect();
            max_len = max_len.max(words.len());
            let rest: Box<[String]> = words[1..].iter().map(|w| w.to_string()).collect();
            by_first.entry(words[0].to_string()).or_default().push((rest, values.len()));
            phrases.insert(phrase, values.len());
            values.push(value);
        }
        for list in by_first.values_mut() {
            // Longest first; a stable sort keeps one order for equal lengths.
            list.sort_by_key(|(rest, _)| std::cmp::Reverse(rest.len()));
        }
        PhraseTable { values, phrases, by_first, max_len }
    }

    /// The phrases of `list` with at most `max_words` words, each mapped to
    /// `value(phrase)`: for callers that only ever tried n-grams up to that length.
    pub fn up_to(list: &[&str], max_words: usize, value: impl Fn(&str) -> V) -> PhraseTable<V> {
        let short = list.iter().filter(|p| p.split(' ').count() <= max_words);
        PhraseTable::new(short.map(|p| (p.to_string(), value(p))))
    }

    pub fn get(&self, phrase: &str) -> Option<&V> {
        self.phrases.get(phrase).map(|&i| &self.values[i])
    }

    /// The longest phrase starting at token `i`: its length in tokens and value.
    pub fn longest_at(&self, toks: &[Token], i: usize) -> Option<(usize, &V)> {
        let first = toks.get(i)?;
        let list = self.by_first.get(first.key.as_str())?;
        let after = &toks[i + 1..];
        list.iter()
            .find(|(rest, _)| {
                rest.len() < self.max_len
                    && rest.len() <= after.len()
                    && rest.iter().zip(after).all(|(w, t)| t.key.as_str() == w.as_str())
            })
            .map(|(rest, v)| (rest.len() + 1, &self.values[*v]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    #[test]
    fn longest_phrase_and_first_value_win() {
        let table = PhraseTable::new(
            [("car bomb", 1), ("car", 2), ("car bomb attack", 3), ("car bomb", 4), ("bomb", 5)]
                .map(|(p, v)| (p.to_string(), v)),
        );
        let text = "A car bomb attack, a car bomb, a car.";
        let toks = tokenize(text, 0, text.len());
        assert_eq!(table.longest_at(&toks, 1), Some((3, &3)));
        assert_eq!(table.longest_at(&toks, 5), Some((2, &1)));
        assert_eq!(table.longest_at(&toks, 8), Some((1, &2)));
        assert_eq!(table.longest_at(&toks, 0), None);
        assert_eq!(table.get("car bomb"), Some(&1));
    }
}
