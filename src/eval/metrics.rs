//! Counting and matching: precision/recall/F1 tallies, accuracies, one-to-one
//! matching of predicted and gold entities, and the normalisations the
//! scorers compare strings under.

use serde::Serialize;

use crate::model::fold_char;

/// True positives, false positives and false negatives of one field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Prf {
    pub tp: u64,
    pub fp: u64,
    #[serde(rename = "fn")]
    pub fn_: u64,
}

impl Prf {
    pub fn new(tp: u64, fp: u64, fn_: u64) -> Prf {
        Prf { tp, fp, fn_ }
    }

    /// Scores `matched` correct predictions out of `predicted`, against `gold` gold items.
    pub fn from_sizes(matched: usize, predicted: usize, gold: usize) -> Prf {
        let m = matched.min(predicted).min(gold) as u64;
        Prf::new(m, predicted as u64 - m, gold as u64 - m)
    }

    pub fn add(&mut self, other: Prf) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }

    /// tp / (tp + fp); `None` when nothing was predicted.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fp)
    }

    /// tp / (tp + fn); `None` when there was no gold item.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// Harmonic mean of precision and recall; 0 when either is 0 or undefined
    /// while the other side has items, `None` when both sides are empty.
    pub fn f1(&self) -> Option<f64> {
        if self.tp + self.fp + self.fn_ == 0 {
            return None;
        }
        let p = self.precision().unwrap_or(0.0);
        let r = self.recall().unwrap_or(0.0);
        Some(if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) })
    }

    /// Errors made, for ranking examples.
    pub fn errors(&self) -> u64 {
        self.fp + self.fn_
    }
}

/// Correct answers out of `n` scored examples.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Accuracy {
    pub correct: u64,
    pub n: u64,
}

impl Accuracy {
    pub fn add(&mut self, ok: bool) {
        self.n += 1;
        self.correct += u64::from(ok);
    }

    pub fn value(&self) -> Option<f64> {
        ratio(self.correct, self.n)
    }
}

pub fn ratio(num: u64, den: u64) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// Size of a maximum one-to-one matching between `left` and `right` items,
/// where `linked(l, r)` says whether left item `l` may be matched to right
/// item `r` (Kuhn's augmenting paths; the sets here are small).
pub fn max_matching(left: usize, right: usize, linked: impl Fn(usize, usize) -> bool) -> usize {
    let adjacency: Vec<Vec<usize>> = (0..left).map(|l| (0..right).filter(|&r| linked(l, r)).collect()).collect();
    let mut owner: Vec<Option<usize>> = vec![None; right];
    let mut size = 0;
    for l in 0..left {
        let mut seen = vec![false; right];
        if augment(l, &adjacency, &mut owner, &mut seen) {
            size += 1;
        }
    }
    size
}

fn augment(l: usize, adjacency: &[Vec<usize>], owner: &mut [Option<usize>], seen: &mut [bool]) -> bool {
    for &r in &adjacency[l] {
        if seen[r] {
            continue;
        }
        seen[r] = true;
        let free = match owner[r] {
            None => true,
            Some(other) => augment(other, adjacency, owner, seen),
        };
        if free {
            owner[r] = Some(l);
            return true;
        }
    }
    false
}

/// The role-filler normalisation of the MUC-4 scorers (as in SQuAD and
/// GRIT): lower-case, delete punctuation, drop the words "a", "an" and
/// "the", collapse white space. Letters with diacritics are folded to ASCII.
pub fn muc_normalize(s: &str) -> String {
    let mut cleaned = String::with_capacity(s.len());
    for ch in s.chars() {
        let ch = fold_char(ch);
        if ch.is_alphanumeric() {
            cleaned.extend(ch.to_lowercase());
        } else if ch.is_whitespace() {
            cleaned.push(' ');
        }
        // Anything else is punctuation and is deleted, as string.punctuation is.
    }
    cleaned.split_whitespace().filter(|w| !matches!(*w, "a" | "an" | "the")).collect::<Vec<_>>().join(" ")
}

/// The last token of a normalised string: the head noun of an English noun phrase.
pub fn head_token(normalized: &str) -> Option<&str> {
    normalized.split(' ').rfind(|t| !t.is_empty())
}

/// Name normalisation for actors: [`crate::model::normalize_name`] (case,
/// diacritics, punctuation and hyphens to spaces, apostrophes dropped, a
/// leading "the" dropped).
pub fn name_norm(s: &str) -> String {
    crate::model::normalize_name(s)
}

/// Name normalisation for places: [`name_norm`], then a trailing generic
/// word ("district", "city", "town", "village", "province", "state",
/// "region") removed, so "Qala-i-Naw district" equals "Qala i Naw".
pub fn place_norm(s: &str) -> String {
    let base = crate::model::normalize_name(s);
    for suffix in [" district", " city", " town", " village", " province", " state", " region"] {
        if let Some(stripped) = base.strip_suffix(suffix)
            && !stripped.is_empty()
        {
            return stripped.to_string();
        }
    }
    base
}

/// `name` without its trailing parenthesised parts: "Protesters (Nigeria)"
/// gives "Protesters", "Military Forces of Somalia (2012-)" gives
/// "Military Forces of Somalia".
pub fn strip_parens(name: &str) -> &str {
    let mut s = name.trim_end();
    while s.ends_with(')') {
        match s.rfind('(') {
            Some(open) => s = s[..open].trim_end(),
            None => break,
        }
    }
    s
}

/// The parenthesised parts of `name`: "Hamas (Islamic Resistance Movement)"
/// gives ["Islamic Resistance Movement"].
pub fn paren_parts(name: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = name;
    while let Some(open) = rest.find('(') {
        let after = &rest[open + 1..];
        let Some(close) = after.find(')') else {
            break;
        };
        let inner = after[..close].trim();
        if !inner.is_empty() {
            out.push(inner);
        }
        rest = &after[close + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prf_handles_empty_sides() {
        assert_eq!(Prf::default().f1(), None);
        assert_eq!(Prf::new(0, 0, 3).f1(), Some(0.0));
        let p = Prf::new(1, 1, 0);
        assert_eq!(p.precision(), Some(0.5));
        assert_eq!(p.recall(), Some(1.0));
    }

    #[test]
    fn strips_and_finds_parentheses() {
        assert_eq!(strip_parens("AMISOM (2007-) (Kenya)"), "AMISOM");
        assert_eq!(paren_parts("Hamas (Islamic Resistance Movement)").len(), 1);
    }
}
