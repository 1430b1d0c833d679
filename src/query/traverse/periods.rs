//! Counting incidents: per month or year ([`timeline`]) and per actor or place ([`top`]).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{EdgeKind, Incident, Node, NodeId, NodeKind};
use crate::store::Store;

use super::super::{incidents_in_place, incidents_of_actor};

/// The width of a [`timeline`] period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Month,
    Year,
}

/// Incidents that started in one period, and the people they killed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TimelineRow {
    /// `2021-05` or `2021`; `undated` for incidents without a date.
    pub period: String,
    pub incidents: u64,
    /// Sum of the known death tolls.
    pub killed: u64,
}

/// Incidents and deaths per period, oldest first, for the actor (any role,
/// branches included) and the place (and the places inside it) when given.
/// An incident counts in the period its start date falls in (one known only
/// to the year counts in that year's January by month).
pub fn timeline(store: &Store, actor: Option<&str>, place: Option<&str>, by: Period) -> Result<Vec<TimelineRow>> {
    let ids = candidates(store, actor, place, None, None)?;
    let mut rows: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let mut undated = (0, 0);
    for_each_incident(store, ids, |_, incident| {
        let killed = u64::from(incident.killed.unwrap_or(0));
        let slot = match incident.date {
            Some(d) => rows.entry(period_label(d.start, by)).or_default(),
            None => &mut undated,
        };
        slot.0 += 1;
        slot.1 += killed;
        Ok(())
    })?;
    let mut out: Vec<TimelineRow> =
        rows.into_iter().map(|(period, (incidents, killed))| TimelineRow { period, incidents, killed }).collect();
    if undated.0 > 0 {
        out.push(TimelineRow { period: "undated".into(), incidents: undated.0, killed: undated.1 });
    }
    Ok(out)
}

fn period_label(date: NaiveDate, by: Period) -> String {
    match by {
        Period::Month => format!("{:04}-{:02}", date.year(), date.month()),
        Period::Year => format!("{:04}", date.year()),
    }
}

/// Incident ids matching the filters, or `None` for every incident.
fn candidates(
    store: &Store,
    actor: Option<&str>,
    place: Option<&str>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Option<HashSet<NodeId>>> {
    let mut set: Option<HashSet<NodeId>> = None;
    let mut narrow = |found: HashSet<NodeId>| {
        set = Some(match set.take() {
            Some(old) => old.intersection(&found).copied().collect(),
            None => found,
        });
    };
    if let Some(actor) = actor {
        narrow(incidents_of_actor(store, actor)?);
    }
    if let Some(place) = place {
        narrow(incidents_in_place(store, place)?);
    }
    if from.is_some() || to.is_some() {
        narrow(store.incidents_between(from, to)?.into_iter().collect());
    }
    Ok(set)
}

/// Calls `f` with every incident in `ids` (every stored incident when `None`), in id order.
fn for_each_incident(
    store: &Store,
    ids: Option<HashSet<NodeId>>,
    mut f: impl FnMut(NodeId, &Incident) -> Result<()>,
) -> Result<()> {
    let ids: BTreeSet<NodeId> = match ids {
        Some(set) => set.into_iter().collect(),
        None => store.ids_of_kind(NodeKind::Incident).collect::<Result<_>>()?,
    };
    for id in ids {
        if let Some(Node::Incident(incident)) = store.node(id)? {
            f(id, &incident)?;
        }
    }
    Ok(())
}

/// What [`top`] ranks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TopWhat {
    /// Actors responsible for incidents: perpetrators, claimants and those blamed.
    Actors,
    /// The places incidents occurred at.
    Places,
}

/// What [`top`] ranks by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TopBy {
    Incidents,
    Killed,
}

/// Filters and ordering of [`top`].
#[derive(Clone, Debug)]
pub struct TopFilter {
    /// Only incidents in this place or in the places inside it.
    pub place: Option<String>,
    /// Only incidents starting on or after this day.
    pub from: Option<NaiveDate>,
    /// Only incidents starting on or before this day.
    pub to: Option<NaiveDate>,
    pub by: TopBy,
    /// Most rows to return.
    pub limit: usize,
}

impl Default for TopFilter {
    fn default() -> TopFilter {
        TopFilter { place: None, from: None, to: None, by: TopBy::Incidents, limit: 20 }
    }
}

/// One ranked actor or place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TopRow {
    pub rank: usize,
    pub id: String,
    pub name: String,
    /// The actor's kind (`armed_group`, ...), or `location`.
    pub kind: String,
    pub country: Option<String>,
    pub incidents: u64,
    pub killed: u64,
}

/// Edges that make an actor responsible for an incident.
const RESPONSIBLE: [EdgeKind; 3] = [EdgeKind::PerpetratedBy, EdgeKind::ClaimedBy, EdgeKind::AttributedTo];

/// The actors responsible for the most incidents (or deaths), or the places
/// where most occurred, among the incidents that pass `filter`. Unnamed
/// actors ("gunmen") are not ranked. Each incident counts once per actor or place.
pub fn top(store: &Store, what: TopWhat, filter: &TopFilter) -> Result<Vec<TopRow>> {
    if filter.limit == 0 {
        return Err(Error::InvalidArgument("the limit must be at least 1".into()));
    }
    let ids = candidates(store, None, filter.place.as_deref(), filter.from, filter.to)?;
    let mut tally: HashMap<NodeId, (u64, u64)> = HashMap::new();
    for_each_incident(store, ids, |id, incident| {
        let killed = u64::from(incident.killed.unwrap_or(0));
        for other in counted(store, id, what)? {
            let slot = tally.entry(other).or_default();
            slot.0 += 1;
            slot.1 += killed;
        }
        Ok(())
    })?;
    let mut rows = Vec::new();
    for (id, (incidents, killed)) in tally {
        if let Some(row) = top_row(store, id, incidents, killed)? {
            rows.push(row);
        }
    }
    let key = |r: &TopRow| match filter.by {
        TopBy::Incidents => (r.incidents, r.killed),
        TopBy::Killed => (r.killed, r.incidents),
    };
    rows.sort_by(|a, b| key(b).cmp(&key(a)).then_with(|| a.name.cmp(&b.name)).then_with(|| a.id.cmp(&b.id)));
    rows.truncate(filter.limit);
    for (i, row) in rows.iter_mut().enumerate() {
        row.rank = i + 1;
    }
    Ok(rows)
}

/// The actors responsible for, or the places of, incident `id`; each once.
fn counted(store: &Store, id: NodeId, what: TopWhat) -> Result<BTreeSet<NodeId>> {
    let kinds: &[EdgeKind] = match what {
        TopWhat::Actors => &RESPONSIBLE,
        TopWhat::Places => &[EdgeKind::OccurredAt],
    };
    let mut out = BTreeSet::new();
    for kind in kinds {
        out.extend(store.out_edges(id, Some(*kind))?.into_iter().map(|e| e.other));
    }
    Ok(out)
}

fn top_row(store: &Store, id: NodeId, incidents: u64, killed: u64) -> Result<Option<TopRow>> {
    let (name, kind, country) = match store.node(id)? {
        Some(Node::Actor(a)) if !a.unnamed => (a.name, a.kind.as_str().to_string(), a.country),
        Some(Node::Location(l)) => (l.name, "location".to_string(), l.country),
        _ => return Ok(None),
    };
    Ok(Some(TopRow { rank: 0, id: id.to_string(), name, kind, country, incidents, killed }))
}
