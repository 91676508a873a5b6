//! Text primitives shared by every stage: byte spans of a document and
//! trimming that keeps offsets, the SHA-256 that identifies a file, line
//! numbers of byte offsets, and the slugs that key names.

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
#[inline(always)]
pub fn trim(doc: &str, span: Span, extra: &[char]) -> Span {
    // Most spans asked about (some 230 an article from the layout reader
    // alone) already start and end with a plain ASCII byte: both ends are
    // character boundaries, nothing to trim. Answered here, inlined (always:
    // left to the compiler, it stopped inlining it into the layout reader
    // when an unrelated module was added, 5 M instructions more per 1,000
    // synthetic articles); the rest goes through the full work below.
    let plain = |b: u8| b.is_ascii() && !matches!(b, b'\t'..=b'\r' | b' ') && !extra.contains(&char::from(b));
    if span.start < span.end && span.end <= doc.len() {
        let b = doc.as_bytes();
        if plain(b[span.start]) && plain(b[span.end - 1]) {
            return span;
        }
    }
    trim_any(doc, span, extra)
}

/// [`trim`] of any span.
#[inline(never)]
fn trim_any(doc: &str, span: Span, extra: &[char]) -> Span {
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
    // Byte by byte from each end; only a character outside ASCII is
    // decoded (the no-break space a copied line ends with).
    let skip = |c: char| c.is_whitespace() || extra.contains(&c);
    let b = doc.as_bytes();
    let (mut start, mut end) = (span.start, span.end);
    while start < end {
        let c = if b[start] < 0x80 {
            char::from(b[start])
        } else {
            doc[start..].chars().next().expect("a character starts here")
        };
        if !skip(c) {
            break;
        }
        start += c.len_utf8();
    }
    while end > start {
        let c = if b[end - 1] < 0x80 {
            char::from(b[end - 1])
        } else {
            doc[start..end]
                .chars()
                .next_back()
                .expect("a character ends here")
        };
        if !skip(c) {
            break;
        }
        end -= c.len_utf8();
    }
    if end <= start {
        return Span {
            start: span.start,
            end: span.start,
        };
    }
    Span { start, end }
}

/// A title without its numbering ("2. Ocular rosacea", "2.1\tCalcium
/// stones"): the number is no part of the name.
pub fn unnumbered(doc: &str, title: Span) -> Span {
    let text = title.of(doc);
    let n = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ')'))
        .filter(|&n| {
            n > 0
                && text.starts_with(|c: char| c.is_ascii_digit())
                && text[n..].starts_with(char::is_whitespace)
        })
        .unwrap_or(0);
    // "2 ) Sciatica".
    let n = match text[n..].strip_prefix(" )") {
        Some(_) if n > 0 => n + 2,
        _ => n,
    };
    trim(
        doc,
        Span {
            start: title.start + n,
            end: title.end,
        },
        &[],
    )
}

/// Lower-case hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Byte offset -> 1-based line number, for messages and quote rows. Built
/// once per text; each lookup is a binary search over the newlines.
pub struct LineIndex(Vec<usize>);

impl LineIndex {
    pub fn new(text: &str) -> Self {
        LineIndex::of_bytes(text.as_bytes())
    }

    /// For bytes that may not be UTF-8 (a decoding error's position).
    pub fn of_bytes(bytes: &[u8]) -> Self {
        LineIndex(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i)
                .collect(),
        )
    }

    /// The line holding `byte`; past the end, the last line.
    pub fn line(&self, byte: usize) -> usize {
        self.0.partition_point(|&nl| nl < byte) + 1
    }
}

/// The line of one offset, when only one is wanted.
pub fn line_of(text: &str, byte: usize) -> usize {
    LineIndex::new(text).line(byte)
}

/// [`line_of`] for bytes that may not be UTF-8.
pub fn line_of_bytes(bytes: &[u8], byte: usize) -> usize {
    LineIndex::of_bytes(bytes).line(byte)
}

/// The natural key of a name: lower-case ASCII letters and digits joined by
/// single hyphens ("Paget's disease" -> "paget-s-disease").
///
/// Latin letters lose their accents ("Škoda" -> "skoda", "Sjögren" meets
/// "Sjogren"); Greek letters are spelled by name, as medicine writes them
/// ("β-blockers" -> "beta-blockers"); letters of other scripts keep a
/// distinct key by code point ("日" -> "u65e5").
pub fn slugify(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut gap = false;
    for ch in name.chars() {
        if ch.is_ascii() {
            push_ascii(&mut out, &mut gap, ch.encode_utf8(&mut [0; 4]));
        } else if let Some(greek) = greek_name(ch) {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
            out.push_str(greek);
            gap = true;
        } else if is_latin(ch) {
            // Combining accents fold to nothing, so a decomposed "é" slugs
            // like a composed one.
            push_ascii(&mut out, &mut gap, deunicode::deunicode_char(ch).unwrap_or(""));
        } else if ch.is_alphanumeric() {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
            out.push_str(&format!("u{:x}", ch as u32));
            gap = true;
        } else {
            gap = true;
        }
    }
    out
}

/// Append ASCII text to a slug: letters and digits lower-cased, anything
/// else a gap that becomes one hyphen before the next letter.
fn push_ascii(out: &mut String, gap: &mut bool, s: &str) {
    for ch in s.chars() {
        if ch.is_ascii_alphanumeric() {
            if *gap && !out.is_empty() {
                out.push('-');
            }
            out.push(ch.to_ascii_lowercase());
            *gap = false;
        } else {
            *gap = true;
        }
    }
}

/// Latin letters beyond ASCII (Latin-1, Extended-A/B, IPA, Additional,
/// ligatures) and combining diacritical marks: what transliterates to ASCII
/// without loss of identity.
fn is_latin(c: char) -> bool {
    matches!(c,
        '\u{00C0}'..='\u{024F}'
        | '\u{0250}'..='\u{02AF}'
        | '\u{0300}'..='\u{036F}'
        | '\u{1E00}'..='\u{1EFF}'
        | '\u{FB00}'..='\u{FB06}')
        && c != '\u{00D7}'
        && c != '\u{00F7}'
}

/// The name of a Greek letter, as medicine spells it in Latin script.
fn greek_name(c: char) -> Option<&'static str> {
    const NAMES: [&str; 24] = [
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda",
        "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
    ];
    let lower = c.to_lowercase().next()?;
    let index = match lower {
        'α'..='ρ' => lower as u32 - 'α' as u32,
        // Final sigma shares sigma's name; the letters after it shift by one.
        'ς' | 'σ' => 17,
        'τ'..='ω' => lower as u32 - 'α' as u32 - 1,
        _ => return None,
    };
    NAMES.get(index as usize).copied()
}

/// Whether every character of `text` outside ASCII is its own lower case
/// and only that (a no-break space, a bullet, "é"; not "É" nor "İ"): then
/// `text.to_lowercase()` is `text.to_ascii_lowercase()`. (ASCII is passed
/// eight bytes at a time, straight to the next other byte; only the other
/// characters are decoded.)
pub fn lower_outside_ascii(text: &str) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if let Some(chunk) = b.get(i..i + 8) {
            let high = u64::from_le_bytes(chunk.try_into().expect("eight bytes")) & HIGH;
            if high == 0 {
                i += 8;
                continue;
            }
            i += high.trailing_zeros() as usize / 8;
        } else if b[i] < 0x80 {
            i += 1;
            continue;
        }
        // (The no-break space, the commonest, without decoding it.)
        if b[i..].starts_with(&[0xC2, 0xA0]) {
            i += 2;
            continue;
        }
        let c = text[i..].chars().next().expect("a character starts here");
        let mut lower = c.to_lowercase();
        if !(lower.next() == Some(c) && lower.next().is_none()) {
            return false;
        }
        i += c.len_utf8();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_stable_natural_keys() {
        assert_eq!(slugify("Calcinosis Cutis"), "calcinosis-cutis");
        assert_eq!(
            slugify("  destructive bone disease (paget disease) "),
            "destructive-bone-disease-paget-disease"
        );
        assert_eq!(slugify("Sjögren's syndrome"), "sjogren-s-syndrome");
        assert_eq!(slugify("Æsthetic"), "aesthetic");
        assert_eq!(slugify("--"), "");
        // Other scripts keep distinct keys.
        assert_eq!(slugify("α-blockers"), "alpha-blockers");
        assert_eq!(slugify("β-blockers"), "beta-blockers");
        assert_eq!(slugify("Ω"), "omega");
        assert_eq!(slugify("αβγ"), "alpha-beta-gamma");
        assert_eq!(slugify("日本.txt"), "u65e5-u672c-txt");
        assert_ne!(slugify("ωμέγα"), "");
    }

    #[test]
    fn accents_fold_to_their_base_letters() {
        assert_eq!(slugify("Škoda"), "skoda");
        assert_eq!(slugify("Łódź"), "lodz");
        assert_eq!(slugify("Straßburg"), "strassburg");
        assert_eq!(slugify("Ménière's disease"), "meniere-s-disease");
        // Decomposed: 'e' followed by a combining acute accent.
        assert_eq!(slugify("Me\u{301}nie\u{300}re"), "meniere");
        assert_eq!(slugify("Øre × 2"), "ore-2");
    }

    /// The inlined answer for plain ends is the full work's answer, for
    /// every span (ends inside characters and past the text included).
    #[test]
    fn trim_of_plain_ends_as_the_full_work() {
        let doc = " a\u{a0}b:  «c» é\t:d\u{a0}\n";
        for extra in [&[][..], &[':'], &['a', '»'], &[' ', 'd']] {
            for start in 0..=doc.len() + 1 {
                for end in 0..=doc.len() + 2 {
                    let span = Span { start, end };
                    let got = trim(doc, span, extra);
                    assert_eq!(got, trim_any(doc, span, extra), "{span:?} {extra:?}");
                    // And as `str`'s trims of the span, cut to character boundaries.
                    let mut s = span;
                    s.end = s.end.min(doc.len());
                    while !doc.is_char_boundary(s.start) && s.start < s.end {
                        s.start += 1;
                    }
                    while !doc.is_char_boundary(s.end) {
                        s.end -= 1;
                    }
                    if s.start < s.end {
                        let skip = |c: char| c.is_whitespace() || extra.contains(&c);
                        let t = s.of(doc).trim_matches(skip);
                        assert_eq!(got.of(doc), t, "{span:?} {extra:?}");
                        if !t.is_empty() {
                            assert_eq!(
                                got.start,
                                s.start + s.of(doc).len() - s.of(doc).trim_start_matches(skip).len()
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn lines_count_from_one() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
        assert_eq!(line_of_bytes(b"a\n\xffb", 3), 2);
    }

    #[test]
    fn line_index_agrees_with_counting_newlines() {
        let text = "one\ntwo\n\nfour";
        let index = LineIndex::new(text);
        for b in 0..=text.len() {
            let counted = text.as_bytes()[..b].iter().filter(|c| **c == b'\n').count() + 1;
            assert_eq!(index.line(b), counted, "byte {b}");
        }
        assert_eq!(index.line(text.len()), 4);
    }
}
