//! Names of facts: normalisation through the vocabulary, and the words
//! that make a name vague, a person, or a describing word.

use std::cell::RefCell;
use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use super::phrase_set::Fnv;
use super::rules::{words, List};
use super::Vocabulary;

/// Whether a name only says where on the body ("around the eyes and
/// mouth", "backs of the hands", "elbows"): a place is no fact.
pub(super) fn is_body_site(name: &str) -> bool {
    let places = words(List::BodyPlaces);
    let name = words(List::Places)
        .iter()
        .find_map(|p| name.strip_prefix(p).and_then(|r| r.strip_prefix(' ')))
        .unwrap_or(name);
    let mut parts = name
        .split([',', ';'])
        .flat_map(|p| split_at(p, " and "))
        .flat_map(|p| split_at(p, " or "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .peekable();
    parts.peek().is_some()
        && parts.all(|part| {
            let part = ["backs of ", "back of ", "fronts of ", "sides of ", "tips of "]
                .iter()
                .find_map(|l| part.strip_prefix(l))
                .unwrap_or(part);
            let part = ["the ", "your ", "both "]
                .iter()
                .find_map(|l| part.strip_prefix(l))
                .unwrap_or(part);
            // A place equals the part, or its singular the part's: the
            // first implies the second, so the singulars are looked up.
            place_singular(places, part.strip_suffix('s').unwrap_or(part))
        })
}

type Singulars = HashSet<&'static str, BuildHasherDefault<Fnv>>;

thread_local! {
    /// The singulars of each list of body places seen (known by the list's
    /// address), for [`is_body_site`], asked of nearly every item.
    static SINGULARS: RefCell<Vec<((usize, usize), Singulars)>> = const { RefCell::new(Vec::new()) };
}

/// Whether some place of `places` has the singular `singular` (a place
/// ending in 's' has it stripped, as the part has).
fn place_singular(places: &'static [&'static str], singular: &str) -> bool {
    SINGULARS.with(|s| {
        let mut s = s.borrow_mut();
        let id = (places.as_ptr() as usize, places.len());
        if !s.iter().any(|(k, _)| *k == id) {
            // (Tests make many rule sets; a process, one or two.)
            if s.len() >= 8 {
                s.clear();
            }
            let set = places.iter().map(|p| p.strip_suffix('s').unwrap_or(p)).collect();
            s.push((id, set));
        }
        s.iter()
            .find(|(k, _)| *k == id)
            .is_some_and(|(_, set)| set.contains(singular))
    })
}

/// `s.split(separator)`, found by comparing bytes: the names split are
/// short, and `str::split` builds a searcher for each.
fn split_at<'a>(s: &'a str, separator: &'static str) -> impl Iterator<Item = &'a str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let text = rest?;
        let at = text
            .as_bytes()
            .windows(separator.len())
            .position(|w| w == separator.as_bytes());
        match at {
            Some(at) => {
                rest = Some(&text[at + separator.len()..]);
                Some(&text[..at])
            }
            None => rest.take(),
        }
    })
}

/// An instruction named as the practice it asks for, the way people list
/// self-care: "stop smoking" -> "stopping smoking", "do not scratch the
/// sores" -> "not scratching the sores", "raise your legs" -> "raising
/// legs". Anything else is returned as it is.
pub(super) fn as_practice(name: &str) -> String {
    // "try not to scratch" asks for not scratching; "try to rest", resting.
    let name = name.strip_prefix("try to ").unwrap_or(name);
    let (not, rest) = ["do not ", "don't ", "dont ", "try not to "]
        .iter()
        .find_map(|n| name.strip_prefix(n))
        .map_or((false, name), |rest| (true, rest));
    let Some((verb, tail)) = rest.split_once(' ').or(Some((rest, ""))) else {
        return name.to_owned();
    };
    if !(not || super::phrases::is_instruction(verb)) || verb.ends_with("ing") {
        return name.to_owned();
    }
    let practice = gerund_phrase(verb, &tail.replace("your ", ""));
    if not {
        format!("not {practice}")
    } else {
        practice
    }
}

/// "wake", "up too early" -> "waking up too early"; a verb already in -ing
/// stays as it is.
fn gerund_phrase(verb: &str, tail: &str) -> String {
    let verb = if verb.ends_with("ing") {
        verb.to_owned()
    } else {
        gerund(verb)
    };
    format!("{verb} {}", tail.trim()).trim().to_owned()
}

/// A name without an adverb before it ("sometimes a mild fever" is "mild
/// fever"): how often something happens is no part of what it is.
pub(super) fn without_adverb(name: String) -> String {
    let stripped = words(List::AdverbialLeads)
        .iter()
        .find_map(|lead| name.strip_prefix(lead).and_then(|r| r.strip_prefix(' ')))
        .map(|rest| without_article(rest.trim_start()).to_owned());
    stripped.unwrap_or(name)
}

/// A name without the verb a cut left at its end with its adverbs
/// ("prednisolone is sometimes" of "... is sometimes used"): no name ends
/// in "is" or "may". A run of such words without a verb stays ("needing to
/// urinate often", "something you are allergic to").
pub(super) fn without_tail(name: String) -> String {
    let mut end = name.len();
    let mut cut = name.len();
    while let Some((rest, last)) = name[..end].trim_end().rsplit_once(' ') {
        if !words(List::SubjectTails).contains(&last) {
            break;
        }
        end = rest.trim_end().len();
        let modal = words(List::Modals).iter().any(|m| m.trim_end() == last);
        if modal || words(List::Auxiliaries).contains(&last) {
            cut = end;
        }
    }
    if cut == name.len() {
        name
    } else {
        name[..cut].to_owned()
    }
}

/// A name without its leading article ("a weakened immune system").
pub(super) fn without_article(name: &str) -> &str {
    ARTICLES.iter().find_map(|a| name.strip_prefix(a)).unwrap_or(name)
}

const ARTICLES: [&str; 3] = ["a ", "an ", "the "];

/// The length of the article opening `text` in any letter case ("An "),
/// or 0.
pub(super) fn article_len(text: &str) -> usize {
    ARTICLES
        .iter()
        .find(|a| text.len() > a.len() && text.get(..a.len()).is_some_and(|p| p.eq_ignore_ascii_case(a)))
        .map_or(0, |a| a.len())
}

/// A symptom said as what the person does, named as the symptom itself:
/// "find it hard to fall asleep" -> "difficulty falling asleep", "have
/// trouble sleeping" -> "difficulty sleeping", "wake up too early" ->
/// "waking up too early". Anything else is returned as it is.
pub(super) fn as_symptom(name: &str) -> String {
    let verb_phrase = |rest: &str| {
        let (verb, tail) = rest.split_once(' ').unwrap_or((rest, ""));
        gerund_phrase(verb, tail)
    };
    if let Some(rest) = words(List::DifficultyLeads)
        .iter()
        .find_map(|lead| name.strip_prefix(lead).and_then(|r| r.strip_prefix(' ')))
        .filter(|r| !r.is_empty())
    {
        // "have problems with memory": a noun follows, kept as it is.
        let rest = rest
            .strip_prefix("with ")
            .map_or_else(|| verb_phrase(rest), |r| format!("with {r}"));
        return format!("difficulty {rest}");
    }
    let first = name.split(' ').next().unwrap_or("");
    if words(List::SymptomVerbs).contains(&first) && name.contains(' ') {
        return verb_phrase(name);
    }
    name.to_owned()
}

/// A cause said as what happened to the person, named as the cause: "had
/// cellulitis before" -> "previous cellulitis". Anything else is returned
/// as it is.
pub(super) fn as_cause(name: &str) -> String {
    let past = words(List::PastLeads)
        .iter()
        .find_map(|lead| name.strip_prefix(lead))
        .and_then(|rest| {
            words(List::PastTails)
                .iter()
                .find_map(|tail| rest.strip_suffix(tail))
        })
        .map(|what| without_article(what.trim()));
    match past {
        Some(what) if !what.is_empty() => format!("previous {what}"),
        _ => name.to_owned(),
    }
}

/// A cause said as what people do, named as the doing: "share cups" ->
/// "sharing cups". A name already in -ing, or opening with a verb the
/// cause's leads strip ("are in close contact"), is returned as it is.
pub(super) fn as_doing(name: &str) -> String {
    let (verb, tail) = name.split_once(' ').unwrap_or((name, ""));
    if verb.ends_with("ing") || words(List::Auxiliaries).contains(&verb) {
        return name.to_owned();
    }
    gerund_phrase(verb, tail)
}

/// "stop" -> "stopping", "lose" -> "losing", "try" -> "trying".
fn gerund(verb: &str) -> String {
    let b = verb.as_bytes();
    let vowel = |c: u8| b"aeiou".contains(&c);
    // A short verb ending consonant-vowel-consonant doubles its last letter.
    let doubles = b.len() >= 3
        && b.len() <= 4
        && b"bdgmnpt".contains(&b[b.len() - 1])
        && vowel(b[b.len() - 2])
        // ("quit": after a q the u is a consonant.)
        && (!vowel(b[b.len() - 3]) || b.len() == 4 && b.starts_with(b"qu"));
    if doubles {
        format!("{verb}{}ing", verb.chars().last().unwrap_or_default())
    } else if verb == "lie" {
        "lying".to_owned()
    } else if verb.ends_with('e') && !verb.ends_with("ee") && verb.len() > 2 {
        format!("{}ing", &verb[..verb.len() - 1])
    } else {
        format!("{verb}ing")
    }
}

/// The noun of a symptom verb: "ulcerate" -> "ulceration", "itch" ->
/// "itching".
pub(super) fn nominalize(verb: &str) -> String {
    if let Some(stem) = verb.strip_suffix("ate") {
        format!("{stem}ation")
    } else if verb.ends_with("ing") {
        verb.to_owned()
    } else if let Some(stem) = verb.strip_suffix('e') {
        format!("{stem}ing")
    } else {
        format!("{verb}ing")
    }
}

/// Whether a list item names people ("rheumatologists", "a dermatologist").
pub(super) fn names_professionals(item: &str) -> bool {
    let last = last_word_singular(item);
    words(List::ProfessionalSuffixes)
        .iter()
        .any(|s| last.ends_with(s))
        || words(List::Professionals).contains(&last.as_str())
}

/// Whether a name's last word is one of the professionals list ("your
/// GP", "a pharmacist"), by the list alone: a subject's "a twist" or "the
/// wrist" ends as "-ist" people do.
pub(super) fn ends_in_professional(name: &str) -> bool {
    words(List::Professionals).contains(&last_word_singular(name).as_str())
}

/// A name's last word, lower-cased, without a plural 's'.
fn last_word_singular(name: &str) -> String {
    let last = name
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    last.trim_end_matches('s').to_owned()
}

/// The canonical form of a name: lower case, spaces and punctuation tidied
/// ("make - up" -> "make-up", "( x )" -> "(x)"), vocabulary corrections
/// applied word by word, leading articles dropped, a whole-name synonym
/// mapped to its canonical name.
pub fn normalize_name(raw: &str, vocabulary: &Vocabulary) -> String {
    // Asked of one text many times (a condition's name under every
    // heading, an item in every article of a site): answered once.
    super::memo::name(raw, vocabulary, || {
        let s = normalize_words(raw, vocabulary);
        match vocabulary.canonical(&s) {
            Some(canonical) => canonical.to_owned(),
            None => s,
        }
    })
}

/// [`normalize_name`] without mapping synonyms.
pub(super) fn normalize_words(raw: &str, vocabulary: &Vocabulary) -> String {
    // One pass: quotation marks go (before spaces are folded, so `use " x "
    // make-up` leaves no double space), runs of white space become one
    // space, letters go to lower case. ASCII is read a byte at a time.
    let mut s = String::with_capacity(raw.len());
    let mut space = false;
    let mut rest = raw;
    while let Some(&b) = rest.as_bytes().first() {
        let c = if b.is_ascii() {
            rest = &rest[1..];
            char::from(b)
        } else {
            let c = rest.chars().next().expect("not empty");
            rest = &rest[c.len_utf8()..];
            c
        };
        if matches!(c, '"' | '“' | '”' | '*') {
            continue;
        }
        if c.is_whitespace() {
            if !s.is_empty() && !space {
                s.push(' ');
                space = true;
            }
        } else {
            space = false;
            if c.is_ascii() {
                s.push(c.to_ascii_lowercase());
            } else {
                s.extend(c.to_lowercase());
            }
        }
    }
    if space {
        s.pop();
    }
    // Spacing around punctuation, only where there is some (most names
    // have none, and each replacement copies the string).
    // (Each pattern below holds one of these marks.)
    // (Tested by bytes; 0xE2 opens '’' and other marks, and a text that
    // holds none of the patterns is left as it is anyway.)
    let marked = s
        .bytes()
        .any(|b| matches!(b, b'-' | b',' | b'(' | b')' | b'/' | b'\'' | 0xe2));
    if marked && s.bytes().any(|b| b == b' ' || b == 0xe2) {
        for (from, to) in [
            (" - ", "-"),
            (" , ", ", "),
            (" ,", ","),
            ("( ", "("),
            (" )", ")"),
            (" /", "/"),
            ("/ ", "/"),
            (" '", "'"),
            (" ’", "'"),
            ("’", "'"),
        ] {
            if s.contains(from) {
                s = s.replace(from, to);
            }
        }
    }
    if s.contains('(') {
        s = drop_qualifying_parenthesis(&s);
    }
    // Corrections: whole words, then whole phrases. Most names have none:
    // the copy is made from the first word corrected.
    let mut out: Option<String> = None;
    let mut at = 0;
    for piece in s.as_bytes().split(|&b| b == b' ') {
        // (The words between spaces, found without a char searcher.)
        let w = &s[at..at + piece.len()];
        let plain_ends = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
        let core = if plain_ends(piece.first()) && plain_ends(piece.last()) {
            w
        } else {
            w.trim_matches(|c: char| !c.is_alphanumeric())
        };
        let fix = if core.is_empty() {
            None
        } else {
            vocabulary.correct(core)
        };
        if fix.is_some() || out.is_some() {
            // Made at the first fix: the text before it, its space included.
            let first = out.is_none();
            let out = out.get_or_insert_with(|| s[..at].to_owned());
            if !first {
                out.push(' ');
            }
            match fix {
                Some(fix) => out.push_str(&w.replacen(core, fix, 1)),
                None => out.push_str(w),
            }
        }
        at += w.len() + 1;
    }
    let mut s = out.unwrap_or(s);
    for (wrong, right) in vocabulary.phrase_corrections() {
        if s.contains(wrong) {
            s = s.replace(wrong, right);
        }
    }
    let mut name = s.trim_matches(|c: char| c.is_whitespace() || ".,;:!?".contains(c));
    for article in ["a ", "an ", "the ", "some "] {
        if let Some(rest) = name.strip_prefix(article) {
            name = rest;
        }
    }
    if name.len() == s.len() {
        s
    } else {
        name.to_owned()
    }
}

/// "alcohol (especially red wine)" -> "alcohol": a parenthesis that only
/// narrows the name is not part of it; one that names the thing ("(pcos)",
/// "(sebum)") stays.
fn drop_qualifying_parenthesis(s: &str) -> String {
    let mut out = s.to_owned();
    let mut from = 0;
    while let Some(open) = out[from..].find('(').map(|o| o + from) {
        let Some(close) = out[open..].find(')').map(|c| c + open) else {
            break;
        };
        let inner = &out[open + 1..close];
        let first = inner.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        if words(List::QualifyingOpeners).contains(&first) {
            out = format!("{}{}", out[..open].trim_end(), &out[close + 1..]);
        } else {
            from = close + 1;
        }
    }
    out
}

/// A word that reads as a modifier ("primary", "topical", "hot"), for
/// sharing the noun after a conjunction.
pub(super) fn adjective_like(word: &str) -> bool {
    // "burning or stinging skin": participles modify the noun too.
    word.chars().count() <= 4
        || words(List::ModifierSuffixes).iter().any(|s| word.ends_with(s))
        || word.ends_with("ing")
}

#[cfg(test)]
mod tests {
    use super::{as_cause, as_symptom, gerund};

    #[test]
    fn gerunds_double_a_short_verbs_last_letter() {
        assert_eq!(gerund("stop"), "stopping");
        assert_eq!(gerund("quit"), "quitting");
        assert_eq!(gerund("wait"), "waiting");
        assert_eq!(gerund("lose"), "losing");
    }

    #[test]
    fn causes_said_as_what_happened_are_named_as_causes() {
        assert_eq!(as_cause("had cellulitis before"), "previous cellulitis");
        assert_eq!(as_cause("have had a stroke in the past"), "previous stroke");
        assert_eq!(as_cause("had chickenpox"), "had chickenpox");
        assert_eq!(as_cause("smoking"), "smoking");
    }

    #[test]
    fn symptoms_said_as_what_you_do_are_named_as_symptoms() {
        assert_eq!(
            as_symptom("find it hard to fall asleep"),
            "difficulty falling asleep"
        );
        assert_eq!(as_symptom("have trouble sleeping"), "difficulty sleeping");
        assert_eq!(as_symptom("have problems with memory"), "difficulty with memory");
        assert_eq!(as_symptom("wake up too early"), "waking up too early");
        assert_eq!(
            as_symptom("feel sleepy during the day"),
            "feeling sleepy during the day"
        );
        // Nouns and names already in noun form stay as they are.
        assert_eq!(as_symptom("cough"), "cough");
        assert_eq!(as_symptom("feeling sick"), "feeling sick");
        assert_eq!(as_symptom("difficulty concentrating"), "difficulty concentrating");
    }
}
