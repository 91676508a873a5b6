//! Mapping one symptom name to HPO terms, exactly or not at all.
//!
//! A name maps when, after normalisation, it is a term's name or exact
//! synonym. Informal names are often a few such names in one phrase, so
//! three shapes are read, each still by exact lookup of every piece:
//! "head (gloss)" (either part, or both when they agree), a leading
//! severity or time qualifier ("mild fever" is a fever), and a list ("joint
//! pain, stiffness and swelling" maps only if every item maps). A trailing
//! remark such as ", worse at night" is dropped. Anything naming two terms
//! at one place is ambiguous and stays unmapped.

use super::lexicon::{EntryKind, Lexicon, Term};

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
/// unchanged.
const QUALIFIERS: &[&str] = &[
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
    let whole = piece(lex, name);
    if !matches!(whole, Outcome::Unmatched) {
        return whole;
    }
    // "head (gloss)": the gloss restates or specifies the head.
    if let Some((head, gloss)) = split_gloss(name) {
        let h = phrase(lex, head);
        let g = gloss_outcome(lex, gloss);
        return match (h, g) {
            (Outcome::Mapped(a), Outcome::Mapped(b)) => {
                if same_terms(&a, &b) {
                    Outcome::Mapped(a)
                } else {
                    Outcome::Ambiguous(a.iter().chain(&b).map(|l| l.term).collect())
                }
            }
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

/// A phrase without a gloss: whole, without a trailing remark, then as a list.
fn phrase(lex: &Lexicon, text: &str) -> Outcome {
    let text = drop_remark(text);
    let whole = piece(lex, text);
    if !matches!(whole, Outcome::Unmatched) {
        return whole;
    }
    let items = split_list(text);
    if items.len() < 2 {
        return Outcome::Unmatched;
    }
    let mut links: Vec<Link> = Vec::new();
    for item in items {
        match piece(lex, item) {
            Outcome::Mapped(l) => {
                for link in l {
                    if !links.iter().any(|x| x.term == link.term) {
                        links.push(link);
                    }
                }
            }
            other => return other,
        }
    }
    Outcome::Mapped(links)
}

/// One name: exact lookup, then without leading qualifiers.
fn piece(lex: &Lexicon, text: &str) -> Outcome {
    let out = exact(lex, text);
    if !matches!(out, Outcome::Unmatched) {
        return out;
    }
    let mut rest = text.trim();
    while let Some((first, tail)) = rest.split_once(char::is_whitespace) {
        if !QUALIFIERS.contains(&first.to_lowercase().as_str()) {
            break;
        }
        rest = tail.trim_start();
        let out = exact(lex, rest);
        if !matches!(out, Outcome::Unmatched) {
            return out;
        }
    }
    Outcome::Unmatched
}

fn exact(lex: &Lexicon, text: &str) -> Outcome {
    let Some(hit) = lex.lookup(text) else {
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

fn same_terms(a: &[Link], b: &[Link]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.iter().any(|y| y.term == x.term))
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

/// Items of "a, b and c" / "a or b".
fn split_list(text: &str) -> Vec<&str> {
    let mut items = Vec::new();
    for part in text.split([',', ';']) {
        let mut rest = part.trim();
        loop {
            let lower = rest.to_lowercase();
            let cut = [" and ", " or ", " and/or "]
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
    fn splitting_helpers() {
        assert_eq!(
            split_list("joint pain, stiffness and swelling"),
            ["joint pain", "stiffness", "swelling"]
        );
        assert_eq!(split_list("a or b"), ["a", "b"]);
        assert_eq!(split_gloss("x (y)"), Some(("x", "y")));
        assert_eq!(split_gloss("x"), None);
        assert_eq!(drop_remark("coughing, often worse at night"), "coughing");
    }
}
