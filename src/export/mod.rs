//! Exports of the graph: GraphView DOT.

pub mod dot;
