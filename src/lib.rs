//! kb: an embedded SQLite knowledge database of medical conditions.
//!
//! Conditions, their types, causes, symptoms and treatments are extracted from
//! informal health articles; every fact keeps the verbatim quote (and byte
//! offsets) of the document it came from. The schema is built by forward-only
//! SQL migrations embedded in the library.
//!
//! ```
//! let mut kb = kb::Kb::open_in_memory()?;
//! let applied = kb.migrate()?;
//! assert!(!applied.is_empty());
//! assert!(kb.migration_status()?.is_current());
//! # Ok::<(), kb::Error>(())
//! ```

use std::path::{Path, PathBuf};

use rusqlite::Connection;

mod db;
mod error;
pub mod extract;
mod migrate;
pub mod model;
mod sql;

pub use error::{Error, Result};
pub use migrate::{MigrationInfo, MigrationStatus};
pub use sql::{SqlResult, SqlValue};

/// Environment variable naming the database file, below `--db`.
pub const DB_ENV: &str = "KB_DB";
/// The database file used when neither `--db` nor `KB_DB` names one.
pub const DEFAULT_DB: &str = "kb.sqlite3";

/// Where the database lives: `explicit`, else `$KB_DB`, else [`DEFAULT_DB`] in
/// the working directory.
pub fn default_db_path(explicit: Option<&Path>) -> PathBuf {
    explicit
        .map(Path::to_path_buf)
        .or_else(|| {
            std::env::var_os(DB_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(|| PathBuf::from(DEFAULT_DB))
}

/// A handle on one kb database.
pub struct Kb {
    conn: Connection,
    read_only: bool,
}

impl Kb {
    /// Open a database file for reading and writing, creating it if missing.
    /// The schema is not touched: call [`Kb::migrate`].
    pub fn open(path: impl AsRef<Path>) -> Result<Kb> {
        Ok(Kb {
            conn: db::open_read_write(path.as_ref())?,
            read_only: false,
        })
    }

    /// Open an existing database file read-only; nothing done through this
    /// handle can modify the file.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Kb> {
        Ok(Kb {
            conn: db::open_read_only(path.as_ref())?,
            read_only: true,
        })
    }

    /// A private database in memory, for tests and experiments.
    pub fn open_in_memory() -> Result<Kb> {
        Ok(Kb {
            conn: db::open_in_memory()?,
            read_only: false,
        })
    }

    /// The underlying connection, for queries the typed API does not cover.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Whether this handle was opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Applied and pending migrations; writes nothing.
    pub fn migration_status(&self) -> Result<MigrationStatus> {
        migrate::status(&self.conn)
    }

    /// Apply all pending migrations atomically; returns what was applied
    /// (empty when the schema was already current).
    pub fn migrate(&mut self) -> Result<Vec<MigrationInfo>> {
        migrate::run(&mut self.conn)
    }

    /// Fail with [`Error::NotMigrated`] unless the schema is current.
    pub fn ensure_current(&self) -> Result<()> {
        let status = self.migration_status()?;
        if status.is_current() {
            Ok(())
        } else {
            Err(Error::NotMigrated {
                pending: status.pending.len(),
            })
        }
    }

    /// Run one read-only SQL statement; a statement that would write is
    /// refused with [`Error::WriteRefused`] before it runs.
    pub fn query_sql(&self, sql: &str) -> Result<SqlResult> {
        sql::run(&self.conn, sql, false)
    }

    /// Run one SQL statement that may write.
    pub fn execute_sql(&mut self, sql: &str) -> Result<SqlResult> {
        sql::run(&self.conn, sql, true)
    }
}
