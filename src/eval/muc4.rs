//! MUC-4 role-filler extraction, scored with CEAF-REE as in the GRIT paper:
//! per role, predicted and gold entities are matched one to one; a predicted
//! entity matches a gold one when one of its strings equals one of the gold
//! mentions after [`muc_normalize`]. Micro-averaged over the five roles, with
//! a head-noun relaxed variant. See EVAL.md.

use std::path::Path;
use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;
use serde_json::Value;

use super::gtd::to_datetime;
use super::metrics::{Prf, head_token, max_matching, muc_normalize};
use super::names::is_named;
use super::{Runner, Scoring, list};
use crate::error::{Error, Result};
use crate::extract::ExtractOptions;
use crate::model::{ActorKind, ActorRecord, ExtractedArticle, IncidentType};

/// The five MUC-4 roles, in the order of [`MucGold::roles`].
pub const ROLES: [&str; 5] =
    ["perp_individual_id", "perp_organization_id", "phys_tgt_id", "hum_tgt_name", "incident_instrument_id"];

/// One role's entities: each entity is a list of strings that name it.
pub type Entities = Vec<Vec<String>>;

/// One MUC-4 document with its gold templates, merged per role.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MucGold {
    pub id: String,
    pub doc: String,
    pub roles: [Entities; 5],
}

impl MucGold {
    /// Reads `{doc, roles: {role: [[mention, ...], ...]}}`.
    pub fn from_json(id: &str, v: &Value) -> std::result::Result<MucGold, String> {
        let doc = v.get("doc").and_then(Value::as_str).ok_or("no \"doc\" string")?;
        let roles = v.get("roles").ok_or("no \"roles\" object")?;
        let mut gold = MucGold { id: id.to_string(), doc: doc.to_string(), roles: Default::default() };
        for (slot, role) in gold.roles.iter_mut().zip(ROLES) {
            let Some(entities) = roles.get(role) else {
                continue;
            };
            let entities = entities.as_array().ok_or_else(|| format!("role {role} is not a list"))?;
            for entity in entities {
                let mentions = entity.as_array().ok_or_else(|| format!("an entity of {role} is not a list"))?;
                let strings: Vec<String> = mentions.iter().filter_map(Value::as_str).map(str::to_string).collect();
                if !strings.is_empty() {
                    slot.push(strings);
                }
            }
        }
        Ok(gold)
    }
}

/// The publication date: a dateline like "SAN SALVADOR, 3 JAN 90" near the
/// start of the document, else 1 January 1990 (the corpus covers 1989-90
/// and the files carry no date).
pub fn publication_date(doc: &str) -> NaiveDate {
    static DATELINE: OnceLock<Regex> = OnceLock::new();
    let re = DATELINE.get_or_init(|| {
        Regex::new(r"(?i)\b(\d{1,2}) (JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]* (\d{2}|\d{4})\b")
            .expect("dateline pattern compiles")
    });
    let mut cut = doc.len().min(300);
    while !doc.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &doc[..cut];
    let found = re.captures(head).and_then(|c| {
        let day: u32 = c[1].parse().ok()?;
        let month = 1 + ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
            .iter()
            .position(|m| m.eq_ignore_ascii_case(&c[2]))? as u32;
        let mut year: i32 = c[3].parse().ok()?;
        if year < 100 {
            year += 1900;
        }
        NaiveDate::from_ymd_opt(year, month, day)
    });
    found.unwrap_or(NaiveDate::from_ymd_opt(1990, 1, 1).expect("valid date"))
}

pub(super) fn run(path: &Path, runner: &mut Runner) -> Result<Vec<String>> {
    let raw = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let all: Value =
        serde_json::from_str(&raw).map_err(|e| Error::input(runner.at(e.line() as u64), format!("not JSON: {e}")))?;
    let docs = all.as_object().ok_or_else(|| Error::input(runner.at(1), "expected one object keyed by document id"))?;
    declare(runner);
    for (id, v) in docs {
        if runner.limit_reached() {
            break;
        }
        runner.count_row();
        let line = line_of(&raw, id);
        let gold = match MucGold::from_json(id, v) {
            Ok(g) => g,
            Err(msg) => {
                runner.bad_row(Error::input(runner.at(line), format!("{id}: {msg}")));
                continue;
            }
        };
        let options = ExtractOptions { published: to_datetime(publication_date(&gold.doc)), title: None };
        runner.example(id, line, &gold.doc, &options, |pred, scoring| score_muc(&gold, pred, scoring));
    }
    Ok(vec![
        "MUC-4: no publication date in the files; a dateline in the first 300 bytes is used when present, else 1990-01-01".into(),
    ])
}

/// Line of the document's key in the raw file (1-based; 0 when not found).
fn line_of(raw: &str, id: &str) -> u64 {
    let key = format!("\"{id}\"");
    raw.find(&key).map_or(0, |at| raw[..at].matches('\n').count() as u64 + 1)
}

fn declare(runner: &mut Runner) {
    let sheet = runner.sheet_mut();
    sheet.declare_prf("micro (5 roles)");
    sheet.declare_prf("micro, head noun");
    for role in ROLES {
        sheet.declare_prf(role);
    }
    for role in ROLES {
        sheet.declare_prf(&format!("{role}, head noun"));
    }
}

/// Scores one document: per role exact and head-noun matches, and their micro sums.
pub fn score_muc(gold: &MucGold, pred: &ExtractedArticle, scoring: &mut Scoring) {
    let predicted = predicted_roles(pred);
    let (mut micro, mut micro_head) = (Prf::default(), Prf::default());
    for (i, role) in ROLES.iter().enumerate() {
        let exact = ceaf_ree(&predicted[i], &gold.roles[i], false);
        let head = ceaf_ree(&predicted[i], &gold.roles[i], true);
        micro.add(exact);
        micro_head.add(head);
        scoring.prf(role, exact, || {
            let p: Vec<&str> = predicted[i].iter().map(|e| e[0].as_str()).collect();
            let g: Vec<&str> = gold.roles[i].iter().map(|e| e[0].as_str()).collect();
            format!("gold {}, predicted {}", list(&g), list(&p))
        });
        scoring.extra_prf(&format!("{role}, head noun"), head);
    }
    scoring.extra_prf("micro (5 roles)", micro);
    scoring.extra_prf("micro, head noun", micro_head);
}

/// CEAF-REE for one role: the size of a maximum one-to-one matching between
/// predicted and gold entities, as tp, with the unmatched ones as fp and fn.
/// With `head`, strings match when their last normalised tokens are equal.
pub fn ceaf_ree(predicted: &Entities, gold: &Entities, head: bool) -> Prf {
    let norm = |e: &Vec<String>| -> Vec<String> {
        e.iter()
            .map(|s| muc_normalize(s))
            .map(|s| if head { head_token(&s).unwrap_or("").to_string() } else { s })
            .filter(|s| !s.is_empty())
            .collect()
    };
    let p: Vec<Vec<String>> = predicted.iter().map(norm).collect();
    let g: Vec<Vec<String>> = gold.iter().map(norm).collect();
    let tp = max_matching(p.len(), g.len(), |i, j| p[i].iter().any(|s| g[j].contains(s)));
    Prf::from_sizes(tp, p.len(), g.len())
}

/// Words dropped from the front of a perpetrator mention ("five unidentified
/// men" gives "unidentified men").
const LEADING: &[&str] = &[
    "a",
    "an",
    "the",
    "some",
    "several",
    "many",
    "few",
    "numerous",
    "various",
    "other",
    "these",
    "those",
    "this",
    "that",
    "their",
    "its",
    "his",
    "her",
    "at",
    "least",
    "about",
    "around",
    "approximately",
    "more",
    "than",
    "over",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "hundred",
    "hundreds",
    "dozen",
    "dozens",
    "group",
    "of",
];

/// `mention` without leading determiners and numbers.
pub fn strip_leading(mention: &str) -> String {
    let words: Vec<&str> = mention.split_whitespace().collect();
    let skip = words
        .iter()
        .take_while(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_ascii_lowercase();
            LEADING.contains(&w.as_str()) || (!w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
        })
        .count();
    if skip == words.len() {
        return mention.trim().to_string();
    }
    words[skip..].join(" ")
}

/// ckg's output over all incidents of a document, mapped to the five roles
/// (strings deduplicated; entities sharing a normalised string merged).
pub fn predicted_roles(pred: &ExtractedArticle) -> [Entities; 5] {
    let mut roles: [Entities; 5] = Default::default();
    for inc in pred.incidents.iter().filter(|i| is_muc_incident(i.kind)) {
        let responsible = inc.perpetrators.iter().chain(&inc.claimed_by).chain(&inc.attributed_to);
        for a in responsible.filter(|a| is_named(a) && is_organisation(a.kind)) {
            add(&mut roles[1], vec![a.mention.clone(), a.name.clone()]);
        }
        // An implicit perpetrator is not in the text: no string to score.
        let individual =
            |a: &&ActorRecord| matches!(a.kind, ActorKind::Unidentified | ActorKind::Person) && !a.implicit;
        for a in inc.perpetrators.iter().filter(individual) {
            let mut strings = vec![strip_leading(&a.mention)];
            if a.kind == ActorKind::Person && is_named(a) {
                strings.push(a.name.clone());
            }
            add(&mut roles[0], strings);
        }
        for a in inc.targets.iter().chain(&inc.victims) {
            // The file's human-target role holds people's names only ("hum_tgt_name").
            let slot = match a.kind {
                ActorKind::Facility => 2,
                ActorKind::Person if is_named(a) => 3,
                _ => continue,
            };
            let mut strings = vec![a.mention.clone()];
            if is_named(a) {
                strings.push(a.name.clone());
            }
            // "TWO POWER PYLONS", "THEIR AIRCRAFT": the object without its
            // count or possessive, as for perpetrators.
            let bare = strip_leading(&a.mention);
            if slot == 2 && muc_normalize(&bare) != muc_normalize(&a.mention) {
                strings.push(bare);
            }
            add(&mut roles[slot], strings);
        }
        for w in &inc.weapons {
            add(&mut roles[4], vec![w.clone()]);
        }
    }
    roles
}

/// MUC-4 templates describe terrorist acts (attack, bombing, kidnapping,
/// arson, ...): an arrest, a protest or a non-violent event is none of them.
fn is_muc_incident(t: IncidentType) -> bool {
    !matches!(t, IncidentType::Arrest | IncidentType::Protest | IncidentType::Other)
}

fn is_organisation(kind: ActorKind) -> bool {
    matches!(kind, ActorKind::ArmedGroup | ActorKind::StateForce | ActorKind::Government | ActorKind::Organization)
}

/// Adds an entity, merging it into one that shares a normalised string.
fn add(entities: &mut Entities, strings: Vec<String>) {
    let strings: Vec<String> = strings.into_iter().filter(|s| !muc_normalize(s).is_empty()).collect();
    if strings.is_empty() {
        return;
    }
    let keys: Vec<String> = strings.iter().map(|s| muc_normalize(s)).collect();
    let existing = entities.iter_mut().find(|e| e.iter().any(|s| keys.contains(&muc_normalize(s))));
    match existing {
        Some(e) => {
            for s in strings {
                if !e.contains(&s) {
                    e.push(s);
                }
            }
        }
        None => entities.push(strings),
    }
}
