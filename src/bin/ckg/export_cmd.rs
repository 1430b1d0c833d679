//! `ckg export dot|jsonl|graphml` and `ckg import jsonl`.

use std::io::{self, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use anyhow::{Context, Result, bail};
use ckg::Store;
use ckg::export::dot::{self, Selection};
use ckg::export::{graphml, jsonl};
use ckg::graph::GraphView;
use ckg::model::NodeId;
use clap::ValueEnum;

use crate::commands::open_existing;

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RenderFormat {
    Svg,
    Png,
}

impl RenderFormat {
    fn as_str(self) -> &'static str {
        match self {
            RenderFormat::Svg => "svg",
            RenderFormat::Png => "png",
        }
    }
}

/// What to draw: an actor's neighbourhood, one incident, or everything.
pub struct Pick {
    pub actor: Option<String>,
    pub incident: Option<String>,
}

impl Pick {
    fn view(&self, store: &Store) -> Result<GraphView> {
        let selection = match (&self.actor, &self.incident) {
            (Some(name), _) => Selection::Actor(name.clone()),
            (None, Some(id)) => Selection::Incident(id.parse::<NodeId>().map_err(anyhow::Error::msg)?),
            (None, None) => Selection::All,
        };
        Ok(dot::select(store, &selection)?)
    }
}

/// Runs `write` into `path`, or into stdout when there is none.
fn to_file_or_stdout(path: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    match path {
        Some(path) => {
            let file = std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            let mut out = io::BufWriter::new(file);
            write(&mut out)?;
            out.flush().with_context(|| format!("cannot write {}", path.display()))?;
        }
        None => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            write(&mut out)?;
            out.flush()?;
        }
    }
    Ok(())
}

/// `ckg export dot`: DOT to a file or stdout, or rendered by GraphViz with `--render`.
pub fn dot(db: &Path, pick: &Pick, output: Option<PathBuf>, render: Option<RenderFormat>) -> Result<ExitCode> {
    let store = open_existing(db)?;
    let view = pick.view(&store)?;
    match (render, output) {
        (Some(format), Some(path)) => {
            let mut text = Vec::new();
            dot::write_dot(&store, &view, &mut text)?;
            render_dot(&text, format, &path)?;
            eprintln!("rendered {} ({} nodes)", path.display(), view.node_count());
        }
        (Some(_), None) => bail!("--render needs an output file: ckg export dot --render svg OUT"),
        (None, Some(path)) => {
            to_file_or_stdout(Some(&path), |out| Ok(dot::write_dot(&store, &view, out)?))?;
            eprintln!("wrote {} ({} nodes)", path.display(), view.node_count());
        }
        (None, None) => to_file_or_stdout(None, |out| Ok(dot::write_dot(&store, &view, out)?))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Pipes `text` through GraphViz `dot -T<format> -o <path>`.
fn render_dot(text: &[u8], format: RenderFormat, path: &Path) -> Result<()> {
    let spawned = Command::new("dot")
        .arg(format!("-T{}", format.as_str()))
        .arg("-o")
        .arg(path)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            bail!("graphviz `dot` not found; install graphviz (Debian: apt-get install graphviz)")
        }
        Err(e) => return Err(e).context("cannot run graphviz `dot`"),
    };
    let mut stdin = child.stdin.take().context("no stdin for `dot`")?;
    let written = stdin.write_all(text);
    drop(stdin);
    let out = child.wait_with_output().context("graphviz `dot` did not finish")?;
    if !out.status.success() {
        let reason = String::from_utf8_lossy(&out.stderr);
        bail!("graphviz `dot` failed ({}): {}", out.status, reason.trim());
    }
    written.context("cannot write to graphviz `dot`")?;
    Ok(())
}

/// `ckg export jsonl`: the whole store, losslessly.
pub fn jsonl(db: &Path, output: Option<PathBuf>) -> Result<ExitCode> {
    let store = open_existing(db)?;
    let mut written = jsonl::Written::default();
    to_file_or_stdout(output.as_deref(), |out| {
        written = jsonl::write(&store, out)?;
        Ok(())
    })?;
    eprintln!(
        "exported {} nodes, {} edges, {} index entries, {} meta entries",
        written.nodes, written.edges, written.index_entries, written.meta
    );
    Ok(ExitCode::SUCCESS)
}

/// `ckg export graphml`.
pub fn graphml(db: &Path, pick: &Pick, output: Option<PathBuf>) -> Result<ExitCode> {
    let store = open_existing(db)?;
    let view = pick.view(&store)?;
    to_file_or_stdout(output.as_deref(), |out| Ok(graphml::write_graphml(&store, &view, out)?))?;
    Ok(ExitCode::SUCCESS)
}

/// `ckg import jsonl FILE...`: loads dumps made by `ckg export jsonl` (- reads stdin).
pub fn import_jsonl(db: &Path, files: &[PathBuf]) -> Result<ExitCode> {
    let store = Store::open(db)?;
    for file in files {
        let name = file.display().to_string();
        let outcome = if file.as_os_str() == "-" {
            jsonl::read(&store, io::stdin().lock(), "<stdin>")?
        } else {
            let f = std::fs::File::open(file).with_context(|| format!("cannot open {name}"))?;
            jsonl::read(&store, BufReader::new(f), &name)?
        };
        eprintln!(
            "{name}: {} nodes ({} new), {} edges ({} new), {} index entries, {} meta entries",
            outcome.nodes,
            outcome.new_nodes,
            outcome.edges,
            outcome.new_edges,
            outcome.names + outcome.dates,
            outcome.meta
        );
    }
    Ok(ExitCode::SUCCESS)
}
