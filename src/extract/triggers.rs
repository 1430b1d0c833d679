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
    /// Threatened, planned or possible ("might attack"): nothing happened yet.
    pub hypothetical: bool,
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
                let hypothetical = hypothetical(&toks, i);
                let generic = is_generic(&toks, i, &phrase.join(" "), kind) || hypothetical;
                let span = Span::new(toks[i].start, toks[i + len - 1].end);
                out.push(Hit { span, kind, strength, generic, hypothetical });
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

fn is_generic(toks: &[Token], i: usize, phrase: &str, kind: IncidentType) -> bool {
    let before: Vec<&str> = toks[i.saturating_sub(4)..i].iter().map(|t| t.key.as_str()).collect();
    // "several attacks" is a pattern; "several doctors protested" one event by several people,
    // and "several hundred residents marched" a number.
    let cue = before.iter().enumerate().any(|(k, w)| {
        let quantifier = matches!(*w, "several" | "many" | "numerous");
        let counts_people = |x: &&str| {
            super::casualties::is_people_word(x)
                || matches!(*x, "hundred" | "hundreds" | "thousand" | "thousands" | "dozen")
        };
        GENERIC_CUES.contains(w) && !(quantifier && before[k + 1..].iter().any(counts_people))
    });
    let counted = before.last().is_some_and(|w| {
        super::numbers::word_value(w).is_some_and(|v| (2..10).contains(&v))
            || matches!(*w, "twin" | "coordinated" | "simultaneous" | "double")
    });
    let plural = GENERIC_PLURALS.contains(&phrase);
    // "has killed hundreds", "have carried out attacks": habitual, present perfect.
    // Not a protest or riot: "nurses have gone on strike", "residents have
    // protested over evictions" report one current action.
    let crowd = matches!(kind, IncidentType::Protest | IncidentType::Riot);
    let perfect =
        !crowd && before.iter().rev().take(3).any(|w| matches!(*w, "has" | "have")) && !before.contains(&"been");
    // A bare plural ("explosions tore through the airport") is concrete; a
    // plural after "these", "such" or a cue ("a series of") is a pattern.
    let demonstrative = before.last().is_some_and(|w| matches!(*w, "such" | "these" | "those" | "many"));
    (plural && demonstrative && !counted) || (cue && !counted) || perfect
}

/// A threatened, planned or possible act ("will attack", "might attempt to
/// kidnap him", "threatened to bomb", "plans to storm"): no incident took place.
/// Not "may have been killed", "would later die": perfect and passive forms and
/// casualty outcomes report what happened.
fn hypothetical(toks: &[Token], i: usize) -> bool {
    let before: Vec<&str> = toks[i.saturating_sub(3)..i].iter().map(|t| t.key.as_str()).collect();
    let Some(pos) = before.iter().rposition(|w| is_modal(w)) else { return false };
    let between = &before[pos + 1..];
    let reported = between.iter().any(|w| matches!(*w, "have" | "has" | "had" | "been" | "be" | "later" | "not"));
    let linked = between.iter().all(|w| matches!(*w, "to" | "also" | "again" | "soon" | "attempt" | "try" | "seek"));
    !reported && linked
}

fn is_modal(word: &str) -> bool {
    matches!(
        word,
        "will"
            | "would"
            | "might"
            | "may"
            | "could"
            | "shall"
            | "should"
            | "must"
            | "threatened"
            | "threatens"
            | "threaten"
            | "vowed"
            | "vows"
            | "plans"
            | "planned"
            | "planning"
            | "intends"
            | "intended"
            | "wants"
    )
}

/// A casualty verb in the active voice with an object after it ("soldiers
/// killed four people", "gunmen wounded a guard"): its subject did it, as
/// with an attack verb. Not "were killed", not a headline's "two killed in".
pub fn active_casualty(text: &str, clause: Span, hit: &Hit) -> bool {
    if hit.strength != 1 || hit.span.start < clause.start || hit.span.end > clause.end {
        return false;
    }
    let toks = tokenize(text, clause.start, clause.end);
    let Some(at) = toks.iter().position(|t| t.start == hit.span.start) else {
        return false;
    };
    let verb = toks[at].key.as_str();
    if at == 0 || !matches!(verb, "killed" | "kills" | "kill" | "wounded" | "injured") {
        return false;
    }
    let passive = matches!(
        toks[at - 1].key.as_str(),
        "was" | "were" | "been" | "being" | "be" | "is" | "are" | "got" | "get" | "and" | "or" | "dead"
    );
    let Some(next) = toks.get(at + 1).filter(|n| text[toks[at].end..n.start].trim().is_empty()) else {
        return false;
    };
    let object = matches!(
        next.key.as_str(),
        "a" | "an"
            | "the"
            | "his"
            | "her"
            | "their"
            | "its"
            | "at"
            | "more"
            | "over"
            | "some"
            | "about"
            | "around"
            | "nearly"
            | "several"
            | "dozens"
            | "scores"
            | "hundreds"
            | "many"
            | "two"
            | "three"
    ) || super::numbers::word_value(&next.key).is_some()
        || next.key.chars().all(|c| c.is_ascii_digit())
        || super::casualties::is_people_word(&next.key);
    !passive && object
}

/// "was attacked", "were reportedly kidnapped", "had been shot": the trigger
/// is a passive verb, so the words before it name who suffered, not who did it.
pub fn passive(text: &str, clause: Span, hit: &Hit) -> bool {
    let toks = tokenize(text, clause.start.min(hit.span.start), hit.span.start);
    let mut before = toks.iter().rev().map(|t| t.key.as_str());
    let mut word = before.next();
    // One adverb may stand between: "were brutally murdered", "was later found".
    if word.is_some_and(|w| w.ends_with("ly") || matches!(w, "later" | "then" | "also" | "reportedly")) {
        word = before.next();
    }
    matches!(word, Some("was" | "were" | "been" | "being" | "is" | "are" | "got" | "get"))
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
        assert_eq!(hits("several nurses protested outside the clinic"), vec![(IncidentType::Protest, false)]);
    }

    fn active(text: &str) -> bool {
        let span = Span::new(0, text.len());
        find(text, span).iter().any(|h| active_casualty(text, span, h))
    }

    #[test]
    fn active_casualty_verbs_need_an_object_and_no_auxiliary() {
        assert!(active("Troops killed four villagers near the river"));
        assert!(active("Gunmen wounded a guard at the gate"));
        assert!(active("The soldiers killed at least 12 fighters"));
        assert!(!active("Four villagers were killed near the river"));
        assert!(!active("Two soldiers killed in an ambush"));
        assert!(!active("One man was shot and killed"));
    }

    fn passive_first(text: &str) -> bool {
        let span = Span::new(0, text.len());
        find(text, span).first().is_some_and(|h| passive(text, span, h))
    }

    #[test]
    fn passive_triggers_have_an_auxiliary_before_them() {
        assert!(passive_first("The mayor was kidnapped on his way home"));
        assert!(passive_first("Two judges were brutally murdered in Cali"));
        assert!(passive_first("A trader had been abducted near the market"));
        assert!(!passive_first("Rebels kidnapped the mayor on his way home"));
        assert!(!passive_first("Gunmen murdered two judges in Cali"));
    }
}
