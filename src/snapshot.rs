//! Snapshots: a compact, checksummed, read-only copy of a kb database, the
//! way ontology projects ship their SQLite releases. One file, no `-wal` or
//! `-shm` beside it, so any number of processes (on any machine the file is
//! copied to) can read it without locks through an `immutable=1` URI.
//!
//! A snapshot is made with SQLite's `VACUUM INTO` (a consistent read of the
//! live database, written compactly, while a seed may go on), then given a
//! one-row `kb_snapshot` table (kb and schema versions, document count and a
//! SHA-256 of the content), checked with `integrity_check`, and marked
//! read-only twice: file permissions 0444, and the header's write version
//! set past 2, which makes SQLite itself refuse to write it (the file
//! format's own read-only marker, honoured whoever opens it).

use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use sha2::{Digest, Sha256};
use time::format_description::well_known::Rfc3339;

use crate::error::{Error, Result};
use crate::Kb;

/// The metadata table every snapshot carries (one row).
pub const METADATA_TABLE: &str = "kb_snapshot";

/// Byte 18 of the database header, SQLite's file-format write version.
const WRITE_VERSION_OFFSET: u64 = 18;
/// A write version above 2 tells every SQLite the file is read-only.
const READ_ONLY_WRITE_VERSION: u8 = 3;

/// What a snapshot holds, as its metadata row says and its file measures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SnapshotInfo {
    /// The snapshot file.
    pub path: PathBuf,
    /// The kb version that wrote it.
    pub kb_version: String,
    /// The last migration applied to the database it was taken from.
    pub schema_version: i32,
    /// The SQLite library version that wrote it.
    pub sqlite_version: String,
    /// Documents in the snapshot.
    pub documents: i64,
    /// When it was taken (RFC 3339, UTC).
    pub created_at: String,
    /// SHA-256 of the content: the schema and every row of every table but
    /// the metadata table, in a fixed order ([`verify`] recomputes it).
    pub content_sha256: String,
    /// SHA-256 of the whole file as written (for `sha256sum -c`; it cannot
    /// be stored inside the file it hashes).
    pub file_sha256: String,
    /// Size of the file in bytes.
    pub bytes: u64,
}

/// Write a snapshot of `kb` to `out`, which must not exist yet. Nothing is
/// left at `out` unless the whole snapshot was written and checked.
///
/// # Errors
///
/// [`Error::NotMigrated`] (and the other errors of [`Kb::ensure_current`])
/// for a database whose schema is not current, [`Error::Write`] when `out`
/// exists or cannot be written, [`Error::BadSnapshot`] if the copy fails its
/// checks, [`Error::Database`] when SQLite fails.
pub fn write(kb: &Kb, out: &Path) -> Result<SnapshotInfo> {
    kb.ensure_current()?;
    let write_error = |source: std::io::Error| Error::Write {
        path: out.to_owned(),
        source,
    };
    if out.exists() {
        return Err(write_error(std::io::ErrorKind::AlreadyExists.into()));
    }
    let tmp = temporary_beside(out);
    let _ = std::fs::remove_file(&tmp);
    let result = write_temporary(kb, out, &tmp).and_then(|mut info| {
        publish(&tmp, out).map_err(write_error)?;
        info.path = out.to_owned();
        Ok(info)
    });
    let _ = std::fs::remove_file(&tmp);
    result
}

/// Check a snapshot: its metadata row, `integrity_check`, its document count
/// and content hash against the row. Opens it read-only without locks.
///
/// # Errors
///
/// [`Error::DatabaseNotFound`] for a missing file, [`Error::BadSnapshot`]
/// when it is not a kb snapshot or fails a check, [`Error::Read`] or
/// [`Error::Database`] when it cannot be read.
pub fn verify(path: &Path) -> Result<SnapshotInfo> {
    if !path.exists() {
        return Err(Error::DatabaseNotFound {
            path: path.to_owned(),
        });
    }
    let conn = open_immutable(path)?;
    let bad = |detail: String| Error::BadSnapshot {
        path: path.to_owned(),
        detail,
    };
    let mut info = metadata(&conn, path)?;
    integrity(&conn).map_err(bad)?;
    let documents: i64 = conn.query_row("SELECT count(*) FROM document", [], |r| r.get(0))?;
    if documents != info.documents {
        return Err(bad(format!(
            "it holds {documents} documents, its metadata says {}",
            info.documents
        )));
    }
    let content = content_sha256(&conn)?;
    if content != info.content_sha256 {
        return Err(bad(format!(
            "content SHA-256 is {content}, its metadata says {}",
            info.content_sha256
        )));
    }
    drop(conn);
    (info.file_sha256, info.bytes) = file_sha256(path)?;
    Ok(info)
}

/// A `file:` URI that opens `path` read-only, without locks or side files:
/// how readers should open a snapshot (it never changes).
pub fn immutable_uri(path: &Path) -> String {
    crate::db::immutable_file_uri(path)
}

fn write_temporary(kb: &Kb, out: &Path, tmp: &Path) -> Result<SnapshotInfo> {
    let source = kb.connection();
    let schema_version = kb.migration_status()?.applied.last().map_or(0, |m| m.version);
    let target = tmp.to_str().ok_or_else(|| Error::Write {
        path: out.to_owned(),
        source: std::io::Error::other("the path is not valid UTF-8"),
    })?;
    // VACUUM INTO attaches its target internally and writes it, while kb's
    // connections allow no attached database and a read-only handle is
    // query_only; both lifted for this one statement, which only reads the
    // source. It reads one consistent state, even while a seed writes (WAL).
    let limit = rusqlite::limits::Limit::SQLITE_LIMIT_ATTACHED;
    let attached = source.limit(limit)?;
    let query_only: bool = source.query_row("PRAGMA query_only", [], |r| r.get(0))?;
    source.set_limit(limit, 1)?;
    source.pragma_update(None, "query_only", false)?;
    let copied = source.execute("VACUUM INTO ?1", [target]);
    source.pragma_update(None, "query_only", query_only)?;
    source.set_limit(limit, attached)?;
    copied.map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::CannotOpen) => Error::Write {
            path: out.to_owned(),
            source: std::io::Error::other(e),
        },
        _ => Error::Database(e),
    })?;

    let created_at = time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_default();
    let conn = Connection::open_with_flags(
        tmp,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    // A single self-contained file: no WAL for readers to look for.
    conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get::<_, String>(0))?;
    // Litestream's bookkeeping tables belong to the live file, not a copy.
    let litestream: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE '\\_litestream\\_%' ESCAPE '\\'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for name in &litestream {
        conn.execute_batch(&format!("DROP TABLE \"{}\"", name.replace('"', "\"\"")))?;
    }
    let documents: i64 = conn.query_row("SELECT count(*) FROM document", [], |r| r.get(0))?;
    conn.execute_batch(&format!(
        "CREATE TABLE {METADATA_TABLE} (
            -- One row, written when the snapshot was taken.
            kb_version TEXT NOT NULL,
            schema_version INTEGER NOT NULL,  -- last migration applied
            sqlite_version TEXT NOT NULL,
            documents INTEGER NOT NULL,
            created_at TEXT NOT NULL,         -- RFC 3339, UTC
            content_sha256 TEXT NOT NULL      -- every other table, see kb::snapshot
        )"
    ))?;
    let content = content_sha256(&conn)?;
    conn.execute(
        &format!("INSERT INTO {METADATA_TABLE} VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
        rusqlite::params![
            env!("CARGO_PKG_VERSION"),
            schema_version,
            rusqlite::version(),
            documents,
            created_at,
            content
        ],
    )?;
    if !litestream.is_empty() {
        // The dropped tables' pages would stay as free pages otherwise.
        conn.execute_batch("VACUUM")?;
    }
    integrity(&conn).map_err(|detail| Error::BadSnapshot {
        path: out.to_owned(),
        detail,
    })?;
    conn.close().map_err(|(_, e)| e)?;

    let io = |source: std::io::Error| Error::Write {
        path: out.to_owned(),
        source,
    };
    mark_read_only(tmp).map_err(io)?;
    let (file_sha256, bytes) = file_sha256(tmp)?;
    Ok(SnapshotInfo {
        path: out.to_owned(),
        kb_version: env!("CARGO_PKG_VERSION").to_owned(),
        schema_version,
        sqlite_version: rusqlite::version().to_owned(),
        documents,
        created_at,
        content_sha256: content,
        file_sha256,
        bytes,
    })
}

/// Set the header's write version past 2 and the permissions to 0444, then
/// flush the file to disk.
fn mark_read_only(path: &Path) -> std::io::Result<()> {
    use std::io::{Seek, SeekFrom, Write};
    let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
    file.seek(SeekFrom::Start(WRITE_VERSION_OFFSET))?;
    file.write_all(&[READ_ONLY_WRITE_VERSION])?;
    file.sync_all()?;
    let mut permissions = file.metadata()?.permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(path, permissions)
}

/// Give the finished file its name without ever replacing an existing one
/// (a hard link fails if `out` appeared meanwhile).
fn publish(tmp: &Path, out: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(tmp, out) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        // File systems without hard links.
        Err(_) => std::fs::rename(tmp, out),
    }
}

fn temporary_beside(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.{}.kb-snapshot-tmp", std::process::id()))
}

fn open_immutable(path: &Path) -> Result<Connection> {
    let flags =
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(immutable_uri(path), flags).map_err(|source| Error::Open {
        path: path.to_owned(),
        source,
    })?;
    conn.query_row("PRAGMA schema_version", [], |r| r.get::<_, i64>(0))
        .map_err(|source| Error::NotADatabase {
            path: path.to_owned(),
            source,
        })?;
    Ok(conn)
}

fn metadata(conn: &Connection, path: &Path) -> Result<SnapshotInfo> {
    let row = conn.query_row(
        &format!(
            "SELECT kb_version, schema_version, sqlite_version, documents, created_at, content_sha256
             FROM {METADATA_TABLE}"
        ),
        [],
        |r| {
            Ok(SnapshotInfo {
                path: path.to_owned(),
                kb_version: r.get(0)?,
                schema_version: r.get(1)?,
                sqlite_version: r.get(2)?,
                documents: r.get(3)?,
                created_at: r.get(4)?,
                content_sha256: r.get(5)?,
                file_sha256: String::new(),
                bytes: 0,
            })
        },
    );
    row.map_err(|e| Error::BadSnapshot {
        path: path.to_owned(),
        detail: format!("no readable {METADATA_TABLE} row ({e}); not a kb snapshot"),
    })
}

/// `Ok` when `PRAGMA integrity_check` says "ok", else its first findings.
fn integrity(conn: &Connection) -> std::result::Result<(), String> {
    let findings: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| format!("integrity_check failed to run: {e}"))?;
    if findings == ["ok"] {
        Ok(())
    } else {
        Err(format!(
            "integrity_check: {}",
            findings.into_iter().take(5).collect::<Vec<_>>().join("; ")
        ))
    }
}

/// SHA-256 over the schema (every object's SQL, by name) and then every
/// table's rows, tables by name, rows by rowid (by primary key in a table
/// without rowid), each value tagged with its type and length, so no two
/// different contents hash alike. The metadata table is left out: it holds
/// the result.
fn content_sha256(conn: &Connection) -> Result<String> {
    let mut hash = Sha256::new();
    let mut stmt = conn.prepare(&format!(
        "SELECT type, name, coalesce(sql, '') FROM sqlite_schema
         WHERE name <> '{METADATA_TABLE}' ORDER BY name, type"
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        for i in 0..3 {
            feed(&mut hash, row.get_ref(i)?);
        }
    }
    let tables: Vec<(String, bool)> = conn
        .prepare(&format!(
            "SELECT name, wr FROM pragma_table_list
             WHERE schema = 'main' AND type IN ('table', 'shadow')
               AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> '{METADATA_TABLE}'
             ORDER BY name"
        ))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, without_rowid) in tables {
        hash.update(b"T");
        feed(&mut hash, ValueRef::Text(name.as_bytes()));
        let quoted = name.replace('"', "\"\"");
        let sql = if without_rowid {
            format!("SELECT * FROM \"{quoted}\"")
        } else {
            format!("SELECT * FROM \"{quoted}\" ORDER BY rowid")
        };
        let mut stmt = conn.prepare(&sql)?;
        let columns = stmt.column_count();
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            hash.update(b"R");
            for i in 0..columns {
                feed(&mut hash, row.get_ref(i)?);
            }
        }
    }
    Ok(hex(&hash.finalize()))
}

fn feed(hash: &mut Sha256, value: ValueRef<'_>) {
    match value {
        ValueRef::Null => hash.update(b"n"),
        ValueRef::Integer(i) => {
            hash.update(b"i");
            hash.update(i.to_le_bytes());
        }
        ValueRef::Real(f) => {
            hash.update(b"r");
            hash.update(f.to_bits().to_le_bytes());
        }
        ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
            hash.update(if matches!(value, ValueRef::Text(_)) {
                b"t"
            } else {
                b"b"
            });
            hash.update((bytes.len() as u64).to_le_bytes());
            hash.update(bytes);
        }
    }
}

fn file_sha256(path: &Path) -> Result<(String, u64)> {
    let read = |source: std::io::Error| Error::Read {
        path: path.to_owned(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(read)?;
    let mut hash = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut bytes = 0u64;
    loop {
        let n = file.read(&mut buf).map_err(read)?;
        if n == 0 {
            break;
        }
        bytes += n as u64;
        hash.update(&buf[..n]);
    }
    Ok((hex(&hash.finalize()), bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeded(dir: &Path) -> Kb {
        let mut kb = Kb::open(dir.join("kb.sqlite3")).unwrap();
        kb.migrate().unwrap();
        kb.seed(&crate::Source::builtin()).unwrap();
        kb
    }

    #[test]
    fn a_snapshot_verifies_and_cannot_be_written() {
        let dir = tempfile::tempdir().unwrap();
        drop(seeded(dir.path()));
        let kb = Kb::open_read_only(dir.path().join("kb.sqlite3")).unwrap();
        let out = dir.path().join("snap.sqlite3");
        let info = write(&kb, &out).unwrap();
        // The read-only handle is as read-only as before.
        assert!(kb.connection().execute("DELETE FROM document", []).is_err());
        assert_eq!(info.documents, 1);
        assert_eq!(verify(&out).unwrap(), info);
        // SQLite itself refuses to write it, whatever the permissions.
        let conn = Connection::open(&out).unwrap();
        let err = conn.execute("DELETE FROM document", []).unwrap_err();
        assert_eq!(err.sqlite_error_code(), Some(rusqlite::ErrorCode::ReadOnly));
        // No temporary file is left beside it.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(
            !names
                .iter()
                .any(|n| n.to_string_lossy().contains("kb-snapshot-tmp")),
            "{names:?}"
        );
    }

    #[test]
    fn an_existing_output_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let kb = seeded(dir.path());
        let out = dir.path().join("snap.sqlite3");
        std::fs::write(&out, b"keep me").unwrap();
        assert!(matches!(write(&kb, &out), Err(Error::Write { .. })));
        assert_eq!(std::fs::read(&out).unwrap(), b"keep me");
    }

    #[test]
    fn the_content_hash_sees_one_changed_value() {
        let dir = tempfile::tempdir().unwrap();
        let kb = seeded(dir.path());
        let before = content_sha256(kb.connection()).unwrap();
        kb.connection()
            .execute("UPDATE document SET title = title || '.'", [])
            .unwrap();
        assert_ne!(content_sha256(kb.connection()).unwrap(), before);
    }
}
