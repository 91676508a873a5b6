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
//! read item by item (`list.rs`): each item that maps is linked, recording
//! the item, and the others are gaps, listed, never guessed
//! ([`Outcome::Partial`]). A key is also tried as the HPO may say it: an
//! ache as a pain, an -en verb form as its state ("skin stiffening"), a
//! body part as the HPO's adjective ("arm pain": upper limb pain), and a
//! place as its adjective ("under the skin": subcutaneous). The word lists
//! are data (`map/rules.toml`). Anything naming two terms at one place is
//! ambiguous and stays unmapped.

use super::lexicon::{normalise, EntryKind, Lexicon, Term};

mod list;
mod rules;
use list::{join, list};
use rules::{has, rules};

/// One term a symptom maps to, and the lexicon entry that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub term: Term,
    pub kind: EntryKind,
    /// The lexicon's text of the entry that matched ("Itchy skin").
    pub matched: &'static str,
    /// The item of a list name the link came from ("chills" of "fever and
    /// chills"); None when the name (or its head, gloss or a part without
    /// a place, clause or modifier) matched as a whole.
    pub item: Option<String>,
}

/// An item of a list name that maps to no term, or to several (its
/// candidates): listed, never guessed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub item: String,
    /// Empty when nothing matched; the terms when the item is ambiguous.
    pub candidates: Vec<Term>,
}

/// What a symptom name maps to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// One term, or one per item of a list, each matched exactly.
    Mapped(Vec<Link>),
    /// A list of which some items map (each link exact for its item) and
    /// the others, listed, do not.
    Partial(Vec<Link>, Vec<Gap>),
    /// The name (or a piece of it) names more than one term: unmapped.
    Ambiguous(Vec<Term>),
    /// No exact match.
    Unmatched,
}

impl Outcome {
    pub fn links(&self) -> &[Link] {
        match self {
            Outcome::Mapped(l) | Outcome::Partial(l, _) => l,
            _ => &[],
        }
    }
}

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
        let mut h = phrase(lex, head);
        // A gloss saying where the head is places it: "nodules (large
        // painful lumps deep under the skin)" are nodules under the skin.
        if matches!(h, Outcome::Unmatched) {
            if let Some(place) = trailing_place(gloss) {
                h = phrase(lex, &format!("{head} {place}"));
            }
        }
        let g = gloss_outcome(lex, gloss);
        return match (h, g) {
            (Outcome::Ambiguous(t), _) | (_, Outcome::Ambiguous(t)) => Outcome::Ambiguous(t),
            // Both name phenotypes ("shivering (chills)"): the symptom is
            // each of them; an unmatched gloss restates or specifies the
            // head and is no gap.
            // A gloss that maps whole restates the head's unmapped items
            // ("bleeding easily (nosebleeds, bleeding gums)").
            (Outcome::Partial(a, _), Outcome::Mapped(b)) => Outcome::Mapped(union(a, b)),
            (a, b) => join(a, b),
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
    list(lex, text)
}

/// One name: exact lookup, then without leading qualifiers, with its place
/// moved before it or dropped, and without descriptive modifiers.
fn piece(lex: &Lexicon, text: &str) -> Outcome {
    let out = exact(lex, text);
    if !matches!(out, Outcome::Unmatched) {
        return out;
    }
    let mut words: Vec<String> = normalise(text).split(' ').map(str::to_owned).collect();
    let r = rules();
    while words.len() > 1 && r.qualifiers.iter().any(|q| normalise(q) == words[0]) {
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
    // "nodules under the skin": subcutaneous nodules, the HPO's word for
    // the place (rules.toml, place_adjectives).
    let out = at_named_place(lex, &words);
    if !matches!(out, Outcome::Unmatched) {
        return out;
    }
    // "pain in one joint": "joint pain", else at least "pain".
    if let Some(at) = words.iter().position(|w| has(&r.places, w)) {
        let mut place = &words[at + 1..];
        while place.len() > 1 && ["a", "an", "one", "both", "each", "your"].contains(&place[0].as_str()) {
            place = &place[1..];
        }
        // "in the centre of the chest" is in the chest.
        let place = r.whole_place(place);
        // "a gritty feeling in the eye" is a gritty eye: the feeling is
        // what such a name says of its place.
        let name = without_feeling(&words[..at]);
        if at > 0 && !place.is_empty() {
            let out = modified(lex, [place, name].concat());
            if !matches!(out, Outcome::Unmatched) {
                return out;
            }
            return modified(lex, name.to_vec());
        }
    }
    Outcome::Unmatched
}

/// "a gritty feeling": what such a name says of its place is its feeling.
fn without_feeling(name: &[String]) -> &[String] {
    match name {
        [rest @ .., last] if !rest.is_empty() && matches!(last.as_str(), "feeling" | "sensation") => rest,
        _ => name,
    }
}

/// Normalised words ending in a place the HPO names by an adjective
/// ("under skin"), read as the adjective before the name: "subcutaneous
/// nodule", without descriptive modifiers as [`modified`] drops them.
fn at_named_place(lex: &Lexicon, words: &[String]) -> Outcome {
    let r = rules();
    for at in 1..words.len().saturating_sub(1) {
        let mut place: Vec<&str> = words[at..].iter().map(String::as_str).collect();
        // "under your skin", "around both eyes".
        if place.len() > 2 && ["a", "an", "one", "both", "each", "your"].contains(&place[1]) {
            place.remove(1);
        }
        if let Some(adjective) = r.place_adjective(&place.join(" ")) {
            let name = without_feeling(&words[..at]);
            let adjective: Vec<String> = adjective.split(' ').map(str::to_owned).collect();
            return modified(lex, [&adjective[..], name].concat());
        }
    }
    Outcome::Unmatched
}

/// The place at the end of a gloss ("under the skin" of "lumps deep under
/// the skin"): from its first word that opens a place on.
fn trailing_place(gloss: &str) -> Option<&str> {
    let lower = gloss.to_lowercase();
    if lower.len() != gloss.len() {
        return None;
    }
    let r = rules();
    let opens = |w: &str| {
        has(&r.places, w)
            || r.place_adjectives
                .iter()
                .any(|p| p.places.iter().any(|pl| pl.split(' ').next() == Some(w)))
    };
    lower
        .match_indices(' ')
        .map(|(i, _)| i + 1)
        .find(|&i| opens(lower[i..].split(' ').next().unwrap_or("")))
        .map(|i| gloss[i..].trim())
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
                (a, b) => join(a, b),
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
        for m in &rules().modifiers {
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
    let Some(hit) = variants(key).into_iter().find_map(|k| lex.lookup_key(&k)) else {
        return Outcome::Unmatched;
    };
    let link = |(t, kind, matched): (usize, EntryKind, &'static str)| Link {
        term: lex.term(t),
        kind,
        matched,
        item: None,
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

/// A key as written, then in the other ways it may be said, first the one
/// the HPO is likeliest to have: each is looked up exactly, the first found
/// wins.
fn variants(key: &str) -> Vec<String> {
    let mut out = vec![key.to_owned()];
    // An ache is a pain: "aching joints" are joint pain (the HPO's Myalgia
    // has both "Muscle ache" and "Muscle pain"); only when no entry has the
    // ache itself ("Body ache" is a term of its own).
    if key.split(' ').any(|w| w == "ache") {
        let pain: Vec<&str> = key
            .split(' ')
            .map(|w| if w == "ache" { "pain" } else { w })
            .collect();
        out.push(pain.join(" "));
    }
    let r = rules();
    for k in out.clone() {
        out.extend(become_state(&k));
    }
    // A body part as the HPO's adjective: "arm pain" is upper limb pain.
    for k in out.clone() {
        out.extend(r.body_adjective(&k));
    }
    out
}

/// A key with its -en verb forms read as their adjectives ("skin
/// stiffening" as stiff skin, "thickening of skin" as thick skin), in
/// normal form; None when it has none.
fn become_state(key: &str) -> Option<String> {
    let r = rules();
    let words: Vec<&str> = key.split(' ').collect();
    let mut out: Vec<&str> = Vec::with_capacity(words.len());
    let mut changed = false;
    let mut i = 0;
    while i < words.len() {
        match r.becoming(words[i]) {
            Some(adjective) => {
                out.push(adjective);
                changed = true;
                // "thickening of skin": the adjective goes before its noun.
                if words.get(i + 1) == Some(&"of") && i + 2 < words.len() {
                    i += 1;
                }
            }
            None => out.push(words[i]),
        }
        i += 1;
    }
    changed.then(|| normalise(&out.join(" ")))
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
        if rules().remarks.iter().any(|r| tail.starts_with(&format!("{r} "))) {
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
    let cut = rules()
        .clauses
        .iter()
        .filter_map(|c| lower.find(&format!(" {c} ")))
        .min()
        .unwrap_or(text.len());
    text[..cut].trim_end_matches([',', ' '])
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::lexicon;
    use super::list::split_list;
    use super::*;

    /// The labels of the terms a name maps to, in order.
    pub(super) fn labels(name: &str) -> Vec<&'static str> {
        map_name(lexicon(), name)
            .links()
            .iter()
            .map(|l| l.term.label)
            .collect()
    }

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
        // a list maps item by item; an item that maps to nothing is a gap
        assert!(matches!(map_name(lex, "fever and headache"), Outcome::Mapped(l) if l.len() == 2));
        let Outcome::Partial(links, gaps) = map_name(lex, "fever and chalk-like material") else {
            panic!("a list with one unmappable item maps in part")
        };
        assert_eq!(ids(&Outcome::Mapped(links.clone())), ["HP:0001945"]);
        assert_eq!(links[0].item.as_deref(), Some("fever"));
        assert_eq!(
            gaps,
            [Gap {
                item: "chalk-like material".into(),
                candidates: vec![]
            }]
        );
        assert_eq!(
            map_name(lex, "discharge of chalk-like creamy material"),
            Outcome::Unmatched
        );
    }

    #[test]
    fn glosses_clauses_places_modifiers_and_shared_words() {
        let lex = lexicon();
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
        // A describing word read with the list's noun: only as a term's own
        // name that keeps the word.
        assert_eq!(labels("white or grey hair"), ["White hair"]);
        assert_eq!(labels("heavy or pressing pain"), ["Pain"]);
        assert_eq!(
            map_name(lex, "heavy or pressing pain").links()[0].item.as_deref(),
            Some("pressing pain")
        );
        // Words of direction or absence are never dropped.
        assert_eq!(
            map_name(lex, "reduced sweating")
                .links()
                .first()
                .map(|l| l.term.label),
            None
        );
    }

    #[test]
    fn verb_forms_places_and_glosses() {
        // An -en verb form names the state; a clause of consequence is cut.
        assert_eq!(labels("skin stiffening limiting movement"), ["Stiff skin"]);
        assert_eq!(labels("stiffening of the skin"), ["Stiff skin"]);
        assert_eq!(labels("thickening of the skin"), ["Thickened skin"]);
        assert_eq!(labels("thickened skin"), ["Thickened skin"]);
        assert_eq!(labels("itching making it hard to sleep"), ["Pruritus"]);
        // A place the HPO says with an adjective.
        assert_eq!(labels("nodules under the skin"), ["Subcutaneous nodule"]);
        assert_eq!(
            labels("calcifications under the skin"),
            ["Subcutaneous calcification"]
        );
        assert_eq!(
            labels("hyperpigmentation around the mouth"),
            ["Perioral hyperpigmentation"]
        );
        assert_eq!(labels("pits behind the ears"), ["Postauricular pit"]);
        // Only places of the table: "pain behind the eyes" is no eye pain.
        assert_eq!(labels("pain behind the eyes"), Vec::<&str>::new());
        // A gloss's place places an unmatched head, and only then.
        assert_eq!(
            labels("nodules (large painful lumps deep under the skin)"),
            ["Subcutaneous nodule"]
        );
        assert_eq!(
            trailing_place("lumps deep under the skin"),
            Some("under the skin")
        );
        assert_eq!(trailing_place("regurgitation"), None);
        assert_eq!(
            labels("burrows (thin silvery or greyish wavy lines in the skin)"),
            Vec::<&str>::new()
        );
        // A body part as the HPO's adjective; part of a place is the place.
        assert_eq!(labels("pain in the abdomen"), ["Abdominal pain"]);
        assert_eq!(labels("aching arms"), ["Upper limb pain"]);
        assert_eq!(labels("pain in the centre of the chest"), ["Chest pain"]);
        assert_eq!(labels("pain in the back of the knee"), ["Pain"]);
        assert_eq!(become_state("skin stiffening"), Some("skin stiffness".into()));
        assert_eq!(become_state("open sore"), None);
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
