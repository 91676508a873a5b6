//! Issue 11's hostile inputs, each a clear error (exit 65 naming the file)
//! or a listed skip, never an internal error, a hang or a clobbered file.

use std::path::Path;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

use crate::common::{migrated, seeds_dir};

fn kb(db: &Path) -> Command {
    let mut cmd = crate::common::kb(db);
    // Nothing here may block for long: a FIFO once hung kb forever.
    cmd.timeout(Duration::from_secs(60));
    cmd
}

fn article() -> String {
    std::fs::read_to_string(seeds_dir().join("calcinosis-cutis.txt")).unwrap()
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

fn documents(db: &Path) -> String {
    let out = kb(db)
        .args([
            "sql",
            "SELECT group_concat(path, ' ') FROM (SELECT path FROM document ORDER BY path)",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .nth(1)
        .unwrap_or("")
        .to_owned()
}

/// Failure 6: `kb extract a.txt -o a.txt` replaced the article with JSON.
#[test]
fn extract_never_writes_over_an_input_or_an_existing_file() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("unused.sqlite3");
    let a = dir.path().join("a.txt");
    std::fs::write(&a, article()).unwrap();
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(&a, &link).unwrap();
    for out in [&a, &link] {
        for force in [false, true] {
            let mut cmd = kb(&db);
            cmd.arg("extract").arg(&a).arg("-o").arg(out);
            if force {
                cmd.arg("--force");
            }
            cmd.assert().code(65).stderr(predicate::str::contains("input"));
        }
    }
    assert_eq!(
        std::fs::read_to_string(&a).unwrap(),
        article(),
        "the article was overwritten"
    );
    let json = dir.path().join("a.json");
    kb(&db)
        .arg("extract")
        .arg(&a)
        .arg("-o")
        .arg(&json)
        .assert()
        .success();
    let first = std::fs::read(&json).unwrap();
    std::fs::write(&json, "reviewed by hand").unwrap();
    kb(&db)
        .arg("extract")
        .arg(&a)
        .arg("-o")
        .arg(&json)
        .assert()
        .code(65)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&json).unwrap(), "reviewed by hand");
    kb(&db)
        .arg("extract")
        .arg(&a)
        .arg("-o")
        .arg(&json)
        .arg("--force")
        .assert()
        .success();
    assert_eq!(std::fs::read(&json).unwrap(), first);
}

/// Failure 7: sizes and types were checked after reading.
#[test]
fn devices_fifos_and_huge_files_are_refused_before_reading() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("unused.sqlite3");
    let fifo = dir.path().join("pipe.txt");
    mkfifo(&fifo);
    let huge = dir.path().join("huge.txt");
    // Sparse: 200 MB on paper, nothing on disk.
    std::fs::File::create(&huge).unwrap().set_len(200 << 20).unwrap();
    for (path, words) in [
        (Path::new("/dev/zero"), "not a regular file"),
        (fifo.as_path(), "not a regular file"),
        (dir.path(), "not a regular file"),
        (huge.as_path(), "limit"),
    ] {
        let t = Instant::now();
        kb(&db).arg("extract").arg(path).assert().code(65).stderr(
            predicate::str::contains(words).and(predicate::str::contains(path.display().to_string())),
        );
        assert!(
            t.elapsed() < Duration::from_secs(10),
            "{}: {:?}",
            path.display(),
            t.elapsed()
        );
    }
    kb(&db)
        .arg("extract")
        .arg(seeds_dir().join("calcinosis-cutis.txt"))
        .arg("--vocabulary")
        .arg(&fifo)
        .assert()
        .code(65)
        .stderr(predicate::str::contains("not a regular file"));
}

/// Failures 8 and 11: a link out of the seed folder was followed (and
/// /etc/passwd seeded as a condition); FIFOs, directories and `.TXT` files
/// were skipped without a word.
#[test]
fn seed_folders_read_only_their_own_regular_files_and_list_the_rest() {
    let (dir, db) = migrated();
    let outside = dir.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(
        outside.join("secret.txt"),
        article().replace("Calcinosis", "Secretosis"),
    )
    .unwrap();
    let folder = dir.path().join("seeds");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("LOUD.TXT"), article()).unwrap();
    std::os::unix::fs::symlink(outside.join("secret.txt"), folder.join("secret.txt")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", folder.join("passwd.txt")).unwrap();
    std::os::unix::fs::symlink(folder.join("LOUD.TXT"), folder.join("inside.txt")).unwrap();
    mkfifo(&folder.join("pipe.txt"));
    std::fs::create_dir(folder.join("sub.txt")).unwrap();
    std::fs::write(folder.join("notes.docx"), "x").unwrap();
    let assert = kb(&db).arg("seed").arg(&folder).assert().success();
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    for (entry, why) in [
        ("secret.txt", "outside the folder"),
        ("passwd.txt", "outside the folder"),
        ("pipe.txt", "FIFO"),
        ("sub.txt", "directory"),
        ("notes.docx", "not a document"),
    ] {
        assert!(
            err.lines()
                .any(|l| l.contains("skipped") && l.contains(entry) && l.contains(why)),
            "{entry} not reported as {why}:\n{err}"
        );
    }
    assert_eq!(documents(&db), "LOUD.txt inside.txt");
    // Asked to, kb follows a link out.
    std::fs::remove_file(folder.join("passwd.txt")).unwrap();
    kb(&db)
        .arg("seed")
        .arg(&folder)
        .arg("--follow-links")
        .assert()
        .success();
    assert_eq!(documents(&db), "LOUD.txt inside.txt secret.txt");
}

/// Failure 9: a file name with no letters failed a CHECK constraint, as an
/// internal error naming no file.
#[test]
fn a_document_name_without_letters_is_named() {
    let (dir, db) = migrated();
    let folder = dir.path().join("seeds");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("!!!.txt"), article()).unwrap();
    kb(&db)
        .arg("seed")
        .arg(&folder)
        .assert()
        .code(65)
        .stderr(predicate::str::contains("!!!.txt").and(predicate::str::contains("no letter or digit")));
}

/// Failure 9: history rows refinery could not have written were an
/// internal error.
#[test]
fn unreadable_history_rows_are_bad_input_naming_the_file() {
    for bad in ["99999999999", "NULL", "'one'"] {
        let (_dir, db) = migrated();
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute(
            &format!("INSERT INTO refinery_schema_history VALUES ({bad}, 'x', '2030-01-01T00:00:00Z', '1')"),
            [],
        )
        .unwrap();
        drop(conn);
        for args in [
            &["migrate", "--status"][..],
            &["migrate"],
            &["show", "x"],
            &["migrate", "--check"],
        ] {
            kb(&db).args(args).assert().code(65).stderr(
                predicate::str::contains("migration history")
                    .and(predicate::str::contains(db.display().to_string())),
            );
        }
    }
}

/// Failure 11: one notice printed 4,000 slugs on one line.
#[test]
fn long_lists_in_notices_are_cut() {
    let (dir, db) = migrated();
    let many = dir.path().join("many");
    kb_devtools::synth::write_corpus(&many, 3, 14).unwrap();
    kb(&db).arg("seed").arg(&many).assert().success();
    let assert = kb(&db).arg("seed").arg(seeds_dir()).assert().success();
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    let note = err
        .lines()
        .find(|l| l.contains("not in"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(note.contains("and 4 more"), "{note}");
}
