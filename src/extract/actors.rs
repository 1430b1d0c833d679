//! The actor dictionary: canonical names, kinds, parents and aliases, matched
//! in text. The bundled list is `data/actors.tsv`; more entries can be added
//! (for example from Phoenix dictionaries) with [`ActorDict::extend`].

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::text::{Span, is_word_bounded};
use super::tokens::name_key;
use crate::error::{Error, Result};
use crate::model::ActorKind;

const BUNDLED: &str = include_str!("../../data/actors.tsv");

pub use crate::model::ActorEntry;

#[derive(Clone, Copy, Debug)]
struct Pattern {
    entry: u32,
    /// Short all-capitals form ("IS", "ELN"): must match with its exact case.
    acronym: bool,
    has_upper: bool,
}

pub struct ActorDict {
    entries: Vec<ActorEntry>,
    by_key: HashMap<String, u32>,
    matcher: AhoCorasick,
    patterns: Vec<Pattern>,
    texts: Vec<String>,
}

/// An actor name found in text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActorMatch {
    pub span: Span,
    pub entry: u32,
}

/// Words too common to be an alias on their own, whatever a dictionary says.
const REFUSED_ALIASES: &[&str] = &[
    "army",
    "police",
    "state",
    "government",
    "military",
    "front",
    "party",
    "group",
    "rebels",
    "militants",
    "the",
    "forces",
    "movement",
    "people",
    "unknown",
    "union",
    "council",
    "national",
    "islamic",
    "revolutionary",
];

impl ActorDict {
    /// The curated list shipped in `data/actors.tsv`.
    pub fn bundled() -> ActorDict {
        let entries = parse_tsv(BUNDLED, "data/actors.tsv").expect("bundled actor list parses (tested)");
        ActorDict::from_entries(entries)
    }

    pub fn from_entries(entries: Vec<ActorEntry>) -> ActorDict {
        let mut by_key = HashMap::new();
        let mut texts: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        let mut seen = std::collections::HashSet::new();
        // The names the entries give first, then the phrasings derived from
        // community militias' names, so that a derived one never takes a name.
        let derived: Vec<Vec<String>> = entries
            .iter()
            .map(|e| {
                std::iter::once(&e.name).chain(&e.aliases).flat_map(|n| super::communal::derived_aliases(n)).collect()
            })
            .collect();
        let listed =
            entries.iter().enumerate().map(|(idx, e)| (idx, std::iter::once(&e.name).chain(&e.aliases).collect()));
        let extra = derived.iter().enumerate().map(|(idx, d)| (idx, d.iter().collect()));
        for (idx, names) in listed.chain(extra) {
            let names: Vec<&String> = names;
            for alias in names {
                let key = name_key(alias);
                if key.is_empty() || REFUSED_ALIASES.contains(&key.as_str()) {
                    continue;
                }
                // A later entry may not take over a name an earlier one owns.
                if *by_key.entry(key).or_insert(idx as u32) != idx as u32 {
                    continue;
                }
                for variant in variants(alias) {
                    if !seen.insert(variant.to_ascii_lowercase()) {
                        continue;
                    }
                    let acronym = variant.len() <= 5 && variant.chars().all(|c| c.is_ascii_uppercase() || c == '-');
                    let has_upper = variant.chars().any(char::is_uppercase);
                    patterns.push(Pattern { entry: idx as u32, acronym, has_upper });
                    texts.push(variant);
                }
            }
        }
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&texts)
            .expect("actor patterns build");
        ActorDict { entries, by_key, matcher, patterns, texts }
    }

    /// Adds entries; names already known keep their first meaning.
    pub fn extend(self, more: Vec<ActorEntry>) -> ActorDict {
        let mut entries = self.entries;
        entries.extend(more);
        ActorDict::from_entries(entries)
    }

    pub fn entry(&self, idx: u32) -> &ActorEntry {
        &self.entries[idx as usize]
    }

    pub fn entries(&self) -> &[ActorEntry] {
        &self.entries
    }

    /// Resolves a name as written in a dataset or by a user: exact alias,
    /// then without a trailing parenthesis ("Islamic State (Iraq)", "(2015-)").
    /// A year range in parentheses anywhere ("AMISOM: ... (2007-) (Kenya)",
    /// ACLED's convention) is dropped first, as the list stores names without them.
    pub fn resolve(&self, name: &str) -> Option<&ActorEntry> {
        let undated = without_years(name);
        if undated != name.trim()
            && let Some(entry) = self.resolve_trimming(&undated)
        {
            return Some(entry);
        }
        self.resolve_trimming(name)
    }

    fn resolve_trimming(&self, name: &str) -> Option<&ActorEntry> {
        let mut candidate = name.trim().to_string();
        loop {
            if let Some(&idx) = self.by_key.get(&name_key(&candidate)) {
                return Some(&self.entries[idx as usize]);
            }
            let trimmed = candidate.trim_end();
            if let Some(open) = trimmed.strip_suffix(')').and_then(|t| t.rfind('(')) {
                candidate = trimmed[..open].to_string();
                continue;
            }
            return None;
        }
    }

    /// The longest listed name, capitalised as names are, that `text[s..e]`
    /// starts with and that ends at a word boundary before `e`.
    fn shorter_name(&self, text: &str, s: usize, e: usize) -> Option<ActorMatch> {
        let mut candidate = text[s..e].trim_end();
        while let Some(cut) = candidate.rfind(char::is_whitespace) {
            candidate = candidate[..cut].trim_end();
            let end = s + candidate.len();
            let capitalised = candidate.starts_with(|c: char| c.is_uppercase());
            if capitalised
                && candidate.len() > 5
                && is_word_bounded(text, s, end)
                && let Some(&idx) = self.by_key.get(&name_key(candidate))
            {
                return Some(ActorMatch { span: Span::new(s, end), entry: idx });
            }
        }
        None
    }

    /// Actor names in `text[span]`, longest first at each position.
    pub fn find(&self, text: &str, span: Span, shouting: bool) -> Vec<ActorMatch> {
        let slice = &text[span.start..span.end];
        let mut out = Vec::new();
        for m in self.matcher.find_iter(slice) {
            let (s, e) = (span.start + m.start(), span.start + m.end());
            if !is_word_bounded(text, s, e) {
                // "Puntland police forces": the longest name ("Puntland police
                // force") ends inside a word, but a shorter one may still fit.
                out.extend(self.shorter_name(text, s, e));
                continue;
            }
            let p = self.patterns[m.pattern().as_usize()];
            let found = &text[s..e];
            let ok = if p.acronym {
                if shouting {
                    found.len() >= 3 && !COMMON_SHORT.contains(&found)
                } else {
                    found.chars().all(|c| !c.is_lowercase())
                }
            } else {
                shouting || !p.has_upper || same_word_case(&self.texts[m.pattern().as_usize()], found)
            };
            if ok {
                out.push(ActorMatch { span: Span::new(s, e), entry: p.entry });
            }
        }
        out
    }
}

/// Every word the alias capitalises is capitalised in the text too: "Sinai
/// Province" (a group) is not "Sinai province" (a place).
fn same_word_case(alias: &str, found: &str) -> bool {
    let initials = |s: &str| -> Vec<bool> {
        s.split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .map(|w| w.chars().next().is_some_and(char::is_uppercase))
            .collect()
    };
    // Arabic articles and particles vary in case: "al-Shabaab", "Al-Shabaab".
    let particle = |w: &str| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "al" | "el"
                | "ad"
                | "ash"
                | "as"
                | "at"
                | "an"
                | "ar"
                | "az"
                | "bin"
                | "ibn"
                | "wal"
                | "of"
                | "the"
                | "de"
                | "la"
                // Generic heads are often lower-case in running text ("the Abu Sayyaf group").
                | "group"
                | "movement"
                | "organization"
                | "organisation"
                | "network"
                | "faction"
                | "party"
                | "militia"
                | "brigade"
                | "brigades"
        )
    };
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty()).map(str::to_string).collect()
    };
    let (aw, fw) = (words(alias), words(found));
    let (a, f) = (initials(alias), initials(found));
    a.len() != f.len()
        || a.iter().zip(&f).zip(&aw).all(|((want, got), w)| !want || *got || particle(w))
        || fw.is_empty()
}

/// Upper-case words that look like acronyms in shouting text.
const COMMON_SHORT: &[&str] = &[
    "THE", "AND", "FOR", "ARE", "WAS", "HAS", "NOT", "BUT", "ITS", "HIS", "HER", "WHO", "ONE", "TWO", "ALL", "OUT",
    "NEW", "NOW", "WAR", "ARMY",
];

/// Spelling variants matched in text: hyphens and spaces are interchangeable.
fn variants(alias: &str) -> Vec<String> {
    let mut v = vec![alias.to_string()];
    if alias.contains('-') {
        v.push(alias.replace('-', " "));
    }
    if alias.contains(' ') && alias.to_ascii_lowercase().starts_with("al ") {
        v.push(alias.replacen(' ', "-", 1));
    }
    // "Left-wing extremists" also matches "a left-wing extremist".
    let lower = alias.to_ascii_lowercase();
    if alias.contains(' ') && ["ists", "ants", "ers", "ians", "ites"].iter().any(|s| lower.ends_with(s)) {
        let singular = &alias[..alias.len() - 1];
        v.extend(
            v.clone()
                .iter()
                .map(|x| x[..x.len() - 1].to_string())
                .filter(|x| x != singular)
                .chain([singular.to_string()])
                .collect::<Vec<_>>(),
        );
    }
    v
}

/// Parses the actor list format (see data/ACTORS.md); errors name the line.
pub fn parse_tsv(text: &str, source: &str) -> Result<Vec<ActorEntry>> {
    let mut entries = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let at = || format!("{source}:{}", n + 1);
        if cols.len() < 2 {
            return Err(Error::input(at(), "expected at least name and kind separated by tabs"));
        }
        let kind = ActorKind::parse(cols[1].trim())
            .ok_or_else(|| Error::input(at(), format!("unknown actor kind {:?}", cols[1])))?;
        let opt = |i: usize| cols.get(i).map(|s| s.trim()).filter(|s| !s.is_empty()).map(str::to_string);
        let aliases = opt(4).map(|a| a.split('|').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect());
        entries.push(ActorEntry {
            name: cols[0].trim().to_string(),
            kind,
            country: opt(2),
            parent: opt(3),
            aliases: aliases.unwrap_or_default(),
        });
    }
    Ok(entries)
}

/// `name` without parenthesised year ranges ("(2007-)", "(1991-2012)"),
/// spaces collapsed.
fn without_years(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')').map(|c| open + c) else { break };
        let inner = &rest[open + 1..close];
        let years = !inner.is_empty()
            && inner.chars().all(|c| c.is_ascii_digit() || c == '-')
            && inner.starts_with(|c: char| c.is_ascii_digit());
        out.push_str(&rest[..open]);
        if !years {
            out.push_str(&rest[open..=close]);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
