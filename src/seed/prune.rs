//! What a run removes: documents the source no longer has (listed, and
//! deleted with `--prune`) and entities that no fact refers to any more.

use rusqlite::Transaction;

use super::source::Names;
use super::Writer;
use crate::error::Result;

impl Writer<'_> {
    /// Documents in the database that the run does not have (`planned`
    /// keys, sorted): listed, and
    /// with `prune` deleted with every fact they state (the fact tables
    /// cascade from `document`; rows are counted first for the summary).
    pub(super) fn absent_documents(&mut self, planned: &Names, prune: bool) -> Result<()> {
        let absent: Vec<(i64, String)> = self
            .tx
            .prepare("SELECT id, slug FROM document ORDER BY slug")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .filter(|row| {
                row.as_ref()
                    .map_or(true, |(_, slug): &(i64, String)| planned.find(slug).is_none())
            })
            .collect::<rusqlite::Result<_>>()?;
        for (id, slug) in absent {
            if prune {
                for table in [
                    "condition_source",
                    "type_source",
                    "type_cause",
                    "condition_cause",
                    "condition_symptom",
                    "condition_treatment",
                    "treatment_note",
                    "alias",
                    "quote",
                ] {
                    let n: i64 = self.tx.query_row(
                        &format!("SELECT count(*) FROM {table} WHERE document_id = ?1"),
                        [id],
                        |r| r.get(0),
                    )?;
                    self.count(table).removed += n as u64;
                }
                self.tx.execute("DELETE FROM document WHERE id = ?1", [id])?;
                self.count("document").removed += 1;
            }
            self.summary.absent.push(slug);
        }
        Ok(())
    }

    /// Remove entities that no fact refers to any more (retracted by an
    /// edited document or a pruned one). Their vocabulary aliases go with
    /// them by cascade; those are counted too.
    pub(super) fn collect_orphans(&mut self) -> Result<()> {
        let aliases = |tx: &Transaction<'_>| -> Result<i64> {
            Ok(
                tx.query_row("SELECT count(*) FROM alias WHERE document_id IS NULL", [], |r| {
                    r.get(0)
                })?,
            )
        };
        let before = aliases(self.tx)?;
        for (table, sql) in [
            (
                "condition_type",
                "DELETE FROM condition_type WHERE NOT EXISTS (SELECT 1 FROM type_source s WHERE s.type_id = condition_type.id)",
            ),
            (
                "condition",
                "DELETE FROM condition WHERE NOT EXISTS (SELECT 1 FROM condition_source s WHERE s.condition_id = condition.id)",
            ),
            (
                "cause",
                "DELETE FROM cause WHERE NOT EXISTS (SELECT 1 FROM type_cause f WHERE f.cause_id = cause.id) \
                 AND NOT EXISTS (SELECT 1 FROM condition_cause f WHERE f.cause_id = cause.id)",
            ),
            (
                "symptom",
                "DELETE FROM symptom WHERE NOT EXISTS (SELECT 1 FROM condition_symptom f WHERE f.symptom_id = symptom.id)",
            ),
            (
                "treatment",
                "DELETE FROM treatment WHERE NOT EXISTS \
                 (SELECT 1 FROM condition_treatment f WHERE f.treatment_id = treatment.id)",
            ),
        ] {
            let n = self.tx.execute(sql, [])? as u64;
            self.count(table).removed += n;
        }
        self.count("alias").removed += (before - aliases(self.tx)?) as u64;
        Ok(())
    }
}
