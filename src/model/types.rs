//! Node and edge types as stored. Changing a stored type is a schema change:
//! bump `store::SCHEMA_VERSION` and document it in `schema/`.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::id::{NodeId, NodeKind};
use super::normalize::normalize_name;

/// What sort of actor a node is. `Facility` marks attacked buildings, vehicles
/// and infrastructure, which sit in target position like actors do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    ArmedGroup,
    StateForce,
    Government,
    Organization,
    Person,
    Civilians,
    Unidentified,
    Facility,
}

impl ActorKind {
    pub const ALL: [ActorKind; 8] = [
        ActorKind::ArmedGroup,
        ActorKind::StateForce,
        ActorKind::Government,
        ActorKind::Organization,
        ActorKind::Person,
        ActorKind::Civilians,
        ActorKind::Unidentified,
        ActorKind::Facility,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::ArmedGroup => "armed_group",
            ActorKind::StateForce => "state_force",
            ActorKind::Government => "government",
            ActorKind::Organization => "organization",
            ActorKind::Person => "person",
            ActorKind::Civilians => "civilians",
            ActorKind::Unidentified => "unidentified",
            ActorKind::Facility => "facility",
        }
    }

    pub fn parse(s: &str) -> Option<ActorKind> {
        ActorKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Generic actors ("gunmen", "civilians", "a border post") are not one
    /// entity across incidents, so their nodes are scoped to one incident.
    pub fn is_generic(self) -> bool {
        matches!(self, ActorKind::Civilians | ActorKind::Unidentified | ActorKind::Facility)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub name: String,
    pub kind: ActorKind,
    pub aliases: Vec<String>,
    /// ISO 3166-1 alpha-2 of the actor's home country, when known.
    pub country: Option<String>,
    /// An unnamed group ("a guard", "unidentified gunmen"): its node belongs to one incident.
    pub unnamed: bool,
}

impl Actor {
    /// Named actors are one node everywhere; unnamed ones get a node per incident (`scope`).
    pub fn node_id(name: &str, kind: ActorKind, scope: Option<NodeId>) -> NodeId {
        let norm = normalize_name(name);
        match scope {
            Some(inc) => {
                NodeId::new(NodeKind::Actor, &[norm.as_bytes(), kind.as_str().as_bytes(), &inc.hash.to_be_bytes()])
            }
            None => NodeId::new(NodeKind::Actor, &[norm.as_bytes()]),
        }
    }
}

/// A dictionary entry for an actor: its canonical name, kind, home country,
/// parent group and aliases (the curated list, or an imported dictionary).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorEntry {
    pub name: String,
    pub kind: ActorKind,
    pub country: Option<String>,
    pub parent: Option<String>,
    pub aliases: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GeoPrecision {
    /// A town or village: the coordinates are the place itself.
    Point,
    /// A point derived from an offset ("50 km southwest of Dushanbe"): good to tens of km.
    Approximate,
    AdminArea,
    Country,
    /// A region wider than one country, or a border area between two.
    Region,
}

impl GeoPrecision {
    pub fn as_str(self) -> &'static str {
        match self {
            GeoPrecision::Point => "point",
            GeoPrecision::Approximate => "approximate",
            GeoPrecision::AdminArea => "admin_area",
            GeoPrecision::Country => "country",
            GeoPrecision::Region => "region",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// First-level administrative area (province, state, governorate) by name.
    pub admin1: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub precision: GeoPrecision,
    /// GeoNames id when the place came from the gazetteer.
    pub geonameid: Option<u32>,
}

impl Location {
    pub fn node_id(&self) -> NodeId {
        if let Some(gid) = self.geonameid {
            return NodeId::new(NodeKind::Location, &[b"geonames", &gid.to_be_bytes()]);
        }
        let country = self.country.as_deref().unwrap_or("");
        let admin1 = self.admin1.as_deref().unwrap_or("");
        NodeId::new(
            NodeKind::Location,
            &[
                self.precision.as_str().as_bytes(),
                country.as_bytes(),
                normalize_name(admin1).as_bytes(),
                normalize_name(&self.name).as_bytes(),
            ],
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Day,
    Month,
    Year,
}

impl DatePrecision {
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
        }
    }
}

/// When an incident happened: `start..=end`, each at `precision`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub precision: DatePrecision,
    /// True when the text gave no date and the publication date stands in.
    /// Stored with bincode, so no `skip_serializing_if` here: the field is always present.
    #[serde(default)]
    pub assumed: bool,
}

/// A calendar day, month or year as a node. The precision is part of its identity:
/// "May 2019" and "1 May 2019" are different nodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayNode {
    pub start: NaiveDate,
    pub precision: DatePrecision,
}

impl DayNode {
    /// Truncates `date` to `precision`.
    pub fn new(date: NaiveDate, precision: DatePrecision) -> DayNode {
        use chrono::Datelike;
        let start = match precision {
            DatePrecision::Day => date,
            DatePrecision::Month => date.with_day(1).unwrap_or(date),
            DatePrecision::Year => NaiveDate::from_ymd_opt(date.year(), 1, 1).unwrap_or(date),
        };
        DayNode { start, precision }
    }

    pub fn label(&self) -> String {
        match self.precision {
            DatePrecision::Day => self.start.format("%Y-%m-%d").to_string(),
            DatePrecision::Month => self.start.format("%Y-%m").to_string(),
            DatePrecision::Year => self.start.format("%Y").to_string(),
        }
    }

    pub fn node_id(&self) -> NodeId {
        NodeId::new(NodeKind::Date, &[self.label().as_bytes()])
    }
}

/// The incident taxonomy. See `schema/taxonomy.md` for the mapping to ACLED
/// event types and GTD attack types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IncidentType {
    Bombing,
    SuicideBombing,
    ArmedAssault,
    Assassination,
    Kidnapping,
    HostageTaking,
    Hijacking,
    FacilityAttack,
    Airstrike,
    Shelling,
    Battle,
    Riot,
    Protest,
    Arrest,
    Other,
}

impl IncidentType {
    pub const ALL: [IncidentType; 15] = [
        IncidentType::Bombing,
        IncidentType::SuicideBombing,
        IncidentType::ArmedAssault,
        IncidentType::Assassination,
        IncidentType::Kidnapping,
        IncidentType::HostageTaking,
        IncidentType::Hijacking,
        IncidentType::FacilityAttack,
        IncidentType::Airstrike,
        IncidentType::Shelling,
        IncidentType::Battle,
        IncidentType::Riot,
        IncidentType::Protest,
        IncidentType::Arrest,
        IncidentType::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            IncidentType::Bombing => "bombing",
            IncidentType::SuicideBombing => "suicide_bombing",
            IncidentType::ArmedAssault => "armed_assault",
            IncidentType::Assassination => "assassination",
            IncidentType::Kidnapping => "kidnapping",
            IncidentType::HostageTaking => "hostage_taking",
            IncidentType::Hijacking => "hijacking",
            IncidentType::FacilityAttack => "facility_attack",
            IncidentType::Airstrike => "airstrike",
            IncidentType::Shelling => "shelling",
            IncidentType::Battle => "battle",
            IncidentType::Riot => "riot",
            IncidentType::Protest => "protest",
            IncidentType::Arrest => "arrest",
            IncidentType::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<IncidentType> {
        let s = s.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        IncidentType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// ACLED's (pre-2019 and current) top-level event type for this incident type.
    pub fn acled_event_type(self) -> &'static str {
        match self {
            IncidentType::Battle | IncidentType::ArmedAssault => "Battles",
            IncidentType::Bombing | IncidentType::SuicideBombing | IncidentType::Airstrike | IncidentType::Shelling => {
                "Explosions/Remote violence"
            }
            IncidentType::Assassination
            | IncidentType::Kidnapping
            | IncidentType::HostageTaking
            | IncidentType::Hijacking
            | IncidentType::FacilityAttack => "Violence against civilians",
            IncidentType::Riot => "Riots",
            IncidentType::Protest => "Protests",
            IncidentType::Arrest | IncidentType::Other => "Strategic developments",
        }
    }

    /// GTD's `attacktype1_txt` for this incident type.
    pub fn gtd_attack_type(self) -> &'static str {
        match self {
            IncidentType::Bombing | IncidentType::SuicideBombing | IncidentType::Airstrike | IncidentType::Shelling => {
                "Bombing/Explosion"
            }
            IncidentType::ArmedAssault | IncidentType::Battle | IncidentType::Riot => "Armed Assault",
            IncidentType::Assassination => "Assassination",
            IncidentType::Kidnapping => "Hostage Taking (Kidnapping)",
            IncidentType::HostageTaking => "Hostage Taking (Barricade Incident)",
            IncidentType::Hijacking => "Hijacking",
            IncidentType::FacilityAttack => "Facility/Infrastructure Attack",
            IncidentType::Protest | IncidentType::Arrest | IncidentType::Other => "Unknown",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    pub kind: IncidentType,
    pub summary: String,
    pub date: Option<DateRange>,
    pub killed: Option<u32>,
    pub injured: Option<u32>,
    pub captured: Option<u32>,
    pub weapons: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub title: String,
    pub url: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub published: Option<DateTime<FixedOffset>>,
    /// FNV-1a of the article's full bytes; the article's id is derived from it.
    pub content_hash: u64,
    pub byte_len: u64,
}

impl Article {
    pub fn node_id(&self) -> NodeId {
        NodeId::new(NodeKind::Article, &[&self.content_hash.to_be_bytes()])
    }
}

/// A row of an imported dataset (ACLED, UCDP, ...): where a fact came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub dataset: String,
    pub row_id: String,
}

impl Record {
    pub fn node_id(&self) -> NodeId {
        NodeId::new(NodeKind::Record, &[self.dataset.as_bytes(), self.row_id.as_bytes()])
    }
}

/// A stored node: one variant per [`NodeKind`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Node {
    Actor(Actor),
    Location(Location),
    Date(DayNode),
    Incident(Incident),
    Article(Article),
    Record(Record),
}

impl Node {
    pub fn kind(&self) -> NodeKind {
        match self {
            Node::Actor(_) => NodeKind::Actor,
            Node::Location(_) => NodeKind::Location,
            Node::Date(_) => NodeKind::Date,
            Node::Incident(_) => NodeKind::Incident,
            Node::Article(_) => NodeKind::Article,
            Node::Record(_) => NodeKind::Record,
        }
    }

    /// A short human label: a name, a date, an incident summary or an article title.
    pub fn label(&self) -> String {
        match self {
            Node::Actor(a) => a.name.clone(),
            Node::Location(l) => l.name.clone(),
            Node::Date(d) => d.label(),
            Node::Incident(i) => i.summary.clone(),
            Node::Article(a) => a.title.clone(),
            Node::Record(r) => format!("{} {}", r.dataset, r.row_id),
        }
    }
}

/// The edge kinds of the model. Codes are part of the on-disk format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EdgeKind {
    PerpetratedBy,
    Targeted,
    ClaimedBy,
    AttributedTo,
    DeniedBy,
    OccurredAt,
    OccurredOn,
    LocatedIn,
    ReportedIn,
    PartOf,
}

impl EdgeKind {
    pub const ALL: [EdgeKind; 10] = [
        EdgeKind::PerpetratedBy,
        EdgeKind::Targeted,
        EdgeKind::ClaimedBy,
        EdgeKind::AttributedTo,
        EdgeKind::DeniedBy,
        EdgeKind::OccurredAt,
        EdgeKind::OccurredOn,
        EdgeKind::LocatedIn,
        EdgeKind::ReportedIn,
        EdgeKind::PartOf,
    ];

    pub fn code(self) -> u8 {
        match self {
            EdgeKind::PerpetratedBy => b'P',
            EdgeKind::Targeted => b'T',
            EdgeKind::ClaimedBy => b'C',
            EdgeKind::AttributedTo => b'A',
            EdgeKind::DeniedBy => b'D',
            EdgeKind::OccurredAt => b'W',
            EdgeKind::OccurredOn => b'N',
            EdgeKind::LocatedIn => b'L',
            EdgeKind::ReportedIn => b'R',
            EdgeKind::PartOf => b'O',
        }
    }

    pub fn from_code(code: u8) -> Option<EdgeKind> {
        EdgeKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::PerpetratedBy => "PERPETRATED_BY",
            EdgeKind::Targeted => "TARGETED",
            EdgeKind::ClaimedBy => "CLAIMED_BY",
            EdgeKind::AttributedTo => "ATTRIBUTED_TO",
            EdgeKind::DeniedBy => "DENIED_BY",
            EdgeKind::OccurredAt => "OCCURRED_AT",
            EdgeKind::OccurredOn => "OCCURRED_ON",
            EdgeKind::LocatedIn => "LOCATED_IN",
            EdgeKind::ReportedIn => "REPORTED_IN",
            EdgeKind::PartOf => "PART_OF",
        }
    }

    pub fn parse(s: &str) -> Option<EdgeKind> {
        EdgeKind::ALL.into_iter().find(|k| k.as_str().eq_ignore_ascii_case(s))
    }

    /// Edges from an incident to an actor, i.e. an actor's role in it.
    pub fn is_role(self) -> bool {
        matches!(
            self,
            EdgeKind::PerpetratedBy
                | EdgeKind::Targeted
                | EdgeKind::ClaimedBy
                | EdgeKind::AttributedTo
                | EdgeKind::DeniedBy
        )
    }
}

/// Where in which article a fact was stated: byte offsets into the article text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub article: NodeId,
    pub start: u32,
    pub end: u32,
}

/// Properties of an edge. Most edges use few of them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EdgeProps {
    /// The text as written ("Masked Islamic State militants").
    pub mention: Option<String>,
    /// ATTRIBUTED_TO: who made the attribution ("Tajik authorities").
    pub by: Option<String>,
    /// CLAIMED_BY: how the claim was made, when stated ("statement", "Amaq").
    pub mode: Option<String>,
    /// TARGETED: the target was harmed (a victim), not only aimed at.
    pub victim: bool,
    /// The sentences that said so, one per reporting article.
    pub evidence: Vec<Evidence>,
}

impl EdgeProps {
    /// Adds `other`'s evidence and fills fields this edge lacks. Returns true if anything changed.
    pub fn merge(&mut self, other: &EdgeProps) -> bool {
        let before = self.clone();
        if self.mention.is_none() {
            self.mention.clone_from(&other.mention);
        }
        if self.by.is_none() {
            self.by.clone_from(&other.by);
        }
        if self.mode.is_none() {
            self.mode.clone_from(&other.mode);
        }
        self.victim |= other.victim;
        for ev in &other.evidence {
            if !self.evidence.contains(ev) {
                self.evidence.push(*ev);
            }
        }
        *self != before
    }
}
