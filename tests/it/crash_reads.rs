//! Issue 11, failure 1: after a seed was killed while writing, every
//! read-only command failed ("database is read-only here") until some writer
//! rolled the hot journal back. Now a reader recovers it (or, where it may
//! not write, answers from a rolled-back private copy) and succeeds at once.

use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use predicates::prelude::*;
use tempfile::TempDir;

use crate::common::{self, kb, kb_path, seeds_dir};

fn journal(db: &Path) -> PathBuf {
    PathBuf::from(format!("{}-journal", db.display()))
}

/// A copy of the database and its journal, as the crash left them.
fn snapshot(db: &Path, to: &Path) {
    std::fs::copy(db, to).unwrap();
    std::fs::copy(journal(db), journal(to)).unwrap();
}

/// A journal whose header was written: SQLite zeroes the first byte of one
/// it no longer needs, and deletes it at commit in DELETE mode.
fn is_hot(db: &Path) -> bool {
    let mut first = [0u8; 1];
    std::fs::File::open(journal(db))
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut first))
        .is_ok_and(|()| first[0] != 0)
}

/// The read-only commands of the issue, each as the first reader.
const READERS: &[&[&str]] = &[
    &["show", "calcinosis-cutis"],
    &["search", "calcium"],
    &["migrate", "--status"],
    &["migrate", "--check"],
];

#[test]
fn read_only_commands_work_right_after_a_killed_commit() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("kb.sqlite3");
    let big = dir.path().join("big");
    kb_devtools::synth::write_corpus(&big, 7, 300).unwrap();
    kb(&db).arg("init").arg(seeds_dir()).assert().success();
    // kb makes new files WAL; a file in rollback-journal mode (an older kb's,
    // or its owner's choice) is the one a killed commit leaves a hot journal in.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    drop(conn);
    let pristine = dir.path().join("pristine.sqlite3");
    std::fs::copy(&db, &pristine).unwrap();

    // How long a whole seed takes, to aim the kills inside its write phase.
    let probe = dir.path().join("probe.sqlite3");
    std::fs::copy(&db, &probe).unwrap();
    let t = Instant::now();
    kb(&probe).arg("seed").arg(&big).assert().success();
    let full = t.elapsed();

    let bin = kb_path();
    let mut rng = common::fault_rng();
    let mut hot = 0;
    for trial in 0..12u32 {
        if hot >= 2 {
            break;
        }
        std::fs::copy(&pristine, &db).unwrap();
        let mut child = StdCommand::new(&bin)
            .env_remove("KB_DB")
            .arg("--db")
            .arg(&db)
            .arg("seed")
            .arg(&big)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait for the commit window: the journal's header is written (its
        // first byte set) when it is synced, just before the database file
        // is overwritten; it is deleted when the commit ends. That window is
        // short (tens of ms), so watch closely and kill inside it.
        let deadline = Instant::now() + full * 4;
        while !is_hot(&db) && Instant::now() < deadline && child.try_wait().unwrap().is_none() {
            std::hint::spin_loop();
        }
        std::thread::sleep(Duration::from_micros(rng.u64(0..5_000)));
        let _ = child.kill();
        let _ = child.wait();
        if !is_hot(&db) {
            continue; // the seed ended before the kill
        }
        hot += 1;
        // Each command as the very first reader of the crashed file.
        for (i, args) in READERS.iter().enumerate() {
            let copy = dir.path().join(format!("crash-{trial}-{i}.sqlite3"));
            snapshot(&db, &copy);
            kb(&copy)
                .args(*args)
                .assert()
                .success()
                .stderr(predicate::str::contains("journal").not());
            assert!(
                !journal(&copy).exists(),
                "trial {trial}: the journal was not rolled back"
            );
            let conn = rusqlite::Connection::open(&copy).unwrap();
            let (ok, docs): (String, i64) = conn
                .query_row(
                    "SELECT (SELECT integrity_check FROM pragma_integrity_check), (SELECT count(*) FROM document)",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            assert_eq!(
                (ok.as_str(), docs),
                ("ok", 1),
                "trial {trial}: not the last committed state"
            );
        }
        // A reader that may not write (mode=ro here; a read-only file or
        // directory alike) answers from a private rolled-back copy, says
        // so, and leaves the file and its journal as they were.
        let copy = dir.path().join(format!("crash-{trial}-ro.sqlite3"));
        snapshot(&db, &copy);
        let before = (
            std::fs::read(&copy).unwrap(),
            std::fs::read(journal(&copy)).unwrap(),
        );
        let uri = format!("file:{}?mode=ro", copy.display());
        for args in READERS {
            kb(Path::new(&uri))
                .args(*args)
                .assert()
                .success()
                .stderr(predicate::str::contains("last committed state"));
        }
        assert_eq!(
            (
                std::fs::read(&copy).unwrap(),
                std::fs::read(journal(&copy)).unwrap()
            ),
            before,
            "a read-only reader changed the file"
        );
    }
    eprintln!("{hot} kills left a hot journal");
    assert!(
        hot >= 1,
        "no kill landed inside the write phase; the test proves nothing"
    );
}

/// A WAL file (what kb creates) killed anywhere in a seed: every read-only
/// command works at once, on the old or the new state.
#[test]
fn read_only_commands_work_after_a_killed_seed_in_wal_mode() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("kb.sqlite3");
    let big = dir.path().join("big");
    kb_devtools::synth::write_corpus(&big, 9, 200).unwrap();
    kb(&db).arg("init").arg(seeds_dir()).assert().success();
    // The seed's checkpoint leaves the file complete: any WAL left beside
    // it (a read-only reader cannot delete it) is empty.
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    assert!(
        wal.metadata().map_or(0, |m| m.len()) == 0,
        "WAL content left after the seed"
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal", "kb creates WAL databases");
    drop(conn);
    let pristine = dir.path().join("pristine.sqlite3");
    std::fs::copy(&db, &pristine).unwrap();
    let t = Instant::now();
    kb(&db).arg("seed").arg(&big).assert().success();
    let full = t.elapsed();
    let bin = kb_path();
    let mut rng = common::fault_rng();
    for trial in 0..6u32 {
        std::fs::copy(&pristine, &db).unwrap();
        let _ = std::fs::remove_file(format!("{}-wal", db.display()));
        let _ = std::fs::remove_file(format!("{}-shm", db.display()));
        let mut child = StdCommand::new(&bin)
            .env_remove("KB_DB")
            .arg("--db")
            .arg(&db)
            .arg("seed")
            .arg(&big)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full.mul_f64(0.2 + rng.f64()));
        let _ = child.kill();
        let _ = child.wait();
        for args in READERS {
            kb(&db).args(*args).assert().success();
        }
        let conn = rusqlite::Connection::open(&db).unwrap();
        let (ok, docs): (String, i64) = conn
            .query_row(
                "SELECT (SELECT integrity_check FROM pragma_integrity_check), (SELECT count(*) FROM document)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(ok, "ok", "trial {trial}");
        assert!(docs == 1 || docs == 201, "trial {trial}: {docs} documents");
    }
}
