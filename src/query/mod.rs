//! The questions ckg answers, as traversals over petgraph views of the store.
//! The CLI and the library call the same functions.

pub mod cypher;
pub mod traverse;

use std::collections::{BTreeMap, BTreeSet, HashSet};

use chrono::NaiveDate;
use petgraph::Direction;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::graph::GraphView;
use crate::model::{ActorKind, EdgeKind, IncidentRecord, IncidentType, Node, NodeId, NodeKind};
use crate::store::{RecordReader, Store};

/// Actors named `name` (canonical name or alias), or a not-found error with near names.
pub fn resolve_actor(store: &Store, name: &str) -> Result<Vec<NodeId>> {
    resolve(store, name, NodeKind::Actor, "actor")
}

/// Locations named `name`, or a not-found error with near names.
pub fn resolve_place(store: &Store, name: &str) -> Result<Vec<NodeId>> {
    resolve(store, name, NodeKind::Location, "place")
}

fn resolve(store: &Store, name: &str, kind: NodeKind, what: &'static str) -> Result<Vec<NodeId>> {
    let found = store.lookup_name(name, Some(kind))?;
    if found.is_empty() {
        let suggestions = store.suggest_names(name, kind, 5)?;
        return Err(Error::NotFound { what, name: name.to_string(), suggestions });
    }
    Ok(found)
}

/// The actors, and every branch PART_OF them (transitively).
fn actor_family(store: &Store, roots: &[NodeId]) -> Result<Vec<NodeId>> {
    let mut view = GraphView::new();
    view.expand(store, roots, &[EdgeKind::PartOf], Direction::Incoming, 8)?;
    let mut family: Vec<NodeId> = Vec::new();
    for root in roots {
        for id in view.ancestors_via(*root, EdgeKind::PartOf) {
            if !family.contains(&id) {
                family.push(id);
            }
        }
    }
    Ok(family)
}

/// Incidents claimed by the actor named `name` (any alias), or by any actor PART_OF it.
///
/// ```
/// # let dir = tempfile::tempdir()?;
/// # let store = ckg::Store::open(dir.path().join("db"))?;
/// let err = ckg::query::claims(&store, "Nobody Known").unwrap_err();
/// assert!(err.to_string().contains("no actor named"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn claims(store: &Store, name: &str) -> Result<Vec<IncidentRecord>> {
    let family = actor_family(store, &resolve_actor(store, name)?)?;
    let mut view = GraphView::new();
    view.expand(store, &family, &[EdgeKind::ClaimedBy], Direction::Incoming, 1)?;
    let mut ids: BTreeSet<NodeId> = BTreeSet::new();
    for actor in &family {
        ids.extend(view.sources_of(*actor, EdgeKind::ClaimedBy));
    }
    records(store, ids)
}

/// Filters for [`incidents`]; every set field must hold.
#[derive(Clone, Debug, Default)]
pub struct IncidentFilter {
    pub actor: Option<String>,
    pub place: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub kind: Option<IncidentType>,
}

/// Incidents matching `filter`: the actor in any role (branches included),
/// in the place or anywhere inside it, starting between `from` and `to`.
pub fn incidents(store: &Store, filter: &IncidentFilter) -> Result<Vec<IncidentRecord>> {
    let mut candidates: Option<HashSet<NodeId>> = None;
    let mut narrow = |set: HashSet<NodeId>| {
        candidates = Some(match candidates.take() {
            Some(old) => old.intersection(&set).copied().collect(),
            None => set,
        });
    };
    if let Some(actor) = &filter.actor {
        narrow(incidents_of_actor(store, actor)?);
    }
    if let Some(place) = &filter.place {
        narrow(incidents_in_place(store, place)?);
    }
    if filter.from.is_some() || filter.to.is_some() {
        narrow(store.incidents_between(filter.from, filter.to)?.into_iter().collect());
    }
    let ids: BTreeSet<NodeId> = match candidates {
        Some(set) => set.into_iter().collect(),
        None => store.ids_of_kind(NodeKind::Incident).collect::<Result<_>>()?,
    };
    let mut out = records(store, ids)?;
    if let Some(kind) = filter.kind {
        out.retain(|r| r.kind == kind);
    }
    Ok(out)
}

const ROLE_EDGES: [EdgeKind; 5] =
    [EdgeKind::PerpetratedBy, EdgeKind::Targeted, EdgeKind::ClaimedBy, EdgeKind::AttributedTo, EdgeKind::DeniedBy];

fn incidents_of_actor(store: &Store, name: &str) -> Result<HashSet<NodeId>> {
    let family = actor_family(store, &resolve_actor(store, name)?)?;
    let mut view = GraphView::new();
    view.expand(store, &family, &ROLE_EDGES, Direction::Incoming, 1)?;
    let mut out = HashSet::new();
    for actor in &family {
        for kind in ROLE_EDGES {
            out.extend(view.sources_of(*actor, kind));
        }
    }
    Ok(out)
}

/// Incidents at the place or at any place LOCATED_IN it, transitively.
fn incidents_in_place(store: &Store, name: &str) -> Result<HashSet<NodeId>> {
    let roots = resolve_place(store, name)?;
    let mut view = GraphView::new();
    view.expand(store, &roots, &[EdgeKind::LocatedIn], Direction::Incoming, 4)?;
    let mut places = Vec::new();
    for root in &roots {
        places.extend(view.ancestors_via(*root, EdgeKind::LocatedIn));
    }
    view.expand(store, &places, &[EdgeKind::OccurredAt], Direction::Incoming, 1)?;
    Ok(places.iter().flat_map(|p| view.sources_of(*p, EdgeKind::OccurredAt)).collect())
}

/// Records for `ids`, ordered by date, then id.
fn records(store: &Store, ids: impl IntoIterator<Item = NodeId>) -> Result<Vec<IncidentRecord>> {
    let mut reader = RecordReader::new(store);
    let mut out = Vec::new();
    for id in ids {
        if let Some(rec) = reader.read(id)? {
            out.push(rec);
        }
    }
    out.sort_by(|a, b| {
        let key = |r: &IncidentRecord| r.date.map(|d| d.start);
        key(a).cmp(&key(b)).then_with(|| a.id.cmp(&b.id))
    });
    Ok(out)
}

/// An actor and what it did.
#[derive(Clone, Debug, Serialize)]
pub struct ActorProfile {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub aliases: Vec<String>,
    pub country: Option<String>,
    pub part_of: Vec<String>,
    pub branches: Vec<String>,
    /// Incident ids by role: perpetrated, targeted, claimed, attributed, denied.
    pub roles: BTreeMap<String, Vec<String>>,
    /// Other named actors in the same incidents, with how many incidents they share.
    pub co_actors: Vec<CoActor>,
    pub incidents: Vec<IncidentRecord>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CoActor {
    pub name: String,
    pub kind: ActorKind,
    pub shared_incidents: usize,
}

/// The profile of the actor named `name` (the first match when several share it).
pub fn actor_profile(store: &Store, name: &str) -> Result<ActorProfile> {
    let id = resolve_actor(store, name)?[0];
    let Some(Node::Actor(actor)) = store.node(id)? else {
        return Err(Error::NotFound { what: "actor", name: name.to_string(), suggestions: Vec::new() });
    };
    // The actor's own incidents and those of its branches (PART_OF it).
    let family = actor_family(store, &[id])?;
    let mut view = GraphView::new();
    view.expand(store, &family, &ROLE_EDGES, Direction::Incoming, 1)?;
    let mut roles: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut incident_ids = BTreeSet::new();
    for member in &family {
        for kind in ROLE_EDGES {
            for inc in view.sources_of(*member, kind) {
                let list = roles.entry(role_name(kind).to_string()).or_default();
                if !list.contains(&inc.to_string()) {
                    list.push(inc.to_string());
                }
                incident_ids.insert(inc);
            }
        }
    }
    let incident_list: Vec<NodeId> = incident_ids.iter().copied().collect();
    view.expand(store, &incident_list, &ROLE_EDGES, Direction::Outgoing, 1)?;
    let co_actors = co_actors(store, &view, id, &incident_list)?;
    let names = |ids: Vec<NodeId>| -> Result<Vec<String>> {
        ids.into_iter()
            .filter(|x| *x != id)
            .map(|x| Ok(store.node(x)?.map(|n| n.label()).unwrap_or_default()))
            .collect()
    };
    let part_of = names(store.out_edges(id, Some(EdgeKind::PartOf))?.into_iter().map(|e| e.other).collect())?;
    let branches = names(store.in_edges(id, Some(EdgeKind::PartOf))?.into_iter().map(|(_, o)| o).collect())?;
    Ok(ActorProfile {
        id: id.to_string(),
        name: actor.name,
        kind: actor.kind,
        aliases: actor.aliases,
        country: actor.country,
        part_of,
        branches,
        roles,
        co_actors,
        incidents: records(store, incident_ids)?,
    })
}

fn role_name(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::PerpetratedBy => "perpetrated",
        EdgeKind::Targeted => "targeted",
        EdgeKind::ClaimedBy => "claimed",
        EdgeKind::AttributedTo => "attributed",
        _ => "denied",
    }
}

fn co_actors(store: &Store, view: &GraphView, me: NodeId, incidents: &[NodeId]) -> Result<Vec<CoActor>> {
    let mut shared: BTreeMap<NodeId, BTreeSet<NodeId>> = BTreeMap::new();
    for inc in incidents {
        let Some(ix) = view.index_of(*inc) else {
            continue;
        };
        for other in view.graph.neighbors_directed(ix, Direction::Outgoing) {
            let other = view.graph[other];
            if other != me && other.kind == NodeKind::Actor {
                shared.entry(other).or_default().insert(*inc);
            }
        }
    }
    let mut out = Vec::new();
    for (id, incs) in shared {
        if let Some(Node::Actor(a)) = store.node(id)?.filter(|n| matches!(n, Node::Actor(a) if !a.unnamed)) {
            out.push(CoActor { name: a.name, kind: a.kind, shared_incidents: incs.len() });
        }
    }
    out.sort_by(|a, b| b.shared_incidents.cmp(&a.shared_incidents).then_with(|| a.name.cmp(&b.name)));
    Ok(out)
}
