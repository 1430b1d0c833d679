//! petgraph views of the stored graph.
//!
//! The store is the source of truth; a [`GraphView`] holds just the part of
//! the graph a traversal needs, loaded by expanding from seed nodes.

use std::collections::HashMap;

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{Bfs, EdgeRef, Reversed};

use crate::error::Result;
use crate::model::{EdgeKind, NodeId};
use crate::store::Store;

/// A directed multigraph of node ids and edge kinds, loaded from a [`Store`].
#[derive(Default)]
pub struct GraphView {
    pub graph: DiGraph<NodeId, EdgeKind>,
    index: HashMap<NodeId, NodeIndex>,
}

impl GraphView {
    pub fn new() -> GraphView {
        GraphView::default()
    }

    pub fn node(&mut self, id: NodeId) -> NodeIndex {
        if let Some(&ix) = self.index.get(&id) {
            return ix;
        }
        let ix = self.graph.add_node(id);
        self.index.insert(id, ix);
        ix
    }

    pub fn index_of(&self, id: NodeId) -> Option<NodeIndex> {
        self.index.get(&id).copied()
    }

    pub fn edge(&mut self, src: NodeId, kind: EdgeKind, dst: NodeId) {
        let (a, b) = (self.node(src), self.node(dst));
        if !self.graph.edges_connecting(a, b).any(|e| *e.weight() == kind) {
            self.graph.add_edge(a, b, kind);
        }
    }

    /// Loads edges of `kinds` around `seeds`, `hops` steps out, in direction
    /// `dir` (Outgoing follows edges forward, Incoming backward).
    pub fn expand(
        &mut self,
        store: &Store,
        seeds: &[NodeId],
        kinds: &[EdgeKind],
        dir: Direction,
        hops: usize,
    ) -> Result<()> {
        let mut frontier: Vec<NodeId> = seeds.to_vec();
        for id in seeds {
            self.node(*id);
        }
        for _ in 0..hops {
            let mut next = Vec::new();
            for id in frontier {
                for kind in kinds {
                    let others: Vec<NodeId> = match dir {
                        Direction::Outgoing => {
                            store.out_neighbors(id, Some(*kind))?.into_iter().map(|(_, o)| o).collect()
                        }
                        Direction::Incoming => store.in_edges(id, Some(*kind))?.into_iter().map(|(_, o)| o).collect(),
                    };
                    for other in others {
                        let fresh = !self.index.contains_key(&other);
                        match dir {
                            Direction::Outgoing => self.edge(id, *kind, other),
                            Direction::Incoming => self.edge(other, *kind, id),
                        }
                        if fresh {
                            next.push(other);
                        }
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            frontier = next;
        }
        Ok(())
    }

    /// Nodes that reach `root` by following edges of `kind` forward
    /// (e.g. every branch PART_OF a group, transitively), `root` included.
    pub fn ancestors_via(&self, root: NodeId, kind: EdgeKind) -> Vec<NodeId> {
        let Some(start) = self.index_of(root) else {
            return Vec::new();
        };
        let filtered = petgraph::visit::EdgeFiltered::from_fn(&self.graph, |e| *e.weight() == kind);
        let reversed = Reversed(&filtered);
        let mut bfs = Bfs::new(reversed, start);
        let mut out = Vec::new();
        while let Some(ix) = bfs.next(reversed) {
            out.push(self.graph[ix]);
        }
        out
    }

    /// Sources of `kind` edges into `target`.
    pub fn sources_of(&self, target: NodeId, kind: EdgeKind) -> Vec<NodeId> {
        let Some(ix) = self.index_of(target) else {
            return Vec::new();
        };
        self.graph
            .edges_directed(ix, Direction::Incoming)
            .filter(|e| *e.weight() == kind)
            .map(|e| self.graph[e.source()])
            .collect()
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }
}
