//! One document's rows: the document itself, its quotes, and the facts,
//! notes and aliases it states, gathered into [`Desired`] and then synced.

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::{params, OptionalExtension};

use super::aliases::AliasKey;
use super::facts::{
    Key, CONDITION_CAUSE, CONDITION_SOURCE, CONDITION_SYMPTOM, CONDITION_TREATMENT, FACT_TABLES, TYPE_CAUSE,
    TYPE_SOURCE,
};
use super::plan::Prepared;
use super::Writer;
use crate::error::Result;
use crate::model::Quote;
use crate::text::LineIndex;

/// The facts one document states, keyed like the tables' natural keys.
#[derive(Default)]
pub(super) struct Desired {
    facts: BTreeMap<&'static str, BTreeMap<Key, i64>>,
    /// (condition, treatment, kind, text) -> quote id
    notes: BTreeMap<(i64, i64, String, String), i64>,
    /// (alias column index, entity id, name) -> quote id
    aliases: BTreeMap<AliasKey, i64>,
    quotes: HashSet<i64>,
    /// (start, end) -> quote id, for quotes already written.
    spans: HashMap<(usize, usize), i64>,
}

impl Writer<'_> {
    /// Write one document's rows; returns its id.
    pub(super) fn document(&mut self, doc: &Prepared) -> Result<i64> {
        let existing: Option<(i64, String, String, Option<String>)> = if self.no_documents {
            None
        } else {
            self.tx
                .prepare_cached("SELECT id, sha256, path, title FROM document WHERE slug = ?1")?
                .query_row([&doc.slug], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .optional()?
        };
        self.fresh = existing.is_none();
        let doc_id = match existing {
            // A new document: its rows are held for its batch.
            None => {
                self.count("document").inserted += 1;
                self.batch.document(
                    self.tx,
                    &doc.slug,
                    &doc.path,
                    doc.title.as_deref(),
                    &doc.sha256,
                    &doc.body,
                )?
            }
            // One that has rows is diffed against them and written at
            // once, after what the batch holds.
            Some((id, sha, path, title)) => {
                self.batch.flush(self.tx)?;
                if sha != doc.sha256 || path != doc.path || title != doc.title {
                    self.tx
                        .prepare_cached(
                            "UPDATE document SET path = ?2, title = ?3, sha256 = ?4, body = ?5 WHERE id = ?1",
                        )?
                        .execute(params![id, doc.path, doc.title, doc.sha256, doc.body])?;
                    self.count("document").updated += 1;
                } else {
                    self.count("document").unchanged += 1;
                }
                id
            }
        };

        let lines = LineIndex::new(&doc.body);
        let mut want = Desired::default();
        for c in &doc.seed.conditions {
            let cond = self.entity("condition", &c.name, None)?;
            let q = self.quote(doc_id, &c.quote, &lines, &mut want)?;
            want.fact(CONDITION_SOURCE.0, vec![cond], q);
            for a in &c.aliases {
                let q = self.quote(doc_id, &a.quote, &lines, &mut want)?;
                want.alias(0, cond, &a.name, &c.name, q);
            }
            for t in &c.types {
                let ty = self.condition_type(cond, &t.name)?;
                let q = self.quote(doc_id, &t.quote, &lines, &mut want)?;
                want.fact(TYPE_SOURCE.0, vec![ty], q);
                for a in &t.aliases {
                    let q = self.quote(doc_id, &a.quote, &lines, &mut want)?;
                    want.alias(1, ty, &a.name, &t.name, q);
                }
                for x in &t.causes {
                    let cause = self.entity("cause", &x.name, None)?;
                    let q = self.quote(doc_id, &x.quote, &lines, &mut want)?;
                    want.fact(TYPE_CAUSE.0, vec![ty, cause], q);
                }
            }
            for x in &c.general_causes {
                let cause = self.entity("cause", &x.name, None)?;
                let q = self.quote(doc_id, &x.quote, &lines, &mut want)?;
                want.fact(CONDITION_CAUSE.0, vec![cond, cause], q);
            }
            for s in &c.symptoms {
                let symptom = self.entity("symptom", &s.name, None)?;
                let q = self.quote(doc_id, &s.quote, &lines, &mut want)?;
                want.fact(CONDITION_SYMPTOM.0, vec![cond, symptom], q);
            }
            for r in &c.treatments {
                let treatment = self.entity("treatment", &r.name, Some(r.kind.as_str()))?;
                let q = self.quote(doc_id, &r.quote, &lines, &mut want)?;
                want.fact(CONDITION_TREATMENT.0, vec![cond, treatment], q);
                for n in &r.notes {
                    let q = self.quote(doc_id, &n.quote, &lines, &mut want)?;
                    let key = (
                        cond,
                        treatment,
                        n.kind.as_str().to_owned(),
                        n.text.trim().to_owned(),
                    );
                    want.notes.entry(key).or_insert(q);
                }
            }
        }

        for (table, keys) in FACT_TABLES {
            let desired = want.facts.remove(table).unwrap_or_default();
            let counts = self.sync_facts(table, keys, doc_id, desired)?;
            self.count(table).add(counts);
        }
        let counts = self.sync_notes(doc_id, std::mem::take(&mut want.notes))?;
        self.count("treatment_note").add(counts);
        let counts = self.sync_document_aliases(doc_id, std::mem::take(&mut want.aliases))?;
        self.count("alias").add(counts);

        // Quotes no fact points at any more (the document was edited); a new
        // document has none.
        if self.fresh {
            return Ok(doc_id);
        }
        let stale: Vec<i64> = self
            .tx
            .prepare_cached("SELECT id FROM quote WHERE document_id = ?1")?
            .query_map([doc_id], |r| r.get(0))?
            .filter(|id| id.as_ref().map_or(true, |id| !want.quotes.contains(id)))
            .collect::<rusqlite::Result<_>>()?;
        let mut del = self.tx.prepare_cached("DELETE FROM quote WHERE id = ?1")?;
        for id in stale {
            del.execute([id])?;
        }
        Ok(doc_id)
    }

    /// Find or create the quote row of a span (natural key: document and
    /// byte range).
    fn quote(&mut self, doc_id: i64, quote: &Quote, lines: &LineIndex, want: &mut Desired) -> Result<i64> {
        // A span quoted earlier in this document is that row, already
        // written (a quote's text is the slice of the body at its span).
        if let Some(&id) = want.spans.get(&(quote.start, quote.end)) {
            return Ok(id);
        }
        let line = lines.line(quote.start) as i64;
        if self.fresh {
            let id = self
                .batch
                .quote(doc_id, quote.start, quote.end, line, &quote.text);
            want.spans.insert((quote.start, quote.end), id);
            return Ok(id);
        }
        let found: Option<(i64, String, i64)> = self
            .tx
            .prepare_cached("SELECT id, text, line FROM quote WHERE document_id = ?1 AND start_byte = ?2 AND end_byte = ?3")?
            .query_row(params![doc_id, quote.start as i64, quote.end as i64], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        let id = match found {
            Some((id, text, l)) if text == quote.text && l == line => id,
            Some((id, ..)) => {
                self.tx
                    .prepare_cached("UPDATE quote SET text = ?2, line = ?3 WHERE id = ?1")?
                    .execute(params![id, quote.text, line])?;
                id
            }
            None => {
                self.tx
                    .prepare_cached(
                        "INSERT INTO quote (document_id, start_byte, end_byte, line, text) VALUES (?1, ?2, ?3, ?4, ?5)",
                    )?
                    .execute(params![doc_id, quote.start as i64, quote.end as i64, line, quote.text])?;
                self.tx.last_insert_rowid()
            }
        };
        want.quotes.insert(id);
        want.spans.insert((quote.start, quote.end), id);
        Ok(id)
    }
}

impl Desired {
    fn fact(&mut self, table: &'static str, key: Key, quote: i64) {
        // The first statement of a fact in a document is its quote.
        self.facts.entry(table).or_default().entry(key).or_insert(quote);
    }

    fn alias(&mut self, col: usize, entity: i64, alias: &str, canonical: &str, quote: i64) {
        let alias = alias.trim().to_lowercase();
        if !alias.is_empty() && alias != canonical.trim().to_lowercase() {
            self.aliases.entry((col, entity, alias)).or_insert(quote);
        }
    }
}
