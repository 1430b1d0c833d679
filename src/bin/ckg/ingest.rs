//! `ckg ingest` and `ckg extract`.

use std::io::{self, BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use ckg::extract::{ExtractOptions, Extractor, MAX_ARTICLE_BYTES, parse_published};
use ckg::{IngestOutcome, Store};
use serde::Deserialize;

use crate::args::{Format, TextArgs};
use crate::output;

/// Why a file was not ingested.
enum Outcome {
    Ingested { incidents: usize, merged: usize },
    Unchanged,
    Skipped(String),
    Failed(String),
}

pub fn run(db: &Path, paths: &[PathBuf], text: &TextArgs) -> Result<ExitCode> {
    let options = options(text)?;
    let files = collect_files(paths)?;
    let store = Store::open(db)?;
    let extractor = extractor_for(&store)?;
    let (mut ingested, mut incidents, mut merged, mut unchanged, mut skipped, mut failed) = (0, 0, 0, 0, 0, 0);
    for file in &files {
        let outcome = ingest_file(&store, &extractor, file, &options);
        let shown = file.display();
        match outcome {
            Outcome::Ingested { incidents: n, merged: m } => {
                ingested += 1;
                incidents += n;
                merged += m;
                eprintln!(
                    "ingested {shown}: {n} incident(s){}",
                    if m > 0 { format!(", {m} merged with earlier reports") } else { String::new() }
                );
            }
            Outcome::Unchanged => {
                unchanged += 1;
                eprintln!("unchanged {shown}: already stored");
            }
            Outcome::Skipped(reason) => {
                skipped += 1;
                eprintln!("skipped {shown}: {reason}");
            }
            Outcome::Failed(reason) => {
                failed += 1;
                eprintln!("failed {shown}: {reason}");
            }
        }
    }
    store.flush()?;
    eprintln!(
        "{} file(s): {ingested} ingested ({incidents} incidents, {merged} merged), {unchanged} unchanged, {skipped} skipped, {failed} failed; store {}",
        files.len(),
        db.display()
    );
    if failed > 0 {
        bail!("{failed} of {} file(s) could not be ingested (see above); everything else was stored", files.len());
    }
    Ok(ExitCode::SUCCESS)
}

/// Files named, and the `.txt` files of directories named, in sorted order.
fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
        if meta.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .with_context(|| format!("cannot list {}", path.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "txt"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn ingest_file(store: &Store, extractor: &Extractor, file: &Path, options: &ExtractOptions) -> Outcome {
    let text = match read_article(file) {
        Ok(Ok(text)) => text,
        Ok(Err(skip)) => return Outcome::Skipped(skip),
        Err(fail) => return Outcome::Failed(fail),
    };
    let extracted = match extractor.extract_article(&text, Some(options)) {
        Ok(e) => e,
        Err(e) => return Outcome::Failed(e.to_string()),
    };
    if extracted.incidents.is_empty() {
        return Outcome::Skipped("no incident found in the text".into());
    }
    match store.ingest(&extracted) {
        Ok(IngestOutcome::Ingested { incidents, merged, .. }) => Outcome::Ingested { incidents, merged },
        Ok(IngestOutcome::Unchanged { .. }) => Outcome::Unchanged,
        Err(e) => Outcome::Failed(e.to_string()),
    }
}

/// Reads a file as article text: Err for failures, Ok(Err) for clean skips.
fn read_article(file: &Path) -> Result<Result<String, String>, String> {
    let meta = std::fs::metadata(file).map_err(|e| format!("cannot read: {e}"))?;
    if meta.len() == 0 {
        return Ok(Err("empty file".into()));
    }
    if meta.len() > MAX_ARTICLE_BYTES as u64 {
        return Err(format!(
            "{} bytes is larger than the {} byte limit for one article",
            meta.len(),
            MAX_ARTICLE_BYTES
        ));
    }
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read: {e}"))?;
    check_text(&bytes).map(Ok)
}

/// Rejects binary data and invalid UTF-8 with the offending byte offset.
fn check_text(bytes: &[u8]) -> Result<String, String> {
    if let Some(pos) = bytes.iter().take(8192).position(|b| *b == 0) {
        return Err(format!("binary file (NUL byte at offset {pos}), not article text"));
    }
    String::from_utf8(bytes.to_vec()).map_err(|e| format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()))
}

fn options(text: &TextArgs) -> Result<ExtractOptions> {
    let published = match &text.published {
        None => None,
        Some(p) => Some(
            parse_published(p)
                .with_context(|| format!("--published {p:?}: expected YYYY-MM-DD or an RFC 3339 timestamp"))?,
        ),
    };
    Ok(ExtractOptions { published, title: text.title.clone() })
}

/// `ckg extract FILE|-` and `ckg extract --batch FILE|-`.
pub fn extract(input: &str, text: &TextArgs, batch: bool, format: Option<Format>) -> Result<ExitCode> {
    let options = options(text)?;
    let extractor = Extractor::shared();
    if batch {
        return extract_batch(input, &extractor, &options);
    }
    let content = if input == "-" {
        let mut buf = Vec::new();
        io::stdin().read_to_end(&mut buf).context("cannot read stdin")?;
        check_text(&buf).map_err(|e| anyhow::anyhow!("<stdin>: {e}"))?
    } else {
        match read_article(Path::new(input)) {
            Ok(Ok(t)) => t,
            Ok(Err(skip)) => bail!("{input}: {skip}"),
            Err(fail) => bail!("{input}: {fail}"),
        }
    };
    let extracted = extractor.extract_article(&content, Some(&options)).with_context(|| input.to_string())?;
    let format = format.unwrap_or(Format::Json);
    output::extracted(&extracted, format)?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Deserialize)]
struct BatchLine {
    id: serde_json::Value,
    text: String,
    published: Option<String>,
    title: Option<String>,
}

fn extract_batch(input: &str, extractor: &Extractor, defaults: &ExtractOptions) -> Result<ExitCode> {
    let reader: Box<dyn BufRead> = if input == "-" {
        Box::new(io::BufReader::new(io::stdin()))
    } else {
        Box::new(io::BufReader::new(std::fs::File::open(input).with_context(|| format!("cannot open {input}"))?))
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    for (n, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("{input}:{}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let value = batch_line(&line, extractor, defaults)
            .unwrap_or_else(|(id, err)| serde_json::json!({"id": id, "error": format!("line {}: {err}", n + 1)}));
        serde_json::to_writer(&mut out, &value)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn batch_line(
    line: &str,
    extractor: &Extractor,
    defaults: &ExtractOptions,
) -> Result<serde_json::Value, (serde_json::Value, String)> {
    let parsed: BatchLine = serde_json::from_str(line).map_err(|e| {
        let id = serde_json::from_str::<serde_json::Value>(line)
            .ok()
            .and_then(|v| v.get("id").cloned())
            .unwrap_or(serde_json::Value::Null);
        (id, format!("bad JSON line: {e}"))
    })?;
    let mut options = defaults.clone();
    if let Some(p) = &parsed.published {
        options.published =
            Some(parse_published(p).ok_or((parsed.id.clone(), format!("published {p:?} is not a date")))?);
    }
    if parsed.title.is_some() {
        options.title = parsed.title.clone();
    }
    let extracted =
        extractor.extract_article(&parsed.text, Some(&options)).map_err(|e| (parsed.id.clone(), e.to_string()))?;
    let mut value = output::extracted_json(&extracted);
    value["id"] = parsed.id;
    Ok(value)
}

/// The shared extractor, extended with any dictionaries imported into the store.
fn extractor_for(store: &Store) -> Result<std::sync::Arc<Extractor>> {
    let extra = store.dictionary_entries()?;
    if extra.is_empty() {
        return Ok(Extractor::shared());
    }
    let actors = ckg::extract::ActorDict::bundled().extend(extra);
    Ok(std::sync::Arc::new(Extractor::with_actors(actors)))
}
