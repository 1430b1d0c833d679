//! From sentences to incidents: which sentences describe which incident.
//! The facts of each incident are gathered in [`super::draft`]. See
//! ARCHITECTURE.md, "Extraction pipeline", for the rules.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::Extractor;
use super::casualties;
use super::analyse::{SentenceInfo, analyse, split_dateline};
use super::draft::{Draft, absorb_clause, apply_statements, finish, push_actor, responsible};
use super::lexicon::SEPARATE_CUES;
use super::places::PlaceMention;
use super::statements::{self, StatementKind};
use super::text::{self, Span};
use super::triggers::Hit;
use crate::model::{ActorKind, ActorRecord, IncidentRecord};

static SUBEVENT_SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i),?\s+(?:and|as\s+well\s+as)\s+(?:for\s+)?(?:(?:a|an|the|its|another|last)\s)|;\s*",
    )
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
    for info in &sentences {
        let handled = claim_subevents(
            ex,
            text,
            info,
            published,
            last_group.as_ref(),
            &mut drafts,
            &mut current,
        );
        if !handled {
            sentence_events(text, info, published, &mut drafts, &mut current);
            if let Some(idx) = current {
                apply_statements(text, info, last_group.as_ref(), &mut drafts[idx], None);
            }
        }
        if let Some(m) = info.mentions.iter().rev().find(|m| {
            m.actor.kind == ActorKind::ArmedGroup && m.core != m.span
                || m.actor.kind == ActorKind::ArmedGroup
        }) {
            last_group = Some(m.actor.clone());
        }
    }
    let main_places: Vec<PlaceMention> =
        drafts.first().map(|d| d.places.clone()).unwrap_or_default();
    drafts
        .into_iter()
        .map(|d| finish(d, text, published, article, &main_places))
        .collect()
}


/// A claim that names what it claims ("claimed responsibility for the killing
/// of four cyclists last year and for a prison riot in May"): each named
/// event joins the incident it matches or becomes a new one.
fn claim_subevents(
    ex: &Extractor,
    text: &str,
    info: &SentenceInfo,
    published: NaiveDate,
    last_group: Option<&ActorRecord>,
    drafts: &mut Vec<Draft>,
    current: &mut Option<usize>,
) -> bool {
    let _ = ex;
    let Some(claim) = info
        .statements
        .iter()
        .find(|s| s.kind == StatementKind::Claim && s.object.is_some())
    else {
        return false;
    };
    let object = claim.object.expect("checked");
    let Some(claimant) = responsible(info, claim, last_group) else {
        return false;
    };
    let slice = &text[object.start..object.end];
    let mut parts = Vec::new();
    let mut from = 0;
    for m in SUBEVENT_SPLIT.find_iter(slice) {
        parts.push(Span::new(object.start + from, object.start + m.start()));
        from = m.end()
            - if m.as_str().ends_with(' ') {
                word_len_back(m.as_str())
            } else {
                0
            };
    }
    parts.push(Span::new(object.start + from, object.end));
    let mut any = false;
    for part in parts {
        let hits: Vec<&Hit> = info.event_hits(part).collect();
        let generic_only =
            hits.is_empty() && info.hits.iter().any(|h| h.generic && part.contains(h.span));
        if generic_only {
            continue;
        }
        let time = info.event_time(part);
        let target = match (hits.first(), *current) {
            (None, Some(idx)) => idx,
            (None, None) => continue,
            (Some(_), Some(idx))
                if !time.is_some_and(|t| drafts[idx].conflicts_with(&t, published)) =>
            {
                idx
            }
            (Some(hit), _) => {
                drafts.push(Draft::new(hit, text, part));
                drafts.len() - 1
            }
        };
        absorb_clause(text, info, part, &mut drafts[target]);
        if drafts[target].fallback_places.is_empty() {
            drafts[target].fallback_places = info
                .places
                .iter()
                .filter(|p| !object.contains(p.span) || part.contains(p.span))
                .cloned()
                .collect();
        }
        let mut rec = claimant.clone();
        rec.mode = statements::claim_mode(text, info.span);
        push_actor(&mut drafts[target].claimed_by, rec);
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

/// Attaches a sentence's event triggers to the current incident or opens a new one.
fn sentence_events(
    text: &str,
    info: &SentenceInfo,
    published: NaiveDate,
    drafts: &mut Vec<Draft>,
    current: &mut Option<usize>,
) {
    let Some(first) = info.event_hits(info.span).next().copied() else {
        // No event here, but counts ("Five gunmen were captured") still belong to the current incident.
        if let Some(idx) = *current {
            let counts = casualties::count(text, info.span);
            if counts.killed.is_some() || counts.injured.is_some() || counts.captured.is_some() {
                absorb_clause(text, info, info.span, &mut drafts[idx]);
            }
        }
        return;
    };
    let time = info.event_time(info.span);
    let separate = starts_with_cue(text, info.span);
    let new = match *current {
        None => true,
        Some(idx) => separate || time.is_some_and(|t| drafts[idx].conflicts_with(&t, published)),
    };
    if new {
        drafts.push(Draft::new(&first, text, info.span));
        *current = Some(drafts.len() - 1);
    }
    let idx = current.expect("set above");
    absorb_clause(text, info, info.span, &mut drafts[idx]);
}

fn starts_with_cue(text: &str, span: Span) -> bool {
    let head: String = text[span.start..span.end]
        .chars()
        .take(40)
        .collect::<String>()
        .to_ascii_lowercase();
    SEPARATE_CUES.iter().any(|cue| {
        head.starts_with(cue)
            || head.starts_with(&format!("in {cue}"))
            || head.starts_with(&format!("in a {cue}"))
            || head.starts_with(&format!("in an {cue}"))
    })
}

