//! The article header format of the seed:
//!
//! ```text
//! # Title
//!
//! Published at: **2019-11-06T10:17:57+00:00**
//!
//! Author: ****
//!
//! Original: [Reuters](https://www.reuters.com/...)
//!
//! Body ...
//! ```
//!
//! Every header line is optional; text without any is plain text.

use chrono::{DateTime, FixedOffset};

use super::text::Span;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArticleHeader {
    pub title: Option<String>,
    pub published: Option<DateTime<FixedOffset>>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// Where the body starts and ends in the input.
    pub body: Span,
}

/// Reads header lines from the top of `text` until the first body line.
pub fn parse_header(text: &str) -> ArticleHeader {
    let mut header = ArticleHeader { body: Span::new(0, text.len()), ..ArticleHeader::default() };
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        let next = offset + line.len();
        if trimmed.is_empty() {
            offset = next;
            continue;
        }
        if let Some(title) = trimmed.strip_prefix("# ") {
            header.title = Some(title.trim().to_string());
        } else if let Some(rest) = trimmed.strip_prefix("Published at:") {
            let value = strip_stars(rest);
            header.published = super::parse_published(value);
        } else if let Some(rest) = trimmed.strip_prefix("Author:") {
            let value = strip_stars(rest);
            header.author = (!value.is_empty()).then(|| value.to_string());
        } else if let Some(rest) = trimmed.strip_prefix("Original:") {
            let (source, url) = parse_link(rest.trim());
            header.source = source;
            header.url = url;
        } else {
            break;
        }
        offset = next;
    }
    header.body = Span::new(offset, text.len());
    header
}

fn strip_stars(s: &str) -> &str {
    s.trim().trim_matches('*').trim()
}

/// `[Source](url)`, or a bare url.
fn parse_link(s: &str) -> (Option<String>, Option<String>) {
    if let Some((name, tail)) = s.strip_prefix('[').and_then(|rest| rest.split_once("](")) {
        let url = tail.trim_end_matches(')').trim();
        return (Some(name.trim().to_string()), (!url.is_empty()).then(|| url.to_string()));
    }
    (None, (!s.is_empty()).then(|| s.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_seed_header() {
        let text = "# Militants attack\n\nPublished at: **2019-11-06T10:17:57+00:00**\n\nAuthor: ****\n\nOriginal: [Reuters](https://example.org/a)\n\nDUSHANBE (Reuters) - Body.\n";
        let h = parse_header(text);
        assert_eq!(h.title.as_deref(), Some("Militants attack"));
        assert_eq!(h.published.unwrap().to_rfc3339(), "2019-11-06T10:17:57+00:00");
        assert_eq!(h.author, None);
        assert_eq!(h.source.as_deref(), Some("Reuters"));
        assert_eq!(h.url.as_deref(), Some("https://example.org/a"));
        assert!(text[h.body.start..].starts_with("DUSHANBE"));
    }

    #[test]
    fn plain_text_is_all_body() {
        let h = parse_header("Gunmen killed five people.");
        assert_eq!(h.body, Span::new(0, 26));
        assert_eq!(h.title, None);
    }
}
