//! Stage (a), section classification: what a heading opens.
//!
//! A heading either names the condition itself ("What is scabies?"), opens
//! a section whose kind its words give (patterns in `rules.toml`), names a
//! kind of the condition ("Allergic asthma", "Uric acid stones"), or is a
//! plain sub-heading that belongs to the section around it.

use crate::document::{Block, BlockKind};
use crate::text::{trim, Span};

use super::condition::{key, subject};
use super::keys::condition_key;
use super::rules::{List, Rules, SectionKind};
use super::Extractor;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingRole {
    /// The heading names the condition: an overview follows.
    Condition,
    Section(SectionKind),
    /// The heading names a kind of the condition: the span is where the
    /// name starts ("Q: And what about chronic sinusitis?" names chronic
    /// sinusitis).
    Type(Span),
    /// Neither: a sub-heading of the section around it.
    Sub,
}

/// What a heading opens, given the condition's name.
pub fn classify(doc: &str, heading: Span, condition: &str, rules: &Rules) -> HeadingRole {
    let heading = unnumbered(doc, heading, rules);
    let text = heading.of(doc);
    // "See your GP if:", "Phone 999 or go to A&E if": a heading that opens
    // as the call-outs that send the reader for help do, and leads in to
    // what follows, opens a help section whatever its words name ("Phone
    // 111 if your child's symptoms get worse:"). ("See your GP if the
    // cream has not worked" over what the GP does, or "Important: using
    // creams", leads in to nothing: not one.)
    let lead_in = text.trim_end().ends_with(':') || {
        let t = text.trim_end_matches([' ', '?', '.']);
        t.len() > 3 && t.as_bytes()[t.len() - 3..].eq_ignore_ascii_case(b" if")
    };
    if lead_in && rules.list(List::HelpCallout).starts(text).is_some() {
        return HeadingRole::Section(SectionKind::Help);
    }
    if let Some((kind, _)) = rules.section(text) {
        return HeadingRole::Section(kind);
    }
    // "How does a hypo feel?", "Stopping nosebleeds coming back": the
    // patterns say "it" where a heading may name the condition.
    if let Some((kind, _)) = condition_as_it(text, condition).and_then(|t| rules.section(&t)) {
        return HeadingRole::Section(kind);
    }
    let c = condition_key(condition);
    // "Hepatitis A": the letter is no article to drop.
    if designated_kind(&key(text), &c) {
        return HeadingRole::Type(heading);
    }
    let Some(subject) = subject(doc, heading, rules) else {
        return HeadingRole::Sub;
    };
    let s = key(subject.of(doc));
    if s == *c {
        HeadingRole::Condition
    } else if names_a_kind(&s, &c) {
        HeadingRole::Type(subject)
    } else {
        HeadingRole::Sub
    }
}

/// The heading with the condition's name, or its one-word short form
/// ("hypo" of "hypoglycaemia"), and an article before it said as "it"; none
/// where the heading does not name it so.
fn condition_as_it(heading: &str, condition: &str) -> Option<String> {
    let own = condition_key(condition);
    if own.is_empty() {
        return None;
    }
    let own_words: Vec<&str> = own.split(' ').collect();
    let words: Vec<&str> = heading.split_whitespace().collect();
    let bare = |w: &str| key(w.trim_matches(|c: char| !c.is_alphanumeric()));
    // A short form: one word, four letters or more, that the one-word name
    // starts with.
    let short =
        |w: &str| own_words.len() == 1 && w.chars().count() >= 4 && w.len() < own.len() && own.starts_with(w);
    let (at, len) = (0..words.len()).find_map(|i| {
        let n = own_words.len();
        if i + n <= words.len()
            && words[i..i + n]
                .iter()
                .map(|w| bare(w))
                .eq(own_words.iter().map(|w| w.to_string()))
        {
            return Some((i, n));
        }
        short(&bare(words[i])).then_some((i, 1))
    })?;
    let from = match at.checked_sub(1).map(|j| words[j].to_lowercase()) {
        Some(a) if ["a", "an", "the", "your", "my"].contains(&a.as_str()) => at - 1,
        _ => at,
    };
    // (What stood after the name, its question mark say, stays.)
    let tail = &words[at + len - 1][words[at + len - 1]
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .len()..];
    let mut out: Vec<String> = words[..from].iter().map(|w| w.to_string()).collect();
    out.push(format!("it{tail}"));
    out.extend(words[at + len..].iter().map(|w| w.to_string()));
    Some(out.join(" "))
}

/// A type title without its numbering ("Type 1 - Vascular X" is
/// "Vascular X"; "Type 2 diabetes" keeps its number, which names it).
pub fn unnumbered(doc: &str, title: Span, rules: &Rules) -> Span {
    // "4. What increases my risk?", "2.1 Calcium stones": a section number.
    let title = crate::text::unnumbered(doc, title);
    let Some(hit) = rules.list(List::TypeWords).starts(title.of(doc)) else {
        return title;
    };
    let rest = &title.of(doc)[hit.end..];
    let number = rest.trim_start();
    let len = number
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(number.len());
    let after = number[len..].trim_start();
    if len == 0 || len > 3 || !after.starts_with(['-', '–', ':', '.', ')']) {
        return title;
    }
    let skip = title.of(doc).len() - after.len() + 1;
    let rest = trim(
        doc,
        Span {
            start: title.start + skip,
            end: title.end,
        },
        &[],
    );
    if rest.is_empty() {
        title
    } else {
        rest
    }
}

/// Whether a name (as a [`key`]) is a kind of the condition: two to seven
/// words, the last one of the condition's and another one not ("uric acid
/// stone" of "kidney stone disease", "occupational asthma" of "asthma";
/// "kidney stone" is the condition by another name). The last word may be
/// the condition's misspelt by one letter ("secondary focal hyperhydrosis"
/// of "hyperhidrosis"): pages with typos spell their headings as they go.
pub fn names_a_kind(name: &str, condition: &str) -> bool {
    // (Words counted and compared in place: every heading and sentence
    // opening asks, and a collected list of words per call cost more than
    // the test.)
    let count = |s: &str| s.bytes().filter(|&b| b == b' ').count() + 1;
    let (n, own_n) = (count(name), count(condition));
    let mut backwards = name.rsplit(' ');
    let last = backwards.next().unwrap_or("");
    // "osteoarthritis" of "arthritis": one word, the condition's one word
    // with a prefix of three letters or more.
    let compound = n == 1 && own_n == 1 && name.len() >= condition.len() + 3 && name.ends_with(condition);
    // "latent tb infection": an abbreviation ("TB", "HIV") leaves out the
    // head noun its full name has, so a kind may add it back after it.
    // (Only after a short one-word name: "severe gallstone disease" is
    // gallstones said another way, not a kind of them.)
    let headed = n >= 3
        && own_n == 1
        && condition.len() <= 5
        && backwards.next() == Some(condition)
        && super::rules::words(List::KindHeads).contains(&last);
    compound
        || designated_kind(name, condition)
        || (2..=7).contains(&n)
            && (headed || condition.split(' ').any(|o| same_word(last, o)) && !modifier_only(last, condition))
            && name.split(' ').any(|w| !condition.split(' ').any(|o| o == w))
}

/// "bleeding gums" of "gum disease": the word only says where a condition
/// named for its head noun ("disease", "infection") is, and a thing of
/// that place is no kind of it ("calcium oxalate stones" of "kidney stone
/// disease" still are).
fn modifier_only(word: &str, condition: &str) -> bool {
    // (Two words: one space, and neither half holds another.)
    matches!(condition.split_once(' '), Some((first, head)) if !head.contains(' ')
        && first == word
        && super::rules::words(List::KindHeads).contains(&head))
}

/// The same word, or one long enough (seven letters or more) that a
/// single slip of the keys (a letter changed, added, dropped or two
/// swapped) cannot make another word of it.
fn same_word(word: &str, own: &str) -> bool {
    word == own
        || own.len() >= 7 && word.len().abs_diff(own.len()) <= 1 && super::keys::one_slip_apart(word, own)
}

/// "hepatitis a", "influenza b", "leukaemia type 2": the condition's name
/// (as a [`key`]) then a letter or number that tells its kinds apart.
fn designated_kind(name: &str, condition: &str) -> bool {
    // (As lists of words split at single spaces, two names are equal when
    // their texts are: compared without collecting the words.)
    let Some((head, last)) = name.rsplit_once(' ') else {
        return false;
    };
    if !designator(last) {
        return false;
    }
    // A head of "type" alone leaves no words, which no condition is.
    match head.strip_suffix("type") {
        Some("") => false,
        Some(rest) if rest.ends_with(' ') => &rest[..rest.len() - 1] == condition,
        _ => head == condition,
    }
}

/// A single letter, a number or a small roman numeral, as in "hepatitis
/// B" or "type 2".
fn designator(word: &str) -> bool {
    word.len() == 1 && word.chars().all(|c| c.is_ascii_alphabetic())
        || (1..=2).contains(&word.len()) && word.chars().all(|c| c.is_ascii_digit())
        || ["ii", "iii", "iv"].contains(&word)
}

impl Extractor<'_> {
    /// The section a counted title names: "9 Things That Cause Dandruff",
    /// "7 Home Remedies for Dry Eye" (a number, then words naming causes,
    /// symptoms or treatments).
    pub(super) fn counted_title(&self, title: Span) -> Option<SectionKind> {
        let text = title.of(self.doc);
        let (count, rest) = text.split_once(' ')?;
        // (One to three digits, not nought: "2024 Asthma Update" counts nothing.)
        let digits = (1..=3).contains(&count.len()) && count.bytes().all(|b| b.is_ascii_digit());
        if !digits || count.bytes().all(|b| b == b'0') || rest.starts_with(|c: char| !c.is_alphabetic()) {
            return None;
        }
        let (kind, _) = self.rules.section(rest)?;
        matches!(
            kind,
            SectionKind::Causes
                | SectionKind::RiskFactors
                | SectionKind::Symptoms
                | SectionKind::Treatment
                | SectionKind::SelfCare
        )
        .then_some(kind)
    }

    /// The kind of an unknown section from its blocks (up to the next
    /// heading as high as its own): treatment when half of them or more
    /// name a medicine or a treatment, symptoms when most open with a phenotype
    /// term; otherwise `Other`, whose blocks state no facts. With it, how
    /// many blocks name a medicine or treatment.
    pub(super) fn kind_by_content(&self, ahead: &[Block], level: u8) -> (SectionKind, usize) {
        let doc = self.doc;
        let lexicon = crate::codes::lexicon::lexicon();
        let (mut blocks, mut treatments, mut symptoms) = (0, 0, 0);
        for block in ahead {
            match block.kind {
                BlockKind::Heading { level: l } if l <= level => break,
                BlockKind::Paragraph | BlockKind::ListItem { .. } => {}
                _ => continue,
            }
            let text = block.text(doc);
            blocks += 1;
            // (A named medicine gives a kind too.)
            if self.vocab.names_treatment(text) {
                treatments += 1;
            }
            let start = text.find(char::is_alphanumeric).unwrap_or(0);
            let opening = lexicon.longest_phenotype_at(text, start);
            if opening.is_some_and(|(range, _)| range.len() * 2 >= text.trim().len()) {
                symptoms += 1;
            }
        }
        let kind = if treatments >= 3 && treatments * 2 >= blocks {
            SectionKind::Treatment
        } else if symptoms >= 2 && symptoms * 2 >= blocks {
            SectionKind::Symptoms
        } else {
            SectionKind::Other
        };
        (kind, treatments)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(h: &str, condition: &str) -> HeadingRole {
        classify(
            h,
            Span {
                start: 0,
                end: h.len(),
            },
            condition,
            &Rules::builtin(),
        )
    }

    /// Where the name of the kind a heading names starts, if it names one.
    fn type_named(h: &str, condition: &str) -> Option<String> {
        match role(h, condition) {
            HeadingRole::Type(span) => Some(span.of(h).to_owned()),
            _ => None,
        }
    }

    #[test]
    fn headings_open_sections_name_kinds_or_the_condition() {
        assert_eq!(role("What is croup?", "croup"), HeadingRole::Condition);
        assert_eq!(
            role("Symptoms of croup", "croup"),
            HeadingRole::Section(SectionKind::Symptoms)
        );
        assert_eq!(
            type_named("Spasmodic croup", "croup").as_deref(),
            Some("Spasmodic croup")
        );
        assert_eq!(
            type_named("Uric acid stones", "kidney stone disease").as_deref(),
            Some("Uric acid stones")
        );
        assert_eq!(
            type_named("Q: And what about chronic sinusitis?", "sinusitis").as_deref(),
            Some("chronic sinusitis")
        );
        assert_eq!(
            role("Reliever inhalers", "asthma"),
            HeadingRole::Section(SectionKind::Treatment)
        );
        assert_eq!(role("Tablets", "asthma"), HeadingRole::Sub);
        assert_eq!(
            type_named("Drug-induced lupus", "lupus").as_deref(),
            Some("Drug-induced lupus")
        );
        assert_eq!(
            type_named("Hepatitis B", "hepatitis").as_deref(),
            Some("Hepatitis B")
        );
        assert_eq!(
            type_named("Hepatitis A", "hepatitis").as_deref(),
            Some("Hepatitis A")
        );
        assert_eq!(
            type_named("Leukaemia type 2", "leukaemia").as_deref(),
            Some("Leukaemia type 2")
        );
        assert_eq!(role("Hepatitis", "hepatitis"), HeadingRole::Condition);
        assert_eq!(role("Vitamin B", "hepatitis"), HeadingRole::Sub);
    }

    #[test]
    fn a_kind_may_misspell_the_condition_by_one_letter() {
        assert!(names_a_kind("secondary focal hyperhydrosis", "hyperhidrosis"));
        assert!(names_a_kind("chronic sinustis", "sinusitis"));
        // Short words are too near each other to forgive a slip.
        assert!(!names_a_kind("kidney stole", "kidney stone"));
        // Two slips make another word.
        assert!(!names_a_kind("acute bronchiectasis", "bronchitis"));
    }

    #[test]
    fn a_compound_of_the_conditions_one_word_is_a_kind() {
        assert!(names_a_kind("osteoarthritis", "arthritis"));
        assert!(names_a_kind("neurodermatitis", "dermatitis"));
        // The word alone, or with a prefix too short to be one, is none.
        assert!(!names_a_kind("arthritis", "arthritis"));
        assert!(!names_a_kind("xarthritis", "arthritis"));
        assert!(!names_a_kind("osteoarthritis", "rheumatoid arthritis"));
    }

    #[test]
    fn a_thing_of_the_place_a_disease_is_named_for_is_no_kind_of_it() {
        assert!(!names_a_kind("bleeding gum", "gum disease"));
        assert!(names_a_kind("necrotising gum disease", "gum disease"));
        assert!(names_a_kind("calcium oxalate stone", "kidney stone disease"));
    }
}
