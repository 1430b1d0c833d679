//! Finding incident triggers in a clause.

use super::lexicon::{GENERIC_CUES, GENERIC_PLURALS, TRIGGERS};
use super::phrases::PhraseTable;
use super::text::Span;
use super::tokens::{Token, tokenize};
use crate::model::IncidentType;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub span: Span,
    pub kind: IncidentType,
    pub strength: u8,
    /// Describes a pattern of events ("a series of assaults", "has killed
    /// hundreds"), not one event.
    pub generic: bool,
}

/// Triggers in `text[span]`, longest phrase first at each token.
pub fn find(text: &str, span: Span) -> Vec<Hit> {
    let toks = tokenize(text, span.start, span.end);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match longest_at(&toks, i) {
            Some((len, kind, strength)) => {
                let phrase: Vec<&str> = toks[i..i + len].iter().map(|t| t.key.as_str()).collect();
                let generic = is_generic(&toks, i, &phrase.join(" "));
                out.push(Hit { span: Span::new(toks[i].start, toks[i + len - 1].end), kind, strength, generic });
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

static TABLE: std::sync::LazyLock<PhraseTable<(IncidentType, u8)>> = std::sync::LazyLock::new(|| {
    PhraseTable::new(TRIGGERS.iter().flat_map(|t| t.words.iter().map(move |w| (w.to_string(), (t.kind, t.strength)))))
});

fn longest_at(toks: &[Token], i: usize) -> Option<(usize, IncidentType, u8)> {
    TABLE.longest_at(toks, i).map(|(len, (kind, strength))| (len, *kind, *strength))
}

fn is_generic(toks: &[Token], i: usize, phrase: &str) -> bool {
    let before: Vec<&str> = toks[i.saturating_sub(4)..i].iter().map(|t| t.key.as_str()).collect();
    let cue = before.iter().any(|w| GENERIC_CUES.contains(w));
    let counted = before.last().is_some_and(|w| {
        super::numbers::word_value(w).is_some_and(|v| (2..10).contains(&v))
            || matches!(*w, "twin" | "coordinated" | "simultaneous" | "double")
    });
    let plural = GENERIC_PLURALS.contains(&phrase);
    // "has killed hundreds", "have carried out attacks": habitual, present perfect.
    let perfect = before.iter().rev().take(3).any(|w| matches!(*w, "has" | "have")) && !before.contains(&"been");
    // A bare plural ("explosions tore through the airport") is concrete; a
    // plural after "these", "such" or a cue ("a series of") is a pattern.
    let demonstrative = before.last().is_some_and(|w| matches!(*w, "such" | "these" | "those" | "many"));
    (plural && demonstrative && !counted) || (cue && !counted) || perfect
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(text: &str) -> Vec<(IncidentType, bool)> {
        find(text, Span::new(0, text.len())).into_iter().map(|h| (h.kind, h.generic)).collect()
    }

    #[test]
    fn longest_phrase_wins_and_generic_is_flagged() {
        assert_eq!(hits("a suicide bomber blew himself up")[0], (IncidentType::SuicideBombing, false));
        assert_eq!(hits("claimed responsibility for a series of assaults"), vec![(IncidentType::ArmedAssault, true)]);
        assert_eq!(hits("the group has killed hundreds"), vec![(IncidentType::ArmedAssault, true)]);
        assert_eq!(hits("twin bombings in Kabul"), vec![(IncidentType::Bombing, false)]);
    }
}
