//! Text hits: the sentences or lines of documents that match a search, with
//! the facts stated inside them.

use rusqlite::{params, Connection};

use super::{FactKind, PassageFact, Provenance, SearchHit};
use crate::error::Result;

/// Markers around matched words in highlight() output; Unicode
/// noncharacters, which never occur in text meant for interchange.
const MARK_OPEN: char = '\u{FDD0}';
const MARK_CLOSE: char = '\u{FDD1}';

/// Passages of documents matching the FTS5 query `q`, best documents first.
/// A passage whose matched words all lie inside the quote of a hit in
/// `known` is left out: that hit already shows it.
pub(super) fn text_hits(
    conn: &Connection,
    q: &str,
    limit: usize,
    known: &[SearchHit],
) -> Result<Vec<SearchHit>> {
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
                kind: FactKind::Text,
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
