//! kb: an embedded SQLite knowledge database of medical conditions.
//!
//! Conditions, their types, causes, symptoms and treatments are extracted from
//! informal health articles; every fact keeps the verbatim quote (and byte
//! offsets) of the document it came from. The schema is built by forward-only
//! SQL migrations embedded in the library; `schema.sql` at the top of the
//! repository shows what they build ([`Kb::schema_sql`] prints it).
//!
//! # From an empty file to an answer
//!
//! A [`Kb`] is one database. **Open** it (a file is created when missing),
//! **migrate** it to the schema this build knows, **seed** it with articles,
//! then **query** it:
//!
//! ```
//! # let dir = tempfile::tempdir().unwrap();
//! # let path = dir.path().join("kb.sqlite3");
//! let mut kb = kb::Kb::open(&path)?;
//!
//! // Migrate: every pending migration in one transaction; a second run
//! // applies nothing.
//! let applied = kb.migrate()?;
//! assert!(!applied.is_empty());
//! assert!(kb.migrate()?.is_empty() && kb.migration_status()?.is_current());
//!
//! // Seed: each document is read, extracted and validated once, then
//! // written, all in one transaction. `Source::from_dir` reads a folder;
//! // `Source::builtin` is the article shipped with kb.
//! let summary = kb.seed(&kb::Source::builtin())?;
//! assert!(summary.changed);
//! assert_eq!(summary.documents, ["calcinosis-cutis"]);
//!
//! // Query: typed answers, each fact with its source.
//! let record = kb.condition("calcinosis cutis")?;
//! let quote = &record.symptoms[0].sources[0];
//! assert_eq!(quote.document, "calcinosis-cutis");
//! assert!(!quote.quote.is_empty() && quote.line >= 1);
//! # Ok::<(), kb::Error>(())
//! ```
//!
//! Articles can also come from memory, and seeding again only writes what
//! changed:
//!
//! ```
//! let mut kb = kb::Kb::open_in_memory()?;
//! kb.migrate()?;
//! let article = "Why do I get heat bumps ?\n\nHEAT BUMPS :\n\nHeat bumps appear when sweat is trapped .\n\n\
//!     WHAT ARE THE SIGNS AND SYMPTOMS OF HEAT BUMPS ?\n\n  • itching\n";
//! let source = kb::Source::from_files("docs", vec![("heat-bumps.txt".into(), article.into())]);
//! assert!(kb.seed(&source)?.changed);
//! assert!(!kb.seed(&source)?.changed, "nothing new: nothing written");
//! let hits = kb.search("itching", 5)?;
//! assert!(hits.iter().any(|h| h.kind == kb::FactKind::Symptom && h.condition == "heat bumps"));
//! # Ok::<(), kb::Error>(())
//! ```
//!
//! # Beyond the typed API
//!
//! The file is plain SQLite: the views of `schema.sql` (`facts`,
//! `fact_sources`, `causes_by_type`, ...) answer most other questions.
//! [`Kb::query_sql`] runs one read-only statement; [`Kb::connection`] hands
//! out the connection itself, and [`rusqlite`] is re-exported so a tool uses
//! the same version kb does:
//!
//! ```
//! # let mut kb = kb::Kb::open_in_memory()?;
//! # kb.migrate()?;
//! # kb.seed(&kb::Source::builtin())?;
//! use kb::rusqlite::params;
//! let causes: i64 = kb.connection().query_row(
//!     "SELECT count(*) FROM causes_by_type WHERE condition = ?1",
//!     params!["calcinosis-cutis"],
//!     |r| r.get(0),
//! )?;
//! assert!(causes > 0);
//! # Ok::<(), kb::Error>(())
//! ```
//!
//! # Errors
//!
//! Every fallible call returns [`Error`]; [`Error::is_user_error`] tells a
//! problem with the caller's input (a missing file, a malformed seed, an
//! unknown condition) from a failure of kb or SQLite, and
//! [`Error::is_temporary`] a database locked by another process.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub mod codes;
mod db;
pub mod document;
mod error;
pub mod extract;
pub mod graph;
mod kb_read;
mod migrate;
pub mod model;
mod query;
mod schema_dump;
pub mod seed;
pub mod snapshot;
mod sql;
pub mod text;

pub use error::{Error, Result};
pub use migrate::{MigrationInfo, MigrationStatus};
pub use query::{
    CauseTypes, ConditionRecord, ConditionRef, Entry, FactKind, Item, Listing, PassageFact, Provenance,
    RelatedCondition, SearchHit, Shared, SharedItem, SymptomMatch, TreatmentNote, TreatmentRecord,
    TypeRecord,
};
/// The SQLite bindings kb is built with, for [`Kb::connection`].
pub use rusqlite;
pub use seed::{Counts, Progress, SeedOptions, SeedSummary, Source};
pub use sql::{unique_columns, RowSink, SqlOptions, SqlResult, SqlValue, DEFAULT_SQL_TIMEOUT};

/// Whether a database exists at `path` (a SQLite `file:` URI counts as
/// existing; SQLite reports a missing file behind it when it is opened).
pub fn db_exists(path: &Path) -> bool {
    db::exists(path)
}

/// A handle on one kb database.
pub struct Kb {
    conn: Connection,
    read_only: bool,
    /// The database file, for messages (":memory:" in memory).
    path: PathBuf,
    /// What the user should know about how the file was opened.
    notice: Option<String>,
}

impl Kb {
    /// Open a database file for reading and writing, creating it if missing.
    /// The schema is not touched: call [`Kb::migrate`].
    ///
    /// # Errors
    ///
    /// [`Error::Open`] when the file cannot be opened or created (a missing
    /// folder, no permission), [`Error::NotADatabase`] when it is not SQLite.
    pub fn open(path: impl AsRef<Path>) -> Result<Kb> {
        let path = path.as_ref();
        Ok(Kb {
            conn: db::open_read_write(path).map_err(|e| e.at_database(path))?,
            read_only: false,
            path: path.to_owned(),
            notice: None,
        })
    }

    /// Open an existing database file read-only; nothing done through this
    /// handle can modify the file. A file left with a hot journal by a
    /// killed writer is rolled back first, as any SQLite client would (or,
    /// where that is impossible, read from a rolled-back private copy); see
    /// [`Kb::notice`].
    ///
    /// # Errors
    ///
    /// [`Error::DatabaseNotFound`] when the file does not exist,
    /// [`Error::Open`] when it cannot be opened, [`Error::NotADatabase`] when it
    /// is not SQLite.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Kb> {
        let path = path.as_ref();
        let (conn, notice) = db::open_read_only(path).map_err(|e| e.at_database(path))?;
        Ok(Kb {
            conn,
            read_only: true,
            path: path.to_owned(),
            notice,
        })
    }

    /// A private database in memory, for tests and experiments.
    ///
    /// # Errors
    ///
    /// [`Error::Database`] only if SQLite cannot allocate the database.
    pub fn open_in_memory() -> Result<Kb> {
        Ok(Kb {
            conn: db::open_in_memory()?,
            read_only: false,
            path: PathBuf::from(":memory:"),
            notice: None,
        })
    }

    /// The underlying connection, for queries the typed API does not cover.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// A note on how the file was opened, when it needed care: a write
    /// interrupted by a crash that was rolled back first, or answered from a
    /// private copy because the file could not be repaired in place.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// Whether this handle was opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Applied and pending migrations; writes nothing.
    ///
    /// # Errors
    ///
    /// [`Error::SchemaTooNew`] for a database written by a newer kb,
    /// [`Error::MigrationDiverged`] when an applied migration was edited,
    /// [`Error::Database`] when the history cannot be read.
    pub fn migration_status(&self) -> Result<MigrationStatus> {
        migrate::status(&self.conn).map_err(|e| e.at_database(&self.path))
    }

    /// Apply all pending migrations atomically; returns what was applied
    /// (empty when the schema was already current).
    ///
    /// # Errors
    ///
    /// As [`Kb::migration_status`], and [`Error::ReadOnly`] when migrations
    /// are pending on a read-only handle or file, [`Error::ForeignDatabase`]
    /// for a non-kb database holding kb's table names, [`Error::Migration`]
    /// when a migration fails (nothing is applied), [`Error::Busy`] when
    /// another process holds the lock past the busy timeout.
    pub fn migrate(&mut self) -> Result<Vec<MigrationInfo>> {
        if self.conn.is_readonly(rusqlite::MAIN_DB)? && !self.migration_status()?.is_current() {
            return Err(Error::ReadOnly {
                path: self.path.clone(),
            });
        }
        let applied = migrate::run(&mut self.conn, &self.path).map_err(|e| e.at_database(&self.path))?;
        if !applied.is_empty() {
            db::checkpoint(&self.conn);
        }
        Ok(applied)
    }

    /// The schema of this database as the `sqlite3` shell's `.schema` prints
    /// it: every table, index, view and trigger in creation order, views and
    /// virtual tables with their columns in a comment. For a freshly migrated
    /// database this is the repository's `schema.sql`.
    ///
    /// ```
    /// let mut kb = kb::Kb::open_in_memory()?;
    /// kb.migrate()?;
    /// let schema = kb.schema_sql()?;
    /// assert!(schema.contains("CREATE TABLE document ("));
    /// # Ok::<(), kb::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Database`] if the schema cannot be read.
    pub fn schema_sql(&self) -> Result<String> {
        schema_dump::dump(&self.conn)
    }

    /// Fail with [`Error::NotMigrated`] unless the schema is current.
    ///
    /// # Errors
    ///
    /// [`Error::NotMigrated`] when migrations are pending, and the errors of
    /// [`Kb::migration_status`].
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

    /// Seed the database from a folder of documents and seed files (see
    /// [`Source::from_dir`]) or the built-in seeds ([`Source::builtin`]).
    ///
    /// Each document is read, validated and written once, all in one
    /// transaction; on any error the database is left exactly as it was.
    /// A document whose inputs are unchanged since the last seed is skipped
    /// unread, and a run that would change nothing writes nothing
    /// ([`SeedSummary::changed`] is false).
    ///
    /// # Errors
    ///
    /// [`Error::NotMigrated`] before migrating, [`Error::ReadOnly`] on a
    /// read-only handle, [`Error::InvalidSeed`] or [`Error::Read`] for a bad
    /// document or seed file (nothing is written), [`Error::Busy`] when
    /// another process holds the lock past the busy timeout.
    pub fn seed(&mut self, source: &Source) -> Result<SeedSummary> {
        self.seed_with_progress(source, &mut |_| {})
    }

    /// [`Kb::seed`], calling `progress` after each document.
    ///
    /// # Errors
    ///
    /// As [`Kb::seed`].
    pub fn seed_with_progress(
        &mut self,
        source: &Source,
        progress: &mut dyn FnMut(Progress<'_>),
    ) -> Result<SeedSummary> {
        self.seed_with_options(source, SeedOptions::default(), progress)
    }

    /// [`Kb::seed_with_progress`] with options: `prune` also removes the
    /// documents the source no longer has (see [`SeedSummary::absent`]).
    ///
    /// # Errors
    ///
    /// As [`Kb::seed`].
    pub fn seed_with_options(
        &mut self,
        source: &Source,
        options: SeedOptions,
        progress: &mut dyn FnMut(Progress<'_>),
    ) -> Result<SeedSummary> {
        self.ensure_current()?;
        if self.conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(Error::ReadOnly {
                path: self.path.clone(),
            });
        }
        let summary =
            seed::run(&mut self.conn, source, options, progress).map_err(|e| e.at_database(&self.path))?;
        if summary.changed {
            db::checkpoint(&self.conn);
        }
        Ok(summary)
    }

    /// Run one read-only SQL statement. A statement that would write is
    /// refused before it runs, transaction control always, and one running
    /// past [`DEFAULT_SQL_TIMEOUT`] is stopped. The rows are held whole: see
    /// [`Kb::query_sql_with`] to stream them.
    ///
    /// # Errors
    ///
    /// [`Error::WriteRefused`] for a statement that would write or control
    /// a transaction, [`Error::Timeout`] past the time limit, [`Error::Sql`]
    /// for SQL that SQLite rejects or that fails.
    pub fn query_sql(&self, sql: &str) -> Result<SqlResult> {
        sql::run(&self.conn, sql, false, &SqlOptions::default()).map_err(|e| e.at_database(&self.path))
    }

    /// Run one SQL statement that may write.
    ///
    /// # Errors
    ///
    /// [`Error::Sql`] for SQL that SQLite rejects or that fails,
    /// [`Error::ReadOnly`] or [`Error::Busy`] when it cannot write.
    pub fn execute_sql(&mut self, sql: &str) -> Result<SqlResult> {
        sql::run(&self.conn, sql, true, &SqlOptions::default()).map_err(|e| e.at_database(&self.path))
    }

    /// [`Kb::query_sql`] with parameters and a time limit, handing each row
    /// to `sink` as SQLite produces it (constant memory for any row count).
    ///
    /// # Errors
    ///
    /// Those of [`Kb::query_sql`] ([`Error::Timeout`] at the options' limit),
    /// [`Error::Sql`] for parameters that do not fit the statement, and the
    /// first error `sink` returns, which stops the statement.
    ///
    /// ```
    /// # let mut kb = kb::Kb::open_in_memory()?;
    /// # kb.migrate()?;
    /// # kb.seed(&kb::Source::builtin())?;
    /// struct Count(usize);
    /// impl kb::RowSink for Count {
    ///     fn columns(&mut self, _: &[String]) -> kb::Result<()> { Ok(()) }
    ///     fn row(&mut self, _: &[kb::SqlValue]) -> kb::Result<()> { self.0 += 1; Ok(()) }
    /// }
    /// let options = kb::SqlOptions {
    ///     params: vec![("slug".into(), kb::SqlValue::Text("calcinosis-cutis".into()))],
    ///     ..Default::default()
    /// };
    /// let mut count = Count(0);
    /// kb.query_sql_with("SELECT * FROM condition WHERE slug = :slug", &options, &mut count)?;
    /// assert_eq!(count.0, 1);
    /// # Ok::<(), kb::Error>(())
    /// ```
    pub fn query_sql_with(&self, sql: &str, options: &SqlOptions, sink: &mut dyn RowSink) -> Result<()> {
        sql::stream(&self.conn, sql, false, options, sink)
            .map(|_| ())
            .map_err(|e| e.at_database(&self.path))
    }

    /// [`Kb::query_sql_with`] for a statement that may write; returns the
    /// rows changed.
    ///
    /// # Errors
    ///
    /// Those of [`Kb::execute_sql`] and [`Kb::query_sql_with`] (but for
    /// [`Error::WriteRefused`]).
    pub fn execute_sql_with(
        &mut self,
        sql: &str,
        options: &SqlOptions,
        sink: &mut dyn RowSink,
    ) -> Result<u64> {
        sql::stream(&self.conn, sql, true, options, sink).map_err(|e| e.at_database(&self.path))
    }
}
