//! Time expressions, resolved against the publication date.
//!
//! News counts days back from publication: "on Tuesday" is the latest Tuesday
//! on or before the publication day, "overnight" the night before it, "in May"
//! the latest May not after it.

use std::sync::LazyLock;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use regex::Regex;

use super::text::{Span, cue, prepare};
use crate::model::{DatePrecision, DateRange};

/// A time expression found in text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeExpr {
    pub span: Span,
    pub range: DateRange,
    /// Said of the report, not the event ("said on Wednesday").
    pub reporting: bool,
    /// A calendar date ("June 5", "2021-06-05"), more reliable than a weekday or "last week".
    pub explicit: bool,
}

const MONTHS: &str = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";
const WEEKDAYS: &str = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";

static PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    let p = format!(
        r"(?ix)
        \b(?P<iso>(?:19|20)\d\d-\d\d-\d\d)\b
      | \b(?P<mdy>\d{{1,2}})/(?P<mdy_d>\d{{1,2}})/(?P<mdy_y>(?:19|20)\d\d)\b
      | \b(?P<dm_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm_m>{MONTHS})\.?(?:,?\s+(?P<dm_y>(?:19|20)\d\d))?\b
      | \b(?P<md_m>{MONTHS})\.?\s+(?P<md_d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<md_y>(?:19|20)\d\d)\b)?
      | \b(?:in|during|since|by|from|until|early|late|mid-?)\s+(?P<m_m>{MONTHS})\b(?:\s+(?P<m_y>(?:19|20)\d\d)\b)?
      | \b(?P<my_m>{MONTHS})\s+(?P<my_y>(?:19|20)\d\d)\b
      | \b(?:in|during|since)\s+(?P<y>(?:19|20)\d\d)\b
      | \b(?:on|last|this|early|late)?\s*(?P<wd>{WEEKDAYS})(?:\s+(?:night|morning|evening|afternoon))?\b
      | \b(?P<overnight>overnight|late\s+last\s+night|last\s+night|yesterday|today|this\s+morning|this\s+week|earlier\s+today|tonight)\b
      | \b(?P<ago_n>\w+)\s+(?P<ago_u>days?|weeks?|months?|years?)\s+ago\b
      | \b(?P<rel>earlier\s+this\s+month|this\s+month|last\s+month|earlier\s+this\s+year|this\s+year|last\s+year|last\s+week|previous\s+year|the\s+previous\s+month)\b
    "
    );
    Regex::new(&p).expect("date pattern compiles")
});

/// The named groups of [`PATTERN`], read by index: by name costs a hash per look-up.
#[derive(Clone, Copy)]
enum G {
    Iso,
    Mdy,
    MdyD,
    MdyY,
    DmD,
    DmM,
    DmY,
    MdM,
    MdD,
    MdY,
    MM,
    MY,
    MyM,
    MyY,
    Y,
    Wd,
    Overnight,
    AgoN,
    AgoU,
    Rel,
}

const GROUP_NAMES: [&str; 20] = [
    "iso",
    "mdy",
    "mdy_d",
    "mdy_y",
    "dm_d",
    "dm_m",
    "dm_y",
    "md_m",
    "md_d",
    "md_y",
    "m_m",
    "m_y",
    "my_m",
    "my_y",
    "y",
    "wd",
    "overnight",
    "ago_n",
    "ago_u",
    "rel",
];

static GROUP_INDEX: LazyLock<[usize; 20]> = LazyLock::new(|| {
    GROUP_NAMES.map(|name| PATTERN.capture_names().position(|n| n == Some(name)).expect("named group"))
});

fn group<'h>(caps: &regex::Captures<'h>, g: G) -> Option<regex::Match<'h>> {
    caps.get(GROUP_INDEX[g as usize])
}

static REPORTING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(said|says|told|announced|reported|added|stated|confirmed|quoted|statement|spokesman|spokesperson|news conference|responsibility|credit|claimed|claim|denied|condemned|video|released)\W+(?:\w+\W+){0,2}$")
        .expect("reporting pattern compiles")
});

/// All time expressions in `text[span]`, resolved against `published`.
pub fn find(text: &str, span: Span, published: NaiveDate) -> Vec<TimeExpr> {
    let slice = &text[span.start..span.end];
    let mut out = Vec::new();
    // Every pattern needs an ASCII digit or one of the date cue words.
    if !slice.bytes().any(|b| b.is_ascii_digit()) && !prepare(slice).any(cue::DATE) {
        return out;
    }
    for caps in PATTERN.captures_iter(slice) {
        let whole = caps.get(0).expect("group 0");
        let Some(range) = resolve(&caps, published) else {
            continue;
        };
        let before = &slice[..whole.start()];
        let after = &slice[whole.end()..];
        if group(&caps, G::Overnight).is_some_and(|m| m.as_str().eq_ignore_ascii_case("overnight"))
            && adjective_use(after)
        {
            continue; // "an overnight raid" says nothing about which night
        }
        let reporting = REPORTING.is_match(before);
        let explicit = [G::Iso, G::Mdy, G::DmD, G::MdM].into_iter().any(|g| group(&caps, g).is_some());
        let trimmed = whole.as_str().trim_start();
        let lead = whole.as_str().len() - trimmed.len();
        out.push(TimeExpr {
            span: Span::new(span.start + whole.start() + lead, span.start + whole.end()),
            range,
            reporting,
            explicit,
        });
    }
    out
}

/// "overnight raid", "overnight attack": used as an adjective.
fn adjective_use(after: &str) -> bool {
    let next = after.trim_start().split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    matches!(
        next.to_ascii_lowercase().as_str(),
        "raid"
            | "raids"
            | "attack"
            | "attacks"
            | "assault"
            | "curfew"
            | "operation"
            | "offensive"
            | "ambush"
            | "stay"
            | "bombing"
    )
}

fn resolve(caps: &regex::Captures<'_>, published: NaiveDate) -> Option<DateRange> {
    let get = |g: G| group(caps, g).map(|m| m.as_str());
    if let Some(iso) = get(G::Iso) {
        return NaiveDate::parse_from_str(iso, "%Y-%m-%d").ok().map(day);
    }
    if let Some(m) = get(G::Mdy) {
        let (m, d, y) = (m.parse().ok()?, get(G::MdyD)?.parse().ok()?, get(G::MdyY)?.parse().ok()?);
        return NaiveDate::from_ymd_opt(y, m, d).map(day);
    }
    if let Some(d) = get(G::DmD) {
        return day_month(d, get(G::DmM)?, get(G::DmY), published);
    }
    if let Some(m) = get(G::MdM) {
        return day_month(get(G::MdD)?, m, get(G::MdY), published);
    }
    if let Some(m) = get(G::MM).or(get(G::MyM)) {
        return month(m, get(G::MY).or(get(G::MyY)), published);
    }
    if let Some(y) = get(G::Y) {
        return year(y.parse().ok()?);
    }
    if let Some(wd) = get(G::Wd) {
        return weekday(wd, published);
    }
    if let Some(word) = get(G::Overnight) {
        return relative_day(&word.to_ascii_lowercase(), published);
    }
    if let Some(n) = get(G::AgoN) {
        return ago(n, get(G::AgoU)?, published);
    }
    get(G::Rel).and_then(|r| relative_period(&r.to_ascii_lowercase(), published))
}

pub fn day(date: NaiveDate) -> DateRange {
    DateRange { start: date, end: date, precision: DatePrecision::Day, assumed: false }
}

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    let names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    names.iter().position(|m| lower.starts_with(m)).map(|i| i as u32 + 1)
}

fn day_month(d: &str, m: &str, y: Option<&str>, published: NaiveDate) -> Option<DateRange> {
    let (d, m) = (d.parse().ok()?, month_number(m)?);
    let date = match y {
        Some(y) => NaiveDate::from_ymd_opt(y.parse().ok()?, m, d)?,
        None => {
            let this_year = NaiveDate::from_ymd_opt(published.year(), m, d)?;
            // A date later than publication (allowing for time zones) is last year's.
            if this_year > published + Days::new(1) {
                NaiveDate::from_ymd_opt(published.year() - 1, m, d)?
            } else {
                this_year
            }
        }
    };
    Some(day(date))
}

pub fn month_range(year: i32, m: u32) -> Option<DateRange> {
    let start = NaiveDate::from_ymd_opt(year, m, 1)?;
    let end = start.checked_add_months(Months::new(1))?.pred_opt()?;
    Some(DateRange { start, end, precision: DatePrecision::Month, assumed: false })
}

fn month(m: &str, y: Option<&str>, published: NaiveDate) -> Option<DateRange> {
    let m = month_number(m)?;
    let year = match y {
        Some(y) => y.parse().ok()?,
        None if m > published.month() => published.year() - 1,
        None => published.year(),
    };
    month_range(year, m)
}

pub fn year(y: i32) -> Option<DateRange> {
    Some(DateRange {
        start: NaiveDate::from_ymd_opt(y, 1, 1)?,
        end: NaiveDate::from_ymd_opt(y, 12, 31)?,
        precision: DatePrecision::Year,
        assumed: false,
    })
}

fn weekday(name: &str, published: NaiveDate) -> Option<DateRange> {
    let target: Weekday = name.parse().ok()?;
    let back = (7 + published.weekday().num_days_from_monday() - target.num_days_from_monday()) % 7;
    Some(day(published - Days::new(u64::from(back))))
}

fn relative_day(word: &str, published: NaiveDate) -> Option<DateRange> {
    let yesterday = published.pred_opt()?;
    let words: Vec<&str> = word.split_whitespace().collect();
    match words.as_slice() {
        ["overnight"] => {
            Some(DateRange { start: yesterday, end: published, precision: DatePrecision::Day, assumed: false })
        }
        ["yesterday"] | ["last", "night"] | ["late", "last", "night"] => Some(day(yesterday)),
        ["this", "week"] => Some(DateRange {
            start: published - Days::new(u64::from(published.weekday().num_days_from_monday())),
            end: published,
            precision: DatePrecision::Day,
            assumed: false,
        }),
        _ => Some(day(published)),
    }
}

fn ago(n: &str, unit: &str, published: NaiveDate) -> Option<DateRange> {
    let n = u64::from(super::numbers::word_value(n)?);
    let unit = unit.trim_end_matches('s').to_ascii_lowercase();
    match unit.as_str() {
        "day" => Some(day(published - Days::new(n))),
        "week" => Some(day(published - Days::new(7 * n))),
        "month" => {
            let d = published.checked_sub_months(Months::new(n as u32))?;
            month_range(d.year(), d.month())
        }
        _ => year(published.year() - n as i32),
    }
}

fn relative_period(phrase: &str, published: NaiveDate) -> Option<DateRange> {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    match words.as_slice() {
        [.., "this", "month"] => Some(DateRange {
            start: published.with_day(1)?,
            end: published,
            precision: DatePrecision::Month,
            assumed: false,
        }),
        ["last", "month"] | ["the", "previous", "month"] => {
            let d = published.checked_sub_months(Months::new(1))?;
            month_range(d.year(), d.month())
        }
        ["last", "week"] => {
            let monday = published - Days::new(u64::from(published.weekday().num_days_from_monday()) + 7);
            Some(DateRange { start: monday, end: monday + Days::new(6), precision: DatePrecision::Day, assumed: false })
        }
        [.., "this", "year"] => year(published.year()),
        _ => year(published.year() - 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve_one(text: &str, published: &str) -> (String, DateRange) {
        let published = NaiveDate::parse_from_str(published, "%Y-%m-%d").unwrap();
        let found = find(text, Span::new(0, text.len()), published);
        let first = found.first().unwrap_or_else(|| panic!("no date in {text:?}"));
        (text[first.span.start..first.span.end].to_string(), first.range)
    }

    fn ymd(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn overnight_spans_the_night_before_publication() {
        let (_, r) = resolve_one("militants attacked overnight", "2019-11-06");
        assert_eq!((r.start, r.end, r.precision), (ymd("2019-11-05"), ymd("2019-11-06"), DatePrecision::Day));
    }

    #[test]
    fn weekday_is_latest_on_or_before_publication() {
        // 2019-11-06 was a Wednesday.
        assert_eq!(resolve_one("on Tuesday", "2019-11-06").1.start, ymd("2019-11-05"));
        assert_eq!(resolve_one("on Wednesday", "2019-11-06").1.start, ymd("2019-11-06"));
        assert_eq!(resolve_one("on Sunday night", "2019-11-06").1.start, ymd("2019-11-03"));
    }

    #[test]
    fn months_and_years_carry_their_precision() {
        let r = resolve_one("a prison riot in May which", "2019-11-06").1;
        assert_eq!((r.start, r.end, r.precision), (ymd("2019-05-01"), ymd("2019-05-31"), DatePrecision::Month));
        let r = resolve_one("in December", "2019-11-06").1;
        assert_eq!(r.start, ymd("2018-12-01"));
        let r = resolve_one("cyclists last year", "2019-11-06").1;
        assert_eq!((r.start, r.precision), (ymd("2018-01-01"), DatePrecision::Year));
        let r = resolve_one("earlier this month", "2019-11-06").1;
        assert_eq!((r.start, r.precision), (ymd("2019-11-01"), DatePrecision::Month));
    }

    #[test]
    fn explicit_dates_in_common_formats() {
        assert_eq!(resolve_one("on 5 January", "2021-03-01").1.start, ymd("2021-01-05"));
        assert_eq!(resolve_one("on March 3", "2021-03-10").1.start, ymd("2021-03-03"));
        assert_eq!(resolve_one("01/05/2021: Assailants", "2021-03-01").1.start, ymd("2021-01-05"));
        assert_eq!(resolve_one("on 2020-12-31", "2021-03-01").1.start, ymd("2020-12-31"));
        assert_eq!(resolve_one("On December 28, 2020 gunmen", "2021-03-01").1.start, ymd("2020-12-28"));
        // A day after publication belongs to the previous year.
        assert_eq!(resolve_one("on 20 December", "2021-03-01").1.start, ymd("2020-12-20"));
    }

    #[test]
    fn relative_counts() {
        assert_eq!(resolve_one("three days ago", "2021-03-10").1.start, ymd("2021-03-07"));
        assert_eq!(resolve_one("yesterday", "2021-03-10").1.start, ymd("2021-03-09"));
        let r = resolve_one("last month", "2021-03-10").1;
        assert_eq!((r.start, r.precision), (ymd("2021-02-01"), DatePrecision::Month));
    }

    /// The prefilter in `find` lets through every sentence the pattern matches.
    #[test]
    fn date_cues_cover_every_match() {
        let mut matched = 0;
        for s in crate::extract::text::sample_sentences() {
            if PATTERN.is_match(&s) {
                matched += 1;
                let digit = s.bytes().any(|b| b.is_ascii_digit());
                assert!(digit || prepare(&s).any(cue::DATE), "{s:?} has a time expression but no cue");
            }
        }
        assert!(matched > 50, "{matched} matches");
    }

    #[test]
    fn reporting_time_is_flagged() {
        let text = "killed 17, Tajik authorities said on Wednesday";
        let found = find(text, Span::new(0, text.len()), ymd("2019-11-06"));
        assert_eq!(found.len(), 1);
        assert!(found[0].reporting);
    }
}
