//! Random-key entity indexes built at the end of a first seed (issue 13,
//! round 8).
//!
//! The indexes on condition and type names and on type slugs take their
//! keys in random order: maintained row by row, every insert searches and
//! splits pages all over them, and that cost grows a little faster than the
//! corpus (docs/performance.md, rounds 7 and 8). Into an empty database
//! nothing in the seed reads them (entities are found by their unique slug
//! keys, which stay; the alias and code passes scan whole tables), so a
//! first seed drops them when it begins and creates them again, from their
//! own SQL, just before its commit: `CREATE INDEX` sorts all keys once and
//! fills pages in order. Both happen inside the seed's transaction, so a
//! failed or killed seed leaves them as they were.

use rusqlite::{OptionalExtension, Transaction};

use crate::error::Result;

/// The non-unique indexes with keys in random order. Unique ones stay:
/// the entity inserts need them to find a slug already written.
const DEFERRED: [&str; 3] = [
    "condition_by_name",
    "condition_type_by_name",
    "condition_type_by_slug",
];

/// The SQL that creates each index dropped for the pass.
#[derive(Default)]
pub(super) struct Dropped(Vec<String>);

/// Drop the deferred indexes that exist, keeping their SQL.
pub(super) fn drop_for_pass(tx: &Transaction<'_>) -> Result<Dropped> {
    let mut dropped = Vec::new();
    for name in DEFERRED {
        let sql: Option<String> = tx
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1",
                [name],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(sql) = sql {
            tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
            dropped.push(sql);
        }
    }
    Ok(Dropped(dropped))
}

impl Dropped {
    /// Create the dropped indexes again, as they were defined. Called last
    /// before the commit, when the rest of the seed no longer needs the
    /// page cache.
    ///
    /// `CREATE INDEX` sorts every key, and with `temp_store=MEMORY` SQLite's
    /// sorter holds them all in memory (27 MiB at 100,000 articles, on top
    /// of a full page cache: a 123 MiB peak). So the cache's pages are
    /// written out first (they would be at the commit) and freed, the cache
    /// is kept small while the indexes are built, and the sorter is given
    /// temporary files, so that it spills runs of at most the cache's size.
    pub(super) fn restore(self, tx: &Transaction<'_>) -> Result<()> {
        if self.0.is_empty() {
            return Ok(());
        }
        let cache: i64 = tx.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        let temp_store: i64 = tx.query_row("PRAGMA temp_store", [], |r| r.get(0))?;
        tx.cache_flush()?;
        tx.pragma_update(None, "cache_size", BUILD_CACHE_KIB)?;
        tx.execute_batch("PRAGMA shrink_memory")?;
        // The freed pages go back to the system too: the sorter's buffer
        // and the pages the builds read are new allocations that did not
        // fit among them, and set a 100,000-article seed's peak here
        // (docs/performance.md, seeding at scale, round 13).
        super::give_back_cache();
        // SQLite refuses to change the temporary store inside a transaction
        // once it has a temporary database open (the seed opens none); the
        // indexes are then sorted in memory, as before.
        let spill = tx.pragma_update(None, "temp_store", "FILE").is_ok();
        let built = self.0.iter().try_for_each(|sql| tx.execute_batch(sql));
        if spill {
            tx.pragma_update(None, "temp_store", temp_store)?;
        }
        tx.pragma_update(None, "cache_size", cache)?;
        Ok(built?)
    }
}

/// Page cache while the indexes are built, in SQLite's negative-KiB form;
/// also the size of the sorter's runs, which it keeps in one buffer: a
/// new allocation that cannot reuse the freed cache pages (with 8 MiB the
/// peak at 100,000 articles was 104.7 MiB, 96.3 before this round).
const BUILD_CACHE_KIB: i64 = -2 * 1024;
