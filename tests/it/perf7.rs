//! A first seed's document and quote full-text entries made by FTS5's
//! `rebuild` (issue 13, round 9).
//!
//! - The entries `rebuild` writes are, byte for byte, those one insert per
//!   row writes (the path a reseed that adds documents still takes): the
//!   index's shadow tables after a first seed equal those of the same rows
//!   indexed row by row.
//! - A seed in two steps (a first seed, then one adding documents, row by
//!   row) finds every term where a first seed of all of them does, and the
//!   indexes pass FTS5's own integrity check.
//! - The entries are written out when the indexing ends, not left in
//!   FTS5's memory for the commit (round 11).

use std::path::Path;

use crate::common::seed_through_library;
use rusqlite::Connection;

/// The external-content indexes a first seed rebuilds, and their tables.
const REBUILT: [(&str, &str); 2] = [("document_search", "document"), ("quote_search", "quote")];

/// Synthetic articles `range` written to `dir`.
fn articles(dir: &Path, range: std::ops::Range<usize>) {
    std::fs::create_dir_all(dir).unwrap();
    for i in range {
        let a = kb_devtools::synth::article(9, i);
        let truth = serde_json::to_value(&a.truth).unwrap();
        crate::common::write_reviewed(dir, &format!("doc-{i:02}"), &a.text, truth);
    }
}

/// Every row of an FTS5 index's shadow tables, in key order.
fn shadow(conn: &Connection, index: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (suffix, key) in [("data", "id"), ("idx", "segid, term"), ("docsize", "id")] {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {index}_{suffix} ORDER BY {key}"))
            .unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                Ok((0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap();
        out.extend(rows.map(|r| format!("{suffix}: {}", r.unwrap())));
    }
    out
}

/// Every (term, row, column, offset) an index holds, through fts5vocab.
fn instances(conn: &Connection, index: &str) -> Vec<(String, i64, String, i64)> {
    conn.execute_batch(&format!(
        "DROP TABLE IF EXISTS temp.v_{index}; \
         CREATE VIRTUAL TABLE temp.v_{index} USING fts5vocab(main, {index}, instance)"
    ))
    .unwrap();
    conn.prepare(&format!(
        "SELECT term, doc, col, offset FROM temp.v_{index} ORDER BY term, doc, col, offset"
    ))
    .unwrap()
    .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

#[test]
fn a_first_seeds_entries_are_those_of_indexing_row_by_row() {
    let work = tempfile::tempdir().unwrap();
    let corpus = work.path().join("corpus");
    articles(&corpus, 0..12);
    let seeded = work.path().join("seeded.sqlite3");
    seed_through_library(&seeded, &corpus);
    let conn = Connection::open(&seeded).unwrap();
    let quotes: i64 = conn
        .query_row("SELECT count(*) FROM quote", [], |r| r.get(0))
        .unwrap();
    assert!(quotes > 50, "{quotes} quotes");

    // The same rows indexed again, from empty indexes: claimed from id 0,
    // which takes the row-by-row path, and from id 1, which rebuilds.
    for from in [0, 1] {
        let copy = work.path().join(format!("from-{from}.sqlite3"));
        std::fs::copy(&seeded, &copy).unwrap();
        let mut again = Connection::open(&copy).unwrap();
        let tx = again.transaction().unwrap();
        for (index, table) in REBUILT {
            tx.execute(&format!("INSERT INTO {index}({index}) VALUES ('delete-all')"), [])
                .unwrap();
            tx.execute(
                "INSERT INTO fts_deferred (tbl, from_id) VALUES (?1, ?2)",
                (table, from),
            )
            .unwrap();
        }
        kb::seed::fts::index_deferred(&tx).unwrap();
        // Nothing is left in FTS5's memory for the commit to write (round
        // 11): the transaction already holds what it commits.
        let held: Vec<_> = REBUILT.iter().map(|(index, _)| shadow(&tx, index)).collect();
        tx.commit().unwrap();
        for ((index, _), held) in REBUILT.iter().zip(held) {
            let (a, b) = (shadow(&conn, index), shadow(&again, index));
            assert!(a.len() > 10, "{index}: {} rows", a.len());
            assert_eq!(a, b, "{index} indexed from id {from}");
            assert_eq!(held, b, "{index} written before the commit, from id {from}");
        }
    }
}

#[test]
fn a_seed_in_two_steps_finds_what_a_first_seed_finds() {
    let work = tempfile::tempdir().unwrap();
    let all = work.path().join("all");
    articles(&all, 0..9);
    let first = work.path().join("first");
    articles(&first, 0..4);
    let one = work.path().join("one.sqlite3");
    seed_through_library(&one, &all);
    let two = work.path().join("two.sqlite3");
    seed_through_library(&two, &first);
    seed_through_library(&two, &all);

    let (a, b) = (Connection::open(&one).unwrap(), Connection::open(&two).unwrap());
    for (index, table) in REBUILT {
        for conn in [&a, &b] {
            conn.execute(
                &format!("INSERT INTO {index}({index}) VALUES ('integrity-check')"),
                [],
            )
            .unwrap();
        }
        let (x, y) = (instances(&a, index), instances(&b, index));
        let rows: i64 = a
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        let indexed: std::collections::BTreeSet<i64> = x.iter().map(|i| i.1).collect();
        assert_eq!(indexed.len() as i64, rows, "{index}: every row has entries");
        assert_eq!(x, y, "{index}");
    }
}
