//! Seeding: write validated seed data into the database.
//!
//! One `BEGIN IMMEDIATE` transaction per run, natural keys (slugs, byte
//! spans) with upserts, and a per-document diff: facts a document no longer
//! states are retracted, entities nothing refers to any more are removed.
//! A run that changes nothing is rolled back, so the file is left untouched.
//!
//! Each document is read, validated and written once, in one pass
//! (`plan`); one whose inputs are unchanged since the last seed is skipped
//! before it is parsed (`state` keeps what that needs in the database).
//!
//! This file holds the run and its summary. Reading: `source` (the input
//! files), `input` (parsing one file), `anchor` (a reviewed seed file
//! checked against its document), `plan` (the pass), `load` (the public
//! reading API). Writing: `document` (one document's rows), `entities`
//! (shared entities by slug), `facts` (fact tables and treatment notes),
//! `aliases`, `prune` (absent documents and orphaned entities), `diff` (the
//! one diff all per-document row sets go through), `state` (inputs and
//! run settings kept for the next seed) and `fts` (full-text entries of the
//! run's new rows, written at its end).

use std::collections::{BTreeMap, HashMap};

use rusqlite::Transaction;
use serde::Serialize;

use crate::error::Result;

mod aliases;
mod anchor;
mod batch;
mod diff;
mod document;
mod entities;
mod facts;
pub mod fts;
mod indexes;
mod input;
pub mod load;
mod plan;
mod prune;
pub mod review;
mod source;
mod state;

pub use batch::insert_rows;
pub use load::{slugify, Source};
use plan::{Next, NothingKnown, Plan, Prepared};

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
    /// Row counts per table (documents, entities, facts, aliases, and
    /// `document_input`, what each document was read from). A document
    /// skipped because its inputs are unchanged counts as one unchanged
    /// document; its facts are not read, so they are not counted.
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

/// Seed the planned documents in one transaction: each document read,
/// validated and written in turn, or skipped when its inputs are unchanged.
/// A bad document anywhere rolls the whole run back.
///
/// The documents' keys are left out of the summary, for the caller to list
/// from the plan once the seed's page cache is freed.
fn write(
    tx: Transaction<'_>,
    source: &Source,
    plan: &Plan<'_>,
    options: SeedOptions,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<SeedSummary> {
    // A database migrated only up to V5 (as migration tests make on
    // purpose) has nowhere to keep inputs: every document is read.
    let incremental = state::has_table(&tx, "document_input")?;
    // Full-text entries of the rows this run writes, made at the end in one
    // statement per index instead of one index segment per row (V8).
    let deferred = fts::available(&tx)?;
    if deferred {
        fts::defer(&tx)?;
    }
    // Whether the aliases of the last run's vocabulary stand: then only the
    // entities this run creates or renames need theirs, so those are
    // listed; otherwise every entity's are derived again and no list is
    // kept (in a fresh seed it would hold every entity: 8 MiB at 100,000
    // articles).
    let vocabulary = (incremental, state::VOCABULARY, plan.vocabulary_sha256.as_str());
    let vocabulary_held = state::holds(&tx, vocabulary)?;
    // Into a database with no documents (a first seed), every document is
    // new: slugs are unique within a run, so looking each one up, and its
    // stored inputs, can only find nothing. Skipped then (a few percent of
    // a first seed).
    let no_documents = state::is_empty(&tx, "document")?;
    let inputs_held = incremental && !no_documents && !state::is_empty(&tx, "document_input")?;
    // A first seed builds the random-key entity indexes at its end (see
    // `indexes`); nothing before that reads them.
    let first_seed = no_documents && state::is_empty(&tx, "condition")?;
    let dropped = if first_seed {
        indexes::drop_for_pass(&tx)?
    } else {
        indexes::Dropped::default()
    };
    let mut w = Writer {
        tx: &tx,
        summary: SeedSummary {
            source: source.root.display().to_string(),
            ..SeedSummary::default()
        },
        seen: Default::default(),
        entities: HashMap::new(),
        fresh: false,
        no_documents,
        empty_at_start: {
            let mut empty = Vec::new();
            for table in ["condition", "cause", "symptom", "treatment"] {
                if state::is_empty(&tx, table)? {
                    empty.push(table);
                }
            }
            empty
        },
        touched: vocabulary_held.then(Vec::new),
        new_conditions: Default::default(),
        batch: batch::Batch::new(deferred),
    };
    let total = plan.len();
    // The pass yields each article of the plan once, under its key, so the
    // keys are not gathered here: they were 2.4 MiB of a 100,000-article
    // seed's peak, at the end of the pass (docs/performance.md, seeding at
    // scale, round 15); `Plan::keys` lists them when they are needed.
    let mut done = 0;
    let mut pass = plan.pass();
    let mut known = state::InDatabase {
        tx: &tx,
        stats: deferred,
    };
    // Documents read but unchanged whose metadata fingerprint can now be
    // kept: (slug, stat_sha256).
    let mut refresh = Vec::new();
    loop {
        let next = if inputs_held {
            pass.next(&mut known)?
        } else {
            pass.next(&mut NothingKnown)?
        };
        let slug = match next {
            None => break,
            Some(Next::Skipped {
                slug,
                notices,
                refresh: stat,
            }) => {
                w.count("document").unchanged += 1;
                w.summary.notices.extend(notices);
                if let Some(stat) = stat.filter(|_| deferred) {
                    refresh.push((slug.clone(), stat));
                }
                slug
            }
            Some(Next::Prepared(doc)) => {
                let doc_id = w.document(&doc)?;
                if incremental {
                    w.record_inputs(doc_id, &doc.inputs, deferred)?;
                }
                if w.batch.full() {
                    w.batch.flush(&tx)?;
                }
                let Prepared { slug, inputs, .. } = *doc;
                w.summary.notices.extend(inputs.notices);
                slug
            }
        };
        done += 1;
        progress(Progress {
            done,
            total,
            document: &slug,
        });
    }
    // The last new documents' rows, before anything reads the tables.
    w.batch.flush(&tx)?;
    // Nothing is held from here on.
    w.fresh = false;
    // What only the pass over the documents needed (the stems described so
    // far, the entity id cache) goes before the passes over every entity:
    // the code pass parses the HPO lexicon, and a seed's memory peaks there.
    drop(pass);
    w.entities = HashMap::new();
    debug_assert_eq!(done, total, "one document per article of the plan");
    // Into a database that had no document, every document there is one
    // of this run's: none can be absent, and the keys are not listed while
    // the page cache is full.
    if !no_documents {
        w.absent_documents(&plan.keys(), options.prune)?;
    }
    // What follows spans every entity, so it runs only where it can find
    // something: an entity is orphaned only by a removed row.
    if w.summary.tables.values().any(|c| c.removed > 0) {
        w.collect_orphans()?;
    }
    let mut state_changed = false;
    if vocabulary_held {
        // The same vocabulary: only new and renamed entities need aliases.
        let touched = w.touched.take().unwrap_or_default();
        if !touched.is_empty() {
            w.vocabulary_aliases(&plan.vocabulary, Some(&touched))?;
        }
    } else {
        w.vocabulary_aliases(&plan.vocabulary, None)?;
        state_changed |= state::set(&tx, vocabulary)?;
    }
    // Standard codes of every symptom, in this same transaction; they
    // depend only on the symptoms and conditions and the code rules.
    let codes_digest = state::codes_digest(source)?;
    let codes = (incremental, state::CODES, codes_digest.as_str());
    let entities_changed = ["symptom", "condition"]
        .iter()
        .any(|t| w.summary.tables.get(*t).is_some_and(Counts::changed));
    let codes_due = entities_changed || !state::holds(&tx, codes)?;
    if codes_due {
        // Kept before the code pass, with the run's other settings: written
        // after a first seed has flushed its cache (`indexes`), the setting's
        // page would overwrite its frame in the WAL, and the commit would
        // read back every frame after it (round 11).
        state_changed |= state::set(&tx, codes)?;
    }
    let mut summary = w.summary;
    let mut last = Some(Last {
        refresh,
        dropped,
        deferred,
    });
    // The code pass reads 1.8 MiB of the binary's read-only data (the HPO
    // lexicon and its index), pages that stay resident once read. Run after
    // the full-text entries and the index build, where the seed's memory
    // peaks, and after a first seed has given its page cache back, it no
    // longer adds to that peak (docs/performance.md, seeding at scale,
    // round 13).
    if summary.total().changed() || state_changed {
        if let Some(last) = last.take() {
            last.write(&tx)?;
        }
    }
    if codes_due {
        crate::codes::sync(&tx, source, &mut summary.tables)?;
    }
    summary.changed = summary.total().changed() || state_changed;
    if summary.changed {
        if let Some(last) = last.take() {
            last.write(&tx)?;
        }
        tx.commit()?;
    } else {
        // Nothing to write: leave the file exactly as it was.
        tx.rollback()?;
    }
    Ok(summary)
}

/// What a seed that writes does last before its commit.
struct Last {
    /// Documents read but unchanged whose metadata fingerprint is kept.
    refresh: Vec<(String, String)>,
    /// Indexes dropped for a first seed's pass.
    dropped: indexes::Dropped,
    /// Full-text entries were deferred (V8).
    deferred: bool,
}

impl Last {
    fn write(self, tx: &Transaction<'_>) -> Result<()> {
        if self.deferred {
            state::refresh_stats(tx, &self.refresh)?;
            fts::index_deferred(tx)?;
        }
        self.dropped.restore(tx)
    }
}

struct Writer<'t> {
    tx: &'t Transaction<'t>,
    summary: SeedSummary,
    /// Entities already counted in this run, by table.
    seen: entities::Seen,
    /// Entities resolved in this run: (table, scope, slug) -> id, where
    /// scope is the condition for types and 0 otherwise. Popular causes are
    /// looked up once, not once per document.
    entities: HashMap<(&'static str, i64, String), i64>,
    /// The current document is new: it has no rows to diff against.
    fresh: bool,
    /// The database had no document when the run began: every document
    /// of the run is new, without looking it up.
    no_documents: bool,
    /// Entity tables that had no rows when the run began.
    empty_at_start: Vec<&'static str>,
    /// Entities this run created or renamed, as (alias column index, id):
    /// the only ones whose vocabulary aliases can have changed.
    /// `None` when every entity's aliases are derived again anyway.
    touched: Option<Vec<(usize, i64)>>,
    /// Conditions this run created (whose types need no lookup).
    new_conditions: entities::Seen,
    /// New documents' rows not yet written (see `batch`).
    batch: batch::Batch,
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
    let plan = Plan::new(source)?;
    // With a rollback journal, a writer whose page cache fills spills pages
    // into the file, which takes the exclusive lock until commit: every
    // reader then waits for the rest of the seed. A cache big enough for a
    // large seed (10,000 articles write about 50 MiB) keeps readers reading
    // the old state until the commit itself.
    // In WAL mode a spilled page goes to the WAL, where readers never see
    // it and no lock is taken, so the cache is sized for speed within the
    // memory target instead (see `WAL_SEED_CACHE_KIB`).
    let cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    let temp_store: i64 = conn.query_row("PRAGMA temp_store", [], |r| r.get(0))?;
    let journal: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
    let seed_cache = if journal.eq_ignore_ascii_case("wal") {
        WAL_SEED_CACHE_KIB
    } else {
        SEED_CACHE_KIB
    };
    conn.pragma_update(None, "cache_size", seed_cache)?;
    // Statement journals (one per statement that may need undoing inside
    // the transaction) kept in memory: in a temporary file they were most
    // of a seed's system calls (2.4 million writes for 10,000 articles).
    // They are small and live only as long as their statement.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // A document's writes use about 20 distinct statements in turn; with
    // rusqlite's default of 16 cached ones, least recently used out first,
    // each was evicted just before its next use and compiled again for
    // every document (triggers and foreign keys included).
    conn.set_prepared_statement_cache_capacity(SEED_STATEMENT_CACHE);
    let result = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(Into::into)
        .and_then(|tx| write(tx, source, &plan, options, progress));
    // The seed's own outcome is what the caller needs; failing to restore
    // the settings afterwards changes nothing in the database.
    let _ = conn.pragma_update(None, "cache_size", cache);
    let _ = conn.pragma_update(None, "temp_store", temp_store);
    give_back_cache();
    // Listed now that the cache is back to its own size: its freed pages
    // make room for the keys.
    result.map(|mut summary| {
        summary.documents = plan.keys().iter().map(str::to_owned).collect();
        summary
    })
}

/// The seed's page cache, freed when the cache is set back to the
/// connection's size, goes back to the system. SQLite allocates from the C
/// library's heap, which keeps what it frees for its own later use; when
/// the program's allocator is another (mimalloc, in the `kb` binary), the
/// keys listed next could not reuse it, and set a 100,000-article seed's
/// peak at its very end (docs/performance.md, seeding at scale, round 12).
fn give_back_cache() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        // SAFETY: glibc's own call; it only returns free memory.
        unsafe {
            malloc_trim(0);
        }
    }
}

/// Prepared statements a seeding connection keeps: every statement one
/// document's writes and lookups use, with room to spare (the fact tables
/// alone have three each), and the batch's multi-row inserts (up to five
/// sizes per table, see `batch::insert_rows`).
const SEED_STATEMENT_CACHE: usize = 128;

/// Page cache of a seeding connection with a rollback journal, in SQLite's
/// negative-KiB form.
const SEED_CACHE_KIB: i64 = -64 * 1024;

/// The same in WAL mode (what kb creates). The indexes that take keys in
/// random order (slugs and names of conditions and types) outgrow a small
/// cache past a few tens of thousands of articles, and every insert then
/// reads pages back: at 100,000 articles a 64 MiB cache took 23 % off a
/// seed's processor time against 32 MiB, but its peak was 112 MiB (round
/// 4). 56 MiB is what the rest of the peak (83 MiB with 48) leaves room for
/// under 100 MiB (`benches/scale.rs` uses the same).
pub const WAL_SEED_CACHE_KIB: i64 = -56 * 1024;
