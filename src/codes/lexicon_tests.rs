//! Tests of the HPO lexicon: the built-in index, lookups and the scan of
//! running text.

use super::*;

/// The index built into the binary is the one `index_gen` makes from
/// the two files now (build.rs reran), and every entry finds its term.
#[test]
fn built_in_index_is_current_and_finds_every_entry() {
    assert_eq!(
        super::super::index_gen::build(LEXICON_TSV, LAY_PHRASES_TSV),
        INDEX
    );
    let lex = lexicon();
    for (i, line) in LEXICON_TSV
        .lines()
        .filter(|l| !l.starts_with('#'))
        .enumerate()
        .step_by(7)
    {
        let mut fields = line.split('\t');
        let id = format!("HP:{}", fields.next().unwrap());
        let term = lex.by_id(&id).unwrap();
        let hit = lex.lookup(fields.next().unwrap()).unwrap();
        assert!(
            hit.terms.iter().any(|t| lex.term(t.0) == term),
            "line {i}: {line}"
        );
    }
}

/// Each record's stored hash is its key's, in ascending order, so a
/// lookup's binary search over hashes finds every record of a key.
#[test]
fn records_sorted_by_key_hash() {
    let lex = lexicon();
    let unordered = |t: &str| unordered_key(&normalise(t)).unwrap_or_default();
    for (table, key_of) in [
        (lex.exact, &normalise as &dyn Fn(&str) -> String),
        (lex.unordered, &unordered),
    ] {
        assert!(table.records.len() > 1000);
        for i in 0..table.records.len() {
            let key = key_of(lex.text(table.records.get(i)));
            assert_eq!(table.hashes.get(i), key_hash(&key), "{key}");
            assert!(i == 0 || table.hashes.get(i - 1) <= table.hashes.get(i));
        }
    }
}

/// Every curated phrase names a term of the lexicon, and none restates
/// an HPO entry: the list only adds what the HPO lacks, and never makes
/// a name ambiguous.
#[test]
fn curated_phrases_only_add_what_the_hpo_lacks() {
    let mut n = 0;
    for line in LAY_PHRASES_TSV
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (phrase, id) = line.split_once('\t').unwrap();
        assert!(lexicon().by_id(id).is_some(), "{phrase}: {id}");
        // Ambiguous with an HPO entry of another term, or (as a weaker
        // kind) hidden behind an HPO entry of the same term.
        let hit = lexicon().lookup(phrase).unwrap();
        assert_eq!(hit.terms.len(), 1, "{phrase:?} names two terms");
        assert_eq!(lexicon().term(hit.terms[0].0).id(), id, "{phrase:?}");
        assert_eq!(
            hit.terms[0].1,
            EntryKind::Curated,
            "{phrase:?} is already an HPO entry"
        );
        n += 1;
    }
    assert!(n >= 20, "{n} phrases");
    assert_eq!(EntryKind::Curated.method(), "reviewer");
}

#[test]
fn built_in_lexicon_has_release_and_terms() {
    let lex = lexicon();
    assert_eq!(lex.release(), "2025-01-16");
    assert!(lex.len() > 15_000, "{} terms", lex.len());
    let t = lex.by_id("HP:0000989").unwrap();
    assert_eq!((t.label, t.id()), ("Pruritus", "HP:0000989".to_owned()));
    assert!(
        lex.by_id("HP:0000118").is_none(),
        "the branch root itself is not a phenotype"
    );
    assert!(lex.by_id("HP:x").is_none());
}

#[test]
fn looks_up_names_synonyms_and_word_order() {
    let lex = lexicon();
    for name in ["itchy skin", "Itching", "pruritus", "skin itching", "itchy skins"] {
        let hit = lex.lookup(name).unwrap_or_else(|| panic!("{name}"));
        assert_eq!(hit.terms.len(), 1, "{name}");
        assert_eq!(lex.term(hit.terms[0].0).id(), "HP:0000989", "{name}");
    }
    let hit = lex.lookup("itchy skin").unwrap();
    assert_eq!(hit.terms[0].1, EntryKind::Layperson);
    assert!(lex.is_phenotype("Pruritus"));
    assert!(!lex.is_phenotype("calcium"));
}

/// The keys built word by word are `normalise` of each whole prefix,
/// whatever separates the words.
#[test]
fn prefix_keys_are_normalised_prefixes() {
    for text in [
        "Itchy skins and the swollen joints",
        "Raynaud\u{2019}s phenomenon, and pain",
        "pain-free days / the  Oedema's return",
        "\u{130}stanbul fever \u{2160}I sore",
        "\u{3a3}\u{391}\u{3a3} x\u{3a3}. y",
        "a \u{2018}quoted\u{2019} word",
        "the the the",
    ] {
        let ends: Vec<usize> = text
            .char_indices()
            .filter(|&(i, _)| i > 0)
            .map(|(i, _)| i)
            .chain([text.len()])
            .filter(|&i| {
                let before = text[..i].chars().next_back().unwrap();
                let after = text[i..].chars().next();
                (before.is_alphanumeric() || before == '\'' || before == '-')
                    && !after.is_some_and(|c| c.is_alphanumeric() || c == '\'' || c == '-')
            })
            .collect();
        let (key, lens) = prefix_keys(text, &ends, |_| true);
        for (end, len) in ends.iter().zip(lens) {
            assert_eq!(&key[..len], normalise(&text[..*end]), "{text:?} to {end}");
        }
    }
}

/// The scan finds what looking up every prefix whole finds (the way
/// it was first written), at every word of an article.
#[test]
fn longest_term_as_by_whole_prefixes() {
    let lex = lexicon();
    let reference = |text: &str, offset: usize| {
        let rest = &text[offset..];
        let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '-';
        if !rest.chars().next().is_some_and(is_word) {
            return None;
        }
        let mut ends = Vec::new();
        let (mut in_word, mut stopped) = (true, false);
        for (i, c) in rest.char_indices() {
            let w = is_word(c);
            if in_word && !w {
                ends.push(i);
                if ends.len() >= lex.max_words {
                    stopped = true;
                    break;
                }
            }
            if !w && matches!(c, '.' | ',' | ';' | ':' | '\n' | '(' | ')') {
                stopped = true;
                break;
            }
            in_word = w;
        }
        if !stopped && in_word {
            ends.push(rest.len());
        }
        ends.into_iter().rev().find_map(|end| {
            let last = rest[..end]
                .split(|c: char| !c.is_alphanumeric())
                .rfind(|w| !w.is_empty())
                .unwrap_or("");
            if is_symptom_variant(last) && !normalise(&rest[..end]).contains(' ') {
                return None;
            }
            match lex.lookup(&rest[..end]).map(|h| h.terms) {
                Some(t) if t.len() == 1 => Some((offset..offset + end, lex.term(t[0].0))),
                _ => None,
            }
        })
    };
    let article = include_str!("../../seeds/calcinosis-cutis.txt");
    let text = format!(
        "{article}\nSymptoms include swollen joints the pain in the chest, itchy skin and a sore throat \
         with loss of appetite and abnormality of the skin of the hands; recurrent fever the the blood in the urine."
    );
    let mut found = 0;
    for (at, _) in text.char_indices().filter(|&(i, c)| {
        c.is_alphanumeric() && !text[..i].chars().next_back().is_some_and(char::is_alphanumeric)
    }) {
        let got = lex.longest_phenotype_at(&text, at);
        assert_eq!(
            got,
            reference(&text, at),
            "at {at}: {:?}",
            &text[at..(at + 40).min(text.len())]
        );
        found += usize::from(got.is_some());
    }
    assert!(found >= 10, "{found} terms");
}

#[test]
fn longest_term_in_running_text() {
    let lex = lexicon();
    let text = "Signs include itchy skin, and fever.";
    let at = text.find("itchy").unwrap();
    let (range, term) = lex.longest_phenotype_at(text, at).unwrap();
    assert_eq!(&text[range], "itchy skin");
    assert_eq!(term.id(), "HP:0000989");
    assert!(lex
        .longest_phenotype_at(text, text.find("and").unwrap())
        .is_none());
    let (range, _) = lex
        .longest_phenotype_at(text, text.find("fever").unwrap())
        .unwrap();
    assert_eq!(&text[range], "fever");
}
