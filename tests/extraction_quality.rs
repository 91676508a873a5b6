//! Extraction quality on the shared corpus, with floors a little under what
//! the extractor achieves, so a regression fails the build. The corpus lives
//! outside the crate (`../shared`); without it the test says so and passes.

use std::path::Path;

use kb::extract::eval::{evaluate, Gold, Report};
use kb::extract::{extract, Vocabulary};

fn corpus() -> Option<std::path::PathBuf> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    shared.join("corpus/gold").is_dir().then_some(shared)
}

#[test]
fn precision_and_recall_on_the_shared_corpus_stay_above_floors() {
    let Some(shared) = corpus() else {
        eprintln!("../shared/corpus not found; extraction quality not measured");
        return;
    };
    let vocabulary = Vocabulary::builtin();
    let mut total = Report::default();
    let mut documents = 0;
    for entry in std::fs::read_dir(shared.join("corpus/gold")).unwrap() {
        let gold_path = entry.unwrap().path();
        let stem = gold_path.file_stem().unwrap().to_string_lossy().into_owned();
        let bare = stem
            .split_once('-')
            .map_or(stem.as_str(), |(_, rest)| rest)
            .to_owned();
        let doc = [
            shared.join(format!("corpus/documents/{stem}.txt")),
            shared.join(format!("seeds/{bare}.txt")),
        ]
        .into_iter()
        .find(|p| p.exists())
        .unwrap_or_else(|| panic!("no document for {}", gold_path.display()));
        let text = std::fs::read_to_string(&doc).unwrap();
        let seed = extract(&text, "doc.txt", &vocabulary);

        // Every quote is a verbatim slice of the document.
        for (_, _, q) in seed.conditions[0].quoted() {
            assert_eq!(&text[q.start..q.end], q.text, "{}", doc.display());
        }

        let gold: Gold = serde_json::from_str(&std::fs::read_to_string(&gold_path).unwrap()).unwrap();
        let report = evaluate(&seed, &gold);
        assert_eq!(
            report.categories["condition"].matched,
            1,
            "{}: condition name",
            doc.display()
        );
        total.add(&report);
        documents += 1;
    }
    assert!(
        documents >= 4,
        "expected the seed article and the corpus articles"
    );
    let overall = total.overall();
    eprintln!(
        "extraction over {documents} documents: precision {:.2}, recall {:.2}, F1 {:.2}",
        overall.precision(),
        overall.recall(),
        overall.f1()
    );
    assert!(
        overall.precision() >= 0.89,
        "precision fell to {:.2}",
        overall.precision()
    );
    assert!(overall.recall() >= 0.87, "recall fell to {:.2}", overall.recall());
    assert!(total.categories["types"].recall() >= 0.9);
    assert!(total.categories["type_causes"].f1() >= 0.88);
    assert!(total.categories["symptoms"].f1() >= 0.78);
    assert!(total.categories["general_causes"].f1() >= 0.85);
    assert!(total.categories["treatments"].f1() >= 0.80);
    // The relational answer users ask for: causes shared across types.
    assert!(total.categories["shared_causes"].f1() >= 0.85);
}

/// The synthetic corpus has exact ground truth and text the extractor was
/// not tuned on.
#[test]
fn extraction_recovers_synthetic_ground_truth() {
    let vocabulary = Vocabulary::builtin();
    let mut total = Report::default();
    for i in 0..60 {
        let article = kb::synth::article(2024, i);
        let truth = &article.truth.conditions[0];
        let gold = Gold {
            condition: truth.name.clone(),
            aliases: Vec::new(),
            types: truth
                .types
                .iter()
                .map(|t| kb::extract::eval::GoldType {
                    name: t.name.clone(),
                    causes: t.causes.iter().map(|c| c.name.clone()).collect(),
                })
                .collect(),
            general_causes: Vec::new(),
            symptoms: truth.symptoms.iter().map(|s| s.name.clone()).collect(),
            treatments: truth
                .treatments
                .iter()
                .map(|t| kb::extract::eval::GoldTreatment {
                    name: t.name.clone(),
                    kind: t.kind.as_str().to_owned(),
                })
                .collect(),
            causes_shared_across_types: {
                let mut under = std::collections::BTreeMap::<&str, Vec<String>>::new();
                for t in &truth.types {
                    for c in &t.causes {
                        under.entry(c.name.as_str()).or_default().push(t.name.clone());
                    }
                }
                under
                    .into_iter()
                    .filter(|(_, types)| types.len() > 1)
                    .map(|(cause, types)| kb::extract::eval::GoldShared {
                        cause: cause.to_owned(),
                        types,
                    })
                    .collect()
            },
        };
        total.add(&evaluate(
            &extract(&article.text, "synthetic.txt", &vocabulary),
            &gold,
        ));
    }
    let overall = total.overall();
    eprintln!(
        "synthetic: precision {:.2}, recall {:.2}",
        overall.precision(),
        overall.recall()
    );
    let shared = total.categories["shared_causes"];
    assert!(shared.gold > 0, "the synthetic corpus shares causes across types");
    assert!(shared.f1() >= 0.95, "shared causes F1 {:.2}", shared.f1());
    assert!(
        overall.precision() >= 0.95 && overall.recall() >= 0.95,
        "{total:#?}"
    );
}
