//! Exports of the graph: GraphViz DOT and GraphML of a view, and the whole
//! store as JSON lines (which `ckg import jsonl` loads back).

pub mod dot;
pub mod graphml;
pub mod jsonl;
