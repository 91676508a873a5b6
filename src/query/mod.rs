//! Typed relational queries over a seeded database.
//!
//! Every query here is written so SQLite answers it from indexes (a test
//! checks `EXPLAIN QUERY PLAN` for full scans of the fact tables). One file
//! per question: `names` resolves a condition, `record` reads its record,
//! `causes` compares its types, `related` compares conditions, `matching`
//! ranks them against symptoms, `search` and `passages` search text, `list`
//! lists; `holders` reads the conditions citing an item as bit sets (for
//! `related` and `matching`); `types` holds the results.

use rusqlite::Connection;

use crate::error::Result;

mod causes;
mod holders;
mod list;
mod matching;
mod names;
mod passages;
mod record;
mod related;
mod search;
mod types;

pub(crate) use causes::{causes_unique_to_type, shared_causes_across_types};
pub(crate) use list::list;
pub(crate) use matching::match_symptoms;
pub(crate) use names::find_condition;
pub(crate) use record::condition_record;
pub(crate) use related::{related_conditions, shared_across_conditions};
pub(crate) use search::search;
pub use types::*;

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

/// Ids as a JSON array, for `json_each(?)`: one statement reads the rows
/// of many ids (a list of `?` would make a new statement per length).
fn json_ids(ids: impl Iterator<Item = i64>) -> String {
    let mut out = String::from("[");
    for (i, id) in ids.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&id.to_string());
    }
    out.push(']');
    out
}

#[cfg(test)]
mod tests;
