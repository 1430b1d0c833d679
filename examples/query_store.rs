//! Opens a ckg store and prints the incidents an actor claimed.
//!
//! ```text
//! cargo run --release -- ingest data/articles          # builds ./ckg.db
//! cargo run --release --example query_store -- ckg.db "Islamic State"
//! ```
//!
//! Arguments: the store directory (default `ckg.db`) and an actor name or alias
//! (default "Islamic State"). Branches of the actor (PART_OF) count as the actor.

use std::process::ExitCode;

use ckg::{Store, StoreConfig};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "ckg.db".to_string());
    let actor = args.next().unwrap_or_else(|| "Islamic State".to_string());
    match run(&path, &actor) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run(path: &str, actor: &str) -> ckg::Result<()> {
    // Queries should not create an empty store by accident.
    let config = StoreConfig { must_exist: true, ..StoreConfig::default() };
    let store = Store::open_with(path, &config)?;
    let claimed = ckg::query::claims(&store, actor)?;
    println!("{} incident(s) claimed by {actor}:", claimed.len());
    for incident in &claimed {
        let when = incident
            .date
            .map(|d| format!("{}..{} ({})", d.start, d.end, d.precision.as_str()))
            .unwrap_or_else(|| "date unknown".into());
        let place = incident
            .places
            .first()
            .map(|p| format!("{} ({})", p.name, p.country.as_deref().unwrap_or("?")))
            .unwrap_or_else(|| "place unknown".into());
        let killed = incident.killed.map(|k| format!(", {k} killed")).unwrap_or_default();
        println!("- {} {when} in {place}{killed}", incident.kind.as_str());
        println!("  {}", incident.summary);
    }
    Ok(())
}
