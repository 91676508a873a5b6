//! Extraction quality against human gold annotations, each article alone.
//!
//! ```text
//! cargo run --release --example extraction_quality -- GOLD_DIR DOC_DIR [DOC_DIR...] [--json]
//! ```
//! Each `GOLD_DIR/NN-name.json` is matched with `NN-name` or `name` (`.txt`,
//! `.md` or `.html`) in one of the document folders; the article is read
//! into the document model, extracted with the built-in rules and
//! vocabulary, and scored. Per article: precision, recall and F1 over the
//! five scored kinds (types, type-cause pairs, general causes, symptoms,
//! treatments), whether the condition is named right, and how many matched
//! treatments have the right kind; then the macro F1 and the categories.

use std::path::{Path, PathBuf};

use kb::document::{Document, Format};
use kb::extract::{extract, Vocabulary};
use kb_devtools::eval::{document_for, evaluate, Gold, Report};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let paths: Vec<&String> = args.iter().filter(|a| *a != "--json").collect();
    let (gold_dir, doc_dirs) = paths
        .split_first()
        .ok_or("usage: extraction_quality GOLD_DIR DOC_DIR... [--json]")?;
    let dirs: Vec<&Path> = doc_dirs.iter().map(|d| Path::new(d.as_str())).collect();
    let vocabulary = Vocabulary::builtin();

    let mut golds: Vec<PathBuf> = std::fs::read_dir(gold_dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    golds.sort();
    let mut total = Report::default();
    let mut per_doc = Vec::new();
    for gold_path in golds {
        let stem = gold_path.file_stem().unwrap().to_string_lossy().into_owned();
        let Some(doc) = document_for(&gold_path, &dirs) else {
            eprintln!("skipping {}: no article for it", gold_path.display());
            continue;
        };
        let gold: Gold = serde_json::from_str(&std::fs::read_to_string(&gold_path)?)?;
        let source = std::fs::read_to_string(&doc)?;
        let name = doc.file_name().unwrap().to_string_lossy().into_owned();
        let article = Document::parse(&source, Format::of_name(&name).unwrap_or(Format::Text));
        let report = evaluate(&extract(&article, &name, &vocabulary), &gold);
        total.add(&report);
        per_doc.push((stem, report));
    }
    let macro_f1 = per_doc.iter().map(|(_, r)| r.scored().f1()).sum::<f64>() / per_doc.len().max(1) as f64;
    if json {
        let docs: serde_json::Map<String, serde_json::Value> = per_doc
            .iter()
            .map(|(n, r)| (n.clone(), serde_json::to_value(r).unwrap()))
            .collect();
        println!(
            "{}",
            serde_json::json!({ "documents": docs, "micro_average": total, "macro_f1": macro_f1 })
        );
        return Ok(());
    }
    println!(
        "{:<28} {:>5} {:>5} {:>5}  condition  kinds",
        "article", "P", "R", "F1"
    );
    for (name, report) in &per_doc {
        let o = report.scored();
        let kinds = report.categories["treatment_kinds"];
        println!(
            "{name:<28} {:>5.2} {:>5.2} {:>5.2}  {:<9}  {}/{}",
            o.precision(),
            o.recall(),
            o.f1(),
            if report.categories["condition"].matched == 1 {
                "right"
            } else {
                "WRONG"
            },
            kinds.matched,
            kinds.gold,
        );
    }
    println!("\nmacro F1 over {} articles: {macro_f1:.2}\n", per_doc.len());
    println!(
        "{:<18} {:>9} {:>6} {:>6} {:>6}",
        "category", "matched", "P", "R", "F1"
    );
    for (cat, s) in &total.categories {
        println!(
            "{cat:<18} {:>4}/{:<4} {:>6.2} {:>6.2} {:>6.2}",
            s.matched,
            s.gold,
            s.precision(),
            s.recall(),
            s.f1()
        );
    }
    Ok(())
}
