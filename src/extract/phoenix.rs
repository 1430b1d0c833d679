//! Reader for Phoenix/PETRARCH (TABARI) actor dictionaries.
//!
//! ```text
//! ABU_NIDAL_ORGANIZATION [IMGMUSALQ] # comment
//! +ARAB_REVOLUTIONARY_BRIGADES_
//! AFGHAN_NATIONAL_SECURITY_FORCES
//!     [AFGMIL]
//! ```
//!
//! A line starting with a name opens an entry, `+NAME_` adds an alias, and
//! `[CODE dates]` (on the same line or indented below) gives CAMEO codes: the
//! first three letters a country (ISO alpha-3) or `IGO`/`NGO`, then roles
//! (`REB`, `MIL`, `GOV`, ...). Roles decide the actor kind. Bare country entries
//! (`AFGHANISTAN_ [AFG]`) are skipped: places come from the gazetteer.

use super::gazetteer::Gazetteer;
use crate::error::{Error, Result};
use crate::model::{ActorEntry, ActorKind};

struct Pending {
    name: String,
    aliases: Vec<String>,
    codes: Vec<String>,
    line: usize,
}

/// Parses a dictionary; `source` names the file in errors.
pub fn parse(text: &str, source: &str, gazetteer: &Gazetteer) -> Result<Vec<ActorEntry>> {
    let mut entries = Vec::new();
    let mut current: Option<Pending> = None;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim_end();
        if line.trim().is_empty() {
            continue;
        }
        let trimmed = line.trim();
        if let Some(alias) = trimmed.strip_prefix('+') {
            match current.as_mut() {
                Some(p) => p.aliases.push(display_name(alias)),
                None => {
                    return Err(Error::input(format!("{source}:{}", n + 1), "alias line (+NAME_) before any entry"));
                }
            }
        } else if trimmed.starts_with('[') {
            if let Some(p) = current.as_mut() {
                p.codes.extend(codes(trimmed));
            }
        } else {
            entries.extend(current.take().and_then(|p| finish(p, gazetteer)));
            let (name, rest) = trimmed.split_once('[').map_or((trimmed, ""), |(a, b)| (a, b));
            current = Some(Pending {
                name: display_name(name),
                aliases: Vec::new(),
                codes: codes(&format!("[{rest}")),
                line: n + 1,
            });
        }
    }
    entries.extend(current.take().and_then(|p| finish(p, gazetteer)));
    if entries.is_empty() {
        return Err(Error::input(source, "no actor entries found: not a Phoenix/TABARI .actors file?"));
    }
    Ok(entries)
}

fn codes(text: &str) -> Vec<String> {
    text.split('[')
        .filter_map(|part| part.split(']').next())
        .filter_map(|inside| inside.split_whitespace().next())
        .filter(|code| code.len() >= 3 && code.chars().all(|c| c.is_ascii_alphanumeric()))
        .map(str::to_string)
        .collect()
}

/// `ABU_NIDAL_ORGANIZATION_` -> `Abu Nidal Organization`; parenthesised acronyms keep their case.
fn display_name(raw: &str) -> String {
    let words: Vec<String> = raw
        .trim()
        .trim_end_matches('_')
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.starts_with('(') || (w.len() <= 4 && !w.chars().any(|c| "AEIOU".contains(c))) {
                w.to_string()
            } else {
                let lower = w.to_lowercase();
                let mut chars = lower.chars();
                chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
            }
        })
        .collect();
    words.join(" ")
}

fn finish(p: Pending, gazetteer: &Gazetteer) -> Option<ActorEntry> {
    let code = p.codes.first()?;
    if code.len() <= 3 || p.name.len() < 3 {
        return None; // a country, or a stray fragment
    }
    let (prefix, roles) = code.split_at(3);
    let country = gazetteer.country_index(prefix).map(|i| gazetteer.countries[i as usize].iso2.clone());
    let kind = kind_of(prefix, roles, &p.codes);
    let _ = p.line;
    Some(ActorEntry { name: p.name, kind, country, parent: None, aliases: p.aliases })
}

fn kind_of(prefix: &str, roles: &str, all: &[String]) -> ActorKind {
    let has = |role: &str| roles.contains(role) || all.iter().any(|c| c.len() > 3 && c[3..].contains(role));
    if matches!(prefix, "IMG" | "REB" | "INS" | "UAF") {
        ActorKind::ArmedGroup
    } else if matches!(prefix, "IGO" | "NGO" | "MNC") || has("NGO") || has("IGO") {
        ActorKind::Organization
    } else if has("REB") || has("INS") || has("IMG") || has("SEP") || has("UAF") || has("RAD") {
        ActorKind::ArmedGroup
    } else if has("MIL") || has("COP") || has("SPY") {
        ActorKind::StateForce
    } else if has("ELI") && all.len() > 1 {
        ActorKind::Person
    } else if has("GOV") || has("LEG") || has("JUD") {
        ActorKind::Government
    } else {
        ActorKind::Organization
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_entries_aliases_and_codes() {
        let text = "# header\nABU_NIDAL_ORGANIZATION [IMGMUSALQ] #  kkl\n+FATAH_REVOLUTIONARY_COUNCIL_\n\n\
                    AFGHANISTAN_  [AFG]\nAFGHAN_NATIONAL_SECURITY_FORCES\n\t[AFGMIL]\n";
        let g = Gazetteer::bundled();
        let entries = parse(text, "test.actors", &g).expect("parses");
        assert_eq!(entries.len(), 2, "{entries:?}");
        assert_eq!(entries[0].name, "Abu Nidal Organization");
        assert_eq!(entries[0].kind, ActorKind::ArmedGroup);
        assert_eq!(entries[0].aliases, vec!["Fatah Revolutionary Council".to_string()]);
        assert_eq!(entries[1].kind, ActorKind::StateForce);
        assert_eq!(entries[1].country.as_deref(), Some("AF"));
    }

    #[test]
    fn alias_before_entry_is_an_error_with_the_line() {
        let g = Gazetteer::bundled();
        let err = parse("# x\n+ORPHAN_\n", "bad.actors", &g).expect_err("invalid");
        assert!(err.to_string().contains("bad.actors:2"), "{err}");
    }
}
