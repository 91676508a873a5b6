//! New documents' rows held back and written table by table (issue 13,
//! round 6).
//!
//! A document with no rows in the database yet (every document of a first
//! seed) needs no diff: all its rows are inserts. Written as it is read,
//! its inserts alternate between the document table, the quotes, six fact
//! tables, notes, aliases and inputs, each with its own indexes; at
//! 100,000 articles that order cost about a quarter of a first seed's
//! processor time (docs/performance.md, round 6). So such rows are kept
//! here for a bounded number of documents and then written one table after
//! another, as a table-by-table load does.
//!
//! The rows are the ones writing at once would give, ids included: a
//! document's, a quote's, a new condition's and a new type's id is what
//! SQLite would assign (one past the table's largest, read when a batch
//! begins), given explicitly because facts refer to them; notes, aliases
//! and inputs go in the same order, so their rowids are the same too.
//! Conditions and types a new document creates are held too (round 8: one
//! statement each was about a sixth of a first seed); the writer looks a
//! slug up here before the database (see `entities`). Causes, symptoms and
//! treatments are still written at once: they are shared, so few are new.
//! Nothing but the batch writes to its tables while it is open: the writer
//! flushes it before any document that has rows already (diffed and
//! written at once) and at the end of the pass. Other lookups during the
//! pass cannot see the missing rows: they are by document slug or seed
//! file, and each is read once per run.

use std::collections::HashMap;

use rusqlite::types::Value;
use rusqlite::{params, Connection, Transaction};

use super::aliases::{AliasKey, ALIAS_COLUMNS};
use super::facts::{Key, FACT_TABLES};
use super::Counts;
use crate::error::Result;

/// A batch is written once it holds this many documents (see
/// docs/performance.md, round 6, for how it was chosen; debug builds, which
/// the tests use, write one every few documents so that a test's seed
/// crosses batch boundaries) ...
pub(super) const BATCH_DOCUMENTS: usize = if cfg!(debug_assertions) { 3 } else { 250 };
/// ... or this many bytes of document text, so that memory stays flat
/// whatever the articles' size.
pub(super) const BATCH_BYTES: usize = 2 << 20;

/// A document row: (id, slug, path, title, sha256, body).
type DocumentRow = (i64, String, String, Option<String>, String, String);
/// A quote row: (id, document, start, end, line, text).
type QuoteRow = (i64, i64, i64, i64, i64, String);
/// A treatment note: (condition, treatment, document, quote, kind, text).
type NoteRow = (i64, i64, i64, i64, String, String);
/// An input row: (document, seed file, inputs sha256, stat sha256, notices).
type InputRow = (i64, Option<String>, String, Option<String>, String);

/// A new document's rows of one kind, each handed to `hold` for the
/// batch: all of them inserts, counted so.
pub(super) fn held<K>(desired: std::collections::BTreeMap<K, i64>, mut hold: impl FnMut(K, i64)) -> Counts {
    let counts = Counts {
        inserted: desired.len() as u64,
        ..Counts::default()
    };
    for (key, quote) in desired {
        hold(key, quote);
    }
    counts
}

#[derive(Default)]
pub(super) struct Batch {
    /// `document_input` has `stat_sha256` (V8).
    stats: bool,
    /// The next document, quote, condition and type ids; 0 until read at
    /// the batch's start.
    next_document: i64,
    next_quote: i64,
    next_condition: i64,
    next_type: i64,
    /// The first condition id this batch holds.
    first_condition: i64,
    /// New conditions: (id, slug, name), and their index there by slug.
    conditions: Vec<(i64, String, String)>,
    condition_at: HashMap<String, usize>,
    /// New types: (id, condition, slug, name), and their index there by
    /// (condition, slug).
    types: Vec<(i64, i64, String, String)>,
    type_at: HashMap<(i64, String), usize>,
    documents: Vec<DocumentRow>,
    quotes: Vec<QuoteRow>,
    /// Per fact table (in [`FACT_TABLES`] order): (document, quote, key).
    facts: [Vec<(i64, i64, Key)>; FACT_TABLES.len()],
    notes: Vec<NoteRow>,
    /// (key, document, quote)
    aliases: Vec<(AliasKey, i64, i64)>,
    inputs: Vec<InputRow>,
    /// Bytes of document text held.
    bytes: usize,
}

impl Batch {
    pub(super) fn new(stats: bool) -> Batch {
        Batch {
            stats,
            ..Batch::default()
        }
    }

    /// Whether the batch should be written now.
    pub(super) fn full(&self) -> bool {
        self.documents.len() >= BATCH_DOCUMENTS || self.bytes >= BATCH_BYTES
    }

    /// The ids a batch starts from: those SQLite would give the next rows.
    fn start(&mut self, tx: &Transaction<'_>) -> Result<()> {
        if self.next_document == 0 {
            let next = |table: &str| -> Result<i64> {
                Ok(tx
                    .prepare_cached(&format!("SELECT coalesce(max(id), 0) + 1 FROM {table}"))?
                    .query_row([], |r| r.get(0))?)
            };
            self.next_document = next("document")?;
            self.next_quote = next("quote")?;
            self.next_condition = next("condition")?;
            self.next_type = next("condition_type")?;
            self.first_condition = self.next_condition;
        }
        Ok(())
    }

    /// A condition held by its slug: its id and name (to rename it).
    pub(super) fn held_condition(&mut self, slug: &str) -> Option<(i64, &mut String)> {
        let at = *self.condition_at.get(slug)?;
        let (id, _, name) = &mut self.conditions[at];
        Some((*id, name))
    }

    /// Whether a condition id is one this batch holds (then all its types
    /// are held here too).
    pub(super) fn holds_condition(&self, id: i64) -> bool {
        self.next_condition != 0 && id >= self.first_condition
    }

    /// Hold a new condition; returns its id.
    pub(super) fn hold_condition(&mut self, tx: &Transaction<'_>, slug: &str, name: &str) -> Result<i64> {
        self.start(tx)?;
        let id = self.next_condition;
        self.next_condition += 1;
        self.condition_at.insert(slug.to_owned(), self.conditions.len());
        self.conditions.push((id, slug.to_owned(), name.to_owned()));
        Ok(id)
    }

    /// A type held by its condition and slug: its id and name.
    pub(super) fn held_type(&mut self, condition: i64, slug: &str) -> Option<(i64, &mut String)> {
        let at = *self.type_at.get(&(condition, slug.to_owned()))?;
        let (id, _, _, name) = &mut self.types[at];
        Some((*id, name))
    }

    /// Hold a new type of a condition; returns its id.
    pub(super) fn hold_type(
        &mut self,
        tx: &Transaction<'_>,
        condition: i64,
        slug: &str,
        name: &str,
    ) -> Result<i64> {
        self.start(tx)?;
        let id = self.next_type;
        self.next_type += 1;
        self.type_at
            .insert((condition, slug.to_owned()), self.types.len());
        self.types.push((id, condition, slug.to_owned(), name.to_owned()));
        Ok(id)
    }

    /// Hold a new document's row; returns its id.
    pub(super) fn document(
        &mut self,
        tx: &Transaction<'_>,
        slug: &str,
        path: &str,
        title: Option<&str>,
        sha256: &str,
        body: &str,
    ) -> Result<i64> {
        self.start(tx)?;
        let id = self.next_document;
        self.next_document += 1;
        self.bytes += body.len();
        self.documents.push((
            id,
            slug.to_owned(),
            path.to_owned(),
            title.map(str::to_owned),
            sha256.to_owned(),
            body.to_owned(),
        ));
        Ok(id)
    }

    /// Hold a new quote; returns its id.
    pub(super) fn quote(&mut self, doc_id: i64, start: usize, end: usize, line: i64, text: &str) -> i64 {
        let id = self.next_quote;
        self.next_quote += 1;
        self.bytes += text.len();
        self.quotes
            .push((id, doc_id, start as i64, end as i64, line, text.to_owned()));
        id
    }

    pub(super) fn fact(&mut self, table: &str, doc_id: i64, quote: i64, key: Key) {
        let at = FACT_TABLES
            .iter()
            .position(|(t, _)| *t == table)
            .expect("a fact table constant");
        self.facts[at].push((doc_id, quote, key));
    }

    pub(super) fn note(&mut self, row: NoteRow) {
        self.notes.push(row);
    }

    pub(super) fn alias(&mut self, key: AliasKey, doc_id: i64, quote: i64) {
        self.aliases.push((key, doc_id, quote));
    }

    pub(super) fn input(&mut self, row: InputRow) {
        self.inputs.push(row);
    }

    /// Write what is held, table by table in the order the foreign keys
    /// need (documents, quotes, facts, notes after their treatment facts,
    /// aliases, inputs), and start a new batch. Rows go in with multi-row
    /// inserts (see [`insert_rows`]), in the order they were held.
    pub(super) fn flush(&mut self, tx: &Transaction<'_>) -> Result<()> {
        if self.documents.is_empty() && self.conditions.is_empty() && self.types.is_empty() {
            return Ok(());
        }
        let mut values = Vec::with_capacity(6 * self.quotes.len().max(self.documents.len()));
        // Entities first: facts refer to them.
        self.condition_at.clear();
        for (id, slug, name) in self.conditions.drain(..) {
            values.extend([Value::Integer(id), Value::Text(slug), Value::Text(name)]);
        }
        insert_rows(tx, "INSERT INTO condition (id, slug, name)", 3, &mut values)?;
        self.type_at.clear();
        for (id, condition, slug, name) in self.types.drain(..) {
            values.extend([
                Value::Integer(id),
                Value::Integer(condition),
                Value::Text(slug),
                Value::Text(name),
            ]);
        }
        insert_rows(
            tx,
            "INSERT INTO condition_type (id, condition_id, slug, name)",
            4,
            &mut values,
        )?;
        for (id, slug, path, title, sha256, body) in self.documents.drain(..) {
            values.extend([
                Value::Integer(id),
                Value::Text(slug),
                Value::Text(path),
                title.map_or(Value::Null, Value::Text),
                Value::Text(sha256),
                Value::Text(body),
            ]);
        }
        insert_rows(
            tx,
            "INSERT INTO document (id, slug, path, title, sha256, body)",
            6,
            &mut values,
        )?;
        for (id, doc, start, end, line, text) in self.quotes.drain(..) {
            values.extend([
                Value::Integer(id),
                Value::Integer(doc),
                Value::Integer(start),
                Value::Integer(end),
                Value::Integer(line),
                Value::Text(text),
            ]);
        }
        insert_rows(
            tx,
            "INSERT INTO quote (id, document_id, start_byte, end_byte, line, text)",
            6,
            &mut values,
        )?;
        for (&(table, keys), rows) in FACT_TABLES.iter().zip(&mut self.facts) {
            for (doc, quote, key) in rows.drain(..) {
                values.extend([Value::Integer(doc), Value::Integer(quote)]);
                values.extend(key.into_iter().map(Value::Integer));
            }
            let head = format!("INSERT INTO {table} (document_id, quote_id, {})", keys.join(", "));
            insert_rows(tx, &head, 2 + keys.len(), &mut values)?;
        }
        for (cond, treatment, doc, quote, kind, text) in self.notes.drain(..) {
            values.extend([
                Value::Integer(cond),
                Value::Integer(treatment),
                Value::Integer(doc),
                Value::Integer(quote),
                Value::Text(kind),
                Value::Text(text),
            ]);
        }
        insert_rows(
            tx,
            "INSERT INTO treatment_note (condition_id, treatment_id, document_id, quote_id, kind, text)",
            6,
            &mut values,
        )?;
        // Aliases a document gives are few and name one of five columns
        // each: one at a time.
        for ((col, entity, name), doc, quote) in self.aliases.drain(..) {
            tx.prepare_cached(&format!(
                "INSERT INTO alias (name, {}, origin, document_id, quote_id) VALUES (?1, ?2, 'document', ?3, ?4)",
                ALIAS_COLUMNS[col]
            ))?
            .execute(params![name, entity, doc, quote])?;
        }
        let stats = self.stats;
        for (doc, seed_file, sha256, stat, notices) in self.inputs.drain(..) {
            values.extend([
                Value::Integer(doc),
                seed_file.map_or(Value::Null, Value::Text),
                Value::Text(sha256),
            ]);
            if stats {
                values.push(stat.map_or(Value::Null, Value::Text));
            }
            values.push(Value::Text(notices));
        }
        if stats {
            insert_rows(
                tx,
                "INSERT OR REPLACE INTO document_input (document_id, seed_file, inputs_sha256, stat_sha256, notices)",
                5,
                &mut values,
            )?;
        } else {
            insert_rows(
                tx,
                "INSERT OR REPLACE INTO document_input (document_id, seed_file, inputs_sha256, notices)",
                4,
                &mut values,
            )?;
        }
        // The next batch reads its first ids again: documents written at
        // once in between may have added or removed quotes.
        self.next_document = 0;
        self.next_quote = 0;
        self.next_condition = 0;
        self.next_type = 0;
        self.bytes = 0;
        Ok(())
    }
}

/// Rows per insert statement, largest first: a batch's rows of one table
/// go in as many of the largest as fit, then the smaller ones.
///
/// 256 rather than 64 (round 19): each statement that can abort part-way
/// copies every page it changes that was already in the file into its
/// statement journal, once per statement. As the B-trees widen, a
/// statement's rows land on more such pages, so the copies grew faster
/// than the seed (17x per tenfold); four times the rows per statement
/// share a page's copy four times as often.
const ROWS_PER_INSERT: [usize; 5] = [256, 64, 16, 4, 1];

/// Insert `values` (rows of `width` values each, in order) with `head`
/// ("INSERT INTO t (a, b)") and multi-row `VALUES` lists, leaving `values`
/// empty. Public for the benchmark's table-by-table baseline, which loads
/// the same rows the same way.
///
/// One statement per row opened every table and index cursor again for
/// each row, and each index insert searched its B-tree from the root, one
/// more level deep as the tables grow; within one statement the cursors
/// stay open, and an insert just past the previous key (every id-ordered
/// table and index here) finds its page without that search. The rows,
/// their order and so their rowids are the same as one insert per row.
pub fn insert_rows(conn: &Connection, head: &str, width: usize, values: &mut Vec<Value>) -> Result<()> {
    let mut left = values.len() / width;
    let mut rows = values.drain(..);
    while left > 0 {
        let n = ROWS_PER_INSERT.into_iter().find(|&n| n <= left).unwrap_or(1);
        let row = format!("({})", vec!["?"; width].join(", "));
        let sql = format!("{head} VALUES {}", vec![row.as_str(); n].join(", "));
        conn.prepare_cached(&sql)?
            .execute(rusqlite::params_from_iter(rows.by_ref().take(n * width)))?;
        left -= n;
    }
    Ok(())
}
