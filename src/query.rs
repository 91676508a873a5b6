//! Typed relational queries over a seeded database.
//!
//! Every query here is written so SQLite answers it from indexes (a test
//! checks `EXPLAIN QUERY PLAN` for full scans of the fact tables).

use std::collections::BTreeMap;

use rusqlite::{params, Connection};
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
    /// Standard codes (HPO terms of a symptom); empty for causes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<crate::codes::Code>,
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
    /// What matched: the entity's `name` (or alias), the source `quote` of
    /// a fact, or document `text` (kind `text`: a passage of a document,
    /// whether or not it states a fact).
    pub matched: String,
    /// For `text` hits, the passage (a sentence or line) and its byte range
    /// in the document body.
    pub source: Provenance,
    /// For `text` hits: the passage with each matched word in [brackets].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
    /// For `text` hits: the facts whose quotes lie in or overlap the passage.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<PassageFact>,
}

/// A fact stated (at least partly) inside a passage found by text search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PassageFact {
    /// As [`SearchHit::kind`], or `treatment-note`.
    pub kind: String,
    pub condition: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    pub name: String,
    /// Byte range of the fact's quote in the document body.
    pub start_byte: i64,
    pub end_byte: i64,
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
                codes: Vec::new(),
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
///
/// A name that stands for two or more conditions is an
/// [`Error::AmbiguousCondition`]; an unknown one is retried in its
/// vocabulary-corrected spelling, then fails with [`Error::UnknownCondition`]
/// carrying close names.
pub(crate) fn find_condition(conn: &Connection, name: &str) -> Result<(i64, ConditionRef)> {
    if let Some(found) = lookup_condition(conn, name)? {
        return Ok(found);
    }
    // "latrogenic calcinosis cutis": the extractor's corrections turn known
    // misspellings into the stored spelling.
    let corrected = corrected_name(name);
    if let Some(c) = &corrected {
        if let Some(found) = lookup_condition(conn, c)? {
            return Ok(found);
        }
    }
    let mut suggestions = suggest(conn, name)?;
    if let Some(c) = &corrected {
        for s in suggest(conn, c)? {
            if !suggestions.contains(&s) {
                suggestions.push(s);
            }
        }
        suggestions.truncate(3);
    }
    Err(Error::UnknownCondition {
        name: name.to_owned(),
        suggestions,
    })
}

/// `name` in the built-in vocabulary's spelling, when that differs.
fn corrected_name(name: &str) -> Option<String> {
    let vocabulary = crate::extract::Vocabulary::builtin();
    let corrected = crate::extract::normalize_name(name, &vocabulary);
    (!corrected.is_empty() && corrected != normalize_query(name)).then_some(corrected)
}

/// Exact lookup without suggestions: `None` when nothing matches.
fn lookup_condition(conn: &Connection, name: &str) -> Result<Option<(i64, ConditionRef)>> {
    // Tried in order, the first step that matches deciding: the condition's
    // slug, its name, its aliases, then a type's slug, name or alias, which
    // stands for the condition it belongs to ("iatrogenic calcinosis cutis"
    // finds calcinosis cutis). A step matching two conditions is ambiguous:
    // picking one would silently answer about the wrong condition.
    let (slug, alias) = (slugify(name), normalize_query(name));
    // A slug-style alias ("latrogenic-calcinosis-cutis") is tried with spaces.
    let spaced = normalize_query(&name.replace('-', " "));
    let condition_alias = "SELECT DISTINCT c.id, c.slug, c.name FROM alias a \
                           JOIN condition c ON c.id = a.condition_id WHERE a.name = ?1 ORDER BY c.id";
    let type_alias =
        "SELECT DISTINCT c.id, c.slug, c.name FROM alias a JOIN condition_type t ON t.id = a.type_id \
                      JOIN condition c ON c.id = t.condition_id WHERE a.name = ?1 ORDER BY c.id";
    let candidates = [
        ("SELECT id, slug, name FROM condition WHERE slug = ?1", &slug),
        (
            "SELECT id, slug, name FROM condition WHERE name = ?1 ORDER BY id",
            &alias,
        ),
        (condition_alias, &alias),
        (condition_alias, &spaced),
        (
            "SELECT DISTINCT c.id, c.slug, c.name FROM condition_type t \
             JOIN condition c ON c.id = t.condition_id WHERE t.slug = ?1 ORDER BY c.id",
            &slug,
        ),
        (type_alias, &alias),
        (type_alias, &spaced),
    ];
    for (sql, key) in candidates {
        let found: Vec<(i64, String, String)> = conn
            .prepare_cached(sql)?
            .query_map([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        match found.as_slice() {
            [] => continue,
            [(id, slug, name)] => {
                return Ok(Some((
                    *id,
                    ConditionRef {
                        slug: slug.clone(),
                        name: name.clone(),
                    },
                )))
            }
            many => {
                return Err(Error::AmbiguousCondition {
                    name: name.to_owned(),
                    candidates: many.iter().map(|(_, slug, _)| slug.clone()).collect(),
                })
            }
        }
    }
    Ok(None)
}

/// Lower case, single spaces: how aliases are stored.
fn normalize_query(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Names close to `name`, best first, each once: condition names (matched by
/// the name or any alias) and type names (by the name or any alias), since
/// either finds the condition. Close means similar spelling or a shared word.
fn suggest(conn: &Connection, name: &str) -> Result<Vec<String>> {
    let wanted = normalize_query(name);
    let mut stmt = conn.prepare_cached(
        "SELECT name, name FROM condition \
         UNION ALL SELECT a.name, c.name FROM alias a JOIN condition c ON c.id = a.condition_id \
         UNION ALL SELECT name, name FROM condition_type \
         UNION ALL SELECT a.name, t.name FROM alias a JOIN condition_type t ON t.id = a.type_id",
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
    // A near spelling says what was meant; words shared with every type of
    // the condition ("calcinosis") would only crowd it out.
    if scored.first().is_some_and(|s| s.0 >= 0.8) {
        scored.retain(|s| s.0 >= 0.8);
    }
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
    let mut symptoms = items(
        conn,
        &format!(
            "SELECT s.slug, s.name, {PROVENANCE_COLUMNS} FROM condition_symptom f \
             JOIN symptom s ON s.id = f.symptom_id JOIN document d ON d.id = f.document_id \
             JOIN quote q ON q.id = f.quote_id WHERE f.condition_id = ?1 ORDER BY d.slug, q.start_byte"
        ),
        [id],
    )?;
    for s in &mut symptoms {
        s.codes = crate::codes::query::symptom_codes(conn, &s.slug)?;
    }

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
        false,
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
        true,
    )
}

/// Rows of (cause slug, cause name, type name) grouped by cause. With
/// `by_type`, causes follow their (first) type in the condition's order,
/// else the SQL's order stands.
fn cause_types(conn: &Connection, sql: &str, condition_id: i64, by_type: bool) -> Result<Vec<CauseTypes>> {
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
    // Types in the condition's order, the one `condition` gives: by where
    // the documents first name them (row ids only tell insertion order,
    // which an edited article changes).
    let order = type_order(conn, condition_id)?;
    let position = |name: &String| order.iter().position(|n| n == name).unwrap_or(usize::MAX);
    for c in &mut out {
        c.types.sort_by_key(position);
    }
    if by_type {
        // Stable: within a type, causes keep the SQL's name order.
        out.sort_by_key(|c| c.types.first().map_or(usize::MAX, position));
    }
    Ok(out)
}

/// The condition's type names, ordered as [`condition_record`] orders
/// them: by (document slug, byte offset) of each type's first source.
fn type_order(conn: &Connection, condition_id: i64) -> Result<Vec<String>> {
    let mut first: Vec<(String, Option<(String, i64)>)> = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT t.name, d.slug, q.start_byte FROM condition_type t \
         LEFT JOIN type_source s ON s.type_id = t.id LEFT JOIN document d ON d.id = s.document_id \
         LEFT JOIN quote q ON q.id = s.quote_id WHERE t.condition_id = ?1",
    )?;
    let mut rows = stmt.query([condition_id])?;
    while let Some(r) = rows.next()? {
        let name: String = r.get(0)?;
        let source = match (r.get::<_, Option<String>>(1)?, r.get::<_, Option<i64>>(2)?) {
            (Some(doc), Some(at)) => Some((doc, at)),
            _ => None,
        };
        match first.iter_mut().find(|(n, _)| *n == name) {
            Some((_, seen)) => {
                if source.is_some() && (seen.is_none() || source < *seen) {
                    *seen = source;
                }
            }
            None => first.push((name, source)),
        }
    }
    first.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(first.into_iter().map(|(name, _)| name).collect())
}

/// Causes, symptoms or treatments cited for two or more conditions.
///
/// Driven from the item tables: for each item its conditions come from the
/// by-item indexes, so no fact table is scanned. Asking about every item
/// still visits every fact once; that is the size of the answer.
pub(crate) fn shared_across_conditions(conn: &Connection, kind: Shared) -> Result<Vec<SharedItem>> {
    let sql = match kind {
        Shared::Cause => {
            "SELECT e.slug, e.name, c.name FROM cause e \
             JOIN condition c ON c.id IN (SELECT t.condition_id FROM type_cause tc \
                JOIN condition_type t ON t.id = tc.type_id WHERE tc.cause_id = e.id \
                UNION SELECT cc.condition_id FROM condition_cause cc WHERE cc.cause_id = e.id) \
             WHERE (SELECT count(*) FROM (SELECT t.condition_id FROM type_cause tc \
                JOIN condition_type t ON t.id = tc.type_id WHERE tc.cause_id = e.id \
                UNION SELECT cc.condition_id FROM condition_cause cc WHERE cc.cause_id = e.id)) > 1 \
             ORDER BY e.name, e.slug, c.name"
        }
        Shared::Symptom => {
            "SELECT e.slug, e.name, c.name FROM symptom e \
             JOIN condition c ON c.id IN (SELECT cs.condition_id FROM condition_symptom cs WHERE cs.symptom_id = e.id) \
             WHERE (SELECT count(DISTINCT cs.condition_id) FROM condition_symptom cs WHERE cs.symptom_id = e.id) > 1 \
             ORDER BY e.name, e.slug, c.name"
        }
        Shared::Treatment => {
            "SELECT e.slug, e.name, c.name FROM treatment e \
             JOIN condition c ON c.id IN (SELECT ct.condition_id FROM condition_treatment ct WHERE ct.treatment_id = e.id) \
             WHERE (SELECT count(DISTINCT ct.condition_id) FROM condition_treatment ct WHERE ct.treatment_id = e.id) > 1 \
             ORDER BY e.name, e.slug, c.name"
        }
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query([])?;
    let mut out: Vec<SharedItem> = Vec::new();
    while let Some(r) = rows.next()? {
        let slug: String = r.get(0)?;
        let condition: String = r.get(2)?;
        match out.last_mut().filter(|s| s.slug == slug) {
            Some(s) => {
                // Two conditions may share a name; list it once, as before.
                if s.conditions.last() != Some(&condition) {
                    s.conditions.push(condition)
                }
            }
            None => out.push(SharedItem {
                name: r.get(1)?,
                slug,
                conditions: vec![condition],
            }),
        }
    }
    Ok(out)
}

/// Other conditions sharing a cause, symptom or treatment with `condition`,
/// most in common first (ties by slug), at most `limit` of them.
///
/// Driven from the condition's own items: for each, the conditions citing it
/// come in order from its by-item index and are counted here. Counting in
/// SQL (GROUP BY over a UNION of those lookups) gives the same answer but
/// builds two temporary B-trees of every (condition, item) pair, about 20x
/// slower when items are shared by thousands of conditions; names and slugs
/// are then read only for the conditions that can make the cut.
pub(crate) fn related_conditions(
    conn: &Connection,
    condition: &str,
    limit: Option<usize>,
) -> Result<Vec<RelatedCondition>> {
    let (id, _) = find_condition(conn, condition)?;
    // (kind, item id, name); kind 0 cause, 1 symptom, 2 treatment.
    let mut mine: Vec<(i64, i64, String)> = conn
        .prepare_cached(
            "SELECT 0, x.id, x.name FROM cause x WHERE x.id IN ( \
                SELECT tc.cause_id FROM condition_type t JOIN type_cause tc ON tc.type_id = t.id \
                 WHERE t.condition_id = ?1 \
                UNION SELECT cc.cause_id FROM condition_cause cc WHERE cc.condition_id = ?1) \
             UNION ALL SELECT 1, s.id, s.name FROM symptom s WHERE s.id IN ( \
                SELECT cs.symptom_id FROM condition_symptom cs WHERE cs.condition_id = ?1) \
                AND NOT EXISTS (SELECT 1 FROM symptom_code sc WHERE sc.symptom_id = s.id) \
             UNION ALL SELECT 3, sc.code_id, min(s.name) FROM condition_symptom cs \
                JOIN symptom_code sc ON sc.symptom_id = cs.symptom_id JOIN symptom s ON s.id = cs.symptom_id \
                WHERE cs.condition_id = ?1 GROUP BY sc.code_id \
             UNION ALL SELECT 2, r.id, r.name FROM treatment r WHERE r.id IN ( \
                SELECT ct.treatment_id FROM condition_treatment ct WHERE ct.condition_id = ?1) \
             ORDER BY 1, 3",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    // Kind 3 is a symptom compared by its HPO code: listed with the symptoms.
    let rank = |kind: i64| if kind == 3 { 1 } else { kind };
    mine.sort_by(|a, b| (rank(a.0), &a.2).cmp(&(rank(b.0), &b.2)));
    let holders_sql = [
        "SELECT t.condition_id FROM type_cause f \
         JOIN condition_type t INDEXED BY condition_type_to_condition ON t.id = f.type_id \
         WHERE f.cause_id = ?1 UNION ALL SELECT cc.condition_id FROM condition_cause cc WHERE cc.cause_id = ?1",
        "SELECT f.condition_id FROM condition_symptom f WHERE f.symptom_id = ?1",
        "SELECT f.condition_id FROM condition_treatment f WHERE f.treatment_id = ?1",
        // Symptoms sharing an HPO code count as one symptom.
        "SELECT cs.condition_id FROM symptom_code sc \
         JOIN condition_symptom cs ON cs.symptom_id = sc.symptom_id WHERE sc.code_id = ?1",
    ];
    // Per item of `mine`, the other conditions citing it, sorted.
    let mut holders: Vec<Vec<i64>> = Vec::with_capacity(mine.len());
    let mut counts: std::collections::HashMap<i64, u32> = std::collections::HashMap::new();
    for (kind, item, _) in &mine {
        let mut stmt = conn.prepare_cached(holders_sql[*kind as usize])?;
        let mut list: Vec<i64> = stmt
            .query_map([item], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        list.sort_unstable();
        list.dedup();
        list.retain(|c| *c != id);
        for c in &list {
            *counts.entry(*c).or_default() += 1;
        }
        holders.push(list);
    }

    let mut ranked: Vec<(u32, i64)> = counts.into_iter().map(|(c, n)| (n, c)).collect();
    ranked.sort_unstable_by_key(|r| std::cmp::Reverse(r.0));
    if let Some(n) = limit {
        // Everything tied with the last one kept can still make the cut
        // on its slug.
        let threshold = n.checked_sub(1).map(|last| ranked.get(last).map_or(0, |r| r.0));
        match threshold {
            None => ranked.clear(),
            Some(t) => ranked.retain(|r| r.0 >= t),
        }
    }
    let mut info = conn.prepare_cached("SELECT slug, name FROM condition WHERE id = ?1")?;
    let mut candidates: Vec<(u32, String, String, i64)> = Vec::with_capacity(ranked.len());
    for (n, c) in ranked {
        let (slug, name) = info.query_row([c], |r| Ok((r.get(0)?, r.get(1)?)))?;
        candidates.push((n, slug, name, c));
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    if let Some(n) = limit {
        candidates.truncate(n);
    }

    let mut out = Vec::with_capacity(candidates.len());
    for (_, slug, name, c) in candidates {
        let mut related = RelatedCondition {
            condition: name,
            slug,
            causes: Vec::new(),
            symptoms: Vec::new(),
            treatments: Vec::new(),
        };
        for ((kind, _, item), list) in mine.iter().zip(&holders) {
            if list.binary_search(&c).is_err() {
                continue;
            }
            let names = match kind {
                0 => &mut related.causes,
                1 | 3 => &mut related.symptoms,
                _ => &mut related.treatments,
            };
            // Two items may share a name (distinct slugs); list it once.
            if names.last() != Some(item) {
                names.push(item.clone());
            }
        }
        out.push(related);
    }
    Ok(out)
}

/// An FTS5 query that matches all the words of `text`, each taken
/// literally (user input never reaches FTS5's query syntax), except that a
/// word ending in `*` ("calc*") matches any word it begins.
fn fts_query(text: &str) -> Option<String> {
    let mut words: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_alphanumeric()) {
        rest = &rest[start..];
        let end = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
        let prefix = rest[end..].starts_with('*');
        words.push(format!("\"{}\"{}", &rest[..end], if prefix { "*" } else { "" }));
        rest = &rest[end..];
    }
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
        let mut rows: Vec<(i64, String)> = match fts_query(term) {
            Some(q) => stmt
                .query_map([q], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?,
            None => Vec::new(),
        };
        // Symptoms whose HPO term the query names (an id or any synonym).
        rows.extend(crate::codes::query::symptoms_by_code(conn, term)?);
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

    // Matches anywhere in the documents, after the facts: passages the hits
    // above do not already show.
    let room = limit - out.len();
    if room > 0 {
        let text = text_hits(conn, &q, limit, &out)?;
        out.extend(text.into_iter().take(room));
    }
    Ok(out)
}

/// Markers around matched words in highlight() output; Unicode
/// noncharacters, which never occur in text meant for interchange.
const MARK_OPEN: char = '\u{FDD0}';
const MARK_CLOSE: char = '\u{FDD1}';

/// Passages of documents matching the FTS5 query `q`, best documents first.
/// A passage whose matched words all lie inside the quote of a hit in
/// `known` is left out: that hit already shows it.
fn text_hits(conn: &Connection, q: &str, limit: usize, known: &[SearchHit]) -> Result<Vec<SearchHit>> {
    let docs: Vec<(i64, String)> = conn
        .prepare_cached(
            "SELECT rowid, highlight(document_search, 0, char(0xFDD0), char(0xFDD1)) FROM document_search \
             WHERE document_search MATCH ?1 ORDER BY rank LIMIT ?2",
        )?
        .query_map(params![q, limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for (doc_id, highlighted) in docs {
        // A body that itself holds a marker cannot be read back reliably.
        let Some((body, marks)) = unmark(&highlighted) else {
            continue;
        };
        let (slug, title): (String, Option<String>) = conn
            .prepare_cached("SELECT slug, title FROM document WHERE id = ?1")?
            .query_row([doc_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let conditions: Option<String> = conn
            .prepare_cached(
                "SELECT group_concat(c.name, ', ') FROM condition_source f \
                 JOIN condition c ON c.id = f.condition_id WHERE f.document_id = ?1",
            )?
            .query_row([doc_id], |r| r.get(0))?;
        let covered = |m: &(usize, usize)| {
            known.iter().any(|h| {
                h.source.document == slug
                    && h.source.start_byte <= m.0 as i64
                    && m.1 as i64 <= h.source.end_byte
            })
        };
        for (start, end, in_passage) in passages(&body, &marks) {
            if in_passage.iter().all(covered) {
                continue;
            }
            let mut snippet = String::new();
            let mut at = start;
            for &(s, e) in &in_passage {
                snippet.push_str(&body[at..s]);
                snippet.push('[');
                snippet.push_str(&body[s..e]);
                snippet.push(']');
                at = e;
            }
            snippet.push_str(&body[at..end]);
            out.push(SearchHit {
                kind: "text".to_owned(),
                condition: conditions.clone().unwrap_or_default(),
                r#type: None,
                name: title.clone().unwrap_or_else(|| slug.clone()),
                matched: "text".to_owned(),
                source: Provenance {
                    document: slug.clone(),
                    quote: body[start..end].to_owned(),
                    line: 1 + body[..start].matches('\n').count() as i64,
                    start_byte: start as i64,
                    end_byte: end as i64,
                },
                snippet: Some(snippet),
                facts: passage_facts(conn, doc_id, start, end)?,
            });
        }
    }
    Ok(out)
}

/// highlight() output split back into the body and the byte ranges of the
/// marked words; `None` if the markers do not pair up.
fn unmark(highlighted: &str) -> Option<(String, Vec<(usize, usize)>)> {
    let mut body = String::with_capacity(highlighted.len());
    let mut marks = Vec::new();
    let mut open: Option<usize> = None;
    for c in highlighted.chars() {
        match (c, open) {
            (MARK_OPEN, None) => open = Some(body.len()),
            (MARK_CLOSE, Some(s)) => {
                marks.push((s, body.len()));
                open = None;
            }
            (MARK_OPEN | MARK_CLOSE, _) => return None,
            _ => body.push(c),
        }
    }
    open.is_none().then_some((body, marks))
}

/// A byte range of a document body.
type Span = (usize, usize);
/// (start, end, matched words inside) of a passage.
type Passage = (usize, usize, Vec<Span>);

/// The passages (sentences, or lines such as list items) holding the marked
/// words: (start, end, marks inside), in text order. When a document has
/// passages with more of the query's distinct words than others, only those
/// are kept, so "trapped sweat" prefers the sentence with both words.
fn passages(body: &str, marks: &[Span]) -> Vec<Passage> {
    let mut out: Vec<Passage> = Vec::new();
    for &m in marks {
        let (s, e) = passage_bounds(body, m.0, m.1);
        match out.last_mut() {
            Some(last) if last.0 == s => last.2.push(m),
            _ => out.push((s, e, vec![m])),
        }
    }
    let distinct = |p: &Passage| {
        let mut words: Vec<String> = p.2.iter().map(|&(s, e)| body[s..e].to_lowercase()).collect();
        words.sort();
        words.dedup();
        words.len()
    };
    let best = out.iter().map(distinct).max().unwrap_or(0);
    out.retain(|p| distinct(p) == best);
    out
}

/// Byte range of the sentence or line around `from..to`, trimmed of
/// surrounding white space. Boundaries are ASCII bytes, so always char
/// boundaries.
fn passage_bounds(body: &str, from: usize, to: usize) -> (usize, usize) {
    let b = body.as_bytes();
    // Does the byte at i end a sentence (a full stop before white space) or
    // a line?
    let ends = |i: usize| match b[i] {
        b'\n' => true,
        b'.' | b'!' | b'?' => b.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()),
        _ => false,
    };
    let mut s = from;
    while s > 0 && !ends(s - 1) {
        s -= 1;
    }
    let mut e = to;
    while e < b.len() && !ends(e) {
        e += 1;
    }
    if e < b.len() && b[e] != b'\n' {
        e += 1; // keep the full stop
    }
    while s < e && b[s].is_ascii_whitespace() {
        s += 1;
    }
    while e > s && b[e - 1].is_ascii_whitespace() {
        e -= 1;
    }
    (s, e)
}

/// Facts of document `doc_id` whose quotes overlap `start..end`.
fn passage_facts(conn: &Connection, doc_id: i64, start: usize, end: usize) -> Result<Vec<PassageFact>> {
    let quotes: Vec<(i64, i64, i64)> = conn
        .prepare_cached(
            "SELECT id, start_byte, end_byte FROM quote \
             WHERE document_id = ?1 AND start_byte < ?3 AND end_byte > ?2 ORDER BY start_byte, end_byte",
        )?
        .query_map(params![doc_id, start as i64, end as i64], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT f.kind, f.condition_name, f.type_name, f.name FROM facts f WHERE f.quote_id = ?1",
    )?;
    let mut out = Vec::new();
    for (quote, start_byte, end_byte) in quotes {
        let facts = stmt
            .query_map([quote], |r| {
                Ok(PassageFact {
                    kind: r.get(0)?,
                    condition: r.get(1)?,
                    r#type: r.get(2)?,
                    name: r.get(3)?,
                    start_byte,
                    end_byte,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.extend(facts);
    }
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
        snippet: None,
        facts: Vec::new(),
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
