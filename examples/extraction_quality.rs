//! Extraction quality against human gold annotations.
//!
//! ```text
//! cargo run --release --example extraction_quality -- GOLD_DIR DOC_DIR [DOC_DIR...] [--json]
//! ```
//! Each `GOLD_DIR/NN-name.json` is matched with `NN-name.txt` or `name.txt`
//! in one of the document folders; the document is extracted with the
//! built-in vocabulary and scored per category.

use std::path::{Path, PathBuf};

use kb::extract::eval::{evaluate, Gold, Report};
use kb::extract::{extract, Vocabulary};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let paths: Vec<&String> = args.iter().filter(|a| *a != "--json").collect();
    let (gold_dir, doc_dirs) = paths
        .split_first()
        .ok_or("usage: extraction_quality GOLD_DIR DOC_DIR... [--json]")?;
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
        let bare = stem
            .split_once('-')
            .map(|(n, rest)| {
                if n.chars().all(|c| c.is_ascii_digit()) {
                    rest
                } else {
                    &stem[..]
                }
            })
            .unwrap_or(&stem);
        let doc = doc_dirs
            .iter()
            .flat_map(|d| {
                [
                    Path::new(d).join(format!("{stem}.txt")),
                    Path::new(d).join(format!("{bare}.txt")),
                ]
            })
            .find(|p| p.exists());
        let Some(doc) = doc else {
            eprintln!(
                "skipping {}: no document named {stem}.txt or {bare}.txt",
                gold_path.display()
            );
            continue;
        };
        let gold: Gold = serde_json::from_str(&std::fs::read_to_string(&gold_path)?)?;
        let text = std::fs::read_to_string(&doc)?;
        let report = evaluate(
            &extract(&text, &doc.file_name().unwrap().to_string_lossy(), &vocabulary),
            &gold,
        );
        total.add(&report);
        per_doc.push((stem, report));
    }
    if json {
        let docs: serde_json::Map<String, serde_json::Value> = per_doc
            .iter()
            .map(|(n, r)| (n.clone(), serde_json::to_value(r).unwrap()))
            .collect();
        println!(
            "{}",
            serde_json::json!({ "documents": docs, "micro_average": total })
        );
        return Ok(());
    }
    for (name, report) in &per_doc {
        let o = report.overall();
        println!(
            "{name:<28} P {:.2}  R {:.2}  F1 {:.2}",
            o.precision(),
            o.recall(),
            o.f1()
        );
    }
    println!();
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
    let o = total.overall();
    println!(
        "{:<18} {:>4}/{:<4} {:>6.2} {:>6.2} {:>6.2}",
        "overall (micro)",
        o.matched,
        o.gold,
        o.precision(),
        o.recall(),
        o.f1()
    );
    Ok(())
}
