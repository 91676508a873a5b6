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
/// seed, say) before giving up with "database is locked". Litestream asks
/// for at least 5 s, since it takes short write locks to checkpoint.
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

/// Open an existing database file without any possibility of writing to it
/// through the returned connection; the text beside it is a note for the
/// user when the file needed care first (see [`recover`]).
pub(crate) fn open_read_only(path: &Path) -> Result<(Connection, Option<String>)> {
    if !exists(path) {
        return Err(Error::DatabaseNotFound {
            path: path.to_owned(),
        });
    }
    match open_read_only_as(path, path) {
        Err(e) if hot_journal(&e) => recover(path),
        Err(e) if wal_without_shm(&e, path) => {
            // A WAL file in a directory we cannot write, with no -wal left
            // beside it: its content is all in the file, and nobody can be
            // writing it without creating the -wal, so read it without locks.
            let conn = open_read_only_as(&immutable_uri(path), path)?;
            Ok((
                conn,
                Some(format!(
                    "{} is a WAL database in a directory kb cannot write; read without locks",
                    path.display()
                )),
            ))
        }
        other => other.map(|c| (c, None)),
    }
}

fn open_read_only_as(target: &Path, path: &Path) -> Result<Connection> {
    let flags =
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(target, flags).map_err(|source| Error::Open {
        path: path.to_owned(),
        source,
    })?;
    configure(&conn, path, false)?;
    Ok(conn)
}

/// SQLite's extended code for an error kb raised while opening.
fn extended_code(e: &Error) -> Option<std::os::raw::c_int> {
    match e {
        Error::Open {
            source: rusqlite::Error::SqliteFailure(f, _),
            ..
        }
        | Error::Database(rusqlite::Error::SqliteFailure(f, _)) => Some(f.extended_code),
        _ => None,
    }
}

/// A writer was killed mid-commit: its journal must be rolled back before
/// the file can be read, and a read-only connection may not do that.
fn hot_journal(e: &Error) -> bool {
    // ROLLBACK: a rollback journal to play back; RECOVERY: a WAL whose index
    // must be rebuilt, which a read-only connection may not do either.
    matches!(
        extended_code(e),
        Some(rusqlite::ffi::SQLITE_READONLY_ROLLBACK | rusqlite::ffi::SQLITE_READONLY_RECOVERY)
    )
}

/// Copy what a WAL holds into the database file and empty the WAL, so the
/// file rests complete (a copy of it alone is the whole database). A no-op
/// for a rollback journal; best effort (a busy reader only delays it).
///
/// Not on a file Litestream replicates: Litestream keeps a read transaction
/// open and runs the checkpoints itself, after it has copied the WAL, so
/// this one would wait out the whole busy timeout and then fail (a seed
/// took 10 s longer under `litestream replicate`). SQLite's automatic
/// checkpoints stay on: they are PASSIVE, never wait and never move past
/// Litestream's read mark.
pub(crate) fn checkpoint(conn: &Connection) {
    if replicated_by_litestream(conn) {
        return;
    }
    let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get::<_, i64>(0));
}

/// Whether Litestream manages this file: it adds its `_litestream_seq`
/// table the first time it replicates a database.
pub(crate) fn replicated_by_litestream(conn: &Connection) -> bool {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM main.sqlite_schema WHERE type = 'table' AND name = '_litestream_seq')",
        [],
        |r| r.get::<_, bool>(0),
    )
    .unwrap_or(false)
}

fn wal_without_shm(e: &Error, path: &Path) -> bool {
    use rusqlite::ffi;
    let code = extended_code(e);
    let refused = matches!(
        code,
        Some(ffi::SQLITE_CANTOPEN | ffi::SQLITE_READONLY_CANTINIT | ffi::SQLITE_READONLY_DIRECTORY)
    ) || code.map(|c| c & 0xff) == Some(ffi::SQLITE_READONLY);
    let file = plain_path(path);
    let wal_left = std::fs::metadata(format!("{}-wal", file.display())).is_ok_and(|m| m.len() > 0);
    // Bytes 18 and 19 of the header are 2 in a WAL database.
    let is_wal = std::fs::read(&file)
        .ok()
        .is_some_and(|b| b.len() >= 20 && b[18] == 2 && b[19] == 2);
    refused && is_wal && !wal_left
}

/// The file behind `path`, which may be a `file:` URI.
fn plain_path(path: &Path) -> std::path::PathBuf {
    match path.to_str().and_then(|p| p.strip_prefix("file:")) {
        Some(rest) => rest.split('?').next().unwrap_or(rest).into(),
        None => path.to_owned(),
    }
}

fn immutable_uri(path: &Path) -> std::path::PathBuf {
    immutable_file_uri(&plain_path(path)).into()
}

/// A read-only `file:` URI with `immutable=1` for a plain file path
/// (absolute). Also what `kb snapshot` gives readers.
pub(crate) fn immutable_file_uri(file: &Path) -> String {
    let absolute = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_owned());
    format!("file:{}?mode=ro&immutable=1", uri_path(&absolute))
}

/// A path as the path part of a `file:` URI: every byte but '/' and the
/// unreserved characters of RFC 3986 written as `%XX`, which SQLite decodes
/// back to the same bytes. A non-ASCII name is several bytes in UTF-8 (or
/// any bytes at all on Unix), each escaped on its own; '?' and '#' would
/// end the path, '%' would start an escape.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for &b in path.as_os_str().as_encoded_bytes() {
        if b == b'/' || b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Read a database whose last writer died mid-commit (a hot journal).
///
/// First as SQLite itself would: a read-write connection rolls the journal
/// back under an exclusive lock, restoring the last committed state, then
/// the file is opened read-only as asked. Where that is impossible (a
/// read-only file or directory, `mode=ro`), the file and its journal are
/// copied to a private directory, rolled back there, and the copy answers,
/// with a note: the last committed state, the original left as it is.
fn recover(path: &Path) -> Result<(Connection, Option<String>)> {
    let rolled_back = (|| -> rusqlite::Result<()> {
        let flags =
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.query_row("PRAGMA schema_version", [], |r| r.get::<_, i64>(0))?;
        Ok(())
    })();
    if rolled_back.is_ok() {
        if let Ok(conn) = open_read_only_as(path, path) {
            return Ok((
                conn,
                Some(format!(
                    "{}: an interrupted write (a killed seed?) was rolled back; the last committed state is intact",
                    path.display()
                )),
            ));
        }
    }
    let conn = recover_copy(path)?;
    Ok((
        conn,
        Some(format!(
            "{} holds an interrupted write that cannot be rolled back here (read-only file or directory); \
             answering from the last committed state; open it once with write access to repair it",
            path.display()
        )),
    ))
}

fn recover_copy(path: &Path) -> Result<Connection> {
    let file = plain_path(path);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let dir = std::env::temp_dir().join(format!("kb-recover-{}-{nanos}", std::process::id()));
    let copy = dir.join("kb.sqlite3");
    let io = |source: std::io::Error| Error::Read {
        path: file.clone(),
        source,
    };
    std::fs::create_dir(&dir).map_err(io)?;
    let result = (|| {
        std::fs::copy(&file, &copy).map_err(io)?;
        // The rollback journal, or the WAL, whichever the crash left.
        let mut copied = false;
        for suffix in ["-journal", "-wal"] {
            match std::fs::copy(
                format!("{}{suffix}", file.display()),
                dir.join(format!("kb.sqlite3{suffix}")),
            ) {
                Ok(_) => copied = true,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(io(e)),
            }
        }
        if !copied {
            return Err(io(std::io::ErrorKind::NotFound.into()));
        }
        // Rolled back (or recovered) here, then made a plain rollback-journal
        // file: the private copy need not keep WAL's side files.
        let rw = open_read_write(&copy)?;
        rw.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get::<_, String>(0))?;
        drop(rw);
        let conn = open_read_only_as(&copy, path)?;
        // Hold the copy open, then let it go: on Unix the open file lives
        // on until the connection closes, and nothing is left behind.
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0))?;
        Ok(conn)
    })();
    let _ = std::fs::remove_file(&copy);
    let _ = std::fs::remove_dir_all(&dir);
    result
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
        // A new database gets WAL: readers keep reading the last committed
        // state while a seed writes, instead of waiting for its commit (with
        // a rollback journal a reader waited up to 32 s during a 10,000-
        // article seed; see docs/performance.md). Each seed and migration
        // ends with a checkpoint, so at rest the file holds everything. An
        // existing file keeps the mode its owner chose: changing it would
        // rewrite the file before kb has checked anything, and it is not
        // kb's to change. (journal_mode answers with the resulting mode, so
        // it is queried.)
        let fresh: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        if fresh == 0 {
            conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A WAL database with a write pending in the WAL and a reader holding
    /// a snapshot, as Litestream holds one while it replicates.
    fn wal_with_reader(dir: &Path, litestream: bool) -> (Connection, Connection) {
        let path = dir.join("kb.sqlite3");
        let writer = open_read_write(&path).unwrap();
        writer
            .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
        if litestream {
            writer
                .execute_batch("CREATE TABLE _litestream_seq (id INTEGER PRIMARY KEY, seq INTEGER);")
                .unwrap();
        }
        let reader = Connection::open(&path).unwrap();
        reader.execute_batch("BEGIN; SELECT count(*) FROM t;").unwrap();
        writer.execute("INSERT INTO t VALUES (2)", []).unwrap();
        (writer, reader)
    }

    #[test]
    fn a_non_ascii_path_is_percent_encoded_byte_by_byte() {
        let dir = tempfile::tempdir().unwrap();
        // 'é' is two bytes in UTF-8, 'ü' two more; '#', '?', '%' and the
        // space would otherwise end or change the path.
        let path = dir.path().join("caf\u{e9} n\u{fc}m #1?%.sqlite3");
        {
            let conn = open_read_write(&path).unwrap();
            conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (42);")
                .unwrap();
        }
        let uri = immutable_file_uri(&path);
        assert!(
            uri.contains("caf%C3%A9%20n%C3%BCm%20%231%3F%25.sqlite3?mode=ro&immutable=1"),
            "{uri}"
        );
        assert!(uri.is_ascii(), "{uri}");
        // SQLite finds the very file through the URI.
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(&uri, flags).unwrap();
        let x: i64 = conn.query_row("SELECT x FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(x, 42);
    }

    #[test]
    fn a_file_litestream_replicates_is_left_to_its_checkpoints() {
        let dir = tempfile::tempdir().unwrap();
        let (writer, _reader) = wal_with_reader(dir.path(), true);
        assert!(replicated_by_litestream(&writer));
        let start = std::time::Instant::now();
        checkpoint(&writer);
        // A TRUNCATE checkpoint would wait out the busy timeout (10 s).
        assert!(start.elapsed() < BUSY_TIMEOUT / 2, "{:?}", start.elapsed());
    }

    #[test]
    fn another_file_is_checkpointed_and_its_wal_emptied() {
        let dir = tempfile::tempdir().unwrap();
        let (writer, reader) = wal_with_reader(dir.path(), false);
        assert!(!replicated_by_litestream(&writer));
        reader.execute_batch("COMMIT").unwrap();
        checkpoint(&writer);
        let wal = std::fs::metadata(dir.path().join("kb.sqlite3-wal")).unwrap();
        assert_eq!(wal.len(), 0);
    }
}
