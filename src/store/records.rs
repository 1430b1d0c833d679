//! Reading incidents back as [`IncidentRecord`]s, and finding an already
//! stored incident that a new report describes.

use super::Store;
use super::read::Edge;
use super::write::WriteSet;
use crate::error::Result;
use crate::model::GeoPrecision;
use crate::model::geo::distance_km;
use crate::model::{
    ActorKind, ActorRecord, EdgeKind, IdMap, IncidentRecord, IncidentType, Location, Node, NodeId, PlaceRecord,
    SourceRecord, normalize_name,
};

impl Store {
    /// The incident `id` in the shape every output format uses, or `None` if absent.
    pub fn incident_record(&self, id: NodeId) -> Result<Option<IncidentRecord>> {
        RecordReader::new(self).read(id)
    }
}

/// Reads many incident records, looking up each actor, place and article once.
///
/// The incidents of one query share most of their neighbours (the claimant, its
/// parent group, a few provinces), so the cache saves most node reads.
pub struct RecordReader<'s> {
    store: &'s Store,
    nodes: IdMap<Option<Node>>,
    parents: IdMap<Option<String>>,
}

impl<'s> RecordReader<'s> {
    pub fn new(store: &'s Store) -> RecordReader<'s> {
        RecordReader { store, nodes: IdMap::default(), parents: IdMap::default() }
    }

    /// The incident `id` as [`Store::incident_record`] gives it.
    pub fn read(&mut self, id: NodeId) -> Result<Option<IncidentRecord>> {
        let Some(Node::Incident(incident)) = self.store.node(id)? else {
            return Ok(None);
        };
        let mut rec = IncidentRecord {
            id: id.to_string(),
            kind: incident.kind,
            summary: incident.summary,
            date: incident.date,
            places: Vec::new(),
            perpetrators: Vec::new(),
            targets: Vec::new(),
            victims: Vec::new(),
            claimed_by: Vec::new(),
            attributed_to: Vec::new(),
            denied_by: Vec::new(),
            killed: incident.killed,
            injured: incident.injured,
            captured: incident.captured,
            weapons: incident.weapons,
            sources: Vec::new(),
        };
        for edge in self.store.out_edges(id, None)? {
            self.add_edge(&mut rec, edge)?;
        }
        // Most specific place first, as extraction orders them.
        rec.places.sort_by_key(|p| p.precision);
        Ok(Some(rec))
    }

    fn add_edge(&mut self, rec: &mut IncidentRecord, edge: Edge) -> Result<()> {
        match (edge.kind, self.cached_node(edge.other)?) {
            (EdgeKind::OccurredAt, Some(Node::Location(loc))) => {
                rec.places.push(place_record(loc.clone(), edge.props.mention));
            }
            (EdgeKind::ReportedIn, Some(Node::Article(article))) => {
                let name = if article.title.is_empty() {
                    article.url.clone().unwrap_or_default()
                } else {
                    article.title.clone()
                };
                for ev in &edge.props.evidence {
                    rec.sources.push(SourceRecord { article: name.clone(), start: ev.start, end: ev.end });
                }
            }
            (kind, Some(Node::Actor(actor))) if kind.is_role() => {
                let mut a =
                    ActorRecord::new(&actor.name, edge.props.mention.as_deref().unwrap_or(&actor.name), actor.kind);
                a.by = edge.props.by;
                a.mode = edge.props.mode;
                a.parent = self.parent_name(edge.other)?;
                match kind {
                    EdgeKind::PerpetratedBy => rec.perpetrators.push(a),
                    EdgeKind::Targeted if edge.props.victim => rec.victims.push(a),
                    EdgeKind::Targeted => rec.targets.push(a),
                    EdgeKind::ClaimedBy => rec.claimed_by.push(a),
                    EdgeKind::AttributedTo => rec.attributed_to.push(a),
                    _ => rec.denied_by.push(a),
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn cached_node(&mut self, id: NodeId) -> Result<Option<&Node>> {
        if !self.nodes.contains_key(&id) {
            let node = self.store.node(id)?;
            self.nodes.insert(id, node);
        }
        Ok(self.nodes[&id].as_ref())
    }

    fn parent_name(&mut self, actor: NodeId) -> Result<Option<String>> {
        if let Some(name) = self.parents.get(&actor) {
            return Ok(name.clone());
        }
        let mut name = None;
        for (_, parent) in self.store.out_neighbors(actor, Some(EdgeKind::PartOf))? {
            if let Some(node) = self.cached_node(parent)? {
                name = Some(node.label());
                break;
            }
        }
        self.parents.insert(actor, name.clone());
        Ok(name)
    }
}

fn place_record(loc: Location, mention: Option<String>) -> PlaceRecord {
    PlaceRecord::from_chain(vec![loc], mention).expect("chain of one")
}

/// An incident already in the store that `rec` reports again, if any.
pub(crate) fn find_duplicate(store: &Store, ws: &WriteSet<'_>, rec: &IncidentRecord) -> Result<Option<NodeId>> {
    let Some(date) = rec.date.filter(|d| !d.assumed && d.precision == crate::model::DatePrecision::Day) else {
        return Ok(None);
    };
    if rec.places.is_empty() {
        return Ok(None);
    }
    let from = date.start - chrono::Days::new(1);
    let to = date.end + chrono::Days::new(1);
    let mut reader = RecordReader::new(store);
    for candidate in store.incidents_between(Some(from), Some(to))? {
        if ws.is_pending(candidate) {
            continue; // never merge two incidents of the same article
        }
        let Some(stored) = reader.read(candidate)? else {
            continue;
        };
        if same_incident(&stored, rec) {
            return Ok(Some(candidate));
        }
    }
    Ok(None)
}

fn same_incident(a: &IncidentRecord, b: &IncidentRecord) -> bool {
    let day_ok = match (a.date, b.date) {
        (Some(x), Some(y)) => {
            !x.assumed && x.precision == crate::model::DatePrecision::Day && {
                let gap = (x.start - y.start).num_days().abs();
                gap <= 1
            }
        }
        _ => false,
    };
    day_ok && compatible_types(a.kind, b.kind) && places_match(&a.places, &b.places) && actors_compatible(a, b)
}

fn compatible_types(a: IncidentType, b: IncidentType) -> bool {
    use IncidentType::*;
    let family = |t| match t {
        Bombing | SuicideBombing => 1,
        ArmedAssault | Battle | Assassination => 2,
        Airstrike | Shelling => 3,
        Kidnapping | HostageTaking => 4,
        other => 10 + other as u8,
    };
    family(a) == family(b)
}

fn places_match(a: &[PlaceRecord], b: &[PlaceRecord]) -> bool {
    a.iter().any(|p| {
        b.iter().any(|q| {
            // Coordinates of countries and provinces stand for the whole area: no distance test.
            let pointlike = |r: &PlaceRecord| matches!(r.precision, GeoPrecision::Point | GeoPrecision::Approximate);
            let near = pointlike(p)
                && pointlike(q)
                && match (p.lat, p.lon, q.lat, q.lon) {
                    (Some(a1), Some(o1), Some(a2), Some(o2)) => distance_km(a1, o1, a2, o2) <= 25.0,
                    _ => false,
                };
            let same_admin =
                p.country.is_some() && p.country == q.country && p.admin1.is_some() && p.admin1 == q.admin1;
            near || same_admin
        })
    })
}

/// Named perpetrators, where both reports name some, must overlap.
fn actors_compatible(a: &IncidentRecord, b: &IncidentRecord) -> bool {
    let named = |r: &IncidentRecord| -> Vec<String> {
        r.perpetrators
            .iter()
            .chain(&r.claimed_by)
            .chain(&r.attributed_to)
            .filter(|x| !x.kind.is_generic() && x.kind != ActorKind::Person)
            .map(|x| normalize_name(&x.name))
            .collect()
    };
    let (na, nb) = (named(a), named(b));
    na.is_empty() || nb.is_empty() || na.iter().any(|x| nb.contains(x))
}
