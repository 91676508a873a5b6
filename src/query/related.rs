//! What conditions have in common: items shared across conditions, and the
//! conditions related to one by shared causes, symptoms and treatments.

use rusqlite::Connection;

use super::holders::{self, Holders, Kind};
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
/// Each of the condition's items gives the set of conditions citing it, read
/// as bit sets from `item_conditions` (64 conditions a row); the sets are
/// tallied here, and names and slugs are read only for the conditions that
/// can make the cut. With no limit the answer is every condition sharing
/// anything, and its size bounds the time.
pub(crate) fn related_conditions(
    conn: &Connection,
    condition: &str,
    limit: Option<usize>,
) -> Result<Vec<RelatedCondition>> {
    let (id, _) = find_condition(conn, condition)?;
    let mine = my_items(conn, id)?;
    let holders: Vec<Holders> = mine
        .iter()
        .map(|(kind, item, _)| match kind {
            Item::Cause => holders::of_item(conn, Kind::Cause, *item),
            Item::Symptom => holders::of_item(conn, Kind::Symptom, *item),
            Item::Code => holders::of_code(conn, *item),
            Item::Treatment => holders::of_item(conn, Kind::Treatment, *item),
        })
        .collect::<Result<_>>()?;

    let mut ranked: Vec<(u32, i64)> = holders::counts(&holders)
        .into_iter()
        .filter(|(c, _)| *c != id)
        .map(|(c, n)| (n, c))
        .collect();
    ranked.sort_unstable_by_key(|r| std::cmp::Reverse(r.0));
    let mut candidates = match limit {
        None => named(conn, &ranked, None)?,
        Some(0) => Vec::new(),
        Some(n) => {
            // Those above the n-th count all make it; of those tied with it,
            // the first by slug fill the rest.
            let cut = ranked.get(n - 1).map_or(0, |r| r.0);
            let above = ranked.partition_point(|r| r.0 > cut);
            let tied_end = ranked.partition_point(|r| r.0 >= cut);
            let mut out = named(conn, &ranked[..above], None)?;
            out.extend(named(conn, &ranked[above..tied_end], Some(n - above))?);
            out
        }
    };
    // Stable: within a count, slug order from `named`.
    candidates.sort_by_key(|c| std::cmp::Reverse(c.0));

    let mut out = Vec::with_capacity(candidates.len());
    for (_, c, slug, name) in candidates {
        let mut related = RelatedCondition {
            condition: name,
            slug,
            causes: Vec::new(),
            symptoms: Vec::new(),
            treatments: Vec::new(),
        };
        for ((kind, _, item), set) in mine.iter().zip(&holders) {
            if !set.contains(c) {
                continue;
            }
            let names = match kind {
                Item::Cause => &mut related.causes,
                Item::Symptom | Item::Code => &mut related.symptoms,
                Item::Treatment => &mut related.treatments,
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

/// What a condition shares: a cause, a symptom without an HPO code, an HPO
/// code (its symptoms count as one), a treatment; in the order listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Item {
    Cause,
    Symptom,
    Code,
    Treatment,
}

/// The condition's items as (what, id, name): causes, then symptoms (by
/// themselves or by code, by name), then treatments, each by name.
fn my_items(conn: &Connection, id: i64) -> Result<Vec<(Item, i64, String)>> {
    let mut mine: Vec<(Item, i64, String)> = conn
        .prepare_cached(
            "SELECT 0, x.id, x.name FROM cause x WHERE x.id IN ( \
                SELECT tc.cause_id FROM condition_type t JOIN type_cause tc ON tc.type_id = t.id \
                 WHERE t.condition_id = ?1 \
                UNION SELECT cc.cause_id FROM condition_cause cc WHERE cc.condition_id = ?1) \
             UNION ALL SELECT 1, s.id, s.name FROM symptom s WHERE s.id IN ( \
                SELECT cs.symptom_id FROM condition_symptom cs WHERE cs.condition_id = ?1) \
                AND NOT EXISTS (SELECT 1 FROM symptom_code sc WHERE sc.symptom_id = s.id) \
             UNION ALL SELECT 2, sc.code_id, min(s.name) FROM condition_symptom cs \
                JOIN symptom_code sc ON sc.symptom_id = cs.symptom_id JOIN symptom s ON s.id = cs.symptom_id \
                WHERE cs.condition_id = ?1 GROUP BY sc.code_id \
             UNION ALL SELECT 3, r.id, r.name FROM treatment r WHERE r.id IN ( \
                SELECT ct.treatment_id FROM condition_treatment ct WHERE ct.condition_id = ?1)",
        )?
        .query_map([id], |r| {
            let kind = match r.get::<_, i64>(0)? {
                0 => Item::Cause,
                1 => Item::Symptom,
                2 => Item::Code,
                _ => Item::Treatment,
            };
            Ok((kind, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    // A symptom compared by its code is listed with the other symptoms.
    let rank = |item: Item| if item == Item::Code { Item::Symptom } else { item };
    mine.sort_by(|a, b| (rank(a.0), &a.2).cmp(&(rank(b.0), &b.2)));
    Ok(mine)
}

/// (count, id, slug, name) of the ranked conditions, by slug; with `limit`,
/// only the first so many slugs. One statement reads them all.
fn named(
    conn: &Connection,
    ranked: &[(u32, i64)],
    limit: Option<usize>,
) -> Result<Vec<(u32, i64, String, String)>> {
    if ranked.is_empty() {
        return Ok(Vec::new());
    }
    let count: std::collections::HashMap<i64, u32> = ranked.iter().map(|&(n, c)| (c, n)).collect();
    let ids = super::json_ids(ranked.iter().map(|r| r.1));
    // CROSS JOIN: from the few ids to their rows, never the other way.
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.slug, c.name FROM json_each(?1) j CROSS JOIN condition c ON c.id = j.value \
         ORDER BY c.slug LIMIT ?2",
    )?;
    let limit = limit.map_or(-1, |n| n as i64);
    let rows = stmt
        .query_map(rusqlite::params![ids, limit], |r| {
            let c: i64 = r.get(0)?;
            Ok((count[&c], c, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
