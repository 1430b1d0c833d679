//! Actors an incident has that the text implies without naming them:
//!
//! - the perpetrator of a violent incident whose report names no one
//!   responsible ("A grenade attack wounded two policemen", "The body of a
//!   trader was found; he had been shot"): somebody threw the grenade;
//! - the crowd of a protest or riot named only by a crowd noun inside an
//!   incident of another type ("Clashes between protesters and police",
//!   "Soldiers fired at protesters").

use super::analyse::{SentenceInfo, definite};
use super::draft::{Draft, push_actor};
use super::text::Span;
use super::tokens::{Token, tokenize};
use super::triggers::Hit;
use crate::model::{ActorKind, ActorRecord, IncidentType};

/// The name of the implicit perpetrator of a violent incident.
pub const PERPETRATOR: &str = "Unidentified perpetrator";
/// The name of the implicit perpetrator of a communal clash.
pub const COMMUNAL: &str = "Unidentified communal militia";

/// Words that make a clash communal: fought between communities, ethnic
/// groups, tribes or clans rather than by an armed organisation.
const COMMUNAL_WORDS: &[&str] =
    &["communal", "intercommunal", "ethnic", "interethnic", "tribal", "intertribal", "clan"];

/// Crowd nouns and the crowd each names: the people of a protest or riot.
const CROWD_NOUNS: &[(&str, &str)] = &[
    ("protesters", "Protesters"),
    ("protestors", "Protesters"),
    ("demonstrators", "Protesters"),
    ("marchers", "Protesters"),
    ("strikers", "Protesters"),
    ("picketers", "Protesters"),
    ("rioters", "Rioters"),
];

/// Civilian crowds that, as a side of a clash, make it a riot ("clashes
/// between rival supporters", "residents clashed with police"): civilians do
/// not fight battles.
const CLASH_CROWDS: &[&str] =
    &["residents", "villagers", "youths", "students", "supporters", "workers", "locals", "traders", "activists"];

/// Incident types that always have a perpetrator: someone attacked, bombed,
/// shot, kidnapped or fought. Not protests, riots (their crowd is the actor),
/// arrests or other events.
fn violent(kind: IncidentType) -> bool {
    !matches!(kind, IncidentType::Riot | IncidentType::Protest | IncidentType::Arrest | IncidentType::Other)
}

/// Adds the implicit unidentified perpetrator to a violent incident that has
/// no perpetrator, claimant or attributed actor. Its mention is the trigger
/// that opened the incident, an exact span of the text, and it is `scoped`
/// (one node per incident) and flagged `implicit`.
pub(super) fn perpetrator(text: &str, d: &mut Draft) {
    if !violent(d.kind) || !d.perpetrators.is_empty() || !d.claimed_by.is_empty() || !d.attributed_to.is_empty() {
        return;
    }
    let communal = COMMUNAL_WORDS.iter().any(|w| d.mentions_word(text, w));
    let t = d.trigger;
    let mut rec =
        ActorRecord::new(if communal { COMMUNAL } else { PERPETRATOR }, &text[t.start..t.end], ActorKind::Unidentified);
    rec.scoped = true;
    rec.implicit = true;
    let sentence = d.sources.iter().find(|s| s.contains(t)).or(d.sources.first());
    rec.span = sentence.map(|s| (s.start as u32, s.end as u32));
    d.perpetrators.push(rec);
}

/// A crowd noun ("protesters", "rioters") in a clause of an incident that is
/// not itself a protest or riot (those get their crowd from `crowd_into`).
/// The crowd is a side of a clash, the perpetrator when it comes before the
/// incident's verb ("Rioters attacked a police post"), otherwise a target
/// ("police fired on protesters"). Not when a victim count already names it
/// ("killed three protesters"), nor in a sentence that only refers back to
/// the incident.
pub(super) fn crowd_nouns(text: &str, clause: Span, first: &Hit, info: &SentenceInfo, d: &mut Draft) {
    // "The kidnappings caused outrage, with protesters marching in Abuja":
    // a sentence that only refers back to the incident does not put its
    // crowd in it.
    if matches!(d.kind, IncidentType::Protest | IncidentType::Riot) || definite(text, info.span, first) {
        return;
    }
    let clash = d.kind == IncidentType::Battle || first.kind == IncidentType::Battle;
    let toks = tokenize(text, clause.start, clause.end);
    for (i, t) in toks.iter().enumerate() {
        let named = CROWD_NOUNS.iter().find(|(w, _)| *w == t.key.as_str()).map(|(_, n)| *n);
        let Some(name) = named.or_else(|| clash_side(&toks, i, first, info, clash).then_some("Rioters")) else {
            continue;
        };
        let counted = d.victims.iter().chain(&d.targets).any(|a| a.mention.to_lowercase().ends_with(t.key.as_str()));
        if counted {
            continue;
        }
        let mut rec = ActorRecord::new(name, &text[t.start..t.end], ActorKind::Civilians);
        rec.scoped = true;
        rec.span = Some((info.span.start as u32, info.span.end as u32));
        if clash || t.end <= first.span.start {
            push_actor(&mut d.perpetrators, rec);
        } else {
            push_actor(&mut d.targets, rec);
        }
        return;
    }
}

/// Token `i` is a civilian crowd on a side of a clash: the subject before
/// the clash word, or named just after "with" or "between"; never the
/// speaker ("residents said").
fn clash_side(toks: &[Token], i: usize, first: &Hit, info: &SentenceInfo, clash: bool) -> bool {
    let t = &toks[i];
    if !clash || !CLASH_CROWDS.contains(&t.key.as_str()) {
        return false;
    }
    if info.speaker.as_ref().is_some_and(|(s, _)| s.overlaps(Span::new(t.start, t.end))) {
        return false;
    }
    let after_with =
        (1..=3).any(|back| i.checked_sub(back).is_some_and(|k| matches!(toks[k].key.as_str(), "with" | "between")));
    t.end <= first.span.start || after_with
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_violent_types_have_an_implied_perpetrator() {
        assert!(violent(IncidentType::Bombing));
        assert!(violent(IncidentType::Battle));
        assert!(violent(IncidentType::Kidnapping));
        assert!(!violent(IncidentType::Protest));
        assert!(!violent(IncidentType::Riot));
        assert!(!violent(IncidentType::Arrest));
    }
}
