//! The test helpers of crates/kb-devtools checked themselves: the
//! synthetic corpus is deterministic with exact quotes, and the scorer's
//! fuzzy matching pairs paraphrases one-to-one. (Here rather than beside
//! the code so that `cargo test` at the top runs them.)

use kb_devtools::eval::{score, similarity, Score, THRESHOLD};
use kb_devtools::synth::article;

#[test]
fn articles_are_deterministic_and_quotes_exact() {
    for i in 0..30 {
        let a = article(7, i);
        assert_eq!(a.text, article(7, i).text);
        let c = &a.truth.conditions[0];
        for (_, _, q) in c.quoted() {
            assert_eq!(&a.text[q.start..q.end], q.text, "article {i}");
        }
        assert!(c.types.len() >= 2);
    }
    assert_ne!(article(7, 1).text, article(7, 2).text);
    assert_ne!(article(7, 1).text, article(8, 1).text);
}

#[test]
fn condition_names_are_unique() {
    let names: std::collections::HashSet<String> = (0..2000)
        .map(|i| article(1, i).truth.conditions[0].name.clone())
        .collect();
    assert_eq!(names.len(), 2000);
}

#[test]
fn similarity_tolerates_paraphrase_but_not_different_things() {
    assert!(similarity("infections", "infection") >= THRESHOLD);
    assert!(similarity("parenteral administration of calcium", "parenteral calcium") >= THRESHOLD);
    assert!(similarity("friction on the skin", "friction") >= THRESHOLD);
    assert!(similarity("sarcoidosis", "calciphylaxis") < THRESHOLD);
    assert_eq!(similarity("", "x"), 0.0);
}

#[test]
fn pairing_is_one_to_one() {
    let p = vec!["acne".to_owned(), "acne".to_owned()];
    let g = vec!["acne".to_owned()];
    assert_eq!(
        score(&p, &g),
        Score {
            matched: 1,
            predicted: 2,
            gold: 1
        }
    );
    assert_eq!(score(&p, &g).precision(), 0.5);
    assert_eq!(score(&p, &g).recall(), 1.0);
}
