//! The key under which spellings of one name meet ("Gallstones",
//! "gallstone" and "GALLSTONES" are one key): how names of conditions,
//! types and candidates are compared.

/// A key under which spellings of one name meet: lower case, words with a
/// plural "s" dropped.
pub fn key(name: &str) -> String {
    // Built in one string (this runs for every heading and type name).
    if name.is_ascii() {
        return ascii_key(name.as_bytes());
    }
    any_key(name)
}

/// [`key`] of any text.
fn any_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for w in name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        let from = out.len();
        if w.is_ascii() {
            out.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.push_str(&w.to_lowercase());
        }
        let stem = &out[from..];
        if let Some(stem) = stem.strip_suffix('s') {
            if stem.len() >= 3 && !stem.ends_with('s') {
                out.pop();
            }
        }
    }
    out
}

/// [`key`] of ASCII text, byte by byte.
fn ascii_key(name: &[u8]) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(name.len());
    for w in name
        .split(|b| !b.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(b' ');
        }
        out.extend(w.iter().map(u8::to_ascii_lowercase));
        // A plural "s" goes, but not the second of "ss" nor from a stem
        // under three letters.
        if let [.., a, b] = w {
            if w.len() >= 4 && b.eq_ignore_ascii_case(&b's') && !a.eq_ignore_ascii_case(&b's') {
                out.pop();
            }
        }
    }
    String::from_utf8(out).expect("ASCII")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_keys_as_any_text_keys() {
        for name in [
            "Types of Headaches",
            "ABCS  of gas; glass-LESS bus buses",
            "  kiss. Is it? yes's 2s 100s  ",
            "",
            "Sinusitis (sinus infection) - NHS",
        ] {
            assert_eq!(ascii_key(name.as_bytes()), any_key(name), "{name}");
        }
        assert_eq!(key("Cluster headaches"), "cluster headache");
    }
}
