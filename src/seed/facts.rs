//! The fact tables (a fact is an entity or a pair of them, stated in a
//! document by a quote) and treatment notes: one document's rows made equal
//! to what it now states.

use std::collections::BTreeMap;

use rusqlite::params;

use super::diff::{self, Change};
use super::{Counts, Writer};
use crate::error::Result;

/// The fact tables: name and the entity-id columns of their natural key
/// (document_id completes it).
pub(super) const CONDITION_SOURCE: (&str, &[&str]) = ("condition_source", &["condition_id"]);
pub(super) const TYPE_SOURCE: (&str, &[&str]) = ("type_source", &["type_id"]);
pub(super) const TYPE_CAUSE: (&str, &[&str]) = ("type_cause", &["type_id", "cause_id"]);
pub(super) const CONDITION_CAUSE: (&str, &[&str]) = ("condition_cause", &["condition_id", "cause_id"]);
pub(super) const CONDITION_SYMPTOM: (&str, &[&str]) = ("condition_symptom", &["condition_id", "symptom_id"]);
/// Every fact table, in the order a document's facts are synced.
pub(super) const FACT_TABLES: [(&str, &[&str]); 6] = [
    CONDITION_SOURCE,
    TYPE_SOURCE,
    TYPE_CAUSE,
    CONDITION_CAUSE,
    CONDITION_SYMPTOM,
    CONDITION_TREATMENT,
];
pub(super) const CONDITION_TREATMENT: (&str, &[&str]) =
    ("condition_treatment", &["condition_id", "treatment_id"]);

/// The entity ids of a fact, in its table's key column order.
pub(super) type Key = Vec<i64>;

/// A treatment note's natural key: (condition, treatment, kind, text).
pub(super) type NoteKey = (i64, i64, String, String);

/// The statements of one fact table, spelt once per run rather than once
/// per table and document (they were a few percent of a seed's own work).
pub(super) struct FactSql {
    select: String,
    pub(super) insert: String,
    update: String,
    delete: String,
}

impl FactSql {
    fn new(table: &str, keys: &[&str]) -> FactSql {
        let cols = keys.join(", ");
        // Key columns are bound after `offset` leading parameters.
        let key_match = |offset: usize| {
            keys.iter()
                .enumerate()
                .map(|(i, k)| format!("{k} = ?{}", i + offset + 1))
                .collect::<Vec<_>>()
                .join(" AND ")
        };
        let placeholders = (0..keys.len())
            .map(|i| format!("?{}", i + 3))
            .collect::<Vec<_>>()
            .join(", ");
        FactSql {
            select: format!("SELECT {cols}, quote_id FROM {table} WHERE document_id = ?1"),
            insert: format!(
                "INSERT INTO {table} (document_id, quote_id, {cols}) VALUES (?1, ?2, {placeholders})"
            ),
            update: format!(
                "UPDATE {table} SET quote_id = ?2 WHERE document_id = ?1 AND {}",
                key_match(2)
            ),
            delete: format!("DELETE FROM {table} WHERE document_id = ?1 AND {}", key_match(1)),
        }
    }

    /// The statements of a fact table (one of the constants above).
    pub(super) fn of(table: &str, keys: &[&str]) -> &'static FactSql {
        static ALL: std::sync::OnceLock<Vec<(&'static str, &'static [&'static str], FactSql)>> =
            std::sync::OnceLock::new();
        let all = ALL.get_or_init(|| {
            FACT_TABLES
                .into_iter()
                .map(|(table, keys)| (table, keys, FactSql::new(table, keys)))
                .collect()
        });
        let (.., sql) = all
            .iter()
            .find(|(t, k, _)| *t == table && *k == keys)
            .expect("sync_facts is called with the fact table constants");
        sql
    }
}

impl Writer<'_> {
    /// Make the document's rows of one fact table equal to `desired`
    /// (key -> quote id).
    pub(super) fn sync_facts(
        &mut self,
        table: &str,
        keys: &[&str],
        doc_id: i64,
        desired: BTreeMap<Key, i64>,
    ) -> Result<Counts> {
        // A new document's facts are all inserts, held for its batch.
        if self.fresh {
            let batch = &mut self.batch;
            return Ok(super::batch::held(desired, |key, quote| {
                batch.fact(table, doc_id, quote, key)
            }));
        }
        let sql = FactSql::of(table, keys);
        let mut existing: BTreeMap<Key, i64> = BTreeMap::new();
        let mut stmt = self.tx.prepare_cached(&sql.select)?;
        let mut rows = stmt.query([doc_id])?;
        while let Some(r) = rows.next()? {
            let key = (0..keys.len())
                .map(|i| r.get(i))
                .collect::<rusqlite::Result<Key>>()?;
            existing.insert(key, r.get(keys.len())?);
        }
        drop(rows);
        drop(stmt);
        let (insert, update, delete) = (&sql.insert, &sql.update, &sql.delete);
        let tx = self.tx;
        let mut values: Vec<i64> = Vec::with_capacity(keys.len() + 2);
        diff::sync(
            &existing,
            &desired,
            |want, have| want == have,
            |change| {
                values.clear();
                let (sql, key) = match change {
                    Change::Insert(key, quote) => {
                        values.extend([doc_id, *quote]);
                        (insert, key)
                    }
                    Change::Update(key, quote, _) => {
                        values.extend([doc_id, *quote]);
                        (update, key)
                    }
                    Change::Delete(key, _) => {
                        values.push(doc_id);
                        (delete, key)
                    }
                };
                values.extend(key);
                tx.prepare_cached(sql)?
                    .execute(rusqlite::params_from_iter(&values))?;
                Ok(())
            },
        )
    }

    /// Make the document's treatment notes equal to `desired` (key -> quote id).
    pub(super) fn sync_notes(&mut self, doc_id: i64, desired: BTreeMap<NoteKey, i64>) -> Result<Counts> {
        if self.fresh {
            let counts = Counts {
                inserted: desired.len() as u64,
                ..Counts::default()
            };
            for ((cond, treatment, kind, text), quote) in desired {
                self.batch.note((cond, treatment, doc_id, quote, kind, text));
            }
            return Ok(counts);
        }
        // key -> (quote id, row id)
        let mut existing: BTreeMap<NoteKey, (i64, i64)> = BTreeMap::new();
        let mut stmt = self.tx.prepare_cached(
            "SELECT condition_id, treatment_id, kind, text, quote_id, id FROM treatment_note WHERE document_id = ?1",
        )?;
        let mut rows = stmt.query([doc_id])?;
        while let Some(r) = rows.next()? {
            existing.insert(
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?),
                (r.get(4)?, r.get(5)?),
            );
        }
        drop(rows);
        drop(stmt);
        let tx = self.tx;
        diff::sync(
            &existing,
            &desired,
            |want, (have, _)| want == have,
            |change| {
                match change {
                Change::Insert(key, quote) => tx
                    .prepare_cached(
                        "INSERT INTO treatment_note (condition_id, treatment_id, document_id, quote_id, kind, text) \
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    )?
                    .execute(params![key.0, key.1, doc_id, quote, key.2, key.3])?,
                Change::Update(_, quote, (_, id)) => tx
                    .prepare_cached("UPDATE treatment_note SET quote_id = ?2 WHERE id = ?1")?
                    .execute(params![id, quote])?,
                Change::Delete(_, (_, id)) => tx
                    .prepare_cached("DELETE FROM treatment_note WHERE id = ?1")?
                    .execute([id])?,
            };
                Ok(())
            },
        )
    }
}
