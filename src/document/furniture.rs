//! Page furniture in text copied from a PDF or a printed page: "Page 2 of
//! 5" marks, page numbers standing alone, and the running headers and
//! footers repeated beside them, dropped before the layout is read.

use std::collections::{HashMap, HashSet};

use super::text::{ends_sentence, words, Line};

/// Lines that repeat at page breaks of a PDF copy ("Page 2 of 4", the
/// leaflet's running title) are no part of the text.
pub(super) fn drop_page_furniture(doc: &str, lines: &mut Vec<Line>) {
    // (Runs for every line: no lower-case copy, no word list.)
    let is_page_mark = |s: &str| {
        // "of" and a digit, in bytes, before the words are split.
        let b = s.as_bytes();
        // (A byte ORed with 0x20 is 'f' only for 'f' and 'F', 'o' likewise.)
        let of = |i: usize| b[i] | 0x20 == b'f' && b[i - 1] | 0x20 == b'o';
        if !super::scan::has_digit(s) || !(1..b.len()).any(of) {
            return false;
        }
        let mut w: [&str; 4] = [""; 4];
        s.split_whitespace().enumerate().any(|(i, word)| {
            w.rotate_left(1);
            w[3] = word;
            i >= 3
                && w[0].eq_ignore_ascii_case("page")
                && w[1].parse::<u32>().is_ok()
                && w[2].eq_ignore_ascii_case("of")
                && w[3].parse::<u32>().is_ok()
        })
    };
    // A page number alone, far to the right between blank lines (a PDF
    // page's foot).
    let page_number = |l: &Line| {
        let t = l.span.of(doc);
        l.indent >= 20
            && l.blank_before
            && l.blank_after
            && t.len() <= 3
            && t.bytes().all(|b| b.is_ascii_digit())
    };
    let marks: Vec<usize> = (0..lines.len())
        .filter(|&i| is_page_mark(lines[i].span.of(doc)) || page_number(&lines[i]))
        .collect();
    if marks.is_empty() {
        return;
    }
    let mut count: HashMap<&str, usize> = HashMap::new();
    for l in lines.iter() {
        *count.entry(l.span.of(doc)).or_default() += 1;
    }
    // (`marks` is in order: the first mark at or after i - 3 is the
    // nearest candidate; looked up, not scanned, so a file of page marks
    // costs no more per line.)
    let near_mark = |i: usize| {
        let at = marks.partition_point(|&m| m + 3 < i);
        marks.get(at).is_some_and(|&m| m.abs_diff(i) <= 3)
    };
    let repeated: HashSet<&str> = (0..lines.len())
        .filter(|&i| {
            let t = lines[i].span.of(doc);
            near_mark(i) && count[t] >= 2 && words(t) <= 6 && !ends_sentence(t)
        })
        .map(|i| lines[i].span.of(doc))
        .collect();
    let furniture: Vec<bool> = (0..lines.len())
        .map(|i| {
            let t = lines[i].span.of(doc);
            is_page_mark(t)
                || page_number(&lines[i])
                || repeated.contains(t)
                || (near_mark(i) && t.contains(" | ") && words(t) <= 12)
        })
        .collect();
    let mut i = 0;
    lines.retain(|_| {
        i += 1;
        !furniture[i - 1]
    });
}
