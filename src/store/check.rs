//! `ckg check`: structural invariants of a store.

use std::collections::BTreeMap;

use serde::Serialize;

use super::codec::*;
use super::{Store, adjacency};
use crate::error::Result;
use crate::model::{EdgeKind, Node, NodeId, NodeKind};

/// What `check` looked at and what it found wrong.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CheckReport {
    pub nodes: u64,
    pub edges: u64,
    pub name_entries: u64,
    pub date_entries: u64,
    pub articles: u64,
    pub problems: Vec<String>,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }

    fn problem(&mut self, text: String) {
        // Keep the report readable on a badly damaged store.
        if self.problems.len() < 100 {
            self.problems.push(text);
        }
    }
}

impl Store {
    /// Verifies that every edge has both ends and both directions, every index
    /// entry points at a live node, every article was ingested whole, and the
    /// counters agree with what is stored.
    pub fn check(&self) -> Result<CheckReport> {
        let mut report = CheckReport::default();
        let mut node_counts: BTreeMap<NodeKind, u64> = BTreeMap::new();
        for item in self.nodes.iter() {
            let (key, value) = item?;
            report.nodes += 1;
            match NodeId::from_key(&key) {
                Some(id) => match decode::<Node>(TREE_NODES, &key, &value) {
                    Ok(node) if node.kind() == id.kind => *node_counts.entry(id.kind).or_default() += 1,
                    Ok(_) => report.problem(format!("node {id} holds a value of another kind")),
                    Err(e) => report.problem(e.to_string()),
                },
                None => report.problem(format!("malformed node key {}", hex(&key))),
            }
        }
        let edge_counts = self.check_edges(&mut report)?;
        self.check_indexes(&mut report)?;
        self.check_articles(&mut report)?;
        self.check_counters(&mut report, &node_counts, &edge_counts)?;
        Ok(report)
    }

    fn check_edges(&self, report: &mut CheckReport) -> Result<BTreeMap<EdgeKind, u64>> {
        let mut counts = BTreeMap::new();
        for item in self.out.iter() {
            let (key, value) = item?;
            let edges = match NodeId::from_key(&key) {
                Some(src) => adjacency::decode_list(&key, &value).map(|list| (src, list)),
                None => Err(crate::Error::Corrupt { tree: TREE_OUT, key: hex(&key), reason: "malformed key".into() }),
            };
            let (src, list) = match edges {
                Ok(parts) => parts,
                Err(e) => {
                    report.problem(e.to_string());
                    continue;
                }
            };
            if list.is_empty() {
                report.problem(format!("{src} has an empty out-list"));
            }
            for (kind, dst, _) in list {
                report.edges += 1;
                *counts.entry(kind).or_default() += 1;
                self.check_edge(report, src, kind, dst)?;
            }
        }
        for item in self.edges_in.iter() {
            let (key, _) = item?;
            let (dst, kind, src) = parse_edge_key(TREE_EDGES_IN, &key)?;
            if !self.out_neighbors(src, Some(kind))?.contains(&(kind, dst)) {
                report.problem(format!("reverse entry {dst} <-{}- {src} has no edge", kind.as_str()));
            }
        }
        Ok(counts)
    }

    /// Both ends exist and the reverse entry is there.
    fn check_edge(&self, report: &mut CheckReport, src: NodeId, kind: EdgeKind, dst: NodeId) -> Result<()> {
        for end in [src, dst] {
            if !self.contains(end)? {
                report.problem(format!("dangling edge {src} -{}-> {dst}: {end} missing", kind.as_str()));
            }
        }
        if !self.edges_in.contains_key(edge_key(dst, kind, src))? {
            report.problem(format!("edge {src} -{}-> {dst} has no reverse entry", kind.as_str()));
        }
        Ok(())
    }

    fn check_indexes(&self, report: &mut CheckReport) -> Result<()> {
        for item in self.names.iter() {
            let (key, _) = item?;
            report.name_entries += 1;
            let (name, node) = parse_name_key(&key)?;
            if !self.contains(node)? {
                report.problem(format!("name index entry {name:?} points at missing {node}"));
            }
        }
        for item in self.dates.iter() {
            let (key, _) = item?;
            report.date_entries += 1;
            let (date, node) = parse_date_key(&key)?;
            if !self.contains(node)? {
                report.problem(format!("date index entry {date} points at missing {node}"));
            }
        }
        Ok(())
    }

    /// Every article has its completion marker, and at least as many incidents report in it.
    fn check_articles(&self, report: &mut CheckReport) -> Result<()> {
        for id in self.ids_of_kind(NodeKind::Article) {
            let id = id?;
            report.articles += 1;
            let Some(marker) = self.meta.get(ingested_key(id))? else {
                report.problem(format!("article {id} has no completion marker: half-ingested"));
                continue;
            };
            let expected = marker.as_ref().try_into().map(u32::from_be_bytes).unwrap_or(0) as usize;
            let reported = self.in_edges(id, Some(EdgeKind::ReportedIn))?.len();
            if reported != expected {
                report.problem(format!("article {id}: {reported} incidents reported in it, {expected} ingested"));
            }
        }
        Ok(())
    }

    fn check_counters(
        &self,
        report: &mut CheckReport,
        nodes: &BTreeMap<NodeKind, u64>,
        edges: &BTreeMap<EdgeKind, u64>,
    ) -> Result<()> {
        let stats = self.stats()?;
        for kind in NodeKind::ALL {
            let counted = stats.nodes.get(kind.label()).copied().unwrap_or(0);
            let actual = nodes.get(&kind).copied().unwrap_or(0);
            if counted != actual {
                report.problem(format!("{} counter says {counted}, store holds {actual}", kind.label()));
            }
        }
        for kind in EdgeKind::ALL {
            let counted = stats.edges.get(kind.as_str()).copied().unwrap_or(0);
            let actual = edges.get(&kind).copied().unwrap_or(0);
            if counted != actual {
                report.problem(format!("{} counter says {counted}, store holds {actual}", kind.as_str()));
            }
        }
        Ok(())
    }
}
