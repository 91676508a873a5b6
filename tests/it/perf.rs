//! Seeding at scale (issue 13): full-text entries written at the end of a
//! seed (migration V8) match what row-by-row triggers make; reseeds skip
//! unchanged files by their metadata without reading them, and never miss
//! a change; `kb init` reads each document once and a failed init leaves
//! nothing behind.

use std::path::{Path, PathBuf};
use std::time::Duration;

use kb::{Kb, SeedOptions, SeedSummary, Source};
use rusqlite::Connection;
use tempfile::TempDir;

use crate::common::{kb, seeds_dir};

const SEED: u64 = 20261127;

/// A corpus of `n` synthetic articles, the first `extracted` without their
/// reviewed seed file (so they are extracted).
fn corpus(dir: &Path, n: usize, extracted: usize) -> Vec<String> {
    kb_devtools::synth::write_corpus(dir, SEED, n).unwrap();
    let names: Vec<String> = (0..n)
        .map(|i| kb_devtools::synth::article(SEED, i).name)
        .collect();
    for name in &names[..extracted] {
        std::fs::remove_file(dir.join(format!("{name}.json"))).unwrap();
    }
    names
}

fn migrated(db: &Path) {
    Kb::open(db).unwrap().migrate().unwrap();
}

fn seed_with(db: &Path, source: &Source, prune: bool) -> SeedSummary {
    Kb::open(db)
        .unwrap()
        .seed_with_options(source, SeedOptions { prune }, &mut |_| {})
        .unwrap()
}

/// Rows of a query as strings.
fn rows(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| {
        (0..n)
            .map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}")))
            .collect::<rusqlite::Result<Vec<_>>>()
            .map(|v| v.join(" | "))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

/// What the insert triggers put in name_search, from the rows themselves.
const NAMES_FROM_ROWS: &str = "
    SELECT id * 8 + 0, name, 'condition', id, NULL FROM condition
    UNION ALL SELECT id * 8 + 1, name, 'type', id, NULL FROM condition_type
    UNION ALL SELECT id * 8 + 2, name, 'cause', id, NULL FROM cause
    UNION ALL SELECT id * 8 + 3, name, 'symptom', id, NULL FROM symptom
    UNION ALL SELECT id * 8 + 4, name, 'treatment', id, NULL FROM treatment
    UNION ALL SELECT id * 8 + 5, name,
        CASE WHEN condition_id IS NOT NULL THEN 'condition' WHEN type_id IS NOT NULL THEN 'type'
             WHEN cause_id IS NOT NULL THEN 'cause' WHEN symptom_id IS NOT NULL THEN 'symptom'
             ELSE 'treatment' END,
        coalesce(condition_id, type_id, cause_id, symptom_id, treatment_id), id FROM alias
    ORDER BY 1";

/// Every full-text index holds exactly its rows, and no claim is left.
fn indexes_match_rows(db: &Path) {
    let conn = Connection::open(db).unwrap();
    for index in ["quote_search", "document_search", "name_search"] {
        // For the external-content indexes this compares every entry with
        // the quote and document rows.
        conn.execute(
            &format!("INSERT INTO {index}({index}) VALUES ('integrity-check')"),
            [],
        )
        .unwrap_or_else(|e| panic!("{index}: {e}"));
    }
    let indexed = rows(
        &conn,
        "SELECT rowid, name, kind, entity_id, alias_id FROM name_search ORDER BY rowid",
    );
    assert_eq!(indexed, rows(&conn, NAMES_FROM_ROWS));
    assert!(!indexed.is_empty());
    let quotes: i64 = conn
        .query_row("SELECT count(*) FROM quote_search_docsize", [], |r| r.get(0))
        .unwrap();
    let rows_: i64 = conn
        .query_row("SELECT count(*) FROM quote", [], |r| r.get(0))
        .unwrap();
    assert_eq!(quotes, rows_);
    let claims: i64 = conn
        .query_row("SELECT count(*) FROM fts_deferred", [], |r| r.get(0))
        .unwrap();
    assert_eq!(claims, 0, "a seed left its claim on new rows");
}

/// Ranked answers of each index to a few words.
fn answers(conn: &Connection) -> Vec<String> {
    let mut out = Vec::new();
    for word in ["itching", "fever", "cause", "skin", "treatment", "pain", "the"] {
        for index in ["quote_search", "document_search", "name_search"] {
            out.extend(rows(
                conn,
                &format!(
                    "SELECT '{index}', rowid, round(bm25({index}), 9) FROM {index} \
                     WHERE {index} MATCH '{word}' ORDER BY rank, rowid"
                ),
            ));
        }
    }
    out
}

#[test]
fn full_text_answers_after_seeds_and_reseeds_equal_those_of_indexes_rebuilt_from_the_rows() {
    let work = TempDir::new().unwrap();
    let dir = work.path().join("corpus");
    let names = corpus(&dir, 40, 6);
    let db = work.path().join("kb.sqlite3");
    migrated(&db);
    seed_with(&db, &Source::from_dir(&dir).unwrap(), false);
    indexes_match_rows(&db);

    // A reseed that edits one extracted and one reviewed article's document
    // row, removes one article and adds one: updates and deletes of rows
    // indexed earlier, inserts of new ones.
    let edited = dir.join(format!("{}.txt", names[0]));
    let text = std::fs::read_to_string(&edited).unwrap();
    std::fs::write(&edited, format!("{text}\nItching returns at night.\n")).unwrap();
    for ext in ["txt", "json"] {
        std::fs::remove_file(dir.join(format!("{}.{ext}", names[20]))).unwrap();
    }
    let extra = kb_devtools::synth::article(SEED, 1000);
    std::fs::write(dir.join(format!("{}.txt", extra.name)), &extra.text).unwrap();
    let summary = seed_with(&db, &Source::from_dir(&dir).unwrap(), true);
    assert!(summary.changed);
    assert_eq!(summary.absent.len(), 1);
    indexes_match_rows(&db);

    // The same answers, ranks included, as indexes rebuilt from the rows.
    let conn = Connection::open(&db).unwrap();
    let seeded = answers(&conn);
    assert!(seeded.len() > 50, "too few answers to compare: {}", seeded.len());
    let copy = work.path().join("rebuilt.sqlite3");
    conn.execute("VACUUM INTO ?1", [copy.to_str().unwrap()]).unwrap();
    let rebuilt = Connection::open(&copy).unwrap();
    rebuilt
        .execute_batch(&format!(
            "INSERT INTO quote_search(quote_search) VALUES ('rebuild');
             INSERT INTO document_search(document_search) VALUES ('rebuild');
             DELETE FROM name_search;
             INSERT INTO name_search(rowid, name, kind, entity_id, alias_id) {NAMES_FROM_ROWS};"
        ))
        .unwrap();
    assert_eq!(answers(&rebuilt), seeded);
}

#[test]
fn other_writers_are_still_indexed_row_by_row() {
    let work = TempDir::new().unwrap();
    let dir = work.path().join("corpus");
    corpus(&dir, 5, 1);
    let db = work.path().join("kb.sqlite3");
    migrated(&db);
    seed_with(&db, &Source::from_dir(&dir).unwrap(), false);
    // A client writing with plain SQL (sqlite-utils, the sqlite3 shell).
    let conn = Connection::open(&db).unwrap();
    conn.execute_batch(
        "INSERT INTO quote (document_id, start_byte, end_byte, line, text)
             VALUES ((SELECT min(id) FROM document), 0, 5, 1, 'zyxwv');
         INSERT INTO cause (slug, name) VALUES ('qwertz', 'qwertz');",
    )
    .unwrap();
    let found = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        found("SELECT count(*) FROM quote_search WHERE quote_search MATCH 'zyxwv'"),
        1
    );
    assert_eq!(
        found("SELECT count(*) FROM name_search WHERE name_search MATCH 'qwertz'"),
        1
    );
    conn.execute_batch(
        "UPDATE quote SET text = 'vwxyz' WHERE text = 'zyxwv'; DELETE FROM cause WHERE slug = 'qwertz';",
    )
    .unwrap();
    assert_eq!(
        found("SELECT count(*) FROM quote_search WHERE quote_search MATCH 'zyxwv'"),
        0
    );
    assert_eq!(
        found("SELECT count(*) FROM quote_search WHERE quote_search MATCH 'vwxyz'"),
        1
    );
    assert_eq!(
        found("SELECT count(*) FROM name_search WHERE name_search MATCH 'qwertz'"),
        0
    );
    drop(conn);
    indexes_match_rows(&db);
}

/// The file and its WAL side file, byte for byte.
fn bytes(db: &Path) -> (Vec<u8>, Option<Vec<u8>>) {
    (
        std::fs::read(db).unwrap(),
        std::fs::read(format!("{}-wal", db.display())).ok(),
    )
}

/// Wait until files changed now are older than the time a file's metadata
/// needs to be trusted (two seconds).
fn let_files_age() {
    std::thread::sleep(Duration::from_millis(2200));
}

fn untrusted_stats(db: &Path) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM document_input WHERE stat_sha256 IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn unchanged_files_are_skipped_unread_and_a_change_that_keeps_size_and_mtime_is_still_read() {
    let work = TempDir::new().unwrap();
    let dir = work.path().join("corpus");
    let names = corpus(&dir, 20, 3);
    let db = work.path().join("kb.sqlite3");
    migrated(&db);
    let_files_age();
    seed_with(&db, &Source::from_dir(&dir).unwrap(), false);
    assert_eq!(untrusted_stats(&db), 0);

    // Nothing changed: no file is read, nothing is written.
    let before = bytes(&db);
    let source = Source::from_dir(&dir).unwrap();
    let summary = seed_with(&db, &source, false);
    assert!(!summary.changed);
    assert_eq!(summary.documents.len(), 20);
    assert_eq!(source.bytes_read(), 0, "an unchanged file was read");
    assert!(bytes(&db) == before, "a reseed with nothing changed wrote");

    // An extracted article edited in place to the same size, its
    // modification time set back: its change time still moves, so it is
    // read, and its new text is what the database holds.
    let edited = dir.join(format!("{}.txt", names[1]));
    let text = std::fs::read_to_string(&edited).unwrap();
    let mtime = std::fs::metadata(&edited).unwrap().modified().unwrap();
    let i = text.find(" the ").expect("a ' the ' to change");
    let new_text = format!("{} thx {}", &text[..i], &text[i + 5..]);
    assert_eq!(new_text.len(), text.len());
    let file = std::fs::OpenOptions::new().write(true).open(&edited).unwrap();
    std::io::Write::write_all(&mut &file, new_text.as_bytes()).unwrap();
    file.set_modified(mtime).unwrap();
    drop(file);
    assert_eq!(std::fs::metadata(&edited).unwrap().modified().unwrap(), mtime);
    let source = Source::from_dir(&dir).unwrap();
    let summary = seed_with(&db, &source, false);
    assert!(summary.changed);
    assert_eq!(
        source.bytes_read(),
        text.len() as u64,
        "only the edited file is read"
    );
    let body: String = Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT body FROM document WHERE path = ?1",
            [format!("{}.txt", names[1])],
            |r| r.get(0),
        )
        .unwrap();
    assert!(body.contains(" thx "));
    // Just changed, so its metadata is not trusted yet: read next time too.
    assert_eq!(untrusted_stats(&db), 1);
    let source = Source::from_dir(&dir).unwrap();
    assert!(!seed_with(&db, &source, false).changed);
    assert_eq!(source.bytes_read(), text.len() as u64);

    // A reviewed article's seed file rewritten with the same bytes (a
    // `touch`, a checkout): read, found unchanged, and nothing written.
    let_files_age();
    let seed_file = dir.join(format!("{}.json", names[10]));
    let json = std::fs::read(&seed_file).unwrap();
    std::fs::write(&seed_file, &json).unwrap();
    let before = bytes(&db);
    let source = Source::from_dir(&dir).unwrap();
    assert!(!seed_with(&db, &source, false).changed);
    assert!(
        source.bytes_read() > json.len() as u64,
        "the seed file and its article are read"
    );
    assert!(bytes(&db) == before);
}

#[test]
fn a_file_changed_just_before_it_is_read_is_not_trusted_by_its_metadata() {
    let work = TempDir::new().unwrap();
    let dir = work.path().join("corpus");
    let names = corpus(&dir, 6, 6);
    let db = work.path().join("kb.sqlite3");
    migrated(&db);
    let_files_age();
    // Written now, seeded at once: a second write within the same clock
    // tick could leave size and times equal, so no metadata is kept for it.
    let racy = dir.join(format!("{}.txt", names[2]));
    let text = std::fs::read_to_string(&racy).unwrap();
    std::fs::write(&racy, format!("{text}\nSome more text.\n")).unwrap();
    seed_with(&db, &Source::from_dir(&dir).unwrap(), false);
    assert_eq!(untrusted_stats(&db), 1);
    let source = Source::from_dir(&dir).unwrap();
    assert!(!seed_with(&db, &source, false).changed);
    assert_eq!(source.bytes_read(), std::fs::metadata(&racy).unwrap().len());
}

/// Files in a folder, sorted.
fn listing(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

#[test]
fn init_builds_a_new_database_in_one_pass_and_a_failed_one_leaves_nothing() {
    let work = TempDir::new().unwrap();
    let place = work.path().join("place");
    std::fs::create_dir(&place).unwrap();
    let db = place.join("kb.sqlite3");

    // A bad seed file late in the folder: no database, no temporary file.
    let bad = work.path().join("bad");
    std::fs::create_dir(&bad).unwrap();
    for entry in std::fs::read_dir(seeds_dir()).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, bad.join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(bad.join("zz-broken.json"), "{ not json").unwrap();
    kb(&db).arg("init").arg(&bad).assert().code(65);
    assert!(listing(&place).is_empty(), "left behind: {:?}", listing(&place));

    // A good one: the database under its name, and nothing else once closed.
    kb(&db).arg("init").arg(seeds_dir()).assert().success();
    let left: Vec<PathBuf> = listing(&place)
        .into_iter()
        .filter(|p| !p.to_string_lossy().ends_with("-wal") && !p.to_string_lossy().ends_with("-shm"))
        .collect();
    assert_eq!(left, vec![db.clone()]);
    let conn = Connection::open(&db).unwrap();
    let documents: i64 = conn
        .query_row("SELECT count(*) FROM document", [], |r| r.get(0))
        .unwrap();
    assert!(documents > 0);
    drop(conn);
    indexes_match_rows(&db);

    // Init again on the existing file: seeds it again, nothing to do.
    let before = std::fs::read(&db).unwrap();
    kb(&db).arg("init").arg(seeds_dir()).assert().success();
    assert!(std::fs::read(&db).unwrap() == before);
}
