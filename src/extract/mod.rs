//! Extraction: article text in, [`ExtractedArticle`] out. Never touches the store.
//!
//! The pipeline, per article: parse the header (title, publication date,
//! source), split the body into sentences, find actors, places, time
//! expressions, triggers and responsibility statements in each, then group
//! sentences into incidents (see [`incidents`]).

mod actors;
mod analyse;
mod article;
mod casualties;
mod communal;
mod dates;
mod draft;
mod facilities;
mod forces;
mod gazetteer;
mod implicit;
mod incidents;
#[rustfmt::skip]
mod lexicon;
mod mentions;
mod numbers;
mod persons;
pub mod phoenix;
mod phrases;
mod places;
mod roles;
mod single;
mod statements;
pub mod text;
mod tokens;
mod triggers;
mod unlisted;
mod weapons;

use std::sync::{Arc, OnceLock};

use chrono::{DateTime, FixedOffset};

pub use actors::{ActorDict, ActorEntry, parse_tsv as parse_actor_tsv};
pub use article::{ArticleHeader, parse_header};
pub use gazetteer::Gazetteer;

use crate::error::{Error, Result};
use crate::model::{Article, ExtractedArticle, NodeId, NodeKind, stable_hash};

/// Largest article ckg will read: longer input is almost surely not one news article.
pub const MAX_ARTICLE_BYTES: usize = 5 * 1024 * 1024;

/// Options for one extraction.
#[derive(Clone, Debug, Default)]
pub struct ExtractOptions {
    /// Publication date for plain text (the header's date wins when present).
    pub published: Option<DateTime<FixedOffset>>,
    /// Title for plain text.
    pub title: Option<String>,
}

/// The extractor: the actor dictionary and the gazetteer, loaded once.
pub struct Extractor {
    actors: ActorDict,
    gazetteer: Arc<Gazetteer>,
}

static SHARED: OnceLock<Arc<Extractor>> = OnceLock::new();
static GAZETTEER: OnceLock<Arc<Gazetteer>> = OnceLock::new();

impl Extractor {
    /// The process-wide extractor with the bundled actor list and gazetteer.
    pub fn shared() -> Arc<Extractor> {
        SHARED.get_or_init(|| Arc::new(Extractor::with_actors(ActorDict::bundled()))).clone()
    }

    /// An extractor with a custom actor dictionary (for example the bundled
    /// list extended with Phoenix entries) and the bundled gazetteer.
    pub fn with_actors(actors: ActorDict) -> Extractor {
        let gazetteer = GAZETTEER.get_or_init(|| Arc::new(Gazetteer::bundled())).clone();
        Extractor { actors, gazetteer }
    }

    pub fn actors(&self) -> &ActorDict {
        &self.actors
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Extracts one article: the seed's header format, or plain text with
    /// `options.published`. Errors when no publication date is known.
    pub fn extract_article(&self, text: &str, options: Option<&ExtractOptions>) -> Result<ExtractedArticle> {
        let default = ExtractOptions::default();
        let options = options.unwrap_or(&default);
        if text.len() > MAX_ARTICLE_BYTES {
            return Err(Error::input(
                "article",
                format!("{} bytes is more than the {} byte limit for one article", text.len(), MAX_ARTICLE_BYTES),
            ));
        }
        let header = parse_header(text);
        let published = header.published.or(options.published).ok_or_else(|| {
            Error::input("article", "no publication date: add a 'Published at:' line or pass --published YYYY-MM-DD")
        })?;
        let title = header.title.clone().or_else(|| options.title.clone()).unwrap_or_default();
        let content_hash = stable_hash(&[text.as_bytes()]);
        let article = Article {
            title: title.clone(),
            url: header.url.clone(),
            source: header.source.clone(),
            author: header.author.clone(),
            published: Some(published),
            content_hash,
            byte_len: text.len() as u64,
        };
        let label = if title.is_empty() { header.url.clone().unwrap_or_default() } else { title };
        let mut incidents =
            tokens::with_document(text, || incidents::extract(self, text, header.body, published.date_naive(), &label));
        for (ordinal, inc) in incidents.iter_mut().enumerate() {
            inc.id = NodeId::new(NodeKind::Incident, &[&content_hash.to_be_bytes(), &(ordinal as u64).to_be_bytes()])
                .to_string();
        }
        Ok(ExtractedArticle { article, incidents })
    }
}

/// Parses a date given on the command line or in a batch line: `YYYY-MM-DD` or RFC 3339.
pub fn parse_published(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt);
    }
    for fmt in ["%Y-%m-%d", "%d/%m/%Y", "%Y/%m/%d", "%d %B %Y", "%B %d, %Y"] {
        if let Ok(d) = chrono::NaiveDate::parse_from_str(s, fmt) {
            return Some(d.and_hms_opt(0, 0, 0)?.and_utc().fixed_offset());
        }
    }
    None
}
