//! Terminal tables: fit the terminal's width, wrap at word boundaries, cap
//! huge cells, and cost time linear in the output (a 20 MB cell is cut
//! before any layout work). Rows can be streamed: column widths come from
//! the first rows, and later rows wrap within them.

use std::io::Write;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Largest cell shown whole, in characters; the rest is summarised.
pub const CELL_CAP: usize = 1000;
/// Longest word kept whole when a column must narrow; anything longer (a
/// hash, a URL, a run of digits) is cut to fit.
const LONGEST_WORD: usize = 30;
/// Width used when neither `COLUMNS` nor the terminal gives a usable one.
const FALLBACK_WIDTH: usize = 100;
/// Rows read before the column widths are fixed, when streaming.
pub const LAYOUT_ROWS: usize = 256;

/// The width to fit: `COLUMNS`, else the terminal's, else 100. A reported
/// width of 0 (some terminals and CI consoles) counts as unknown.
pub fn terminal_width() -> usize {
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|n| *n > 0)
    {
        return n;
    }
    match terminal_size::terminal_size_of(std::io::stdout()) {
        Some((terminal_size::Width(w), _)) if w > 0 => w as usize,
        _ => FALLBACK_WIDTH,
    }
}

/// A cell ready for layout: capped, control characters made visible, split
/// into lines.
fn clean(cell: &str) -> Vec<String> {
    let mut text = String::with_capacity(cell.len().min(CELL_CAP * 4));
    let mut cut_at = None;
    for (count, (i, c)) in cell.char_indices().enumerate() {
        if count == CELL_CAP {
            cut_at = Some(i);
            break;
        }
        match c {
            '\n' => text.push('\n'),
            '\t' => text.push_str("    "),
            '\r' => {}
            c if c.is_control() => text.push('\u{FFFD}'),
            c => text.push(c),
        }
    }
    if let Some(i) = cut_at {
        text.push_str(&format!(" … [{} more bytes]", cell.len() - i));
    }
    text.split('\n').map(|l| l.trim_end().to_owned()).collect()
}

fn longest_word(lines: &[String]) -> usize {
    lines
        .iter()
        .flat_map(|l| l.split(' '))
        .map(|w| w.width())
        .max()
        .unwrap_or(0)
        .min(LONGEST_WORD)
}

fn widest_line(lines: &[String]) -> usize {
    lines.iter().map(|l| l.width()).max().unwrap_or(0)
}

/// Column widths for `rows` (header first) in `total` terminal columns.
fn layout(rows: &[Vec<Vec<String>>], columns: usize, total: usize) -> Vec<usize> {
    let mut natural = vec![1usize; columns];
    let mut least = vec![1usize; columns];
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(columns) {
            natural[i] = natural[i].max(widest_line(cell));
            least[i] = least[i].max(longest_word(cell));
        }
    }
    // Borders and padding: "│ " + " ┆ " between + " │".
    let room = total.saturating_sub(3 * columns + 1);
    if natural.iter().sum::<usize>() <= room {
        return natural;
    }
    let floor: usize = least.iter().sum();
    if floor >= room {
        // Too narrow to keep every word whole: words win, the table
        // overflows rather than break "hyperparathyroidism" in two.
        return least;
    }
    // Share the room beyond each column's longest word by how much more
    // each would like.
    let extra = room - floor;
    let want: Vec<usize> = natural.iter().zip(&least).map(|(n, l)| n - l).collect();
    let wanted: usize = want.iter().sum();
    let mut widths: Vec<usize> = least
        .iter()
        .zip(&want)
        .map(|(l, w)| l + w * extra / wanted.max(1))
        .collect();
    let mut left = room - widths.iter().sum::<usize>();
    for i in 0..columns {
        if left == 0 {
            break;
        }
        if widths[i] < natural[i] {
            widths[i] += 1;
            left -= 1;
        }
    }
    widths
}

/// `line` wrapped into pieces of at most `width` columns, at spaces; a word
/// wider than the column is cut.
fn wrap(line: &str, width: usize, out: &mut Vec<String>) {
    let mut current = String::new();
    let mut used = 0;
    for word in line.split(' ').filter(|w| !w.is_empty()) {
        let w = word.width();
        if used > 0 && used + 1 + w <= width {
            current.push(' ');
            current.push_str(word);
            used += 1 + w;
            continue;
        }
        if used > 0 {
            out.push(std::mem::take(&mut current));
            used = 0;
        }
        if w <= width {
            current.push_str(word);
            used = w;
            continue;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > width && used > 0 {
                out.push(std::mem::take(&mut current));
                used = 0;
            }
            current.push(c);
            used += cw;
        }
    }
    if used > 0 || out.is_empty() {
        out.push(current);
    }
}

/// Writes a table row by row.
pub struct TableWriter<W: Write> {
    out: W,
    columns: usize,
    total_width: usize,
    /// Header and first rows, until the widths are fixed.
    pending: Vec<Vec<Vec<String>>>,
    widths: Option<Vec<usize>>,
}

impl<W: Write> TableWriter<W> {
    pub fn new(out: W, headers: &[String], total_width: usize) -> Self {
        TableWriter {
            out,
            columns: headers.len(),
            total_width,
            pending: vec![headers.iter().map(|h| clean(h)).collect()],
            widths: None,
        }
    }

    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> std::io::Result<()> {
        let row: Vec<Vec<String>> = cells.iter().map(|c| clean(c.as_ref())).collect();
        match &self.widths {
            Some(_) => self.print_row(&row),
            None => {
                self.pending.push(row);
                if self.pending.len() > LAYOUT_ROWS {
                    self.fix_widths()?;
                }
                Ok(())
            }
        }
    }

    fn fix_widths(&mut self) -> std::io::Result<()> {
        let widths = layout(&self.pending, self.columns, self.total_width);
        self.widths = Some(widths);
        self.border('┌', '─', '┬', '┐')?;
        let pending = std::mem::take(&mut self.pending);
        let mut rows = pending.iter();
        if let Some(header) = rows.next() {
            self.print_row(header)?;
            self.border('╞', '═', '╪', '╡')?;
        }
        for row in rows {
            self.print_row(row)?;
        }
        Ok(())
    }

    fn border(&mut self, left: char, fill: char, join: char, right: char) -> std::io::Result<()> {
        let widths = self.widths.as_deref().unwrap_or_default();
        let mut line = String::new();
        line.push(left);
        for (i, w) in widths.iter().enumerate() {
            if i > 0 {
                line.push(join);
            }
            line.extend(std::iter::repeat_n(fill, w + 2));
        }
        line.push(right);
        writeln!(self.out, "{line}")
    }

    fn print_row(&mut self, row: &[Vec<String>]) -> std::io::Result<()> {
        let widths = self.widths.clone().unwrap_or_default();
        let cells: Vec<Vec<String>> = widths
            .iter()
            .enumerate()
            .map(|(i, &w)| {
                let mut pieces = Vec::new();
                for line in row.get(i).map(Vec::as_slice).unwrap_or_default() {
                    wrap(line, w, &mut pieces);
                }
                pieces
            })
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        for k in 0..height {
            let mut line = String::from("│");
            for (i, &w) in widths.iter().enumerate() {
                line.push_str(if i == 0 { " " } else { " ┆ " });
                let piece = cells[i].get(k).map_or("", String::as_str);
                line.push_str(piece);
                line.extend(std::iter::repeat_n(' ', w.saturating_sub(piece.width())));
            }
            line.push_str(" │");
            writeln!(self.out, "{line}")?;
        }
        Ok(())
    }

    /// Print what is still held and the closing border.
    pub fn finish(mut self) -> std::io::Result<W> {
        if self.widths.is_none() {
            self.fix_widths()?;
        }
        self.border('└', '─', '┴', '┘')?;
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(headers: &[&str], rows: &[Vec<String>], width: usize) -> String {
        let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        let mut t = TableWriter::new(Vec::new(), &headers, width);
        for r in rows {
            t.row(r).unwrap();
        }
        String::from_utf8(t.finish().unwrap()).unwrap()
    }

    /// Issue 10: words broke mid-word at 80 columns.
    #[test]
    fn words_are_never_broken_to_fit() {
        let long = "metastatic calcinosis from hyperparathyroidism and chronic kidney disease".repeat(3);
        let rows = vec![vec!["a".repeat(20), long.clone(), "hyperparathyroidism".into()]];
        let out = render(&["x", "cause", "y"], &rows, 80);
        for line in out.lines() {
            assert!(line.width() <= 80, "{line}");
        }
        let text: String = out.replace(['│', '┆'], " ");
        assert!(text.matches("hyperparathyroidism").count() >= 4, "{out}");
        // Narrower than the words: the table overflows, words stay whole.
        let out = render(&["cause"], &[vec!["hyperparathyroidism".into()]], 10);
        assert!(out.contains("hyperparathyroidism"), "{out}");
    }

    #[test]
    fn huge_cells_are_capped_and_fast() {
        let cell = "word ".repeat(4_000_000);
        let t = std::time::Instant::now();
        let out = render(&["a"], &[vec![cell]], 80);
        assert!(
            t.elapsed() < std::time::Duration::from_secs(2),
            "{:?}",
            t.elapsed()
        );
        assert!(out.contains("more bytes]"));
        assert!(out.len() < CELL_CAP * 8);
    }

    #[test]
    fn columns_fits_and_a_zero_width_falls_back() {
        std::env::set_var("COLUMNS", "0");
        let w = terminal_width();
        assert!(w >= 40, "{w}");
        std::env::set_var("COLUMNS", "60");
        assert_eq!(terminal_width(), 60);
        std::env::remove_var("COLUMNS");
    }

    #[test]
    fn streamed_rows_keep_the_first_rows_widths() {
        let rows: Vec<Vec<String>> = (0..LAYOUT_ROWS + 10)
            .map(|i| vec![i.to_string(), "x".into()])
            .collect();
        let out = render(&["n", "v"], &rows, 80);
        let widths: std::collections::BTreeSet<usize> = out.lines().map(|l| l.width()).collect();
        assert_eq!(widths.len(), 1, "{out}");
        assert!(out.contains(&format!("│ {} ", LAYOUT_ROWS + 9)));
    }
}
