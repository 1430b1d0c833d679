//! The incident record: the JSON shape every command prints and the unit that
//! extraction hands to the store.

use serde::{Deserialize, Serialize};

use super::types::{ActorKind, Article, DateRange, GeoPrecision, IncidentType, Location};

/// An actor in some role in an incident.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorRecord {
    /// Canonical name ("Islamic State").
    pub name: String,
    /// The text as written ("Masked Islamic State militants").
    pub mention: String,
    pub kind: ActorKind,
    /// ATTRIBUTED_TO only: who made the attribution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// CLAIMED_BY only: how the claim was made, where stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// Parent group this actor is a branch of (PART_OF).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Known aliases, carried to the actor node on ingest (not printed).
    #[serde(skip)]
    pub aliases: Vec<String>,
    /// Home country, carried to the actor node on ingest (not printed).
    #[serde(skip)]
    pub country: Option<String>,
    /// Byte span of the sentence naming the actor, relative to the article text.
    #[serde(skip)]
    pub span: Option<(u32, u32)>,
    /// An unnamed group of people ("a guard", "four cyclists"): one node per incident.
    #[serde(skip)]
    pub scoped: bool,
    /// Aliases of the parent group, so that a parent first seen through a
    /// branch is still found by its other names (not printed).
    #[serde(skip)]
    pub parent_aliases: Vec<String>,
    /// Not in the text: the perpetrator a violent incident must have had when
    /// the text names none ("A grenade attack wounded two policemen"). Its
    /// mention is the incident's trigger word. Evaluation never scores it as a
    /// named group or a MUC-4 perpetrator string (not printed).
    #[serde(skip)]
    pub implicit: bool,
}

impl ActorRecord {
    pub fn new(name: &str, mention: &str, kind: ActorKind) -> ActorRecord {
        ActorRecord {
            name: name.to_string(),
            mention: mention.to_string(),
            kind,
            by: None,
            mode: None,
            parent: None,
            aliases: Vec::new(),
            country: None,
            span: None,
            scoped: false,
            parent_aliases: Vec::new(),
            implicit: false,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlaceRecord {
    pub name: String,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub precision: GeoPrecision,
    /// The text as written, when extracted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mention: Option<String>,
    /// The place itself followed by what contains it (admin area, then country).
    /// Becomes LOCATED_IN edges on ingest; not printed.
    #[serde(skip)]
    pub chain: Vec<Location>,
}

impl PlaceRecord {
    /// A record for `chain[0]`, contained in the rest of `chain`.
    pub fn from_chain(chain: Vec<Location>, mention: Option<String>) -> Option<PlaceRecord> {
        let first = chain.first()?.clone();
        Some(PlaceRecord {
            name: first.name,
            country: first.country,
            admin1: first.admin1,
            lat: first.lat,
            lon: first.lon,
            precision: first.precision,
            mention,
            chain,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceRecord {
    /// Article title, or its url when untitled.
    pub article: String,
    pub start: u32,
    pub end: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IncidentRecord {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: IncidentType,
    pub summary: String,
    pub date: Option<DateRange>,
    pub places: Vec<PlaceRecord>,
    pub perpetrators: Vec<ActorRecord>,
    pub targets: Vec<ActorRecord>,
    pub victims: Vec<ActorRecord>,
    pub claimed_by: Vec<ActorRecord>,
    pub attributed_to: Vec<ActorRecord>,
    pub denied_by: Vec<ActorRecord>,
    pub killed: Option<u32>,
    pub injured: Option<u32>,
    pub captured: Option<u32>,
    #[serde(default)]
    pub weapons: Vec<String>,
    pub sources: Vec<SourceRecord>,
}

impl IncidentRecord {
    /// All actors in every role, with the role's edge name.
    pub fn roles(&self) -> Vec<(&'static str, &ActorRecord)> {
        let lists: [(&'static str, &Vec<ActorRecord>); 6] = [
            ("perpetrator", &self.perpetrators),
            ("target", &self.targets),
            ("victim", &self.victims),
            ("claimed", &self.claimed_by),
            ("attributed", &self.attributed_to),
            ("denied", &self.denied_by),
        ];
        lists.into_iter().flat_map(|(role, v)| v.iter().map(move |a| (role, a))).collect()
    }
}

impl IncidentRecord {
    /// ACLED's event type: the incident type, refined by who was hit. An
    /// assault on soldiers or fighters is a battle; on civilians, violence
    /// against civilians.
    pub fn acled_event_type(&self) -> &'static str {
        let armed = |a: &ActorRecord| matches!(a.kind, ActorKind::StateForce | ActorKind::ArmedGroup);
        let state_vs_group = self.perpetrators.iter().any(|p| p.kind == ActorKind::StateForce)
            && self.perpetrators.iter().any(|p| matches!(p.kind, ActorKind::ArmedGroup | ActorKind::Unidentified));
        let fight = self.victims.iter().chain(&self.targets).any(armed) || state_vs_group;
        match self.kind {
            IncidentType::ArmedAssault if !fight => "Violence against civilians",
            other => other.acled_event_type(),
        }
    }
}

/// What extraction produces for one article: the article node and its incidents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExtractedArticle {
    pub article: Article,
    pub incidents: Vec<IncidentRecord>,
}
