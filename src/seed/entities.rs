//! Shared entities (conditions, types, causes, symptoms, treatments), found
//! or created by the slug of their name and counted once per run.

use rusqlite::{params, OptionalExtension};

use super::aliases::ENTITY_TABLES;
use super::Writer;
use crate::error::Result;
use crate::text::slugify;

impl Writer<'_> {
    /// Find or create a shared entity (condition, cause, symptom, treatment)
    /// by the slug of its name.
    pub(super) fn entity(&mut self, table: &'static str, name: &str, kind: Option<&str>) -> Result<i64> {
        let key = (table, 0, slugify(name));
        if let Some(id) = self.entities.get(&key) {
            return Ok(*id);
        }
        let id = self.upsert_entity(table, &key.2, name, kind)?;
        self.remember(key, id);
        Ok(id)
    }

    fn upsert_entity(
        &mut self,
        table: &'static str,
        slug: &str,
        name: &str,
        kind: Option<&str>,
    ) -> Result<i64> {
        let name = name.trim();
        if table == "condition" && self.fresh {
            return self.held_condition(slug, name);
        }
        // In a table that was empty when the run began, an entity not in the
        // id cache is most likely new: inserted at once, looked up only when
        // the insert finds it there (created earlier in the run).
        if self.empty_at_start.contains(&table) {
            let inserted = match kind {
                Some(k) => self
                    .tx
                    .prepare_cached(&format!(
                        "INSERT INTO {table} (slug, name, kind) VALUES (?1, ?2, ?3) ON CONFLICT (slug) DO NOTHING"
                    ))?
                    .execute(params![slug, name, k])?,
                None => self
                    .tx
                    .prepare_cached(&format!(
                        "INSERT INTO {table} (slug, name) VALUES (?1, ?2) ON CONFLICT (slug) DO NOTHING"
                    ))?
                    .execute(params![slug, name])?,
            };
            if inserted == 1 {
                let id = self.tx.last_insert_rowid();
                if table == "condition" {
                    self.new_conditions.insert("condition", id);
                }
                self.tally(table, id, Outcome::Inserted);
                return Ok(id);
            }
        }
        let found: Option<(i64, String, Option<String>)> = match kind {
            Some(_) => self
                .tx
                .prepare_cached(&format!("SELECT id, name, kind FROM {table} WHERE slug = ?1"))?
                .query_row([&slug], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?,
            None => self
                .tx
                .prepare_cached(&format!("SELECT id, name, NULL FROM {table} WHERE slug = ?1"))?
                .query_row([&slug], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?,
        };
        let (id, outcome) = match found {
            None => {
                match kind {
                    Some(k) => self
                        .tx
                        .prepare_cached(&format!(
                            "INSERT INTO {table} (slug, name, kind) VALUES (?1, ?2, ?3)"
                        ))?
                        .execute(params![slug, name, k])?,
                    None => self
                        .tx
                        .prepare_cached(&format!("INSERT INTO {table} (slug, name) VALUES (?1, ?2)"))?
                        .execute(params![slug, name])?,
                };
                let id = self.tx.last_insert_rowid();
                if table == "condition" {
                    self.new_conditions.insert("condition", id);
                }
                (id, Outcome::Inserted)
            }
            Some((id, old_name, old_kind)) if old_name != name || old_kind.as_deref() != kind => {
                match kind {
                    Some(k) => self
                        .tx
                        .prepare_cached(&format!("UPDATE {table} SET name = ?2, kind = ?3 WHERE id = ?1"))?
                        .execute(params![id, name, k])?,
                    None => self
                        .tx
                        .prepare_cached(&format!("UPDATE {table} SET name = ?2 WHERE id = ?1"))?
                        .execute(params![id, name])?,
                };
                (id, Outcome::Updated)
            }
            Some((id, ..)) => (id, Outcome::Unchanged),
        };
        self.tally(table, id, outcome);
        Ok(id)
    }

    /// A new document's condition: found among those its batch holds, or
    /// in the database, or held as a new one (see `batch`). The outcome is
    /// what writing at once would give.
    fn held_condition(&mut self, slug: &str, name: &str) -> Result<i64> {
        let (id, outcome) = if let Some((id, held)) = self.batch.held_condition(slug) {
            (id, renamed_held(held, name))
        } else {
            let found: Option<(i64, String)> = self
                .tx
                .prepare_cached("SELECT id, name FROM condition WHERE slug = ?1")?
                .query_row([slug], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            match found {
                None => {
                    let id = self.batch.hold_condition(self.tx, slug, name)?;
                    self.new_conditions.insert("condition", id);
                    (id, Outcome::Inserted)
                }
                Some((id, old)) => (id, self.renamed_stored("condition", id, &old, name)?),
            }
        };
        self.tally("condition", id, outcome);
        Ok(id)
    }

    /// A new document's type, the same way: a condition the batch holds
    /// has no types but those held with it.
    fn held_type(&mut self, condition: i64, slug: &str, name: &str) -> Result<i64> {
        let (id, outcome) = if let Some((id, held)) = self.batch.held_type(condition, slug) {
            (id, renamed_held(held, name))
        } else {
            let found: Option<(i64, String)> = if self.batch.holds_condition(condition) {
                None
            } else {
                self.tx
                    .prepare_cached(
                        "SELECT id, name FROM condition_type WHERE condition_id = ?1 AND slug = ?2",
                    )?
                    .query_row(params![condition, slug], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?
            };
            match found {
                None => (
                    self.batch.hold_type(self.tx, condition, slug, name)?,
                    Outcome::Inserted,
                ),
                Some((id, old)) => (id, self.renamed_stored("condition_type", id, &old, name)?),
            }
        };
        self.tally("condition_type", id, outcome);
        Ok(id)
    }

    pub(super) fn condition_type(&mut self, condition: i64, name: &str) -> Result<i64> {
        let key = ("condition_type", condition, slugify(name));
        if let Some(id) = self.entities.get(&key) {
            return Ok(*id);
        }
        let id = self.upsert_type(condition, &key.2, name)?;
        self.remember(key, id);
        Ok(id)
    }

    fn upsert_type(&mut self, condition: i64, slug: &str, name: &str) -> Result<i64> {
        let name = name.trim();
        if self.fresh {
            return self.held_type(condition, slug, name);
        }
        // A condition created in this run has no types but those the run
        // gave it: the type is inserted at once, and looked up only when the
        // insert finds it there (another document of the run named it, and
        // the id cache has been emptied since).
        if self.new_conditions.contains("condition", condition) {
            let inserted = self
                .tx
                .prepare_cached(
                    "INSERT INTO condition_type (condition_id, slug, name) VALUES (?1, ?2, ?3) \
                     ON CONFLICT (condition_id, slug) DO NOTHING",
                )?
                .execute(params![condition, slug, name])?;
            if inserted == 1 {
                let id = self.tx.last_insert_rowid();
                self.tally("condition_type", id, Outcome::Inserted);
                return Ok(id);
            }
        }
        let found: Option<(i64, String)> = self
            .tx
            .prepare_cached("SELECT id, name FROM condition_type WHERE condition_id = ?1 AND slug = ?2")?
            .query_row(params![condition, slug], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let (id, outcome) = match found {
            None => {
                self.tx
                    .prepare_cached(
                        "INSERT INTO condition_type (condition_id, slug, name) VALUES (?1, ?2, ?3)",
                    )?
                    .execute(params![condition, slug, name])?;
                (self.tx.last_insert_rowid(), Outcome::Inserted)
            }
            Some((id, old)) => (id, self.renamed_stored("condition_type", id, &old, name)?),
        };
        self.tally("condition_type", id, outcome);
        Ok(id)
    }

    /// A stored row of `table` (`id`, named `old`) renamed to `name` where
    /// the two differ.
    fn renamed_stored(&self, table: &'static str, id: i64, old: &str, name: &str) -> Result<Outcome> {
        if old == name {
            return Ok(Outcome::Unchanged);
        }
        self.tx
            .prepare_cached(&format!("UPDATE {table} SET name = ?2 WHERE id = ?1"))?
            .execute(params![id, name])?;
        Ok(Outcome::Updated)
    }

    /// Keep an entity's id for the rest of the run; the cache is emptied
    /// when full, so memory stays flat however large the corpus (popular
    /// entities are back in it after one lookup each).
    fn remember(&mut self, key: (&'static str, i64, String), id: i64) {
        if self.entities.len() >= ENTITY_CACHE {
            self.entities.clear();
        }
        self.entities.insert(key, id);
    }

    /// Count an entity once per run, however many facts mention it.
    fn tally(&mut self, table: &'static str, id: i64, outcome: Outcome) {
        if !matches!(outcome, Outcome::Unchanged) {
            if let Some(col) = ENTITY_TABLES.iter().position(|t| *t == table) {
                if let Some(touched) = &mut self.touched {
                    touched.push((col, id));
                }
            }
        }
        if !self.seen.insert(table, id) {
            return;
        }
        let c = self.count(table);
        match outcome {
            Outcome::Inserted => c.inserted += 1,
            Outcome::Updated => c.updated += 1,
            Outcome::Unchanged => c.unchanged += 1,
        }
    }
}

/// A row a batch holds renamed to `name`: the outcome writing it at once
/// would give.
fn renamed_held(held: &mut String, name: &str) -> Outcome {
    if held == name {
        return Outcome::Unchanged;
    }
    name.clone_into(held);
    Outcome::Updated
}

#[derive(Clone, Copy)]
enum Outcome {
    Inserted,
    Updated,
    Unchanged,
}

/// Entities the run keeps ids of (see [`Writer::remember`]). The popular
/// ones (shared causes, symptoms, treatments) come back within a few
/// documents after the cache is emptied; 10,000 entries are about 1.5 MiB
/// (50,000 were 6 MiB of a 100,000-article seed's peak).
const ENTITY_CACHE: usize = 10_000;

/// Ids below this are kept as bits, above it in a hash set.
const DENSE: i64 = 1 << 28;

/// Entities counted in this run: one bit per id and table (ids are rowids,
/// dense from 1), so 100,000 entities take about 12 KiB, not a hash set.
#[derive(Default)]
pub(super) struct Seen {
    bits: std::collections::HashMap<&'static str, Vec<u64>>,
    /// Ids too large for a bit set (a file someone gave huge ids).
    sparse: std::collections::HashSet<(&'static str, i64)>,
}

impl Seen {
    /// Whether an entity was marked.
    fn contains(&self, table: &'static str, id: i64) -> bool {
        if !(0..DENSE).contains(&id) {
            return self.sparse.contains(&(table, id));
        }
        self.bits
            .get(table)
            .and_then(|bits| bits.get((id / 64) as usize))
            .is_some_and(|word| word & (1 << (id % 64)) != 0)
    }

    /// Mark an entity seen; false if it already was.
    fn insert(&mut self, table: &'static str, id: i64) -> bool {
        if !(0..DENSE).contains(&id) {
            return self.sparse.insert((table, id));
        }
        let bits = self.bits.entry(table).or_default();
        let (word, bit) = ((id / 64) as usize, id % 64);
        if bits.len() <= word {
            bits.resize(word + 1, 0);
        }
        let fresh = bits[word] & (1 << bit) == 0;
        bits[word] |= 1 << bit;
        fresh
    }
}
