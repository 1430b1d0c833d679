//! The data model: nodes, edges and the incident record that every output
//! format shares. Depends on nothing else in ckg.

pub mod geo;
mod id;
mod normalize;
mod record;
mod types;

pub use id::{IdHasher, IdMap, IdSet, NodeId, NodeKind, stable_hash};
pub use normalize::{edit_distance, fold_char, normalize_name};
pub use record::{ActorRecord, ExtractedArticle, IncidentRecord, PlaceRecord, SourceRecord};
pub use types::{
    Actor, ActorEntry, ActorKind, Article, DatePrecision, DateRange, DayNode, EdgeKind, EdgeProps, Evidence,
    GeoPrecision, Incident, IncidentType, Location, Node, Record,
};
