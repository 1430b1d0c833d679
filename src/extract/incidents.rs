//! From sentences to incidents: which sentences describe which incident, and
//! every fact of each incident. See ARCHITECTURE.md, "Extraction", for the rules.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::Extractor;
use super::casualties::{self, Category};
use super::dates::{self, TimeExpr};
use super::lexicon::{FACILITIES, SEPARATE_CUES, WEAPONS};
use super::mentions::{self, Mention};
use super::places::{self, PlaceMention};
use super::statements::{self, ActorSide, Statement, StatementKind};
use super::text::{self, Span};
use super::tokens::tokenize;
use super::triggers::{self, Hit};
use crate::model::{
    ActorKind, ActorRecord, DateRange, GeoPrecision, IncidentRecord, IncidentType, PlaceRecord,
    SourceRecord,
};

/// What one sentence says, before deciding which incident it belongs to.
pub(super) struct SentenceInfo {
    pub span: Span,
    pub mentions: Vec<Mention>,
    pub places: Vec<PlaceMention>,
    pub times: Vec<TimeExpr>,
    pub statements: Vec<Statement>,
    pub hits: Vec<Hit>,
    pub speaker: Option<(Span, String)>,
}

impl SentenceInfo {
    fn event_hits(&self, clause: Span) -> impl Iterator<Item = &Hit> {
        self.hits
            .iter()
            .filter(move |h| !h.generic && clause.contains(h.span))
    }

    fn event_time(&self, clause: Span) -> Option<DateRange> {
        self.times
            .iter()
            .find(|t| !t.reporting && clause.contains(t.span))
            .map(|t| t.range)
    }
}

/// An incident being assembled.
#[derive(Clone, Debug)]
pub(super) struct Draft {
    kind: IncidentType,
    strength: u8,
    summary: String,
    date: Option<DateRange>,
    places: Vec<PlaceMention>,
    fallback_places: Vec<PlaceMention>,
    perpetrators: Vec<ActorRecord>,
    targets: Vec<ActorRecord>,
    victims: Vec<ActorRecord>,
    claimed_by: Vec<ActorRecord>,
    attributed_to: Vec<ActorRecord>,
    denied_by: Vec<ActorRecord>,
    unclaimed: bool,
    killed: Option<u32>,
    injured: Option<u32>,
    captured: Option<u32>,
    weapons: Vec<String>,
    sources: Vec<Span>,
}

impl Draft {
    fn new(hit: &Hit, text: &str, clause: Span) -> Draft {
        Draft {
            kind: hit.kind,
            strength: hit.strength,
            summary: summarize(&text[clause.start..clause.end]),
            date: None,
            places: Vec::new(),
            fallback_places: Vec::new(),
            perpetrators: Vec::new(),
            targets: Vec::new(),
            victims: Vec::new(),
            claimed_by: Vec::new(),
            attributed_to: Vec::new(),
            denied_by: Vec::new(),
            unclaimed: false,
            killed: None,
            injured: None,
            captured: None,
            weapons: Vec::new(),
            sources: Vec::new(),
        }
    }

    /// True if `time` cannot be this incident's time.
    fn conflicts_with(&self, time: &DateRange, published: NaiveDate) -> bool {
        let own = self.date.unwrap_or_else(|| dates::day(published));
        let slack = chrono::Days::new(1);
        time.end + slack < own.start || own.end + slack < time.start
    }

    fn source(&mut self, span: Span) {
        if !self.sources.contains(&span) {
            self.sources.push(span);
        }
    }
}

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

/// Splits off a dateline ("DUSHANBE (Reuters) - "): where the reporter is, not the incident.
fn split_dateline(text: &str, body: Span) -> (Option<Span>, Span) {
    static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*([A-Z][A-Za-z .'’-]{1,40}?)(?:,\s*[A-Z][A-Za-z .]{1,30})?(?:,\s*\d{1,2}\s+[A-Za-z]{3,9}\s+\d{2,4})?\s*(?:\([^)\n]{1,40}\))?\s*(?:--|[-–—:])\s+")
            .expect("dateline pattern compiles")
    });
    let slice = &text[body.start..body.end];
    match DATELINE.captures(slice) {
        Some(c)
            if c[1]
                .chars()
                .filter(|ch| ch.is_alphabetic())
                .all(char::is_uppercase) =>
        {
            let place = c.get(1).expect("group 1");
            let whole = c.get(0).expect("group 0");
            (
                Some(Span::new(
                    body.start + place.start(),
                    body.start + place.end(),
                )),
                Span::new(body.start + whole.end(), body.end),
            )
        }
        _ => (None, body),
    }
}

fn analyse(
    ex: &Extractor,
    text: &str,
    body: Span,
    dateline: Option<Span>,
    published: NaiveDate,
    shouting: bool,
) -> Vec<SentenceInfo> {
    let g = ex.gazetteer();
    let spans = text::sentences(text, body);
    let mut last_group: Option<ActorRecord> = None;
    let mut infos = Vec::new();
    let mut all_cands = Vec::new();
    let mut article_countries = std::collections::HashSet::new();
    for &span in &spans {
        let mentions = mentions::find(ex.actors(), text, span, shouting, last_group.as_ref());
        if let Some(m) = mentions
            .iter()
            .rev()
            .find(|m| m.actor.kind == ActorKind::ArmedGroup)
        {
            last_group = Some(m.actor.clone());
        }
        article_countries.extend(
            mentions
                .iter()
                .filter(|m| m.core != m.span || true)
                .filter_map(|m| m.actor.country.clone()),
        );
        let skip: Vec<Span> = mentions
            .iter()
            .filter(|m| !m.actor.kind.is_generic())
            .map(|m| m.core)
            .collect();
        let cands = places::candidates(g, text, span, shouting, &skip);
        all_cands.push(cands);
        infos.push(SentenceInfo {
            span,
            times: dates::find(text, span, published)
                .into_iter()
                .filter(|t| !since_before(text, t.span))
                .collect(),
            statements: statements::find(text, span),
            hits: triggers::find(text, span),
            speaker: statements::speaker(text, span),
            mentions,
            places: Vec::new(),
        });
    }
    let flat: Vec<places::Candidate> = all_cands.iter().flatten().cloned().collect();
    article_countries.extend(places::context_countries(g, text, body, &flat));
    if let Some(d) = dateline {
        let cands = places::candidates(g, text, d, true, &[]);
        let resolved: Vec<String> = cands
            .iter()
            .filter_map(|c| places::resolve(g, c, &article_countries))
            .map(|p| g.country_of(p).to_string())
            .collect();
        article_countries.extend(resolved);
    }
    for (info, cands) in infos.iter_mut().zip(all_cands) {
        let mut found: Vec<PlaceMention> = cands
            .iter()
            .filter_map(|c| {
                places::resolve(g, c, &article_countries).map(|p| PlaceMention {
                    span: c.span,
                    chain: g.chain(p),
                })
            })
            .collect();
        for (offset, anchor) in places::offset_mentions(g, text, info.span, &found) {
            found.retain(|m| m.span != anchor);
            found.push(offset);
        }
        info.places = found;
    }
    infos
}

/// "since 2009" dates a state of affairs, not an event.
fn since_before(text: &str, span: Span) -> bool {
    let from = text::floor_boundary(text, span.start.saturating_sub(6));
    text[from..span.start]
        .to_ascii_lowercase()
        .contains("since")
        || text[span.start..span.end]
            .to_ascii_lowercase()
            .starts_with("since")
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

/// Adds the facts of one clause to an incident.
fn absorb_clause(text: &str, info: &SentenceInfo, clause: Span, d: &mut Draft) {
    d.source(info.span);
    let hits: Vec<&Hit> = info.event_hits(clause).collect();
    for h in &hits {
        if h.strength >= 7 && h.strength > d.strength || d.strength <= 2 && h.strength > d.strength
        {
            d.kind = h.kind;
            d.strength = h.strength;
        }
    }
    if d.date.is_none() {
        d.date = info.event_time(clause);
    }
    for p in info.places.iter().filter(|p| clause.contains(p.span)) {
        d.places.push(p.clone());
    }
    counts_into(text, clause, info, d);
    roles_into(text, info, clause, &hits, d);
    weapons_into(text, clause, d);
}

fn counts_into(text: &str, clause: Span, info: &SentenceInfo, d: &mut Draft) {
    let counts = casualties::count(text, clause);
    let max = |a: Option<u32>, b: Option<u32>| match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, None) => x,
        (None, y) => y,
    };
    d.killed = max(d.killed, counts.killed);
    d.injured = max(d.injured, counts.injured);
    d.captured = max(d.captured, counts.captured);
    for (cat, item) in counts.items {
        let (Some(kind), Some(noun)) = (item.kind, item.noun_span) else {
            continue;
        };
        if item.partitive || cat == Category::Captured && kind == ActorKind::Unidentified {
            continue;
        }
        let named = info
            .mentions
            .iter()
            .find(|m| m.span.overlaps(item.span) && !m.actor.kind.is_generic());
        let mut rec = match named {
            Some(m) => m.actor.clone(),
            None => {
                let mut r = ActorRecord::new(
                    &text[noun.start..noun.end],
                    &text[item.span.start..item.span.end],
                    kind,
                );
                r.scoped = true;
                r
            }
        };
        rec.mention = text[item.span.start..item.span.end].to_string();
        rec.span = Some((info.span.start as u32, info.span.end as u32));
        if kind == ActorKind::Unidentified
            && d.perpetrators
                .iter()
                .any(|p| p.kind == ActorKind::Unidentified)
        {
            continue; // "killed 15 militants" after "militants attacked": the attackers died
        }
        push_actor(&mut d.victims, rec);
    }
}

/// Perpetrators before the first attack trigger or after "by"; targets after it.
fn roles_into(text: &str, info: &SentenceInfo, clause: Span, hits: &[&Hit], d: &mut Draft) {
    let Some(first) = hits.iter().find(|h| h.strength >= 3).or(hits.first()) else {
        return;
    };
    let speaker = info.speaker.as_ref().map(|(s, _)| *s);
    let in_statement = |m: &Mention| {
        info.statements
            .iter()
            .any(|s| s.kind != StatementKind::Unclaimed && near_cue(m, s))
    };
    for m in info.mentions.iter().filter(|m| clause.contains(m.span)) {
        if speaker.is_some_and(|s| s.overlaps(m.span)) || in_statement(m) {
            continue;
        }
        let mut rec = m.actor.clone();
        rec.span = Some((info.span.start as u32, info.span.end as u32));
        let prefix = last_words(text, clause.start, m.span.start, 2);
        let by = prefix.iter().any(|w| w == "by");
        let against = prefix
            .iter()
            .any(|w| matches!(w.as_str(), "on" | "against" | "targeting" | "at"));
        if (m.span.end <= first.span.start && !against)
            || by
            || (d.kind == IncidentType::Battle && prefix.iter().any(|w| w == "with"))
        {
            if matches!(rec.kind, ActorKind::Civilians | ActorKind::Facility) {
                continue;
            }
            if !rec.kind.is_generic() {
                if let Some((_, who)) = &info.speaker {
                    let mut attr = rec.clone();
                    attr.by = Some(who.clone());
                    push_actor(&mut d.attributed_to, attr);
                }
            }
            push_actor(&mut d.perpetrators, rec);
        } else if m.span.start >= first.span.end
            && rec.kind != ActorKind::Unidentified
            && !d.perpetrators.iter().any(|p| p.name == rec.name)
        {
            push_actor(&mut d.targets, rec);
        }
    }
    facilities_into(text, clause, first, info, d);
}

fn near_cue(m: &Mention, s: &Statement) -> bool {
    match s.side {
        ActorSide::Before => m.span.end <= s.cue.start && s.cue.start - m.span.end < 80,
        ActorSide::After => m.span.start >= s.cue.end && m.span.start - s.cue.end < 40,
        ActorSide::None => false,
    }
}

fn last_words(text: &str, from: usize, to: usize, n: usize) -> Vec<String> {
    let toks = tokenize(text, from, to);
    toks.iter().rev().take(n).map(|t| t.key.clone()).collect()
}

/// Buildings and vehicles named after the attack trigger: "attacked a border post".
fn facilities_into(text: &str, clause: Span, first: &Hit, info: &SentenceInfo, d: &mut Draft) {
    let toks = tokenize(text, first.span.end, clause.end);
    for (i, t) in toks.iter().enumerate().take(10) {
        if !matches!(
            t.key.as_str(),
            "a" | "an" | "the" | "two" | "three" | "its" | "their" | "several"
        ) {
            continue;
        }
        for skip in 0..=2 {
            for len in (1..=3).rev() {
                let (s, e) = (i + 1 + skip, i + 1 + skip + len);
                if e > toks.len() {
                    continue;
                }
                let phrase: Vec<&str> = toks[s..e].iter().map(|t| t.key.as_str()).collect();
                if FACILITIES.contains(&phrase.join(" ").as_str()) {
                    let span = Span::new(t.start, toks[e - 1].end);
                    let mut rec = ActorRecord::new(
                        &text[toks[s].start..toks[e - 1].end],
                        &text[span.start..span.end],
                        ActorKind::Facility,
                    );
                    rec.span = Some((info.span.start as u32, info.span.end as u32));
                    push_actor(&mut d.targets, rec);
                    return;
                }
            }
        }
    }
}

fn weapons_into(text: &str, clause: Span, d: &mut Draft) {
    let toks = tokenize(text, clause.start, clause.end);
    let mut i = 0;
    while i < toks.len() {
        let found = (1..=3).rev().find(|len| {
            i + len <= toks.len()
                && WEAPONS.contains(
                    &toks[i..i + len]
                        .iter()
                        .map(|t| t.key.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                        .as_str(),
                )
        });
        match found {
            Some(len) => {
                let w = text[toks[i].start..toks[i + len - 1].end].to_string();
                if !d.weapons.iter().any(|x| x.eq_ignore_ascii_case(&w)) {
                    d.weapons.push(w);
                }
                i += len;
            }
            None => i += 1,
        }
    }
}

/// The actor a statement is about: by side, falling back to the last named group ("it").
fn responsible(
    info: &SentenceInfo,
    s: &Statement,
    last_group: Option<&ActorRecord>,
) -> Option<ActorRecord> {
    let found = match s.side {
        ActorSide::Before => info
            .mentions
            .iter()
            .rev()
            .find(|m| m.span.end <= s.cue.start),
        ActorSide::After => info.mentions.iter().find(|m| m.span.start >= s.cue.end),
        ActorSide::None => None,
    };
    let mut rec = match found {
        Some(m) => {
            let mut r = m.actor.clone();
            r.span = Some((info.span.start as u32, info.span.end as u32));
            r
        }
        None if s.side == ActorSide::Before => last_group?.clone(),
        None => return None,
    };
    if rec.kind == ActorKind::Facility || rec.kind == ActorKind::Civilians {
        return None;
    }
    rec.by = None;
    Some(rec)
}

/// Claims, denials, attributions and "no claim" of a sentence, for incident `d`.
fn apply_statements(
    text: &str,
    info: &SentenceInfo,
    last_group: Option<&ActorRecord>,
    d: &mut Draft,
    _only: Option<Span>,
) {
    for s in &info.statements {
        match s.kind {
            StatementKind::Unclaimed => d.unclaimed = true,
            StatementKind::Claim => {
                if let Some(mut rec) = responsible(info, s, last_group) {
                    rec.mode = statements::claim_mode(text, info.span);
                    push_actor(&mut d.claimed_by, rec);
                    d.source(info.span);
                }
            }
            StatementKind::Denial => {
                if let Some(rec) = responsible(info, s, last_group) {
                    push_actor(&mut d.denied_by, rec);
                    d.source(info.span);
                }
            }
            StatementKind::Attribution => {
                let Some(mut rec) = responsible(info, s, None) else {
                    continue;
                };
                if rec.kind.is_generic() && rec.kind != ActorKind::Unidentified {
                    continue;
                }
                rec.by = if s.by_subject {
                    subject_before(text, info.span, s.cue)
                } else {
                    None
                }
                .or_else(|| info.speaker.as_ref().map(|(_, w)| w.clone()));
                push_actor(&mut d.attributed_to, rec);
                d.source(info.span);
            }
        }
    }
}

/// "Local police blamed ...": the words before the cue, back to a comma or "that".
fn subject_before(text: &str, sentence: Span, cue: Span) -> Option<String> {
    let head = &text[sentence.start..cue.start];
    let from = head.rfind([',', ';']).map_or(0, |p| p + 1);
    let from = head[from..]
        .to_ascii_lowercase()
        .rfind(" that ")
        .map_or(from, |p| from + p + 6);
    let subject = head[from..].trim();
    let words = subject.split_whitespace().count();
    (words > 0 && words <= 8).then(|| subject.to_string())
}

fn push_actor(list: &mut Vec<ActorRecord>, rec: ActorRecord) {
    let same = |a: &ActorRecord| {
        a.name.eq_ignore_ascii_case(&rec.name)
            && a.kind == rec.kind
            && (!rec.scoped || a.mention == rec.mention)
    };
    if !list.iter().any(same) {
        list.push(rec);
    }
}

fn summarize(clause: &str) -> String {
    let flat = clause.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.len() <= 200 {
        return flat;
    }
    let cut = text::floor_boundary(&flat, 200);
    let cut = flat[..cut].rfind(' ').unwrap_or(cut);
    format!("{}...", &flat[..cut])
}

/// Turns a draft into the record, with defaults and places ordered by precision.
fn finish(
    mut d: Draft,
    text: &str,
    published: NaiveDate,
    article: &str,
    main_places: &[PlaceMention],
) -> IncidentRecord {
    let _ = text;
    if d.unclaimed {
        d.claimed_by.clear();
    }
    let mut places = if d.places.is_empty() {
        d.fallback_places.clone()
    } else {
        d.places.clone()
    };
    if places.is_empty() {
        // Same country as the article's main incident, at country precision.
        places.extend(
            main_places
                .iter()
                .filter_map(|p| {
                    let country = p
                        .chain
                        .iter()
                        .find(|l| l.precision == GeoPrecision::Country)?;
                    Some(PlaceMention {
                        span: p.span,
                        chain: vec![country.clone()],
                    })
                })
                .take(1),
        );
    }
    let date = d.date.unwrap_or(DateRange {
        assumed: true,
        ..dates::day(published)
    });
    IncidentRecord {
        id: String::new(),
        kind: d.kind,
        summary: d.summary,
        date: Some(date),
        places: order_places(places, text),
        perpetrators: d.perpetrators,
        targets: d.targets,
        victims: d.victims,
        claimed_by: d.claimed_by,
        attributed_to: d.attributed_to,
        denied_by: d.denied_by,
        killed: d.killed,
        injured: d.injured,
        captured: d.captured,
        weapons: d.weapons,
        sources: d
            .sources
            .iter()
            .map(|s| SourceRecord {
                article: article.to_string(),
                start: s.start as u32,
                end: s.end as u32,
            })
            .collect(),
    }
}

/// Most specific first; a country already implied by a more specific place is dropped.
fn order_places(mut places: Vec<PlaceMention>, text: &str) -> Vec<PlaceRecord> {
    places.sort_by_key(|p| p.chain.first().map(|l| l.precision));
    let mut out: Vec<PlaceRecord> = Vec::new();
    for p in places {
        let Some(first) = p.chain.first() else {
            continue;
        };
        let duplicate = out
            .iter()
            .any(|o| o.name == first.name && o.country == first.country);
        let implied = first.precision == GeoPrecision::Country
            && out.iter().any(|o| o.country == first.country);
        let implied_admin = first.precision == GeoPrecision::AdminArea
            && out
                .iter()
                .any(|o| o.admin1 == first.admin1 && o.country == first.country);
        if duplicate || implied || implied_admin {
            continue;
        }
        let mention = text.get(p.span.start..p.span.end).map(str::to_string);
        out.extend(PlaceRecord::from_chain(p.chain, mention));
    }
    out
}
