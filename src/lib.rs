//! # ckg — a conflict-event knowledge graph
//!
//! ckg reads news articles about political violence, extracts who did what to
//! whom, where and when, and stores the result as a graph in an embedded
//! [sled](https://docs.rs/sled) database. Queries run as
//! [petgraph](https://docs.rs/petgraph) traversals over views built from the store.
//!
//! ```
//! use ckg::{Store, extract::Extractor};
//!
//! let dir = tempfile::tempdir()?;
//! let store = Store::open(dir.path().join("db"))?;
//! let text = "# Bomb kills five in Kabul\n\n\
//!     Published at: **2021-05-08T10:00:00+00:00**\n\n\
//!     KABUL - A roadside bomb killed five soldiers in Kabul on Friday. \
//!     The Taliban claimed responsibility for the attack.\n";
//! let extracted = Extractor::shared().extract_article(text, None)?;
//! store.ingest(&extracted)?;
//! store.flush()?;
//! let claimed = ckg::query::claims(&store, "Taliban")?;
//! assert_eq!(claimed.len(), 1);
//! assert_eq!(claimed[0].killed, Some(5));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Modules, from the bottom up: [`model`] (types, ids), [`store`] (sled),
//! [`extract`] (text to records; never touches the store), [`graph`] (petgraph
//! views), [`query`] (the questions), [`export`] (GraphViz).

pub mod error;
pub mod eval;
pub mod export;
pub mod extract;
pub mod graph;
pub mod import;
mod ingest;
pub mod model;
pub mod query;
pub mod store;

pub use error::{Error, Result};
pub use store::{IngestOutcome, Store, StoreConfig};
