//! Actor mentions in a sentence: dictionary names (widened to "Masked
//! Islamic State militants"), unnamed attackers ("unidentified gunmen") and
//! anaphora ("the militant group") resolved to the last named group.

use std::sync::LazyLock;

use super::actors::{ActorDict, ActorEntry};
use super::gazetteer::{Gazetteer, Place};
use super::lexicon::{MEMBER_NOUNS, PERPETRATOR_MODIFIERS, PERPETRATOR_NOUNS};
use super::phrases::{FastSet, PhraseTable};
use super::text::Span;
use super::tokens::{Token, tokenize};
use crate::model::{ActorKind, ActorRecord};

/// An actor mentioned in text.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    pub span: Span,
    /// Span of the name proper (the dictionary match), inside `span`.
    pub core: Span,
    pub actor: ActorRecord,
}

/// Group nouns that refer back to the last named armed group.
const ANAPHORA: &[&str] = &[
    "the militant group",
    "the group",
    "the jihadi group",
    "the jihadist group",
    "the extremist group",
    "the insurgent group",
    "the terrorist group",
    "the islamist group",
    "the armed group",
    "the militants",
    "the insurgents",
    "the jihadists",
    "the rebels",
    "the organization",
    "the organisation",
    "the outfit",
    "the rebel group",
    "the movement",
];

// The word lists as tables: one look-up per token instead of a string built
// and a list searched for each n-gram. Only the lengths the matchers try.
static MODIFIERS: LazyLock<FastSet<&str>> = LazyLock::new(|| PERPETRATOR_MODIFIERS.iter().copied().collect());
static MEMBERS: LazyLock<PhraseTable<()>> = LazyLock::new(|| PhraseTable::up_to(MEMBER_NOUNS, 2, |_| ()));
static PERPETRATORS: LazyLock<PhraseTable<()>> = LazyLock::new(|| PhraseTable::up_to(PERPETRATOR_NOUNS, 2, |_| ()));

pub fn record_for(dict: &ActorDict, entry: &ActorEntry, mention: &str) -> ActorRecord {
    let mut rec = ActorRecord::new(&entry.name, mention, entry.kind);
    rec.parent = entry.parent.clone();
    rec.aliases = entry.aliases.clone();
    rec.country = entry.country.clone();
    if let Some(parent) = entry.parent.as_deref().and_then(|p| dict.resolve(p)) {
        rec.parent_aliases = parent.aliases.clone();
    }
    rec
}

/// All actor mentions in `text[span]`, in text order, not overlapping.
pub fn find(
    dict: &ActorDict,
    text: &str,
    span: Span,
    shouting: bool,
    last_group: Option<&ActorRecord>,
) -> Vec<Mention> {
    let tokens = tokenize(text, span.start, span.end);
    let mut out: Vec<Mention> = Vec::new();
    for m in dict.find(text, span, shouting) {
        let entry = dict.entry(m.entry);
        let wide = widen(text, &tokens, m.span);
        out.push(Mention { span: wide, core: m.span, actor: record_for(dict, entry, &text[wide.start..wide.end]) });
    }
    super::communal::coordinated(dict, text, &tokens, &mut out);
    anaphora(text, span, last_group, &mut out);
    super::persons::find(text, &tokens, shouting, &mut out);
    unnamed(text, &tokens, &mut out);
    out.sort_by_key(|m| m.span.start);
    out
}

/// Widens a name over modifiers before it and a member noun after it.
fn widen(text: &str, tokens: &[Token], core: Span) -> Span {
    let Some(first) = tokens.iter().position(|t| t.start >= core.start) else {
        return core;
    };
    let last = tokens.iter().rposition(|t| t.end <= core.end).unwrap_or(first);
    let mut start = first;
    while start > 0 {
        let prev = &tokens[start - 1];
        let adjacent = text[prev.end..tokens[start].start].trim().is_empty();
        let modifier = MODIFIERS.contains(prev.key.as_str()) && !matches!(prev.key.as_str(), "of" | "the" | "a" | "an");
        if !(adjacent && modifier) {
            break;
        }
        start -= 1;
    }
    let mut end = last;
    if let Some(next) = tokens.get(last + 1) {
        let adjacent = text[tokens[last].end..next.start].trim().is_empty();
        if let Some((len, _)) = MEMBERS.longest_at(tokens, last + 1).filter(|_| adjacent) {
            end = last + len;
        }
    }
    Span::new(tokens[start].start.min(core.start), tokens[end].end.max(core.end))
}

/// "the militant group" refers to the nearest named armed group before it in
/// the sentence, else to the last one named earlier in the article.
fn anaphora(text: &str, span: Span, last_group: Option<&ActorRecord>, out: &mut Vec<Mention>) {
    let lower = text[span.start..span.end].to_ascii_lowercase();
    // The phrases start with "the ": find those once and test each phrase only
    // there, which gives the matches of a search per phrase, in the same order.
    let the: Vec<usize> = lower.match_indices("the ").map(|(p, _)| p).collect();
    let named = out.len();
    for phrase in ANAPHORA {
        let at_the = phrase.starts_with("the ");
        let found = the.iter().copied().filter(|&p| at_the && lower[p..].starts_with(phrase));
        let elsewhere = (!at_the).then(|| lower.match_indices(phrase).map(|(p, _)| p));
        let mut from = 0;
        for pos in found.chain(elsewhere.into_iter().flatten()) {
            if pos < from {
                continue;
            }
            let s = span.start + pos;
            let e = s + phrase.len();
            from = pos + phrase.len();
            if !super::text::is_word_bounded(text, s, e) || out.iter().any(|m| m.span.overlaps(Span::new(s, e))) {
                continue;
            }
            let before = out[..named].iter().rev().find(|m| m.span.end <= s && m.actor.kind == ActorKind::ArmedGroup);
            let Some(group) = before.map(|m| &m.actor).or(last_group) else {
                continue;
            };
            let sp = Span::new(s, e);
            let mut actor = group.clone();
            actor.mention = text[s..e].to_string();
            out.push(Mention { span: sp, core: sp, actor });
        }
    }
}

/// Unnamed attackers: a perpetrator noun with its modifiers.
fn unnamed(text: &str, tokens: &[Token], out: &mut Vec<Mention>) {
    // Mentions found so far are the sentence's names: a group named there
    // is who did "the terrorist attack".
    let named_actor = out.iter().any(|m| matches!(m.actor.kind, ActorKind::ArmedGroup | ActorKind::Organization));
    let mut i = 0;
    while i < tokens.len() {
        let Some((len, _)) = PERPETRATORS.longest_at(tokens, i) else {
            i += 1;
            continue;
        };
        let end = i + len - 1;
        if attributive(text, tokens, end, named_actor) {
            i = end + 1;
            continue;
        }
        let mut start = i;
        while start > 0
            && MODIFIERS.contains(tokens[start - 1].key.as_str())
            && text[tokens[start - 1].end..tokens[start].start].trim().is_empty()
        {
            start -= 1;
        }
        let span = Span::new(tokens[start].start, tokens[end].end);
        let partitive = (1..=2).any(|back| {
            let at = |k: usize| i.checked_sub(k).map(|x| tokens[x].key.as_str());
            at(back) == Some("the") && at(back + 1) == Some("of")
        });
        if !partitive && !out.iter().any(|m| m.span.overlaps(span)) {
            let noun = text[tokens[i].start..tokens[end].end].to_string();
            let lower = noun.to_lowercase();
            let bare = lower.strip_prefix("unidentified ").or_else(|| lower.strip_prefix("unknown ")).unwrap_or(&lower);
            let name = format!("Unidentified {bare}");
            let core = Span::new(tokens[i].start, tokens[end].end);
            out.push(Mention {
                span,
                core,
                actor: ActorRecord::new(&name, &text[span.start..span.end], ActorKind::Unidentified),
            });
        }
        i = end + 1;
    }
}

/// Bodies a singular perpetrator word qualifies as an adjective: "the
/// terrorist organization", "guerrilla columns", "rebel positions" name the
/// body or its places, not the people who acted.
const QUALIFIED_BODIES: &[&str] = &[
    "organization",
    "organizations",
    "organisation",
    "organisations",
    "movement",
    "movements",
    "forces",
    "column",
    "columns",
    "band",
    "bands",
    "cell",
    "cells",
    "front",
    "fronts",
    "leader",
    "leaders",
    "leadership",
    "command",
    "commander",
    "commanders",
    "spokesman",
    "positions",
    "camp",
    "camps",
    "base",
    "bases",
    "hideout",
    "hideouts",
    "groups",
    "group",
    "zone",
    "zones",
];

/// Acts a singular perpetrator word qualifies: "a terrorist attack" still
/// says who acted (terrorists), unless the sentence names the actor itself.
const QUALIFIED_ACTS: &[&str] = &[
    "attack",
    "attacks",
    "offensive",
    "offensives",
    "action",
    "actions",
    "act",
    "acts",
    "activity",
    "activities",
    "campaign",
    "violence",
    "operation",
    "operations",
    "escalation",
    "wave",
    "incursion",
    "incursions",
    "raid",
    "raids",
    "bombing",
    "bombings",
    "sabotage",
    "aggression",
    "onslaught",
    "plot",
    "plots",
    "crime",
    "crimes",
];

/// Whether the perpetrator noun ending at token `end` is singular and only
/// qualifies the next noun ("TERRORIST ORGANIZATION"; "TERRORIST ATTACK" when
/// `named_actor`). Plurals are left alone: "REBELS ATTACK" is subject and verb.
fn attributive(text: &str, tokens: &[Token], end: usize, named_actor: bool) -> bool {
    let key = tokens[end].key.as_str();
    if key.ends_with('s') || key.ends_with("men") {
        return false;
    }
    let Some(next) = tokens.get(end + 1) else {
        return false;
    };
    let next = next.key.as_str();
    let adjacent = text[tokens[end].end..tokens[end + 1].start].trim().is_empty();
    adjacent && (QUALIFIED_BODIES.contains(&next) || (named_actor && QUALIFIED_ACTS.contains(&next)))
}

/// Nouns for a country's own forces when no country is named with them.
const FORCE_NOUNS: &[(&str, bool)] = &[
    ("soldiers", false),
    ("soldier", false),
    ("troops", false),
    ("army", false),
    ("military", false),
    ("security forces", false),
    ("armed forces", false),
    ("government forces", false),
    ("government troops", false),
    ("servicemen", false),
    ("military personnel", false),
    ("security personnel", false),
    ("marines", false),
    ("police", true),
    ("policemen", true),
    ("policeman", true),
    ("police officers", true),
    ("gendarmes", true),
    ("gendarmerie", true),
    ("riot police", true),
    ("police officer", true),
    ("forces", false),
    ("military forces", false),
    ("army forces", false),
    ("air force", false),
    ("navy", false),
    ("naval forces", false),
    // Military aircraft: in the conflicts reported, a state's air arm.
    ("air forces", false),
    ("warplanes", false),
    ("warplane", false),
    ("war planes", false),
    ("war plane", false),
    ("fighter jets", false),
    ("military aircraft", false),
    ("military helicopters", false),
    ("helicopter gunships", false),
    ("government planes", false),
    ("jets", false),
    ("planes", false),
    ("helicopters", false),
];

/// Force nouns that name a state's forces only after a demonym ("Kenyan
/// jets", "Ethiopian forces"): alone they may be anyone's.
const DEMONYM_ONLY: &[&str] = &["forces", "jets", "planes", "helicopters"];

/// "soldiers", "the police": the forces of the country the sentence (or the
/// article) is about, as the named actor "Military Forces of X" or "Police
/// Forces of X" (the curated list's names, ACLED's convention).
static FORCES: LazyLock<PhraseTable<bool>> = LazyLock::new(|| {
    let words: Vec<&str> = FORCE_NOUNS.iter().map(|(w, _)| *w).collect();
    PhraseTable::up_to(&words, 2, |w| FORCE_NOUNS.iter().find(|(f, _)| *f == w).is_some_and(|(_, police)| *police))
});

/// "soldiers" with the sentence's country; "Ethiopian forces", "Somali
/// police" with the country of the demonym before the noun, whatever the
/// sentence's country. Bare "forces", "jets", ... count only after a demonym.
pub fn national_forces(
    dict: &ActorDict,
    g: &Gazetteer,
    text: &str,
    span: Span,
    country: Option<(&str, &str)>,
    out: &mut Vec<Mention>,
) {
    let tokens = tokenize(text, span.start, span.end);
    let mut i = 0;
    while i < tokens.len() {
        let Some((len, &police)) = FORCES.longest_at(&tokens, i) else {
            i += 1;
            continue;
        };
        let police = police || (tokens[i].key == "security" && crowd_control(&tokens));
        let demonym = demonym_before(g, &tokens, i);
        let bare = len == 1 && DEMONYM_ONLY.contains(&tokens[i].key.as_str());
        let loyal = loyal_to_government(g, &tokens, i + len);
        let place = demonym
            .as_ref()
            .or(loyal.as_ref().and_then(|l| l.as_ref()))
            .map(|(_, iso, name)| (iso.as_str(), name.as_str()));
        let place = place.or(country);
        let from = demonym.as_ref().map_or(i, |(at, _, _)| *at);
        let sp = Span::new(tokens[from].start, tokens[i + len - 1].end);
        if let Some((iso2, country_name)) = place.filter(|_| !bare || demonym.is_some() || loyal.is_some())
            && !out.iter().any(|m| m.span.overlaps(sp))
        {
            out.push(Mention {
                span: sp,
                core: sp,
                actor: state_force(dict, &text[sp.start..sp.end], police, iso2, country_name),
            });
            // "Nigerian and Cameroonian forces": the noun is shared.
            if let Some((other, iso2, name)) =
                demonym.as_ref().and_then(|(at, _, _)| coordinated_demonym(g, &tokens, *at))
                && !out.iter().any(|m| m.span.overlaps(Span::new(tokens[other].start, tokens[from].start)))
            {
                let osp = Span::new(tokens[other].start, tokens[from - 2].end);
                out.push(Mention {
                    span: osp,
                    core: osp,
                    actor: state_force(dict, &text[osp.start..osp.end], police, &iso2, &name),
                });
            }
        }
        i += len;
    }
    out.sort_by_key(|m| m.span.start);
}

/// Words for a crowd being policed. "Security forces dispersed the
/// protesters": facing a crowd is crowd control, the police's work, so
/// security forces in such a sentence are the police.
fn crowd_control(tokens: &[Token]) -> bool {
    tokens.iter().any(|t| {
        matches!(
            t.key.as_str(),
            "protest"
                | "protests"
                | "protesters"
                | "protestors"
                | "protesting"
                | "demonstrators"
                | "demonstration"
                | "demonstrations"
                | "demonstrating"
                | "rally"
                | "rioters"
                | "teargas"
        ) || (t.key == "tear" && tokens.iter().any(|n| n.start == t.end + 1 && n.key == "gas"))
    })
}

/// A capitalised demonym ("Ethiopian", "South Sudanese") right before token
/// `i`: its first token and its country (ISO2, name).
fn demonym_before(g: &Gazetteer, tokens: &[Token], i: usize) -> Option<(usize, String, String)> {
    for back in [2, 1] {
        let Some(at) = i.checked_sub(back) else { continue };
        if !tokens[at].capitalized {
            continue;
        }
        let key: Vec<&str> = tokens[at..i].iter().map(|t| t.key.as_str()).collect();
        let key = key.join(" ");
        // "Kenya police", "Uganda forces": a country's name used as the adjective.
        let named = || g.lookup(&key).iter().find_map(|p| if let Place::Country(idx) = p { Some(*idx) } else { None });
        if let Some(idx) = g.demonym(&key).or_else(named) {
            let c = &g.countries[idx as usize];
            return Some((at, c.iso2.clone(), c.name.clone()));
        }
    }
    possessive_country(g, tokens, i)
}

/// "forces loyal to the (Libyan) government" from token `at` on: the forces
/// are the state's; `Some(Some(..))` when a demonym names the country.
fn loyal_to_government(g: &Gazetteer, tokens: &[Token], at: usize) -> Option<Option<(usize, String, String)>> {
    let key = |k: usize| tokens.get(k).map(|t| t.key.as_str());
    if key(at) != Some("loyal") || key(at + 1) != Some("to") || key(at + 2) != Some("the") {
        return None;
    }
    let gov = (at + 3..(at + 7).min(tokens.len())).find(|&k| tokens[k].key == "government")?;
    Some(demonym_before(g, tokens, gov))
}

/// A demonym before "and" before token `at`: "Nigerian and" in "Nigerian and Cameroonian forces".
fn coordinated_demonym(g: &Gazetteer, tokens: &[Token], at: usize) -> Option<(usize, String, String)> {
    let and = at.checked_sub(1).filter(|&k| tokens[k].key == "and")?;
    let (first, iso2, name) = demonym_before(g, tokens, and)?;
    // Not "Algeria's and": only an adjective.
    (tokens[and - 1].key != "s").then_some((first, iso2, name))
}

/// "Algeria's army", "South Sudan's troops": a country name with "'s" before token `i`.
fn possessive_country(g: &Gazetteer, tokens: &[Token], i: usize) -> Option<(usize, String, String)> {
    let s = i.checked_sub(1).map(|k| &tokens[k]).filter(|t| t.key == "s")?;
    for back in [3, 2] {
        let Some(at) = i.checked_sub(back).filter(|&at| tokens[at].capitalized) else { continue };
        if tokens[i - 2].end + 3 < s.start {
            return None;
        }
        let key: Vec<&str> = tokens[at..i - 1].iter().map(|t| t.key.as_str()).collect();
        let country = g.lookup(&key.join(" ")).iter().find_map(|p| match p {
            Place::Country(idx) => Some(*idx),
            _ => None,
        });
        if let Some(idx) = country {
            let c = &g.countries[idx as usize];
            return Some((at, c.iso2.clone(), c.name.clone()));
        }
    }
    None
}

fn state_force(dict: &ActorDict, mention: &str, police: bool, iso2: &str, country_name: &str) -> ActorRecord {
    let head = if police { "Police" } else { "Military" };
    let name = format!("{head} Forces of {country_name}");
    let with_the = format!("{head} Forces of the {country_name}");
    match dict.resolve(&name).or_else(|| dict.resolve(&with_the)) {
        Some(entry) => record_for(dict, entry, mention),
        None => {
            let mut rec = ActorRecord::new(&name, mention, ActorKind::StateForce);
            rec.country = Some(iso2.to_string());
            rec
        }
    }
}

/// "AMISOM forces", "MONUSCO peacekeepers": an organisation's armed members,
/// who act as its troops do (an organisation alone only speaks or mediates).
pub fn armed_members(mention: &str) -> bool {
    let last = mention.rsplit(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty()).unwrap_or("");
    matches!(
        last.to_ascii_lowercase().as_str(),
        "forces" | "troops" | "soldiers" | "soldier" | "peacekeepers" | "peacekeeper" | "personnel" | "contingent"
    )
}

/// "AMISOM/SNA forces", "AMISOM and Somali troops", "a member of AMISOM":
/// the member noun of a coordinated name is shared by the names before it,
/// and "member(s) of" before the name makes it the organisation's armed
/// members too.
pub fn armed_by_context(text: &str, span: Span) -> bool {
    let mut before = text[..span.start].split_whitespace().rev();
    let (of, member) = (before.next().unwrap_or(""), before.next().unwrap_or(""));
    if of.eq_ignore_ascii_case("of") && matches!(member.to_ascii_lowercase().as_str(), "member" | "members") {
        return true;
    }
    let after = &text[span.end..];
    let rest = if let Some(r) = after.strip_prefix('/') {
        r
    } else if let Some(r) = after.strip_prefix(" and ") {
        r
    } else {
        return false;
    };
    // The coordinated name and its noun: a few words, up to the clause's next punctuation.
    let phrase = rest.split([',', ';', '.', '(']).next().unwrap_or("");
    phrase.split_whitespace().take(4).any(armed_members)
}
