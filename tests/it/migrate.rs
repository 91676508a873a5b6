//! `kb migrate` and database opening, end to end on real files.

use std::path::Path;
use std::process::Command as StdCommand;

use predicates::prelude::*;

use crate::common::{bin, crate_dir, fresh, kb, migrated, sqlite3};

/// Run `f` on the file and check it left the bytes exactly as they were.
fn unchanged(db: &Path, f: impl FnOnce()) {
    let before = std::fs::read(db).unwrap();
    f();
    assert_eq!(std::fs::read(db).unwrap(), before, "the database file changed");
}

#[test]
fn migrate_applies_then_is_a_no_op() {
    let (_dir, db) = fresh();
    kb(&db).arg("migrate").assert().success().stderr(
        predicate::str::contains("applied V1__core_schema").and(predicate::str::contains("applied V2__")),
    );
    unchanged(&db, || {
        kb(&db)
            .arg("migrate")
            .assert()
            .success()
            .stderr(predicate::str::contains("nothing to apply"));
    });
}

#[test]
fn migrated_file_is_clean_and_readable_by_other_clients() {
    let (_dir, db) = migrated();
    assert_eq!(
        sqlite3(&db, "PRAGMA integrity_check; PRAGMA foreign_key_check;").trim(),
        "ok"
    );
    // Comments inside CREATE statements survive into the schema.
    assert!(sqlite3(&db, ".schema condition").contains("-- A medical condition"));
    let objects = sqlite3(
        &db,
        "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' \
         AND name NOT LIKE '%search_%' ORDER BY name",
    );
    let names: Vec<&str> = objects.lines().collect();
    assert!(names.len() >= 20, "{names:?}");
    for name in &names {
        sqlite3(&db, &format!("SELECT * FROM \"{name}\" LIMIT 1"));
    }
    let script = format!(
        "import sqlite3, sys\n\
         c = sqlite3.connect('file:{}?mode=ro', uri=True)\n\
         names = [r[0] for r in c.execute(\"SELECT name FROM sqlite_schema WHERE type IN ('table','view') AND name NOT LIKE 'sqlite_%'\")]\n\
         for n in names: c.execute(f'SELECT * FROM \"{{n}}\" LIMIT 1').fetchall()\n\
         c.execute(\"SELECT * FROM quote_search WHERE quote_search MATCH 'x'\").fetchall()\n\
         print(len(names))\n",
        db.display()
    );
    let out = StdCommand::new("python3")
        .arg("-c")
        .arg(script)
        .output()
        .expect("python3 is needed for this test");
    assert!(
        out.status.success(),
        "python3 sqlite3 failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read: usize = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    assert!(read >= names.len());
}

#[test]
fn status_lists_migrations_without_writing() {
    let (_dir, db) = migrated();
    unchanged(&db, || {
        kb(&db)
            .args(["migrate", "--status"])
            .assert()
            .success()
            .stdout(predicate::str::contains("core_schema").and(predicate::str::contains("applied")));
        let out = kb(&db)
            .args(["migrate", "--status", "--format", "json"])
            .output()
            .unwrap();
        let status: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(status["pending"].as_array().unwrap().is_empty());
        assert!(status["applied"].as_array().unwrap().len() >= 2);
    });
    // A read-only file and folder: status still works (root ignores
    // permissions, so this also relies on kb opening the file read-only).
    let mut perms = std::fs::metadata(&db).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&db, perms).unwrap();
    kb(&db).args(["migrate", "--status"]).assert().success();
}

#[test]
fn check_reports_pending_migrations_with_exit_1() {
    let (_dir, db) = fresh();
    // A plain empty SQLite database: everything pending.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("CREATE TABLE other(x)")
        .unwrap();
    unchanged(&db, || {
        kb(&db)
            .args(["migrate", "--check"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("pending"));
    });
    kb(&db).arg("migrate").assert().success();
    kb(&db).args(["migrate", "--check"]).assert().success();
    // A missing file is a user error, and is not created.
    let missing = db.with_file_name("missing.sqlite3");
    kb(&missing).args(["migrate", "--check"]).assert().code(65);
    assert!(!missing.exists());
}

#[test]
fn newer_or_edited_schema_is_refused_untouched() {
    let (_dir, db) = migrated();
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "INSERT INTO refinery_schema_history VALUES (999, 'from_the_future', '2030-01-01T00:00:00Z', '1')",
            [],
        )
        .unwrap();
    for args in [
        &["migrate"][..],
        &["migrate", "--status"],
        &["sql", "SELECT 1"],
        &["show", "x"],
    ] {
        unchanged(&db, || {
            let assert = kb(&db).args(args).assert();
            if args[0] == "sql" {
                // Ad-hoc SQL reads any SQLite file; only typed commands need our schema.
                assert.success();
            } else {
                assert
                    .code(65)
                    .stderr(predicate::str::contains("newer").and(predicate::str::contains("V999")));
            }
        });
    }

    let (_dir2, db) = migrated();
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE refinery_schema_history SET checksum = '12345' WHERE version = 1",
            [],
        )
        .unwrap();
    unchanged(&db, || {
        kb(&db)
            .arg("migrate")
            .assert()
            .code(65)
            .stderr(predicate::str::contains("differs"));
    });
}

#[test]
fn files_that_are_not_databases_are_refused() {
    let (dir, _) = fresh();
    let garbage = dir.path().join("garbage.sqlite3");
    std::fs::write(&garbage, "this is a text file, not a database\n".repeat(100)).unwrap();
    unchanged(&garbage, || {
        kb(&garbage)
            .arg("migrate")
            .assert()
            .code(65)
            .stderr(predicate::str::contains("not a SQLite database"));
    });

    let (_d, real) = migrated();
    let truncated = dir.path().join("truncated.sqlite3");
    std::fs::write(&truncated, &std::fs::read(&real).unwrap()[..100]).unwrap();
    unchanged(&truncated, || {
        let out = kb(&truncated).arg("migrate").output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(65),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    });
}

#[test]
fn unwritable_and_missing_paths_are_user_errors() {
    kb(Path::new("/nonexistent-dir/kb.sqlite3"))
        .arg("migrate")
        .assert()
        .code(65)
        .stderr(predicate::str::contains("/nonexistent-dir/kb.sqlite3"));
    let (_dir, db) = fresh();
    kb(&db).args(["sql", "SELECT 1"]).assert().code(65).stderr(
        predicate::str::contains(db.display().to_string()).and(predicate::str::contains("`kb init` creates")),
    );
    assert!(!db.exists(), "a read command must not create the database");
}

/// A database opened read-only (here through SQLite's URI form, since the
/// tests may run as root, whom file modes do not stop) is reported as such,
/// as the user's problem, naming the file; and `sql --write` on a missing
/// path creates nothing.
#[test]
fn read_only_databases_and_missing_paths_are_named() {
    let (dir, db) = migrated();
    let uri = format!("file:{}?mode=ro", db.display());
    unchanged(&db, || {
        kb(Path::new(&uri)).arg("seed").assert().code(65).stderr(
            predicate::str::contains("read-only").and(predicate::str::contains(db.display().to_string())),
        );
    });
    let missing = dir.path().join("typo.sqlite3");
    kb(&missing)
        .args(["sql", "--write", "CREATE TABLE t(x)"])
        .assert()
        .code(65)
        .stderr(predicate::str::contains("does not exist"));
    assert!(!missing.exists(), "sql --write must not create a database");
}

/// A database its owner switched to WAL keeps its journal mode, and a
/// refused command leaves it byte for byte as it was.
#[test]
fn an_existing_journal_mode_is_respected() {
    let (dir, db) = migrated();
    assert_eq!(sqlite3(&db, "PRAGMA journal_mode = WAL;").trim(), "wal");
    let broken = dir.path().join("broken");
    std::fs::create_dir(&broken).unwrap();
    std::fs::write(broken.join("bad.json"), "{ not json").unwrap();
    unchanged(&db, || {
        kb(&db).arg("seed").arg(&broken).assert().code(65);
    });
    kb(&db).arg("seed").assert().success();
    assert_eq!(sqlite3(&db, "PRAGMA journal_mode;").trim(), "wal");
}

/// Another program's SQLite file is refused as such, untouched, instead of
/// failing halfway through kb's first migration.
#[test]
fn a_foreign_database_is_refused_untouched() {
    let (_dir, db) = fresh();
    sqlite3(&db, "CREATE TABLE cause(x); INSERT INTO cause VALUES (1);");
    unchanged(&db, || {
        kb(&db)
            .arg("migrate")
            .assert()
            .code(65)
            .stderr(predicate::str::contains("not a kb one").and(predicate::str::contains("cause")));
    });
}

#[test]
fn database_path_comes_from_flag_env_or_default() {
    let (dir, _) = fresh();
    bin().current_dir(dir.path()).arg("migrate").assert().success();
    assert!(dir.path().join("kb.sqlite3").exists(), "default is ./kb.sqlite3");

    let env_db = dir.path().join("from-env.sqlite3");
    bin().env("KB_DB", &env_db).arg("migrate").assert().success();
    assert!(env_db.exists());

    let flag_db = dir.path().join("from-flag.sqlite3");
    bin()
        .env("KB_DB", dir.path().join("unused.sqlite3"))
        .arg("--db")
        .arg(&flag_db)
        .arg("migrate")
        .assert()
        .success();
    assert!(flag_db.exists());
    assert!(
        !dir.path().join("unused.sqlite3").exists(),
        "--db wins over KB_DB"
    );
}

#[test]
fn usage_errors_exit_2() {
    bin().arg("frobnicate").assert().code(2);
    bin()
        .args(["sql", "SELECT 1", "--format", "xml"])
        .assert()
        .code(2);
}

#[test]
fn dump_schema_is_what_the_sqlite3_shell_shows_and_what_schema_sql_holds() {
    let snapshot = std::fs::read_to_string(crate_dir().join("schema.sql")).unwrap();
    // Printed: the fresh in-memory schema, whatever --db names.
    let (dir, db) = fresh();
    let printed = kb(&db).args(["migrate", "--dump-schema"]).assert().success();
    let printed = String::from_utf8(printed.get_output().stdout.clone()).unwrap();
    assert!(!db.exists(), "--dump-schema must not create the --db file");
    assert_eq!(
        printed, snapshot,
        "schema.sql is stale: regenerate it with `cargo run -- migrate --dump-schema schema.sql`"
    );
    // Written to a path.
    let out = dir.path().join("schema.sql");
    kb(&db)
        .args(["migrate", "--dump-schema"])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), snapshot);
    // The shell's own .schema of a kb-migrated file reads the same.
    kb(&db).arg("migrate").assert().success();
    assert_eq!(sqlite3(&db, ".schema"), snapshot);
}
