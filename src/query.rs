//! Typed relational queries over a seeded database.
//!
//! Every query here is written so SQLite answers it from indexes (a test
//! checks `EXPLAIN QUERY PLAN` for full scans of the fact tables).

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::seed::slugify;

/// Where a fact was stated: the document and the verbatim quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// Document key (its file stem).
    pub document: String,
    pub quote: String,
    /// 1-based line of the quote's start.
    pub line: i64,
    /// Byte range of the quote in the document body.
    pub start_byte: i64,
    pub end_byte: i64,
}

/// A condition, as found by name, slug or alias.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConditionRef {
    pub slug: String,
    pub name: String,
}

/// A cause or symptom of a condition, with every statement of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub slug: String,
    pub name: String,
    pub sources: Vec<Provenance>,
}

/// A type of a condition and its causes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TypeRecord {
    pub slug: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub causes: Vec<Item>,
    pub sources: Vec<Provenance>,
}

/// An indication, caution or note on a treatment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TreatmentNote {
    pub kind: String,
    pub text: String,
    pub source: Provenance,
}

/// A treatment of a condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TreatmentRecord {
    pub slug: String,
    pub name: String,
    /// medication | procedure | self-care | other
    pub kind: String,
    pub notes: Vec<TreatmentNote>,
    pub sources: Vec<Provenance>,
}

/// Everything the database knows about one condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConditionRecord {
    /// The condition's canonical name.
    pub condition: String,
    pub slug: String,
    /// Other names: from the documents and vocabulary synonyms (known
    /// misspellings are searchable but not listed).
    pub aliases: Vec<String>,
    pub types: Vec<TypeRecord>,
    /// Causes not tied to one type.
    pub general_causes: Vec<Item>,
    pub symptoms: Vec<Item>,
    pub treatments: Vec<TreatmentRecord>,
    pub sources: Vec<Provenance>,
}

/// A cause and the types of one condition it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CauseTypes {
    pub cause: String,
    pub slug: String,
    /// Type names, in the condition's order.
    pub types: Vec<String>,
}

/// Something (a cause, symptom or treatment) and the conditions citing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SharedItem {
    pub name: String,
    pub slug: String,
    /// Condition names, alphabetical.
    pub conditions: Vec<String>,
}

/// The kinds of fact conditions can share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Shared {
    Cause,
    Symptom,
    Treatment,
}

/// Another condition and what it has in common with the one asked about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RelatedCondition {
    pub condition: String,
    pub slug: String,
    pub causes: Vec<String>,
    pub symptoms: Vec<String>,
    pub treatments: Vec<String>,
}

/// A condition ranked against a set of symptoms.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SymptomMatch {
    pub condition: String,
    pub slug: String,
    /// The query terms that matched one of its symptoms.
    pub matched_terms: Vec<String>,
    /// Its symptoms that matched.
    pub matched_symptoms: Vec<String>,
    /// How many symptoms the condition has in all.
    pub total_symptoms: usize,
    /// Matched terms over query terms, then coverage of its symptoms as a
    /// tie-break: higher is better.
    pub score: f64,
}

/// One fact found by full-text search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    /// condition | type | type-cause | cause | symptom | treatment
    pub kind: String,
    pub condition: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// Name of the matched entity.
    pub name: String,
    /// What matched: the entity's `name` (or alias), or the source `quote`.
    pub matched: String,
    pub source: Provenance,
}

/// An entry of `kb list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub slug: String,
    pub name: String,
    /// Treatment kind, for treatments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// How many conditions cite it (1 for a condition itself).
    pub conditions: i64,
}

/// What `list` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    Conditions,
    Causes,
    Symptoms,
    Treatments,
}

const PROVENANCE_COLUMNS: &str = "d.slug, q.text, q.line, q.start_byte, q.end_byte";

fn provenance(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Provenance> {
    Ok(Provenance {
        document: r.get(at)?,
        quote: r.get(at + 1)?,
        line: r.get(at + 2)?,
        start_byte: r.get(at + 3)?,
        end_byte: r.get(at + 4)?,
    })
}

/// Rows of (slug, name, provenance...) folded into items, in first-seen order.
fn items(conn: &Connection, sql: &str, key: impl rusqlite::Params) -> Result<Vec<Item>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(key)?;
    let mut out: Vec<Item> = Vec::new();
    while let Some(r) = rows.next()? {
        let slug: String = r.get(0)?;
        let source = provenance(r, 2)?;
        match out.iter_mut().find(|i| i.slug == slug) {
            Some(item) => item.sources.push(source),
            None => out.push(Item {
                slug,
                name: r.get(1)?,
                sources: vec![source],
            }),
        }
    }
    Ok(out)
}

fn strings(conn: &Connection, sql: &str, key: impl rusqlite::Params) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let out = stmt
        .query_map(key, |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(out)
}

/// Resolve a condition by slug, canonical name or alias (case-insensitive).
pub(crate) fn find_condition(conn: &Connection, name: &str) -> Result<(i64, ConditionRef)> {
    // Tried in order: the condition's slug, its aliases, then a type's slug
    // or alias, which stands for the condition it belongs to ("iatrogenic
    // calcinosis cutis" finds calcinosis cutis).
    let (slug, alias) = (slugify(name), normalize_query(name));
    // A slug-style alias ("latrogenic-calcinosis-cutis") is tried with spaces.
    let spaced = normalize_query(&name.replace('-', " "));
    let candidates = [
        ("SELECT id, slug, name FROM condition WHERE slug = ?1", &slug),
        (
            "SELECT c.id, c.slug, c.name FROM alias a JOIN condition c ON c.id = a.condition_id \
             WHERE a.name = ?1 ORDER BY c.id LIMIT 1",
            &alias,
        ),
        (
            "SELECT c.id, c.slug, c.name FROM alias a JOIN condition c ON c.id = a.condition_id \
             WHERE a.name = ?1 ORDER BY c.id LIMIT 1",
            &spaced,
        ),
        (
            "SELECT c.id, c.slug, c.name FROM condition_type t JOIN condition c ON c.id = t.condition_id \
             WHERE t.slug = ?1 ORDER BY c.id LIMIT 1",
            &slug,
        ),
        (
            "SELECT c.id, c.slug, c.name FROM alias a JOIN condition_type t ON t.id = a.type_id \
             JOIN condition c ON c.id = t.condition_id WHERE a.name = ?1 ORDER BY c.id LIMIT 1",
            &alias,
        ),
        (
            "SELECT c.id, c.slug, c.name FROM alias a JOIN condition_type t ON t.id = a.type_id \
             JOIN condition c ON c.id = t.condition_id WHERE a.name = ?1 ORDER BY c.id LIMIT 1",
            &spaced,
        ),
    ];
    let mut found: Option<(i64, String, String)> = None;
    for (sql, key) in candidates {
        found = conn
            .prepare_cached(sql)?
            .query_row([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        if found.is_some() {
            break;
        }
    }
    match found {
        Some((id, slug, name)) => Ok((id, ConditionRef { slug, name })),
        None => Err(Error::UnknownCondition {
            name: name.to_owned(),
            suggestions: suggest(conn, name)?,
        }),
    }
}

/// Lower case, single spaces: how aliases are stored.
fn normalize_query(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Condition names close to `name` (by spelling of the name or an alias, or
/// sharing a word), best first, each condition once.
fn suggest(conn: &Connection, name: &str) -> Result<Vec<String>> {
    let wanted = normalize_query(name);
    let mut stmt = conn.prepare_cached(
        "SELECT name, name FROM condition \
         UNION ALL SELECT a.name, c.name FROM alias a JOIN condition c ON c.id = a.condition_id",
    )?;
    let names: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut scored: Vec<(f64, String)> = names
        .into_iter()
        .filter_map(|(n, condition)| {
            let sim = strsim::normalized_damerau_levenshtein(&wanted, &n);
            let shares_word = wanted
                .split(' ')
                .any(|w| w.len() > 3 && n.split(' ').any(|x| x == w));
            (sim >= 0.6 || shares_word).then_some((sim, condition))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let mut out: Vec<String> = Vec::new();
    for (_, condition) in scored {
        if !out.contains(&condition) {
            out.push(condition);
        }
    }
    out.truncate(3);
    Ok(out)
}

pub(crate) fn condition_record(conn: &Connection, name: &str) -> Result<ConditionRecord> {
    let (id, cond) = find_condition(conn, name)?;
    let aliases = strings(
        conn,
        "SELECT DISTINCT name FROM alias WHERE condition_id = ?1 AND origin <> 'misspelling' ORDER BY origin, name",
        [id],
    )?;
    let sources = items(
        conn,
        &format!(
            "SELECT c.slug, c.name, {PROVENANCE_COLUMNS} FROM condition_source f \
             JOIN condition c ON c.id = f.condition_id JOIN document d ON d.id = f.document_id \
             JOIN quote q ON q.id = f.quote_id WHERE f.condition_id = ?1 ORDER BY d.slug, q.start_byte"
        ),
        [id],
    )?
    .into_iter()
    .flat_map(|i| i.sources)
    .collect();

    let type_rows: Vec<(i64, String, String)> = conn
        .prepare_cached("SELECT id, slug, name FROM condition_type WHERE condition_id = ?1")?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut types = Vec::with_capacity(type_rows.len());
    for (type_id, slug, name) in type_rows {
        let causes = items(
            conn,
            &format!(
                "SELECT x.slug, x.name, {PROVENANCE_COLUMNS} FROM type_cause f \
                 JOIN cause x ON x.id = f.cause_id JOIN document d ON d.id = f.document_id \
                 JOIN quote q ON q.id = f.quote_id WHERE f.type_id = ?1 ORDER BY d.slug, q.start_byte"
            ),
            [type_id],
        )?;
        let sources: Vec<Provenance> = items(
            conn,
            &format!(
                "SELECT '', '', {PROVENANCE_COLUMNS} FROM type_source f JOIN document d ON d.id = f.document_id \
                 JOIN quote q ON q.id = f.quote_id WHERE f.type_id = ?1 ORDER BY d.slug, q.start_byte"
            ),
            [type_id],
        )?
        .into_iter()
        .flat_map(|i| i.sources)
        .collect();
        let aliases = strings(
            conn,
            "SELECT DISTINCT name FROM alias WHERE type_id = ?1 AND origin <> 'misspelling' ORDER BY origin, name",
            [type_id],
        )?;
        types.push(TypeRecord {
            slug,
            name,
            aliases,
            causes,
            sources,
        });
    }
    // Types in the order the documents give them.
    types.sort_by(|a, b| {
        let first = |t: &TypeRecord| t.sources.first().map(|s| (s.document.clone(), s.start_byte));
        first(a).cmp(&first(b))
    });

    let general_causes = items(
        conn,
        &format!(
            "SELECT x.slug, x.name, {PROVENANCE_COLUMNS} FROM condition_cause f \
             JOIN cause x ON x.id = f.cause_id JOIN document d ON d.id = f.document_id \
             JOIN quote q ON q.id = f.quote_id WHERE f.condition_id = ?1 ORDER BY d.slug, q.start_byte"
        ),
        [id],
    )?;
    let symptoms = items(
        conn,
        &format!(
            "SELECT s.slug, s.name, {PROVENANCE_COLUMNS} FROM condition_symptom f \
             JOIN symptom s ON s.id = f.symptom_id JOIN document d ON d.id = f.document_id \
             JOIN quote q ON q.id = f.quote_id WHERE f.condition_id = ?1 ORDER BY d.slug, q.start_byte"
        ),
        [id],
    )?;

    let mut treatments: Vec<TreatmentRecord> = Vec::new();
    {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT r.id, r.slug, r.name, r.kind, {PROVENANCE_COLUMNS} FROM condition_treatment f \
             JOIN treatment r ON r.id = f.treatment_id JOIN document d ON d.id = f.document_id \
             JOIN quote q ON q.id = f.quote_id WHERE f.condition_id = ?1 ORDER BY d.slug, q.start_byte"
        ))?;
        let mut rows = stmt.query([id])?;
        let mut ids: Vec<i64> = Vec::new();
        while let Some(r) = rows.next()? {
            let tid: i64 = r.get(0)?;
            let source = provenance(r, 4)?;
            match ids.iter().position(|t| *t == tid) {
                Some(i) => treatments[i].sources.push(source),
                None => {
                    ids.push(tid);
                    treatments.push(TreatmentRecord {
                        slug: r.get(1)?,
                        name: r.get(2)?,
                        kind: r.get(3)?,
                        notes: Vec::new(),
                        sources: vec![source],
                    });
                }
            }
        }
        let mut notes = conn.prepare_cached(&format!(
            "SELECT n.kind, n.text, {PROVENANCE_COLUMNS} FROM treatment_note n \
             JOIN document d ON d.id = n.document_id JOIN quote q ON q.id = n.quote_id \
             WHERE n.condition_id = ?1 AND n.treatment_id = ?2 ORDER BY d.slug, q.start_byte"
        ))?;
        for (tid, record) in ids.iter().zip(treatments.iter_mut()) {
            record.notes = notes
                .query_map(params![id, tid], |r| {
                    Ok(TreatmentNote {
                        kind: r.get(0)?,
                        text: r.get(1)?,
                        source: provenance(r, 2)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
        }
    }

    Ok(ConditionRecord {
        condition: cond.name,
        slug: cond.slug,
        aliases,
        types,
        general_causes,
        symptoms,
        treatments,
        sources,
    })
}

/// Causes that belong to two or more types of the condition. The inner
/// lookup starts from the condition's few types (CROSS JOIN pins that order)
/// rather than from every type citing a popular cause.
pub(crate) fn shared_causes_across_types(conn: &Connection, condition: &str) -> Result<Vec<CauseTypes>> {
    let (id, _) = find_condition(conn, condition)?;
    cause_types(
        conn,
        "SELECT x.slug, x.name, t.name FROM condition_type t \
         JOIN type_cause tc ON tc.type_id = t.id JOIN cause x ON x.id = tc.cause_id \
         WHERE t.condition_id = ?1 AND EXISTS (SELECT 1 FROM condition_type t2 \
            CROSS JOIN type_cause tc2 ON tc2.type_id = t2.id AND tc2.cause_id = tc.cause_id \
            WHERE t2.condition_id = ?1 AND t2.id <> t.id) \
         ORDER BY x.name, t.id",
        id,
    )
}

/// Causes that belong to exactly one type of the condition.
pub(crate) fn causes_unique_to_type(conn: &Connection, condition: &str) -> Result<Vec<CauseTypes>> {
    let (id, _) = find_condition(conn, condition)?;
    cause_types(
        conn,
        "SELECT x.slug, x.name, t.name FROM condition_type t \
         JOIN type_cause tc ON tc.type_id = t.id JOIN cause x ON x.id = tc.cause_id \
         WHERE t.condition_id = ?1 AND NOT EXISTS (SELECT 1 FROM condition_type t2 \
            CROSS JOIN type_cause tc2 ON tc2.type_id = t2.id AND tc2.cause_id = tc.cause_id \
            WHERE t2.condition_id = ?1 AND t2.id <> t.id) \
         ORDER BY t.id, x.name",
        id,
    )
}

fn cause_types(conn: &Connection, sql: &str, condition_id: i64) -> Result<Vec<CauseTypes>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query([condition_id])?;
    let mut out: Vec<CauseTypes> = Vec::new();
    while let Some(r) = rows.next()? {
        let slug: String = r.get(0)?;
        let type_name: String = r.get(2)?;
        match out.iter_mut().find(|c| c.slug == slug) {
            Some(c) => {
                if !c.types.contains(&type_name) {
                    c.types.push(type_name)
                }
            }
            None => out.push(CauseTypes {
                cause: r.get(1)?,
                slug,
                types: vec![type_name],
            }),
        }
    }
    Ok(out)
}

/// (entity-to-condition link SQL, entity table) per shared kind.
fn links(kind: Shared) -> (&'static str, &'static str) {
    match kind {
        Shared::Cause => (
            "SELECT tc.cause_id AS item_id, t.condition_id FROM type_cause tc \
             JOIN condition_type t ON t.id = tc.type_id \
             UNION SELECT cause_id, condition_id FROM condition_cause",
            "cause",
        ),
        Shared::Symptom => (
            "SELECT symptom_id AS item_id, condition_id FROM condition_symptom",
            "symptom",
        ),
        Shared::Treatment => (
            "SELECT treatment_id AS item_id, condition_id FROM condition_treatment",
            "treatment",
        ),
    }
}

/// Causes, symptoms or treatments cited for two or more conditions.
pub(crate) fn shared_across_conditions(conn: &Connection, kind: Shared) -> Result<Vec<SharedItem>> {
    let (links, table) = links(kind);
    let sql = format!(
        "WITH l AS ({links}), \
              shared AS (SELECT item_id FROM l GROUP BY item_id HAVING count(DISTINCT condition_id) > 1) \
         SELECT DISTINCT e.slug, e.name, c.name FROM shared s \
         JOIN l ON l.item_id = s.item_id JOIN {table} e ON e.id = s.item_id \
         JOIN condition c ON c.id = l.condition_id ORDER BY e.name, c.name"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([])?;
    let mut out: Vec<SharedItem> = Vec::new();
    while let Some(r) = rows.next()? {
        let slug: String = r.get(0)?;
        let condition: String = r.get(2)?;
        match out.last_mut().filter(|s| s.slug == slug) {
            Some(s) => s.conditions.push(condition),
            None => out.push(SharedItem {
                name: r.get(1)?,
                slug,
                conditions: vec![condition],
            }),
        }
    }
    Ok(out)
}

/// Other conditions sharing a cause, symptom or treatment with `condition`.
pub(crate) fn related_conditions(conn: &Connection, condition: &str) -> Result<Vec<RelatedCondition>> {
    let (id, _) = find_condition(conn, condition)?;
    let mut by_condition: BTreeMap<String, RelatedCondition> = BTreeMap::new();
    for kind in [Shared::Cause, Shared::Symptom, Shared::Treatment] {
        // Written per kind (not over one link view) so each step is an index
        // lookup starting from this condition's own facts; CROSS JOIN pins
        // that order, which SQLite's planner cannot know from row counts.
        let sql = match kind {
            Shared::Cause => {
                "WITH mine(item_id) AS (SELECT tc.cause_id FROM condition_type t \
                    JOIN type_cause tc ON tc.type_id = t.id WHERE t.condition_id = ?1 \
                    UNION SELECT cause_id FROM condition_cause WHERE condition_id = ?1) \
                 SELECT c.slug, c.name, e.name FROM mine m CROSS JOIN type_cause f ON f.cause_id = m.item_id \
                 JOIN condition_type t ON t.id = f.type_id JOIN condition c ON c.id = t.condition_id \
                 JOIN cause e ON e.id = m.item_id WHERE c.id <> ?1 \
                 UNION \
                 SELECT c.slug, c.name, e.name FROM mine m CROSS JOIN condition_cause f ON f.cause_id = m.item_id \
                 JOIN condition c ON c.id = f.condition_id JOIN cause e ON e.id = m.item_id WHERE c.id <> ?1 \
                 ORDER BY 2, 3"
            }
            Shared::Symptom => {
                "SELECT DISTINCT c.slug, c.name, e.name FROM condition_symptom a \
                 JOIN condition_symptom f ON f.symptom_id = a.symptom_id AND f.condition_id <> a.condition_id \
                 JOIN condition c ON c.id = f.condition_id JOIN symptom e ON e.id = a.symptom_id \
                 WHERE a.condition_id = ?1 ORDER BY 2, 3"
            }
            Shared::Treatment => {
                "SELECT DISTINCT c.slug, c.name, e.name FROM condition_treatment a \
                 JOIN condition_treatment f ON f.treatment_id = a.treatment_id AND f.condition_id <> a.condition_id \
                 JOIN condition c ON c.id = f.condition_id JOIN treatment e ON e.id = a.treatment_id \
                 WHERE a.condition_id = ?1 ORDER BY 2, 3"
            }
        };
        let mut stmt = conn.prepare_cached(sql)?;
        let mut rows = stmt.query([id])?;
        while let Some(r) = rows.next()? {
            let slug: String = r.get(0)?;
            let entry = by_condition
                .entry(slug.clone())
                .or_insert_with(|| RelatedCondition {
                    condition: r.get(1).unwrap_or_default(),
                    slug,
                    causes: Vec::new(),
                    symptoms: Vec::new(),
                    treatments: Vec::new(),
                });
            let name: String = r.get(2)?;
            match kind {
                Shared::Cause => entry.causes.push(name),
                Shared::Symptom => entry.symptoms.push(name),
                Shared::Treatment => entry.treatments.push(name),
            }
        }
    }
    let mut out: Vec<RelatedCondition> = by_condition.into_values().collect();
    out.sort_by_key(|r| std::cmp::Reverse(r.causes.len() + r.symptoms.len() + r.treatments.len()));
    Ok(out)
}

/// An FTS5 query that matches all the words of `text`, each taken
/// literally (user input never reaches FTS5's query syntax).
fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\""))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Conditions ranked by how many of `terms` match one of their symptoms
/// (by name or alias, word by word, stemmed).
pub(crate) fn match_symptoms(conn: &Connection, terms: &[&str]) -> Result<Vec<SymptomMatch>> {
    // condition id -> (matched term indexes, matched symptom names)
    let mut hits: BTreeMap<i64, (Vec<usize>, Vec<String>)> = BTreeMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT f.condition_id, s.name FROM name_search n \
         JOIN condition_symptom f ON f.symptom_id = n.entity_id JOIN symptom s ON s.id = n.entity_id \
         WHERE name_search MATCH ?1 AND n.kind = 'symptom'",
    )?;
    for (i, term) in terms.iter().enumerate() {
        let Some(q) = fts_query(term) else { continue };
        let rows: Vec<(i64, String)> = stmt
            .query_map([q], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (cond, symptom) in rows {
            let e = hits.entry(cond).or_default();
            if !e.0.contains(&i) {
                e.0.push(i);
            }
            if !e.1.contains(&symptom) {
                e.1.push(symptom);
            }
        }
    }
    let mut out = Vec::with_capacity(hits.len());
    let mut info = conn.prepare_cached(
        "SELECT slug, name, (SELECT count(DISTINCT symptom_id) FROM condition_symptom WHERE condition_id = ?1) \
         FROM condition WHERE id = ?1",
    )?;
    for (cond, (term_ix, symptoms)) in hits {
        let (slug, name, total): (String, String, i64) =
            info.query_row([cond], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        let total = total.max(1) as usize;
        let score =
            term_ix.len() as f64 / terms.len().max(1) as f64 + 0.001 * symptoms.len() as f64 / total as f64;
        out.push(SymptomMatch {
            condition: name,
            slug,
            matched_terms: term_ix.iter().map(|i| terms[*i].to_owned()).collect(),
            matched_symptoms: symptoms,
            total_symptoms: total,
            score,
        });
    }
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.condition.cmp(&b.condition))
    });
    Ok(out)
}

/// Full-text search over names, aliases and the source text; returns the
/// facts behind each match with their quotes, best matches first.
pub(crate) fn search(conn: &Connection, text: &str, limit: usize) -> Result<Vec<SearchHit>> {
    let Some(q) = fts_query(text) else {
        return Ok(Vec::new());
    };
    let mut out: Vec<SearchHit> = Vec::new();
    let push = |hit: SearchHit, out: &mut Vec<SearchHit>| {
        let dup = out.iter().any(|h| {
            h.kind == hit.kind && h.condition == hit.condition && h.name == hit.name && h.source == hit.source
        });
        if !dup {
            out.push(hit);
        }
    };

    // Matches on names and aliases: the facts about that entity.
    let names: Vec<(String, i64)> = conn
        .prepare_cached(
            "SELECT kind, entity_id FROM name_search WHERE name_search MATCH ?1 ORDER BY rank LIMIT ?2",
        )?
        .query_map(params![q, limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (kind, entity) in names {
        for sql in entity_fact_queries(&kind) {
            let mut stmt = conn.prepare_cached(sql)?;
            let hits = stmt
                .query_map([entity], |r| fact_hit(r, "name"))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for h in hits {
                push(h, &mut out);
            }
        }
    }

    // Matches in the source text: the facts quoted there.
    let quotes: Vec<i64> = conn
        .prepare_cached("SELECT rowid FROM quote_search WHERE quote_search MATCH ?1 ORDER BY rank LIMIT ?2")?
        .query_map(params![q, limit as i64], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT f.kind, f.condition_name, f.type_name, f.name, {PROVENANCE_COLUMNS} FROM facts f \
         JOIN document d ON d.id = f.document_id JOIN quote q ON q.id = f.quote_id WHERE f.quote_id = ?1"
    ))?;
    for quote in quotes {
        let hits = stmt
            .query_map([quote], |r| fact_hit(r, "quote"))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for h in hits {
            push(h, &mut out);
        }
    }
    out.truncate(limit);
    Ok(out)
}

fn fact_hit(r: &rusqlite::Row<'_>, matched: &str) -> rusqlite::Result<SearchHit> {
    Ok(SearchHit {
        kind: r.get(0)?,
        condition: r.get(1)?,
        r#type: r.get(2)?,
        name: r.get(3)?,
        matched: matched.to_owned(),
        source: provenance(r, 4)?,
    })
}

/// Queries listing the facts about one entity, selecting
/// (kind, condition, type, name, provenance...).
fn entity_fact_queries(kind: &str) -> &'static [&'static str] {
    match kind {
        "condition" => &[concat!(
            "SELECT 'condition', c.name, NULL, c.name, d.slug, q.text, q.line, q.start_byte, q.end_byte ",
            "FROM condition_source f JOIN condition c ON c.id = f.condition_id ",
            "JOIN document d ON d.id = f.document_id JOIN quote q ON q.id = f.quote_id WHERE f.condition_id = ?1"
        )],
        "type" => &[concat!(
            "SELECT 'type', c.name, t.name, t.name, d.slug, q.text, q.line, q.start_byte, q.end_byte ",
            "FROM type_source f JOIN condition_type t ON t.id = f.type_id JOIN condition c ON c.id = t.condition_id ",
            "JOIN document d ON d.id = f.document_id JOIN quote q ON q.id = f.quote_id WHERE f.type_id = ?1"
        )],
        "cause" => &[
            concat!(
                "SELECT 'type-cause', c.name, t.name, x.name, d.slug, q.text, q.line, q.start_byte, q.end_byte ",
                "FROM type_cause f JOIN condition_type t ON t.id = f.type_id JOIN condition c ON c.id = t.condition_id ",
                "JOIN cause x ON x.id = f.cause_id ",
                "JOIN document d ON d.id = f.document_id JOIN quote q ON q.id = f.quote_id WHERE f.cause_id = ?1"
            ),
            concat!(
                "SELECT 'cause', c.name, NULL, x.name, d.slug, q.text, q.line, q.start_byte, q.end_byte ",
                "FROM condition_cause f JOIN condition c ON c.id = f.condition_id JOIN cause x ON x.id = f.cause_id ",
                "JOIN document d ON d.id = f.document_id JOIN quote q ON q.id = f.quote_id WHERE f.cause_id = ?1"
            ),
        ],
        "symptom" => &[concat!(
            "SELECT 'symptom', c.name, NULL, s.name, d.slug, q.text, q.line, q.start_byte, q.end_byte ",
            "FROM condition_symptom f JOIN condition c ON c.id = f.condition_id JOIN symptom s ON s.id = f.symptom_id ",
            "JOIN document d ON d.id = f.document_id JOIN quote q ON q.id = f.quote_id WHERE f.symptom_id = ?1"
        )],
        "treatment" => &[concat!(
            "SELECT 'treatment', c.name, NULL, r.name, d.slug, q.text, q.line, q.start_byte, q.end_byte ",
            "FROM condition_treatment f JOIN condition c ON c.id = f.condition_id ",
            "JOIN treatment r ON r.id = f.treatment_id ",
            "JOIN document d ON d.id = f.document_id JOIN quote q ON q.id = f.quote_id WHERE f.treatment_id = ?1"
        )],
        _ => &[],
    }
}

/// Everything of one kind, with how many conditions cite each.
pub(crate) fn list(conn: &Connection, what: Listing) -> Result<Vec<Entry>> {
    let sql = match what {
        Listing::Conditions => "SELECT slug, name, NULL, 1 FROM condition ORDER BY name",
        Listing::Causes => {
            "SELECT x.slug, x.name, NULL, (SELECT count(*) FROM (\
                SELECT t.condition_id FROM type_cause tc JOIN condition_type t ON t.id = tc.type_id \
                WHERE tc.cause_id = x.id UNION SELECT condition_id FROM condition_cause WHERE cause_id = x.id)) \
             FROM cause x ORDER BY x.name"
        }
        Listing::Symptoms => {
            "SELECT s.slug, s.name, NULL, (SELECT count(DISTINCT condition_id) FROM condition_symptom \
             WHERE symptom_id = s.id) FROM symptom s ORDER BY s.name"
        }
        Listing::Treatments => {
            "SELECT r.slug, r.name, r.kind, (SELECT count(DISTINCT condition_id) FROM condition_treatment \
             WHERE treatment_id = r.id) FROM treatment r ORDER BY r.name"
        }
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let out = stmt
        .query_map([], |r| {
            Ok(Entry {
                slug: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                conditions: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(out)
}

#[cfg(test)]
#[path = "query_tests.rs"]
mod tests;
