//! Conditions ranked against a list of symptoms, matched word by word
//! through the stemmed name index.

use std::collections::BTreeMap;

use rusqlite::Connection;

use super::search::fts_query;
use super::SymptomMatch;
use crate::error::Result;

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
