//! Tables that lost their layout: one cell per line.
//!
//! A table copied out of a web page or a PDF often arrives as a run of
//! short lines, the header's cells first, then each row's cells in turn,
//! with nothing to say where a row ends. The number of columns shows in
//! the data itself: when the run is cut into rows of the right width, each
//! column's cells look alike (all durations, all lists, all short names),
//! and at any other width they do not. Rows padded with tabs or runs of
//! spaces are read here too.

use super::text::{push, Line};
use super::{Block, BlockKind};
use crate::text::Span;

/// A run of lines from a blank line to the next that is a table flattened
/// one cell per line: its rows and cells, and how many lines it took.
pub(super) fn cell_table(out: &mut Vec<Block>, doc: &str, lines: &[Line]) -> Option<usize> {
    let n = lines
        .iter()
        .position(|l| l.blank_after)
        .map_or(lines.len(), |p| p + 1);
    // A header and two rows of two cells at least (see `columns`).
    if n < 6 {
        return None;
    }
    let run = &lines[..n];
    if run.iter().any(|l| l.item.is_some() || l.tab) {
        return None;
    }
    let texts: Vec<&str> = run.iter().map(|l| l.span.of(doc)).collect();
    let width = columns(&texts)?;
    for row in run.chunks(width) {
        let span = Span {
            start: row[0].span.start,
            end: row[width - 1].span.end,
        };
        push(out, doc, BlockKind::TableRow, span);
        for cell in row {
            push(out, doc, BlockKind::TableCell, cell.span);
        }
    }
    Some(n)
}

pub(super) fn table_row(out: &mut Vec<Block>, doc: &str, line: Span) {
    push(out, doc, BlockKind::TableRow, line);
    let text = line.of(doc);
    let tabbed = text.contains('\t');
    let mut at = 0;
    for cell in text.split(if tabbed { "\t" } else { "   " }) {
        let span = Span {
            start: line.start + at,
            end: line.start + at + cell.len(),
        };
        at += cell.len() + if tabbed { 1 } else { 3 };
        push(out, doc, BlockKind::TableCell, span);
    }
}

/// The number of columns of a run of lines that reads as a flattened
/// table, if it does: a header of short capitalised cells, at least two
/// rows under it, and columns whose cells share a shape.
fn columns(lines: &[&str]) -> Option<usize> {
    // A table has a header and two rows at least; a wider run of lines
    // would be an ordinary list more often than a table.
    let mut best: Option<(usize, f64)> = None;
    for width in 2..=6 {
        if lines.len() % width != 0 || lines.len() / width < 3 {
            continue;
        }
        if !lines[..width].iter().all(|c| header_cell(c)) {
            continue;
        }
        let Some(score) = agreement(&lines[width..], width) else {
            continue;
        };
        if score >= 0.85 && best.is_none_or(|(_, s)| score > s) {
            best = Some((width, score));
        }
    }
    best.map(|(width, _)| width)
}

/// A header cell: a short label starting with a capital, not a sentence.
fn header_cell(cell: &str) -> bool {
    let words = cell.split_whitespace().count();
    (1..=6).contains(&words)
        && cell.chars().next().is_some_and(char::is_uppercase)
        && !cell.ends_with(['.', ':', ';', ',', '!'])
}

/// The shape of a cell: whether it holds a figure, whether it is a list,
/// and whether it is longer than a name.
fn shape(cell: &str) -> (bool, bool, bool) {
    (
        cell.chars().any(|c| c.is_ascii_digit()),
        cell.contains([',', ';']),
        cell.split_whitespace().count() > 4,
    )
}

/// How alike each column's cells are (the share of cells with the
/// column's commonest shape, averaged over columns), or `None` when every
/// column has the same shape (then the width proves nothing).
fn agreement(rows: &[&str], width: usize) -> Option<f64> {
    let count = rows.len() / width;
    let mut total = 0.0;
    let mut shapes = Vec::with_capacity(width);
    for col in 0..width {
        let cells: Vec<_> = (0..count).map(|r| shape(rows[r * width + col])).collect();
        let (common, n) = cells
            .iter()
            .map(|s| (*s, cells.iter().filter(|t| *t == s).count()))
            .max_by_key(|&(_, n)| n)?;
        total += n as f64 / count as f64;
        shapes.push(common);
    }
    if shapes.iter().all(|s| *s == shapes[0]) {
        return None;
    }
    Some(total / width as f64)
}

#[cfg(test)]
mod tests {
    use super::columns;

    #[test]
    fn a_table_flattened_one_cell_per_line_shows_its_width() {
        let lines = [
            "Kind",
            "Usual source",
            "Lasts",
            "Dry type",
            "Cold air, dust, smoke",
            "2 to 3 weeks",
            "Wet type",
            "Viruses; bacteria",
            "7 to 10 days",
            "Allergic type",
            "Pollen, pet hair",
            "As long as the season",
        ];
        assert_eq!(columns(&lines), Some(3));
    }

    #[test]
    fn a_list_of_short_lines_is_no_table() {
        let lines = [
            "Fever",
            "Cough",
            "Headache",
            "Sore throat",
            "Tiredness",
            "Aching muscles",
        ];
        assert_eq!(columns(&lines), None);
        let menu = [
            "Home",
            "Health A to Z",
            "Live well",
            "Care and support",
            "Services",
            "News",
        ];
        assert_eq!(columns(&menu), None);
    }

    #[test]
    fn sentences_make_no_header() {
        let lines = [
            "Drink plenty of fluids.",
            "Rest at home.",
            "Take paracetamol for a fever.",
            "Keep warm.",
            "See a GP after 3 days.",
            "Avoid alcohol.",
        ];
        assert_eq!(columns(&lines), None);
    }
}
