//! Stage (b), condition detection: which condition an article is about,
//! from several signals scored together.
//!
//! Each title and heading proposes its subject (the heading less its
//! section words and filler: "How is scabies treated?" proposes
//! "scabies"), and an "X is a ..." sentence near the top proposes X. A
//! candidate scores for every block that proposes it, more for the title
//! and a definition, and for every other proposal it is part of ("asthma"
//! gains from "allergic asthma"), so the name a page keeps coming back to
//! wins over its chrome and its one-off headings. The file name is the
//! last resort.

use crate::document::{BlockKind, Document};
use crate::text::{trim, Span};

pub use super::chrome::{block_is_chrome, is_chrome};
pub use super::keys::key;
use super::names::normalize_name;
use super::phrases::is_generic;
use super::rules::{List, Rules};
use super::text::{first_of, sentences};
use super::Vocabulary;

/// Where the condition's name was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Signal {
    /// Given by the user (`kb extract --condition`).
    Given,
    /// Proposed by the document's title, headings or definition.
    Document,
    /// Only the file name names it.
    FileName,
}

/// The detected condition: its normalised name, the span that names it,
/// and how it was found.
#[derive(Debug, Clone)]
pub struct Detected {
    pub name: String,
    pub span: Span,
    pub signal: Signal,
    /// The abbreviation the page uses for it more than its name ("TB"):
    /// what kinds of it are named after ("Active TB disease").
    pub short: Option<String>,
    /// Where the page gives its abbreviation ("Tuberculosis (TB)"): an alias.
    pub abbreviation: Option<Span>,
}

struct Candidate {
    key: String,
    name: String,
    span: Span,
    score: f64,
    first: usize,
}

/// The subject a heading proposes: its text before a ':' or dash, less
/// its section words and filler, as one run of words. `None` when nothing
/// but filler is left, or the run is too long to be a name.
pub fn subject(doc: &str, span: Span, rules: &Rules) -> Option<Span> {
    // Asked of one heading by several stages: answered once per text, as
    // offsets into it (the work reads nothing outside the span).
    let found = super::memo::cached(&super::memo::SUBJECTS, rules.id(), span.of(doc), || {
        find_subject(doc, span, rules).map(|s| (s.start - span.start, s.end - span.start))
    });
    found.map(|(start, end)| Span {
        start: span.start + start,
        end: span.start + end,
    })
}

fn find_subject(doc: &str, span: Span, rules: &Rules) -> Option<Span> {
    // "Q: What is sinusitis?", "Re: ringing ears": a short marker before a
    // colon is no part of the heading.
    let text = span.of(doc);
    let colon = text.bytes().position(|b| b == b':');
    let span = match colon.map(|at| (&text[..at], &text[at + 1..])) {
        Some((marker, rest)) if marker.trim().len() <= 3 && !rest.trim().is_empty() => trim(
            doc,
            Span {
                start: span.start + marker.len() + 1,
                end: span.end,
            },
            &[],
        ),
        _ => span,
    };
    let text = span.of(doc);
    let cut = first_of(text, &[":", " - ", " – ", " | ", " — ", "(", "["]).unwrap_or(text.len());
    let head = trim(
        doc,
        Span {
            start: span.start,
            end: span.start + cut,
        },
        &['?', '!', '.', '"', '*', '#'],
    );
    let section_hit = rules.section(head.of(doc)).map(|(_, h)| h);
    let filler = rules.list(List::HeadingFiller);
    // Words with their spans; section words and filler are gaps.
    let mut runs: Vec<Span> = Vec::new();
    let mut current: Option<Span> = None;
    // One word parted from the next only by "and" or "&" ("Sprains and
    // strains", "Cuts & grazes"): one name, the two joined. (Not longer
    // runs: "Diverticular disease and diverticulitis" names two.)
    let mut joined: Option<Span> = None;
    let htext = head.of(doc);
    let mut at = 0;
    // (The words between spaces, found by bytes: `split(' ')` sets up a
    // searcher, and a heading is a few words.)
    for piece in htext.as_bytes().split(|&b| b == b' ') {
        let w_start = at;
        at += piece.len() + 1;
        if piece.is_empty() {
            continue;
        }
        let word = &htext[w_start..w_start + piece.len()];
        let in_section = section_hit.is_some_and(|h| w_start >= h.start && w_start < h.end + 1);
        let gap = in_section || filler.equals(word) || word.chars().all(|c| !c.is_alphanumeric());
        if gap {
            let and = !in_section && (word.eq_ignore_ascii_case("and") || word == "&");
            match current.take() {
                Some(run) if and && joined.is_none() && !run.of(doc).contains(' ') => joined = Some(run),
                Some(run) => runs.push(run),
                None => runs.extend(joined.take()),
            }
            continue;
        }
        if let Some(first) = joined.take() {
            // (Joined only if this word is the whole second run.)
            let next_is_gap = htext[at.min(htext.len())..]
                .split(' ')
                .find(|w| !w.is_empty())
                .is_none_or(|w| filler.equals(w) || w.chars().all(|c| !c.is_alphanumeric()));
            if next_is_gap {
                current = Some(Span {
                    start: first.start,
                    end: head.start + w_start + word.len(),
                });
                continue;
            }
            runs.push(first);
        }
        let w = Span {
            start: head.start + w_start,
            end: head.start + w_start + word.len(),
        };
        current = Some(match current {
            Some(run) => Span {
                start: run.start,
                end: w.end,
            },
            None => w,
        });
    }
    runs.extend(current);
    runs.extend(joined);
    let run = runs
        .into_iter()
        .max_by_key(|r| (r.end - r.start, std::cmp::Reverse(r.start)))?;
    let run = trim(doc, run, &['\'', '"', ',', '?', '.', '’']);
    let words = run.of(doc).split_whitespace().count();
    (words > 0 && words <= 5 && run.of(doc).chars().any(char::is_alphabetic)).then_some(run)
}

/// Find the condition of a document, or `None` when neither the document
/// nor the file name proposes one.
pub fn detect(doc: &Document, file_name: &str, rules: &Rules, vocab: &Vocabulary) -> Option<Detected> {
    let chrome: Vec<bool> = doc
        .blocks
        .iter()
        .map(|b| block_is_chrome(doc, b, rules))
        .collect();
    detect_in(doc, file_name, rules, vocab, &chrome)
}

/// [`detect`], given which blocks are page chrome (the extractor finds
/// that once for detection and the walk).
pub(super) fn detect_in(
    doc: &Document,
    file_name: &str,
    rules: &Rules,
    vocab: &Vocabulary,
    chrome: &[bool],
) -> Option<Detected> {
    let text = doc.text.as_str();
    let mut candidates: Vec<Candidate> = Vec::new();
    // A text proposed again (an article names its condition in heading
    // after heading) gets the answer of its first proposal: its name,
    // tests and key depend on the text alone.
    let mut proposed = super::proposals::Seen::default();
    let mut propose = |span: Span, weight: f64, order: usize| {
        let raw = span.of(text);
        let found = proposed.answer(raw, || {
            let name = normalize_name(raw, vocab);
            if name.is_empty()
                || super::memo::is_chrome(raw, rules)
                || rules.section(&name).is_some()
                || rules.list(List::NotConditionWords).equals(&name)
            {
                return None;
            }
            let k = key(&name);
            Some(match candidates.iter().position(|c| c.key == k) {
                Some(i) => i,
                None => {
                    candidates.push(Candidate {
                        key: k,
                        name,
                        span,
                        score: 0.0,
                        first: order,
                    });
                    candidates.len() - 1
                }
            })
        });
        if let Some(i) = found {
            candidates[i].score += weight;
        }
    };
    let mut paragraphs = 0;
    let mut seen_headings: std::collections::HashSet<&str, super::proposals::Texts> = Default::default();
    // Run-in labels that end in the same words: kinds of what they name.
    let mut labels = super::labels::Labels::default();
    for (order, block) in doc.blocks.iter().enumerate() {
        let btext = block.text(text);
        if chrome[order] {
            continue;
        }
        labels.read(text, block, rules);
        match block.kind {
            // A heading repeated word for word (forum replies) counts once.
            BlockKind::Title | BlockKind::Heading { .. } if !seen_headings.insert(btext) => {}
            BlockKind::Title | BlockKind::Heading { .. } => {
                let weight = if block.kind == BlockKind::Title { 4.0 } else { 2.0 };
                if let Some(s) = subject(text, block.span, rules) {
                    propose(s, weight, order);
                }
                // "Discharge instructions: Pancreatitis": the name may stand
                // after the separator as well as before it.
                if let Some(s) = tail(text, block.span).and_then(|t| subject(text, t, rules)) {
                    propose(s, weight / 2.0, order);
                }
            }
            // Menu lines ("Request an appointment", "Log in") are no
            // sentences: only a block that could hold a definition counts
            // toward the first four. A definition further down (after a
            // podcast's show notes, a how-to's summary) counts for less.
            BlockKind::Paragraph | BlockKind::ListItem { .. }
                if btext.split_whitespace().nth(3).is_some() =>
            {
                let weight = if paragraphs < 4 { 3.0 } else { 1.0 };
                paragraphs += 1;
                for sentence in sentences(text, block.span).into_iter().take(2) {
                    if let Some(s) = defined(text, sentence, rules) {
                        propose(s, weight, order);
                    }
                }
            }
            _ => {}
        }
        if matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem { .. }) {
            // "**What is bronchitis?** It is ...": a bold question leading
            // a paragraph is a heading run into it.
            if let Some(lead) = block.lead.filter(|l| l.of(text).trim_end().ends_with('?')) {
                if let Some(s) = subject(text, lead, rules) {
                    propose(s, 2.0, order);
                }
            }
            for s in cued(text, block.span, rules) {
                propose(s, 1.0, order);
            }
        }
    }
    for (span, weight) in labels.proposals(text) {
        propose(span, weight, usize::MAX);
    }
    // A word shaped like a condition's name that the page keeps using
    // proposes itself as a heading would (its uses count below, as any
    // candidate's do).
    for (span, _) in super::shaped::shaped_names(text) {
        propose(span, 2.0, usize::MAX);
    }
    // A candidate gains from every other one it is part of, and from how
    // often the text uses it.
    // (ASCII text lower-cases to the same string either way, much faster.)
    let lower = lower_case(text);
    let keys: Vec<(String, f64)> = candidates
        .iter()
        .map(|c| (format!(" {} ", c.key), c.score))
        .collect();
    for (c, (padded, _)) in candidates.iter_mut().zip(&keys) {
        for (other, score) in &keys {
            // (Only a longer key can hold another: no searcher set up for the rest.)
            if other.len() > padded.len() && other.contains(padded.as_str()) {
                c.score += score.min(2.0);
            }
        }
    }
    // Uses are counted from the best-scored candidate down, and not for one
    // that could not pass the best counted so far with all 12 (its uses
    // would not change which wins; the debug listing counts them all).
    let debug = std::env::var_os("KB_DEBUG_CONDITION").is_some();
    let mut by_score: Vec<usize> = (0..candidates.len()).collect();
    by_score.sort_by(|&a, &b| candidates[b].score.total_cmp(&candidates[a].score));
    let mut best_counted = f64::NEG_INFINITY;
    for i in by_score {
        let c = &mut candidates[i];
        if !debug && c.score + 12.0 * 0.3 < best_counted {
            continue;
        }
        // (Counting stops at the cap: the name a page is about is used
        // often. One automaton for all names cost more to build, per
        // document, than these searches.)
        let uses = lower.matches(&c.name).take(12).count();
        c.score += uses as f64 * 0.3;
        best_counted = best_counted.max(c.score);
    }
    let short = abbreviations(text, &lower, &mut candidates);
    if debug {
        for c in &candidates {
            eprintln!("{:6.2} {}", c.score, c.name);
        }
    }
    let best = candidates
        .into_iter()
        .max_by(|a, b| a.score.total_cmp(&b.score).then(b.first.cmp(&a.first)));
    if let Some(best) = best {
        let short = short.filter(|(full, _, _)| *full == best.key);
        return Some(Detected {
            abbreviation: short.as_ref().and_then(|(_, _, at)| *at),
            short: short.and_then(|(_, s, _)| s),
            name: best.name,
            span: best.span,
            signal: Signal::Document,
        });
    }
    from_file_name(doc, file_name, vocab)
}

/// "Tuberculosis (TB) is ...": a short name given in brackets after
/// another candidate is that one's abbreviation. The page may use it more
/// often ("active TB", "TB and HIV"), but it names the same condition, and
/// the full name is the condition's name: its score goes to the full name.
/// The full name's key, its abbreviation when the page uses that more, and
/// where the page gives the abbreviation.
fn abbreviations(
    text: &str,
    lower: &str,
    candidates: &mut [Candidate],
) -> Option<(String, Option<String>, Option<Span>)> {
    let mut found = None;
    for a in 0..candidates.len() {
        let short = &candidates[a].name;
        if short.len() > 6 || short.contains(' ') || candidates[a].score <= 0.0 {
            continue;
        }
        let full = bracketed(lower, short).find_map(|(open, inner)| {
            let before = lower[..open].trim_end();
            let b = (0..candidates.len()).find(|&b| {
                let name = &candidates[b].name;
                b != a
                    && name.len() > short.len()
                    && before.ends_with(name.as_str())
                    && before[..before.len() - name.len()]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !c.is_alphanumeric())
            })?;
            // (The lower-case copy keeps the text's offsets for ASCII; the
            // quote is taken only where it does.)
            let at = text
                .get(inner.start..inner.end)
                .filter(|t| t.eq_ignore_ascii_case(inner.of(lower)))
                .map(|_| inner);
            Some((b, at))
        });
        if let Some((b, at)) = full {
            let used_more = (candidates[a].score > candidates[b].score).then(|| candidates[a].name.clone());
            found = Some((candidates[b].key.clone(), used_more, at));
            candidates[b].score += candidates[a].score;
            candidates[a].score = 0.0;
        }
    }
    found
}

/// Where `lower` gives `short` in brackets: "(tb)", also quoted or in the
/// plural ("(\u{201c}hypos\u{201d})", "('hypos')"). The bracket's place and
/// the name's span inside it (quotes left out).
fn bracketed<'a>(lower: &'a str, short: &'a str) -> impl Iterator<Item = (usize, Span)> + 'a {
    const QUOTES: &[char] = &['"', '\'', '\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}'];
    lower.match_indices(short).filter_map(move |(at, _)| {
        let inside = lower[..at].strip_suffix(QUOTES).unwrap_or(&lower[..at]);
        let open = inside.strip_suffix('(')?.len();
        let after = &lower[at + short.len()..];
        let plural = after.strip_prefix("es").or_else(|| after.strip_prefix('s'));
        let word_end = plural.unwrap_or(after);
        let rest = word_end.strip_prefix(QUOTES).unwrap_or(word_end);
        rest.starts_with(')').then(|| {
            let end = lower.len() - word_end.len();
            (open, Span { start: at, end })
        })
    })
}

/// The condition the user named: quoted where the text first uses it,
/// else at the first block.
pub fn given(doc: &Document, name: &str, vocab: &Vocabulary) -> Option<Detected> {
    let name = normalize_name(name, vocab);
    if name.is_empty() {
        return None;
    }
    Some(Detected {
        span: first_use(doc, &name)?,
        name,
        signal: Signal::Given,
        short: None,
        abbreviation: None,
    })
}

/// Where the text first uses a (lower-case) name, else the first block.
fn first_use(doc: &Document, name: &str) -> Option<Span> {
    let lower = lower_case(&doc.text);
    match lower.find(name) {
        // Only where lower-casing kept the byte offsets.
        Some(at)
            if lower.len() == doc.text.len()
                && doc.text.is_char_boundary(at)
                && doc.text.is_char_boundary(at + name.len()) =>
        {
            Some(Span {
                start: at,
                end: at + name.len(),
            })
        }
        _ => doc.blocks.first().map(|b| b.span),
    }
}

/// `text.to_lowercase()`, its ASCII runs lower-cased in bulk (std goes
/// character by character after the first other one).
fn lower_case(text: &str) -> String {
    // A capital sigma's lower case depends on the letters around it.
    if text.contains('\u{3a3}') {
        return text.to_lowercase();
    }
    // Text whose every other character is its own lower case (a no-break
    // space, a bullet, "é": most text) lower-cases byte by byte.
    if crate::text::lower_outside_ascii(text) {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        let from = out.len();
        out.push_str(&rest[..ascii]);
        out[from..].make_ascii_lowercase();
        rest = &rest[ascii..];
        if let Some(c) = rest.chars().next() {
            out.extend(c.to_lowercase());
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// What a heading says after its first separator ("Discharge
/// instructions: Pancreatitis"), if anything.
fn tail(doc: &str, span: Span) -> Option<Span> {
    let text = span.of(doc);
    let at = first_of(text, &[": ", " - ", " – ", " | ", " — "])?;
    let sep = text[at..].len()
        - text[at..]
            .trim_start_matches([':', ' ', '-', '–', '|', '—'])
            .len();
    let tail = trim(
        doc,
        Span {
            start: span.start + at + sep,
            end: span.end,
        },
        &[],
    );
    (tail.end > tail.start).then_some(tail)
}

/// The names a block's sentences give after a condition cue ("three
/// kinds of pancreatitis", "diagnosed with bronchitis"): up to three words,
/// ending at a word that ends the name or at a mark.
fn cued(doc: &str, span: Span, rules: &Rules) -> Vec<Span> {
    let text = span.of(doc);
    let ends = rules.list(List::ConditionCueEnds);
    let mut names = Vec::new();
    for hit in rules.list(List::ConditionCues).hits(text) {
        let after = &text[hit.end..];
        let start = hit.end + (after.len() - after.trim_start().len());
        let mut end = start;
        for word in text[start..].split(' ').take(3) {
            let bare = word.trim_end_matches(|c: char| !c.is_alphanumeric());
            if bare.is_empty() || ends.equals(bare) {
                break;
            }
            end += text[end..].find(bare).unwrap_or(0) + bare.len();
            if bare.len() < word.len() {
                break;
            }
        }
        let name = &text[start..end];
        let pronoun =
            rules.list(List::SubjectPronouns).equals(name) || rules.list(List::ObjectPronouns).equals(name);
        if end > start && !pronoun && name.starts_with(char::is_alphabetic) {
            names.push(Span {
                start: span.start + start,
                end: span.start + end,
            });
        }
    }
    names
}

/// "X is a ...", "X (Y) is ...": the subject of a definition sentence.
fn defined(doc: &str, sentence: Span, rules: &Rules) -> Option<Span> {
    let text = sentence.of(doc);
    // "A: Gout is ...", "[00:01:16] DR. LEE: Gout is ...": a label before a
    // colon says who speaks; the subject starts after it (when it stands
    // before the cue).
    let label_end = text.find(": ").map_or(0, |at| at + 2);
    let from = |cue: usize| if label_end <= cue { label_end } else { 0 };
    // "Seasonal affective disorder, usually shortened to SAD, is a kind of
    // depression": a short aside between two commas leaves the subject
    // before the first.
    let head = |before: &str| match before.split_once(',') {
        None => Some(before.len()),
        Some((name, aside)) => {
            let aside = aside.trim_end();
            (aside.ends_with(',')
                && !aside[..aside.len() - 1].contains(',')
                && aside.split_whitespace().count() <= 6)
                .then_some(name.len())
        }
    };
    let (hit, end) = rules
        .list(List::Definition)
        .hits(text)
        .into_iter()
        .find_map(|h| {
            let before = &text[from(h.start)..h.start];
            let end = head(before)?;
            (1..=5)
                .contains(&before[..end].split_whitespace().count())
                .then_some((h, from(h.start) + end))
        })?;
    let from = from(hit.start);
    let mut subject = trim(
        doc,
        Span {
            start: sentence.start + from,
            end: sentence.start + end,
        },
        &[],
    );
    // "Acne (acne vulgaris) is": the bracket is an alias, not the name.
    if let Some(open) = subject.of(doc).find('(') {
        subject = trim(
            doc,
            Span {
                start: subject.start,
                end: subject.start + open,
            },
            &[],
        );
    }
    let s = subject.of(doc).to_lowercase();
    let first = s.chars().next()?;
    // "It can follow nerve damage or ..." is about something named before.
    let lead = s.split_whitespace().next().unwrap_or("");
    let pronoun = rules.list(List::SubjectPronouns).equals(lead) || is_generic(&s);
    (first.is_alphabetic() && !pronoun).then_some(subject)
}

/// The condition a file name proposes ("05-gout.md" → "gout"), quoted
/// where the text first uses it, else at the first block.
fn from_file_name(doc: &Document, file_name: &str, vocab: &Vocabulary) -> Option<Detected> {
    let stem = std::path::Path::new(file_name).file_stem()?.to_str()?;
    let words: Vec<&str> = stem
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    if words.is_empty() {
        return None;
    }
    let name = normalize_name(&words.join(" "), vocab);
    let span = first_use(doc, &name)?;
    Some(Detected {
        name,
        span,
        signal: Signal::FileName,
        short: None,
        abbreviation: None,
    })
}

#[cfg(test)]
#[path = "condition_tests.rs"]
mod tests;
