//! Standard codes: symptoms linked to Human Phenotype Ontology terms, and
//! codes a reviewer gives conditions, written in the seed's transaction.
//!
//! Every seed run recomputes the links of every symptom from the built-in
//! lexicon and the seed folder's `codes.toml`, and writes only the
//! difference: a second run changes nothing, and a new lexicon release (or
//! an edited `codes.toml`) updates the links on the next run.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{params, Transaction};
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::seed::{slugify, Counts, Source};

// The build script's half: only tests call its `build` from here.
#[cfg_attr(not(test), allow(dead_code))]
mod index_gen;
pub mod lexicon;
pub mod map;
mod normalise;
pub mod query;

pub use lexicon::{lexicon, Lexicon, Term};
pub use map::{map_name, Outcome};
pub use query::{export_hpoa, Code};

/// Set to 1, seeding leaves codes untouched (for benchmarks only).
pub const SKIP_ENV: &str = "KB_SEED_WITHOUT_CODES";

/// The reviewer's file of pinned, forbidden and condition codes in a seed folder.
pub const CODES_FILE: &str = "codes.toml";

/// The HPO's attribution, as its licence asks users of the ontology to give.
pub const HPO_ATTRIBUTION: &str = include_str!("../../data/hpo/NOTICE.md");

/// A reviewer's decisions, from `codes.toml`:
///
/// ```toml
/// [symptoms]
/// "tender lesions" = "none"              # never map this symptom
/// "ulceration" = "HP:0200042"            # pin it (one id or a list)
///
/// [conditions]
/// "calcinosis cutis" = [{ code = "ICD10:L94.2", label = "Calcinosis cutis" }]
/// ```
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    #[serde(default)]
    symptoms: BTreeMap<String, OneOrMany>,
    #[serde(default)]
    conditions: BTreeMap<String, Vec<ConditionCode>>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConditionCode {
    /// "SYSTEM:CODE", e.g. "ICD10:L94.2" or "MONDO:0006016".
    code: String,
    #[serde(default)]
    label: String,
}

/// A symptom's decided links and the unmapped items of its list name, or
/// Err(issue, candidates) when it gets no link.
type Decision = std::result::Result<(Vec<NewLink>, Vec<NewGap>), (&'static str, Vec<String>)>;

/// A link to write: code, method, matched text, label, list item.
type NewLink = (String, &'static str, String, String, Option<String>);

/// An unmapped list item: item, issue ('no match' or 'ambiguous'),
/// candidates as a JSON array.
type NewGap = (String, &'static str, String);

impl Rules {
    /// The rules of a seed source (none when it has no `codes.toml`).
    pub fn of_source(source: &Source) -> Result<Rules> {
        if !source.file_names().any(|n| n == CODES_FILE) {
            return Ok(Rules::default());
        }
        let path = source.path_of(CODES_FILE);
        let bytes = source.read(CODES_FILE)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| Error::invalid_seed(&path, None, "not UTF-8"))?;
        let rules: Rules =
            toml::from_str(text).map_err(|e| Error::invalid_seed(&path, None, e.to_string()))?;
        let lex = lexicon();
        for (symptom, pin) in &rules.symptoms {
            for id in pin.ids() {
                if id != "none" && lex.by_id(id).is_none() {
                    return Err(Error::invalid_seed(
                        &path,
                        None,
                        format!(
                            "symptom {symptom:?}: {id} is not a phenotype term of HPO {}",
                            lex.release()
                        ),
                    ));
                }
            }
        }
        for (condition, codes) in &rules.conditions {
            for c in codes {
                if split_code(&c.code).is_none() {
                    return Err(Error::invalid_seed(
                        &path,
                        None,
                        format!("condition {condition:?}: code {:?} is not SYSTEM:CODE", c.code),
                    ));
                }
            }
        }
        Ok(rules)
    }

    /// Links for one symptom: (code, method, matched text, label), or the
    /// reason it has none.
    fn decide(&self, name: &str) -> Decision {
        let lex = lexicon();
        let slug = slugify(name);
        if let Some(pin) = self
            .symptoms
            .iter()
            .find(|(k, _)| slugify(k) == slug)
            .map(|(_, v)| v)
        {
            let ids = pin.ids();
            if ids.contains(&"none") {
                return Err(("forbidden", Vec::new()));
            }
            let links = ids
                .iter()
                .filter_map(|id| lex.by_id(id))
                .map(|t| (t.id(), "reviewer", name.to_owned(), t.label.to_owned(), None))
                .collect();
            return Ok((links, Vec::new()));
        }
        let ids_of = |terms: &[Term]| {
            let mut ids: Vec<String> = terms.iter().map(|t| t.id()).collect();
            ids.sort();
            ids.dedup();
            ids
        };
        let (links, gaps) = match map_name(lex, name) {
            Outcome::Mapped(links) => (links, Vec::new()),
            Outcome::Partial(links, gaps) => (links, gaps),
            Outcome::Ambiguous(terms) => return Err(("ambiguous", ids_of(&terms))),
            Outcome::Unmatched => return Ok((Vec::new(), Vec::new())),
        };
        let links = links
            .into_iter()
            .map(|l| {
                (
                    l.term.id(),
                    l.kind.method(),
                    l.matched.to_owned(),
                    l.term.label.to_owned(),
                    l.item,
                )
            })
            .collect();
        let gaps = gaps
            .into_iter()
            .map(|g| {
                let issue = if g.candidates.is_empty() {
                    "no match"
                } else {
                    "ambiguous"
                };
                let json = serde_json::to_string(&ids_of(&g.candidates)).unwrap_or_default();
                (g.item, issue, json)
            })
            .collect();
        Ok((links, gaps))
    }
}

impl OneOrMany {
    fn ids(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(s) => vec![s.trim()],
            OneOrMany::Many(v) => v.iter().map(|s| s.trim()).collect(),
        }
    }
}

/// ("ICD10", "ICD10:L94.2") from "icd10:L94.2".
fn split_code(code: &str) -> Option<(String, String)> {
    let (system, rest) = code.trim().split_once(':')?;
    let system = system.trim().to_uppercase();
    let rest = rest.trim();
    (!system.is_empty() && !rest.is_empty() && system.bytes().all(|b| b.is_ascii_alphanumeric()))
        .then(|| (system.clone(), format!("{system}:{rest}")))
}

/// Bring every symptom's and condition's codes up to date, in the seed's
/// transaction; row counts go into the seed summary's `tables`.
pub(crate) fn sync(
    tx: &Transaction<'_>,
    source: &Source,
    tables: &mut BTreeMap<String, Counts>,
) -> Result<()> {
    // Only for measuring what mapping costs (benches/scale.rs): the links
    // are then left as they were.
    if std::env::var_os(SKIP_ENV).is_some_and(|v| v == "1") {
        return Ok(());
    }
    // A database seeded before V5 (as migration tests do on purpose) has
    // no code tables, nor one before V9 the list items' columns; the links
    // come with the first seed after V9.
    let has_tables: bool = tx.query_row(
        "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = 'symptom_code_gap'",
        [],
        |r| r.get(0),
    )?;
    if !has_tables {
        return Ok(());
    }
    let rules = Rules::of_source(source)?;
    let release = lexicon().release();

    // Desired state.
    let mut codes: BTreeMap<String, (String, String, Option<&str>)> = BTreeMap::new(); // code -> (system, label, version)
    let mut links: BTreeMap<(i64, String), (&'static str, String, Option<String>)> = BTreeMap::new();
    let mut issues: BTreeMap<i64, (&'static str, String)> = BTreeMap::new();
    let mut gaps: BTreeMap<(i64, String), (&'static str, String)> = BTreeMap::new();
    let symptoms: Vec<(i64, String)> = tx
        .prepare_cached("SELECT id, name FROM symptom")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, name) in symptoms {
        match rules.decide(&name) {
            Ok((found, unmapped)) => {
                for (code, method, matched, label, item) in found {
                    codes.insert(code.clone(), ("HP".into(), label, Some(release)));
                    links.insert((id, code), (method, matched, item));
                }
                for (item, issue, candidates) in unmapped {
                    gaps.insert((id, item), (issue, candidates));
                }
            }
            Err((issue, candidates)) => {
                issues.insert(
                    id,
                    (issue, serde_json::to_string(&candidates).unwrap_or_default()),
                );
            }
        }
    }
    let mut condition_codes: BTreeSet<(i64, String)> = BTreeSet::new();
    if !rules.conditions.is_empty() {
        let conditions: Vec<(i64, String)> = tx
            .prepare_cached("SELECT id, slug FROM condition")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (name, list) in &rules.conditions {
            let slug = slugify(name);
            for (id, _) in conditions.iter().filter(|(_, s)| *s == slug) {
                for c in list {
                    let Some((system, code)) = split_code(&c.code) else {
                        continue;
                    };
                    codes.insert(code.clone(), (system, c.label.trim().to_owned(), None));
                    condition_codes.insert((*id, code));
                }
            }
        }
    }

    // Codes first (links point at them); unused ones go at the end.
    let mut c = Counts::default();
    let existing: BTreeMap<String, (i64, String, String, Option<String>)> = tx
        .prepare_cached("SELECT code, id, system, label, version FROM code")?
        .query_map([], |r| {
            Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut code_ids: BTreeMap<String, i64> = BTreeMap::new();
    for (code, (system, label, version)) in &codes {
        match existing.get(code) {
            Some((id, s, l, v)) if s == system && l == label && v.as_deref() == *version => {
                c.unchanged += 1;
                code_ids.insert(code.clone(), *id);
            }
            Some((id, ..)) => {
                tx.prepare_cached("UPDATE code SET system = ?2, label = ?3, version = ?4 WHERE id = ?1")?
                    .execute(params![id, system, label, version])?;
                c.updated += 1;
                code_ids.insert(code.clone(), *id);
            }
            None => {
                tx.prepare_cached("INSERT INTO code (system, code, label, version) VALUES (?1, ?2, ?3, ?4)")?
                    .execute(params![system, code, label, version])?;
                c.inserted += 1;
                code_ids.insert(code.clone(), tx.last_insert_rowid());
            }
        }
    }

    // Symptom links.
    let mut l = Counts::default();
    type Have = (String, String, Option<String>);
    let have: BTreeMap<(i64, i64), Have> = tx
        .prepare_cached("SELECT symptom_id, code_id, method, matched, item FROM symptom_code")?
        .query_map([], |r| {
            Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, r.get(3)?, r.get(4)?)))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let want: BTreeMap<(i64, i64), (&str, String, Option<String>)> = links
        .into_iter()
        .map(|((s, code), v)| ((s, code_ids[&code]), v))
        .collect();
    for (key, (method, matched, item)) in &want {
        match have.get(key) {
            Some((m, t, i)) if m == method && t == matched && i == item => l.unchanged += 1,
            Some(_) => {
                tx.prepare_cached(
                    "UPDATE symptom_code SET method = ?3, matched = ?4, item = ?5 WHERE symptom_id = ?1 AND code_id = ?2",
                )?
                .execute(params![key.0, key.1, method, matched, item])?;
                l.updated += 1;
            }
            None => {
                tx.prepare_cached(
                    "INSERT INTO symptom_code (symptom_id, code_id, method, matched, item) VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![key.0, key.1, method, matched, item])?;
                l.inserted += 1;
            }
        }
    }
    for key in have.keys().filter(|k| !want.contains_key(*k)) {
        tx.prepare_cached("DELETE FROM symptom_code WHERE symptom_id = ?1 AND code_id = ?2")?
            .execute(params![key.0, key.1])?;
        l.removed += 1;
    }

    // Issues (ambiguous or forbidden symptoms).
    let mut i = Counts::default();
    let have: BTreeMap<i64, (String, String)> = tx
        .prepare_cached("SELECT symptom_id, issue, candidates FROM symptom_code_issue")?
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, (issue, candidates)) in &issues {
        match have.get(id) {
            Some((a, b)) if a == issue && b == candidates => i.unchanged += 1,
            found => {
                tx.prepare_cached(
                    "INSERT OR REPLACE INTO symptom_code_issue (symptom_id, issue, candidates) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![id, issue, candidates])?;
                if found.is_some() {
                    i.updated += 1
                } else {
                    i.inserted += 1
                }
            }
        }
    }
    for id in have.keys().filter(|k| !issues.contains_key(*k)) {
        tx.prepare_cached("DELETE FROM symptom_code_issue WHERE symptom_id = ?1")?
            .execute([id])?;
        i.removed += 1;
    }

    // Unmapped items of partly mapped lists.
    let mut g = Counts::default();
    let have: BTreeMap<(i64, String), (String, String)> = tx
        .prepare_cached("SELECT symptom_id, item, issue, candidates FROM symptom_code_gap")?
        .query_map([], |r| Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, r.get(3)?))))?
        .collect::<rusqlite::Result<_>>()?;
    for (key, (issue, candidates)) in &gaps {
        match have.get(key) {
            Some((a, b)) if a == issue && b == candidates => g.unchanged += 1,
            found => {
                tx.prepare_cached(
                    "INSERT OR REPLACE INTO symptom_code_gap (symptom_id, item, issue, candidates) VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![key.0, key.1, issue, candidates])?;
                if found.is_some() {
                    g.updated += 1
                } else {
                    g.inserted += 1
                }
            }
        }
    }
    for key in have.keys().filter(|k| !gaps.contains_key(*k)) {
        tx.prepare_cached("DELETE FROM symptom_code_gap WHERE symptom_id = ?1 AND item = ?2")?
            .execute(params![key.0, key.1])?;
        g.removed += 1;
    }

    // Condition codes.
    let mut k = Counts::default();
    let have: BTreeSet<(i64, i64)> = tx
        .prepare_cached("SELECT condition_id, code_id FROM condition_code")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let want: BTreeSet<(i64, i64)> = condition_codes
        .into_iter()
        .map(|(c, code)| (c, code_ids[&code]))
        .collect();
    for key in &want {
        if have.contains(key) {
            k.unchanged += 1;
        } else {
            tx.prepare_cached("INSERT INTO condition_code (condition_id, code_id) VALUES (?1, ?2)")?
                .execute(params![key.0, key.1])?;
            k.inserted += 1;
        }
    }
    for key in have.difference(&want) {
        tx.prepare_cached("DELETE FROM condition_code WHERE condition_id = ?1 AND code_id = ?2")?
            .execute(params![key.0, key.1])?;
        k.removed += 1;
    }

    for (code, (id, ..)) in &existing {
        if !codes.contains_key(code) {
            tx.prepare_cached("DELETE FROM code WHERE id = ?1")?
                .execute([id])?;
            c.removed += 1;
        }
    }
    for (table, counts) in [
        ("code", c),
        ("symptom_code", l),
        ("symptom_code_issue", i),
        ("symptom_code_gap", g),
        ("condition_code", k),
    ] {
        let t = tables.entry(table.to_owned()).or_default();
        t.inserted += counts.inserted;
        t.updated += counts.updated;
        t.unchanged += counts.unchanged;
        t.removed += counts.removed;
    }
    Ok(())
}
