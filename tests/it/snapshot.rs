//! `kb snapshot`: the copy is sound (integrity_check, verify), read-only
//! (SQLite refuses to write it, kb too), and carries its metadata row.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use rusqlite::{Connection, OpenFlags};

fn kb(db: &Path) -> Command {
    let mut cmd = crate::common::kb(db);
    cmd.arg("--quiet");
    cmd
}

/// A seeded database and a snapshot of it, in a fresh folder.
fn snapshot() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kb.sqlite3");
    kb(&db).arg("init").assert().success();
    let out = dir.path().join("release.sqlite3");
    kb(&db).arg("snapshot").arg(&out).assert().success();
    (dir, db, out)
}

fn scalar(conn: &Connection, sql: &str) -> rusqlite::types::Value {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn the_snapshot_passes_integrity_check_and_holds_the_same_rows() {
    let (_dir, db, out) = snapshot();
    let copy = Connection::open_with_flags(&out, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let live = Connection::open_with_flags(&db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    assert_eq!(scalar(&copy, "PRAGMA integrity_check"), "ok".to_owned().into());
    for table in [
        "document",
        "condition",
        "condition_cause",
        "condition_symptom",
        "quote",
        "alias",
    ] {
        let sql = format!("SELECT count(*) FROM {table}");
        assert_eq!(scalar(&copy, &sql), scalar(&live, &sql), "{table}");
    }
    // Compact and self-contained: no free pages, a rollback-journal file
    // with nothing beside it.
    assert_eq!(scalar(&copy, "PRAGMA freelist_count"), 0.into());
    assert_eq!(scalar(&copy, "PRAGMA journal_mode"), "delete".to_owned().into());
    for side in ["-wal", "-shm", "-journal"] {
        assert!(!Path::new(&format!("{}{side}", out.display())).exists(), "{side}");
    }
    // The verifier agrees, and so does sha256sum with the checksum file.
    kb(&db)
        .args(["snapshot", "--verify"])
        .arg(&out)
        .assert()
        .success();
    let sums = std::process::Command::new("sha256sum")
        .arg("-c")
        .arg("release.sqlite3.sha256")
        .current_dir(out.parent().unwrap())
        .output()
        .unwrap();
    assert!(sums.status.success(), "{}", String::from_utf8_lossy(&sums.stdout));
}

#[test]
fn the_snapshot_is_read_only_for_sqlite_and_kb() {
    let (_dir, _db, out) = snapshot();
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o444
    );
    // Even a writer that ignores permissions (root) is refused by SQLite.
    let conn = Connection::open(&out).unwrap();
    let err = conn.execute("DELETE FROM document", []).unwrap_err();
    assert_eq!(
        err.sqlite_error_code(),
        Some(rusqlite::ErrorCode::ReadOnly),
        "{err}"
    );
    drop(conn);
    kb(&out)
        .args(["sql", "--write", "DELETE FROM document"])
        .assert()
        .failure();
    kb(&out).arg("seed").assert().failure();
    kb(&out)
        .args(["snapshot", "--verify"])
        .arg(&out)
        .assert()
        .success();
    // Queries answer, through an immutable URI as readers open it.
    let uri = format!("file:{}?mode=ro&immutable=1", out.display());
    kb(Path::new(&uri))
        .args(["show", "calcinosis cutis"])
        .assert()
        .success()
        .stdout(predicates::str::contains("calcinosis cutis"));
}

#[test]
fn the_metadata_row_names_versions_count_and_hash() {
    let (_dir, db, out) = snapshot();
    let json = kb(&db)
        .args(["snapshot", "--verify", "--format", "json"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(json.status.success());
    let info: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let conn = Connection::open_with_flags(&out, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let (kb_version, schema, documents, content): (String, i64, i64, String) = conn
        .query_row(
            "SELECT kb_version, schema_version, documents, content_sha256 FROM kb_snapshot",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(kb_version, env!("CARGO_PKG_VERSION"));
    let migrations = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations"))
        .unwrap()
        .count() as i64;
    assert_eq!(schema, migrations, "the last migration applied");
    assert_eq!(
        documents,
        scalar(&conn, "SELECT count(*) FROM document").into_i64()
    );
    assert_eq!(documents, 1);
    assert_eq!(content.len(), 64);
    assert_eq!(info["content_sha256"], content.as_str());
    assert_eq!(info["documents"], documents);
    assert_eq!(scalar(&conn, "SELECT count(*) FROM kb_snapshot"), 1.into());
}

#[test]
fn a_changed_copy_fails_verification() {
    let (dir, db, out) = snapshot();
    // A copy made writable again (header byte 18 back to 1), then edited.
    let tampered = dir.path().join("tampered.sqlite3");
    let mut bytes = std::fs::read(&out).unwrap();
    bytes[18] = 1;
    std::fs::write(&tampered, bytes).unwrap();
    Connection::open(&tampered)
        .unwrap()
        .execute("UPDATE document SET title = title || '!'", [])
        .unwrap();
    kb(&db)
        .args(["snapshot", "--verify"])
        .arg(&tampered)
        .assert()
        .code(65)
        .stderr(predicates::str::contains("content SHA-256"));
    // And a plain kb database is no snapshot.
    kb(&db)
        .args(["snapshot", "--verify"])
        .arg(&db)
        .assert()
        .code(65)
        .stderr(predicates::str::contains("not a kb snapshot"));
}

#[test]
fn an_existing_file_is_refused_and_kept() {
    let (_dir, db, out) = snapshot();
    let before = std::fs::read(&out).unwrap();
    kb(&db).arg("snapshot").arg(&out).assert().code(65);
    assert_eq!(std::fs::read(&out).unwrap(), before);
}

trait IntoI64 {
    fn into_i64(self) -> i64;
}

impl IntoI64 for rusqlite::types::Value {
    fn into_i64(self) -> i64 {
        match self {
            rusqlite::types::Value::Integer(i) => i,
            other => panic!("not an integer: {other:?}"),
        }
    }
}

#[test]
fn a_snapshot_taken_during_a_seed_holds_a_whole_state() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kb.sqlite3");
    kb(&db).arg("init").assert().success();
    let corpus = dir.path().join("corpus");
    kb_devtools::synth::write_corpus(&corpus, 7, 60).unwrap();
    let mut seed = std::process::Command::new(env!("CARGO_BIN_EXE_kb"))
        .arg("--db")
        .arg(&db)
        .args(["--quiet", "seed"])
        .arg(&corpus)
        .spawn()
        .unwrap();
    // Snapshots while the seed runs: each is the state before it or after.
    let mut taken = 0;
    while seed.try_wait().unwrap().is_none() || taken == 0 {
        let out = dir.path().join(format!("during-{taken}.sqlite3"));
        kb(&db).arg("snapshot").arg(&out).assert().success();
        kb(&db)
            .args(["snapshot", "--verify"])
            .arg(&out)
            .assert()
            .success();
        let documents = scalar(
            &Connection::open_with_flags(&out, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap(),
            "SELECT count(*) FROM document",
        )
        .into_i64();
        assert!(documents == 1 || documents == 61, "{documents} documents");
        taken += 1;
    }
    assert!(seed.wait().unwrap().success());
}
