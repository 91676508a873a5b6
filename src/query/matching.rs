//! Conditions ranked against a list of symptoms, matched word by word
//! through the stemmed name index.

use std::collections::HashMap;

use rusqlite::Connection;

use super::holders::{self, Holders, Kind};
use super::search::fts_query;
use super::SymptomMatch;
use crate::error::Result;

/// Conditions ranked by how many of `terms` match one of their symptoms
/// (by name or alias, word by word, stemmed, or by an HPO term the query
/// names), then by the share of their symptoms matched, then by name.
///
/// Each matched symptom's conditions come as bit sets from
/// `item_conditions`; names, slugs and symptom counts are read for all the
/// conditions matched in one statement. The answer is every condition
/// matching a term, and its size bounds the time.
///
/// With `limit`, only that many: names and counts are read only for the
/// conditions matching at least as many terms as the last one kept (the
/// number of terms matched outranks any share of symptoms).
pub(crate) fn match_symptoms(
    conn: &Connection,
    terms: &[&str],
    limit: Option<usize>,
) -> Result<Vec<SymptomMatch>> {
    // Symptom id -> (name, its conditions), read once whichever terms name it.
    let mut symptoms: Vec<(i64, String, Holders)> = Vec::new();
    // condition id -> (matched term indexes, matched symptoms as indexes
    // into `symptoms`), both in the order first matched.
    let mut hits: HashMap<i64, (Vec<usize>, Vec<usize>)> = HashMap::new();
    for (i, term) in terms.iter().enumerate() {
        for (symptom, name) in named_by(conn, term)? {
            let at = match symptoms.iter().position(|s| s.0 == symptom) {
                Some(at) => at,
                None => {
                    let set = holders::of_item(conn, Kind::Symptom, symptom)?;
                    symptoms.push((symptom, name, set));
                    symptoms.len() - 1
                }
            };
            for cond in symptoms[at].2.ids() {
                let e = hits.entry(cond).or_default();
                if e.0.last() != Some(&i) {
                    e.0.push(i);
                }
                // Two matched symptoms may share a name; list it once.
                if !e.1.iter().any(|&s| symptoms[s].1 == symptoms[at].1) {
                    e.1.push(at);
                }
            }
        }
    }
    let mut ranked: Vec<(usize, i64)> = hits.iter().map(|(c, h)| (h.0.len(), *c)).collect();
    if let Some(n) = limit {
        ranked.sort_unstable_by_key(|r| std::cmp::Reverse(r.0));
        match n.checked_sub(1).and_then(|last| ranked.get(last)) {
            Some(&(cut, _)) => ranked.retain(|r| r.0 >= cut),
            None if n == 0 => ranked.clear(),
            None => {}
        }
    }
    let mut out = Vec::with_capacity(ranked.len());
    for (cond, slug, name, total) in conditions(conn, ranked.iter().map(|r| r.1))? {
        let (term_ix, matched) = &hits[&cond];
        let total = total.max(1) as usize;
        let score =
            term_ix.len() as f64 / terms.len().max(1) as f64 + 0.001 * matched.len() as f64 / total as f64;
        out.push(SymptomMatch {
            condition: name,
            slug,
            matched_terms: term_ix.iter().map(|i| terms[*i].to_owned()).collect(),
            matched_symptoms: matched.iter().map(|s| symptoms[*s].1.clone()).collect(),
            total_symptoms: total,
            score,
        });
    }
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.condition.cmp(&b.condition))
            .then_with(|| a.slug.cmp(&b.slug))
    });
    if let Some(n) = limit {
        out.truncate(n);
    }
    Ok(out)
}

/// The symptoms (id, name) a query term names: through the stemmed name
/// index (names and aliases), then through the HPO terms it stands for.
fn named_by(conn: &Connection, term: &str) -> Result<Vec<(i64, String)>> {
    let mut out: Vec<(i64, String)> = Vec::new();
    if let Some(q) = fts_query(term) {
        let mut stmt = conn.prepare_cached(
            "SELECT DISTINCT n.entity_id, s.name FROM name_search n JOIN symptom s ON s.id = n.entity_id \
             WHERE name_search MATCH ?1 AND n.kind = 'symptom'",
        )?;
        out = stmt
            .query_map([q], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
    }
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.name FROM code k JOIN symptom_code sc ON sc.code_id = k.id \
         JOIN symptom s ON s.id = sc.symptom_id WHERE k.system = 'HP' AND k.code = ?1",
    )?;
    for code in crate::codes::query::terms_of_query(term) {
        for row in stmt.query_map([&code], |r| Ok((r.get(0)?, r.get(1)?)))? {
            let row: (i64, String) = row?;
            if !out.iter().any(|o| o.0 == row.0) {
                out.push(row);
            }
        }
    }
    Ok(out)
}

/// (id, slug, name, distinct symptoms) of each condition, in one statement.
fn conditions(conn: &Connection, ids: impl Iterator<Item = i64>) -> Result<Vec<(i64, String, String, i64)>> {
    let list = super::json_ids(ids);
    // CROSS JOIN: from the ids to their rows, never the other way.
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.slug, c.name, \
                (SELECT count(DISTINCT cs.symptom_id) FROM condition_symptom cs WHERE cs.condition_id = c.id) \
         FROM json_each(?1) j CROSS JOIN condition c ON c.id = j.value",
    )?;
    let rows = stmt
        .query_map([list], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
