//! Extraction quality on the shared corpus (`../shared/corpus`, 23 articles
//! in txt, md and html, plus the user's seed article), each article scored
//! alone, with floors a little under what the extractor achieves, so a
//! regression fails the build. A missing corpus fails too: a quality test
//! that passes without its data measures nothing.

use std::path::Path;

use kb::document::{Document, Format};
use kb::extract::{extract, Vocabulary};
use kb_devtools::eval::{document_for, evaluate, Gold, Report};

/// Floors under the figures in the README's quality table.
const MACRO_F1: f64 = 0.74;
const WORST_ARTICLE_F1: f64 = 0.59;
const CONDITIONS_RIGHT: usize = 23;
const SEED_ARTICLE_F1: f64 = 0.94;

#[test]
fn each_article_alone_stays_above_the_floors() {
    // Fails when the corpus is missing: the floors cannot be checked.
    let gold_dir = crate::common::shared("corpus/gold");
    let dirs = [
        crate::common::shared("corpus/documents"),
        crate::common::shared("seeds"),
    ];
    let dirs: Vec<&Path> = dirs.iter().map(|d| d.as_path()).collect();
    let vocabulary = Vocabulary::builtin();
    let mut golds: Vec<_> = std::fs::read_dir(&gold_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    golds.sort();
    let mut f1s = Vec::new();
    let mut total = Report::default();
    let mut conditions_right = 0;
    for gold_path in &golds {
        let doc = document_for(gold_path, &dirs)
            .unwrap_or_else(|| panic!("no article for {}", gold_path.display()));
        let source = std::fs::read_to_string(&doc).unwrap();
        let name = doc.file_name().unwrap().to_string_lossy().into_owned();
        let article = Document::parse(&source, Format::of_name(&name).unwrap());
        let seed = extract(&article, &name, &vocabulary);
        // Every quote is a verbatim slice of the stored text.
        for c in &seed.conditions {
            for (_, _, q) in c.quoted() {
                assert_eq!(&article.text[q.start..q.end], q.text, "{}", doc.display());
            }
        }
        let gold: Gold = serde_json::from_str(&std::fs::read_to_string(gold_path).unwrap()).unwrap();
        let report = evaluate(&seed, &gold);
        conditions_right += report.categories["condition"].matched;
        let f1 = report.scored().f1();
        eprintln!("{name:<28} F1 {f1:.2}");
        if name.starts_with("calcinosis") {
            assert!(f1 >= SEED_ARTICLE_F1, "the seed article fell to F1 {f1:.2}");
        }
        f1s.push((name, f1));
        total.add(&report);
    }
    assert_eq!(golds.len(), 24, "the corpus has 23 articles and the seed's gold");
    let macro_f1 = f1s.iter().map(|(_, f)| f).sum::<f64>() / f1s.len() as f64;
    let (worst, worst_f1) = f1s.iter().min_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
    eprintln!("macro F1 {macro_f1:.2}; worst {worst} {worst_f1:.2}; conditions right {conditions_right}");
    assert!(macro_f1 >= MACRO_F1, "macro F1 fell to {macro_f1:.2}");
    assert!(*worst_f1 >= WORST_ARTICLE_F1, "{worst} fell to F1 {worst_f1:.2}");
    assert!(
        conditions_right >= CONDITIONS_RIGHT,
        "{conditions_right} conditions named right"
    );
}

/// The synthetic corpus has exact ground truth and text the extractor was
/// not tuned on.
#[test]
fn extraction_recovers_synthetic_ground_truth() {
    let vocabulary = Vocabulary::builtin();
    let mut total = Report::default();
    for i in 0..60 {
        let article = kb_devtools::synth::article(2024, i);
        let truth = &article.truth.conditions[0];
        let gold = Gold {
            condition: truth.name.clone(),
            aliases: Vec::new(),
            types: truth
                .types
                .iter()
                .map(|t| kb_devtools::eval::GoldType {
                    name: t.name.clone(),
                    causes: t.causes.iter().map(|c| c.name.clone()).collect(),
                })
                .collect(),
            general_causes: Vec::new(),
            symptoms: truth.symptoms.iter().map(|s| s.name.clone()).collect(),
            treatments: truth
                .treatments
                .iter()
                .map(|t| kb_devtools::eval::GoldTreatment {
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
                    .map(|(cause, types)| kb_devtools::eval::GoldShared {
                        cause: cause.to_owned(),
                        types,
                    })
                    .collect()
            },
        };
        let doc = Document::parse(&article.text, Format::Text);
        total.add(&evaluate(&extract(&doc, "synthetic.txt", &vocabulary), &gold));
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
