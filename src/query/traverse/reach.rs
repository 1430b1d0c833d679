//! Actors within k shared-incident steps of an actor: the "2-hop" and "3-hop"
//! questions (who fought beside or against those who fought beside X).

use crate::error::Result;
use crate::model::{IdSet, NodeId};
use crate::store::Store;

/// Actors linked to `seed` by a chain of at most `hops` incidents in which
/// both ends of each step had a role (perpetrator, target, claimant,
/// attributed, denier). `seed` itself is left out.
///
/// Reads no properties and no nodes: one `edges_in` prefix scan per actor and
/// one out-list lookup (its targets only) per incident reached.
///
/// ```
/// # let dir = tempfile::tempdir()?;
/// # let store = ckg::Store::open(dir.path().join("db"))?;
/// let nobody = ckg::model::NodeId::new(ckg::model::NodeKind::Actor, &[b"nobody"]);
/// assert!(ckg::query::traverse::actors_within(&store, nobody, 2)?.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn actors_within(store: &Store, seed: NodeId, hops: usize) -> Result<IdSet> {
    let mut actors = IdSet::default();
    actors.insert(seed);
    let mut incidents = IdSet::default();
    let mut frontier = vec![seed];
    for _ in 0..hops {
        let mut reached = Vec::new();
        // In key order, consecutive lookups share sled's upper tree levels and leaves.
        frontier.sort_unstable_by_key(key_order);
        for actor in frontier {
            for (kind, incident) in store.in_edges(actor, None)? {
                if kind.is_role() && incidents.insert(incident) {
                    reached.push(incident);
                }
            }
        }
        reached.sort_unstable_by_key(key_order);
        let mut next = Vec::new();
        for incident in reached {
            store.for_each_out_neighbor(incident, |kind, other| {
                if kind.is_role() && actors.insert(other) {
                    next.push(other);
                }
            })?;
        }
        if next.is_empty() {
            break;
        }
        frontier = next;
    }
    actors.remove(&seed);
    Ok(actors)
}

/// A node's position in sled's key order (kind code, then hash big-endian) without building its key.
fn key_order(id: &NodeId) -> (u8, u64) {
    (id.kind.code(), id.hash)
}
