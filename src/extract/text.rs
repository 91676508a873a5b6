//! Text primitives for extraction: lines with byte offsets, trimming that
//! keeps offsets, heading and bullet recognition, inline list splitting.

pub use crate::text::{trim, Span};

use super::rules::{words, List};

/// Sentences of a prose span, as spans (split after '.', '!' or '?'
/// followed by a space, and at the end).
pub fn sentences(doc: &str, span: Span) -> Vec<Span> {
    super::sentence_memo::sentences(doc, span, || split_sentences(doc, span))
}

/// [`sentences`], split anew.
pub(super) fn split_sentences(doc: &str, span: Span) -> Vec<Span> {
    let text = span.of(doc);
    let mut out = Vec::new();
    let mut start = 0;
    // (By bytes: the marks are ASCII, and no other character's bytes are.)
    for (i, b) in text.bytes().enumerate() {
        if matches!(b, b'.' | b'!' | b'?') {
            // "chocolate.[7] Low levels ...": citation markers after the
            // full stop belong to neither sentence.
            let marks = citation_marks(&text[i + 1..]);
            let next = text[i + 1 + marks..].chars().next();
            // Abbreviations ("e.g.", "Dr.") are not sentence ends.
            let prev_short = text[start..i]
                .rsplit(char::is_whitespace)
                .next()
                .is_some_and(|w| w.chars().count() == 1 || w.contains('.'));
            if next.is_none_or(char::is_whitespace) && !prev_short {
                let s = trim(
                    doc,
                    Span {
                        start: span.start + start,
                        end: span.start + i,
                    },
                    &[],
                );
                if !s.is_empty() {
                    out.push(s);
                }
                start = i + 1 + marks;
            }
        }
    }
    let s = trim(
        doc,
        Span {
            start: span.start + start,
            end: span.end,
        },
        &[],
    );
    if !s.is_empty() {
        out.push(s);
    }
    out
}

/// The length of the citation markers ("[7]", "[5][6]", "[edit]") that
/// `text` opens with: bracketed digits or one short lower-case word.
fn citation_marks(text: &str) -> usize {
    let mut len = 0;
    while let Some(rest) = text[len..].strip_prefix('[') {
        let Some(close) = rest.find(']') else { break };
        let inner = &rest[..close];
        let digits = !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_digit());
        let word = (1..=12).contains(&inner.len()) && inner.bytes().all(|b| b.is_ascii_lowercase());
        if !(digits || word) {
            break;
        }
        len += close + 2;
    }
    len
}

/// Find `needle` (ASCII, lower case) in `span` case-insensitively, as
/// whole words; returns the byte offset in the document.
pub fn find_words(doc: &str, span: Span, needle: &str) -> Option<usize> {
    find_words_in(&span.of(doc).to_ascii_lowercase(), needle).map(|i| span.start + i)
}

/// [`find_words`] in a copy already lower-cased (`to_ascii_lowercase`), so
/// a caller looking for several needles lower-cases once; the offset is
/// into `hay`.
pub fn find_words_in(hay: &str, needle: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = find_in(&hay[from..], needle).map(|i| i + from) {
        let before = hay[..i].chars().next_back();
        let after = hay[i + needle.len()..].chars().next();
        if before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric()) {
            return Some(i);
        }
        from = i + needle.len();
    }
    None
}

/// `hay.find(needle)`, by its first byte then a comparison: the texts
/// searched here are a sentence or shorter, for which `str::find` spends
/// more setting up its searcher than searching.
pub fn find_in(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return Some(0);
    };
    let last = h.len().checked_sub(n.len())?;
    (0..=last).find(|&i| h[i] == first && &h[i..i + n.len()] == n)
}

/// The trimmed spans before and after `len` bytes at `at` inside `span`
/// ("A and B" around "and": "A", "B").
pub fn around(doc: &str, span: Span, at: usize, len: usize, extra: &[char]) -> (Span, Span) {
    (
        trim(
            doc,
            Span {
                start: span.start,
                end: at,
            },
            extra,
        ),
        trim(
            doc,
            Span {
                start: at + len,
                end: span.end,
            },
            extra,
        ),
    )
}

/// The trimmed parts of `span` before and after the earliest of `seps`
/// (lower case; looked for in the [`fold`]ed copy).
pub fn split_first(doc: &str, span: Span, seps: &'static [&'static str]) -> Option<(Span, Span)> {
    let lower = super::folded::of(doc, span);
    // One automaton scan for all of them (a rules list can be long).
    let (at, len) = super::rules::earliest_of(seps, &lower)?;
    Some(around(doc, span, span.start + at, len, &[]))
}

/// Byte offsets in `text` where words start, a word being a run of the
/// characters `is_word` accepts.
pub fn word_starts<'a>(
    text: &'a str,
    is_word: impl Fn(char) -> bool + 'a,
) -> impl Iterator<Item = usize> + 'a {
    let mut previous = None;
    text.char_indices().filter_map(move |(i, c)| {
        let start = is_word(c) && !previous.is_some_and(&is_word);
        previous = Some(c);
        start.then_some(i)
    })
}

/// A lower-case copy with the same byte offsets as `s`: ASCII letters
/// folded, a non-breaking space (two bytes) read as two spaces. Offsets
/// found in it index `s` itself; `str::to_lowercase` gives no such promise.
pub fn fold(s: &str) -> String {
    let lower = s.to_ascii_lowercase();
    if lower.is_ascii() {
        return lower;
    }
    // U+00A0 is the bytes C2 A0, two spaces as long: changed in place.
    let mut bytes = lower.into_bytes();
    for i in 1..bytes.len() {
        if bytes[i] == 0xA0 && bytes[i - 1] == 0xC2 {
            bytes[i - 1] = b' ';
            bytes[i] = b' ';
        }
    }
    String::from_utf8(bytes).expect("a UTF-8 pair replaced by two ASCII bytes")
}

/// Whether a word of `text` is a negation ("Things that DON'T cause
/// glaucoma"): rules data, each word compared as folded.
pub fn has_negation(text: &str) -> bool {
    text.split_whitespace()
        .any(|w| folds_to_one_of(w, words(List::Negation)))
}

/// Whether [`fold`] of `s` is one of `words`, without the copy. The fold
/// of a text without U+00A0 is its ASCII lower case: equal to a word that
/// holds no ASCII capital and matches it ignoring ASCII case.
pub fn folds_to_one_of(s: &str, words: &[&str]) -> bool {
    if s.contains('\u{a0}') {
        return words.contains(&fold(s).as_str());
    }
    words
        .iter()
        .any(|w| w.eq_ignore_ascii_case(s) && !w.bytes().any(|b| b.is_ascii_uppercase()))
}

/// Split an inline list ("A , B and C", "A, B or C") into item spans.
/// Commas and semicolons separate items; in the last one a first " and " /
/// " or " does too ("diltiazem and magnesium and aluminium antacids" ->
/// "diltiazem", "magnesium and aluminium antacids").
pub fn split_list(doc: &str, span: Span) -> Vec<Span> {
    split_list_marked(doc, span).into_iter().map(|(s, _)| s).collect()
}

/// [`split_list`], marking the item after a list's closing conjunction
/// (true): it may itself hold "and" ("magnesium and aluminium antacids")
/// and must not be split again.
pub fn split_list_marked(doc: &str, span: Span) -> Vec<(Span, bool)> {
    let text = span.of(doc);
    let mut parts: Vec<Span> = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' | ';' if depth == 0 => {
                parts.push(Span {
                    start: span.start + start,
                    end: span.start + i,
                });
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(Span {
        start: span.start + start,
        end: span.end,
    });
    let mut out: Vec<(Span, bool)> = Vec::new();
    let count = parts.len();
    for (n, part) in parts.into_iter().enumerate() {
        let mut part = trim(doc, part, &[]);
        // "A, B, and C": the serial comma leaves "and C".
        for conj in ["and ", "or "] {
            let opening = part.of(doc).as_bytes().get(..conj.len());
            if opening.is_some_and(|o| o.eq_ignore_ascii_case(conj.as_bytes())) {
                part = trim(
                    doc,
                    Span {
                        start: part.start + conj.len(),
                        end: part.end,
                    },
                    &[],
                );
            }
        }
        // A part that opens with a relative or qualifying word qualifies the
        // item before it ("the pill , for women whose acne flares", "loose
        // clothes , in black or white"): it is not an item.
        if part.is_empty() || opens_with_qualifier(part.of(doc)) {
            continue;
        }
        let lower = part.of(doc).to_ascii_lowercase();
        let joiner = [" and / or ", " and/or ", " and ", " or "]
            .iter()
            .filter_map(|j| find_in(&lower, j).map(|i| (i, j.len())))
            .min();
        // Only the last part holds the list's closing conjunction; earlier
        // parts keep theirs ("squeezing or picking spots, ...").
        match joiner {
            Some((i, len)) if n + 1 == count && count > 1 => {
                let head = Span {
                    start: part.start,
                    end: part.start + i,
                };
                let tail = Span {
                    start: part.start + i + len,
                    end: part.end,
                };
                // "hypercalcaemia and / hyperphosphataemia": a stray slash
                // of "and/or" belongs to neither item.
                out.push((trim(doc, head, &['/']), false));
                out.push((trim(doc, tail, &['/']), true));
            }
            _ => out.push((part, false)),
        }
    }
    out.retain(|(s, _)| !s.is_empty() && !opens_with_qualifier(s.of(doc)));
    out
}

fn opens_with_qualifier(text: &str) -> bool {
    // "the varicella virus , the same virus that causes chickenpox"
    let same = "the same ".as_bytes();
    if text
        .as_bytes()
        .get(..same.len())
        .is_some_and(|o| o.eq_ignore_ascii_case(same))
    {
        return true;
    }
    // Only the first word is lower-cased (ASCII case keeps word ends).
    let first = text.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    let mut buf = [0u8; 32];
    let first = match buf.get_mut(..first.len()) {
        Some(buf) if first.is_ascii() => {
            buf.copy_from_slice(first.as_bytes());
            buf.make_ascii_lowercase();
            std::str::from_utf8(buf).expect("ASCII")
        }
        _ => return words(List::Qualifiers).contains(&first.to_ascii_lowercase().as_str()),
    };
    words(List::Qualifiers).contains(&first)
}

/// Where the first of some marks (each opening with an ASCII byte)
/// starts in `text`: the least of a `find` of each, in one pass.
pub(super) fn first_of(text: &str, marks: &[&str]) -> Option<usize> {
    // The marks' first bytes: most bytes open none, and are passed by one
    // look-up (every block's text is scanned for a run-in label).
    let mut opens = [false; 256];
    for m in marks {
        opens[usize::from(m.as_bytes()[0])] = true;
    }
    let b = text.as_bytes();
    (0..b.len()).find(|&i| {
        opens[usize::from(b[i])]
            && marks
                .iter()
                .any(|m| m.as_bytes()[0] == b[i] && b[i..].starts_with(m.as_bytes()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The texts a splitter gives for the whole of `doc`.
    fn pieces(doc: &str, split: fn(&str, Span) -> Vec<Span>) -> Vec<&str> {
        let all = Span {
            start: 0,
            end: doc.len(),
        };
        split(doc, all).iter().map(|s| s.of(doc)).collect()
    }

    /// A fold looked up without its copy answers as the copy does.
    #[test]
    fn folds_to_one_of_as_the_copy() {
        let words = ["not", "Never", "can't", "café", "  x", "no"];
        for text in [
            "not", "NOT", "Not", "never", "Never", "CAN'T", "café", "CAFÉ", "Café", "\u{a0}x", "no\u{a0}",
            "", "nO",
        ] {
            assert_eq!(
                folds_to_one_of(text, &words),
                words.contains(&fold(text).as_str()),
                "{text:?}"
            );
        }
    }

    /// The fold as its byte-pair rewrite, and the test for text that
    /// lower-cases byte by byte as `to_lowercase` says.
    #[test]
    fn folds_and_lower_cases_as_the_long_way() {
        let long = "An ASCII run longer than thirty-two bytes, then ";
        for text in [
            "",
            "plain",
            "Fever\u{a0}AND Chills\u{a0}",
            "\u{2022} itch\u{a0}\u{a0}x",
            "Gout – FACTS’ café",
            "İstanbul",
            "ÉCZEMA",
            "\u{3a3}x",
            "ß and ǅ",
            &format!("{long}é"),
            &format!("{long}É{long}"),
            &format!("{long}{long}\u{a0}"),
        ] {
            let mut pairs = text.to_ascii_lowercase().into_bytes();
            for i in 1..pairs.len() {
                if pairs[i] == 0xA0 && pairs[i - 1] == 0xC2 {
                    pairs[i - 1] = b' ';
                    pairs[i] = b' ';
                }
            }
            assert_eq!(fold(text).into_bytes(), pairs, "{text}");
            let bytewise = text.to_lowercase() == text.to_ascii_lowercase();
            let own = text.chars().all(|c| c.is_ascii() || c.to_lowercase().eq([c]));
            assert_eq!(crate::text::lower_outside_ascii(text), own, "{text}");
            assert!(!own || bytewise, "{text}");
        }
    }

    #[test]
    fn splits_inline_lists_keeping_offsets() {
        let doc = "corticosteroids , colchicine , diltiazem and magnesium and aluminium antacids";
        let items: Vec<&str> = pieces(doc, split_list);
        assert_eq!(
            items,
            [
                "corticosteroids",
                "colchicine",
                "diltiazem",
                "magnesium and aluminium antacids"
            ]
        );
        let doc = "hot drinks, spicy food, alcohol ( especially red wine ) and sunlight";
        let items: Vec<&str> = pieces(doc, split_list);
        assert_eq!(
            items,
            [
                "hot drinks",
                "spicy food",
                "alcohol ( especially red wine )",
                "sunlight"
            ]
        );
    }

    #[test]
    fn word_starts_follow_the_word_test() {
        let text = "take co-amoxiclav, 5% cream";
        assert_eq!(
            word_starts(text, char::is_alphanumeric).collect::<Vec<_>>(),
            [0, 5, 8, 19, 22]
        );
        let with_hyphen = |c: char| c.is_alphanumeric() || c == '-';
        assert_eq!(word_starts(text, with_hyphen).collect::<Vec<_>>(), [0, 5, 19, 22]);
    }

    #[test]
    fn sentences_split_on_terminal_punctuation() {
        let doc = "One thing . Another , e.g. this! Last";
        let s: Vec<&str> = pieces(doc, sentences);
        assert_eq!(s, ["One thing", "Another , e.g. this", "Last"]);
    }

    #[test]
    fn citation_markers_after_a_full_stop_belong_to_neither_sentence() {
        let doc = "Foods such as nuts.[7] Low citrate also counts.[5][6] See [a] note. Ends.[edit]";
        let s: Vec<&str> = pieces(doc, sentences);
        assert_eq!(
            s,
            [
                "Foods such as nuts",
                "Low citrate also counts",
                "See [a] note",
                "Ends"
            ]
        );
        // A bracket that is no marker stays where it is.
        let doc = "It ends.[Not a marker] here";
        let all = Span {
            start: 0,
            end: doc.len(),
        };
        assert_eq!(sentences(doc, all).len(), 1);
    }
}
