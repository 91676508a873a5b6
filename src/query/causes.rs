//! Causes across the types of one condition: those two or more types share
//! and those unique to one type.

use rusqlite::Connection;

use super::{find_condition, CauseTypes};
use crate::error::Result;

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
