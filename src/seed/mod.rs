//! Seeding: write validated seed data into the database.
//!
//! One `BEGIN IMMEDIATE` transaction per run, natural keys (slugs, byte
//! spans) with upserts, and a per-document diff: facts a document no longer
//! states are retracted, entities nothing refers to any more are removed.
//! A run that changes nothing is rolled back, so the file is left untouched.
//!
//! This file holds the run and its summary; the writer's parts live beside
//! it: `document` (one document's rows), `entities` (shared entities by
//! slug), `facts` (fact tables and treatment notes), `aliases`, `prune`
//! (absent documents and orphaned entities) and `diff` (the one diff all
//! per-document row sets go through).

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::Transaction;
use serde::Serialize;

use crate::error::Result;

mod aliases;
mod diff;
mod document;
mod entities;
mod facts;
pub mod load;
mod prune;
pub mod review;

pub use load::{slugify, Source};

/// Inserted / updated / unchanged / removed rows of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub removed: u64,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.inserted += other.inserted;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
        self.removed += other.removed;
    }

    pub fn changed(&self) -> bool {
        self.inserted + self.updated + self.removed > 0
    }
}

/// What a seed run did, by table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SeedSummary {
    /// Where the seeds came from.
    pub source: String,
    /// Documents read, in key order.
    pub documents: Vec<String>,
    /// Row counts per table (documents, entities, facts, aliases).
    pub tables: BTreeMap<String, Counts>,
    /// False when the database was already up to date (nothing was written).
    pub changed: bool,
    /// Things worth knowing that stopped nothing (a reviewed document edited
    /// since review, its quotes re-anchored).
    pub notices: Vec<String>,
    /// Documents in the database that this source does not have: kept
    /// unless the run prunes ([`SeedOptions::prune`]), then removed.
    pub absent: Vec<String>,
}

/// How a seed run treats what the source does not mention.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SeedOptions {
    /// Remove documents (and the facts only they state) that are in the
    /// database but not in the source. Off by default, so seeding a folder
    /// of new articles never retracts earlier ones.
    pub prune: bool,
}

impl SeedSummary {
    /// All tables together.
    pub fn total(&self) -> Counts {
        let mut total = Counts::default();
        for c in self.tables.values() {
            total.add(*c);
        }
        total
    }
}

/// Progress of a seed run, reported after each document is written.
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    pub done: usize,
    pub total: usize,
    pub document: &'a str,
}

/// Write the planned documents in one transaction.
pub(crate) fn write(
    tx: Transaction<'_>,
    source: &Source,
    plan: &load::Plan,
    options: SeedOptions,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<SeedSummary> {
    let mut w = Writer {
        tx: &tx,
        summary: SeedSummary {
            source: source.root.display().to_string(),
            notices: plan.notices.clone(),
            ..SeedSummary::default()
        },
        seen: HashSet::new(),
        entities: HashMap::new(),
        fresh: false,
    };
    let total = plan.documents.len();
    for (i, planned) in plan.documents.iter().enumerate() {
        let doc = plan.load(source, planned)?;
        w.document(&doc)?;
        w.summary.documents.push(doc.slug.clone());
        progress(Progress {
            done: i + 1,
            total,
            document: &doc.slug,
        });
    }
    w.absent_documents(plan, options.prune)?;
    w.collect_orphans()?;
    w.vocabulary_aliases(&plan.vocabulary)?;
    // Standard codes of every symptom, in this same transaction.
    crate::codes::sync(&tx, source, &mut w.summary.tables)?;
    let mut summary = w.summary;
    summary.changed = summary.total().changed();
    if summary.changed {
        tx.commit()?;
    } else {
        // Nothing to write: leave the file exactly as it was.
        tx.rollback()?;
    }
    Ok(summary)
}

struct Writer<'t> {
    tx: &'t Transaction<'t>,
    summary: SeedSummary,
    /// Entities already counted in this run, by (table, id).
    seen: HashSet<(&'static str, i64)>,
    /// Entities resolved in this run: (table, scope, slug) -> id, where
    /// scope is the condition for types and 0 otherwise. Popular causes are
    /// looked up once, not once per document.
    entities: HashMap<(&'static str, i64, String), i64>,
    /// The current document is new: it has no rows to diff against.
    fresh: bool,
}

impl Writer<'_> {
    fn count(&mut self, table: &str) -> &mut Counts {
        self.summary.tables.entry(table.to_owned()).or_default()
    }
}

/// Seed `source` into the database behind `conn`.
pub(crate) fn run(
    conn: &mut rusqlite::Connection,
    source: &Source,
    options: SeedOptions,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<SeedSummary> {
    let plan = load::prepare(source)?;
    // With a rollback journal, a writer whose page cache fills spills pages
    // into the file, which takes the exclusive lock until commit: every
    // reader then waits for the rest of the seed. A cache big enough for a
    // large seed (10,000 articles write about 50 MiB) keeps readers reading
    // the old state until the commit itself.
    let cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    conn.pragma_update(None, "cache_size", SEED_CACHE_KIB)?;
    let result = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(Into::into)
        .and_then(|tx| write(tx, source, &plan, options, progress));
    // The seed's own outcome is what the caller needs; failing to shrink
    // the cache again afterwards changes nothing in the database.
    let _ = conn.pragma_update(None, "cache_size", cache);
    result
}

/// Page cache of a seeding connection, in SQLite's negative-KiB form.
const SEED_CACHE_KIB: i64 = -64 * 1024;
