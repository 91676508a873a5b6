//! The library's error type.

use std::path::PathBuf;

/// Result alias used throughout the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in kb.
///
/// [`Error::is_user_error`] separates problems with the caller's input (a
/// missing file, a malformed seed, bad SQL, an incompatible database) from
/// internal failures, so front ends can report them differently.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("database {} does not exist", path.display())]
    DatabaseNotFound { path: PathBuf },

    #[error("cannot open database {}", path.display())]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },

    #[error("{} is not a SQLite database (or it is damaged)", path.display())]
    NotADatabase {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },

    #[error(
        "the database was written by a newer kb: it has migration V{version}__{name}, \
         which this build does not know (this build knows up to V{known}); upgrade kb"
    )]
    SchemaTooNew { version: i32, name: String, known: i32 },

    #[error(
        "applied migration V{version}__{name} differs from the one built into kb \
         (it was edited after being applied); refusing to touch the database"
    )]
    MigrationDiverged { version: i32, name: String },

    #[error(
        "{} is a SQLite database but not a kb one: it has no kb migration history, yet \
         holds tables or views with the names kb uses ({}); use a new file",
        path.display(), tables.join(", ")
    )]
    ForeignDatabase { path: PathBuf, tables: Vec<String> },

    #[error("the database schema is not up to date ({pending} pending migration(s))")]
    NotMigrated { pending: usize },

    #[error("migration failed; the database was left as it was")]
    Migration(#[source] refinery_core::Error),

    #[error("refused: this statement would modify the database")]
    WriteRefused,

    #[error(
        "the statement ran past its time limit of {} and was stopped (kb sql --timeout SECONDS \
         changes the limit; 0 for none)",
        seconds(*limit)
    )]
    Timeout { limit: std::time::Duration },

    #[error(
        "{}: the migration history (refinery_schema_history) has a row kb cannot read ({detail}); \
         this is not a database kb wrote, or it was edited by hand",
        path.display()
    )]
    BadHistory { path: PathBuf, detail: String },

    #[error("SQL error: {message}")]
    Sql {
        message: String,
        #[source]
        source: rusqlite::Error,
    },

    #[error("{}: {message}", location(path, *line, *column))]
    InvalidSeed {
        path: PathBuf,
        /// 1-based line, where there is one.
        line: Option<usize>,
        column: Option<usize>,
        message: String,
    },

    #[error("cannot read {}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("cannot write {}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("unknown condition '{name}'{}", did_you_mean(suggestions))]
    UnknownCondition {
        name: String,
        /// Close names that do exist, best first.
        suggestions: Vec<String>,
    },

    #[error(
        "'{name}' is ambiguous: it names {}; use one of these slugs",
        quoted_list(candidates)
    )]
    AmbiguousCondition {
        name: String,
        /// Slugs of the conditions it could mean (each finds exactly one).
        candidates: Vec<String>,
    },

    #[error(
        "database {} is locked by another connection (a seed or migration in progress?); \
         waited {} s, try again",
        path.display(), crate::db::BUSY_TIMEOUT.as_secs()
    )]
    Busy { path: PathBuf },

    #[error("database {} is read-only here; this command needs to write to it", path.display())]
    ReadOnly { path: PathBuf },

    #[error("{} is not a sound kb snapshot: {detail}", path.display())]
    BadSnapshot { path: PathBuf, detail: String },

    #[error("database error")]
    Database(#[from] rusqlite::Error),
}

impl Error {
    /// True when the caller's input is at fault (fix the input and retry);
    /// false for internal failures (I/O, SQLite itself, bugs).
    pub fn is_user_error(&self) -> bool {
        match self {
            Error::DatabaseNotFound { .. }
            | Error::NotADatabase { .. }
            | Error::SchemaTooNew { .. }
            | Error::MigrationDiverged { .. }
            | Error::ForeignDatabase { .. }
            | Error::NotMigrated { .. }
            | Error::WriteRefused
            | Error::Sql { .. }
            | Error::Timeout { .. }
            | Error::BadHistory { .. }
            | Error::InvalidSeed { .. }
            | Error::Read { .. }
            | Error::UnknownCondition { .. }
            | Error::AmbiguousCondition { .. }
            | Error::BadSnapshot { .. } => true,
            // A path the user named but that cannot be written or opened is
            // their input too.
            Error::Open { .. } | Error::Write { .. } | Error::ReadOnly { .. } => true,
            Error::Migration(_) | Error::Database(_) | Error::Busy { .. } => false,
        }
    }

    /// True when retrying later may succeed: another process holds the
    /// database's lock.
    pub fn is_temporary(&self) -> bool {
        matches!(self, Error::Busy { .. })
    }

    /// Name the database in SQLite's lock and read-only failures, which
    /// otherwise surface as a bare "database is locked".
    pub(crate) fn at_database(self, path: &std::path::Path) -> Self {
        use rusqlite::ErrorCode::{DatabaseBusy, DatabaseLocked, ReadOnly};
        let code = match &self {
            Error::Database(e) | Error::Open { source: e, .. } | Error::Sql { source: e, .. } => {
                e.sqlite_error_code()
            }
            _ => None,
        };
        match code {
            Some(DatabaseBusy | DatabaseLocked) => Error::Busy {
                path: path.to_owned(),
            },
            Some(ReadOnly) => Error::ReadOnly {
                path: path.to_owned(),
            },
            _ => match self {
                Error::BadHistory { detail, .. } => Error::BadHistory {
                    path: path.to_owned(),
                    detail,
                },
                other => other,
            },
        }
    }

    /// A refused statement, in kb's words (no SQLite failure behind it).
    pub fn sql_message(message: impl Into<String>) -> Self {
        let message = message.into();
        Error::Sql {
            source: rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_ERROR),
                Some(message.clone()),
            ),
            message,
        }
    }

    pub(crate) fn invalid_seed(
        path: impl Into<PathBuf>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Error::InvalidSeed {
            path: path.into(),
            line,
            column: None,
            message: message.into(),
        }
    }
}

fn location(path: &std::path::Path, line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("{}:{l}:{c}", path.display()),
        (Some(l), None) => format!("{}:{l}", path.display()),
        _ => path.display().to_string(),
    }
}

fn seconds(d: std::time::Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

fn did_you_mean(suggestions: &[String]) -> String {
    match suggestions {
        [] => String::new(),
        [one] => format!("; did you mean '{one}'?"),
        many => format!("; did you mean one of: {}?", quoted_list(many)),
    }
}

fn quoted_list(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_and_read_only_failures_name_the_database() {
        let failure = |code| {
            Error::Database(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(code),
                None,
            ))
        };
        let path = std::path::Path::new("x.sqlite3");
        let busy = failure(rusqlite::ffi::SQLITE_BUSY).at_database(path);
        assert!(matches!(busy, Error::Busy { .. }) && busy.is_temporary() && !busy.is_user_error());
        assert!(busy.to_string().contains("x.sqlite3"));
        let read_only = failure(rusqlite::ffi::SQLITE_READONLY).at_database(path);
        assert!(matches!(read_only, Error::ReadOnly { .. }) && read_only.is_user_error());
        // Anything else is left as it was.
        let other = failure(rusqlite::ffi::SQLITE_CORRUPT).at_database(path);
        assert!(matches!(other, Error::Database(_)) && !other.is_user_error());
    }
}
