//! Query API tests on the shipped seeds plus two fixture articles built to
//! share causes, symptoms and treatments.

use super::*;
use rusqlite::params;

use crate::model::TreatmentKind;
use crate::Error;
use crate::{Kb, Source};

fn fixtures() -> Source {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/shared");
    Source::from_dir(std::path::Path::new(dir)).unwrap()
}

fn kb() -> Kb {
    let mut kb = Kb::open_in_memory().unwrap();
    kb.migrate().unwrap();
    kb.seed(&Source::builtin()).unwrap();
    kb.seed(&fixtures()).unwrap();
    kb
}

#[test]
fn finds_conditions_by_slug_name_alias_and_type() {
    let kb = kb();
    assert_eq!(kb.find_condition("heat-bumps").unwrap().name, "heat bumps");
    assert_eq!(kb.find_condition("  Heat   BUMPS ").unwrap().slug, "heat-bumps");
    assert_eq!(kb.find_condition("prickle rash").unwrap().slug, "heat-bumps");
    assert_eq!(
        kb.find_condition("Irritant contact rash").unwrap().slug,
        "contact-rash"
    );
    assert_eq!(
        kb.find_condition("latrogenic calcinosis cutis").unwrap().slug,
        "calcinosis-cutis"
    );
    match kb.find_condition("heat bumbs") {
        Err(Error::UnknownCondition { suggestions, .. }) => {
            assert_eq!(suggestions.first().map(String::as_str), Some("heat bumps"))
        }
        other => panic!("expected an unknown-condition error, got {other:?}"),
    }
}

#[test]
fn record_carries_aliases_types_and_verbatim_provenance() {
    let kb = kb();
    let r = kb.condition("heat bumps").unwrap();
    assert_eq!(r.condition, "heat bumps");
    assert!(r.aliases.contains(&"prickle rash".to_owned()));
    let types: Vec<&str> = r.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(types, ["crystal heat bumps", "red heat bumps"], "document order");
    assert_eq!(
        r.general_causes
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        ["stress"]
    );
    let body: String = kb
        .connection()
        .query_row("SELECT body FROM document WHERE slug = 'heat-bumps'", [], |row| {
            row.get(0)
        })
        .unwrap();
    let mut checked = 0;
    for item in r
        .types
        .iter()
        .flat_map(|t| &t.causes)
        .chain(&r.symptoms)
        .chain(&r.general_causes)
    {
        for p in &item.sources {
            assert_eq!(&body[p.start_byte as usize..p.end_byte as usize], p.quote);
            checked += 1;
        }
    }
    assert!(checked >= 7);
    assert!(r.treatments.iter().all(|t| t.kind == TreatmentKind::SelfCare));
}

#[test]
fn shared_and_unique_causes_across_types() {
    let kb = kb();
    let shared = kb.shared_causes_across_types("contact rash").unwrap();
    assert_eq!(shared.len(), 1);
    assert_eq!(shared[0].cause, "stress");
    assert_eq!(
        shared[0].types,
        ["allergic contact rash", "irritant contact rash"]
    );
    assert_eq!(
        kb.shared_causes_across_types("heat bumps").unwrap()[0].cause,
        "hot weather"
    );

    let unique = kb.causes_unique_to_type("contact rash").unwrap();
    let names: Vec<&str> = unique.iter().map(|c| c.cause.as_str()).collect();
    assert!(names.contains(&"nickel") && names.contains(&"friction"));
    assert!(!names.contains(&"stress"));
    assert!(unique.iter().all(|c| c.types.len() == 1));

    // In the seed article no cause is listed under two types.
    let calcinosis = kb.condition("calcinosis cutis").unwrap();
    let mut seen = std::collections::HashSet::new();
    let expect_shared = calcinosis
        .types
        .iter()
        .flat_map(|t| &t.causes)
        .any(|c| !seen.insert(c.slug.clone()));
    assert_eq!(
        !kb.shared_causes_across_types("calcinosis cutis")
            .unwrap()
            .is_empty(),
        expect_shared
    );
}

#[test]
fn conditions_sharing_causes_symptoms_and_treatments() {
    let kb = kb();
    let causes = kb.shared_across_conditions(Shared::Cause).unwrap();
    let stress = causes
        .iter()
        .find(|c| c.name == "stress")
        .expect("stress is shared");
    assert_eq!(stress.conditions, ["contact rash", "heat bumps"]);
    assert!(causes.iter().any(|c| c.name == "friction"));
    assert!(!causes.iter().any(|c| c.name == "nickel"));
    assert_eq!(
        kb.shared_across_conditions(Shared::Symptom).unwrap()[0].name,
        "itching"
    );
    assert_eq!(
        kb.shared_across_conditions(Shared::Treatment).unwrap()[0].name,
        "emollients"
    );

    let related = kb.related_conditions("contact rash").unwrap();
    assert_eq!(related.len(), 1);
    assert_eq!(related[0].condition, "heat bumps");
    assert_eq!(related[0].causes, ["friction", "stress"]);
    assert_eq!(related[0].symptoms, ["itching"]);
    assert_eq!(related[0].treatments, ["emollients"]);
}

#[test]
fn symptom_matching_ranks_by_terms_matched() {
    let kb = kb();
    let ranked = kb.match_symptoms(&["itching", "blisters"]).unwrap();
    assert_eq!(ranked[0].condition, "heat bumps");
    assert_eq!(ranked[0].matched_terms, ["itching", "blisters"]);
    assert_eq!(ranked[1].condition, "contact rash");
    assert!(ranked[0].score > ranked[1].score);
    assert!(kb.match_symptoms(&["***"]).unwrap().is_empty());
}

#[test]
fn symptom_matching_top_is_a_prefix_of_the_full_ranking() {
    let kb = kb();
    for terms in [
        &["itching", "blisters"][..],
        &["itching", "ulcerations", "redness", "heat"],
        &["HP:0000989"],
        &["nothing like it"],
    ] {
        let all = kb.match_symptoms(terms).unwrap();
        for n in 0..=all.len() + 1 {
            let top = kb.match_symptoms_top(terms, n).unwrap();
            assert_eq!(top, all[..n.min(all.len())], "top {n} for {terms:?}");
        }
    }
}

#[test]
fn search_finds_names_aliases_and_source_text() {
    let kb = kb();
    let hits = kb.search("friction", 50).unwrap();
    let conditions: std::collections::BTreeSet<&str> = hits.iter().map(|h| h.condition.as_str()).collect();
    assert!(conditions.contains("contact rash") && conditions.contains("heat bumps"));
    // Stemming: 'infection' finds the 'infections' cause.
    assert!(kb
        .search("infection", 50)
        .unwrap()
        .iter()
        .any(|h| h.name == "infections"));
    // Words only in the source text, not in any name.
    let hits = kb.search("trapped sweat", 50).unwrap();
    assert!(!hits.is_empty() && hits.iter().all(|h| h.matched != "name"));
    // FTS syntax in user input is taken literally, not as a query language.
    assert!(kb.search("\"unbalanced AND (", 50).is_ok());
    assert!(kb.search("", 50).unwrap().is_empty());
}

/// An article whose first paragraph states no fact the extractor reads:
/// its words are only findable through the document text.
const ASIDE_ARTICLE: &str = "Why do I get gym itch ?\n\n\
Some readers blame bodybuilding . Others wonder about tuberculosis , which is unrelated .\n\n\
GYM ITCH :\n\n\
Gym itch is a rash that appears after exercise .\n\n\
WHAT ARE THE SIGNS AND SYMPTOMS OF GYM ITCH ?\n\n\
  • itching\n  • redness after bodybuilding sessions\n";

fn kb_with_aside() -> (Kb, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("gym-itch.txt"), ASIDE_ARTICLE).unwrap();
    let mut kb = kb();
    kb.seed(&Source::from_dir(dir.path()).unwrap()).unwrap();
    (kb, dir)
}

fn body_of(kb: &Kb, document: &str) -> String {
    kb.connection()
        .query_row("SELECT body FROM document WHERE slug = ?1", [document], |r| {
            r.get(0)
        })
        .unwrap()
}

#[test]
fn search_finds_words_of_the_document_text_outside_facts() {
    let (kb, _dir) = kb_with_aside();
    let conn = kb.connection();
    // The premise: no quote (so no fact) holds 'tuberculosis'.
    let in_quotes: i64 = conn
        .query_row(
            "SELECT count(*) FROM quote WHERE text LIKE '%tuberculosis%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(in_quotes, 0);

    let hits = kb.search("tuberculosis", 20).unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    let h = &hits[0];
    assert_eq!((h.kind.as_str(), h.matched.as_str()), ("text", "text"));
    assert_eq!(h.source.document, "gym-itch");
    let body = body_of(&kb, "gym-itch");
    // Offsets, line and passage are those of the body.
    let (s, e) = (h.source.start_byte as usize, h.source.end_byte as usize);
    assert_eq!(&body[s..e], h.source.quote);
    assert_eq!(
        h.source.quote,
        "Others wonder about tuberculosis , which is unrelated ."
    );
    assert_eq!(h.source.line as usize, body[..s].split('\n').count());
    assert_eq!(
        h.snippet.as_deref(),
        Some("Others wonder about [tuberculosis] , which is unrelated .")
    );

    // A word both outside and inside facts: each passage once, and every
    // fact listed with a passage has its quote overlapping it.
    let hits = kb.search("bodybuilding", 20).unwrap();
    let texts: Vec<&SearchHit> = hits.iter().filter(|h| h.kind == FactKind::Text).collect();
    assert!(texts
        .iter()
        .any(|h| h.source.quote == "Some readers blame bodybuilding ."));
    for h in &texts {
        let expected: std::collections::BTreeSet<(String, String)> = conn
            .prepare(
                "SELECT kind, name FROM fact_sources WHERE document = ?1 \
                 AND start_byte < ?3 AND end_byte > ?2",
            )
            .unwrap()
            .query_map(
                params![h.source.document, h.source.start_byte, h.source.end_byte],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        let listed: std::collections::BTreeSet<(String, String)> = h
            .facts
            .iter()
            .map(|f| (f.kind.to_string(), f.name.clone()))
            .collect();
        assert_eq!(listed, expected, "{h:?}");
    }
    // The symptom line is a fact quote: if a quote hit shows it, no text
    // hit repeats it.
    let quoted = |q: &str| hits.iter().filter(|h| h.source.quote.contains(q)).count();
    assert!(quoted("bodybuilding sessions") <= 1, "{hits:?}");
    assert!(kb.search("nosuchwordanywhere", 20).unwrap().is_empty());
}

#[test]
fn document_search_follows_inserts_updates_and_deletes() {
    let (mut kb, _dir) = kb_with_aside();
    let integrity = |kb: &Kb| {
        kb.connection()
            .execute(
                "INSERT INTO document_search(document_search) VALUES ('integrity-check')",
                [],
            )
            .unwrap();
    };
    let matches = |kb: &Kb, word: &str| -> i64 {
        kb.connection()
            .query_row(
                "SELECT count(*) FROM document_search WHERE document_search MATCH ?1",
                [word],
                |r| r.get(0),
            )
            .unwrap()
    };
    integrity(&kb);
    let docs: i64 = kb
        .connection()
        .query_row("SELECT count(*) FROM document", [], |r| r.get(0))
        .unwrap();
    assert_eq!(matches(&kb, "tuberculosis"), 1);
    // Every document is indexed: a word of every body ('the' is not in all).
    let with_title: i64 = kb
        .connection()
        .query_row(
            "SELECT count(*) FROM document_search WHERE document_search MATCH 'why OR calcinosis'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(with_title >= 1 && with_title <= docs);

    kb.execute_sql(
        "UPDATE document SET body = replace(body, 'tuberculosis', 'sarcoidosis') WHERE slug = 'gym-itch'",
    )
    .unwrap();
    integrity(&kb);
    assert_eq!(matches(&kb, "tuberculosis"), 0);
    assert!(matches(&kb, "sarcoidosis") >= 1);
    kb.execute_sql("DELETE FROM document WHERE slug = 'gym-itch'")
        .unwrap();
    integrity(&kb);
    assert_eq!(matches(&kb, "bodybuilding"), 0);
}

#[test]
fn facts_reach_every_quote_including_treatment_notes() {
    let kb = kb();
    let conn = kb.connection();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert!(
        count("SELECT count(*) FROM treatment_note") > 0,
        "the seeds have notes"
    );
    assert_eq!(
        count(
            "SELECT count(*) FROM quote q WHERE NOT EXISTS (SELECT 1 FROM facts f WHERE f.quote_id = q.id)"
        ),
        0
    );
    // One treatment-note fact per note, with its kind and text.
    assert_eq!(
        count("SELECT count(*) FROM facts WHERE kind = 'treatment-note'"),
        count("SELECT count(*) FROM treatment_note")
    );
    assert_eq!(
        count(
            "SELECT count(*) FROM fact_sources f JOIN treatment r ON r.slug = f.slug \
             JOIN treatment_note n ON n.treatment_id = r.id AND n.text = f.note \
             AND n.kind = f.note_kind JOIN quote q ON q.id = n.quote_id AND q.text = f.quote \
             WHERE f.kind = 'treatment-note'"
        ),
        count("SELECT count(*) FROM treatment_note")
    );
    // Readable condition names in every view that had only slugs.
    for view in [
        "shared_causes_across_types",
        "causes_unique_to_type",
        "facts",
        "fact_sources",
    ] {
        let by_slug = count(&format!(
            "SELECT count(*) FROM {view} WHERE condition = 'contact-rash'"
        ));
        let by_name = count(&format!(
            "SELECT count(*) FROM {view} WHERE condition_name = 'contact rash'"
        ));
        assert!(
            by_slug > 0 && by_slug == by_name,
            "{view}: {by_slug} vs {by_name}"
        );
    }
    // The views agree with the library.
    let unique = kb.causes_unique_to_type("contact rash").unwrap();
    assert_eq!(
        count("SELECT count(*) FROM causes_unique_to_type WHERE condition_name = 'contact rash'"),
        unique.len() as i64
    );
}

#[test]
fn related_top_ranks_like_a_naive_count() {
    let (kb, _dir) = kb_with_aside();
    // Independent oracle: what each other condition shares, from the views.
    let conn = kb.connection();
    let items = |slug: &str| -> std::collections::BTreeSet<(String, String)> {
        conn.prepare(
            "SELECT 'c', cause_name FROM condition_causes WHERE condition = ?1 \
             UNION SELECT 's', symptom_name FROM condition_symptoms WHERE condition = ?1 \
             UNION SELECT 't', treatment_name FROM condition_treatments WHERE condition = ?1",
        )
        .unwrap()
        .query_map([slug], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
    };
    let slugs: Vec<String> = conn
        .prepare("SELECT slug FROM condition ORDER BY slug")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    for me in &slugs {
        let mine = items(me);
        let mut expected: Vec<(usize, String)> = slugs
            .iter()
            .filter(|s| *s != me)
            .map(|s| (items(s).intersection(&mine).count(), s.clone()))
            .filter(|(n, _)| *n > 0)
            .collect();
        expected.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let all = kb.related_conditions(me).unwrap();
        let got: Vec<(usize, String)> = all
            .iter()
            .map(|r| {
                (
                    r.causes.len() + r.symptoms.len() + r.treatments.len(),
                    r.slug.clone(),
                )
            })
            .collect();
        assert_eq!(got, expected, "related to {me}");
        for n in 0..=expected.len() + 1 {
            let top = kb.related_conditions_top(me, n).unwrap();
            assert_eq!(top, all[..n.min(all.len())], "top {n} of {me}");
        }
    }
}

#[test]
fn ambiguous_names_are_refused_with_the_candidates() {
    let mut kb = kb();
    // One synonym given to two conditions.
    kb.execute_sql(
        "INSERT INTO alias (name, condition_id, origin) \
         SELECT 'summer skin', id, 'synonym' FROM condition WHERE slug IN ('heat-bumps', 'contact-rash')",
    )
    .unwrap();
    match kb.find_condition("Summer  Skin") {
        Err(e @ Error::AmbiguousCondition { .. }) => {
            assert!(e.is_user_error());
            let Error::AmbiguousCondition { candidates, .. } = &e else {
                unreachable!()
            };
            let mut c = candidates.clone();
            c.sort();
            assert_eq!(c, ["contact-rash", "heat-bumps"]);
            assert!(e.to_string().contains("'heat-bumps'"), "{e}");
        }
        other => panic!("expected an ambiguity error, got {other:?}"),
    }
    assert!(matches!(
        kb.condition("summer skin"),
        Err(Error::AmbiguousCondition { .. })
    ));
    // Each candidate it names finds exactly one condition.
    assert_eq!(kb.find_condition("heat-bumps").unwrap().slug, "heat-bumps");
}

#[test]
fn suggestions_and_corrections_cover_types_and_aliases() {
    let mut kb = kb();
    // A misspelt type name suggests the type (which finds its condition).
    match kb.find_condition("iritant contact rash") {
        Err(Error::UnknownCondition { suggestions, .. }) => {
            assert_eq!(
                suggestions.first().map(String::as_str),
                Some("irritant contact rash")
            );
            assert_eq!(kb.find_condition(&suggestions[0]).unwrap().slug, "contact-rash");
        }
        other => panic!("expected an unknown-condition error, got {other:?}"),
    }
    // A misspelt alias suggests its condition.
    match kb.find_condition("prickle rask") {
        Err(Error::UnknownCondition { suggestions, .. }) => {
            assert!(suggestions.contains(&"heat bumps".to_owned()), "{suggestions:?}")
        }
        other => panic!("expected an unknown-condition error, got {other:?}"),
    }
    // Without the stored misspelling aliases, the vocabulary's correction
    // still finds the type ('latrogenic' -> 'iatrogenic').
    kb.execute_sql("DELETE FROM alias WHERE origin = 'misspelling'")
        .unwrap();
    assert_eq!(
        kb.find_condition("latrogenic calcinosis cutis").unwrap().slug,
        "calcinosis-cutis"
    );
    match kb.find_condition("latrogenic") {
        Err(Error::UnknownCondition { suggestions, .. }) => {
            assert!(
                suggestions.contains(&"iatrogenic calcinosis cutis".to_owned()),
                "{suggestions:?}"
            )
        }
        other => panic!("expected an unknown-condition error, got {other:?}"),
    }
}

#[test]
fn lists_every_kind() {
    let kb = kb();
    let conditions = kb.list(Listing::Conditions).unwrap();
    assert_eq!(conditions.len(), 3);
    let causes = kb.list(Listing::Causes).unwrap();
    assert_eq!(causes.iter().find(|c| c.name == "stress").unwrap().conditions, 2);
    let treatments = kb.list(Listing::Treatments).unwrap();
    assert!(treatments.iter().all(|t| t.kind.is_some()));
    assert!(!kb.list(Listing::Symptoms).unwrap().is_empty());
}

mod bits;
mod plans;
