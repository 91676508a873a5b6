//! The key under which spellings of one name meet ("Gallstones",
//! "gallstone" and "GALLSTONES" are one key): how names of conditions,
//! types and candidates are compared.

/// A key under which spellings of one name meet: lower case, words with a
/// plural "s" dropped.
pub fn key(name: &str) -> String {
    // Half the names asked for are one of the last few asked (a heading's
    // text by the classifier, the type readers and the title; a candidate's
    // name by detection): the last answers are kept by the name's hash, one
    // per slot, and the key depends on the name alone. (Not a long name:
    // few come again, and hashing and keeping them cost more than the key.)
    if name.len() > SHORT {
        return make_key(name);
    }
    let hash = super::memo::hash(name);
    // (The high byte: FxHash's multiply mixes its input into the high bits.)
    let slot = (hash >> 56) as usize;
    let known = RECENT.with(|r| {
        let r = r.borrow();
        r.get(slot)
            .filter(|(h, n, _)| *h == hash && n == name)
            .map(|(_, _, k)| k.clone())
    });
    if let Some(k) = known {
        return k;
    }
    let k = make_key(name);
    RECENT.with(|r| {
        let mut r = r.borrow_mut();
        if r.is_empty() {
            r.resize_with(256, || (0, String::new(), String::new()));
        }
        // (The slot's strings are written over: no allocation once grown.)
        let (h, n, kept) = &mut r[slot];
        *h = hash;
        n.clear();
        n.push_str(name);
        kept.clear();
        kept.push_str(&k);
    });
    k
}

/// The longest name whose key is kept, in bytes.
const SHORT: usize = 40;

/// Forget the recent keys (`KB_COLD` measures first readings). The slots
/// stay: an empty one holds the empty name's key (itself) under hash 0;
/// a look-up compares the name too, so another name hashing to 0 misses.
pub(super) fn forget() {
    RECENT.with(|r| {
        for (hash, name, key) in r.borrow_mut().iter_mut() {
            *hash = 0;
            name.clear();
            key.clear();
        }
    });
}

/// [`key`], worked out.
fn make_key(name: &str) -> String {
    // Built in one string (this runs for every heading and type name).
    if name.is_ascii() {
        return ascii_key(name.as_bytes());
    }
    any_key(name)
}

thread_local! {
    /// The last names [`key`] was asked for, by their hash's high byte:
    /// (hash, name, key).
    static RECENT: std::cell::RefCell<Vec<(u64, String, String)>> =
        const { std::cell::RefCell::new(Vec::new()) };
    /// The last name [`condition_key`] was asked for, and its key.
    static CONDITION: std::cell::RefCell<Option<(String, std::rc::Rc<str>)>> =
        const { std::cell::RefCell::new(None) };
}

/// [`key`] of the condition's name, made once for as long as the name is
/// the one asked before: the walk asks it of one name for every heading,
/// label and sentence opening it reads (some 30 times an article).
pub fn condition_key(name: &str) -> std::rc::Rc<str> {
    CONDITION.with(|last| {
        let mut last = last.borrow_mut();
        match last.as_ref() {
            Some((n, k)) if n == name => k.clone(),
            _ => {
                let k: std::rc::Rc<str> = key(name).into();
                *last = Some((name.to_owned(), k.clone()));
                k
            }
        }
    })
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

/// [`key`] of ASCII text, byte by byte, written in place: the key is never
/// longer than the name (a run of separators becomes one space, or none at
/// the ends), so a buffer of the name's length holds it without a capacity
/// test per byte.
fn ascii_key(name: &[u8]) -> String {
    let mut out = vec![0u8; name.len()];
    let mut n = 0;
    // Where the current word starts in `out`, while in one.
    let mut word: Option<usize> = None;
    // A plural "s" goes, but not the second of "ss" nor from a stem under
    // three letters.
    let unplural = |out: &[u8], start: usize, n: usize| {
        let w = &out[start..n];
        usize::from(w.len() >= 4 && w[w.len() - 1] == b's' && w[w.len() - 2] != b's')
    };
    for &b in name {
        if b.is_ascii_alphanumeric() {
            if word.is_none() {
                if n > 0 {
                    out[n] = b' ';
                    n += 1;
                }
                word = Some(n);
            }
            out[n] = b.to_ascii_lowercase();
            n += 1;
        } else if let Some(start) = word.take() {
            n -= unplural(&out, start, n);
        }
    }
    if let Some(start) = word {
        n -= unplural(&out, start, n);
    }
    out.truncate(n);
    String::from_utf8(out).expect("ASCII")
}

/// Whether two words are one slip of the keys apart: a letter changed,
/// added or dropped, or two neighbours swapped (Damerau-Levenshtein
/// distance 1, as `strsim::damerau_levenshtein(a, b) == 1`). ASCII words
/// are compared in place; strsim's table costs two allocations per pair,
/// and every kind heading of every article asks.
pub fn one_slip_apart(a: &str, b: &str) -> bool {
    if !(a.is_ascii() && b.is_ascii()) {
        return strsim::damerau_levenshtein(a, b) == 1;
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let p = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        p < short.len()
            && (short[p + 1..] == long[p + 1..]
                || p + 1 < short.len()
                    && short[p] == long[p + 1]
                    && short[p + 1] == long[p]
                    && short[p + 2..] == long[p + 2..])
    } else {
        long.len() == short.len() + 1 && short[p..] == long[p + 1..]
    }
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
            "s",
            "bus",
            "  -- BUSS ..",
            "X-rays; CTs, MRIs",
            "Crisis",
        ] {
            assert_eq!(ascii_key(name.as_bytes()), any_key(name), "{name}");
        }
        assert_eq!(key("Cluster headaches"), "cluster headache");
        for name in [
            "Cluster headaches",
            "Cluster headaches",
            "acne",
            "Cluster headache",
            "",
        ] {
            assert_eq!(*condition_key(name), key(name), "{name}");
        }
    }

    /// Keys given from the recent answers are the keys worked out, for
    /// names asked again, in turn, and sharing slots (a thousand names in
    /// 256 slots).
    #[test]
    fn kept_keys_are_the_keys() {
        let names: Vec<String> = (0..1000)
            .map(|i| {
                format!(
                    "Type {i} Causes of {}",
                    ["Asthma", "GOUT", "ülcer", "", "a long name of many words"][i % 5]
                )
            })
            .collect();
        let mut rng = fastrand::Rng::with_seed(7);
        for _ in 0..20_000 {
            let among = if rng.bool() { 8 } else { names.len() };
            let name = &names[rng.usize(..among)];
            assert_eq!(key(name), make_key(name), "{name}");
            if rng.usize(..1000) == 0 {
                forget();
            }
        }
        forget();
        assert_eq!(key(""), "");
    }

    #[test]
    fn one_slip_as_damerau_levenshtein_one() {
        // (Split at spaces; the empty word too.)
        let list = "a ab ba abc acb bac abcd abdc abd abxd xabcd abcdx aa aaa hyperhidrosis \
                    hyperhydrosis hyperhidrossi hyperhidrosi yhperhidrosis hyperhidrosiss \
                    arthritis artritis athritis arhtritis arthritsi éczema eczema eczémas";
        let words: Vec<&str> = list.split(' ').filter(|w| !w.is_empty()).chain([""]).collect();
        for &a in &words {
            for &b in &words {
                let want = strsim::damerau_levenshtein(a, b) == 1;
                assert_eq!(one_slip_apart(a, b), want, "{a:?} {b:?}");
            }
        }
    }
}
