//! The library's error type. Every variant says what went wrong and where.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("database is locked by another process: {}", path.display())]
    Locked { path: PathBuf },

    #[error(
        "{}: store has schema version {found}, this ckg reads version {expected}; \
         `ckg --db DIR migrate` upgrades a version-1 store in place, otherwise use a matching ckg",
        path.display()
    )]
    SchemaMismatch { path: PathBuf, found: u32, expected: u32 },

    #[error("{}: not a ckg store ({reason})", path.display())]
    NotAStore { path: PathBuf, reason: String },

    #[error("storage error: {0}")]
    Storage(#[from] sled::Error),

    #[error("corrupt store: tree {tree}, key {key}: {reason}")]
    Corrupt { tree: &'static str, key: String, reason: String },

    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },

    /// Bad input, located as precisely as we can: file, line, field.
    #[error("{location}: {message}")]
    Input { location: String, message: String },

    #[error("no {what} named {name:?}{}", suggestion_text(suggestions))]
    NotFound { what: &'static str, name: String, suggestions: Vec<String> },

    #[error("invalid argument: {0}")]
    InvalidArgument(String),

    #[error("query error at line {line}, column {column}: {message}")]
    Query { line: usize, column: usize, message: String },

    #[error("limit exceeded: {0}")]
    LimitExceeded(String),
}

fn suggestion_text(suggestions: &[String]) -> String {
    if suggestions.is_empty() { String::new() } else { format!("; did you mean {}?", suggestions.join(", ")) }
}

impl Error {
    pub fn input(location: impl Into<String>, message: impl Into<String>) -> Error {
        Error::Input { location: location.into(), message: message.into() }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io { path: path.into(), source }
    }
}
