//! An incident being assembled from the clauses that describe it, and its
//! conversion to an [`IncidentRecord`].

use chrono::NaiveDate;

use super::analyse::{SentenceInfo, definite};
use super::casualties::{self, Category};
use super::dates;
use super::mentions::Mention;
use super::persons::is_named_person;
use super::places::PlaceMention;
use super::statements::{self, ActorSide, Statement, StatementKind};
use super::text::{self, Span};
use super::tokens::tokenize;
use super::triggers::Hit;
use crate::model::{
    ActorKind, ActorRecord, DateRange, GeoPrecision, IncidentRecord, IncidentType, PlaceRecord, SourceRecord,
};

/// An incident being assembled.
#[derive(Clone, Debug)]
pub(super) struct Draft {
    pub(super) kind: IncidentType,
    pub(super) strength: u8,
    pub(super) summary: String,
    pub(super) date: Option<DateRange>,
    pub(super) places: Vec<PlaceMention>,
    pub(super) fallback_places: Vec<PlaceMention>,
    pub(super) perpetrators: Vec<ActorRecord>,
    pub(super) targets: Vec<ActorRecord>,
    pub(super) victims: Vec<ActorRecord>,
    pub(super) claimed_by: Vec<ActorRecord>,
    pub(super) attributed_to: Vec<ActorRecord>,
    pub(super) denied_by: Vec<ActorRecord>,
    pub(super) unclaimed: bool,
    pub(super) killed: Option<u32>,
    pub(super) injured: Option<u32>,
    pub(super) captured: Option<u32>,
    pub(super) weapons: Vec<String>,
    pub(super) sources: Vec<Span>,
    /// The trigger that opened the incident.
    pub(super) trigger: Span,
}

impl Draft {
    pub(super) fn new(hit: &Hit, text: &str, clause: Span) -> Draft {
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
            trigger: hit.span,
        }
    }

    /// True if `time` cannot be this incident's time.
    pub(super) fn conflicts_with(&self, time: &DateRange, published: NaiveDate) -> bool {
        let own = self.date.unwrap_or_else(|| dates::day(published));
        let slack = chrono::Days::new(1);
        time.end + slack < own.start || own.end + slack < time.start
    }

    /// True when a sentence of this incident contains `word` (a lower-case token).
    pub(super) fn mentions_word(&self, text: &str, word: &str) -> bool {
        self.sources.iter().any(|s| tokenize(text, s.start, s.end).iter().any(|t| t.key == word))
    }

    pub(super) fn source(&mut self, span: Span) {
        if !self.sources.contains(&span) {
            self.sources.push(span);
        }
    }
}

/// Adds the facts of one clause to an incident.
pub(super) fn absorb_clause(text: &str, info: &SentenceInfo, clause: Span, d: &mut Draft) {
    d.source(info.span);
    let hits: Vec<&Hit> = info.event_hits(clause).collect();
    for h in &hits {
        // Specific types (bombing, kidnapping) win; a casualty word yields to any attack word.
        if h.strength > d.strength && (h.strength >= 7 || d.strength <= 2) {
            d.kind = h.kind;
            d.strength = h.strength;
        } else if h.kind == IncidentType::Battle && d.kind == IncidentType::ArmedAssault {
            // An assault where the other side fought back ("exchanged fire", "repulsed") is a battle.
            d.kind = IncidentType::Battle;
        }
    }
    if d.date.is_none() {
        d.date = info.event_time(clause);
    }
    // One incident happens in one country: places elsewhere are context ("arrived from Riyadh").
    // A sentence that only refers back ("The kidnappings caused outrage in Abuja") adds no places.
    let concrete = d.places.is_empty() || hits.iter().any(|h| !definite(text, info.span, h));
    let country = |m: &PlaceMention| m.chain.first().and_then(|l| l.country.clone());
    let here: Vec<&PlaceMention> = info.places.iter().filter(|p| concrete && clause.contains(p.span)).collect();
    // The most specific place sets the country: "a fighter from Tanzania was executed in Jilib".
    let precision = |m: &&PlaceMention| m.chain.first().map(|l| l.precision);
    let anchor = d.places.first().or_else(|| here.iter().copied().min_by_key(precision)).map(country);
    for p in here {
        if anchor.as_ref().is_none_or(|c| *c == country(p)) {
            d.places.push(p.clone());
        }
    }
    counts_into(text, clause, info, d);
    roles_into(text, info, clause, &hits, d);
    super::weapons::weapons_into(text, clause, d);
}

fn counts_into(text: &str, clause: Span, info: &SentenceInfo, d: &mut Draft) {
    let mut counts = casualties::count(text, clause);
    // "20 were killed across the attacks" (one of four): this attack's share.
    if let Some(n) = casualties::across(text, clause).and_then(|n| n.or_else(|| casualties::one_of(text))) {
        counts.divide(n);
    }
    // The first figure stated for an incident is its headline figure; later
    // sentences break it down ("27 of them children") or give other sources'
    // estimates. Only an explicit death toll update replaces it.
    d.killed = counts.toll.or(d.killed).or(counts.killed);
    d.injured = d.injured.or(counts.injured);
    d.captured = d.captured.or(counts.captured);
    for (cat, item) in counts.items {
        let (Some(kind), Some(noun)) = (item.kind, item.noun_span) else {
            continue;
        };
        if item.partitive || cat == Category::Captured && kind == ActorKind::Unidentified {
            continue;
        }
        let named = info.mentions.iter().find(|m| m.span.overlaps(item.span) && !m.actor.kind.is_generic());
        let mut rec = match named {
            Some(m) => m.actor.clone(),
            None => {
                let mut r = ActorRecord::new(&text[noun.start..noun.end], &text[item.span.start..item.span.end], kind);
                r.scoped = true;
                r
            }
        };
        rec.mention = text[item.span.start..item.span.end].to_string();
        rec.span = Some((info.span.start as u32, info.span.end as u32));
        if kind == ActorKind::Unidentified && d.perpetrators.iter().any(|p| p.kind == ActorKind::Unidentified) {
            continue; // "killed 15 militants" after "militants attacked": the attackers died
        }
        push_actor(&mut d.victims, rec);
    }
}

/// Perpetrators before the first attack trigger or after "by"; targets after it.
fn roles_into(text: &str, info: &SentenceInfo, clause: Span, hits: &[&Hit], d: &mut Draft) {
    // A trigger inside an actor's name ("unidentified attackers") is not the verb it is the subject of.
    let free: Vec<&Hit> =
        hits.iter().copied().filter(|h| !info.mentions.iter().any(|m| m.span.contains(h.span))).collect();
    let Some(first) = free.iter().find(|h| h.strength >= 3).or(free.first()).or(hits.first()).copied() else {
        return;
    };
    let speaker = info.speaker.as_ref().map(|(s, _)| *s);
    // "The mayor was kidnapped": who stands before a passive verb suffered it.
    let passive = super::triggers::passive(text, clause, first);
    let in_statement =
        |m: &Mention| info.statements.iter().any(|s| s.kind != StatementKind::Unclaimed && near_cue(m, s));
    for m in info.mentions.iter().filter(|m| clause.contains(m.span)) {
        if speaker.is_some_and(|s| s.overlaps(m.span)) || in_statement(m) {
            continue;
        }
        let mut rec = m.actor.clone();
        rec.span = Some((info.span.start as u32, info.span.end as u32));
        let prefix = last_words(text, clause.start, m.span.start, 2);
        // "the murder of Jecar Neghme": the one it was done to, wherever the verb is.
        if is_named_person(&rec) && prefix.len() == 2 && prefix[0] == "of" && super::persons::victim_cue(&prefix[1]) {
            push_actor(&mut d.victims, rec);
            continue;
        }
        let by = prefix.iter().any(|w| w == "by");
        // "including X" lists members of a group named before it: the dead, not the killers.
        let against = prefix.iter().any(|w| matches!(w.as_str(), "on" | "against" | "targeting" | "at" | "including"));
        // Only an attack verb has its perpetrator as subject: not "were among the dead".
        // "The Taliban condemned the bombing": a subject of a reference back is not its perpetrator.
        // "The army killed": the actor right before the verb is its subject, not a reference back.
        let right_before = text[m.span.end..first.span.start.max(m.span.end)].trim().is_empty();
        let refers_back =
            definite(text, info.span, first) && !did_it(text, m.span.end, first.span.start) && !right_before;
        // "The gunman was shot dead": a perpetrator noun names a doer whatever befell him.
        let suffered = passive && rec.kind != ActorKind::Unidentified;
        let subject = m.span.end <= first.span.start
            && !suffered
            && !against
            && !refers_back
            && (first.strength >= 2 || super::triggers::active_casualty(text, clause, first))
            && (rec.kind != ActorKind::Organization
                || super::mentions::armed_members(&m.actor.mention)
                || super::mentions::armed_by_context(text, m.span))
            && (!is_named_person(&rec) || next_to(text, m.span.end, first.span.start));
        // "a meeting attended by General X": only an attack verb's "by" names a doer.
        let by = by
            && (!is_named_person(&rec)
                || hits.iter().any(|h| h.span.end <= m.span.start && text[h.span.end..m.span.start].trim() == "by"));
        if subject || by || (d.kind == IncidentType::Battle && prefix.iter().any(|w| w == "with")) {
            if matches!(rec.kind, ActorKind::Civilians | ActorKind::Facility) {
                continue;
            }
            if let Some((_, who)) = info.speaker.as_ref().filter(|_| !rec.kind.is_generic()) {
                let mut attr = rec.clone();
                attr.by = Some(who.clone());
                push_actor(&mut d.attributed_to, attr);
            }
            push_actor(&mut d.perpetrators, rec);
        } else if (m.span.start >= first.span.end
            || (passive && m.span.end <= first.span.start && !reports(text, m.span.end, first.span.start)))
            && rec.kind != ActorKind::Unidentified
            && !d.perpetrators.iter().any(|p| p.name == rec.name)
        {
            push_actor(&mut d.targets, rec);
        }
    }
    super::facilities::facilities_into(text, clause, first, info, d);
    crowd_into(text, clause, first, info, d);
    super::implicit::crowd_nouns(text, clause, first, info, d);
}

/// Protests and riots: the crowd is the actor ("Protesters", "Rioters"),
/// named by the first people noun of the clause ("workers", "students").
fn crowd_into(text: &str, clause: Span, first: &Hit, info: &SentenceInfo, d: &mut Draft) {
    let name = match d.kind {
        IncidentType::Protest => "Protesters",
        IncidentType::Riot => "Rioters",
        _ => return,
    };
    if d.perpetrators.iter().any(|p| p.name == name) {
        return;
    }
    let toks = tokenize(text, clause.start, clause.end);
    let noun = toks.iter().find(|t| {
        casualties::is_people_word(&t.key) && !matches!(t.key.as_str(), "police" | "policemen" | "soldiers" | "troops")
    });
    let span = noun.map_or(first.span, |t| Span::new(t.start, t.end));
    let mut rec = ActorRecord::new(name, &text[span.start..span.end], ActorKind::Civilians);
    rec.scoped = true;
    rec.span = Some((info.span.start as u32, info.span.end as u32));
    push_actor(&mut d.perpetrators, rec);
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
    toks.iter().rev().take(n).map(|t| t.key.to_string()).collect()
}

/// The actor a statement is about: by side, falling back to the last named group ("it").
pub(super) fn responsible(
    text: &str,
    info: &SentenceInfo,
    s: &Statement,
    last_group: Option<&ActorRecord>,
) -> Option<ActorRecord> {
    // A speaker is the claimant in "X said it carried out"; only blame comes from a third party.
    let speaker = info.speaker.as_ref().map(|(sp, _)| *sp).filter(|_| s.kind == StatementKind::Attribution);
    let found = match s.side {
        // "ISIS-K, the Afghan affiliate of Islamic State, claimed": the subject is
        // the first armed group before the cue, else the nearest actor.
        ActorSide::Before => {
            let aside = insertion_before(text, info.span, s.cue);
            let before: Vec<&Mention> = info
                .mentions
                .iter()
                .filter(|m| m.span.end <= s.cue.start && !speaker.is_some_and(|sp| sp.overlaps(m.span)))
                .filter(|m| !aside.is_some_and(|a| a.contains(m.span)))
                .filter(|m| !is_named_person(&m.actor) || next_to(text, m.span.end, s.cue.start))
                .collect();
            let first = before.iter().find(|m| m.actor.kind == ActorKind::ArmedGroup).or(before.last()).copied();
            first.map(|m| parent_of_faction(text, m, &before))
        }
        ActorSide::After => {
            // A person far from the cue is more often the subject of another clause.
            let after: Vec<&Mention> = info
                .mentions
                .iter()
                .filter(|m| {
                    m.span.start >= s.cue.end && (!is_named_person(&m.actor) || next_to(text, s.cue.end, m.span.start))
                })
                .collect();
            after.first().map(|m| parent_of_faction(text, m, &after))
        }
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

/// "An individual, who was questioned by police, claimed": the words between
/// two commas right before the cue describe the subject and are not it.
fn insertion_before(text: &str, sentence: Span, cue: Span) -> Option<Span> {
    let head = text[sentence.start..cue.start].trim_end();
    let close = head.strip_suffix(',')?;
    let open = close.rfind(',')?;
    // "Jane Doe, a member of the X Front, claimed": she claims for the group.
    let words = close[open..].to_ascii_lowercase();
    let member =
        ["member of", "members of", "affiliated with", "loyal to", "belonging to", "commander of", "leader of"]
            .iter()
            .any(|w| words.contains(w));
    (!member).then(|| Span::new(sentence.start + open, sentence.start + close.len()))
}

/// Nouns for a part of a group.
const PART_NOUNS: &[&str] = &["faction", "wing", "branch", "chapter", "cell", "unit"];

/// "The X faction of Boko Haram claimed", "the X faction (Y) of Boko Haram":
/// a faction is a part of the group the sentence names after it, and that
/// group is the one reported.
fn parent_of_faction<'a>(text: &str, m: &'a Mention, others: &[&'a Mention]) -> &'a Mention {
    // "Islamic State West Africa Province-ISWAP": the same group named again is one mention.
    let mut end = m.span.end;
    let mut next = None;
    for n in others.iter().filter(|n| n.span.start >= m.span.end) {
        if n.span.start > end + 24 {
            break;
        }
        if n.actor.name != m.actor.name {
            next = Some(*n);
            break;
        }
        end = n.span.end;
    }
    let Some(next) = next else { return m };
    let gap = tokenize(text, end, next.span.start);
    let keys: Vec<&str> = gap.iter().map(|t| t.key.as_str()).collect();
    let (part_in_gap, rest) = match keys.split_first() {
        Some((w, rest)) if PART_NOUNS.contains(w) => (true, rest),
        _ => (false, &keys[..]),
    };
    let of = matches!(rest, ["of"] | ["of", "the"]);
    // "The Barnawi faction (ISWAP) of": the part noun just before a parenthesis.
    let lower = m.actor.mention.to_ascii_lowercase();
    let named_part = PART_NOUNS.iter().any(|p| lower.ends_with(p));
    let before = tokenize(text, text::floor_boundary(text, m.span.start.saturating_sub(40)), m.span.start);
    let part_before =
        before.last().is_some_and(|t| PART_NOUNS.contains(&t.key.as_str()) && text[t.end..m.span.start].trim() == "(")
            && text[end..next.span.start].contains(')');
    let part = part_in_gap || named_part || part_before;
    if part && of && next.actor.kind == ActorKind::ArmedGroup { next } else { m }
}

/// Adds a claimant of a sentence's claim; a claim doubted in its own sentence
/// ("but the claim could not be verified") only points at the group.
pub(super) fn push_claim(text: &str, info: &SentenceInfo, d: &mut Draft, mut rec: ActorRecord) {
    rec.mode = statements::claim_mode(text, info.span);
    let doubted = statements::claim_doubted(text, info.span);
    push_actor(if doubted { &mut d.attributed_to } else { &mut d.claimed_by }, rec);
}

/// Claims, denials, attributions and "no claim" of a sentence, for incident `d`.
pub(super) fn apply_statements(text: &str, info: &SentenceInfo, last_group: Option<&ActorRecord>, d: &mut Draft) {
    // "X also claimed it. Sources could not verify this claim.": the last claim is doubted.
    let claims_here = info.statements.iter().any(|s| s.kind == StatementKind::Claim);
    if !claims_here
        && statements::claim_doubted(text, info.span)
        && let Some(rec) = d.claimed_by.pop()
    {
        push_actor(&mut d.attributed_to, rec);
    }
    for s in &info.statements {
        match s.kind {
            StatementKind::Unclaimed => d.unclaimed = true,
            StatementKind::Claim => {
                if let Some(rec) = responsible(text, info, s, last_group) {
                    push_claim(text, info, d, rec);
                    d.source(info.span);
                }
            }
            StatementKind::Denial => {
                if let Some(rec) = responsible(text, info, s, last_group) {
                    push_actor(&mut d.denied_by, rec);
                    d.source(info.span);
                }
            }
            StatementKind::Attribution => {
                let Some(mut rec) = responsible(text, info, s, None) else {
                    continue;
                };
                if rec.kind.is_generic() && rec.kind != ActorKind::Unidentified {
                    continue;
                }
                rec.by = if s.by_subject { subject_before(text, info.span, s.cue) } else { None }
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
    let from = head[from..].to_ascii_lowercase().rfind(" that ").map_or(from, |p| from + p + 6);
    let mut subject = head[from..].trim();
    // "The government had already blamed": drop auxiliaries and adverbs.
    while let Some((rest, last)) = subject.rsplit_once(' ') {
        if !matches!(
            last.to_ascii_lowercase().as_str(),
            "had"
                | "has"
                | "have"
                | "already"
                | "also"
                | "previously"
                | "reportedly"
                | "quickly"
                | "later"
                | "swiftly"
                | "immediately"
                | "promptly"
        ) {
            break;
        }
        subject = rest.trim_end();
    }
    let words = subject.split_whitespace().count();
    (words > 0 && words <= 8).then(|| subject.to_string())
}

pub(super) fn push_actor(list: &mut Vec<ActorRecord>, rec: ActorRecord) {
    let same = |a: &ActorRecord| {
        a.name.eq_ignore_ascii_case(&rec.name) && a.kind == rec.kind && (!rec.scoped || a.mention == rec.mention)
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
pub(super) fn finish(
    mut d: Draft,
    text: &str,
    published: NaiveDate,
    article: &str,
    main_places: &[PlaceMention],
) -> IncidentRecord {
    if d.unclaimed {
        d.claimed_by.clear();
    }
    super::implicit::perpetrator(text, &mut d);
    let mut places = if d.places.is_empty() { d.fallback_places.clone() } else { d.places.clone() };
    if places.is_empty() {
        // Same country as the article's main incident, at country precision.
        places.extend(
            main_places
                .iter()
                .filter_map(|p| {
                    let country = p.chain.iter().find(|l| l.precision == GeoPrecision::Country)?;
                    Some(PlaceMention { span: p.span, chain: vec![country.clone()] })
                })
                .take(1),
        );
    }
    let date = d.date.unwrap_or(DateRange { assumed: true, ..dates::day(published) });
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
            .map(|s| SourceRecord { article: article.to_string(), start: s.start as u32, end: s.end as u32 })
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
        let duplicate = out.iter().any(|o| o.name == first.name && o.country == first.country);
        let implied = first.precision == GeoPrecision::Country && out.iter().any(|o| o.country == first.country);
        let implied_admin = first.precision == GeoPrecision::AdminArea
            && out.iter().any(|o| o.admin1 == first.admin1 && o.country == first.country);
        if duplicate || implied || implied_admin {
            continue;
        }
        let mention = text.get(p.span.start..p.span.end).map(str::to_string);
        out.extend(PlaceRecord::from_chain(p.chain, mention));
    }
    out
}

/// "X said 55 people had been killed": X is the speaker, not the one who suffered.
fn reports(text: &str, from: usize, to: usize) -> bool {
    text[from..to].split(|c: char| !c.is_alphabetic()).any(|w| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "said" | "says" | "told" | "reported" | "claimed" | "stated" | "added"
        )
    })
}

/// A person is the doer only as the verb's immediate subject ("Ortega stabbed"):
/// a name further back is more often a victim or a bystander of the sentence.
fn next_to(text: &str, from: usize, to: usize) -> bool {
    from <= to && text[from..to].split_whitespace().count() <= 1
}

/// "X carried out the attack": words between an actor and a definite trigger that make it the doer.
fn did_it(text: &str, from: usize, to: usize) -> bool {
    if from >= to {
        return false;
    }
    let between = text[from..to].to_ascii_lowercase();
    ["carried out", "launched", "staged", "conducted", "perpetrated", "was behind", "were behind", "mounted"]
        .iter()
        .any(|w| between.contains(w))
}
