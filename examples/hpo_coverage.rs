//! How many gold symptoms of an annotated corpus map to an HPO term, and to
//! which: prints one line per symptom (for hand-checking) and the share.
//!
//!     cargo run --example hpo_coverage -- ../shared/corpus/gold
//!
//! Mapping is kb's automatic one (no reviewer pins).

use kb::codes::{lexicon, map_name, Outcome};

fn symptoms(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                if k == "symptoms" {
                    for s in x.as_array().into_iter().flatten() {
                        let name = s.get("name").and_then(|n| n.as_str()).or(s.as_str());
                        out.extend(name.map(str::to_owned));
                    }
                } else {
                    symptoms(x, out);
                }
            }
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| symptoms(x, out)),
        _ => {}
    }
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: hpo_coverage GOLD_DIR");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("gold folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let (mut total, mut mapped, mut partial, mut ambiguous) = (0, 0, 0, 0);
    for path in files {
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let mut names = Vec::new();
        symptoms(&v, &mut names);
        for name in names {
            total += 1;
            let doc = path.file_stem().unwrap().to_string_lossy();
            let outcome = map_name(lexicon(), &name);
            match outcome {
                Outcome::Mapped(ref links) | Outcome::Partial(ref links, _) => {
                    mapped += 1;
                    let gaps = match &outcome {
                        Outcome::Partial(_, g) => {
                            partial += 1;
                            let items: Vec<&str> = g.iter().map(|g| g.item.as_str()).collect();
                            format!("\tunmapped items: {}", items.join(" | "))
                        }
                        _ => String::new(),
                    };
                    let terms: Vec<String> = links
                        .iter()
                        .map(|l| {
                            let item = l
                                .item
                                .as_ref()
                                .map(|i| format!(" from item {i:?}"))
                                .unwrap_or_default();
                            format!(
                                "{} {} ({} {:?}{item})",
                                l.term.id(),
                                l.term.label,
                                l.kind.method(),
                                l.matched
                            )
                        })
                        .collect();
                    let tag = if gaps.is_empty() { "MAPPED" } else { "PARTLY" };
                    println!("{tag}\t{doc}\t{name}\t{}{gaps}", terms.join("; "));
                }
                Outcome::Ambiguous(t) => {
                    ambiguous += 1;
                    let ids: Vec<String> = t.iter().map(|t| format!("{} {}", t.id(), t.label)).collect();
                    println!("AMBIGUOUS\t{doc}\t{name}\t{}", ids.join("; "));
                }
                Outcome::Unmatched => println!("UNMATCHED\t{doc}\t{name}"),
            }
        }
    }
    let share = |n: usize| 100.0 * n as f64 / total.max(1) as f64;
    println!(
        "{mapped} of {total} gold symptoms map ({:.1} %), {} of them fully ({:.1} %) and {partial} lists in part; {ambiguous} ambiguous; HPO {}",
        share(mapped),
        mapped - partial,
        share(mapped - partial),
        lexicon().release()
    );
}
