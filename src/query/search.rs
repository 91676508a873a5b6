//! Full-text search: names and aliases, the quotes of facts, and passages
//! of document text (see `passages`), best matches first.

use rusqlite::{params, Connection};

use super::passages::text_hits;
use super::{provenance, SearchHit, PROVENANCE_COLUMNS};
use crate::error::Result;

/// An FTS5 query that matches all the words of `text`, each taken
/// literally (user input never reaches FTS5's query syntax), except that a
/// word ending in `*` ("calc*") matches any word it begins.
pub(super) fn fts_query(text: &str) -> Option<String> {
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
