//! Name resolution: a condition found by slug, name, alias or type name,
//! retried in the vocabulary's spelling, with close names as suggestions.

use rusqlite::Connection;

use super::ConditionRef;
use crate::error::{Error, Result};
use crate::seed::slugify;

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
