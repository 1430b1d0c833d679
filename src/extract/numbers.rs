//! Reading quantities written as digits or words.
//!
//! Vague quantities get documented conventional values: "dozens" = 24 (two
//! dozen, the least the word can mean), "a dozen" = 12, "scores" = 40,
//! "hundreds" = 200, "thousands" = 2000, "several" = 3, "a few" = 3.

use std::borrow::Cow;
use std::sync::LazyLock;

use super::phrases::FastMap;

const UNITS: &[(&str, u32)] = &[
    ("zero", 0),
    ("no", 0),
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("single", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("dozen", 12),
    ("couple", 2),
    ("both", 2),
];

const VAGUE: &[(&str, u32)] = &[
    ("dozens", 24),
    ("scores", 40),
    ("hundreds", 200),
    ("thousands", 2000),
    ("several", 3),
    ("few", 3),
    ("numerous", 3),
    ("many", 3),
];

/// The value of one number word or digit string ("four", "17", "1,200", "twenty-one").
pub fn word_value(word: &str) -> Option<u32> {
    let word = word.trim();
    // Every path needs a digit or a table word's first letter first: most words
    // leave here without hashing.
    let first = word.as_bytes().first()?.to_ascii_lowercase();
    if !first.is_ascii_digit() && !FIRST_LETTERS[usize::from(first)] {
        return None;
    }
    // Token keys are already lower-case: copy only when there is something to lower.
    let w: Cow<str> = if word.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(word.to_ascii_lowercase())
    } else {
        Cow::Borrowed(word)
    };
    if w.is_empty() {
        return None;
    }
    if w.bytes().all(|b| b.is_ascii_digit() || b == b',') && w.as_bytes()[0].is_ascii_digit() {
        return w.replace(',', "").parse().ok();
    }
    if let Some((tens, unit)) = w.split_once('-') {
        let t = lookup(&UNIT_MAP, tens)?;
        let u = lookup(&UNIT_MAP, unit)?;
        return (t >= 20 && u < 10).then_some(t + u);
    }
    lookup(&UNIT_MAP, &w).or_else(|| lookup(&VAGUE_MAP, &w))
}

/// The first bytes of the words in both tables (a hyphenated number starts with one too).
static FIRST_LETTERS: [bool; 256] = first_letters();

const fn first_letters() -> [bool; 256] {
    let mut set = [false; 256];
    let mut i = 0;
    while i < UNITS.len() + VAGUE.len() {
        let word = if i < UNITS.len() { UNITS[i].0 } else { VAGUE[i - UNITS.len()].0 };
        set[word.as_bytes()[0] as usize] = true;
        i += 1;
    }
    set
}

// The tables as maps, keeping each word's first value as the linear search did.
static UNIT_MAP: LazyLock<FastMap<&str, u32>> = LazyLock::new(|| first_values(UNITS));
static VAGUE_MAP: LazyLock<FastMap<&str, u32>> = LazyLock::new(|| first_values(VAGUE));

fn first_values(table: &[(&'static str, u32)]) -> FastMap<&'static str, u32> {
    let mut map = FastMap::default();
    for &(w, v) in table {
        map.entry(w).or_insert(v);
    }
    map
}

fn lookup(table: &FastMap<&str, u32>, word: &str) -> Option<u32> {
    table.get(word).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_and_words() {
        assert_eq!(word_value("17"), Some(17));
        assert_eq!(word_value("1,200"), Some(1200));
        assert_eq!(word_value("Four"), Some(4));
        assert_eq!(word_value("twenty-one"), Some(21));
        assert_eq!(word_value("dozens"), Some(24));
        assert_eq!(word_value("a"), Some(1));
        assert_eq!(word_value("militants"), None);
    }
}
