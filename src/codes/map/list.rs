//! Reading a symptom name that is a list ("joint pain, stiffness and
//! swelling", "itchy or sore skin") item by item: each item that maps
//! exactly is linked, recording the item, and the others are gaps, listed.

use super::rules::{has, rules};
use super::{exact_key, piece, union, Gap, Link, Outcome};
use crate::codes::lexicon::{normalise, EntryKind, Lexicon};

/// Both outcomes' links and gaps together (neither ambiguous).
pub(super) fn join(a: Outcome, b: Outcome) -> Outcome {
    let parts = |o: Outcome| match o {
        Outcome::Mapped(l) => (l, Vec::new()),
        Outcome::Partial(l, g) => (l, g),
        _ => (Vec::new(), Vec::new()),
    };
    let ((la, mut ga), (lb, gb)) = (parts(a), parts(b));
    ga.extend(gb);
    let links = union(la, lb);
    match (links.is_empty(), ga.is_empty()) {
        (true, _) => Outcome::Unmatched,
        (false, true) => Outcome::Mapped(links),
        (false, false) => Outcome::Partial(links, ga),
    }
}

/// A list name: its items as they stand, or, when a place closes the list
/// ("pain, aching or stiffness in the lower back", "a burning or stinging
/// sensation in the eyes"), each item at that place; of the two readings
/// the one that maps more items, the place's on a tie.
pub(super) fn list(lex: &Lexicon, text: &str) -> Outcome {
    let plain = read_items(lex, &split_list(text), None);
    let placed =
        shared_place(text).and_then(|(names, place)| read_items(lex, &split_list(names), Some(place)));
    let best = match (plain, placed) {
        (Some(a), Some(b)) => {
            if a.1 > b.1 {
                a
            } else {
                b
            }
        }
        (a, b) => match a.or(b) {
            Some(x) => x,
            None => return Outcome::Unmatched,
        },
    };
    best.0
}

/// Read each item of a list (at `place`, when given) by exact lookups:
/// the outcome and how many items mapped; None for fewer than two items.
/// Items that map give links recording the item; the others are gaps. With
/// no item mapped, an ambiguous item makes the whole name ambiguous.
fn read_items(lex: &Lexicon, items: &[&str], place: Option<&str>) -> Option<(Outcome, usize)> {
    if items.len() < 2 {
        return None;
    }
    let mut links: Vec<Link> = Vec::new();
    let mut gaps: Vec<Gap> = Vec::new();
    let mut mapped = 0;
    for (i, item) in items.iter().enumerate() {
        // "such as nosebleeds": an example is an item; "sometimes" alone
        // (", sometimes with a fever") is none.
        let lower = item.to_lowercase();
        let item = &match ["such as ", "including ", "for example ", "e.g. "]
            .iter()
            .find(|lead| lower.starts_with(*lead))
        {
            Some(lead) => item[lead.len()..].trim(),
            None => item,
        };
        if lower
            .split(' ')
            .all(|w| has(&rules().qualifiers, w) || ["sometimes", "also", "then"].contains(&w))
        {
            continue;
        }
        let mut out = match place {
            Some(p) => piece(lex, &format!("{item} {p}")),
            None => piece(lex, item),
        };
        if matches!(out, Outcome::Unmatched) {
            // "pink or red eyes": a describing word before the last item
            // describes the same thing, and is no item of its own unless,
            // read with the list's noun, it is a term's own name ("white or
            // grey hair": White hair) or a phrase of kb's own hand-checked list,
            // which names its term literally ("red or purplish skin": red
            // skin); through an HPO synonym it could be an idiom ("pink eyes"
            // is the HPO's layperson name of Conjunctivitis).
            // Symptom nouns among the modifiers ("pain, swelling and
            // tenderness") are names, and so are adjectives that normalise
            // to them ("swollen"): only a word written as a modifier is one.
            // "firm whitish or yellowish papules": all its words are.
            let raw = item.to_lowercase();
            let describing = raw
                .split([' ', '-'])
                .filter(|w| !["a", "an"].contains(w))
                .all(|w| has(&rules().modifiers, w) && !has(&rules().symptom_words, w));
            out = elided(lex, items, i);
            if i + 1 < items.len() && describing {
                match out {
                    Outcome::Mapped(ref l) if l.iter().all(|x| names_with(x, item)) => {}
                    _ => continue,
                }
            }
        }
        match out {
            Outcome::Mapped(l) | Outcome::Partial(l, _) => {
                mapped += 1;
                let l = l
                    .into_iter()
                    .map(|x| Link {
                        item: Some(item.to_string()),
                        ..x
                    })
                    .collect();
                links = union(links, l);
            }
            Outcome::Ambiguous(candidates) => gaps.push(Gap {
                item: item.to_string(),
                candidates,
            }),
            Outcome::Unmatched => gaps.push(Gap {
                item: item.to_string(),
                candidates: Vec::new(),
            }),
        }
    }
    let out = if links.is_empty() {
        match gaps.into_iter().find(|g| !g.candidates.is_empty()) {
            Some(g) => Outcome::Ambiguous(g.candidates),
            None => Outcome::Unmatched,
        }
    } else if gaps.is_empty() {
        Outcome::Mapped(links)
    } else {
        Outcome::Partial(links, gaps)
    };
    Some((out, mapped))
}

/// True when `link` matched a term's own name, or a phrase of kb's
/// hand-checked list, that has `words` in it.
fn names_with(link: &Link, words: &str) -> bool {
    let name = normalise(link.matched);
    matches!(link.kind, EntryKind::Name | EntryKind::Curated)
        && normalise(words)
            .split(' ')
            .all(|w| name.split(' ').any(|n| n == w))
}

/// ("a, b or c", "in the lower back") when the name's first place follows
/// a list of two or more names; the place may itself be a list ("around
/// the cheeks, eyes or forehead").
fn shared_place(text: &str) -> Option<(&str, &str)> {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return None;
    }
    let at = lower.match_indices(' ').map(|(i, _)| i).find(|&i| {
        rules()
            .places
            .iter()
            .any(|p| lower[i + 1..].starts_with(&format!("{p} ")))
    })?;
    let names = text[..at].trim_end_matches([',', ' ']);
    (split_list(names).len() >= 2).then(|| (names, text[at + 1..].trim()))
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
        .position(|w| has(&rules().places, w))
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

/// Items of "a, b and c" / "a or b" / "a with b".
pub(super) fn split_list(text: &str) -> Vec<&str> {
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
    use super::super::map_name;
    use super::super::tests::labels;
    use super::*;
    use crate::codes::lexicon::lexicon;

    fn gaps_of(lex: &Lexicon, name: &str) -> Vec<String> {
        match map_name(lex, name) {
            Outcome::Partial(_, g) => g.into_iter().map(|g| g.item).collect(),
            other => panic!("{name}: {other:?}"),
        }
    }

    #[test]
    fn lists_link_the_items_that_map_and_list_the_others() {
        let lex = lexicon();
        assert_eq!(labels("irritability or low mood"), ["Irritability"]);
        assert_eq!(gaps_of(lex, "itchy or sore skin"), ["sore skin"]);
        assert_eq!(gaps_of(lex, "white or grey hair"), ["grey hair"]);
        assert_eq!(gaps_of(lex, "irritability or low mood"), ["low mood"]);
        // Symptom nouns in a list are names, not describing words to skip.
        assert_eq!(
            gaps_of(lex, "pain, swelling and tenderness"),
            ["swelling", "tenderness"]
        );
        // A describing word read with the list's noun is a phrase of kb's
        // hand-checked list: "red skin" is Erythema.
        assert_eq!(labels("red or purplish shiny skin over the joint"), ["Erythema"]);
        assert_eq!(
            gaps_of(lex, "red or purplish shiny skin over the joint"),
            ["purplish shiny skin"]
        );
        // Describing words before the last item are still no items.
        assert_eq!(
            gaps_of(lex, "firm whitish or yellowish papules, plaques or nodules"),
            ["plaques", "nodules"]
        );
        // A gloss that maps whole restates the head's unmapped items.
        assert_eq!(
            labels("bruising or bleeding easily (nosebleeds, bleeding gums)"),
            ["Bruising susceptibility", "Epistaxis", "Gingival bleeding"]
        );
        assert!(matches!(
            map_name(lex, "bruising or bleeding easily (nosebleeds, bleeding gums)"),
            Outcome::Mapped(_)
        ));
        // No item maps: nothing is linked.
        assert_eq!(map_name(lex, "red sores or golden crusts"), Outcome::Unmatched);
        // Examples are items; a lone frequency word is none.
        assert_eq!(
            labels("bleeding easily, such as nosebleeds or bleeding gums"),
            ["Epistaxis", "Gingival bleeding"]
        );
        assert_eq!(
            gaps_of(lex, "bleeding easily, such as nosebleeds or bleeding gums"),
            ["bleeding easily"]
        );
        assert_eq!(
            labels("feeling sick, sometimes with a fever"),
            ["Nausea", "Fever"]
        );
        assert!(matches!(
            map_name(lex, "feeling sick, sometimes with a fever"),
            Outcome::Mapped(_)
        ));
    }

    #[test]
    fn a_place_after_a_list_belongs_to_every_item() {
        let lex = lexicon();
        assert_eq!(
            labels("pain, aching or stiffness in the lower back"),
            ["Low back pain"]
        );
        assert_eq!(
            gaps_of(lex, "pain, aching or stiffness in the lower back"),
            ["stiffness"]
        );
        assert_eq!(
            labels("pain and swelling in the fingers"),
            ["Finger pain", "Finger swelling"]
        );
        // "a burning feeling in the eye" is a burning eye.
        assert_eq!(
            labels("gritty or burning feeling in the eye"),
            ["Corneal foreign body sensation", "Burning eye sensation"]
        );
        // The place closes the name only when a list comes before it.
        assert_eq!(shared_place("lump in or around the anus"), None);
        assert_eq!(
            shared_place("pain, swelling and tenderness around the cheeks, eyes or forehead"),
            Some((
                "pain, swelling and tenderness",
                "around the cheeks, eyes or forehead"
            ))
        );
    }

    #[test]
    fn aches_are_pains_and_ish_colours_are_colours() {
        let lex = lexicon();
        assert_eq!(labels("aching joints"), ["Arthralgia"]);
        assert_eq!(labels("an aching back"), ["Back pain"]);
        // An entry with the ache itself wins.
        assert_eq!(labels("body aches"), ["Body ache"]);
        assert_eq!(labels("muscle aches"), ["Myalgia"]);
        assert_eq!(
            labels("aching arms and legs"),
            ["Upper limb pain", "Lower limb pain"]
        );
        assert_eq!(labels("yellowish papules"), ["Papule"]);
        assert_eq!(labels("greyish papules"), ["Papule"]);
        assert!(map_name(lex, "whitish").links().is_empty());
    }
}
