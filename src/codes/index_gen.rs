//! The lexicon's lookup index, made at compile time by the build script
//! (which includes this file and `normalise.rs`) so that a kb process never
//! normalises the 45,000 names and synonyms itself: `kb match` only
//! binary-searches this table.
//!
//! Layout, all u32 little-endian: `max_words`, the number of terms `t`,
//! of exact records `e`, of unordered records `u`, of prefix hashes `p`;
//! then `t` byte offsets of
//! the term lines in `lexicon.tsv` (in id order); then `e` records sorted
//! by [`key_hash`] of the normalised key (then by key), then `u` records
//! sorted likewise by the unordered key's hash; then the `e` and the `u`
//! hashes of those records, in the same order; then the `p` distinct
//! hashes, ascending, of every key's leading words short of the whole key
//! ("joint" and "joint pain" of "joint pain on movement"), so that a scan
//! of running text knows when no longer run of words can be a key.
//! A record is the byte offset
//! where an entry's text starts, in `lexicon.tsv`, or with the top bit set
//! in `lay-phrases.tsv`. One record per (key, term): the strongest kind of
//! entry (name, then synonyms, then kb's phrases).
//!
//! Ordering by hash lets a lookup find a key's records by one binary search
//! over plain integers, with no normalising of lexicon text, and normalise
//! only the few records whose hash matches (to set aside collisions).

use super::normalise::{normalise, unordered_key};

/// Top bit of a record: the entry is in the lay-phrase list.
pub const LAY_BIT: u32 = 1 << 31;

/// FNV-1a (32-bit) of a key: stable across builds and processes, which
/// the index needs (std's hasher is seeded per process).
pub fn key_hash(key: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for b in key.bytes() {
        hash = (hash ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    hash
}

/// One entry: (byte offset with source bit, term number, kind rank).
struct Entry {
    record: u32,
    term: u32,
    rank: u8,
    key: String,
}

/// The index of `lexicon` (the TSV) and `phrases` (`phrase<TAB>HP:id`).
pub fn build(lexicon: &str, phrases: &str) -> Vec<u8> {
    let mut terms: Vec<u32> = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    let mut max_words = 0;
    let mut push = |entries: &mut Vec<Entry>, record: u32, term: u32, rank: u8, text: &str| {
        let key = normalise(text);
        if !key.is_empty() {
            max_words = max_words.max(key.split(' ').count() as u32);
            entries.push(Entry {
                record,
                term,
                rank,
                key,
            });
        }
    };
    let mut offset = 0usize;
    for line in lexicon.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let line = line.trim_end_matches(['\n', '\r']);
        let mut fields = line.split('\t');
        let (Some(number), Some(label)) = (fields.next(), fields.next()) else {
            continue;
        };
        let Ok(number) = number.parse::<u32>() else {
            continue;
        };
        terms.push(start as u32);
        let label_at = start + number_len(line) + 1;
        push(&mut entries, label_at as u32, number, 0, label);
        let mut at = label_at + label.len() + 1;
        for syn in fields.next().unwrap_or("").split('|') {
            if syn.len() > 1 {
                let rank = if syn.starts_with('l') { 2 } else { 1 };
                push(&mut entries, (at + 1) as u32, number, rank, &syn[1..]);
            }
            at += syn.len() + 1;
        }
    }
    let mut offset = 0usize;
    for line in phrases.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (phrase, id) = line.trim_end().split_once('\t').expect("phrase<TAB>HP:id");
        let number = id
            .trim()
            .strip_prefix("HP:")
            .and_then(|d| d.parse::<u32>().ok())
            .unwrap_or_else(|| panic!("lay phrase {phrase:?}: bad id {id:?}"));
        let lead = phrase.len() - phrase.trim_start().len();
        push(
            &mut entries,
            (start + lead) as u32 | LAY_BIT,
            number,
            3,
            phrase.trim(),
        );
    }
    let exact = records(&mut entries, |e| e.key.clone());
    let unordered = records(&mut entries, |e| unordered_key(&e.key).unwrap_or_default());
    let mut prefixes: Vec<u32> = entries
        .iter()
        .flat_map(|e| e.key.match_indices(' ').map(|(i, _)| key_hash(&e.key[..i])))
        .collect();
    prefixes.sort_unstable();
    prefixes.dedup();
    let mut out =
        Vec::with_capacity(20 + 4 * (terms.len() + 2 * (exact.len() + unordered.len()) + prefixes.len()));
    for n in [
        max_words,
        terms.len() as u32,
        exact.len() as u32,
        unordered.len() as u32,
        prefixes.len() as u32,
    ] {
        out.extend_from_slice(&n.to_le_bytes());
    }
    let records = exact.iter().chain(&unordered).map(|r| r.1);
    let hashes = exact.iter().chain(&unordered).map(|r| r.0);
    for n in terms.iter().copied().chain(records).chain(hashes).chain(prefixes) {
        out.extend_from_slice(&n.to_le_bytes());
    }
    out
}

/// (key hash, record) pairs sorted by the hash of `key_of`, then by key
/// (entries with an empty key left out), one per (key, term): the
/// strongest kind's. Within one key the order is (term, kind, record).
fn records(entries: &mut [Entry], key_of: impl Fn(&Entry) -> String) -> Vec<(u32, u32)> {
    let mut keyed: Vec<(u32, String, u32, u8, u32)> = entries
        .iter()
        .map(|e| (key_of(e), e))
        .filter(|(k, _)| !k.is_empty())
        .map(|(k, e)| (key_hash(&k), k, e.term, e.rank, e.record))
        .collect();
    keyed.sort();
    keyed.dedup_by(|b, a| a.1 == b.1 && a.2 == b.2);
    keyed.into_iter().map(|k| (k.0, k.4)).collect()
}

fn number_len(line: &str) -> usize {
    line.bytes().take_while(|b| b.is_ascii_digit()).count()
}
