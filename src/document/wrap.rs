//! Hard-wrapped plain text (a PDF or e-mail copy): the width its lines
//! were broken at, and which lines carry on a block.

use super::text::{ends_sentence, Line};

/// The width a hard-wrapped file (a PDF or e-mail copy) was broken at, or
/// `None` when its lines are whole paragraphs.
pub(super) fn wrap_width(doc: &str, lines: &[Line]) -> Option<usize> {
    let mut lens: Vec<usize> = lines
        .iter()
        .filter(|l| l.words_up_to(6) == 6)
        .map(|l| l.span.of(doc).chars().count() + l.indent)
        .collect();
    if lens.len() < 8 {
        return None;
    }
    lens.sort_unstable();
    let p90 = lens[lens.len() * 9 / 10];
    let within = lens.iter().filter(|&&n| n <= 100).count();
    (p90 <= 100 && within * 10 >= lens.len() * 9).then_some(p90)
}

/// Whether a line of a hard-wrapped file fills its width (to within a
/// word): it was broken there, so its sentence goes on in the next line.
pub(super) fn fills_width(doc: &str, line: &Line, wrap: Option<usize>) -> bool {
    wrap.is_some_and(|w| line.span.of(doc).chars().count() + line.indent + 12 >= w)
}

/// Where the block starting at line `i` ends, joining the lines that carry
/// on from it: in a hard-wrapped file a line that fills the width and does
/// not end a sentence goes on in the next; a list item goes on in a more
/// indented unmarked line. Returns (end byte, next line index).
pub(super) fn continuation(
    doc: &str,
    lines: &[Line],
    i: usize,
    wrap: Option<usize>,
    item: bool,
) -> (usize, usize) {
    let mut end = lines[i].span.end;
    let mut j = i + 1;
    while j < lines.len() {
        let (prev, next) = (&lines[j - 1], &lines[j]);
        if next.blank_before || next.item.is_some() || next.tab {
            break;
        }
        let prev_text = prev.span.of(doc);
        let next_text = next.span.of(doc);
        let full = fills_width(doc, prev, wrap);
        let lower = next_text.starts_with(|c: char| c.is_lowercase() || c == '(');
        let open = !prev_text.ends_with(['.', '!', '?', ':']);
        let joins = match wrap {
            // A short line whose next line's first word would have fitted
            // on it was broken by hand, not wrapped: in a run of three or
            // more such lines ending no sentence, each line is an item of a
            // list without markers. (Two short lines, or a run ending in a
            // full stop, are a sentence broken by hand, as easy read
            // leaflets break them.)
            Some(w) => open && (full || lower && !hand_broken_run(doc, lines, j - 1, w)) || full && lower,
            None => item && next.indent > lines[i].indent && lower,
        };
        if !joins {
            break;
        }
        end = next.span.end;
        j += 1;
    }
    (end, j)
}

/// Whether the run of lines around line `at` that end no sentence, between
/// blank lines, is three lines or more, each short enough that the next
/// one's first word would have fitted on it (wrap width `w`).
fn hand_broken_run(doc: &str, lines: &[Line], at: usize, w: usize) -> bool {
    // The run `at` is in: back to a blank line or a sentence's end. (Looked
    // at no further than RUN lines either way: a longer run is one all the
    // same, and a file of endless short lines costs no more per line.)
    const RUN: usize = 40;
    let mut from = at;
    while from > 0
        && at - from < RUN
        && !lines[from].blank_before
        && !ends_sentence(lines[from - 1].span.of(doc))
    {
        from -= 1;
    }
    let mut end = from;
    while end < lines.len() && end - from < 2 * RUN && !ends_sentence(lines[end].span.of(doc)) {
        end += 1;
        if lines[end - 1].blank_after {
            break;
        }
    }
    let run = &lines[from..end];
    run.len() >= 3
        && run.windows(2).all(|p| {
            let word = p[1]
                .span
                .of(doc)
                .split_whitespace()
                .next()
                .map_or(0, |x| x.chars().count());
            p[0].span.of(doc).chars().count() + p[0].indent + 1 + word + 8 <= w
        })
}
