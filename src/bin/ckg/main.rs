//! The `ckg` command-line tool: a thin layer over the `ckg` library.

mod args;
mod commands;
mod eval;
mod export_cmd;
mod import_cmd;
mod ingest;
mod output;
mod query_cmd;
mod shell;
mod traverse_cmd;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

// glibc malloc was a third of import time in profiles (sled allocates per insert).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    no_huge_pages();
    let args = args::Cli::parse();
    match commands::run(args) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                // `ckg ... | head`: the reader left; that is not an error.
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(io::stderr(), "error: {}", one_line(&err));
            ExitCode::from(1)
        }
    }
}

/// Opening a large store allocates sled's page table in many small pieces; with
/// transparent huge pages each touched 2 MiB region is zeroed whole, which on a
/// busy machine made a cold `ckg claims` at 1M incidents 1.1-1.9 s instead of
/// 0.7-0.8 s, for more memory (BENCHMARKS.md). Failing to opt out changes nothing.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integer arguments and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            // serde_json wraps write errors without exposing them as a source.
            || cause.downcast_ref::<serde_json::Error>().and_then(|e| e.io_error_kind()) == Some(io::ErrorKind::BrokenPipe)
            || matches!(cause.downcast_ref::<ckg::Error>(), Some(ckg::Error::Io { source, .. }) if source.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// The error and its causes on one line.
fn one_line(err: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in err.chain() {
        let text = cause.to_string().replace('\n', " ");
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
    }
    parts.join(": ")
}
