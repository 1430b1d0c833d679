//! Ingest of article text: extraction then storage, the one place that uses both.

use crate::error::Result;
use crate::extract::{ExtractOptions, Extractor};
use crate::store::{IngestOutcome, Store};

impl Store {
    /// Extracts `text` with the shared extractor and stores the result atomically.
    ///
    /// ```
    /// let dir = tempfile::tempdir()?;
    /// let store = ckg::Store::open(dir.path().join("db"))?;
    /// let text = "# Blast in Mogadishu\n\nPublished at: **2022-10-30T09:00:00+00:00**\n\n\
    ///             MOGADISHU - Two car bombs killed at least 100 people in Mogadishu on Saturday. \
    ///             Al-Shabaab claimed responsibility.\n";
    /// let first = store.ingest_article(text, None)?;
    /// assert!(matches!(first, ckg::IngestOutcome::Ingested { incidents: 1, .. }));
    /// // The same bytes again change nothing.
    /// assert!(matches!(store.ingest_article(text, None)?, ckg::IngestOutcome::Unchanged { .. }));
    /// store.flush()?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn ingest_article(&self, text: &str, options: Option<&ExtractOptions>) -> Result<IngestOutcome> {
        let extracted = Extractor::shared().extract_article(text, options)?;
        self.ingest(&extracted)
    }
}
