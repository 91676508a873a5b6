//! Full-text indexing deferred to the end of a seed (migration V8).
//!
//! FTS5 writes what it has pending as a new index segment at every
//! statement savepoint, and every insert that fires a trigger opens one: a
//! seed indexing row by row made one tiny segment per quote, document and
//! name, and the merges of those segments grew faster than the corpus. So
//! the seed claims its new rows (ids from the next free one on) in
//! `fts_deferred`, whose rows the triggers then leave alone, and indexes
//! them all at its end, in the same transaction, with statements that open
//! no savepoint (see [`index_deferred`]): FTS5 then writes a segment per
//! megabyte of entries. A killed seed leaves neither rows nor entries.

use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;

/// The tables whose rows are indexed: the table, what its insert trigger
/// reads from a new row (`?1` is the first deferred id), and what it writes.
const INDEXES: [(&str, &str, &str); 8] = [
    (
        "document",
        "SELECT id, body FROM document WHERE id >= ?1 ORDER BY id",
        "INSERT INTO document_search(rowid, body) VALUES (?1, ?2)",
    ),
    (
        "quote",
        "SELECT id, text FROM quote WHERE id >= ?1 ORDER BY id",
        "INSERT INTO quote_search(rowid, text) VALUES (?1, ?2)",
    ),
    (
        "condition",
        "SELECT id * 8 + 0, name, 'condition', id FROM condition WHERE id >= ?1 ORDER BY id",
        NAME,
    ),
    (
        "condition_type",
        "SELECT id * 8 + 1, name, 'type', id FROM condition_type WHERE id >= ?1 ORDER BY id",
        NAME,
    ),
    (
        "cause",
        "SELECT id * 8 + 2, name, 'cause', id FROM cause WHERE id >= ?1 ORDER BY id",
        NAME,
    ),
    (
        "symptom",
        "SELECT id * 8 + 3, name, 'symptom', id FROM symptom WHERE id >= ?1 ORDER BY id",
        NAME,
    ),
    (
        "treatment",
        "SELECT id * 8 + 4, name, 'treatment', id FROM treatment WHERE id >= ?1 ORDER BY id",
        NAME,
    ),
    (
        "alias",
        "SELECT id * 8 + 5, name, \
                CASE WHEN condition_id IS NOT NULL THEN 'condition' WHEN type_id IS NOT NULL THEN 'type' \
                     WHEN cause_id IS NOT NULL THEN 'cause' WHEN symptom_id IS NOT NULL THEN 'symptom' \
                     ELSE 'treatment' END, \
                coalesce(condition_id, type_id, cause_id, symptom_id, treatment_id), id \
         FROM alias WHERE id >= ?1 ORDER BY id",
        "INSERT INTO name_search(rowid, name, kind, entity_id, alias_id) VALUES (?1, ?2, ?3, ?4, ?5)",
    ),
];

/// The full-text index that takes its text from `table` (FTS5 external
/// content), which can index all of that table's rows itself.
///
/// When a seed claimed a table from its first id on, the table was empty
/// when the seed began, so its index held nothing and every row it has
/// now is one to index: FTS5's `rebuild` indexes them in the same order
/// (by rowid), in one statement that opens no savepoint, and writes the
/// same segments, without a statement per row, each binding a text and
/// saving the index's totals again (a first seed: docs/performance.md,
/// round 9). `name_search` keeps its own copy of the text, so it has no
/// content table to read.
fn external_index(table: &str) -> Option<&'static str> {
    match table {
        "document" => Some("document_search"),
        "quote" => Some("quote_search"),
        _ => None,
    }
}

/// A canonical name's entry.
const NAME: &str = "INSERT INTO name_search(rowid, name, kind, entity_id) VALUES (?1, ?2, ?3, ?4)";

/// Whether the database can defer indexing (migrated to V8).
pub fn available(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = 'fts_deferred'",
        [],
        |r| r.get(0),
    )?)
}

/// Claim every row inserted from now on for indexing by [`index_deferred`].
/// Call inside a write transaction, which must call [`index_deferred`]
/// before it commits.
pub fn defer(conn: &Connection) -> Result<()> {
    for (table, ..) in INDEXES {
        conn.prepare_cached(&format!(
            "INSERT INTO fts_deferred (tbl, from_id) SELECT ?1, coalesce(max(id), 0) + 1 FROM {table}"
        ))?
        .execute([table])?;
    }
    Ok(())
}

/// Index the rows [`defer`] claimed that are still there, and release the
/// claim, leaving `fts_deferred` empty.
///
/// One single-row insert per entry, not one `INSERT ... SELECT`: a
/// statement writing many rows needs a statement journal, which in WAL
/// mode holds every page spilled or reused while it runs (in memory: with
/// `temp_store=MEMORY` the seed keeps journals there), and FTS5 would write
/// its pending entries out at its savepoint. A single-row insert into the
/// index has no trigger and nothing to undo, so it opens no journal: FTS5
/// gathers entries in memory and writes a segment per megabyte of them.
pub fn index_deferred(conn: &Connection) -> Result<()> {
    for (table, select, insert) in INDEXES {
        let from: Option<i64> = conn
            .prepare_cached("SELECT from_id FROM fts_deferred WHERE tbl = ?1")?
            .query_row([table], |r| r.get(0))
            .optional()?;
        let Some(from) = from else { continue };
        if from == 1 {
            if let Some(index) = external_index(table) {
                // Every row is new (the table was empty when the seed
                // began): FTS5 reads the content table itself.
                conn.execute(&format!("INSERT INTO {index}({index}) VALUES ('rebuild')"), [])?;
                continue;
            }
        }
        let mut read = conn.prepare_cached(select)?;
        let mut write = conn.prepare_cached(insert)?;
        let columns = read.column_count();
        let mut rows = read.query([from])?;
        while let Some(row) = rows.next()? {
            let values = (0..columns)
                .map(|i| row.get_ref(i).map(rusqlite::types::ToSqlOutput::Borrowed))
                .collect::<rusqlite::Result<Vec<_>>>()?;
            write.execute(rusqlite::params_from_iter(values))?;
        }
    }
    conn.execute("DELETE FROM fts_deferred", [])?;
    // FTS5 writes the entries it still holds at the next savepoint, or at
    // the commit. Written now, while their index pages are still in the
    // page cache, instead of after a first seed has written the cache out
    // to the WAL (`indexes`): changing a page already in the WAL overwrites
    // its frame, and one overwritten frame makes the commit read back and
    // checksum every frame after it (docs/performance.md, round 11). The
    // entries and segments are the same; only the moment differs.
    conn.execute_batch("SAVEPOINT fts_flush; RELEASE fts_flush")?;
    Ok(())
}
