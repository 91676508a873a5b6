//! Two columns side by side: a leaflet copied from a PDF with its layout
//! kept puts a line of the left column and a line of the right one on the
//! same line of text, parted by a run of spaces that ends at the same
//! place on most lines (the gutter). Read across, every sentence is cut
//! in two; read as the page is, the left column comes first.
//!
//! [`unfold`] finds such a gutter and gives the text column by column:
//! each run of two-column lines becomes its left lines, a blank line, then
//! its right lines. A line that runs across the gutter (a title, a full-
//! width footer) ends a run and stays where it is; so does a page's end
//! (a form feed, or two blank lines). Text with no gutter on
//! most of its lines (prose, a small padded table) is left alone.

/// Spaces that part two columns at least.
const GAP: usize = 3;
/// A gutter no nearer the left edge than this (a list marker's indent is
/// no gutter).
const MIN_COLUMN: usize = 20;
/// Lines that must have text on both sides of the gutter, at least.
const MIN_LINES: usize = 10;

/// The text read column by column, or `None` when it has no gutter.
pub(crate) fn unfold(source: &str) -> Option<String> {
    // Most text has no gap after text on MIN_LINES lines: it is left as it
    // is without a copy of its characters. A gap is a run of three spaces:
    // text with too few runs in all is told in one pass over its bytes,
    // before its lines are split and trimmed.
    if super::scan::gap_lines_at_most(source, MIN_LINES) < MIN_LINES {
        return None;
    }
    let gapped = source
        .lines()
        .filter(|l| super::scan::has_three_spaces(l.trim()))
        .take(MIN_LINES)
        .count();
    if gapped < MIN_LINES {
        return None;
    }
    let lines: Vec<Vec<char>> = source
        .lines()
        .map(|l| l.trim_end_matches('\r').chars().collect())
        .collect();
    let at = gutter(&lines)?;
    let mut out = String::with_capacity(source.len() + 64);
    let (mut left, mut right): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    let flush = |out: &mut String, left: &mut Vec<String>, right: &mut Vec<String>| {
        for line in left.drain(..) {
            out.push_str(line.trim_end());
            out.push('\n');
        }
        if right.iter().any(|l| !l.trim().is_empty()) {
            out.push('\n');
            for line in right.drain(..) {
                out.push_str(line.trim_end());
                out.push('\n');
            }
        }
        right.clear();
    };
    let mut blanks = 0;
    for line in &lines {
        // A page ends a run: a form feed, or a gap of blank lines.
        if line.contains(&'\u{c}') {
            flush(&mut out, &mut left, &mut right);
            out.extend(line.iter().filter(|c| **c != '\u{c}'));
            out.push('\n');
            blanks = 0;
            continue;
        }
        if line.iter().all(|c| c.is_whitespace()) {
            blanks += 1;
            if blanks == 2 {
                flush(&mut out, &mut left, &mut right);
            }
        } else {
            blanks = 0;
        }
        if crosses(line, at) {
            flush(&mut out, &mut left, &mut right);
            out.extend(line.iter());
            out.push('\n');
            continue;
        }
        let split = at.min(line.len());
        left.push(line[..split].iter().collect());
        // The right column keeps its own indent relative to the gutter.
        right.push(line[split..].iter().collect());
    }
    flush(&mut out, &mut left, &mut right);
    Some(out)
}

/// Where the right column starts: the place most lines have text right
/// after a run of spaces, when it is most of the lines with text on both
/// sides and few lines run across it.
fn gutter(lines: &[Vec<char>]) -> Option<usize> {
    let starts: Vec<Vec<usize>> = lines.iter().map(|l| starts_after_gap(l)).collect();
    let mut counts = std::collections::HashMap::<usize, usize>::new();
    for at in starts.iter().flatten() {
        *counts.entry(*at).or_default() += 1;
    }
    let (&at, &both) = counts.iter().max_by_key(|(&at, &n)| (n, std::cmp::Reverse(at)))?;
    let texts = lines
        .iter()
        .filter(|l| l.iter().any(|c| !c.is_whitespace()))
        .count();
    let across = lines.iter().filter(|l| crosses(l, at)).count();
    // A column's lines run most of the way to the gutter; a two-column
    // table's first cells (a name, a label) do not, and its rows are read
    // as rows.
    let full = lines
        .iter()
        .zip(&starts)
        .filter(|(_, s)| s.contains(&at))
        .filter(|(l, _)| {
            l[..at]
                .iter()
                .rposition(|c| *c != ' ')
                .is_some_and(|end| (end + 1) * 2 >= at)
        })
        .count();
    (both >= MIN_LINES && both * 5 >= texts * 2 && across * 5 <= texts && full * 2 >= both).then_some(at)
}

/// Places in a line where text starts after at least [`GAP`] spaces, with
/// text before them.
fn starts_after_gap(line: &[char]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut spaces = 0;
    let mut seen_text = false;
    for (i, &c) in line.iter().enumerate() {
        if c == ' ' {
            spaces += 1;
            continue;
        }
        if seen_text && spaces >= GAP && i >= MIN_COLUMN {
            out.push(i);
        }
        spaces = 0;
        seen_text = true;
    }
    out
}

/// Whether a line has text on both sides of the place without a gap:
/// it runs across the gutter.
fn crosses(line: &[char], at: usize) -> bool {
    line.len() > at && (at.saturating_sub(2)..at).any(|i| line.get(i).is_some_and(|c| *c != ' '))
}

#[cfg(test)]
mod tests {
    use super::unfold;

    /// Two columns of `width`, the rows given as (left, right).
    fn page(rows: &[(&str, &str)], width: usize) -> String {
        rows.iter()
            .map(|(l, r)| format!("{l:width$}{r}").trim_end().to_owned() + "\n")
            .collect()
    }

    #[test]
    fn side_by_side_columns_are_read_left_then_right() {
        let mut rows = vec![
            ("What causes foo rash?", "How is foo rash treated?"),
            ("", ""),
            ("Foo rash is caused by damp", "Most people get better with an"),
            ("socks and by hot baths.", "emollient cream."),
        ];
        for _ in 0..8 {
            rows.push(("Some more words on the left", "and more on the right side"));
        }
        let text = page(&rows, 40);
        let read = unfold(&text).expect("a gutter");
        let causes = read
            .find("Foo rash is caused by damp\nsocks")
            .expect("left column whole");
        let treated = read.find("How is foo rash treated?").expect("right column");
        assert!(causes < treated, "{read}");
        assert!(
            read.contains("Most people get better with an\nemollient cream."),
            "{read}"
        );
    }

    #[test]
    fn a_title_across_the_gutter_stays_in_place() {
        let mut rows = vec![("A LEAFLET ABOUT FOO RASH FOR PATIENTS AND CARERS", "")];
        for i in 0..12 {
            rows.push(if i % 2 == 0 {
                ("Left column text here", "Right column text here")
            } else {
                ("more on the left", "more on the right")
            });
        }
        let read = unfold(&page(&rows, 40)).expect("a gutter");
        assert!(
            read.starts_with("A LEAFLET ABOUT FOO RASH FOR PATIENTS AND CARERS\n"),
            "{read}"
        );
        let last_left = read.rfind("more on the left").unwrap();
        let first_right = read.find("Right column text here").unwrap();
        assert!(last_left < first_right, "{read}");
    }

    #[test]
    fn prose_and_small_padded_tables_have_no_gutter() {
        let mut text = String::new();
        for _ in 0..20 {
            text.push_str("An ordinary line of prose that runs on for a while without any gaps.\n");
        }
        text.push_str("Type        Cause        Treatment\n");
        text.push_str("Wet rash     damp socks   drying powder\n");
        text.push_str("Dry rash     cold air     emollient\n");
        assert_eq!(unfold(&text), None);
        assert_eq!(unfold("short\n"), None);
        // A two-column table of short names and long explanations.
        let mut table = String::new();
        for i in 0..12 {
            table.push_str(&format!(
                "Kind {i:<30}A long explanation of this kind of foo rash\n"
            ));
        }
        assert_eq!(unfold(&table), None);
    }
}
