//! Full-text indexing deferred to the end of a seed (migration V8).
//!
//! FTS5 writes what it has pending as a new index segment at every
//! statement savepoint, and every insert that fires a trigger opens one: a
//! seed indexing row by row made one tiny segment per quote, document and
//! name, and the merges of those segments grew faster than the corpus. So
//! the seed claims its new rows (ids from the next free one on) in
//! `fts_deferred`, whose rows the triggers then leave alone, and indexes
//! them all at the end with one `INSERT ... SELECT` per index, in the same
//! transaction: a killed seed leaves neither rows nor index entries.

use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;

/// The tables whose rows are indexed, with the statement that indexes the
/// deferred ones (`?1` is the first deferred id). Each is what the table's
/// insert trigger writes, for many rows at once.
const INDEXES: [(&str, &str); 8] = [
    (
        "document",
        "INSERT INTO document_search(rowid, body) SELECT id, body FROM document WHERE id >= ?1 ORDER BY id",
    ),
    (
        "quote",
        "INSERT INTO quote_search(rowid, text) SELECT id, text FROM quote WHERE id >= ?1 ORDER BY id",
    ),
    (
        "condition",
        "INSERT INTO name_search(rowid, name, kind, entity_id) \
         SELECT id * 8 + 0, name, 'condition', id FROM condition WHERE id >= ?1 ORDER BY id",
    ),
    (
        "condition_type",
        "INSERT INTO name_search(rowid, name, kind, entity_id) \
         SELECT id * 8 + 1, name, 'type', id FROM condition_type WHERE id >= ?1 ORDER BY id",
    ),
    (
        "cause",
        "INSERT INTO name_search(rowid, name, kind, entity_id) \
         SELECT id * 8 + 2, name, 'cause', id FROM cause WHERE id >= ?1 ORDER BY id",
    ),
    (
        "symptom",
        "INSERT INTO name_search(rowid, name, kind, entity_id) \
         SELECT id * 8 + 3, name, 'symptom', id FROM symptom WHERE id >= ?1 ORDER BY id",
    ),
    (
        "treatment",
        "INSERT INTO name_search(rowid, name, kind, entity_id) \
         SELECT id * 8 + 4, name, 'treatment', id FROM treatment WHERE id >= ?1 ORDER BY id",
    ),
    (
        "alias",
        "INSERT INTO name_search(rowid, name, kind, entity_id, alias_id) \
         SELECT id * 8 + 5, name, \
                CASE WHEN condition_id IS NOT NULL THEN 'condition' WHEN type_id IS NOT NULL THEN 'type' \
                     WHEN cause_id IS NOT NULL THEN 'cause' WHEN symptom_id IS NOT NULL THEN 'symptom' \
                     ELSE 'treatment' END, \
                coalesce(condition_id, type_id, cause_id, symptom_id, treatment_id), id \
         FROM alias WHERE id >= ?1 ORDER BY id",
    ),
];

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
    for (table, _) in INDEXES {
        conn.prepare_cached(&format!(
            "INSERT INTO fts_deferred (tbl, from_id) SELECT ?1, coalesce(max(id), 0) + 1 FROM {table}"
        ))?
        .execute([table])?;
    }
    Ok(())
}

/// Index the rows [`defer`] claimed that are still there, and release the
/// claim, leaving `fts_deferred` empty.
pub fn index_deferred(conn: &Connection) -> Result<()> {
    for (table, sql) in INDEXES {
        let from: Option<i64> = conn
            .prepare_cached("SELECT from_id FROM fts_deferred WHERE tbl = ?1")?
            .query_row([table], |r| r.get(0))
            .optional()?;
        if let Some(from) = from {
            conn.prepare_cached(sql)?.execute([from])?;
        }
    }
    conn.execute("DELETE FROM fts_deferred", [])?;
    Ok(())
}
