//! What conditions have in common: items shared across conditions, and the
//! conditions related to one by shared causes, symptoms and treatments.

use rusqlite::Connection;

use super::{find_condition, RelatedCondition, Shared, SharedItem};
use crate::error::Result;

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
    // (kind, item id, name); kind 0 cause, 1 symptom, 2 treatment, 3 HPO code.
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
