//! Printing results as tables, JSON or CSV.

use std::io::{self, Write};

use anyhow::Result;
use ckg::model::{ActorRecord, ExtractedArticle, IncidentRecord};
use ckg::query::ActorProfile;
use ckg::store::Stats;

use crate::args::Format;

pub fn incidents(records: &[IncidentRecord], format: Format) -> Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, records)?;
            writeln!(out)?;
        }
        Format::Csv => {
            writeln!(out, "{}", CSV_HEADER.join(","))?;
            for r in records {
                writeln!(out, "{}", csv_row(r).join(","))?;
            }
        }
        Format::Table => table(&mut out, records)?,
    }
    out.flush()?;
    Ok(())
}

const CSV_HEADER: [&str; 17] = [
    "id",
    "type",
    "date_start",
    "date_end",
    "date_precision",
    "place",
    "country",
    "lat",
    "lon",
    "perpetrators",
    "claimed_by",
    "attributed_to",
    "denied_by",
    "killed",
    "injured",
    "captured",
    "summary",
];

fn names(actors: &[ActorRecord]) -> String {
    actors.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join("; ")
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn csv_row(r: &IncidentRecord) -> Vec<String> {
    let place = r.places.first();
    let fields = [
        r.id.clone(),
        r.kind.as_str().to_string(),
        opt(r.date.map(|d| d.start)),
        opt(r.date.map(|d| d.end)),
        opt(r.date.map(|d| d.precision.as_str())),
        opt(place.map(|p| p.name.clone())),
        opt(place.and_then(|p| p.country.clone())),
        opt(place.and_then(|p| p.lat)),
        opt(place.and_then(|p| p.lon)),
        names(&r.perpetrators),
        names(&r.claimed_by),
        names(&r.attributed_to),
        names(&r.denied_by),
        opt(r.killed),
        opt(r.injured),
        opt(r.captured),
        r.summary.clone(),
    ];
    fields.iter().map(|f| csv_escape(f)).collect()
}

fn csv_escape(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

fn table(out: &mut dyn Write, records: &[IncidentRecord]) -> Result<()> {
    if records.is_empty() {
        writeln!(out, "no incidents")?;
        return Ok(());
    }
    writeln!(
        out,
        "{:<25} {:<10} {:<15} {:<28} {:<30} {:>6} {:>6} {:>6}",
        "ID", "DATE", "TYPE", "PLACE", "RESPONSIBLE", "KILLED", "INJ", "CAPT"
    )?;
    for r in records {
        let date = r.date.map(|d| short_date(&d)).unwrap_or_default();
        let place = r
            .places
            .first()
            .map(|p| format!("{} ({})", p.name, p.country.clone().unwrap_or_default()))
            .unwrap_or_default();
        let responsible = responsible(r);
        writeln!(
            out,
            "{:<25} {:<10} {:<15} {:<28} {:<30} {:>6} {:>6} {:>6}",
            r.id,
            date,
            r.kind.as_str(),
            clip(&place, 28),
            clip(&responsible, 30),
            opt(r.killed),
            opt(r.injured),
            opt(r.captured)
        )?;
        writeln!(out, "    {}", clip(&r.summary, 120))?;
    }
    writeln!(out, "{} incident(s)", records.len())?;
    Ok(())
}

fn short_date(d: &ckg::model::DateRange) -> String {
    match d.precision {
        ckg::model::DatePrecision::Day => d.start.format("%Y-%m-%d").to_string(),
        ckg::model::DatePrecision::Month => d.start.format("%Y-%m").to_string(),
        ckg::model::DatePrecision::Year => d.start.format("%Y").to_string(),
    }
}

/// "claimed: X", else "attributed: Y", else the perpetrators.
fn responsible(r: &IncidentRecord) -> String {
    if !r.claimed_by.is_empty() {
        format!("claimed: {}", names(&r.claimed_by))
    } else if !r.attributed_to.is_empty() {
        format!("attrib.: {}", names(&r.attributed_to))
    } else {
        names(&r.perpetrators)
    }
}

fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let cut: String = text.chars().take(width.saturating_sub(3)).collect();
    format!("{cut}...")
}

pub fn profile(p: &ActorProfile, format: Format) -> Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, p)?;
            writeln!(out)?;
        }
        Format::Csv => {
            writeln!(out, "role,{}", CSV_HEADER.join(","))?;
            for r in &p.incidents {
                let role = p
                    .roles
                    .iter()
                    .filter(|(_, ids)| ids.contains(&r.id))
                    .map(|(k, _)| k.as_str())
                    .collect::<Vec<_>>()
                    .join(";");
                writeln!(out, "{},{}", csv_escape(&role), csv_row(r).join(","))?;
            }
        }
        Format::Table => {
            writeln!(out, "{} ({}, {})", p.name, p.kind.as_str(), p.id)?;
            if !p.aliases.is_empty() {
                writeln!(out, "aliases: {}", p.aliases.join(", "))?;
            }
            if !p.part_of.is_empty() {
                writeln!(out, "part of: {}", p.part_of.join(", "))?;
            }
            if !p.branches.is_empty() {
                writeln!(out, "branches: {}", p.branches.join(", "))?;
            }
            for (role, ids) in &p.roles {
                writeln!(out, "{role}: {} incident(s)", ids.len())?;
            }
            let co: Vec<String> = p.co_actors.iter().map(|c| format!("{} ({})", c.name, c.shared_incidents)).collect();
            if !co.is_empty() {
                writeln!(out, "co-occurs with: {}", co.join(", "))?;
            }
            writeln!(out)?;
            table(&mut out, &p.incidents)?;
        }
    }
    out.flush()?;
    Ok(())
}

pub fn stats(s: &Stats, format: Format) -> Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, s)?;
            writeln!(out)?;
        }
        Format::Csv => {
            writeln!(out, "what,kind,count")?;
            for (k, v) in &s.nodes {
                writeln!(out, "node,{k},{v}")?;
            }
            for (k, v) in &s.edges {
                writeln!(out, "edge,{k},{v}")?;
            }
        }
        Format::Table => {
            writeln!(out, "{:<16} {:>10}", "NODES", s.total_nodes())?;
            for (k, v) in &s.nodes {
                writeln!(out, "  {k:<14} {v:>10}")?;
            }
            writeln!(out, "{:<16} {:>10}", "EDGES", s.total_edges())?;
            for (k, v) in &s.edges {
                writeln!(out, "  {k:<14} {v:>10}")?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// The `ckg extract` JSON shape: `{"article": {...}, "incidents": [...]}`.
pub fn extracted_json(e: &ExtractedArticle) -> serde_json::Value {
    serde_json::json!({
        "article": {
            "title": e.article.title,
            "published": e.article.published.map(|p| p.to_rfc3339()),
            "url": e.article.url,
        },
        "incidents": e.incidents,
    })
}

pub fn extracted(e: &ExtractedArticle, format: Format) -> Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &extracted_json(e))?;
            writeln!(out)?;
        }
        Format::Csv => {
            writeln!(out, "{}", CSV_HEADER.join(","))?;
            for r in &e.incidents {
                writeln!(out, "{}", csv_row(r).join(","))?;
            }
        }
        Format::Table => {
            writeln!(out, "{}", e.article.title)?;
            table(&mut out, &e.incidents)?;
        }
    }
    out.flush()?;
    Ok(())
}
