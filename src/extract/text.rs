//! Sentences, word boundaries and case heuristics over the original text.
//! Every span is a byte range into the text the caller passed in.

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
    let (mut upper, mut lower) = (0usize, 0usize);
    for c in text.chars().take(20_000) {
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
}
