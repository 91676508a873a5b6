//! Incremental reseeds (issue 13): a document whose bytes, seed file and
//! vocabulary are unchanged is skipped, not read into the model; what a
//! reseed writes is what a fresh seed of the same folder holds; a failed
//! or killed reseed leaves the database as it was.
//!
//! "Skipped" is seen in the summary: a document that is read has its facts
//! diffed and counted (inserted, updated, unchanged), one skipped has none.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use kb::{Kb, SeedSummary, Source};
use tempfile::TempDir;

const SEED: u64 = 20261126;

fn corpus(dir: &Path, n: usize) {
    kb_devtools::synth::write_corpus(dir, SEED, n).unwrap();
}

fn migrated(db: &Path) {
    Kb::open(db).unwrap().migrate().unwrap();
}

fn seed(db: &Path, dir: &Path) -> kb::Result<SeedSummary> {
    Kb::open(db).unwrap().seed(&Source::from_dir(dir).unwrap())
}

/// Facts counted (read and diffed) in a run, over every fact table.
fn facts_read(s: &SeedSummary) -> u64 {
    [
        "condition_source",
        "type_source",
        "condition_symptom",
        "type_cause",
    ]
    .iter()
    .filter_map(|t| s.tables.get(*t))
    .map(|c| c.inserted + c.updated + c.unchanged)
    .sum()
}

/// Everything a seed stores, without row ids: documents, every fact with
/// its quote, aliases, symptom codes.
fn content(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut out = Vec::new();
    for sql in [
        "SELECT slug, path, title, sha256, length(body) FROM document",
        "SELECT f.kind, f.condition, f.condition_name, f.type, f.slug, f.name, d.slug, q.start_byte, q.end_byte, \
         q.line, q.text, f.note_kind, f.note FROM facts f JOIN document d ON d.id = f.document_id \
         JOIN quote q ON q.id = f.quote_id",
        "SELECT a.name, a.origin, d.slug FROM alias a LEFT JOIN document d ON d.id = a.document_id",
        "SELECT s.slug, c.code, sc.method FROM symptom_code sc JOIN symptom s ON s.id = sc.symptom_id \
         JOIN code c ON c.id = sc.code_id",
        "SELECT 'condition', slug, name FROM condition UNION ALL SELECT 'cause', slug, name FROM cause \
         UNION ALL SELECT 'symptom', slug, name FROM symptom",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}")))
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .unwrap();
        for row in rows {
            out.push(row.unwrap().join(" | "));
        }
    }
    out.sort();
    out
}

/// A fresh database seeded from `dir`, for comparison.
fn fresh(work: &Path, dir: &Path) -> PathBuf {
    let db = work.join(format!("fresh-{}.sqlite3", std::process::id()));
    let _ = std::fs::remove_file(&db);
    migrated(&db);
    seed(&db, dir).unwrap();
    db
}

/// The file and its WAL side file, byte for byte.
fn bytes(db: &Path) -> (Vec<u8>, Option<Vec<u8>>) {
    (
        std::fs::read(db).unwrap(),
        std::fs::read(format!("{}-wal", db.display())).ok(),
    )
}

#[test]
fn a_reseed_with_nothing_changed_reads_no_document_and_writes_nothing() {
    let work = TempDir::new().unwrap();
    let dir = work.path().join("corpus");
    corpus(&dir, 30);
    let db = work.path().join("kb.sqlite3");
    migrated(&db);
    let first = seed(&db, &dir).unwrap();
    assert!(first.changed);
    assert!(facts_read(&first) > 0);
    assert_eq!(first.tables["document_input"].inserted, 30);
    let before = bytes(&db);
    let again = seed(&db, &dir).unwrap();
    assert!(!again.changed, "{again:?}");
    assert_eq!(again.tables["document"].unchanged, 30);
    assert_eq!(facts_read(&again), 0, "no document was read: {again:?}");
    assert_eq!(again.documents, first.documents);
    assert_eq!(bytes(&db), before, "the file is byte-identical");
}

#[test]
fn one_changed_article_is_the_only_one_read_and_the_result_is_a_fresh_seed() {
    let work = TempDir::new().unwrap();
    let dir = work.path().join("corpus");
    corpus(&dir, 20);
    let db = work.path().join("kb.sqlite3");
    migrated(&db);
    seed(&db, &dir).unwrap();
    let article = Source::from_dir(&dir)
        .unwrap()
        .file_names()
        .find(|n| n.ends_with(".txt"))
        .unwrap()
        .to_owned();
    // A sentence added at the end: the reviewed quotes stay where they are.
    let path = dir.join(&article);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("\nA sentence added after review.\n");
    std::fs::write(&path, text).unwrap();

    let s = seed(&db, &dir).unwrap();
    assert!(s.changed);
    assert_eq!(s.tables["document"].updated, 1);
    assert_eq!(s.tables["document"].unchanged, 19);
    assert_eq!(
        s.tables["condition_source"].unchanged, 1,
        "only its facts were diffed"
    );
    assert_eq!(s.tables["document_input"].updated, 1);
    // Said on this and every later seed until the seed file is re-anchored.
    assert!(
        s.notices.iter().any(|n| n.contains("changed since review")),
        "{:?}",
        s.notices
    );
    let again = seed(&db, &dir).unwrap();
    assert!(!again.changed);
    assert_eq!(facts_read(&again), 0);
    assert_eq!(again.notices, s.notices, "a skipped document repeats its notices");
    assert_eq!(content(&db), content(&fresh(work.path(), &dir)));
}

#[test]
fn an_edited_seed_file_is_read_again() {
    let work = TempDir::new().unwrap();
    let dir = work.path().join("corpus");
    corpus(&dir, 10);
    let db = work.path().join("kb.sqlite3");
    migrated(&db);
    seed(&db, &dir).unwrap();
    let json = Source::from_dir(&dir)
        .unwrap()
        .file_names()
        .find(|n| n.ends_with(".json"))
        .unwrap()
        .to_owned();
    let path = dir.join(&json);
    let mut seed_file: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let symptoms = seed_file["conditions"][0]["symptoms"].as_array_mut().unwrap();
    assert!(!symptoms.is_empty());
    symptoms.pop();
    std::fs::write(&path, serde_json::to_string_pretty(&seed_file).unwrap()).unwrap();

    let s = seed(&db, &dir).unwrap();
    assert!(s.changed);
    assert_eq!(s.tables["condition_symptom"].removed, 1);
    assert_eq!(s.tables["document"].unchanged, 10);
    assert_eq!(
        s.tables["condition_source"].unchanged, 1,
        "only that document was read"
    );
    assert_eq!(content(&db), content(&fresh(work.path(), &dir)));
}

#[test]
fn a_new_vocabulary_rereads_extracted_articles_and_skips_reviewed_ones() {
    let work = TempDir::new().unwrap();
    let dir = work.path().join("corpus");
    corpus(&dir, 8);
    // Three articles lose their reviewed seed files: they are extracted.
    let mut jsons: Vec<String> = Source::from_dir(&dir)
        .unwrap()
        .file_names()
        .filter(|n| n.ends_with(".json"))
        .map(str::to_owned)
        .collect();
    jsons.truncate(3);
    for json in &jsons {
        std::fs::remove_file(dir.join(json)).unwrap();
    }
    let db = work.path().join("kb.sqlite3");
    migrated(&db);
    seed(&db, &dir).unwrap();
    assert!(!seed(&db, &dir).unwrap().changed);

    std::fs::write(
        dir.join("vocabulary.toml"),
        "[corrections]\nitchyness = \"itchiness\"\n",
    )
    .unwrap();
    let s = seed(&db, &dir).unwrap();
    assert_eq!(
        s.tables["condition_source"].unchanged, 3,
        "the three extracted articles were read again: {s:?}"
    );
    assert_eq!(s.tables["document_input"].updated, 3);
    assert_eq!(s.tables["document"].unchanged, 8);
    let again = seed(&db, &dir).unwrap();
    assert!(!again.changed, "{again:?}");
    assert_eq!(facts_read(&again), 0);
    assert_eq!(content(&db), content(&fresh(work.path(), &dir)));
}

#[test]
fn an_article_with_nothing_extracted_is_noted_on_every_seed() {
    let work = TempDir::new().unwrap();
    let dir = work.path().join("docs");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("plain-words.txt"),
        "Nothing here names a condition at all.\n",
    )
    .unwrap();
    let db = work.path().join("kb.sqlite3");
    migrated(&db);
    let first = seed(&db, &dir).unwrap();
    let noted = |s: &SeedSummary| s.notices.iter().any(|n| n.contains("no condition found"));
    assert!(noted(&first), "{:?}", first.notices);
    let again = seed(&db, &dir).unwrap();
    assert!(!again.changed);
    assert!(noted(&again), "the notice is repeated for a skipped article");
    let stored: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM document WHERE slug = 'plain-words'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored, 1, "the article is stored all the same");
}

#[test]
fn a_bad_file_late_in_the_pass_leaves_the_database_as_it_was() {
    let work = TempDir::new().unwrap();
    let dir = work.path().join("corpus");
    corpus(&dir, 12);
    let db = work.path().join("kb.sqlite3");
    migrated(&db);
    seed(&db, &dir).unwrap();
    let before = content(&db);
    let file = bytes(&db);
    // A valid edit early in the pass, then a bad article at its very end
    // (extracted articles come after the reviewed ones).
    let first = Source::from_dir(&dir)
        .unwrap()
        .file_names()
        .find(|n| n.ends_with(".txt"))
        .unwrap()
        .to_owned();
    let mut text = std::fs::read_to_string(dir.join(&first)).unwrap();
    text.push_str("\nMore text.\n");
    std::fs::write(dir.join(&first), text).unwrap();
    std::fs::write(dir.join("zz-broken.txt"), b"binary\0junk").unwrap();
    let err = seed(&db, &dir).unwrap_err();
    assert!(err.to_string().contains("zz-broken"), "{err}");
    assert_eq!(content(&db), before);
    assert_eq!(bytes(&db), file, "byte-identical after the failed run");
    // Fixed, the next run writes the edit.
    std::fs::remove_file(dir.join("zz-broken.txt")).unwrap();
    assert!(seed(&db, &dir).unwrap().changed);
    assert_eq!(content(&db), content(&fresh(work.path(), &dir)));
}

#[test]
fn without_stored_inputs_every_document_is_read_and_no_fact_changes() {
    let work = TempDir::new().unwrap();
    let dir = work.path().join("corpus");
    corpus(&dir, 10);
    let db = work.path().join("kb.sqlite3");
    migrated(&db);
    seed(&db, &dir).unwrap();
    let before = content(&db);
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("DELETE FROM document_input; DELETE FROM seed_state;")
        .unwrap();
    let s = seed(&db, &dir).unwrap();
    assert_eq!(s.tables["condition_source"].unchanged, 10, "all read again");
    assert_eq!(s.tables["document_input"].inserted, 10);
    for (table, c) in &s.tables {
        if table != "document_input" {
            assert!(!c.changed(), "{table}: {c:?}");
        }
    }
    assert_eq!(content(&db), before);
    assert!(!seed(&db, &dir).unwrap().changed);
}

#[test]
fn a_seed_file_moved_to_another_document_is_followed() {
    let work = TempDir::new().unwrap();
    let dir = work.path().join("corpus");
    corpus(&dir, 4);
    let db = work.path().join("kb.sqlite3");
    migrated(&db);
    seed(&db, &dir).unwrap();
    // The first article's seed file is removed (it is extracted now) and a
    // differently named seed file takes over its review.
    let json = Source::from_dir(&dir)
        .unwrap()
        .file_names()
        .find(|n| n.ends_with(".json"))
        .unwrap()
        .to_owned();
    std::fs::rename(dir.join(&json), dir.join("zz-review.json")).unwrap();
    let s = seed(&db, &dir).unwrap();
    assert!(s.changed, "{s:?}");
    assert_eq!(content(&db), content(&fresh(work.path(), &dir)));
    assert!(!seed(&db, &dir).unwrap().changed);
}

#[test]
fn pruning_still_sees_skipped_documents_as_present() {
    let work = TempDir::new().unwrap();
    let dir = work.path().join("corpus");
    corpus(&dir, 6);
    let db = work.path().join("kb.sqlite3");
    migrated(&db);
    seed(&db, &dir).unwrap();
    let stem = Source::from_dir(&dir)
        .unwrap()
        .file_names()
        .find(|n| n.ends_with(".txt"))
        .unwrap()
        .trim_end_matches(".txt")
        .to_owned();
    std::fs::remove_file(dir.join(format!("{stem}.txt"))).unwrap();
    std::fs::remove_file(dir.join(format!("{stem}.json"))).unwrap();
    let s = Kb::open(&db)
        .unwrap()
        .seed_with_options(
            &Source::from_dir(&dir).unwrap(),
            kb::SeedOptions { prune: true },
            &mut |_| {},
        )
        .unwrap();
    assert_eq!(s.absent, [stem]);
    assert_eq!(s.tables["document"].removed, 1);
    assert_eq!(s.tables["document"].unchanged, 5);
    assert_eq!(content(&db), content(&fresh(work.path(), &dir)));
}

/// A reseed killed at random points while it rewrites every document: each
/// time the database holds the last committed state, and the next complete
/// seed ends where a fresh seed of the folder does.
#[test]
fn a_killed_reseed_leaves_the_last_state_and_the_next_seed_completes_it() {
    let work = TempDir::new().unwrap();
    let dir = work.path().join("corpus");
    corpus(&dir, 150);
    let db = work.path().join("kb.sqlite3");
    let kb_seed = |db: &Path| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_kb"));
        c.arg("--db").arg(db).arg("seed").arg(&dir).env_remove("KB_DB");
        c
    };
    migrated(&db);
    assert!(kb_seed(&db).status().unwrap().success());
    let committed = content(&db);
    // Every article edited: the reseed reads and rewrites all of them.
    for name in Source::from_dir(&dir).unwrap().file_names() {
        if name.ends_with(".txt") {
            let path = dir.join(name);
            let mut text = std::fs::read_to_string(&path).unwrap();
            text.push_str("\nAdded later.\n");
            std::fs::write(&path, text).unwrap();
        }
    }
    // How long a seed of every document takes, to aim the kills inside it.
    let timing = work.path().join("timing.sqlite3");
    migrated(&timing);
    let t = Instant::now();
    assert!(kb_seed(&timing).status().unwrap().success());
    let whole = t.elapsed();
    let mut killed = 0;
    for at in [0.1, 0.3, 0.5, 0.7, 0.2, 0.4, 0.6, 0.8] {
        let mut child = kb_seed(&db)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_secs_f64(whole.as_secs_f64() * at));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            killed += 1;
        }
        child.wait().unwrap();
        let now = content(&db);
        if now != committed {
            // The kill came after the commit: the reseed had finished.
            assert_eq!(now, content(&fresh(work.path(), &dir)));
            break;
        }
    }
    assert!(
        killed > 0,
        "no kill landed inside the seed; the test proves nothing"
    );
    assert!(kb_seed(&db).status().unwrap().success());
    assert_eq!(content(&db), content(&fresh(work.path(), &dir)));
    let out = kb_seed(&db).output().unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("nothing to do"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
