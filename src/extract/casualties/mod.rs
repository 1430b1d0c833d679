//! Casualty counts: killed, injured and captured, from digits, words and
//! lists ("killed 15 of the militants, a guard and a policeman" = 17).
//!
//! Rules (documented in EVAL.md): "at least N", "more than N" and "over N"
//! count N; a range counts its lower bound; lists joined by commas and "and"
//! are summed; "including N ..." is a subset and not added; separate
//! statements about one category in a clause keep the largest; vague words use
//! the values in [`super::numbers`] ("dozens" = 24).

mod shares;
mod tolls;

use super::lexicon::PEOPLE;
use super::numbers::word_value;
use super::phrases::PhraseTable;
use super::single;
use super::text::Span;
use super::tokens::{Token, tokenize};
use crate::model::ActorKind;
pub use shares::{across, one_of};
use tolls::{death_toll, no_casualties};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    Killed,
    Injured,
    Captured,
}

/// A counted group of people ("four Western cyclists").
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub span: Span,
    pub value: u32,
    /// Span of the noun phrase without the number ("Western cyclists").
    pub noun_span: Option<Span>,
    pub kind: Option<ActorKind>,
    /// "of the militants": a part of a group named before (usually the attackers).
    pub partitive: bool,
    /// "27 of them children": a subset of the count before it, not added.
    pub subset: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Counts {
    pub killed: Option<u32>,
    pub injured: Option<u32>,
    pub captured: Option<u32>,
    /// "the death toll rose to 31": replaces earlier figures.
    pub toll: Option<u32>,
    /// Counted groups with their category, for victims.
    pub items: Vec<(Category, Item)>,
}

impl Counts {
    /// Keeps one attack's share of totals over `n` attacks (see [`shares`]).
    pub fn divide(&mut self, n: u32) {
        for slot in [&mut self.killed, &mut self.injured, &mut self.captured, &mut self.toll] {
            *slot = slot.map(|v| shares::share(v, n));
        }
    }

    fn set(&mut self, cat: Category, value: u32) {
        let slot = match cat {
            Category::Killed => &mut self.killed,
            Category::Injured => &mut self.injured,
            Category::Captured => &mut self.captured,
        };
        *slot = Some(slot.map_or(value, |old| old.max(value)));
    }
}

pub(super) fn category(word: &str) -> Option<Category> {
    match word {
        "killed" | "killing" | "kills" | "kill" | "slain" | "dead" | "died" | "executed" | "massacred" | "beheaded"
        | "murdered" | "deaths" | "fatalities" | "lives" | "perished" | "bodies" | "assassinated" | "lynched"
        | "decapitated" | "slaughtered" => Some(Category::Killed),
        "wounded" | "wounding" | "injured" | "injuring" | "hurt" | "injuries" | "wounds" => Some(Category::Injured),
        "captured" | "capturing" | "arrested" | "abducted" | "abducting" | "kidnapped" | "kidnapping" | "seized"
        | "detained" | "hostage" | "hostages" | "apprehended" | "nabbed" | "abduction" => Some(Category::Captured),
        _ => None,
    }
}

const QUANTIFIERS: &[&str] = &[
    "at",
    "least",
    "more",
    "than",
    "over",
    "about",
    "around",
    "nearly",
    "almost",
    "some",
    "up",
    "to",
    "as",
    "many",
    "estimated",
    "approximately",
    "roughly",
    "between",
    "another",
    "additional",
    "further",
    "a",
    "an",
    "total",
];
const AUX: &[&str] = &[
    "summarily",
    "fatally",
    "mortally",
    "critically",
    "seriously",
    "slightly",
    "badly",
    "eventually",
    "were",
    "was",
    "have",
    "has",
    "had",
    "been",
    "are",
    "is",
    "reportedly",
    "also",
    "later",
    "all",
    "being",
    "got",
    "subsequently",
    "allegedly",
    "confirmed",
    "found",
];
const SUBSET_CUES: &[&str] = &["including", "among", "whom", "them", "included"];

/// Counts in one clause.
pub fn count(text: &str, span: Span) -> Counts {
    let toks = tokenize(text, span.start, span.end);
    let mut counts = Counts::default();
    if let Some(zero) = no_casualties(&toks) {
        for cat in zero {
            counts.set(cat, 0);
        }
    }
    let chains = chains(text, &toks);
    for (start, end, items) in chains {
        let total: u32 = items.iter().map(|i| i.value).sum();
        let Some(cat) = chain_category(text, &toks, start, end).or_else(|| remains(&toks, start, end)) else {
            continue;
        };
        counts.set(cat, total);
        counts.items.extend(items.into_iter().map(|i| (cat, i)));
    }
    death_toll(&toks, &mut counts);
    if in_addition_to_one(text, &toks) {
        counts.killed = counts.killed.map(|k| k + 1);
    }
    counts
}

/// "In addition to the assailant, three people were killed": the one named
/// first died too.
fn in_addition_to_one(text: &str, toks: &[Token]) -> bool {
    let keys: Vec<&str> = toks.iter().take(4).map(|t| t.key.as_str()).collect();
    if keys.len() < 4 || keys[..3] != ["in", "addition", "to"] || !matches!(keys[3], "the" | "a" | "an") {
        return false;
    }
    (4..8.min(toks.len())).find(|&k| text[toks[k - 1].end..toks[k].start].contains(',')).is_some_and(|comma| {
        let last = &toks[comma - 1];
        person_noun(toks, comma - 1).is_some() && single::singular(&last.key)
    })
}

/// Runs of items joined by commas or "and": (first token, token after last, items).
fn chains(text: &str, toks: &[Token]) -> Vec<(usize, usize, Vec<Item>)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let negated = i > 0 && matches!(toks[i - 1].key.as_str(), "no" | "not");
        let Some((first, mut next)) = item(text, toks, i).filter(|_| !negated) else {
            i += 1;
            continue;
        };
        let start = i;
        let mut items = vec![first];
        loop {
            let mut j = next;
            if toks.get(j).is_some_and(|t| t.key == "and") {
                j += 1;
            } else if !(j < toks.len() && text[toks[j - 1].end..toks[j].start].contains(',')) {
                break;
            }
            if j >= toks.len() {
                break; // a text ending in "and"
            }
            // "killed Jane Doe, a teacher,": an apposition names the same person again.
            let apposition = items.last().is_some_and(|p: &Item| p.value == 1 && p.noun_span.is_none())
                && toks[j].key != "and"
                && matches!(toks[j].key.as_str(), "a" | "an" | "the");
            if toks[j].key != "and" && elaboration(text, toks, &items, j) {
                break;
            }
            match item(text, toks, j) {
                Some((it, after)) if it.kind.is_some() && !it.subset && !apposition => {
                    items.push(it);
                    next = after;
                }
                _ => break,
            }
        }
        out.push((start, next, items));
        i = next.max(i + 1);
    }
    out
}

/// "Two civilians, a teacher and a farmer, were killed": single people listed
/// after a count, the list closed by a comma before the verb, name the people
/// counted again and are not added to them.
fn elaboration(text: &str, toks: &[Token], items: &[Item], j: usize) -> bool {
    if !(items.len() == 1 && items[0].value > 1 && matches!(toks[j].key.as_str(), "a" | "an")) {
        return false;
    }
    (j + 1..(j + 30).min(toks.len()))
        .take_while(|&k| !text[toks[k - 1].end..toks[k].start].contains(['.', ';']))
        .any(|k| text[toks[k - 1].end..toks[k].start].contains(',') && matches!(toks[k].key.as_str(), "were" | "are"))
}

/// One counted group starting at token `i`.
fn item(text: &str, toks: &[Token], i: usize) -> Option<(Item, usize)> {
    if let Some(found) = definite_person(text, toks, i) {
        return Some(found);
    }
    let clause_start = i == 0 || text[toks[i - 1].end..toks[i].start].contains([';', '.', ':']);
    if let Some(found) = single::object(text, toks, i).or_else(|| single::subject(text, toks, i, clause_start)) {
        return Some(found);
    }
    let mut j = i;
    while j < toks.len() && j - i < 4 && QUANTIFIERS.contains(&toks[j].key.as_str()) && !is_article_count(toks, j) {
        j += 1;
    }
    let number_start = j;
    let value = if is_article_count(toks, j) {
        j += 1;
        1
    } else {
        let (v, after) = number(toks, j)?;
        j = after;
        v
    };
    // A range "20 to 25" or "20-25" counts its lower bound.
    if toks.get(j).is_some_and(|t| matches!(t.key.as_str(), "to" | "or" | "and"))
        && number(toks, j + 1).is_some_and(|(_, a)| a > j + 1 && !person_at(toks, j + 1))
    {
        j = number(toks, j + 1)?.1;
    }
    let mut partitive = false;
    let mut subset = false;
    if toks.get(j).is_some_and(|t| t.key == "of")
        && toks
            .get(j + 1)
            .is_some_and(|t| matches!(t.key.as_str(), "the" | "them" | "those" | "whom" | "its" | "their"))
    {
        partitive = true;
        subset = matches!(toks[j + 1].key.as_str(), "them" | "whom");
        j += 2;
    }
    // "one National Directorate of Security (NDS) officer": the noun after a name.
    let named = single::after_proper_name(text, toks, j);
    let first_k = if named > j && person_at(toks, named) { named } else { j };
    for k in first_k..(first_k + 4).min(toks.len()) {
        if (k > first_k || first_k == j)
            && k > 0
            && text[toks[k - 1].end..toks[k].start].contains([',', ';', '.', ':', '(', ')'])
        {
            break;
        }
        if let Some((kind, len)) = person_noun(toks, k) {
            let (end, kind) = compound_end(text, toks, k + len, kind);
            let noun_span = Span::new(toks[j.min(k)].start, toks[end - 1].end);
            let span = Span::new(toks[i].start, toks[end - 1].end);
            if text[span.start..span.end].contains(['.', ';'])
                || first_k == j && text[span.start..span.end].contains('(')
            {
                return None;
            }
            return Some((Item { span, value, noun_span: Some(noun_span), kind: Some(kind), partitive, subset }, end));
        }
        if category(&toks[k].key).is_some() || AUX.contains(&toks[k].key.as_str()) {
            break;
        }
    }
    // "17 killed", "dozens dead", "3 were wounded": a bare count before a verb;
    // "wounding 36": a bare count after one.
    let next = toks.get(j);
    let before_verb =
        next.is_some_and(|n| category(&n.key).is_some() || (AUX.contains(&n.key.as_str()) && number_start == i));
    let after_verb = i > 0
        && category(&toks[i - 1].key).is_some()
        && next.is_none_or(|n| {
            text[toks[j - 1].end..n.start].contains([',', '.', ';']) || n.key == "and" || n.key == "others"
        });
    let end = if next.is_some_and(|n| n.key == "others") { j + 1 } else { j };
    let span = Span::new(toks[i].start, toks[end - 1].end);
    (before_verb || after_verb).then_some((Item { span, value, noun_span: None, kind: None, partitive, subset }, end))
}

/// "The police chief was killed", "his wife Jane Doe was killed": one
/// named-by-role person, in the passive.
fn definite_person(text: &str, toks: &[Token], i: usize) -> Option<(Item, usize)> {
    if !matches!(toks.get(i)?.key.as_str(), "the" | "his" | "her" | "their") {
        return None;
    }
    for k in i + 1..(i + 4).min(toks.len()) {
        if let Some((kind, len)) = person_noun(toks, k) {
            let (end, kind) = compound_end(text, toks, k + len, kind);
            let singular = !toks[end - 1].key.ends_with('s');
            let after = single::skip_name(text, toks, end);
            let passive = toks.get(after).is_some_and(|t| t.key == "was");
            if !(singular && passive) {
                return None;
            }
            let span = Span::new(toks[i].start, toks[end - 1].end);
            let noun_span = Some(Span::new(toks[i + 1].start, toks[end - 1].end));
            return Some((Item { span, value: 1, noun_span, kind: Some(kind), partitive: false, subset: false }, end));
        }
    }
    None
}

/// Extends a people noun ending before `end` over the people nouns that head
/// a compound with it: "volunteer fighter", "the owner's son".
fn compound_end(text: &str, toks: &[Token], mut end: usize, mut kind: ActorKind) -> (usize, ActorKind) {
    loop {
        let gap = |k: usize| text[toks[k - 1].end..toks[k].start].trim();
        let possessive = toks.get(end).is_some_and(|t| t.key == "s" && matches!(gap(end), "'" | "\u{2019}"));
        let at = end + usize::from(possessive);
        if at >= toks.len() || !(possessive || gap(at).is_empty()) {
            return (end, kind);
        }
        let Some((next, len)) = person_noun(toks, at) else { return (end, kind) };
        (end, kind) = (at + len, next);
    }
}

fn is_article_count(toks: &[Token], j: usize) -> bool {
    if !toks.get(j).is_some_and(|t| t.key == "a" || t.key == "an" || t.key == "one") {
        return false;
    }
    let Some(d) = (1..=4).find(|&d| person_at(toks, j + d)) else { return false };
    // "an unknown number of people", "a total of 12 soldiers": not one person.
    !toks[j + 1..j + d].iter().any(|t| matches!(t.key.as_str(), "number" | "total" | "handful"))
}

fn person_at(toks: &[Token], j: usize) -> bool {
    person_noun(toks, j).is_some()
}

static PEOPLE_TABLE: std::sync::LazyLock<PhraseTable<ActorKind>> = std::sync::LazyLock::new(|| {
    let people = PEOPLE.iter().copied().chain(super::roles::role_nouns());
    PhraseTable::new(people.map(|(w, k)| (w.to_string(), k)))
});

/// True for a word that names people ("workers", "students", "protesters").
pub fn is_people_word(word: &str) -> bool {
    let table = &*PEOPLE_TABLE;
    table.get(word).is_some() || plural_get(table, word).is_some()
}

/// `table.get(word + "s")`, building the key on the stack: this runs for
/// almost every token, where a `format!` per call was a visible cost.
fn plural_get<'t>(table: &'t PhraseTable<ActorKind>, word: &str) -> Option<&'t ActorKind> {
    let mut buf = [0u8; 64];
    let n = word.len();
    if n >= buf.len() {
        return table.get(&format!("{word}s"));
    }
    buf[..n].copy_from_slice(word.as_bytes());
    buf[n] = b's';
    // A valid string followed by an ASCII byte is valid.
    std::str::from_utf8(&buf[..=n]).ok().and_then(|key| table.get(key))
}

pub(super) fn person_noun(toks: &[Token], j: usize) -> Option<(ActorKind, usize)> {
    let one = &toks.get(j)?.key;
    if let Some((2, kind)) = PEOPLE_TABLE.longest_at(toks, j) {
        return Some((*kind, 2));
    }
    // Singular and plural forms count alike: "chief"/"chiefs", "contractor"/"contractors".
    let table = &*PEOPLE_TABLE;
    let kind = table
        .get(one)
        .or_else(|| plural_get(table, one))
        .or_else(|| one.strip_suffix('s').and_then(|s| table.get(s)))?;
    Some((*kind, 1))
}

/// A number of one or more tokens ("twenty one", "1,200", "two hundred").
fn number(toks: &[Token], j: usize) -> Option<(u32, usize)> {
    let first = toks.get(j)?;
    if matches!(first.key.as_str(), "a" | "an" | "no" | "both") {
        return None;
    }
    let mut value = word_value(&first.key)?;
    let mut k = j + 1;
    // "1,200" tokenises as "1" "200".
    while let Some(t) = toks.get(k) {
        let joined_digits = t.key.len() == 3
            && t.key.bytes().all(|b| b.is_ascii_digit())
            && toks[k - 1].end + 1 == t.start
            && first.key.bytes().all(|b| b.is_ascii_digit());
        if joined_digits {
            value = value.saturating_mul(1000).saturating_add(t.key.parse::<u32>().ok()?);
        } else if t.key == "hundred" {
            value = value.saturating_mul(100);
        } else if t.key == "thousand" {
            value = value.saturating_mul(1000);
        } else if value >= 20 && value % 10 == 0 && value < 100 {
            match word_value(&t.key).filter(|v| *v < 10 && *v > 0) {
                Some(unit) => value += unit,
                None => break,
            }
        } else {
            break;
        }
        k += 1;
    }
    Some((value, k))
}

/// What the chain `start..end` counts: the verb before it ("killed 5 ...",
/// "leaving 3 dead") or after it ("5 soldiers were killed").
fn chain_category(text: &str, toks: &[Token], start: usize, end: usize) -> Option<Category> {
    let before = |d: usize| start.checked_sub(d).and_then(|i| toks.get(i)).map(|t| t.key.as_str());
    if before(1).is_some_and(|w| SUBSET_CUES.contains(&w))
        || (before(1) == Some("of") && before(2).is_some_and(|w| SUBSET_CUES.contains(&w)))
    {
        return None;
    }
    let mut k = skip_apposition(text, toks, end);
    while toks.get(k).is_some_and(|t| AUX.contains(&t.key.as_str())) {
        k += 1;
    }
    // "were among the dead", "among the wounded".
    if toks.get(k).is_some_and(|t| t.key == "among") && toks.get(k + 1).is_some_and(|t| t.key == "the") {
        k += 2;
    }
    if single::passive_kill_at(toks, k) {
        return Some(Category::Killed);
    }
    // "killed 5, wounded 3": the verb right before the count governs it, not one after a comma.
    let comma_after = toks.get(k).is_some_and(|t| text[toks[k - 1].end..t.start].contains(','));
    if comma_after
        && before(1).and_then(category).is_some()
        && !matches!(before(1), Some("dead" | "died" | "deaths" | "lives" | "bodies"))
    {
        return before(1).and_then(category);
    }
    if single::kill_verb_before(toks, start) {
        return Some(Category::Killed);
    }
    if let Some(cat) = toks.get(k).and_then(|t| category(&t.key)) {
        let shot_dead =
            toks.get(k).is_some_and(|t| t.key == "shot") && toks.get(k + 1).is_some_and(|t| t.key == "dead");
        return Some(if shot_dead { Category::Killed } else { cat });
    }
    if toks.get(k).is_some_and(|t| t.key == "shot" || t.key == "taken" || t.key == "held") {
        let next = toks.get(k + 1).map(|t| t.key.as_str());
        return match next {
            Some("dead") => Some(Category::Killed),
            Some("hostage") | Some("captive") | Some("prisoner") => Some(Category::Captured),
            _ => None,
        };
    }
    let mut b = 1;
    if before(1) == Some("of") {
        b = 2; // "the killing of four cyclists"
    }
    let verb = before(b)?;
    if matches!(verb, "left" | "leaving" | "leave" | "leaves") {
        return toks.get(end).filter(|t| t.key == "dead").map(|_| Category::Killed);
    }
    if verb == "lives" || (verb == "of" && before(b + 1) == Some("lives")) {
        return Some(Category::Killed);
    }
    // "led to the death of three inmates", "the bodies of four soldiers".
    if b == 2
        && matches!(
            verb,
            "death" | "deaths" | "execution" | "executions" | "murder" | "murders" | "bodies" | "body" | "remains"
        )
    {
        return Some(Category::Killed);
    }
    category(verb)
        .filter(|c| *c != Category::Killed || !matches!(verb, "dead" | "died" | "deaths" | "lives" | "bodies"))
}

/// Skips ", most of them schoolgirls," or "(Jane Doe)" between a count and its verb.
fn skip_apposition(text: &str, toks: &[Token], end: usize) -> usize {
    let Some(first) = toks.get(end) else { return end };
    if end > 0 && text[toks[end - 1].end..first.start].contains('(') {
        let close = (end + 1..(end + 8).min(toks.len())).find(|&k| text[toks[k - 1].end..toks[k].start].contains(')'));
        return close.unwrap_or(end);
    }
    let comma = end > 0 && text[toks[end - 1].end..first.start].contains(',');
    if !comma && first.key != "including" {
        return end;
    }
    // ", including two soldiers, one police officer and a civilian, were killed": a long list.
    if comma && first.key == "including" {
        let verb = (end + 1..(end + 25).min(toks.len()))
            .take_while(|&k| !text[toks[k - 1].end..toks[k].start].contains(['.', ';']))
            .find(|&k| {
                matches!(toks[k].key.as_str(), "were" | "was") && text[toks[k - 1].end..toks[k].start].contains(',')
            });
        if let Some(k) = verb {
            return k;
        }
    }
    for k in end + 1..(end + 30).min(toks.len()) {
        if text[toks[k - 1].end..toks[k].start].contains(['.', ';']) {
            break;
        }
        let closes = text[toks[k - 1].end..toks[k].start].contains(',');
        // ", including soldiers and assailants were killed": no closing comma.
        if closes || (!comma || first.key == "including") && AUX.contains(&toks[k].key.as_str()) {
            return k;
        }
    }
    end
}

/// "30 bodies were found", "claimed 10 lives", "two soldiers lost their lives":
/// counts that say they are deaths without a casualty verb.
fn remains(toks: &[Token], start: usize, end: usize) -> Option<Category> {
    let last = toks.get(end.checked_sub(1)?)?.key.as_str();
    let before = start.checked_sub(1).map(|i| toks[i].key.as_str());
    if matches!(last, "bodies" | "body") || last == "lives" && !matches!(before, Some("saved" | "saving" | "save")) {
        return Some(Category::Killed);
    }
    let at = |d: usize| toks.get(end + d).map(|t| t.key.as_str());
    let lost = matches!(at(0), Some("lost" | "losing")) && matches!(at(1), Some("their" | "his" | "her"));
    (lost && matches!(at(2), Some("lives" | "life"))).then_some(Category::Killed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(text: &str) -> (Option<u32>, Option<u32>, Option<u32>) {
        let counts = count(text, Span::new(0, text.len()));
        (counts.killed, counts.injured, counts.captured)
    }

    #[test]
    fn sums_lists_across_categories_of_people() {
        assert_eq!(c("triggering a gun battle that killed 15 of the militants, a guard and a policeman, Tajik authorities said").0, Some(17));
    }

    #[test]
    fn passive_counts_and_words() {
        assert_eq!(c("Five of the gunmen were captured after the attack").2, Some(5));
        assert_eq!(c("four soldiers were killed and 12 were wounded"), (Some(4), Some(12), None));
        assert_eq!(c("At least 30 people were killed, including 12 children").0, Some(30));
    }

    #[test]
    fn vague_ranges_and_tolls() {
        assert_eq!(c("a prison riot in May which left dozens dead").0, Some(24));
        assert_eq!(c("between 20 and 25 villagers were killed").0, Some(20));
        assert_eq!(c("the death toll rose to 31 on Monday").0, Some(31));
        assert_eq!(c("the killing of four Western cyclists").0, Some(4));
        assert_eq!(c("gunmen abducted 12 students").2, Some(12));
        assert_eq!(c("killing three soldiers and wounding five others").0, Some(3));
    }

    #[test]
    fn zero_and_noise() {
        assert_eq!(c("No casualties were reported."), (Some(0), Some(0), None));
        assert_eq!(c("No one was killed in the blast").0, Some(0));
        assert_eq!(c("It was fired 50 km from the border in 2019"), (None, None, None));
        assert_eq!(c("The bomb killed 1,200 people").0, Some(1200));
    }
}
