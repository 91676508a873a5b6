//! Property tests: any article, in any format, is read without a panic,
//! and every fact quotes the stored text exactly.
//!
//! The articles are made of pieces real pages use (section names, cue
//! phrases, medicines, list markers, bold, tags) and of characters wider
//! than a byte (dashes, curly quotes, bullets, accents), which is where a
//! byte offset can land inside a character.

use super::*;
use crate::document::Format;
use proptest::prelude::*;

const HEADINGS: &[&str] = &[
    "Foo rash",
    "Types of foo rash",
    "Causes",
    "Symptoms",
    "Treatment",
    "Self-care",
    "When to get help",
    "Prevention",
    "Side effects",
    "## Treatment",
    "## Causes of foo rash",
    "<h2>Treatment</h2>",
    "<h2>Types</h2>",
    "**Symptoms**",
    "TREATMENT",
    "",
];

const PIECES: &[&str] = &[
    "foo rash",
    "Treatment:",
    "Symptoms:",
    "The main types are:",
    "caused by",
    "such as",
    "can help",
    "may need",
    "is a type of",
    "not",
    "avoid",
    "do not take",
    "It is caused mainly by",
    "ibuprofen",
    "keyhole surgery",
    "antibiotic cream (mupirocin)",
    "tablets",
    "cream",
    "damp socks",
    "itching",
    "red spots",
    "Wet foo rash",
    "Type 2 foo rash",
    "x",
    "and",
    "or",
    ",",
    ".",
    ";",
    ":",
    "(",
    ")",
    "[",
    "]",
    "–",
    "—",
    "’",
    "‘",
    "“",
    "”",
    "•",
    "·",
    "é",
    "ü",
    "½",
    "…",
    "\u{a0}",
    "\t",
    "**",
    "*",
    "_",
    "|",
    "<p>",
    "</p>",
    "<li>",
    "<b>",
    "</b>",
    "<br>",
    "&amp;",
    "&nbsp;",
    "00:01",
    "-->",
    "\n",
];

/// A line: a list marker or none, then pieces with or without spaces
/// between them.
fn line() -> impl Strategy<Value = String> {
    let marker = prop::sample::select(&["", "", "- ", "1. ", "* ", "> ", "• "][..]);
    let piece = (
        prop::sample::select(PIECES),
        prop::sample::select(&[" ", " ", ""][..]),
    );
    (marker, prop::collection::vec(piece, 1..12)).prop_map(|(m, ps)| {
        let mut out = m.to_owned();
        for (p, sep) in ps {
            out.push_str(p);
            out.push_str(sep);
        }
        out
    })
}

/// An article: headings and lines, apart or together.
fn article() -> impl Strategy<Value = String> {
    let block = prop_oneof![1 => prop::sample::select(HEADINGS).prop_map(str::to_owned), 3 => line()];
    let gap = prop::sample::select(&["\n\n", "\n\n", "\n"][..]);
    prop::collection::vec((block, gap), 0..30).prop_map(|bs| {
        let mut out = String::new();
        for (b, gap) in bs {
            out.push_str(&b);
            out.push_str(gap);
        }
        out
    })
}

/// A transcript: twelve or more lines each opening with a time (as a
/// video page's panel, a podcast's or a subtitle file's), to reach the
/// reader that joins cues into speech.
fn transcript() -> impl Strategy<Value = String> {
    let sep = prop::sample::select(&[" ", "\n"][..]);
    let speaker = prop::sample::select(&["", "", "", ">> ", "DR LEE: ", "[Music] ", "Sam: "][..]);
    let cue = (speaker, line(), 1..20u32);
    // One way of writing the times per transcript, and times that go on,
    // as real ones do.
    (0..4u8, sep, prop::collection::vec(cue, 12..40)).prop_map(|(style, sep, cues)| {
        let mut out = String::from("Foo rash explained\n\n");
        let mut at = 0;
        for (speaker, words, step) in cues {
            at += step;
            let (m, s) = (at / 60, at % 60);
            out.push_str(&match style {
                0 => format!("{m:02}:{s:02}"),
                1 => format!("{m}:{s:02}"),
                2 => format!("[00:{m:02}:{s:02}]"),
                _ => format!("0:{m:02}:{s:02}"),
            });
            out.push_str(sep);
            out.push_str(speaker);
            out.push_str(&words);
            out.push('\n');
        }
        out
    })
}

fn check(source: &str, format: Format) {
    let document = Document::parse(source, format);
    let seed = crate::extract::extract(&document, "foo-rash.txt", &Vocabulary::builtin());
    for condition in &seed.conditions {
        for (kind, name, q) in condition.quoted() {
            assert_eq!(
                document.text.get(q.start..q.end),
                Some(q.text.as_str()),
                "{kind} {name:?} misquoted"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_text_article_is_read(source in article()) {
        check(&source, Format::Text);
    }

    #[test]
    fn any_transcript_is_read(source in transcript()) {
        check(&source, Format::Text);
    }

    #[test]
    fn any_markdown_article_is_read(source in article()) {
        check(&source, Format::Markdown);
    }

    #[test]
    fn any_html_article_is_read(source in article()) {
        check(&source, Format::Html);
    }
}
