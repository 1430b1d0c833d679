//! From sentences to incidents: which sentences describe which incident.
//! The facts of each incident are gathered in [`super::draft`]. See
//! ARCHITECTURE.md, "Extraction pipeline", for the rules.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::Extractor;
use super::analyse::{SentenceInfo, analyse, definite, split_dateline};
use super::casualties;
use super::draft::{Draft, absorb_clause, apply_statements, finish, push_actor, push_claim, responsible};
use super::lexicon::SEPARATE_CUES;
use super::places::PlaceMention;
use super::statements::StatementKind;
use super::text::{self, Span};
use super::tokens::tokenize;
use super::triggers::Hit;
use crate::model::{ActorKind, ActorRecord, IncidentRecord, IncidentType};

static SUBEVENT_SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i),?\s+(?:and|as\s+well\s+as)\s+(?:for\s+)?(?:(?:a|an|the|its|another|last)\s)|;\s*")
        .expect("split pattern compiles")
});

/// Extracts incidents from `text[body]`. `article` names the article in sources.
pub(super) fn extract(
    ex: &Extractor,
    text: &str,
    body: Span,
    published: NaiveDate,
    article: &str,
) -> Vec<IncidentRecord> {
    let shouting = text::is_shouting(&text[body.start..body.end]);
    let (dateline, body) = split_dateline(text, body);
    let sentences = analyse(ex, text, body, dateline, published, shouting);
    let mut drafts: Vec<Draft> = Vec::new();
    let mut current: Option<usize> = None;
    let mut last_group: Option<ActorRecord> = None;
    // Places named before any incident opens set the scene for the first one.
    let mut lead: Vec<PlaceMention> = Vec::new();
    for info in &sentences {
        if drafts.is_empty() {
            lead.extend(info.places.iter().cloned());
        }
        let group = last_group.as_ref();
        if !claim_subevents(text, info, published, group, &mut drafts, &mut current) {
            let targets = sentence_events(text, info, published, &mut drafts, &mut current);
            for idx in targets {
                apply_statements(text, info, group, &mut drafts[idx]);
            }
        }
        if let Some(m) = info.mentions.iter().rev().find(|m| m.actor.kind == ActorKind::ArmedGroup) {
            last_group = Some(m.actor.clone());
        }
    }
    // A text without a concrete event word that threatens or plans an attack reports none.
    let threatened = sentences.iter().any(|s| s.hits.iter().any(|h| h.hypothetical));
    if drafts.is_empty() && !threatened {
        drafts.extend(fallback_incident(text, &sentences));
    }
    if let Some(first) = drafts.first_mut().filter(|d| d.places.is_empty() && d.fallback_places.is_empty()) {
        first.fallback_places = lead;
    }
    // Still nowhere: a town in the name of a group its sentences name ("the Benghazi Shura Council").
    for d in drafts.iter_mut().filter(|d| d.places.is_empty() && d.fallback_places.is_empty()) {
        let own = sentences.iter().filter(|s| d.sources.iter().any(|src| s.span.contains(*src)));
        d.fallback_places = own.flat_map(|s| s.inner_places.iter().cloned()).collect();
    }
    let main_places: Vec<PlaceMention> = drafts.first().map(|d| d.places.clone()).unwrap_or_default();
    drafts.into_iter().map(|d| finish(d, text, published, article, &main_places)).collect()
}

/// A claim that names what it claims ("claimed responsibility for the killing
/// of four cyclists last year and for a prison riot in May"): each named
/// event joins the incident it matches or becomes a new one.
fn claim_subevents(
    text: &str,
    info: &SentenceInfo,
    published: NaiveDate,
    last_group: Option<&ActorRecord>,
    drafts: &mut Vec<Draft>,
    current: &mut Option<usize>,
) -> bool {
    let Some(claim) = info.statements.iter().find(|s| s.kind == StatementKind::Claim && s.object.is_some()) else {
        return false;
    };
    let object = claim_object(text, claim.object.expect("checked"));
    let Some(claimant) = responsible(text, info, claim, last_group) else {
        return false;
    };
    let slice = &text[object.start..object.end];
    let mut parts = Vec::new();
    let mut from = 0;
    for m in SUBEVENT_SPLIT.find_iter(slice) {
        parts.push(Span::new(object.start + from, object.start + m.start()));
        from = m.end() - if m.as_str().ends_with(' ') { word_len_back(m.as_str()) } else { 0 };
    }
    parts.push(Span::new(object.start + from, object.end));
    let mut any = false;
    for part in parts {
        let hits: Vec<&Hit> = info.event_hits(part).collect();
        let generic_only = hits.is_empty() && info.hits.iter().any(|h| h.generic && part.contains(h.span));
        if generic_only {
            continue;
        }
        let time = info.event_time(part);
        let target = match (hits.first(), *current) {
            (None, Some(idx)) => idx,
            (None, None) => continue,
            (Some(_), Some(idx)) if !time.is_some_and(|t| drafts[idx].conflicts_with(&t, published)) => idx,
            (Some(hit), _) => {
                drafts.push(Draft::new(hit, text, part));
                drafts.len() - 1
            }
        };
        absorb_clause(text, info, part, &mut drafts[target]);
        if drafts[target].fallback_places.is_empty() {
            drafts[target].fallback_places =
                info.places.iter().filter(|p| !object.contains(p.span) || part.contains(p.span)).cloned().collect();
        }
        push_claim(text, info, &mut drafts[target], claimant.clone());
        drafts[target].source(info.span);
        if *current.get_or_insert(target) < target && drafts.len() == 1 {
            *current = Some(target);
        }
        any = true;
    }
    any
}

/// Length of the last word of a split match, which belongs to the next part ("a ", "the ").
fn word_len_back(matched: &str) -> usize {
    let trimmed = matched.trim_end();
    trimmed.len() - trimmed.rfind(' ').map_or(0, |p| p + 1) + (matched.len() - trimmed.len())
}

/// Attaches a sentence to the incident it is about, opening a new incident
/// when it reports a different event. Returns the incidents its statements
/// (claims, denials, blame) apply to.
fn sentence_events(
    text: &str,
    info: &SentenceInfo,
    published: NaiveDate,
    drafts: &mut Vec<Draft>,
    current: &mut Option<usize>,
) -> Vec<usize> {
    let referenced = referenced_incidents(text, info, drafts);
    let hits: Vec<Hit> = info.event_hits(info.span).copied().collect();
    let Some(first) = hits.first().copied() else {
        // No event here, but counts ("Five gunmen were captured") still belong to an incident.
        let target = referenced.first().copied().or(*current);
        if let Some(idx) = target {
            let counts = casualties::count(text, info.span);
            if counts.killed.is_some() || counts.injured.is_some() || counts.captured.is_some() {
                absorb_clause(text, info, info.span, &mut drafts[idx]);
            }
            // "They later reappeared in a police station in Alexandria.": a sentence that goes on
            // about the incident says where it was when the incident's own sentence did not.
            let d = &mut drafts[idx];
            if d.places.is_empty() && d.fallback_places.is_empty() {
                d.fallback_places = info.places.clone();
            }
        }
        return if referenced.is_empty() { current.iter().copied().collect() } else { referenced };
    };
    if !referenced.is_empty() && !separate_cue(text, info, &hits) {
        for &idx in &referenced {
            absorb_clause(text, info, info.span, &mut drafts[idx]);
        }
        return referenced;
    }
    if opens_new(text, info, &hits, published, drafts, *current) {
        let mut draft = Draft::new(&strongest(&hits), text, info.span);
        // "About two hours later, a second bomb ...": same day as the incident before.
        if info.event_time(info.span).is_none() && !earlier_cue(text, info) {
            draft.date = current.and_then(|c| drafts[c].date);
        }
        drafts.push(draft);
        *current = Some(drafts.len() - 1);
    }
    let idx = current.expect("an incident exists after opens_new");
    if compatible(drafts[idx].kind, &hits) {
        absorb_clause(text, info, info.span, &mut drafts[idx]);
    } else if hits.iter().any(|h| h.strength >= 3 && !definite(text, info.span, h)) {
        // "Students protested. Soldiers opened fire.": another event of the same
        // episode, an incident of its own; later sentences still go to the first.
        let mut draft = Draft::new(&strongest(&hits), text, info.span);
        draft.date = drafts[idx].date;
        absorb_clause(text, info, info.span, &mut draft);
        drafts.push(draft);
    }
    let _ = first;
    vec![idx]
}

/// Whether a sentence with event triggers reports a new incident.
fn opens_new(
    text: &str,
    info: &SentenceInfo,
    hits: &[Hit],
    published: NaiveDate,
    drafts: &[Draft],
    current: Option<usize>,
) -> bool {
    let Some(idx) = current else { return true };
    // "the attack", "the bombing": a reference back, whatever else the sentence says.
    if hits.iter().all(|h| definite(text, info.span, h)) {
        return false;
    }
    if separate_cue(text, info, hits) {
        return true;
    }
    match info.event_time(info.span) {
        Some(time) => drafts[idx].date.is_some() && drafts[idx].conflicts_with(&time, published),
        None => false,
    }
}

/// The first hit, unless a stronger one follows (a casualty verb yields to "attacked").
fn strongest(hits: &[Hit]) -> Hit {
    let first = hits[0];
    hits.iter().copied().find(|h| h.strength >= 3 && first.strength < 3).unwrap_or(first)
}

/// A sentence about a different kind of event ("protesters marched") adds no facts.
fn compatible(kind: IncidentType, hits: &[Hit]) -> bool {
    let family = |t: IncidentType| match t {
        IncidentType::Protest => 1,
        IncidentType::Riot => 2,
        IncidentType::Arrest => 3,
        _ => 0,
    };
    hits.iter().any(|h| h.strength <= 1 || family(h.kind) == family(kind))
}

/// "Earlier", "previously", "last month": the new incident is not on the same day.
fn earlier_cue(text: &str, info: &SentenceInfo) -> bool {
    let toks = tokenize(text, info.span.start, info.span.end);
    toks.iter().take(6).any(|t| matches!(t.key.as_str(), "earlier" | "previously" | "last" | "before" | "ago"))
}

/// "Separately, ...", "Last month, ...", "In another attack", "a second bomb".
fn separate_cue(text: &str, info: &SentenceInfo, hits: &[Hit]) -> bool {
    let toks = tokenize(text, info.span.start, info.span.end);
    // Cues open the sentence: "Separately, ...", "Hours later, ...", "In a separate attack".
    let head: Vec<&str> = toks.iter().take(3).map(|t| t.key.as_str()).collect();
    let opening = |w: &&str| {
        let pos = head.iter().position(|h| h == w).unwrap_or(0);
        let after_unit = pos > 0
            && matches!(head[pos - 1], "hours" | "minutes" | "days" | "weeks" | "moments" | "shortly" | "later");
        SEPARATE_CUES.contains(w) && (pos == 0 || after_unit || matches!(head[0], "in" | "a" | "an"))
    };
    if head.iter().any(opening) {
        return true;
    }
    toks.iter().enumerate().any(|(i, t)| {
        let indefinite =
            t.key == "another" || (matches!(t.key.as_str(), "second" | "third") && i > 0 && toks[i - 1].key == "a");
        // "another attack" opens an incident; "one killed and another injured" does not.
        indefinite
            && toks.get(i + 1).is_some_and(|n| {
                hits.iter().any(|h| h.strength >= 2 && h.span.start <= n.start && n.start < h.span.end)
            })
    })
}

/// Incidents a sentence points back to by a distinctive word ("the Peshawar
/// bombing", "the Warabe raid") or to all of them ("either blast", "both attacks").
fn referenced_incidents(text: &str, info: &SentenceInfo, drafts: &[Draft]) -> Vec<usize> {
    if drafts.len() < 2 {
        return Vec::new();
    }
    let toks = tokenize(text, info.span.start, info.span.end);
    let mut found = Vec::new();
    for h in info.hits.iter() {
        let Some(pos) = toks.iter().position(|t| t.start >= h.span.start) else { continue };
        let before: Vec<&str> = toks[pos.saturating_sub(3)..pos].iter().map(|t| t.key.as_str()).collect();
        if before.iter().any(|w| matches!(*w, "either" | "both" | "all")) {
            return (0..drafts.len()).collect();
        }
        if !before.contains(&"the") {
            continue;
        }
        for word in before.iter().filter(|w| w.len() >= 4 && !matches!(**w, "deadly" | "latest" | "first" | "attack")) {
            for (idx, d) in drafts.iter().enumerate() {
                if d.mentions_word(text, word) && !found.contains(&idx) {
                    found.push(idx);
                }
            }
        }
    }
    if found.len() == 1 { found } else { Vec::new() }
}

/// Text with no trigger word that still reads as an incident report (an
/// attacker is named, or responsibility is discussed) becomes one incident
/// of type `other`, built from all its sentences.
fn fallback_incident(text: &str, sentences: &[SentenceInfo]) -> Option<Draft> {
    let attacker = |s: &SentenceInfo| {
        s.mentions.iter().any(|m| matches!(m.actor.kind, ActorKind::ArmedGroup | ActorKind::Unidentified))
    };
    // A short note (a dataset's event description) that names a place or an actor is an event too.
    let note = text.len() <= 1000 && sentences.iter().any(|s| !s.places.is_empty() || !s.mentions.is_empty());
    let first = sentences.iter().find(|s| attacker(s) || !s.statements.is_empty() || (note && !s.places.is_empty()))?;
    let hit = Hit { span: first.span, kind: IncidentType::Other, strength: 0, generic: false, hypothetical: false };
    let mut draft = Draft::new(&hit, text, first.span);
    // The attacker may be named after the sentence that opens the note.
    let named = sentences.iter().find(|s| attacker(s)).unwrap_or(first);
    for m in named.mentions.iter().filter(|m| matches!(m.actor.kind, ActorKind::ArmedGroup | ActorKind::Unidentified)) {
        push_actor(&mut draft.perpetrators, m.actor.clone());
    }
    // In a short note without an event word the state forces it names are actors too
    // ("Military forces cleared three villages").
    let forces = sentences.iter().flat_map(|s| &s.mentions).filter(|m| note && m.actor.kind == ActorKind::StateForce);
    for m in forces {
        push_actor(&mut draft.perpetrators, m.actor.clone());
    }
    for info in sentences {
        absorb_clause(text, info, info.span, &mut draft);
        apply_statements(text, info, None, &mut draft);
    }
    Some(draft)
}

/// What a claim names ends where the claimant goes on talking: "for the
/// incident and stated that it was revenge for an airstrike on 3 January".
fn claim_object(text: &str, object: Span) -> Span {
    static END: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:,\s*|\s+and\s+)(?:said|saying|stated|stating|warned|warning|threatened|added|vowed|claimed)\b|,\s*which\b|\s+in\s+a\s+(?:statement|video|message)|;")
            .expect("claim end pattern compiles")
    });
    match END.find(&text[object.start..object.end]) {
        Some(m) => Span::new(object.start, object.start + m.start()),
        None => object,
    }
}
