//! `kb sql`: ad-hoc SQL is read-only unless asked, one statement at a time,
//! and hostile input leaves the database as it was.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

fn kb(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kb").unwrap();
    cmd.env_remove("KB_DB").arg("--db").arg(db);
    cmd
}

fn seeded() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("kb.sqlite3");
    kb(&db)
        .arg("init")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds"))
        .assert()
        .success();
    (dir, db)
}

#[test]
fn select_in_every_format() {
    let (_dir, db) = seeded();
    let q = "SELECT slug, name FROM condition ORDER BY slug";
    kb(&db)
        .args(["sql", q])
        .assert()
        .success()
        .stdout(predicate::str::contains("calcinosis-cutis"));
    let out = kb(&db).args(["sql", q, "--format", "json"]).output().unwrap();
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["slug"], "calcinosis-cutis");
    assert_eq!(rows[0]["name"], "calcinosis cutis");
    let out = kb(&db).args(["sql", q, "--format", "csv"]).output().unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    assert_eq!(csv.lines().next(), Some("slug,name"));
    assert_eq!(csv.lines().nth(1), Some("calcinosis-cutis,calcinosis cutis"));
}

#[test]
fn hostile_sql_is_refused_and_changes_nothing() {
    let (dir, db) = seeded();
    let before = std::fs::read(&db).unwrap();
    let attached = dir.path().join("other.sqlite3");
    let refused_writes = [
        "DELETE FROM condition",
        "UPDATE cause SET name = 'x'",
        "INSERT INTO condition(slug, name) VALUES ('x', 'x')",
        "DROP TABLE condition",
        "CREATE TABLE evil(x)",
        "BEGIN",
        "PRAGMA user_version = 5",
        "PRAGMA journal_mode = WAL",
        "VACUUM",
        "REINDEX",
    ];
    for sql in refused_writes {
        kb(&db)
            .args(["sql", sql])
            .assert()
            .code(65)
            .stderr(predicate::str::contains("--write"));
    }
    let refused_always = [
        "SELECT 1; DELETE FROM condition",
        "DELETE FROM condition; SELECT 1",
        &format!("ATTACH '{}' AS o", attached.display()),
        "SELEKT 1",
        "SELECT * FROM no_such_table",
        "",
    ];
    for sql in refused_always {
        kb(&db)
            .args(["sql", "--write", sql])
            .assert()
            .code(65)
            .stderr(predicate::str::contains("error"));
    }
    assert!(!attached.exists(), "ATTACH must not create a file");
    assert_eq!(std::fs::read(&db).unwrap(), before, "the database changed");
    kb(&db)
        .args(["sql", "SELECT * FROM no_such_table"])
        .assert()
        .code(65)
        .stderr(predicate::str::contains("no_such_table"));
}

#[test]
fn writes_are_allowed_with_the_flag() {
    let (_dir, db) = seeded();
    kb(&db)
        .args([
            "sql",
            "--write",
            "INSERT INTO condition(slug, name) VALUES ('test-rash', 'test rash')",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("1 row(s) changed"));
    kb(&db)
        .args(["sql", "SELECT name FROM condition WHERE slug = 'test-rash'"])
        .assert()
        .success()
        .stdout(predicate::str::contains("test rash"));
    // Constraints still hold on explicit writes.
    kb(&db)
        .args([
            "sql",
            "--write",
            "INSERT INTO condition(slug, name) VALUES ('Bad Slug', 'x')",
        ])
        .assert()
        .code(65)
        .stderr(predicate::str::contains("CHECK constraint failed"));
}
