//! A first seed's entities held in its batches and its random-key entity
//! indexes built after the pass (issue 13, round 8).
//!
//! - A condition named by several new documents, some of which give it
//!   new types, ends up as the rows that seeding one document per run
//!   writes (ids included). Debug builds write a batch every three
//!   documents, so the shared condition is found both among the rows a
//!   batch holds and among those an earlier batch wrote.
//! - After a first seed the dropped indexes are back, defined as the
//!   migrations define them, consistent with their tables and used.
//! - A first seed that fails in its pass leaves the schema and the tables
//!   as they were.

use std::path::Path;

use crate::common::{kb, migrated, seed_through_library};
use crate::perf4::rows;
use rusqlite::Connection;

/// The indexes a first seed drops during its pass.
const DEFERRED: [&str; 3] = [
    "condition_by_name",
    "condition_type_by_name",
    "condition_type_by_slug",
];

/// Synthetic article `index` under `stem`; for `shared`, its first
/// condition is article 0's, and with `Some(true)` that condition's first
/// type is article 0's too.
fn put(dir: &Path, stem: &str, index: usize, shared: Option<bool>) {
    let a = kb_devtools::synth::article(5, index);
    let mut truth = serde_json::to_value(&a.truth).unwrap();
    if let Some(same_type) = shared {
        let first = serde_json::to_value(&kb_devtools::synth::article(5, 0).truth).unwrap();
        truth["conditions"][0]["name"] = first["conditions"][0]["name"].clone();
        if same_type {
            truth["conditions"][0]["types"][0]["name"] = first["conditions"][0]["types"][0]["name"].clone();
        }
    }
    crate::common::write_reviewed(dir, stem, &a.text, truth);
}

#[test]
fn shared_conditions_and_types_are_the_rows_of_one_document_per_run() {
    let work = tempfile::tempdir().unwrap();
    let stems: Vec<String> = (0..10).map(|i| format!("doc-{i:02}")).collect();
    // Documents 2, 3, 5, 7 and 8 name article 0's condition: 2 in the
    // batch that holds it, the others after it was written; 7 and 8 name
    // its first type too.
    let shared = |i: usize| [2, 3, 5, 7, 8].contains(&i).then_some(i >= 7);

    let all = work.path().join("all");
    std::fs::create_dir(&all).unwrap();
    for (i, stem) in stems.iter().enumerate() {
        put(&all, stem, i, shared(i));
    }
    let one_run = work.path().join("one.sqlite3");
    seed_through_library(&one_run, &all);

    let step_by_step = work.path().join("steps.sqlite3");
    for k in 0..stems.len() {
        let step = work.path().join(format!("step-{k}"));
        std::fs::create_dir(&step).unwrap();
        for (i, stem) in stems.iter().enumerate().take(k + 1) {
            put(&step, stem, i, shared(i));
        }
        seed_through_library(&step_by_step, &step);
    }

    let (a, b) = (rows(&one_run), rows(&step_by_step));
    assert_eq!(a, b);
    // The shared condition is one row, with six sources; its types are
    // its own and those the other documents added to it.
    let conn = Connection::open(&one_run).unwrap();
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM condition WHERE slug = (SELECT slug FROM condition WHERE id = 1)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1);
    let first = kb_devtools::synth::article(5, 0).truth.conditions[0].types.len() as i64;
    let types: i64 = conn
        .query_row(
            "SELECT count(*) FROM condition_type WHERE condition_id = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(types > first, "{types} types, article 0 has {first}");
    let sources: i64 = conn
        .query_row(
            "SELECT count(DISTINCT document_id) FROM condition_source WHERE condition_id = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(sources, 6);
}

/// (name, SQL) of the deferred indexes, in the schema's order.
fn index_sql(conn: &Connection) -> Vec<(String, String)> {
    conn.prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND name IN (?1, ?2, ?3) ORDER BY name",
    )
    .unwrap()
    .query_map(DEFERRED, |r| Ok((r.get(0)?, r.get(1)?)))
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

#[test]
fn a_first_seed_builds_the_name_indexes_again() {
    let (dir, db) = migrated();
    let before = index_sql(&Connection::open(&db).unwrap());
    assert_eq!(before.len(), 3, "{before:?}");

    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    for i in 0..7 {
        put(&articles, &format!("doc-{i}"), i, None);
    }
    seed_through_library(&db, &articles);

    let conn = Connection::open(&db).unwrap();
    assert_eq!(index_sql(&conn), before);
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    // Each index holds every row of its table and answers its lookups.
    let (name, slug): (String, String) = conn
        .query_row(
            "SELECT name, slug FROM condition_type ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    for (sql, arg, index) in [
        (
            "SELECT count(*) FROM condition_type WHERE name = ?1",
            &name,
            "condition_type_by_name",
        ),
        (
            "SELECT count(*) FROM condition_type WHERE slug = ?1",
            &slug,
            "condition_type_by_slug",
        ),
    ] {
        let plan: String = conn
            .query_row(&format!("EXPLAIN QUERY PLAN {sql}"), [arg], |r| r.get(3))
            .unwrap();
        assert!(plan.contains(index), "{sql}: {plan}");
        let n: i64 = conn.query_row(sql, [arg], |r| r.get(0)).unwrap();
        assert_eq!(n, 1, "{sql}");
    }
    let counted: i64 = conn
        .query_row(
            "SELECT count(*) FROM condition INDEXED BY condition_by_name WHERE name > ''",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let all: i64 = conn
        .query_row("SELECT count(*) FROM condition", [], |r| r.get(0))
        .unwrap();
    assert_eq!((counted, all), (7, 7));
}

#[test]
fn a_failing_first_seed_leaves_the_schema_and_tables_as_they_were() {
    let (dir, db) = migrated();
    let schema = |db: &Path| -> Vec<(i64, String, String)> {
        let conn = Connection::open(db).unwrap();
        let mut stmt = conn
            .prepare("SELECT rowid, name, coalesce(sql, '') FROM sqlite_schema ORDER BY rowid")
            .unwrap();
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        rows
    };
    let before = schema(&db);
    let tables_before = rows(&db);

    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    for i in 0..8 {
        put(&articles, &format!("doc-{i}"), i, None);
    }
    // The last document's seed file is not JSON: the pass fails after
    // writing two batches, with the indexes dropped.
    std::fs::write(articles.join("doc-7.json"), "{ not json").unwrap();
    kb(&db).arg("seed").arg(&articles).assert().failure().code(65);

    assert_eq!(schema(&db), before);
    assert_eq!(rows(&db), tables_before);
    assert_eq!(index_sql(&Connection::open(&db).unwrap()).len(), 3);
}
