//! Connection setup, in one place.
//!
//! Pragmas live here, never in migration files: they are per-connection
//! settings (foreign_keys, busy_timeout) or file settings we want applied the
//! same way whatever migration state the file is in (journal_mode).

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};

/// How long a connection waits for another process's lock (a concurrent
/// seed, say) before giving up with "database is locked".
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Open (creating if needed) a database file for reading and writing.
pub(crate) fn open_read_write(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|source| Error::Open {
        path: path.to_owned(),
        source,
    })?;
    configure(&conn, path, true)?;
    Ok(conn)
}

/// Whether the database at `path` exists. A SQLite URI ("file:x?mode=ro")
/// is taken as existing: SQLite itself reports a missing file behind it.
pub fn exists(path: &Path) -> bool {
    path.to_str().is_some_and(|p| p.starts_with("file:")) || path.exists()
}

/// Open an existing database file without any possibility of writing to it.
pub(crate) fn open_read_only(path: &Path) -> Result<Connection> {
    if !exists(path) {
        return Err(Error::DatabaseNotFound {
            path: path.to_owned(),
        });
    }
    let flags =
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|source| Error::Open {
        path: path.to_owned(),
        source,
    })?;
    configure(&conn, path, false)?;
    Ok(conn)
}

pub(crate) fn open_in_memory() -> Result<Connection> {
    let conn = Connection::open_in_memory()?;
    configure(&conn, Path::new(":memory:"), true)?;
    Ok(conn)
}

fn configure(conn: &Connection, path: &Path, writable: bool) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // SQLite opens lazily; read the header now so a file that is not a
    // database is reported as such, not as an obscure failure later.
    conn.query_row("PRAGMA schema_version", [], |r| r.get::<_, i64>(0))
        .map_err(|source| match source.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => Error::NotADatabase {
                path: path.to_owned(),
                source,
            },
            _ => Error::Open {
                path: path.to_owned(),
                source,
            },
        })?;
    conn.pragma_update(None, "foreign_keys", true)?;
    if writable {
        // A new database gets a rollback journal: one self-contained file that
        // any client can open, including from read-only media; readers wait
        // (busy_timeout) while a seed commits. An existing file keeps the
        // mode its owner chose (WAL, say): changing it would rewrite the file
        // before kb has checked anything, and it is not kb's to change.
        // (journal_mode answers with the resulting mode, so it is queried.)
        let fresh: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        if fresh == 0 {
            conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get::<_, String>(0))?;
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
    } else {
        conn.pragma_update(None, "query_only", true)?;
    }
    // kb never needs another database file on the same connection; this also
    // keeps `ATTACH` out of ad-hoc SQL.
    conn.set_limit(rusqlite::limits::Limit::SQLITE_LIMIT_ATTACHED, 0)?;
    Ok(())
}
