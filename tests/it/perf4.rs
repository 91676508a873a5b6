//! New documents' rows written in batches, table by table (issue 13, round
//! 6). The rows, ids included, must be those of writing each document as
//! it is read: checked against runs that each add or change one document,
//! in key order, so every row is written in the same order as in one run
//! but no batch holds two documents. (Debug builds, which the tests use,
//! write a batch every few documents, so one run crosses batch
//! boundaries.)

use std::path::Path;

use crate::common::{seed_through_library, table_rows};
use rusqlite::Connection;

/// Every row of every table the seed writes, sorted, by table. Left out:
/// full-text shadow tables, migration history, the seed state, the inputs'
/// fingerprints (they cover the folder each run read), and what
/// is derived at each run's end, whose ids follow the runs: `alias.id`
/// (vocabulary aliases) and the symptom-code tables (`code` rows and what
/// refers to their ids).
pub(crate) fn rows(db: &Path) -> Vec<(String, Vec<String>)> {
    table_rows(
        db,
        "name NOT LIKE '%search%' AND name NOT LIKE '%code%' \
         AND name NOT IN ('refinery_schema_history', 'seed_state', 'fts_deferred')",
        |t| {
            match t {
            "alias" => "name, condition_id, type_id, cause_id, symptom_id, treatment_id, origin, document_id, quote_id",
            "document_input" => "document_id, seed_file, notices",
            _ => "*",
        }
        },
    )
}

/// Write synthetic article `index` under the file stem `stem` (text and
/// its reviewed seed file); `edited`: with a line inserted after its
/// title, so that every quote after it moves (new quote rows, the old ones
/// removed) while its entities stay (none is orphaned, which would free
/// ids at a different time in the two ways of seeding).
fn put(dir: &Path, stem: &str, index: usize, edited: bool) {
    let a = kb_devtools::synth::article(5, index);
    let mut text = a.text;
    let mut truth = serde_json::to_value(&a.truth).unwrap();
    if edited {
        let at = text.find('\n').unwrap() + 1;
        let line = "An added line.\n";
        text.insert_str(at, line);
        shift(&mut truth, at as u64, line.len() as u64);
        truth["document"]["sha256"] = kb::seed::load::sha256_hex(text.as_bytes()).into();
    }
    crate::common::write_reviewed(dir, stem, &text, truth);
}

/// Move every quote (an object with `start` and `end`) at or after byte
/// `at` by `by` bytes.
fn shift(v: &mut serde_json::Value, at: u64, by: u64) {
    match v {
        serde_json::Value::Object(map) => {
            if let (Some(start), Some(end)) = (
                map.get("start").and_then(|s| s.as_u64()),
                map.get("end").and_then(|e| e.as_u64()),
            ) {
                if start >= at {
                    map.insert("start".into(), (start + by).into());
                    map.insert("end".into(), (end + by).into());
                }
            }
            map.values_mut().for_each(|x| shift(x, at, by));
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|x| shift(x, at, by)),
        _ => {}
    }
}

/// A reseed that adds documents before, between and after ones it keeps
/// and one it changes (whose old facts and quotes go, and new ones come)
/// writes what adding or changing them one run at a time writes.
#[test]
fn batched_rows_are_the_rows_of_one_document_at_a_time() {
    let work = tempfile::tempdir().unwrap();
    let stems: Vec<String> = (0..14).map(|i| format!("doc-{i:02}")).collect();
    // Seeded first: 3, 6, 9 and 12; 6 is then edited.
    let first = [3, 6, 9, 12];
    let changed = 6;

    let start = work.path().join("start");
    std::fs::create_dir(&start).unwrap();
    for &i in &first {
        put(&start, &stems[i], i, false);
    }
    let one_run = work.path().join("one.sqlite3");
    let step_by_step = work.path().join("steps.sqlite3");
    seed_through_library(&one_run, &start);
    seed_through_library(&step_by_step, &start);

    // One run: everything at once.
    let all = work.path().join("all");
    std::fs::create_dir(&all).unwrap();
    for (i, stem) in stems.iter().enumerate() {
        put(&all, stem, i, i == changed);
    }
    seed_through_library(&one_run, &all);

    // Step by step, in key order: documents up to `k` as they end up, the
    // rest as they started (if they were there).
    for k in 0..stems.len() {
        if first.contains(&k) && k != changed {
            continue;
        }
        let step = work.path().join(format!("step-{k}"));
        std::fs::create_dir(&step).unwrap();
        for (i, stem) in stems.iter().enumerate() {
            if i <= k {
                put(&step, stem, i, i == changed);
            } else if first.contains(&i) {
                put(&step, stem, i, false);
            }
        }
        seed_through_library(&step_by_step, &step);
    }

    let (a, b) = (rows(&one_run), rows(&step_by_step));
    assert!(a.len() > 10, "{:?}", a.iter().map(|t| &t.0).collect::<Vec<_>>());
    let count = |table: &str| a.iter().find(|(t, _)| t == table).unwrap().1.len();
    assert_eq!(count("document"), 14);
    assert_eq!(count("document_input"), 14);
    assert!(count("quote") > 14 * 5, "{}", count("quote"));
    // The edited document's first quotes were removed: ids are not dense,
    // so a batch after it must start from the table's largest id.
    let conn = Connection::open(&one_run).unwrap();
    let (quotes, max): (i64, i64) = conn
        .query_row("SELECT count(*), max(id) FROM quote", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert!(max > quotes, "{max} {quotes}");
    for ((table, x), (other, y)) in a.iter().zip(&b) {
        assert_eq!(table, other);
        assert_eq!(x, y, "table {table} differs");
    }
    assert_eq!(a.len(), b.len());
}
