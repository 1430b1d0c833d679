//! Sentences, word boundaries and case heuristics over the original text.
//! Every span is a byte range into the text the caller passed in.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::{LazyLock, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::Regex;

/// A byte range `start..end` into the input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "col", "lt", "capt", "sgt", "maj", "brig", "gov", "sen", "rep", "st", "no", "jan",
    "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "u.s", "u.n", "e.g", "i.e", "vs", "approx",
];

/// Splits `text[range]` into sentences at `.`, `!`, `?` followed by space and
/// an upper-case letter, digit or quote, and at line breaks.
pub fn sentences(text: &str, range: Span) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = range.start;
    let mut i = range.start;
    while i < range.end {
        let b = bytes[i];
        let boundary = match b {
            b'\n' => Some(i + 1),
            b'.' | b'!' | b'?' if is_sentence_end(text, i, range.end) => Some(i + 1),
            _ => None,
        };
        if let Some(end) = boundary {
            push_trimmed(text, Span::new(start, end), &mut out);
            start = end;
        }
        i += 1;
    }
    push_trimmed(text, Span::new(start, range.end), &mut out);
    out
}

fn is_sentence_end(text: &str, i: usize, limit: usize) -> bool {
    let bytes = text.as_bytes();
    let mut j = i + 1;
    // Closing quotes or brackets may follow the stop.
    while j < limit && matches!(bytes[j], b'"' | b'\'' | b')') {
        j += 1;
    }
    if j >= limit {
        return true;
    }
    if !bytes[j].is_ascii_whitespace() {
        return false;
    }
    while j < limit && bytes[j] == b' ' {
        j += 1;
    }
    if j >= limit || bytes[j] == b'\n' {
        return true;
    }
    let next = bytes[j];
    let starts_sentence = next.is_ascii_uppercase() || next.is_ascii_digit() || next == b'"' || next >= 0x80;
    if !starts_sentence {
        return false;
    }
    let word_start = text[..i]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || *c == '(')
        .map_or(0, |(p, c)| p + c.len_utf8());
    let word = text[word_start..i].to_ascii_lowercase();
    let single_initial = word.len() == 1 && word.chars().all(|c| c.is_ascii_alphabetic());
    !(single_initial || ABBREVIATIONS.contains(&word.as_str()))
}

fn push_trimmed(text: &str, span: Span, out: &mut Vec<Span>) {
    let slice = &text[span.start..span.end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push(Span::new(span.start + lead, span.end - trail));
    }
}

/// True when a match at `start..end` is a whole word (or words).
pub fn is_word_bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Mostly upper-case text (wire copy, MUC-4): capitalisation carries no signal.
pub fn is_shouting(text: &str) -> bool {
    const LIMIT: usize = 20_000;
    let (mut upper, mut lower) = (0usize, 0usize);
    let head = &text.as_bytes()[..text.len().min(LIMIT)];
    if head.is_ascii() {
        // The first LIMIT characters are these bytes.
        upper = head.iter().filter(|b| b.is_ascii_uppercase()).count();
        lower = head.iter().filter(|b| b.is_ascii_lowercase()).count();
        return upper > 20 && upper > lower * 3;
    }
    for c in text.chars().take(LIMIT) {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    upper > 20 && upper > lower * 3
}

/// Moves `index` back to the nearest char boundary, so slicing never panics.
pub fn floor_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Keywords for cheap prefilters before regexes: one ASCII-case-insensitive
/// pass tells which of a pattern's required words occur in a text. Each
/// keyword sets bits; a keyword ending in a space must be followed by a
/// whitespace character (as `\s` in a pattern).
pub struct Keywords {
    automaton: AhoCorasick,
    bits: Vec<u64>,
    space_after: Vec<bool>,
}

impl Keywords {
    pub fn new(words: &[(&str, u64)]) -> Keywords {
        let needles: Vec<&str> = words.iter().map(|(w, _)| w.trim_end_matches(' ')).collect();
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&needles)
            .expect("keywords build");
        Keywords {
            automaton,
            bits: words.iter().map(|(_, b)| *b).collect(),
            space_after: words.iter().map(|(w, _)| w.ends_with(' ')).collect(),
        }
    }

    /// The bits of the keywords in `hay`. Every bit is set when `hay` holds a
    /// character that case-insensitive patterns equate with an ASCII letter
    /// (`ſ` with `s`, the Kelvin sign with `k`), which this search would miss.
    pub fn scan(&self, hay: &str) -> u64 {
        if !hay.is_ascii() && hay.contains(['\u{17F}', '\u{212A}']) {
            return u64::MAX;
        }
        let mut found = 0;
        for m in self.automaton.find_overlapping_iter(hay) {
            let k = m.pattern().as_usize();
            if self.space_after[k] && !hay[m.end()..].chars().next().is_some_and(char::is_whitespace) {
                continue;
            }
            found |= self.bits[k];
        }
        found
    }
}

/// Cue words: bits telling which patterns can match in a sentence (see [`prepare`]).
pub mod cue {
    /// "claim" (also in "claimed", "unclaimed").
    pub const CLAIM: u64 = 1;
    pub const RESPONSIBILITY: u64 = 1 << 1;
    pub const CREDIT: u64 = 1 << 2;
    pub const SAID: u64 = 1 << 3;
    /// "no" followed by whitespace.
    pub const NO: u64 = 1 << 4;
    /// "deni", "deny", "reject", "dismissed", "disowned".
    pub const DENY: u64 = 1 << 5;
    /// The words every blame pattern has: "blam", "accus", "attributed", "suspected" ...
    pub const BLAME: u64 = 1 << 6;
    /// "behind", "responsible".
    pub const BEHIND: u64 = 1 << 7;
    /// A reporting verb: "said", "say", "told", "reported", "announced", ...
    pub const REPORTING: u64 = 1 << 8;
    pub const ACCORDING: u64 = 1 << 9;
    /// Words of time expressions without digits: month names (by their first
    /// three letters), "day" (weekdays, "yesterday", "today"), "night",
    /// "morning", "week", "ago", "month", "year".
    pub const DATE: u64 = 1 << 10;
}

static CUE_WORDS: LazyLock<Keywords> = LazyLock::new(|| {
    use cue::*;
    let mut words = vec![
        ("claim", CLAIM),
        ("responsibility", RESPONSIBILITY),
        ("credit", CREDIT),
        ("said", SAID | REPORTING),
        ("no ", NO),
        ("deni", DENY),
        ("deny", DENY),
        ("reject", DENY),
        ("dismissed", DENY),
        ("disowned", DENY),
        ("blam", BLAME),
        ("accus", BLAME),
        ("pointed", BLAME),
        ("attributed", BLAME),
        ("carried", BLAME),
        ("perpetrated", BLAME),
        ("orchestrated", BLAME),
        ("masterminded", BLAME),
        ("staged", BLAME),
        ("committed", BLAME),
        ("suspected", BLAME),
        ("believed", BLAME),
        ("thought", BLAME),
        ("presumed", BLAME),
        ("alleged", BLAME),
        ("behind", BEHIND),
        ("responsible", BEHIND),
        ("say", REPORTING),
        ("told", REPORTING),
        ("reported", REPORTING),
        ("announced", REPORTING),
        ("stated", REPORTING),
        ("confirmed", REPORTING),
        ("added", REPORTING),
        ("according", ACCORDING),
    ];
    let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let relative = ["day", "night", "morning", "week", "ago", "month", "year"];
    words.extend(months.into_iter().chain(relative).map(|w| (w, DATE)));
    Keywords::new(&words)
});

/// A sentence prepared for pattern matching: its text lower-cased (ASCII
/// letters only, so byte offsets do not move) and its [`cue`] bits.
pub struct Prepared {
    text: String,
    pub lower: String,
    pub cues: u64,
    /// Holds `ſ` or the Kelvin sign, which case-insensitive patterns equate
    /// with `s` and `k`: the lower-cased text cannot stand in for it.
    pub exotic: bool,
}

impl Prepared {
    /// True when one of the cue words in `bits` occurs (always for exotic text).
    pub fn any(&self, bits: u64) -> bool {
        self.cues & bits != 0
    }
}

thread_local! {
    static PREPARED: RefCell<Option<Rc<Prepared>>> = const { RefCell::new(None) };
}

/// The prepared form of `sentence`, computed once for consecutive calls on the same text.
pub fn prepare(sentence: &str) -> Rc<Prepared> {
    PREPARED.with(|cell| {
        let mut cached = cell.borrow_mut();
        if let Some(p) = cached.as_ref().filter(|p| p.text == sentence) {
            return p.clone();
        }
        // Reuse the buffers when no caller holds the previous sentence.
        let mut p = match cached.take().map(Rc::try_unwrap) {
            Some(Ok(p)) => p,
            _ => Prepared { text: String::new(), lower: String::new(), cues: 0, exotic: false },
        };
        p.text.clear();
        p.text.push_str(sentence);
        p.lower.clear();
        p.lower.push_str(sentence);
        p.lower.make_ascii_lowercase();
        p.cues = CUE_WORDS.scan(&p.lower);
        p.exotic = p.cues == u64::MAX;
        let p = Rc::new(p);
        *cached = Some(p.clone());
        p
    })
}

/// A case-insensitive pattern, also compiled case-sensitively to run on
/// ASCII-lower-cased text, where its literal prefilters work (several times
/// faster). Both find the same matches at the same offsets.
pub struct FoldedRegex {
    pattern: &'static str,
    lower: Regex,
    insensitive: OnceLock<Regex>,
}

impl FoldedRegex {
    /// `pattern` is written in lower case and without the `i` flag.
    pub fn new(pattern: &'static str) -> FoldedRegex {
        FoldedRegex { pattern, lower: Regex::new(pattern).expect("pattern compiles"), insensitive: OnceLock::new() }
    }

    /// The regex and haystack to search `sentence` (prepared as `p`) with;
    /// match offsets are the same in both haystacks.
    pub fn pick<'a>(&'a self, sentence: &'a str, p: &'a Prepared) -> (&'a Regex, &'a str) {
        if p.exotic { (self.insensitive(), sentence) } else { (&self.lower, &p.lower) }
    }

    /// The pattern as written, case-insensitive: for text in any case.
    pub fn insensitive(&self) -> &Regex {
        self.insensitive.get_or_init(|| Regex::new(&format!("(?i){}", self.pattern)).expect("pattern compiles"))
    }
}

/// Sentences of the sample articles and golden inputs, for tests of the prefilters.
#[cfg(test)]
pub(crate) fn sample_sentences() -> Vec<String> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut out = Vec::new();
    for dir in ["data/articles", "tests/golden/input"] {
        // tests/golden/input holds extra golden articles when there are any.
        let Ok(entries) = std::fs::read_dir(format!("{root}/{dir}")) else { continue };
        for entry in entries {
            let text = std::fs::read_to_string(entry.expect("entry").path()).unwrap_or_default();
            let spans = sentences(&text, Span::new(0, text.len()));
            out.extend(spans.into_iter().map(|s| text[s.start..s.end].to_string()));
        }
    }
    assert!(out.len() > 200, "{} sample sentences", out.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text, Span::new(0, text.len())).into_iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn splits_on_stops_but_not_abbreviations_or_initials() {
        let text = "Gen. Smith said 5 died. U.S. troops left. The J. Doe case ended! Why? Yes.";
        assert_eq!(
            split(text),
            vec!["Gen. Smith said 5 died.", "U.S. troops left.", "The J. Doe case ended!", "Why?", "Yes."]
        );
    }

    #[test]
    fn splits_on_newlines_and_keeps_offsets() {
        let text = "First line\nSecond line.";
        let spans = sentences(text, Span::new(0, text.len()));
        assert_eq!(spans, vec![Span::new(0, 10), Span::new(11, 23)]);
    }

    #[test]
    fn decimals_do_not_split() {
        assert_eq!(split("It measured 5.5 on the scale. Then"), vec!["It measured 5.5 on the scale.", "Then"]);
    }

    #[test]
    fn shouting_detects_upper_case_text() {
        assert!(is_shouting("THE FMLN ATTACKED A MILITARY POST IN SAN SALVADOR LAST NIGHT."));
        assert!(!is_shouting("The FMLN attacked a military post in San Salvador last night."));
    }

    #[test]
    fn keywords_set_bits_case_insensitively() {
        let k = Keywords::new(&[("claim", 1), ("no ", 2), ("said", 4 | 8)]);
        assert_eq!(k.scan("UNCLAIMED"), 1);
        assert_eq!(k.scan("north now no\u{a0}group"), 2);
        assert_eq!(k.scan("nothing"), 0);
        assert_eq!(k.scan("They Said"), 12);
        assert_eq!(k.scan("ſaid"), u64::MAX);
    }
}
