//! Byte-level scans of a plain-text line for the layout reader: asked of
//! every line, some several times, where the `str` methods they stand for
//! decode characters or set up a searcher per call.

/// `s.split_whitespace().take(limit).count()`, by bytes: eight ASCII
/// bytes at a time where they cannot pass the limit, else one character
/// (only a character outside ASCII is decoded). Every line is asked, some
/// several times; `split_whitespace` decodes every character, and a copied
/// page's lines hold a no-break space or a bullet.
pub(super) fn words_up_to(s: &str, limit: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let each = |b: u8| u64::from_le_bytes([b; 8]);
    let b = s.as_bytes();
    let mut n = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < b.len() {
        if let Some(chunk) = b.get(i..i + 8) {
            let v = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            if v & HIGH == 0 {
                // Per byte, its high bit: a space (0x20: the byte XOR 0x20
                // is zero), or tab to carriage return (0x09..=0x0D). No
                // sum carries into the next byte: every byte is under 0x80.
                let t = v ^ each(b' ');
                let zero = !(((t & !HIGH) + !HIGH) | t) & HIGH;
                let control = (v + each(0x80 - 0x09)) & !(v + each(0x80 - 0x0E)) & HIGH;
                let word = !(zero | control) & HIGH;
                // A word starts at a word byte after a space (the byte
                // before the chunk is the state carried in).
                let before = (word << 8) | if in_word { 0x80 } else { 0 };
                let starts = (word & !before).count_ones() as usize;
                if n + starts <= limit {
                    n += starts;
                    in_word = word >> 63 != 0;
                    i += 8;
                    continue;
                }
            }
        }
        // ASCII's white space as `char::is_whitespace` has it: the space
        // and tab to carriage return (the vertical tab included, which
        // `u8::is_ascii_whitespace` leaves out).
        let (space, len) = if b[i] < 0x80 {
            (b[i] == b' ' || (b'\t'..=b'\r').contains(&b[i]), 1)
        } else {
            let c = s[i..].chars().next().expect("a character starts here");
            (c.is_whitespace(), c.len_utf8())
        };
        if !space && !in_word {
            if n == limit {
                break;
            }
            n += 1;
        }
        in_word = !space;
        i += len;
    }
    n
}

/// Whether the lower case of `line` starts with that of `key` (both made by
/// `text::entry_key`). Lower-cased text has no ASCII capitals left, and ASCII
/// lower-cases byte by byte, so comparing bytes ignoring ASCII case is
/// comparing the lower-case copies.
#[inline]
pub(super) fn key_starts(line: &str, key: &str) -> bool {
    line.len() >= key.len() && line.as_bytes()[..key.len()].eq_ignore_ascii_case(key.as_bytes())
}

/// At least as many as the lines of `text` whose trimmed text holds three
/// spaces in a row (up to `limit`), told eight bytes at a time: the bytes
/// are read in windows of eight that start six apart, and a window holding
/// three spaces in a row counts once. Every run of three starts in some
/// window that holds it whole, and two lines' runs start six bytes apart
/// at least (the first's text after it, its line's end, the second's text
/// before it), so they count in different windows. The last bytes, too few
/// for a window, are counted run by run.
pub(super) fn gap_lines_at_most(text: &str, limit: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let b = text.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i + 8 <= b.len() && n < limit {
        let t = u64::from_le_bytes(b[i..i + 8].try_into().expect("eight bytes")) ^ 0x2020_2020_2020_2020;
        // Per byte, its high bit: a space (the byte XOR 0x20 is zero).
        let space = !(((t & !HIGH) + !HIGH) | t) & HIGH;
        n += usize::from(space & (space >> 8) & (space >> 16) != 0);
        i += 6;
    }
    if n >= limit {
        return limit;
    }
    let mut run = 0;
    for &c in &b[i..] {
        run = if c == b' ' { run + 1 } else { 0 };
        n += usize::from(run == 3);
    }
    n.min(limit)
}

/// `text.bytes().any(|b| b.is_ascii_digit())`, eight bytes at a time.
pub(super) fn has_digit(text: &str) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut chunks = text.as_bytes().chunks_exact(8);
    // A byte is a digit when it XOR '0' is under 10: whether any byte of
    // a word is under n is told exactly by (x - n) & !x & high bits.
    let any = |v: u64| {
        let x = v ^ (ONES * u64::from(b'0'));
        x.wrapping_sub(ONES * 10) & !x & (ONES * 0x80) != 0
    };
    for c in &mut chunks {
        if any(u64::from_le_bytes(c.try_into().expect("eight bytes"))) {
            return true;
        }
    }
    chunks.remainder().iter().any(u8::is_ascii_digit)
}

/// Where the first '\n' of `b` is, eight bytes at a time: the layout
/// reader splits every file into lines, of some ten bytes in the bench's
/// articles (a searcher set up per line cost more than its search) and of
/// hundreds in real ones (a byte loop cost more than the search).
pub(super) fn newline_in(b: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut chunks = b.chunks_exact(8);
    let mut at = 0;
    for c in &mut chunks {
        // A byte XOR '\n' is zero at a newline; (x - 1) & !x sets the high
        // bit of the lowest zero byte exactly (borrows only run above it).
        let x = u64::from_le_bytes(c.try_into().expect("eight bytes")) ^ (ONES * u64::from(b'\n'));
        let zero = x.wrapping_sub(ONES) & !x & (ONES * 0x80);
        if zero != 0 {
            return Some(at + zero.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&c| c == b'\n')
        .map(|p| at + p)
}

/// `text.contains("   ")`, by bytes (asked of every line; `contains` sets up
/// a substring searcher per call).
pub(super) fn has_three_spaces(text: &str) -> bool {
    let mut run = 0;
    for &b in text.as_bytes() {
        if b == b' ' {
            run += 1;
            if run == 3 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::text::{at_most_words, entry_key};
    use super::*;

    #[test]
    fn contents_keys_compare_as_lower_case_copies() {
        let lines = [
            "2. Causes [edit]",
            "CAUSES of it",
            "Ωmega  ",
            "ωMEGA x",
            "\u{212a}elvin",
            "kELVIN",
            "• Itch",
            "• itchy",
            "Éczema – dry skin",
            "éczema",
            "ÉCZEMA",
            "ΣΑΣ",
            "σας x",
        ];
        for line in lines {
            for key in lines {
                let (l, k) = (entry_key(line), entry_key(key));
                let lower = |s: &str| s.to_lowercase();
                assert_eq!(
                    key_starts(&l, &k),
                    lower(&l).starts_with(&lower(&k)),
                    "{line:?} {key:?}"
                );
            }
        }
        for text in ["a   b", "a  b", "   ", "ab", "a \t  b"] {
            assert_eq!(has_three_spaces(text), text.contains("   "), "{text:?}");
        }
        // Runs of spaces and digits, against the plain tests, on random
        // texts of spaces, digits, letters and bytes around '0' and ' '.
        let bits = [
            " ", " ", "  ", "a", "0", "9", "/", ":", "\u{a0}", "\n", "é", "!", "x y",
        ];
        let mut rng = fastrand::Rng::with_seed(15);
        for _ in 0..20_000 {
            let text: String = (0..rng.usize(0..40))
                .map(|_| bits[rng.usize(..bits.len())])
                .collect();
            assert_eq!(
                newline_in(text.as_bytes()),
                text.bytes().position(|b| b == b'\n'),
                "{text:?}"
            );
            assert_eq!(
                has_digit(&text),
                text.bytes().any(|b| b.is_ascii_digit()),
                "{text:?}"
            );
            let gapped = text.lines().filter(|l| has_three_spaces(l.trim())).count();
            let spaced = text.contains("   ");
            for limit in [1, 2, 5, 100] {
                let n = gap_lines_at_most(&text, limit);
                assert!(
                    n >= gapped.min(limit) && n <= limit && (n > 0) == spaced,
                    "{text:?} {n}"
                );
            }
        }
        // Random lines of words, white space of every kind and characters
        // outside ASCII, against `split_whitespace`.
        let pieces = [
            "a", "word", " ", "  ", "\t", "\x0b", "\x0c", "\r", "\n", "\u{a0}", "\u{2003}", "\u{3000}",
            "\u{85}", "é", "•", "x-y", ".", "12", "\x1f", "!",
        ];
        let mut rng = fastrand::Rng::with_seed(12);
        for _ in 0..20_000 {
            let line: String = (0..rng.usize(0..40))
                .map(|_| pieces[rng.usize(..pieces.len())])
                .collect();
            for limit in [0, 1, 2, 3, 6, 8, 15, 16, 100] {
                let std = line.split_whitespace().take(limit).count();
                assert_eq!(words_up_to(&line, limit), std, "{line:?} {limit}");
            }
        }
        for text in [
            "",
            " ",
            "one",
            " two  words ",
            "a\x0bb\x0cc\rd\te\nf",
            "x\u{a0}y z",
            "\u{2022} itch\u{a0}\u{2003}é\u{3000}x\u{85}y",
            "1 2 3 4 5 6 7 8 9",
        ] {
            for limit in 0..12 {
                let std = text.split_whitespace().take(limit).count();
                assert_eq!(words_up_to(text, limit), std, "{text:?} {limit}");
                assert_eq!(
                    at_most_words(text, limit),
                    text.split_whitespace().nth(limit).is_none()
                );
            }
        }
    }
}
