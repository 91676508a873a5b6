//! Text primitives for extraction: lines with byte offsets, trimming that
//! keeps offsets, heading and bullet recognition, inline list splitting.

pub use crate::text::{trim, Span};

/// What a line of an article is.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Blank,
    /// A list item; the span is the item text without its marker.
    Bullet(Span),
    /// A heading; the span is its text without markers, numbering or the
    /// trailing colon/question mark.
    Heading(Heading),
    Prose,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub title: Span,
    /// Numbered or lettered ("1.", "b)", "IV.", "Type 2 -"): a type heading
    /// when it sits in a causes section.
    pub numbered: bool,
    /// A question ("What are the symptoms ?").
    pub question: bool,
    /// Markdown depth, 0 when not a Markdown heading.
    pub depth: usize,
    /// A short label line ending in ':' ("Symptoms:"): a heading only when
    /// its words name a section; otherwise ("Other tips :") it introduces
    /// the list below it, as prose does.
    pub label: bool,
}

pub struct Line {
    pub span: Span,
    pub kind: Kind,
}

/// Split a document into classified lines.
pub fn lines(doc: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    for raw in doc.split_inclusive('\n') {
        let end = start + raw.trim_end_matches(['\n', '\r']).len();
        let span = Span { start, end };
        let kind = classify(doc, span);
        match (&kind, run_in_heading(doc, span)) {
            // "a) Plaque psoriasis - the most common type. It is ...": a
            // numbered title with its text run in on the same line.
            (Kind::Prose, Some((title, rest))) => {
                let mut h = heading_of(doc, title);
                h.numbered = true;
                out.push(Line {
                    span: title,
                    kind: Kind::Heading(h),
                });
                out.push(Line {
                    span: rest,
                    kind: Kind::Prose,
                });
            }
            _ => out.push(Line { span, kind }),
        }
        start += raw.len();
    }
    // A short untitled line standing alone between blank lines is a plain
    // heading ("Rosacea", "The 4 subtypes of rosacea and their triggers").
    for i in 0..out.len() {
        let alone = (i == 0 || out[i - 1].kind == Kind::Blank)
            && out.get(i + 1).is_none_or(|l| l.kind == Kind::Blank);
        if out[i].kind == Kind::Prose && alone {
            let t = trim(doc, out[i].span, &[]);
            let text = t.of(doc);
            let words = text.split_whitespace().count();
            let starts_upper = text.chars().next().is_some_and(char::is_uppercase);
            if words <= 10 && starts_upper && !text.ends_with(['.', ',', ';', ':', '!']) {
                out[i].kind = Kind::Heading(heading_of(doc, t));
            }
        }
    }
    out
}

const BULLETS: &[char] = &['•', '-', '*', '+', '·', '–', '○', '▪', '◦'];

fn classify(doc: &str, line: Span) -> Kind {
    let t = trim(doc, line, &[]);
    if t.is_empty() {
        return Kind::Blank;
    }
    let text = t.of(doc);
    let first = text.chars().next().unwrap_or(' ');
    // Bullets: a marker followed by a space ('•' may touch its text).
    if BULLETS.contains(&first) {
        let rest = &text[first.len_utf8()..];
        if first == '•' || rest.starts_with(char::is_whitespace) {
            let item = trim(
                doc,
                Span {
                    start: t.start + first.len_utf8(),
                    end: t.end,
                },
                &[],
            );
            if !item.is_empty() {
                return Kind::Bullet(item);
            }
        }
    }
    // Markdown headings.
    let hashes = text.chars().take_while(|c| *c == '#').count();
    if hashes > 0 && text[hashes..].starts_with(char::is_whitespace) {
        let inner = trim(
            doc,
            Span {
                start: t.start + hashes,
                end: t.end,
            },
            &[],
        );
        let numbered = numbered_title(doc, inner);
        let mut h = heading_of(doc, numbered.unwrap_or(inner));
        h.numbered = numbered.is_some();
        h.depth = hashes;
        return Kind::Heading(h);
    }
    // A line that is all bold ("**Symptoms**", "__Treatment options__") is
    // a heading in Markdown-ish writing.
    for mark in ["**", "__"] {
        if text.len() > 2 * mark.len() && text.starts_with(mark) && text.ends_with(mark) {
            let inner = trim(
                doc,
                Span {
                    start: t.start + mark.len(),
                    end: t.end - mark.len(),
                },
                &[],
            );
            // "*****" is a rule, not a heading.
            let words = inner.of(doc).chars().any(char::is_alphanumeric);
            if words && !inner.of(doc).contains(mark) {
                let numbered = numbered_title(doc, inner);
                let mut h = heading_of(doc, numbered.unwrap_or(inner));
                h.numbered = numbered.is_some();
                return Kind::Heading(h);
            }
        }
    }
    let words = text.split_whitespace().count();
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let ends_sentence = text.ends_with('.') || text.ends_with(',') || text.ends_with(';');
    // Numbered type headings: "1. X :", "b) X", "IV. X", "Type 2 - X".
    if let Some(title) = numbered_title(doc, t) {
        if words <= 12 && !ends_sentence {
            let mut h = heading_of(doc, title);
            h.numbered = true;
            return Kind::Heading(h);
        }
    }
    // All-capital lines ("WHAT ARE THE CAUSES OF X ?", "ACNE :").
    if letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase()) && words <= 14 {
        return Kind::Heading(heading_of(doc, t));
    }
    // Short labels ("Symptoms:", "Risk factors :"): a noun phrase, not the
    // start of a sentence ("Common causes include :").
    let verb = text.split(|c: char| !c.is_alphanumeric()).any(|w| {
        [
            "include",
            "includes",
            "including",
            "are",
            "is",
            "may",
            "can",
            "such",
            "like",
        ]
        .contains(&w.to_ascii_lowercase().as_str())
    });
    if text.ends_with(':') && words <= 4 && first.is_uppercase() && !verb {
        let mut h = heading_of(doc, t);
        h.label = true;
        return Kind::Heading(h);
    }
    // Short questions ("What are the symptoms ?").
    if text.ends_with('?') && words <= 14 && first.is_uppercase() {
        return Kind::Heading(heading_of(doc, t));
    }
    Kind::Prose
}

/// A numbered line whose short title is followed, after " - " or ":", by
/// its text: (title, text).
fn run_in_heading(doc: &str, line: Span) -> Option<(Span, Span)> {
    let title = numbered_title(doc, trim(doc, line, &[]))?;
    let (head, rest) = split_first(doc, title, &[" - ", " – ", " : ", ": "])?;
    let words = head.of(doc).split_whitespace().count();
    let plain = !head.of(doc).contains(['.', ',', ';']);
    (words > 0 && words <= 6 && plain && !rest.is_empty()).then_some((head, rest))
}

/// The heading title without trailing ':'/'?' and spaces.
fn heading_of(doc: &str, span: Span) -> Heading {
    // "1. Hormonal acne - " with nothing after: the dash is no part of it.
    let title = trim(doc, span, &[':', '?', '.', '-', '–']);
    let question = span.of(doc).trim_end().ends_with('?');
    Heading {
        title,
        numbered: false,
        question,
        depth: 0,
        label: false,
    }
}

const ROMAN: &[&str] = &[
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii",
];
const TYPE_WORDS: &[&str] = &["type", "form", "stage", "grade", "class", "subtype"];

/// The title after a numbering prefix, if the line has one.
fn numbered_title(doc: &str, line: Span) -> Option<Span> {
    let text = line.of(doc);
    let mut words = text.splitn(2, char::is_whitespace);
    let first = words.next()?;
    let lower = first.to_lowercase();
    // "Type 2 - X" / "Form B: X"
    if TYPE_WORDS.contains(&lower.as_str()) {
        let rest = words.next()?.trim_start();
        let num_len = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
        if num_len == 0 || num_len > 4 {
            return None;
        }
        let after = &rest[num_len..];
        let sep = after.trim_start();
        let sep = sep.strip_prefix(['-', ':', '–', '.', ')']).unwrap_or(sep);
        if sep.len() == after.len() && !after.starts_with(char::is_whitespace) {
            return None;
        }
        let start = line.end - sep.len();
        let title = trim(doc, Span { start, end: line.end }, &[]);
        return (!title.is_empty()).then_some(title);
    }
    // "1." "1)" "b." "b)" "IV."
    let marker = first.strip_suffix(['.', ')'])?;
    let is_number = !marker.is_empty() && marker.len() <= 3 && marker.chars().all(|c| c.is_ascii_digit());
    let is_letter = marker.len() == 1
        && marker
            .chars()
            .all(|c| ('a'..='h').contains(&c.to_ascii_lowercase()));
    let is_roman =
        ROMAN.contains(&marker.to_lowercase().as_str()) && marker.chars().all(|c| c.is_uppercase());
    if !(is_number || is_letter || is_roman) {
        return None;
    }
    let title = trim(
        doc,
        Span {
            start: line.start + first.len(),
            end: line.end,
        },
        &[],
    );
    // A sentence that happens to start with a letter and a dot is not one.
    (!title.is_empty() && title.of(doc).chars().next().is_some_and(|c| c.is_alphabetic())).then_some(title)
}

/// Sentences of a prose span, as spans (split after '.', '!' or '?'
/// followed by a space, and at the end).
pub fn sentences(doc: &str, span: Span) -> Vec<Span> {
    let text = span.of(doc);
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?') {
            let next = text[i + 1..].chars().next();
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
                start = i + 1;
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

/// Find `needle` (ASCII, lower case) in `span` case-insensitively, as
/// whole words; returns the byte offset in the document.
pub fn find_words(doc: &str, span: Span, needle: &str) -> Option<usize> {
    let hay = span.of(doc).to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle).map(|i| i + from) {
        let before = hay[..i].chars().next_back();
        let after = hay[i + needle.len()..].chars().next();
        if before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric()) {
            return Some(span.start + i);
        }
        from = i + needle.len();
    }
    None
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
pub fn split_first(doc: &str, span: Span, seps: &[&str]) -> Option<(Span, Span)> {
    let lower = fold(span.of(doc));
    let (at, len) = seps
        .iter()
        .filter_map(|sep| lower.find(sep).map(|i| (i, sep.len())))
        .min()?;
    Some(around(doc, span, span.start + at, len, &[]))
}

/// A lower-case copy with the same byte offsets as `s`: ASCII letters
/// folded, a non-breaking space (two bytes) read as two spaces. Offsets
/// found in it index `s` itself; `str::to_lowercase` gives no such promise.
pub fn fold(s: &str) -> String {
    s.to_ascii_lowercase().replace('\u{a0}', "  ")
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
            if part.of(doc).to_ascii_lowercase().starts_with(conj) {
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
            .filter_map(|j| lower.find(j).map(|i| (i, j.len())))
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
    let lower = text.to_ascii_lowercase();
    // "the varicella virus , the same virus that causes chickenpox"
    if lower.starts_with("the same ") {
        return true;
    }
    let first = lower.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    QUALIFIERS.contains(&first)
}

/// Words that open a qualification rather than a list item.
const QUALIFIERS: &[&str] = &[
    "for",
    "who",
    "whose",
    "which",
    "where",
    "when",
    "while",
    "whereas",
    "in",
    "to",
    "as",
    "especially",
    "mainly",
    "mostly",
    "usually",
    "often",
    "making",
    "although",
    "though",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(doc: &str) -> Vec<Kind> {
        lines(doc).into_iter().map(|l| l.kind).collect()
    }

    #[test]
    fn recognises_bullets_of_every_marker() {
        let doc = "  • one\u{a0}\n- two \n* three\n•four\n-not a bullet\n";
        let got: Vec<&str> = lines(doc)
            .iter()
            .filter_map(|l| match l.kind {
                Kind::Bullet(s) => Some(s.of(doc)),
                _ => None,
            })
            .collect();
        assert_eq!(got, ["one", "two", "three", "four"]);
    }

    #[test]
    fn recognises_heading_styles() {
        let doc = "WHAT ARE THE CAUSES OF X ?\n## Signs and symptoms\n1. DYSTROPHIC X :\n### 2. Inflammatory x\nType 1 - Ocular x ( OX )\nb) lettered form\nIV. Roman form\nWhat are the symptoms ?\nA plain sentence.\n";
        let titles: Vec<(String, bool)> = lines(doc)
            .iter()
            .filter_map(|l| match &l.kind {
                Kind::Heading(h) => Some((h.title.of(doc).to_owned(), h.numbered)),
                _ => None,
            })
            .collect();
        assert_eq!(
            titles,
            [
                ("WHAT ARE THE CAUSES OF X".to_owned(), false),
                ("Signs and symptoms".to_owned(), false),
                ("DYSTROPHIC X".to_owned(), true),
                ("Inflammatory x".to_owned(), true),
                ("Ocular x ( OX )".to_owned(), true),
                ("lettered form".to_owned(), true),
                ("Roman form".to_owned(), true),
                ("What are the symptoms".to_owned(), false),
            ]
        );
        assert_eq!(
            kinds("1. This is a numbered sentence that ends.\n")[0],
            Kind::Prose
        );
    }

    #[test]
    fn splits_inline_lists_keeping_offsets() {
        let doc = "corticosteroids , colchicine , diltiazem and magnesium and aluminium antacids";
        let items: Vec<&str> = split_list(
            doc,
            Span {
                start: 0,
                end: doc.len(),
            },
        )
        .iter()
        .map(|s| s.of(doc))
        .collect();
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
        let items: Vec<&str> = split_list(
            doc,
            Span {
                start: 0,
                end: doc.len(),
            },
        )
        .iter()
        .map(|s| s.of(doc))
        .collect();
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
    fn sentences_split_on_terminal_punctuation() {
        let doc = "One thing . Another , e.g. this! Last";
        let s: Vec<&str> = sentences(
            doc,
            Span {
                start: 0,
                end: doc.len(),
            },
        )
        .iter()
        .map(|s| s.of(doc))
        .collect();
        assert_eq!(s, ["One thing", "Another , e.g. this", "Last"]);
    }
}
