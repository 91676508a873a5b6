//! Text hits: the sentences or lines of documents that match a search, with
//! the facts stated inside them.

use std::collections::BTreeMap;

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
    // highlight() costs time quadratic in a document's size when it has
    // many matches (it rebuilds its output for each); large documents are
    // marked by matched_words instead.
    let docs: Vec<(i64, Option<String>)> = conn
        .prepare_cached(
            "SELECT document_search.rowid, CASE WHEN length(CAST(d.body AS BLOB)) <= ?3 \
             THEN highlight(document_search, 0, char(0xFDD0), char(0xFDD1)) END FROM document_search \
             JOIN document d ON d.id = document_search.rowid \
             WHERE document_search MATCH ?1 ORDER BY rank LIMIT ?2",
        )?
        .query_map(params![q, limit as i64, HIGHLIGHT_MAX_BYTES], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for (doc_id, highlighted) in docs {
        // Enough passages already: later ones would be cut anyway.
        if out.len() >= limit {
            break;
        }
        let found = match highlighted {
            Some(h) => unmark(&h),
            None => {
                let body: String = conn
                    .prepare_cached("SELECT body FROM document WHERE id = ?1")?
                    .query_row([doc_id], |r| r.get(0))?;
                let marks = matched_words(&body, q)?;
                Some((body, marks))
            }
        };
        // A body that itself holds a marker cannot be read back reliably.
        let Some((body, marks)) = found else {
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
        // Lines are counted as the passages go, in text order: once over
        // the body, not once per passage.
        let (mut counted_to, mut line) = (0, 1i64);
        for (start, end, in_passage) in passages(&body, &marks) {
            if out.len() >= limit {
                break;
            }
            if in_passage.iter().all(covered) {
                continue;
            }
            line += body[counted_to..start].matches('\n').count() as i64;
            counted_to = start;
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
                    line,
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

/// Documents up to this size are marked by FTS5's highlight(); larger ones
/// by [`matched_words`], whose cost is linear in the document.
const HIGHLIGHT_MAX_BYTES: i64 = 128 * 1024;

/// Byte ranges of the words of `body` that match a term of the FTS5 query
/// `q` (quoted words, as the search builds it), as highlight() would mark
/// them. Each distinct word of the body is matched once, by FTS5 itself (in
/// a private in-memory table with document_search's tokenizer), so stemming
/// and case folding agree with the search.
fn matched_words(body: &str, q: &str) -> Result<Vec<(usize, usize)>> {
    let words: Vec<(usize, usize)> = word_spans(body);
    let mut distinct: BTreeMap<String, i64> = BTreeMap::new();
    for &(s, e) in &words {
        let n = distinct.len() as i64;
        distinct.entry(body[s..e].to_lowercase()).or_insert(n);
    }
    let scratch = Connection::open_in_memory()?;
    scratch.execute_batch(
        "CREATE VIRTUAL TABLE w USING fts5(word, tokenize = 'porter unicode61 remove_diacritics 2')",
    )?;
    {
        let tx = scratch.unchecked_transaction()?;
        let mut insert = tx.prepare("INSERT INTO w(rowid, word) VALUES (?1, ?2)")?;
        for (word, id) in &distinct {
            insert.execute(params![id, word])?;
        }
        drop(insert);
        tx.commit()?;
    }
    let mut hit = vec![false; distinct.len()];
    let mut find = scratch.prepare("SELECT rowid FROM w WHERE w MATCH ?1")?;
    // The query's terms: `"word"` or `"word"*`, space-separated.
    for term in q.split(' ') {
        let ids = find
            .query_map([term], |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        for id in ids {
            hit[id as usize] = true;
        }
    }
    Ok(words
        .into_iter()
        .filter(|&(s, e)| {
            distinct
                .get(&body[s..e].to_lowercase())
                .is_some_and(|&id| hit[id as usize])
        })
        .collect())
}

/// Byte ranges of the runs of letters, digits and combining marks in `text`:
/// the tokens of SQLite's unicode61 tokenizer, closely enough.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let in_word = c.is_alphanumeric() || (start.is_some() && is_combining(c));
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
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
        // A mark inside the passage found for the one before needs no new
        // search for its bounds (which would make one long passage with many
        // matches quadratic).
        if let Some(last) = out.last_mut().filter(|last| m.1 <= last.1) {
            last.2.push(m);
            continue;
        }
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
