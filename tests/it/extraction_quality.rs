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
const MACRO_F1: f64 = 0.78;
const WORST_ARTICLE_F1: f64 = 0.64;
/// (All 24: round 18 names 19 "haemorrhoids", not its title's "piles".)
const CONDITIONS_RIGHT: usize = 24;
const SEED_ARTICLE_F1: f64 = 0.94;

/// Floors for the project's own development articles
/// (`tests/fixtures/dev`, fifty-eight articles in layouts the corpus lacks).
/// (Round 20's four new articles, 117-120, scored 0.00 to 0.58 when added;
/// the macro over fifty-eight is 0.6206 with them, in process.)
const DEV_MACRO_F1: f64 = 0.62;
/// (113, a charity's fact sheet whose types sit in a table of terms, scores
/// 0.25 in process; the video transcript, 89, 0.28.)
const DEV_WORST_ARTICLE_F1: f64 = 0.25;
/// The only articles allowed under that floor: 106, e-reader highlights of
/// three books at once, and two of round 20's new layouts, a mailing-list
/// archive (117, 0.21) and a trial register (118, 0.16), each raised from
/// near nothing by reading the layout, and not yet further. (105, a
/// debate under a "Lyme Disease: Diagnosis and Treatment" title, was
/// allowed until round 19 read past such a title.)
const DEV_UNDER_WORST_FLOOR: [&str; 3] = ["106-", "117-", "118-"];
/// (54 of 58 named right.)
const DEV_CONDITIONS_RIGHT: usize = 53;

/// Each gold file's article extracted alone and scored: (file name, F1),
/// and how many conditions were named right. Every quote is checked to be
/// a verbatim slice of the stored text.
fn score_each(gold_dir: &Path, dirs: &[&Path]) -> (Vec<(String, f64)>, usize) {
    let vocabulary = Vocabulary::builtin();
    let mut golds: Vec<_> = std::fs::read_dir(gold_dir)
        .unwrap_or_else(|e| panic!("{}: {e}", gold_dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    golds.sort();
    let mut f1s = Vec::new();
    let mut conditions_right = 0;
    for gold_path in &golds {
        let doc =
            document_for(gold_path, dirs).unwrap_or_else(|| panic!("no article for {}", gold_path.display()));
        let source = std::fs::read_to_string(&doc).unwrap();
        let name = doc.file_name().unwrap().to_string_lossy().into_owned();
        let article = Document::parse(&source, Format::of_name(&name).unwrap());
        let seed = extract(&article, &name, &vocabulary);
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
        f1s.push((name, f1));
    }
    (f1s, conditions_right)
}

/// The macro F1 and the worst article.
fn macro_and_worst(f1s: &[(String, f64)]) -> (f64, &(String, f64)) {
    let macro_f1 = f1s.iter().map(|(_, f)| f).sum::<f64>() / f1s.len() as f64;
    let worst = f1s.iter().min_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
    (macro_f1, worst)
}

#[test]
fn each_article_alone_stays_above_the_floors() {
    // Fails when the corpus is missing: the floors cannot be checked.
    let gold_dir = crate::common::shared("corpus/gold");
    let dirs = [
        crate::common::shared("corpus/documents"),
        crate::common::shared("seeds"),
    ];
    let dirs: Vec<&Path> = dirs.iter().map(|d| d.as_path()).collect();
    let (f1s, conditions_right) = score_each(&gold_dir, &dirs);
    assert_eq!(f1s.len(), 24, "the corpus has 23 articles and the seed's gold");
    let seed_f1 = f1s
        .iter()
        .find(|(n, _)| n.starts_with("calcinosis"))
        .expect("the seed article")
        .1;
    assert!(
        seed_f1 >= SEED_ARTICLE_F1,
        "the seed article fell to F1 {seed_f1:.2}"
    );
    let (macro_f1, (worst, worst_f1)) = macro_and_worst(&f1s);
    eprintln!("macro F1 {macro_f1:.4}; worst {worst} {worst_f1:.4}; conditions right {conditions_right}");
    assert!(macro_f1 >= MACRO_F1, "macro F1 fell to {macro_f1:.2}");
    assert!(*worst_f1 >= WORST_ARTICLE_F1, "{worst} fell to F1 {worst_f1:.2}");
    assert!(
        conditions_right >= CONDITIONS_RIGHT,
        "{conditions_right} conditions named right"
    );
}

#[test]
fn the_development_articles_stay_above_their_floors() {
    let dev = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dev");
    let documents = dev.join("documents");
    let (f1s, conditions_right) = score_each(&dev.join("gold"), &[documents.as_path()]);
    assert_eq!(f1s.len(), 58, "the fifty-eight development articles");
    // 49 is named "tinea pedis": the built-in vocabulary makes that the
    // canonical name of athlete's foot (kept as its alias), where the
    // gold keeps the page's name; 54 is named "ibs", the only name the
    // thread uses.
    assert!(
        conditions_right >= DEV_CONDITIONS_RIGHT,
        "{conditions_right} development conditions named right"
    );
    let (macro_f1, (worst, worst_f1)) = macro_and_worst(&f1s);
    eprintln!("dev macro F1 {macro_f1:.4}; worst {worst} {worst_f1:.4}; conditions right {conditions_right}");
    assert!(macro_f1 >= DEV_MACRO_F1, "dev macro F1 fell to {macro_f1:.2}");
    let under: Vec<&(String, f64)> = f1s.iter().filter(|(_, f1)| *f1 < DEV_WORST_ARTICLE_F1).collect();
    assert!(
        under
            .iter()
            .all(|(file, _)| DEV_UNDER_WORST_FLOOR.iter().any(|stem| file.starts_with(stem))),
        "articles under F1 {DEV_WORST_ARTICLE_F1}: {under:?}"
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
