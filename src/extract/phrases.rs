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

/// Phrases of up to four words, each mapped to a value.
pub struct PhraseTable<V> {
    phrases: FastMap<String, V>,
    first_words: FastSet<String>,
    max_len: usize,
}

impl<V> PhraseTable<V> {
    pub fn new(entries: impl IntoIterator<Item = (String, V)>) -> PhraseTable<V> {
        let mut phrases = FastMap::default();
        let mut first_words = FastSet::default();
        let mut max_len = 1;
        for (phrase, value) in entries {
            let words: Vec<&str> = phrase.split(' ').collect();
            max_len = max_len.max(words.len());
            first_words.insert(words[0].to_string());
            phrases.entry(phrase).or_insert(value);
        }
        PhraseTable { phrases, first_words, max_len }
    }

    pub fn get(&self, phrase: &str) -> Option<&V> {
        self.phrases.get(phrase)
    }

    /// The longest phrase starting at token `i`: its length in tokens and value.
    pub fn longest_at(&self, toks: &[Token], i: usize) -> Option<(usize, &V)> {
        let first = toks.get(i)?;
        if !self.first_words.contains(first.key.as_str()) {
            return None;
        }
        let mut phrase = String::new();
        let mut best = None;
        for (n, t) in toks[i..].iter().take(self.max_len).enumerate() {
            if n > 0 {
                phrase.push(' ');
            }
            phrase.push_str(&t.key);
            if let Some(v) = self.phrases.get(phrase.as_str()) {
                best = Some((n + 1, v));
            }
        }
        best
    }
}
