//! What one dataset row stands for: its incident node and the nodes and
//! edges around it, computed before anything is read or written.

use std::collections::BTreeMap;

use super::record_incident_id;
use crate::model::{
    Actor, ActorRecord, DateRange, DayNode, EdgeKind, EdgeProps, Incident, IncidentRecord, Location, NodeId, Record,
};

/// A named actor with its parent (PART_OF), if any.
pub(super) type NamedActor = (NodeId, Actor, Option<(NodeId, Actor)>);

/// The nodes and edges one row stands for.
pub(super) struct RowPlan {
    pub(super) incident: NodeId,
    pub(super) node: Incident,
    /// Edges leaving the incident, by (kind, target).
    pub(super) edges: BTreeMap<(EdgeKind, NodeId), EdgeProps>,
    /// Actors that exist only for this incident ("civilians"), with their PART_OF parent.
    pub(super) scoped: Vec<(NodeId, Actor, Option<NodeId>)>,
    /// Named actors with their parent (PART_OF).
    pub(super) actors: Vec<NamedActor>,
    pub(super) places: Vec<Location>,
    pub(super) located_in: Vec<(NodeId, NodeId)>,
    pub(super) days: Vec<DayNode>,
}

pub(super) fn plan_row(record: &Record, rec: &IncidentRecord) -> RowPlan {
    let incident = record_incident_id(record);
    let mut plan = RowPlan {
        incident,
        node: Incident {
            kind: rec.kind,
            summary: rec.summary.clone(),
            date: rec.date,
            killed: rec.killed,
            injured: rec.injured,
            captured: rec.captured,
            weapons: rec.weapons.clone(),
        },
        edges: BTreeMap::new(),
        scoped: Vec::new(),
        actors: Vec::new(),
        places: Vec::new(),
        located_in: Vec::new(),
        days: rec.date.map(|d| day_nodes(&d)).unwrap_or_default(),
    };
    for day in &plan.days {
        let key = (EdgeKind::OccurredOn, day.node_id());
        plan.edges.insert(key, EdgeProps::default());
    }
    plan_places(&mut plan, rec);
    plan_roles(&mut plan, rec);
    plan.edges.insert((EdgeKind::ReportedIn, record.node_id()), EdgeProps::default());
    plan
}

/// The start day, and the end day when it differs (as article ingest links them).
fn day_nodes(date: &DateRange) -> Vec<DayNode> {
    let start = DayNode::new(date.start, date.precision);
    let end = DayNode::new(date.end, date.precision);
    if start == end { vec![start] } else { vec![start, end] }
}

fn plan_places(plan: &mut RowPlan, rec: &IncidentRecord) {
    for place in &rec.places {
        let mut previous: Option<NodeId> = None;
        for loc in &place.chain {
            let id = loc.node_id();
            plan.places.push(loc.clone());
            match previous {
                None => {
                    let props = EdgeProps { mention: place.mention.clone(), ..EdgeProps::default() };
                    merge_edge(&mut plan.edges, (EdgeKind::OccurredAt, id), props);
                }
                Some(inner) => plan.located_in.push((inner, id)),
            }
            previous = Some(id);
        }
    }
}

fn plan_roles(plan: &mut RowPlan, rec: &IncidentRecord) {
    let roles: [(&[ActorRecord], EdgeKind, bool); 6] = [
        (&rec.perpetrators, EdgeKind::PerpetratedBy, false),
        (&rec.targets, EdgeKind::Targeted, false),
        (&rec.victims, EdgeKind::Targeted, true),
        (&rec.claimed_by, EdgeKind::ClaimedBy, false),
        (&rec.attributed_to, EdgeKind::AttributedTo, false),
        (&rec.denied_by, EdgeKind::DeniedBy, false),
    ];
    for (actors, kind, victim) in roles {
        for a in actors {
            let id = plan_actor(plan, a);
            let props = EdgeProps {
                mention: Some(a.mention.clone()),
                by: a.by.clone(),
                mode: a.mode.clone(),
                victim,
                evidence: Vec::new(),
            };
            merge_edge(&mut plan.edges, (kind, id), props);
        }
    }
}

/// Adds the actor (and its parent) to the plan; returns its id.
fn plan_actor(plan: &mut RowPlan, rec: &ActorRecord) -> NodeId {
    let scope = (rec.kind.is_generic() || rec.scoped).then_some(plan.incident);
    let id = Actor::node_id(&rec.name, rec.kind, scope);
    let actor = Actor {
        name: rec.name.clone(),
        kind: rec.kind,
        aliases: rec.aliases.clone(),
        country: rec.country.clone(),
        unnamed: scope.is_some(),
    };
    let parent = rec.parent.as_ref().map(|name| {
        let parent_id = Actor::node_id(name, rec.kind, None);
        let node = Actor { name: name.clone(), kind: rec.kind, aliases: Vec::new(), country: None, unnamed: false };
        (parent_id, node)
    });
    let parent = parent.filter(|(pid, _)| *pid != id);
    if scope.is_some() {
        if let Some((pid, node)) = &parent {
            plan.actors.push((*pid, node.clone(), None));
        }
        if !plan.scoped.iter().any(|(s, _, _)| *s == id) {
            plan.scoped.push((id, actor, parent.map(|(pid, _)| pid)));
        }
    } else if !plan.actors.iter().any(|(a, _, _)| *a == id) {
        plan.actors.push((id, actor, parent));
    }
    id
}

fn merge_edge(edges: &mut BTreeMap<(EdgeKind, NodeId), EdgeProps>, key: (EdgeKind, NodeId), props: EdgeProps) {
    match edges.get_mut(&key) {
        Some(old) => {
            old.merge(&props);
        }
        None => {
            edges.insert(key, props);
        }
    }
}
