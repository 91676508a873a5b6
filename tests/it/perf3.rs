//! Seeding shortcuts for a first seed (issue 13, round 5): into a database
//! with no documents kb neither looks documents up nor reads stored inputs,
//! and inserts entities before looking for them. The rows must be exactly
//! those of the long way round.
//!
//! A seed lists its documents' keys from its plan instead of gathering them
//! during the pass (round 15): the summary's list and the absent documents
//! are those of the database, also when slugging reorders the file names.

use std::path::Path;

use crate::common::{seed_through_library, table_rows};

/// Every row of every table the seed writes, sorted, by table; full-text
/// shadow tables, migration history and the build-dependent seed state
/// are left out (`alias.id` too: aliases are derived at a run's end, so
/// their ids follow the runs).
fn rows(db: &Path) -> Vec<(String, Vec<String>)> {
    table_rows(
        db,
        "name NOT LIKE '%search%' \
         AND name NOT IN ('refinery_schema_history', 'seed_state', 'document_input', 'fts_deferred')",
        |t| match t {
            "alias" => ALIAS_COLUMNS,
            _ => "*",
        },
    )
}

/// `alias` without its id.
const ALIAS_COLUMNS: &str =
    "name, condition_id, type_id, cause_id, symptom_id, treatment_id, origin, document_id, quote_id";

/// A first seed writes what seeding all but the last document and then
/// the rest writes (where every document, entity and input is looked up),
/// including a condition two documents name (the second insert finds the
/// first's row).
#[test]
fn a_first_seed_writes_what_the_long_way_writes() {
    let work = tempfile::tempdir().unwrap();
    let all = work.path().join("all");
    kb_devtools::synth::write_corpus(&all, 7, 30).unwrap();
    // Another article naming article 0's condition, first in name order.
    let first = kb_devtools::synth::article(7, 0);
    std::fs::write(all.join("aaa-same-condition.txt"), &first.text).unwrap();
    let mut truth = first.truth.clone();
    truth.document.path = "aaa-same-condition.txt".to_owned();
    std::fs::write(
        all.join("aaa-same-condition.json"),
        serde_json::to_string_pretty(&truth).unwrap(),
    )
    .unwrap();
    let mut seeds: Vec<String> = std::fs::read_dir(&all)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    seeds.sort();
    assert_eq!(seeds.len(), 31);
    let last = seeds.last().unwrap().trim_end_matches(".json").to_owned();
    let most = work.path().join("most");
    std::fs::create_dir(&most).unwrap();
    for e in std::fs::read_dir(&all).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if !name.starts_with(&format!("{last}.")) {
            std::fs::copy(all.join(&name), most.join(&name)).unwrap();
        }
    }

    let fresh = work.path().join("fresh.sqlite3");
    seed_through_library(&fresh, &all);
    let long = work.path().join("long.sqlite3");
    seed_through_library(&long, &most);
    seed_through_library(&long, &all);

    let (a, b) = (rows(&fresh), rows(&long));
    let conditions = a.iter().find(|(t, _)| t == "condition").unwrap();
    assert_eq!(conditions.1.len(), 30, "the two articles share one condition");
    for ((table, x), (_, y)) in a.iter().zip(&b) {
        assert_eq!(x, y, "table {table} differs");
    }
    assert_eq!(a.len(), b.len());
}

/// Stems whose byte order is not their keys' order ("Beta" before "alpha",
/// "Gamma_ray" before "gamma-a"): the summary still lists the keys sorted,
/// as the database has them, and a later run finds the one left out absent,
/// then prunes it.
#[test]
fn the_documents_listed_are_the_databases() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("seeds");
    std::fs::create_dir(&dir).unwrap();
    for (i, stem) in ["gamma-a", "Beta", "alpha", "Gamma_ray"].iter().enumerate() {
        let a = kb_devtools::synth::article(11, i);
        crate::common::write_reviewed(&dir, stem, &a.text, serde_json::to_value(&a.truth).unwrap());
    }
    let db = work.path().join("kb.sqlite3");
    let mut kb = kb::Kb::open(&db).unwrap();
    kb.migrate().unwrap();
    let slugs = |kb: &kb::Kb| -> Vec<String> {
        let conn = kb.connection();
        let mut stmt = conn.prepare("SELECT slug FROM document ORDER BY slug").unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let first = kb.seed(&kb::Source::from_dir(&dir).unwrap()).unwrap();
    assert_eq!(first.documents, ["alpha", "beta", "gamma-a", "gamma-ray"]);
    assert_eq!(first.documents, slugs(&kb));
    assert!(first.absent.is_empty());

    for ext in ["txt", "json"] {
        std::fs::remove_file(dir.join(format!("Beta.{ext}"))).unwrap();
    }
    let kept = kb.seed(&kb::Source::from_dir(&dir).unwrap()).unwrap();
    assert_eq!(kept.documents, ["alpha", "gamma-a", "gamma-ray"]);
    assert_eq!(kept.absent, ["beta"]);
    assert_eq!(slugs(&kb).len(), 4, "kept without --prune");
    let pruned = kb
        .seed_with_options(
            &kb::Source::from_dir(&dir).unwrap(),
            kb::SeedOptions { prune: true },
            &mut |_| {},
        )
        .unwrap();
    assert_eq!(pruned.absent, ["beta"]);
    assert_eq!(slugs(&kb), pruned.documents);
}
