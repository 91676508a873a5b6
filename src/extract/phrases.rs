//! Phrase-level reading of prose and list items: where a list ends, what
//! qualifies an item, where instructions and combinations split, and the
//! leading words a name does not keep. All work on byte spans of the
//! document, so every result is still a verbatim slice of it.

use super::rules::{words, List};
use super::text::{around, find_words_in, fold, trim, Span};

/// Whether a name says nothing in particular ("another medical condition",
/// "by a medicine", "other factors").
pub(super) fn is_generic(name: &str) -> bool {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| words(List::GenericWords).contains(&w))
}

/// Whether a treatment's name is only words that name no treatment ("it",
/// "medicines", "other treatments").
pub(super) fn is_vague_treatment(name: &str) -> bool {
    name.split_whitespace()
        .all(|w| words(List::VagueTreatments).contains(&w))
}

/// "X , such as Y" / "X like Y": the spans of X and of Y (without its cue).
pub(super) fn split_examples(doc: &str, item: Span) -> Option<(Span, Span)> {
    // The shared fold is this lower-case copy unless the item holds a
    // U+00A0 (which the fold makes two spaces).
    let text = item.of(doc);
    let hay = if text.contains('\u{a0}') {
        super::folded::Lower::Own(text.to_ascii_lowercase())
    } else {
        super::folded::of(doc, item)
    };
    // Most items hold no cue at all: one scan says so.
    super::rules::first_of(words(List::ExampleCues), &hay)?;
    for cue in words(List::ExampleCues) {
        if let Some(at) = find_words_in(&hay, cue).map(|i| item.start + i) {
            let (head, rest) = around(doc, item, at, 0, &[',']);
            if !head.is_empty() {
                return Some((head, strip_cue(doc, rest)));
            }
        }
    }
    None
}

/// Whether a word is an instruction verb.
pub(super) fn is_instruction(word: &str) -> bool {
    words(List::Instructions).contains(&word)
}

/// Whether `text` starts with an instruction verb.
pub(super) fn starts_with_instruction(text: &str) -> bool {
    let lower = text.trim_start().to_lowercase();
    let first = lower.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    words(List::Instructions).contains(&first)
        || ["do not ", "don't ", "dont "]
            .iter()
            .any(|n| lower.starts_with(n))
}

/// "shower after exercise and loosen tight straps": split where "and" (or
/// ", and") opens a second instruction.
pub(super) fn split_at_instructions(doc: &str, item: Span) -> Vec<Span> {
    let text = item.of(doc);
    let mut cuts = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(" and ").map(|i| i + from) {
        if starts_with_instruction(&text[i + 5..]) {
            cuts.push((i, i + 5));
        }
        from = i + 5;
    }
    pieces(doc, item, &cuts, &[','])
}

/// The non-empty pieces of `span` between `cuts` ((start, end) offsets
/// relative to `span`, in order; a cut that overlaps the previous one is
/// skipped), each trimmed of white space and `extra`.
pub(super) fn pieces(doc: &str, span: Span, cuts: &[(usize, usize)], extra: &[char]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for &(a, b) in cuts {
        if a >= start {
            out.push(trim(
                doc,
                Span {
                    start: span.start + start,
                    end: span.start + a,
                },
                extra,
            ));
            start = b;
        }
    }
    out.push(trim(
        doc,
        Span {
            start: span.start + start,
            end: span.end,
        },
        extra,
    ));
    out.retain(|s| !s.is_empty());
    out
}

/// "benzoyl peroxide combined with a topical antibiotic": two treatments.
pub(super) fn split_combination(doc: &str, span: Span) -> Vec<Span> {
    let hay = span.of(doc).to_ascii_lowercase();
    for joint in ["combined with", "together with", "in combination with", "plus"] {
        if let Some(at) = find_words_in(&hay, joint).map(|i| span.start + i) {
            let (left, right) = around(doc, span, at, joint.len(), &[',']);
            if !left.is_empty() && !right.is_empty() {
                return vec![left, right];
            }
        }
    }
    vec![span]
}

/// A treatment without its purpose or audience ("isotretinoin for severe
/// acne", "the pill , for women whose acne flares").
pub(super) fn cut_purpose(doc: &str, span: Span) -> Span {
    let cut = cut_at(
        doc,
        span,
        &[
            " for ",
            " , for ",
            ", for ",
            " used ",
            " to reduce",
            " to relieve",
            " to stop",
            " to prevent",
            " to help",
            " to ease",
            " to soothe",
            " to control",
            " to shrink",
            " to hide",
            " to reshape",
            " to improve",
            " to keep",
        ],
        &[',', '.', ':', ';'],
    );
    if cut.is_empty() {
        span
    } else {
        cut
    }
}

/// Whether a text ends with a passive verb ("can be improved later"), so
/// that a following "with" introduces the means.
pub(super) fn after_passive(before: &str) -> bool {
    let words: Vec<&str> = before.split_whitespace().rev().take(3).collect();
    words.iter().any(|w| w.ends_with("ed"))
        && before
            .split_whitespace()
            .rev()
            .take(4)
            .any(|w| ["be", "is", "are", "been"].contains(&w))
}

/// Whether `text` is one describing word ("firm", "a dry"), the kind that
/// comes before a noun in a comma-separated run of adjectives.
pub(super) fn describing_word(text: &str) -> bool {
    let lower = fold(text);
    let mut parts: Vec<&str> = lower.split_whitespace().collect();
    if parts.len() == 2 && ["a", "an", "the"].contains(&parts[0]) {
        parts.remove(0);
    }
    parts.len() == 1 && words(List::DescribingWords).contains(&parts[0])
}

/// "dry , red patches", "firm , whitish papules": a lone describing word
/// before a longer item describes it, it is not an item of its own.
pub(super) fn merge_modifiers(doc: &str, parts: Vec<(Span, bool)>) -> Vec<(Span, bool)> {
    let mut out: Vec<(Span, bool)> = Vec::with_capacity(parts.len());
    let mut pending: Option<Span> = None;
    for (i, (part, closing)) in parts.iter().enumerate() {
        let next_longer = parts
            .get(i + 1)
            .is_some_and(|(n, _)| n.of(doc).split_whitespace().count() >= 2);
        if next_longer && describing_word(part.of(doc)) {
            pending.get_or_insert(*part);
            continue;
        }
        match pending.take() {
            Some(first) => out.push((
                Span {
                    start: first.start,
                    end: part.end,
                },
                *closing,
            )),
            None => out.push((*part, *closing)),
        }
    }
    out
}

/// The clauses of a sentence: split at commas, semicolons and "while",
/// "although", "whereas" (the list is not split: a clause may hold one).
pub(super) fn clauses(doc: &str, span: Span) -> Vec<Span> {
    let span = trim(doc, span, &[]);
    let text = super::folded::of(doc, span);
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for sep in [
        " , while ",
        ", while ",
        " while ",
        " , although ",
        ", although ",
        " whereas ",
        " ; ",
        " , and ",
        ", and ",
        "; ",
    ] {
        let mut from = 0;
        while let Some(i) = text[from..].find(sep).map(|i| i + from) {
            cuts.push((i, i + sep.len()));
            from = i + sep.len();
        }
    }
    // A comma followed by a participle ("ulcerate , discharging chalk").
    let mut from = 0;
    while let Some(i) = text[from..].find(',').map(|i| i + from) {
        let next = text[i + 1..].trim_start().split(' ').next().unwrap_or("");
        if next.len() > 4 && next.ends_with("ing") {
            cuts.push((i, i + 1));
        }
        from = i + 1;
    }
    cuts.sort();
    let mut out = pieces(doc, span, &cuts, &[',']);
    // The last clause also loses the sentence's full stop.
    if let Some(last) = out.pop() {
        let last = trim(doc, last, &[',', '.']);
        if !last.is_empty() {
            out.push(last);
        }
    }
    out
}

/// A clause without a leading circumstance: "In severe cases gangrene",
/// "over time the redness", "For ocular rosacea , use" (up to its comma).
pub(super) fn strip_adverbial(doc: &str, span: Span) -> Span {
    let span = trim(doc, span, &[]);
    // A clause that joins the one before ("and over time the redness").
    let span = strip_leading(doc, span, &["and ", "but ", "then "]);
    let lower = super::folded::of(doc, span);
    // "Again straining is the main culprit": an adverbial opening names
    // nothing (rules data; a whole word only: "later" is no part of "lateral").
    for lead in words(List::AdverbialLeads) {
        let rest = lower
            .strip_prefix(lead)
            .filter(|r| r.is_empty() || r.starts_with([' ', ',']));
        if let Some(rest) = rest {
            let rest = rest.trim_start_matches([' ', ',']);
            return trim(
                doc,
                Span {
                    start: span.end - rest.len(),
                    end: span.end,
                },
                &[],
            );
        }
    }
    // "For ocular rosacea , use ...", "To stop warts spreading , wear ...".
    if ["for ", "if ", "when ", "to "]
        .iter()
        .any(|l| lower.starts_with(l))
    {
        if let Some(comma) = lower.find(',') {
            return trim(
                doc,
                Span {
                    start: span.start + comma + 1,
                    end: span.end,
                },
                &[],
            );
        }
    }
    span
}

/// A verb phrase split at "and": "restrict joint mobility and limit
/// movement" -> two.
pub(super) fn split_on_and(doc: &str, span: Span) -> Vec<Span> {
    let span = trim(doc, span, &[]);
    let text = super::folded::of(doc, span);
    let cuts: Vec<(usize, usize)> = text.match_indices(" and ").map(|(i, _)| (i, i + 5)).collect();
    pieces(doc, span, &cuts, &[','])
}

/// "use warm compresses" -> "warm compresses": the verb "use" adds nothing
/// to a treatment's name; other verbs ("clean the eyelids") carry it.
pub(super) fn strip_instruction_verb(doc: &str, span: Span) -> Span {
    let span = trim(doc, span, &[]);
    let lower = super::folded::of(doc, span);
    match lower.strip_prefix("use ") {
        Some(rest) => trim(
            doc,
            Span {
                start: span.end - rest.len(),
                end: span.end,
            },
            &[],
        ),
        None => span,
    }
}

/// `span` without the first of `leads` it starts with (lower case).
pub(super) fn strip_leading(doc: &str, span: Span, leads: &[&str]) -> Span {
    let lower = super::folded::of(doc, span);
    match leads.iter().find(|l| lower.starts_with(*l)) {
        Some(l) => trim(
            doc,
            Span {
                start: span.start + l.len(),
                end: span.end,
            },
            &[],
        ),
        None => span,
    }
}

fn strip_cue(doc: &str, span: Span) -> Span {
    let lower = super::folded::of(doc, span);
    for cue in words(List::ExampleCues) {
        if let Some(rest) = lower.strip_prefix(cue) {
            return trim(
                doc,
                Span {
                    start: span.end - rest.len(),
                    end: span.end,
                },
                &[],
            );
        }
    }
    span
}

/// `span` up to the first of `breaks` (case-insensitive), trimmed of
/// spaces and `extra`.
fn cut_at(doc: &str, span: Span, breaks: &'static [&'static str], extra: &[char]) -> Span {
    let span = trim(doc, span, &[]);
    cut_folded(
        doc,
        span,
        &super::folded::of(doc, span),
        span.start,
        breaks,
        extra,
    )
}

/// [`cut_at`] with the [`fold`]ed text of a span holding `span` that
/// starts at `from` (fold keeps offsets: a part of it is the fold of the
/// part).
fn cut_folded(
    doc: &str,
    span: Span,
    folded: &str,
    from: usize,
    breaks: &'static [&'static str],
    extra: &[char],
) -> Span {
    let span = trim(doc, span, &[]);
    let lower = &folded[span.start - from..span.end - from];
    // The first place any break starts, in one automaton scan (this runs
    // for every item).
    let end = super::rules::first_of(breaks, lower).unwrap_or(lower.len());
    let cut = trim(
        doc,
        Span {
            start: span.start,
            end: span.start + end,
        },
        extra,
    );
    // "spondylolisthesis ( where one vertebra slips ...": a break inside a
    // bracket leaves its opening, which is no part of the name.
    if cut.of(doc).ends_with('(') {
        return trim(
            doc,
            Span {
                end: cut.end - 1,
                ..cut
            },
            extra,
        );
    }
    cut
}

/// End an inline list at the first clause break.
pub(super) fn cut_clause(doc: &str, span: Span) -> Span {
    let span = trim(doc, span, &[]);
    let lower = super::folded::of(doc, span);
    // " - " breaks a clause, except where it joins a word ("anti - epileptic",
    // "chalk - like"): there it ends no list.
    let dash = lower
        .match_indices(" - ")
        .map(|(i, _)| i)
        .find(|&i| !joins_words(&lower, i) && !examples_follow(&lower[..i]));
    let span = match dash {
        Some(i) => Span {
            start: span.start,
            end: span.start + i,
        },
        None => span,
    };
    cut_at(doc, span, words(List::ClauseBreaks), &[',', ':'])
}

/// Whether a dash after `before` opens the examples of a list item that
/// names nothing in particular ("and some medicines - aspirin, ...").
fn examples_follow(before: &str) -> bool {
    let item = before.rsplit([',', ';', ':']).next().unwrap_or(before);
    let item = [" and ", " or "]
        .iter()
        .filter_map(|j| item.rfind(j).map(|at| &item[at + j.len()..]))
        .min_by_key(|rest| rest.len())
        .unwrap_or(item);
    !item.trim().is_empty() && is_generic(item)
}

/// A list item that names nothing in particular, and the examples a dash
/// after it gives ("some medicines - high-dose aspirin").
pub(super) fn dash_examples(doc: &str, item: Span) -> Option<(Span, Span)> {
    let text = item.of(doc);
    let (at, dash) = [" - ", " – ", " — "]
        .iter()
        .filter_map(|d| text.find(d).map(|at| (at, d.len())))
        .min()?;
    if !is_generic(&text[..at]) {
        return None;
    }
    let head = trim(
        doc,
        Span {
            start: item.start,
            end: item.start + at,
        },
        &[],
    );
    let rest = trim(
        doc,
        Span {
            start: item.start + at + dash,
            end: item.end,
        },
        &[],
    );
    (!rest.is_empty()).then_some((head, rest))
}

/// Whether the " - " at `i` joins a prefix or suffix to a word.
fn joins_words(lower: &str, i: usize) -> bool {
    let before = lower[..i]
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let after = lower[i + 3..]
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    words(List::JoiningPrefixes).contains(&before) || words(List::JoiningSuffixes).contains(&after)
}

/// Drop a leading condition and a trailing qualification from one item.
pub(super) fn cut_item(doc: &str, span: Span) -> Span {
    let mut span = span;
    let start = span.start;
    // "if anxiety makes it worse , talking therapy": keep what follows.
    let lower = super::folded::of(doc, span);
    if lower.starts_with("if ") || lower.starts_with("when ") {
        if let Some(comma) = lower.find(',') {
            span = trim(
                doc,
                Span {
                    start: span.start + comma + 1,
                    end: span.end,
                },
                &[],
            );
        }
    }
    let breaks = words(List::ItemBreaks);
    let extra = &[',', '.', ':', ';'];
    let mut cut = cut_folded(doc, span, &lower, start, breaks, extra);
    // "a medicine that calms nerve pain": after a head that names nothing,
    // the relative clause is what names it.
    let tail = lower.get(cut.end - start..).unwrap_or("");
    if let Some(pronoun) = words(List::RelativePronouns)
        .iter()
        .find(|p| tail.starts_with(**p))
    {
        if is_generic(cut.of(doc)) && cut.end + pronoun.len() < span.end {
            let rest = Span {
                start: cut.end + pronoun.len(),
                end: span.end,
            };
            cut.end = cut_folded(doc, rest, &lower, start, breaks, extra).end;
        }
    }
    after_bracket(doc, cut)
}

/// "rennie (calcium carbonate) neutralises acid": a name that closes a
/// bracket and runs on into lower-case words ends at the bracket.
fn after_bracket(doc: &str, span: Span) -> Span {
    let text = span.of(doc);
    match text.find(") ") {
        Some(i) if text[i + 2..].starts_with(|c: char| c.is_lowercase()) && text[..i].contains('(') => Span {
            start: span.start,
            end: span.start + i + 1,
        },
        _ => span,
    }
}

/// "Surgical removal of lesions is" -> "Surgical removal of lesions".
pub(super) fn strip_verb(doc: &str, span: Span) -> Span {
    let lower = super::folded::of(doc, span);
    for verb in [" is", " are", " may be", " can be"] {
        if let Some(stripped) = lower.strip_suffix(verb) {
            return trim(
                doc,
                Span {
                    start: span.start,
                    end: span.start + stripped.len(),
                },
                &[],
            );
        }
    }
    span
}

/// The clause of `sentence` that ends at `at`: from just after the last
/// comma before it (or the sentence start) up to `at`, trimmed.
pub(super) fn clause_before(doc: &str, sentence: Span, at: usize) -> Span {
    let start = doc[sentence.start..at]
        .rfind(',')
        .map_or(sentence.start, |c| sentence.start + c + 1);
    trim(doc, Span { start, end: at }, &[])
}

/// The clauses of "are obese, who eat salty food, or who live in hot
/// climates": split before each "who" that follows a comma or a
/// conjunction, the joining words left out.
pub(super) fn who_clauses(doc: &str, list: Span) -> Vec<Span> {
    let lower = super::folded::of(doc, list);
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in lower.match_indices(" who ") {
        let before = lower[..i].trim_end();
        let Some(join) = [",", " or", " and", ", or", ", and"]
            .iter()
            .filter(|j| before.ends_with(*j))
            .map(|j| before.len() - j.len())
            .min()
        else {
            continue;
        };
        out.push(Span {
            start: list.start + start,
            end: list.start + join,
        });
        start = i + " who ".len();
    }
    out.push(Span {
        start: list.start + start,
        end: list.end,
    });
    out.into_iter()
        .map(|s| trim(doc, s, &[',', '.']))
        .filter(|s| !s.is_empty())
        .collect()
}
