//! Mapping one symptom name to HPO terms, exactly or not at all.
//!
//! A name maps when, after normalisation, it is a term's name or exact
//! synonym. Informal names are often a few such names in one phrase, so a
//! few shapes are read, each still by exact lookup of every piece: "head
//! (gloss)" (either part, or both), a trailing remark or clause (", worse
//! at night", "when walking", "that burst"), a place after the name ("pain
//! in the lower back" is "lower back pain"; "swollen glands in the neck"
//! at least swollen glands), descriptive modifiers a term does without
//! ("large fluid-filled blisters" are blisters), and lists ("joint pain,
//! stiffness and swelling", "bone or joint pain", "fever with shivering"),
//! which map only if every item does. Anything naming two terms at one
//! place is ambiguous and stays unmapped.

use super::lexicon::{normalise, EntryKind, Lexicon, Term};

/// One term a symptom maps to, and the lexicon entry that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub term: Term,
    pub kind: EntryKind,
    /// The lexicon's text of the entry that matched ("Itchy skin").
    pub matched: &'static str,
}

/// What a symptom name maps to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// One term, or one per item of a list, each matched exactly.
    Mapped(Vec<Link>),
    /// The name (or a piece of it) names more than one term: unmapped.
    Ambiguous(Vec<Term>),
    /// No exact match.
    Unmatched,
}

impl Outcome {
    pub fn links(&self) -> &[Link] {
        match self {
            Outcome::Mapped(l) => l,
            _ => &[],
        }
    }
}

/// Qualifiers of degree, time or frequency that leave the phenotype itself
/// unchanged (read before a name only).
const QUALIFIERS: &[&str] = &[
    "a",
    "an",
    "still",
    "mild",
    "severe",
    "extreme",
    "intense",
    "sudden",
    "persistent",
    "recurring",
    "recurrent",
    "chronic",
    "unexplained",
    "constant",
    "occasional",
    "frequent",
    "unusual",
    "acute",
    "slight",
    "excessive",
    "general",
    "generalised",
    "generalized",
    "very",
];

/// Descriptive modifiers (normalised words) of size, shape, texture,
/// colour or feel that a term's name may omit: dropping one leaves a
/// broader phenotype that still holds ("hot swollen joint" is a swollen
/// joint). Words of direction or absence ("low", "reduced", "no") are
/// never dropped: without them the name means something else.
const MODIFIERS: &[&str] = &[
    "small",
    "large",
    "tiny",
    "big",
    "raised",
    "flat",
    "firm",
    "hard",
    "soft",
    "thin",
    "thick",
    "smooth",
    "rough",
    "shiny",
    "deep",
    "visible",
    "fluid filled",
    "pus filled",
    "high pitched",
    "flat topped",
    "puffy",
    "watery",
    "sticky",
    "slimy",
    "dull",
    "sharp",
    "hot",
    "warm",
    "red",
    "pink",
    "white",
    "yellow",
    "green",
    "dark",
    "bright",
    "itching",
    "swelling",
    "pain",
    "tenderness",
    "dry",
    "burning",
    "stinging",
    "tingling",
    "shooting",
    "cutaneous",
    "cramping",
    "throbbing",
    "stabbing",
    "pressing",
    "heavy",
    "sinus",
];

/// Words opening a clause after a name that says when or how, not what
/// ("pain when walking", "blisters that burst", "rash after sun").
const CLAUSES: &[&str] = &[
    "when",
    "while",
    "after",
    "before",
    "that",
    "which",
    "from",
    "worse",
    "especially",
    "usually",
    "often",
    "mainly",
    "during",
    "spreading",
    "radiating",
    "lasting",
];

/// Prepositions opening a place after a name ("in the lower back").
const PLACES: &[&str] = &["in", "on", "around", "over", "across", "under", "at", "into"];

/// Words opening a trailing remark that is not part of the phenotype.
const REMARKS: &[&str] = &[
    "worse",
    "often",
    "especially",
    "usually",
    "mainly",
    "particularly",
    "typically",
];

/// Map a symptom name.
pub fn map_name(lex: &Lexicon, name: &str) -> Outcome {
    let name = name.trim();
    // Exactly, else read in parts (a gloss first: the loose readings of
    // `piece` must not run over it).
    let whole = exact(lex, name);
    if !matches!(whole, Outcome::Unmatched) {
        return whole;
    }
    // "head (gloss)": the gloss restates or specifies the head.
    if let Some((head, gloss)) = split_gloss(name) {
        let h = phrase(lex, head);
        let g = gloss_outcome(lex, gloss);
        return match (h, g) {
            // Both name phenotypes ("shivering (chills)"): the symptom is
            // each of them.
            (Outcome::Mapped(a), Outcome::Mapped(b)) => Outcome::Mapped(union(a, b)),
            (Outcome::Ambiguous(t), _) | (_, Outcome::Ambiguous(t)) => Outcome::Ambiguous(t),
            (Outcome::Mapped(a), Outcome::Unmatched) | (Outcome::Unmatched, Outcome::Mapped(a)) => {
                Outcome::Mapped(a)
            }
            (Outcome::Unmatched, Outcome::Unmatched) => Outcome::Unmatched,
        };
    }
    phrase(lex, name)
}

/// A gloss may itself be a comma list ("nosebleeds, bleeding gums").
fn gloss_outcome(lex: &Lexicon, gloss: &str) -> Outcome {
    phrase(lex, gloss)
}

/// A phrase without a gloss: whole, without a trailing remark or clause,
/// then as a list.
fn phrase(lex: &Lexicon, text: &str) -> Outcome {
    let text = drop_remark(text);
    let whole = piece(lex, text);
    if !matches!(whole, Outcome::Unmatched) {
        return whole;
    }
    let clause = drop_clause(text);
    if clause != text {
        let out = phrase(lex, clause);
        if !matches!(out, Outcome::Unmatched) {
            return out;
        }
    }
    let items = split_list(text);
    if items.len() < 2 {
        return Outcome::Unmatched;
    }
    let mut links: Vec<Link> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let mut out = piece(lex, item);
        if matches!(out, Outcome::Unmatched) {
            // "pink or red eyes": a describing word before the last item is
            // another way to describe the same thing, not a name of its own
            // (completed, "pink eyes" would be the idiom for conjunctivitis).
            if i + 1 < items.len() && MODIFIERS.contains(&normalise(item).as_str()) {
                continue;
            }
            out = elided(lex, &items, i);
        }
        match out {
            Outcome::Mapped(l) => links = union(links, l),
            other => return other,
        }
    }
    Outcome::Mapped(links)
}

/// A list item read with the words the list shares: "stiffness" in "joint
/// pain, stiffness and swelling" is joint stiffness; "bone" in "bone or
/// joint pain" is bone pain. Only one-word items are completed.
fn elided(lex: &Lexicon, items: &[&str], i: usize) -> Outcome {
    let item = normalise(items[i]);
    if item.is_empty() || item.contains(' ') {
        return Outcome::Unmatched;
    }
    let first = normalise(items[0]);
    if i > 0 {
        if let Some((shared, _)) = first.rsplit_once(' ') {
            let out = exact_key(lex, &format!("{shared} {item}"));
            if !matches!(out, Outcome::Unmatched) {
                return out;
            }
        }
    }
    // The last item's head: its last word, or the word before its place
    // ("burning" in "burning or shooting pain in one arm" is burning pain).
    let last = normalise(items[items.len() - 1]);
    let words: Vec<&str> = last.split(' ').collect();
    let before_place = words
        .iter()
        .position(|w| PLACES.contains(w))
        .unwrap_or(words.len());
    if i + 1 < items.len() && words.len() > 1 {
        for head in [words[words.len() - 1], words[before_place.max(1) - 1]] {
            let out = piece(lex, &format!("{item} {head}"));
            if !matches!(out, Outcome::Unmatched) {
                return out;
            }
        }
    }
    Outcome::Unmatched
}

/// One name: exact lookup, then without leading qualifiers, with its place
/// moved before it or dropped, and without descriptive modifiers.
fn piece(lex: &Lexicon, text: &str) -> Outcome {
    let out = exact(lex, text);
    if !matches!(out, Outcome::Unmatched) {
        return out;
    }
    let mut words: Vec<String> = normalise(text).split(' ').map(str::to_owned).collect();
    while words.len() > 1 && QUALIFIERS.iter().any(|q| normalise(q) == words[0]) {
        words.remove(0);
        let out = exact_key(lex, &words.join(" "));
        if !matches!(out, Outcome::Unmatched) {
            return out;
        }
    }
    let out = modified(lex, words.clone());
    if !matches!(out, Outcome::Unmatched) {
        return out;
    }
    // "pain in one joint": "joint pain", else at least "pain".
    if let Some(at) = words.iter().position(|w| PLACES.contains(&w.as_str())) {
        let mut place = &words[at + 1..];
        while place.len() > 1 && ["a", "an", "one", "both", "each", "your"].contains(&place[0].as_str()) {
            place = &place[1..];
        }
        if at > 0 && !place.is_empty() {
            let name = &words[..at];
            let out = modified(lex, [place, name].concat());
            if !matches!(out, Outcome::Unmatched) {
                return out;
            }
            return modified(lex, name.to_vec());
        }
    }
    Outcome::Unmatched
}

/// The name, then without descriptive modifiers before its last word:
/// the fewest dropped that map, every way of dropping that many
/// together ("dry rough skin" is at least dry skin).
fn modified(lex: &Lexicon, words: Vec<String>) -> Outcome {
    let out = exact_key(lex, &words.join(" "));
    if !matches!(out, Outcome::Unmatched) || words.len() < 2 {
        return out;
    }
    let mut level = vec![words];
    for _ in 0..4 {
        let mut next: Vec<Vec<String>> = Vec::new();
        for words in &level {
            for (i, len) in droppable(words) {
                let mut w = words.clone();
                w.drain(i..i + len);
                if !next.contains(&w) {
                    next.push(w);
                }
            }
        }
        if next.is_empty() {
            return Outcome::Unmatched;
        }
        let mut found = Outcome::Unmatched;
        for w in &next {
            found = match (found, exact_key(lex, &w.join(" "))) {
                (Outcome::Mapped(a), Outcome::Mapped(b)) => Outcome::Mapped(union(a, b)),
                (Outcome::Ambiguous(t), _) | (_, Outcome::Ambiguous(t)) => Outcome::Ambiguous(t),
                (Outcome::Unmatched, o) | (o, Outcome::Unmatched) => o,
            };
        }
        if !matches!(found, Outcome::Unmatched) {
            return found;
        }
        level = next;
    }
    Outcome::Unmatched
}

/// (start, length in words) of each modifier before the last word.
fn droppable(words: &[String]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for i in 0..words.len().saturating_sub(1) {
        for m in MODIFIERS {
            let n = m.split(' ').count();
            if i + n < words.len() && words[i..i + n].join(" ") == *m {
                out.push((i, n));
            }
        }
    }
    out
}

fn union(mut a: Vec<Link>, b: Vec<Link>) -> Vec<Link> {
    for link in b {
        if !a.iter().any(|x| x.term == link.term) {
            a.push(link);
        }
    }
    a
}

fn exact(lex: &Lexicon, text: &str) -> Outcome {
    exact_key(lex, &normalise(text))
}

fn exact_key(lex: &Lexicon, key: &str) -> Outcome {
    let Some(hit) = lex.lookup_key(key) else {
        return Outcome::Unmatched;
    };
    let link = |(t, kind, matched): (usize, EntryKind, &'static str)| Link {
        term: lex.term(t),
        kind,
        matched,
    };
    match hit.terms[..] {
        [one] => Outcome::Mapped(vec![link(one)]),
        _ => {
            // A term's own name outranks other terms' synonyms, when only
            // one term has it as its name.
            let names: Vec<_> = hit.terms.iter().filter(|e| e.1 == EntryKind::Name).collect();
            if let [one] = names[..] {
                Outcome::Mapped(vec![link(*one)])
            } else {
                Outcome::Ambiguous(hit.terms.iter().map(|e| lex.term(e.0)).collect())
            }
        }
    }
}

/// "head (gloss)" with the parenthesis closing the name.
fn split_gloss(name: &str) -> Option<(&str, &str)> {
    let inner = name.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let head = inner[..open].trim();
    let gloss = inner[open + 1..].trim();
    (!head.is_empty() && !gloss.is_empty()).then_some((head, gloss))
}

/// The text before a trailing ", worse at night"-style remark.
fn drop_remark(text: &str) -> &str {
    let mut text = text.trim();
    while let Some(comma) = text.rfind(',') {
        let tail = text[comma + 1..].trim_start().to_lowercase();
        if REMARKS.iter().any(|r| tail.starts_with(&format!("{r} "))) {
            text = text[..comma].trim_end();
        } else {
            break;
        }
    }
    text
}

/// The text before a clause saying when or how ("pain when walking").
fn drop_clause(text: &str) -> &str {
    let lower = text.to_lowercase();
    let cut = CLAUSES
        .iter()
        .filter_map(|c| lower.find(&format!(" {c} ")))
        .min()
        .unwrap_or(text.len());
    text[..cut].trim_end_matches([',', ' '])
}

/// Items of "a, b and c" / "a or b" / "a with b".
fn split_list(text: &str) -> Vec<&str> {
    let mut items = Vec::new();
    for part in text.split([',', ';']) {
        let mut rest = part.trim();
        loop {
            let lower = rest.to_lowercase();
            let cut = [" and ", " or ", " and/or ", " with "]
                .iter()
                .filter_map(|sep| lower.find(sep).map(|i| (i, sep.len())))
                .min();
            match cut {
                Some((i, len)) => {
                    items.push(rest[..i].trim());
                    rest = rest[i + len..].trim();
                }
                None => break,
            }
        }
        let rest = rest.trim_start_matches("and ").trim_start_matches("or ").trim();
        items.push(rest);
    }
    items.retain(|s| !s.is_empty());
    items
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::lexicon;
    use super::*;

    fn ids(o: &Outcome) -> Vec<String> {
        o.links().iter().map(|l| l.term.id()).collect()
    }

    #[test]
    fn exact_names_and_synonyms() {
        let lex = lexicon();
        assert_eq!(ids(&map_name(lex, "itching")), ["HP:0000989"]);
        assert_eq!(ids(&map_name(lex, "Itchy skin")), ["HP:0000989"]);
        assert_eq!(map_name(lex, "itching").links()[0].kind, EntryKind::Layperson);
        assert_eq!(map_name(lex, "pruritus").links()[0].kind, EntryKind::Name);
    }

    #[test]
    fn shapes_of_informal_names() {
        let lex = lexicon();
        // gloss restating the head
        assert_eq!(ids(&map_name(lex, "extreme tiredness (fatigue)")), ["HP:0012378"]);
        // a qualifier and a remark
        assert_eq!(ids(&map_name(lex, "mild fever")), ["HP:0011134"]); // HPO has "Mild fever"
        assert_eq!(ids(&map_name(lex, "unexplained weight loss")), ["HP:0001824"]);
        assert_eq!(
            ids(&map_name(lex, "intense itching, worse at night")),
            ["HP:0000989"]
        );
        // a list maps only when every item does
        assert_eq!(map_name(lex, "fever and headache").links().len(), 2);
        assert_eq!(map_name(lex, "fever and chalk-like material"), Outcome::Unmatched);
        assert_eq!(
            map_name(lex, "discharge of chalk-like creamy material"),
            Outcome::Unmatched
        );
    }

    #[test]
    fn glosses_clauses_places_modifiers_and_shared_words() {
        let lex = lexicon();
        let labels =
            |n: &str| -> Vec<&str> { map_name(lex, n).links().iter().map(|l| l.term.label).collect() };
        assert_eq!(labels("shivering (chills)"), ["Shivering", "Chills"]);
        assert_eq!(labels("pain when walking"), ["Pain"]);
        assert_eq!(
            labels("sudden severe pain in one joint (often the big toe)"),
            ["Arthralgia"]
        );
        assert_eq!(labels("pain in the lower back"), ["Low back pain"]);
        assert_eq!(labels("hot swollen joint"), ["Joint swelling"]);
        assert_eq!(
            labels("large fluid-filled blisters that burst"),
            ["Abnormal blistering of the skin"]
        );
        assert_eq!(
            labels("joint pain, stiffness and swelling"),
            ["Arthralgia", "Joint stiffness", "Joint swelling"]
        );
        assert_eq!(labels("bone or joint pain"), ["Bone pain", "Arthralgia"]);
        assert_eq!(labels("fever with shivering"), ["Fever", "Shivering"]);
        assert_eq!(labels("pink or red eyes"), ["Red eye"]);
        // Words of direction or absence are never dropped, and a list maps
        // only whole.
        assert_eq!(
            map_name(lex, "reduced sweating")
                .links()
                .first()
                .map(|l| l.term.label),
            None
        );
        assert_eq!(map_name(lex, "itchy or sore skin"), Outcome::Unmatched);
    }

    #[test]
    fn splitting_helpers() {
        assert_eq!(
            split_list("joint pain, stiffness and swelling"),
            ["joint pain", "stiffness", "swelling"]
        );
        assert_eq!(split_list("a or b"), ["a", "b"]);
        assert_eq!(split_gloss("x (y)"), Some(("x", "y")));
        assert_eq!(split_gloss("x"), None);
        assert_eq!(drop_remark("coughing, often worse at night"), "coughing");
        assert_eq!(drop_clause("blisters that burst"), "blisters");
        assert_eq!(drop_clause("pain, worse when moving"), "pain");
    }
}
