//! Seeding: write validated seed data into the database.
//!
//! One `BEGIN IMMEDIATE` transaction per run, natural keys (slugs, byte
//! spans) with upserts, and a per-document diff: facts a document no longer
//! states are retracted, entities nothing refers to any more are removed.
//! A run that changes nothing is rolled back, so the file is left untouched.

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

use crate::error::Result;
use crate::extract::Vocabulary;
use crate::model::Quote;

pub mod load;
pub mod review;

use load::Prepared;
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

/// The fact tables: name and the entity-id columns of their natural key
/// (document_id completes it).
const CONDITION_SOURCE: (&str, &[&str]) = ("condition_source", &["condition_id"]);
const TYPE_SOURCE: (&str, &[&str]) = ("type_source", &["type_id"]);
const TYPE_CAUSE: (&str, &[&str]) = ("type_cause", &["type_id", "cause_id"]);
const CONDITION_CAUSE: (&str, &[&str]) = ("condition_cause", &["condition_id", "cause_id"]);
const CONDITION_SYMPTOM: (&str, &[&str]) = ("condition_symptom", &["condition_id", "symptom_id"]);
const CONDITION_TREATMENT: (&str, &[&str]) = ("condition_treatment", &["condition_id", "treatment_id"]);

/// The alias table's entity columns, by entity kind.
const ALIAS_COLUMNS: [&str; 5] = [
    "condition_id",
    "type_id",
    "cause_id",
    "symptom_id",
    "treatment_id",
];

type Key = Vec<i64>;

/// Alias natural key: (alias column index, entity id, name).
type AliasKey = (usize, i64, String);

/// The facts one document states, keyed like the tables' natural keys.
#[derive(Default)]
struct Desired {
    facts: BTreeMap<&'static str, BTreeMap<Key, i64>>,
    /// (condition, treatment, kind, text) -> quote id
    notes: BTreeMap<(i64, i64, String, String), i64>,
    /// (alias column index, entity id, name) -> quote id
    aliases: BTreeMap<AliasKey, i64>,
    quotes: HashSet<i64>,
    /// (start, end) -> quote id, for quotes already written.
    spans: HashMap<(usize, usize), i64>,
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

    fn document(&mut self, doc: &Prepared) -> Result<()> {
        let existing: Option<(i64, String, String, Option<String>)> = self
            .tx
            .prepare_cached("SELECT id, sha256, path, title FROM document WHERE slug = ?1")?
            .query_row([&doc.slug], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .optional()?;
        self.fresh = existing.is_none();
        let doc_id = match existing {
            None => {
                self.tx
                    .prepare_cached(
                        "INSERT INTO document (slug, path, title, sha256, body) VALUES (?1, ?2, ?3, ?4, ?5)",
                    )?
                    .execute(params![doc.slug, doc.path, doc.title, doc.sha256, doc.body])?;
                self.count("document").inserted += 1;
                self.tx.last_insert_rowid()
            }
            Some((id, sha, path, title)) => {
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

        for (table, keys) in [
            CONDITION_SOURCE,
            TYPE_SOURCE,
            TYPE_CAUSE,
            CONDITION_CAUSE,
            CONDITION_SYMPTOM,
            CONDITION_TREATMENT,
        ] {
            let desired = want.facts.remove(table).unwrap_or_default();
            let counts = self.sync_facts(table, keys, doc_id, desired)?;
            self.count(table).add(counts);
        }
        let counts = self.sync_notes(doc_id, std::mem::take(&mut want.notes))?;
        self.count("treatment_note").add(counts);
        let counts = self.sync_document_aliases(doc_id, std::mem::take(&mut want.aliases))?;
        self.count("alias").add(counts);

        // Quotes no fact points at any more (the document was edited).
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
        Ok(())
    }

    /// Find or create a shared entity (condition, cause, symptom, treatment)
    /// by the slug of its name.
    fn entity(&mut self, table: &'static str, name: &str, kind: Option<&str>) -> Result<i64> {
        let slug = slugify(name);
        if let Some(id) = self.entities.get(&(table, 0, slug.clone())) {
            return Ok(*id);
        }
        let id = self.upsert_entity(table, &slug, name, kind)?;
        self.entities.insert((table, 0, slug), id);
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
                (self.tx.last_insert_rowid(), Outcome::Inserted)
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

    fn condition_type(&mut self, condition: i64, name: &str) -> Result<i64> {
        let slug = slugify(name);
        if let Some(id) = self.entities.get(&("condition_type", condition, slug.clone())) {
            return Ok(*id);
        }
        let id = self.upsert_type(condition, &slug, name)?;
        self.entities.insert(("condition_type", condition, slug), id);
        Ok(id)
    }

    fn upsert_type(&mut self, condition: i64, slug: &str, name: &str) -> Result<i64> {
        let name = name.trim();
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
            Some((id, old)) if old != name => {
                self.tx
                    .prepare_cached("UPDATE condition_type SET name = ?2 WHERE id = ?1")?
                    .execute(params![id, name])?;
                (id, Outcome::Updated)
            }
            Some((id, _)) => (id, Outcome::Unchanged),
        };
        self.tally("condition_type", id, outcome);
        Ok(id)
    }

    /// Count an entity once per run, however many facts mention it.
    fn tally(&mut self, table: &'static str, id: i64, outcome: Outcome) {
        if !self.seen.insert((table, id)) {
            return;
        }
        let c = self.count(table);
        match outcome {
            Outcome::Inserted => c.inserted += 1,
            Outcome::Updated => c.updated += 1,
            Outcome::Unchanged => c.unchanged += 1,
        }
    }

    /// Find or create the quote row of a span (natural key: document and
    /// byte range).
    fn quote(&mut self, doc_id: i64, quote: &Quote, lines: &LineIndex, want: &mut Desired) -> Result<i64> {
        let line = lines.line(quote.start) as i64;
        let found: Option<(i64, String, i64)> = if self.fresh {
            // Quotes seen earlier in this same new document.
            want.spans
                .get(&(quote.start, quote.end))
                .map(|id| (*id, quote.text.clone(), line))
        } else {
            self.tx
            .prepare_cached("SELECT id, text, line FROM quote WHERE document_id = ?1 AND start_byte = ?2 AND end_byte = ?3")?
            .query_row(params![doc_id, quote.start as i64, quote.end as i64], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?
        };
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

    /// Make the document's rows of one fact table equal to `desired`.
    fn sync_facts(
        &mut self,
        table: &str,
        keys: &[&str],
        doc_id: i64,
        desired: BTreeMap<Key, i64>,
    ) -> Result<Counts> {
        let cols = keys.join(", ");
        let mut existing: BTreeMap<Key, i64> = BTreeMap::new();
        if !self.fresh {
            let mut stmt = self.tx.prepare_cached(&format!(
                "SELECT {cols}, quote_id FROM {table} WHERE document_id = ?1"
            ))?;
            let mut rows = stmt.query([doc_id])?;
            while let Some(r) = rows.next()? {
                let key = (0..keys.len())
                    .map(|i| r.get(i))
                    .collect::<rusqlite::Result<Key>>()?;
                existing.insert(key, r.get(keys.len())?);
            }
        }
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
        let mut counts = Counts::default();
        for (key, quote) in &desired {
            let mut values: Vec<i64> = vec![doc_id, *quote];
            values.extend(key);
            match existing.get(key) {
                Some(q) if q == quote => counts.unchanged += 1,
                Some(_) => {
                    self.tx
                        .prepare_cached(&format!(
                            "UPDATE {table} SET quote_id = ?2 WHERE document_id = ?1 AND {}",
                            key_match(2)
                        ))?
                        .execute(rusqlite::params_from_iter(&values))?;
                    counts.updated += 1;
                }
                None => {
                    self.tx
                        .prepare_cached(&format!(
                            "INSERT INTO {table} (document_id, quote_id, {cols}) VALUES (?1, ?2, {placeholders})"
                        ))?
                        .execute(rusqlite::params_from_iter(&values))?;
                    counts.inserted += 1;
                }
            }
        }
        for key in existing.keys().filter(|k| !desired.contains_key(*k)) {
            let mut values: Vec<i64> = vec![doc_id];
            values.extend(key);
            self.tx
                .prepare_cached(&format!(
                    "DELETE FROM {table} WHERE document_id = ?1 AND {}",
                    key_match(1)
                ))?
                .execute(rusqlite::params_from_iter(&values))?;
            counts.removed += 1;
        }
        Ok(counts)
    }

    fn sync_notes(
        &mut self,
        doc_id: i64,
        desired: BTreeMap<(i64, i64, String, String), i64>,
    ) -> Result<Counts> {
        let mut existing: BTreeMap<(i64, i64, String, String), (i64, i64)> = BTreeMap::new();
        if !self.fresh {
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
        }
        let mut counts = Counts::default();
        for (key, quote) in &desired {
            match existing.get(key) {
                Some((q, _)) if q == quote => counts.unchanged += 1,
                Some((_, id)) => {
                    self.tx
                        .prepare_cached("UPDATE treatment_note SET quote_id = ?2 WHERE id = ?1")?
                        .execute(params![id, quote])?;
                    counts.updated += 1;
                }
                None => {
                    self.tx
                        .prepare_cached(
                            "INSERT INTO treatment_note (condition_id, treatment_id, document_id, quote_id, kind, text) \
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        )?
                        .execute(params![key.0, key.1, doc_id, quote, key.2, key.3])?;
                    counts.inserted += 1;
                }
            }
        }
        for (key, (_, id)) in &existing {
            if !desired.contains_key(key) {
                self.tx
                    .prepare_cached("DELETE FROM treatment_note WHERE id = ?1")?
                    .execute([id])?;
                counts.removed += 1;
            }
        }
        Ok(counts)
    }

    fn sync_document_aliases(&mut self, doc_id: i64, desired: BTreeMap<AliasKey, i64>) -> Result<Counts> {
        let existing = if self.fresh {
            BTreeMap::new()
        } else {
            self.aliases("origin = 'document' AND document_id = ?1", Some(doc_id))?
        };
        self.sync_aliases(existing, desired, Some(doc_id), "document")
    }

    /// Aliases derived from the vocabulary for every entity: misspellings
    /// ("latrogenic calcinosis cutis") and synonyms ("hives"), recomputed so
    /// edits to the vocabulary take effect too.
    fn vocabulary_aliases(&mut self, vocabulary: &Vocabulary) -> Result<()> {
        let lower = |pairs: Vec<(&str, &str)>| -> Vec<(String, String)> {
            pairs
                .into_iter()
                .map(|(variant, canonical)| (variant.to_lowercase(), canonical.to_lowercase()))
                .filter(|(a, b)| !a.is_empty() && !b.is_empty() && a != b)
                .collect()
        };
        let misspellings = lower(vocabulary.corrections().collect());
        let synonyms = lower(vocabulary.synonyms().collect());
        let mut desired: [BTreeMap<AliasKey, i64>; 2] = [BTreeMap::new(), BTreeMap::new()];
        for (col_index, table) in ["condition", "condition_type", "cause", "symptom", "treatment"]
            .into_iter()
            .enumerate()
        {
            let mut stmt = self.tx.prepare_cached(&format!("SELECT id, name FROM {table}"))?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let (id, name): (i64, String) = (r.get(0)?, r.get(1)?);
                let name = name.to_lowercase();
                for (kind, pairs) in [&misspellings, &synonyms].into_iter().enumerate() {
                    // A name that already holds the variant ("... (crest
                    // syndrome)") gains nothing from it.
                    for (variant, canonical) in pairs
                        .iter()
                        .filter(|(v, _)| replace_phrase(&name, v, v).is_none())
                    {
                        if let Some(alias) = replace_phrase(&name, canonical, variant) {
                            desired[kind].insert((col_index, id, alias), 0);
                        }
                    }
                }
            }
        }
        // A name that is both stays a misspelling (one row per entity and name).
        let [misspelt, mut synonym] = desired;
        synonym.retain(|key, _| !misspelt.contains_key(key));
        for (origin, want) in [("misspelling", misspelt), ("synonym", synonym)] {
            let existing = self.aliases(&format!("origin = '{origin}' AND ?1 IS NULL"), None)?;
            let counts = self.sync_aliases(existing, want, None, origin)?;
            self.count("alias").add(counts);
        }
        Ok(())
    }

    fn aliases(&self, filter: &str, doc_id: Option<i64>) -> Result<BTreeMap<AliasKey, (i64, i64)>> {
        let mut out = BTreeMap::new();
        let mut stmt = self.tx.prepare_cached(&format!(
            "SELECT id, name, coalesce(quote_id, 0), {} FROM alias WHERE {filter}",
            ALIAS_COLUMNS.join(", ")
        ))?;
        let mut rows = stmt.query([doc_id])?;
        while let Some(r) = rows.next()? {
            let (id, name, quote): (i64, String, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
            for col in 0..ALIAS_COLUMNS.len() {
                if let Some(entity) = r.get::<_, Option<i64>>(3 + col)? {
                    out.insert((col, entity, name.clone()), (quote, id));
                }
            }
        }
        Ok(out)
    }

    fn sync_aliases(
        &mut self,
        existing: BTreeMap<AliasKey, (i64, i64)>,
        desired: BTreeMap<AliasKey, i64>,
        doc_id: Option<i64>,
        origin: &str,
    ) -> Result<Counts> {
        let mut counts = Counts::default();
        for ((col, entity, name), quote) in &desired {
            let quote_id = doc_id.map(|_| *quote);
            match existing.get(&(*col, *entity, name.clone())) {
                Some((q, _)) if *q == quote_id.unwrap_or(0) => counts.unchanged += 1,
                Some((_, id)) => {
                    self.tx
                        .prepare_cached("UPDATE alias SET quote_id = ?2 WHERE id = ?1")?
                        .execute(params![id, quote_id])?;
                    counts.updated += 1;
                }
                None => {
                    self.tx
                        .prepare_cached(&format!(
                            "INSERT INTO alias (name, {}, origin, document_id, quote_id) VALUES (?1, ?2, ?3, ?4, ?5)",
                            ALIAS_COLUMNS[*col]
                        ))?
                        .execute(params![name, entity, origin, doc_id, quote_id])?;
                    counts.inserted += 1;
                }
            }
        }
        for (key, (_, id)) in &existing {
            if !desired.contains_key(key) {
                self.tx
                    .prepare_cached("DELETE FROM alias WHERE id = ?1")?
                    .execute([id])?;
                counts.removed += 1;
            }
        }
        Ok(counts)
    }

    /// Documents in the database that the plan does not have: listed, and
    /// with `prune` deleted with every fact they state (the fact tables
    /// cascade from `document`; rows are counted first for the summary).
    fn absent_documents(&mut self, plan: &load::Plan, prune: bool) -> Result<()> {
        let planned: HashSet<&str> = plan.documents.iter().map(|d| d.slug.as_str()).collect();
        let absent: Vec<(i64, String)> = self
            .tx
            .prepare("SELECT id, slug FROM document ORDER BY slug")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .filter(|row| {
                row.as_ref()
                    .map_or(true, |(_, slug): &(i64, String)| !planned.contains(slug.as_str()))
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
    fn collect_orphans(&mut self) -> Result<()> {
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

#[derive(Clone, Copy)]
enum Outcome {
    Inserted,
    Updated,
    Unchanged,
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

/// `name` with the whole-word phrase `from` replaced by `to`, if it occurs.
fn replace_phrase(name: &str, from: &str, to: &str) -> Option<String> {
    let mut search = 0;
    while let Some(pos) = name[search..].find(from).map(|p| p + search) {
        let end = pos + from.len();
        let before_ok = name[..pos]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = name[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return Some(format!("{}{}{}", &name[..pos], to, &name[end..]));
        }
        search = end;
    }
    None
}

/// Byte offset -> 1-based line, for quote rows.
struct LineIndex(Vec<usize>);

impl LineIndex {
    fn new(text: &str) -> Self {
        LineIndex(text.match_indices('\n').map(|(i, _)| i).collect())
    }

    fn line(&self, byte: usize) -> usize {
        self.0.partition_point(|&nl| nl < byte) + 1
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrase_replacement_respects_word_boundaries() {
        assert_eq!(
            replace_phrase("iatrogenic calcinosis cutis", "iatrogenic", "latrogenic").as_deref(),
            Some("latrogenic calcinosis cutis")
        );
        assert_eq!(replace_phrase("antacids", "acid", "x"), None);
        assert_eq!(
            replace_phrase("chronic urticaria", "urticaria", "hives").as_deref(),
            Some("chronic hives")
        );
    }

    #[test]
    fn line_index_agrees_with_line_of() {
        let text = "one\ntwo\n\nfour";
        let index = LineIndex::new(text);
        for b in 0..=text.len() {
            assert_eq!(index.line(b), load::line_of(text, b), "byte {b}");
        }
        assert_eq!(index.line(text.len()), 4);
    }
}
