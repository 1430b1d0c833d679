//! Zero counts ("no casualties") and death tolls ("the toll rose to 31").

use super::super::tokens::Token;
use super::{Category, Counts, category, number};

/// "no casualties", "no one was killed", "nobody was hurt".
pub(super) fn no_casualties(toks: &[Token]) -> Option<Vec<Category>> {
    for (i, t) in toks.iter().enumerate() {
        let next = toks.get(i + 1).map(|t| t.key.as_str());
        let after = toks.get(i + 2).map(|t| t.key.as_str());
        let lookahead: Vec<&str> = toks[i + 1..(i + 5).min(toks.len())].iter().map(|t| t.key.as_str()).collect();
        let negated = (t.key == "no"
            && matches!(
                next,
                Some("one") | Some("casualties") | Some("deaths") | Some("injuries") | Some("fatalities")
            ))
            || t.key == "nobody"
            || (t.key == "no" && next == Some("immediate") && after == Some("casualties"));
        if !negated {
            continue;
        }
        if lookahead.contains(&"casualties") {
            return Some(vec![Category::Killed, Category::Injured]);
        }
        if let Some(cat) = lookahead.iter().find_map(|w| category(w)) {
            return Some(vec![cat]);
        }
        if next == Some("one") && lookahead.contains(&"hurt") {
            return Some(vec![Category::Killed, Category::Injured]);
        }
    }
    None
}

/// "the death toll rose to 31".
pub(super) fn death_toll(toks: &[Token], counts: &mut Counts) {
    for (i, t) in toks.iter().enumerate() {
        if t.key != "toll" {
            continue;
        }
        for j in i + 1..(i + 7).min(toks.len()) {
            if let Some((value, _)) = number(toks, j) {
                if toks[j - 1].key == "to"
                    || toks[j - 1].key == "at"
                    || toks[j - 1].key == "reached"
                    || toks[j - 1].key == "of"
                {
                    counts.set(Category::Killed, value);
                    counts.toll = Some(value);
                }
                break;
            }
        }
    }
}
