//! Totals over several attacks: "This was one of four related attacks ...
//! 20 soldiers were killed across the attacks." Such a total is not the
//! count of one attack; the share of one is the total divided by the number
//! of attacks, rounded (the even split that incident databases such as GTD
//! use when only the total is known).

use super::super::numbers::word_value;
use super::super::text::Span;
use super::super::tokens::{Token, tokenize};

/// Nouns for the attacks a total is spread over.
const EVENT_NOUNS: &[&str] = &[
    "attacks",
    "incidents",
    "assaults",
    "raids",
    "clashes",
    "bombings",
    "explosions",
    "blasts",
    "strikes",
    "ambushes",
    "operations",
    "events",
    "shootings",
];

/// Whether the counts of `clause` are a total over several attacks, and over
/// how many when the clause says: "across both attacks" = `Some(Some(2))`,
/// "across the attacks" = `Some(None)`.
pub fn across(text: &str, clause: Span) -> Option<Option<u32>> {
    let toks = tokenize(text, clause.start, clause.end);
    let at = toks.iter().position(|t| t.key == "across")?;
    spread_over(&toks, at + 1)
}

/// The number of related attacks an article says this one belongs to: "one
/// of four related attacks", "one of at least nine attacks".
pub fn one_of(text: &str) -> Option<u32> {
    let toks = tokenize(text, 0, text.len());
    (0..toks.len().saturating_sub(2)).find_map(|i| {
        if toks[i].key != "one" || toks[i + 1].key != "of" {
            return None;
        }
        let mut j = i + 2;
        if toks.get(j).is_some_and(|t| t.key == "at") && toks.get(j + 1).is_some_and(|t| t.key == "least") {
            j += 2;
        }
        let n = word_value(&toks.get(j)?.key).filter(|n| *n >= 2)?;
        event_noun_within(&toks, j + 1).then_some(n)
    })
}

/// The share of one attack in a total over `n`, rounded half up.
pub fn share(total: u32, n: u32) -> u32 {
    if n < 2 { total } else { total.saturating_add(n / 2) / n }
}

/// "(all (of)) (the) (N|both) (of the) (related) attacks" from token `j`.
fn spread_over(toks: &[Token], mut j: usize) -> Option<Option<u32>> {
    let mut n = None;
    while let Some(t) = toks.get(j) {
        match t.key.as_str() {
            "all" | "of" | "the" => {}
            "both" => n = Some(2),
            w => match word_value(w) {
                Some(v) if v >= 2 && !matches!(w, "several" | "many" | "few" | "numerous") => n = Some(v),
                _ => break,
            },
        }
        j += 1;
    }
    event_noun_within(toks, j).then_some(n)
}

/// An event noun at token `j` or after one or two modifiers ("related",
/// "ensuing", "coordinated").
fn event_noun_within(toks: &[Token], j: usize) -> bool {
    (j..(j + 3).min(toks.len())).any(|k| EVENT_NOUNS.contains(&toks[k].key.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn across_in(text: &str) -> Option<Option<u32>> {
        across(text, Span::new(0, text.len()))
    }

    #[test]
    fn totals_over_attacks() {
        assert_eq!(across_in("Nine guards were killed across both raids"), Some(Some(2)));
        assert_eq!(across_in("12 people died across the three coordinated assaults"), Some(Some(3)));
        assert_eq!(across_in("Six were hurt across two of the attacks"), Some(Some(2)));
        assert_eq!(across_in("Six were hurt across all of the related bombings"), Some(None));
        assert_eq!(across_in("Six were hurt across the ensuing clashes"), Some(None));
        // Not a spread over attacks.
        assert_eq!(across_in("Six were hurt as fighting spread across the region"), None);
        assert_eq!(across_in("Six were killed in the attack"), None);
    }

    #[test]
    fn related_attacks_and_shares() {
        assert_eq!(one_of("The raid was one of five related attacks in the province that day."), Some(5));
        assert_eq!(one_of("This was one of at least seven attacks on polling stations."), Some(7));
        assert_eq!(one_of("One of the guards was killed."), None);
        assert_eq!(share(30, 4), 8);
        assert_eq!(share(7, 2), 4);
        assert_eq!(share(47, 5), 9);
        assert_eq!(share(5, 1), 5);
    }
}
