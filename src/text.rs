//! Text primitives shared by every stage: byte spans of a document and
//! trimming that keeps offsets, and the SHA-256 that identifies a file.

use sha2::{Digest, Sha256};

/// A byte range of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn of<'a>(&self, doc: &'a str) -> &'a str {
        &doc[self.start..self.end]
    }

    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }
}

/// Shrink a span past whitespace (including no-break spaces) and the
/// given extra characters at both ends.
///
/// An end that falls inside a character (an offset found in a folded
/// copy, between the two spaces that stand for a no-break space) moves
/// inward to the nearest character boundary.
pub fn trim(doc: &str, span: Span, extra: &[char]) -> Span {
    let mut span = span;
    span.end = span.end.min(doc.len());
    while !doc.is_char_boundary(span.start) && span.start < span.end {
        span.start += 1;
    }
    while !doc.is_char_boundary(span.end) {
        span.end -= 1;
    }
    if span.start >= span.end {
        return Span {
            start: span.start.min(span.end),
            end: span.start.min(span.end),
        };
    }
    let s = span.of(doc);
    let skip = |c: char| c.is_whitespace() || extra.contains(&c);
    let left = s.len() - s.trim_start_matches(skip).len();
    let right = s.trim_end_matches(skip).len();
    if right <= left {
        return Span {
            start: span.start,
            end: span.start,
        };
    }
    Span {
        start: span.start + left,
        end: span.start + right,
    }
}

/// Lower-case hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
