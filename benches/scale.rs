//! Scale benchmark: a synthetic corpus seeded by `kb seed`, side by side with
//! a baseline that inserts the same rows with plain prepared statements in
//! one transaction; extraction throughput; query latency through the
//! library; `kb migrate` and `kb show` as whole processes.
//!
//! ```text
//! cargo bench --bench scale                 # 10,000 articles (about a minute)
//! cargo bench --bench scale -- 1000         # another size
//! ```
//! Figures are printed as a Markdown table; docs/performance.md keeps the
//! last recorded run.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use kb::model::SeedFile;
use kb::{Kb, Shared};
use rusqlite::{params, Connection};

const SEED: u64 = 20261124;

fn main() {
    let count: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let kb_bin = env!("CARGO_BIN_EXE_kb");
    let work = tempfile::TempDir::new().unwrap();
    let corpus = work.path().join("corpus");

    let t = Instant::now();
    kb::synth::write_corpus(&corpus, SEED, count).unwrap();
    println!("generated {count} articles in {:.2?}", t.elapsed());

    // (a) kb seed as a process, first child so its peak RSS is its own.
    let db = work.path().join("kb.sqlite3");
    run(kb_bin, &db, &["migrate"]);
    let t = Instant::now();
    run(kb_bin, &db, &["seed", corpus.to_str().unwrap()]);
    let kb_seed = t.elapsed();
    let kb_peak_mib = peak_child_rss_kib() as f64 / 1024.0;

    // Baseline: the same rows, parsed beforehand, into the same schema.
    let articles: Vec<(String, String, SeedFile)> = (0..count)
        .map(|i| {
            let a = kb::synth::article(SEED, i);
            (a.name, a.text, a.truth)
        })
        .collect();
    let base_db = work.path().join("baseline.sqlite3");
    Kb::open(&base_db).unwrap().migrate().unwrap();
    let t = Instant::now();
    baseline_insert(&base_db, &articles);
    let baseline = t.elapsed();
    let same = |q: &str| {
        let a: i64 = Connection::open(&db)
            .unwrap()
            .query_row(q, [], |r| r.get(0))
            .unwrap();
        let b: i64 = Connection::open(&base_db)
            .unwrap()
            .query_row(q, [], |r| r.get(0))
            .unwrap();
        assert_eq!(a, b, "baseline and kb disagree on {q}");
        a
    };
    let facts = same("SELECT count(*) FROM facts");
    same("SELECT count(*) FROM quote");

    // A second kb seed: nothing to do.
    let t = Instant::now();
    run(kb_bin, &db, &["seed", corpus.to_str().unwrap()]);
    let reseed = t.elapsed();

    // The same seed into a fresh file with HPO mapping switched off: what
    // mapping symptoms to codes adds.
    let plain_db = work.path().join("no-codes.sqlite3");
    run(kb_bin, &plain_db, &["migrate"]);
    let t = Instant::now();
    let out = Command::new(kb_bin)
        .arg("--db")
        .arg(&plain_db)
        .args(["seed", corpus.to_str().unwrap()])
        .env_remove("KB_DB")
        .env(kb::codes::SKIP_ENV, "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let without_codes = t.elapsed();

    // (b) extraction throughput, in process.
    let vocabulary = kb::extract::Vocabulary::builtin();
    let bytes: usize = articles.iter().map(|a| a.1.len()).sum();
    let t = Instant::now();
    let mut extracted = 0;
    for (_, text, _) in &articles {
        extracted += kb::extract::extract(
            &kb::document::Document::parse(text, kb::document::Format::Text),
            "a.txt",
            &vocabulary,
        )
        .conditions
        .len();
    }
    let extract_time = t.elapsed();
    assert_eq!(extracted, count);
    let mb_s = bytes as f64 / 1e6 / extract_time.as_secs_f64();

    // (c) library query latency on the seeded database.
    let kb = Kb::open_read_only(&db).unwrap();
    let names: Vec<String> = articles
        .iter()
        .step_by((count / 200).max(1))
        .map(|a| a.2.conditions[0].name.clone())
        .collect();
    let mut latency: Vec<(&str, Duration, Duration)> = Vec::new();
    let mut measure = |label: &'static str, f: &mut dyn FnMut(&str)| {
        let mut samples: Vec<Duration> = names
            .iter()
            .map(|n| {
                let t = Instant::now();
                f(n);
                t.elapsed()
            })
            .collect();
        samples.sort();
        latency.push((
            label,
            samples[samples.len() / 2],
            samples[samples.len() * 95 / 100],
        ));
    };
    measure("find_condition", &mut |n| drop(kb.find_condition(n).unwrap()));
    measure("condition (full record)", &mut |n| drop(kb.condition(n).unwrap()));
    measure("shared_causes_across_types", &mut |n| {
        drop(kb.shared_causes_across_types(n).unwrap())
    });
    measure("causes_unique_to_type", &mut |n| {
        drop(kb.causes_unique_to_type(n).unwrap())
    });
    measure("related_conditions (all)", &mut |n| {
        drop(kb.related_conditions(n).unwrap())
    });
    measure("related_conditions_top (10)", &mut |n| {
        drop(kb.related_conditions_top(n, 10).unwrap())
    });
    measure("match_symptoms (2 terms)", &mut |_| {
        drop(kb.match_symptoms(&["itching", "blisters"]).unwrap())
    });
    measure("match_symptoms_top (2 terms, 10)", &mut |_| {
        drop(kb.match_symptoms_top(&["itching", "blisters"], 10).unwrap())
    });
    measure("search (name word)", &mut |n| {
        drop(kb.search(n.split(' ').nth(1).unwrap_or(n), 20).unwrap())
    });
    let t = Instant::now();
    let shared = kb.shared_across_conditions(Shared::Cause).unwrap().len();
    let shared_all = t.elapsed();

    // (d) whole processes.
    let migrate_fresh = median(9, || {
        let fresh = work.path().join("fresh.sqlite3");
        let _ = std::fs::remove_file(&fresh);
        let t = Instant::now();
        run(kb_bin, &fresh, &["migrate"]);
        t.elapsed()
    });
    let show = median(9, || {
        let t = Instant::now();
        run(kb_bin, &db, &["show", &names[0], "--format", "json"]);
        t.elapsed()
    });

    let size_mib = std::fs::metadata(&db).unwrap().len() as f64 / 1048576.0;
    println!();
    println!("| measure ({count} articles, {facts} facts, {size_mib:.1} MiB database) | value |");
    println!("| --- | --- |");
    println!("| kb seed, whole process (read, validate, write) | {kb_seed:.2?} |");
    println!("| baseline: same rows, prepared statements, one transaction | {baseline:.2?} |");
    println!(
        "| ratio kb seed / baseline (target <= 2) | {:.2} |",
        kb_seed.as_secs_f64() / baseline.as_secs_f64()
    );
    println!("| kb seed peak memory (target < 100 MiB) | {kb_peak_mib:.1} MiB |");
    println!("| kb seed again (nothing to do) | {reseed:.2?} |");
    println!("| kb seed without HPO mapping | {without_codes:.2?} |");
    println!(
        "| HPO mapping's share of kb seed (target <= 10 %) | {:.1} % |",
        100.0 * (kb_seed.as_secs_f64() / without_codes.as_secs_f64() - 1.0)
    );
    println!(
        "| extraction throughput | {mb_s:.1} MB/s ({:.1} MB in {extract_time:.2?}) |",
        bytes as f64 / 1e6
    );
    for (label, p50, p95) in &latency {
        println!("| {label}: p50 / p95 (target p50 < 1 ms) | {p50:.2?} / {p95:.2?} |");
    }
    println!("| shared_across_conditions(cause), all {shared} shared causes | {shared_all:.2?} |");
    println!("| kb migrate on a fresh file, whole process (median of 9) | {migrate_fresh:.2?} |");
    println!("| kb show --format json, whole process (median of 9) | {show:.2?} |");
}

fn run(bin: &str, db: &Path, args: &[&str]) {
    let out = Command::new(bin)
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("KB_DB")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "kb {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn median(n: usize, mut f: impl FnMut() -> Duration) -> Duration {
    let mut v: Vec<Duration> = (0..n).map(|_| f()).collect();
    v.sort();
    v[n / 2]
}

/// Largest resident set of any waited-for child, in KiB (Linux).
fn peak_child_rss_kib() -> i64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage writes a rusage into the buffer we own.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr()) };
    assert_eq!(rc, 0);
    // SAFETY: initialised by the successful call above.
    unsafe { usage.assume_init() }.ru_maxrss
}

/// The SQLite limit for this data: every row kb seed writes, inserted with
/// cached prepared statements in one transaction, ids resolved through
/// in-memory maps instead of lookups, no validation, no diffing.
fn baseline_insert(path: &Path, articles: &[(String, String, SeedFile)]) {
    let mut conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    let tx = conn.transaction().unwrap();
    let mut ids: HashMap<(&str, String), i64> = HashMap::new();
    {
        let mut entity =
            |tx: &rusqlite::Transaction, table: &'static str, name: &str, kind: Option<&str>| -> i64 {
                let slug = kb::seed::slugify(name);
                if let Some(id) = ids.get(&(table, slug.clone())) {
                    return *id;
                }
                match kind {
                    Some(k) => tx
                        .prepare_cached(&format!(
                            "INSERT INTO {table} (slug, name, kind) VALUES (?1, ?2, ?3)"
                        ))
                        .unwrap()
                        .execute(params![slug, name, k])
                        .unwrap(),
                    None => tx
                        .prepare_cached(&format!("INSERT INTO {table} (slug, name) VALUES (?1, ?2)"))
                        .unwrap()
                        .execute(params![slug, name])
                        .unwrap(),
                };
                let id = tx.last_insert_rowid();
                ids.insert((table, slug), id);
                id
            };
        for (name, text, seed) in articles {
            tx.prepare_cached(
                "INSERT INTO document (slug, path, title, sha256, body) VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .unwrap()
            .execute(params![
                name,
                seed.document.path,
                seed.document.title,
                seed.document.sha256,
                text
            ])
            .unwrap();
            let doc = tx.last_insert_rowid();
            let mut quotes: HashMap<(usize, usize), i64> = HashMap::new();
            let mut quote = |q: &kb::model::Quote| -> i64 {
                if let Some(id) = quotes.get(&(q.start, q.end)) {
                    return *id;
                }
                let line = text[..q.start].matches('\n').count() as i64 + 1;
                tx.prepare_cached(
                    "INSERT INTO quote (document_id, start_byte, end_byte, line, text) VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .unwrap()
                .execute(params![doc, q.start as i64, q.end as i64, line, q.text])
                .unwrap();
                let id = tx.last_insert_rowid();
                quotes.insert((q.start, q.end), id);
                id
            };
            let fact = |sql: &str, a: i64, b: Option<i64>, q: i64| {
                match b {
                    Some(b) => tx
                        .prepare_cached(sql)
                        .unwrap()
                        .execute(params![a, b, doc, q])
                        .unwrap(),
                    None => tx
                        .prepare_cached(sql)
                        .unwrap()
                        .execute(params![a, doc, q])
                        .unwrap(),
                };
            };
            for c in &seed.conditions {
                let cond = entity(&tx, "condition", &c.name, None);
                fact(
                    "INSERT INTO condition_source VALUES (?1, ?2, ?3)",
                    cond,
                    None,
                    quote(&c.quote),
                );
                for t in &c.types {
                    tx.prepare_cached(
                        "INSERT INTO condition_type (condition_id, slug, name) VALUES (?1, ?2, ?3)",
                    )
                    .unwrap()
                    .execute(params![cond, kb::seed::slugify(&t.name), t.name])
                    .unwrap();
                    let ty = tx.last_insert_rowid();
                    fact(
                        "INSERT INTO type_source VALUES (?1, ?2, ?3)",
                        ty,
                        None,
                        quote(&t.quote),
                    );
                    for x in &t.causes {
                        let cause = entity(&tx, "cause", &x.name, None);
                        fact(
                            "INSERT INTO type_cause VALUES (?1, ?2, ?3, ?4)",
                            ty,
                            Some(cause),
                            quote(&x.quote),
                        );
                    }
                }
                for s in &c.symptoms {
                    let symptom = entity(&tx, "symptom", &s.name, None);
                    fact(
                        "INSERT INTO condition_symptom VALUES (?1, ?2, ?3, ?4)",
                        cond,
                        Some(symptom),
                        quote(&s.quote),
                    );
                }
                for r in &c.treatments {
                    let treatment = entity(&tx, "treatment", &r.name, Some(r.kind.as_str()));
                    fact(
                        "INSERT INTO condition_treatment VALUES (?1, ?2, ?3, ?4)",
                        cond,
                        Some(treatment),
                        quote(&r.quote),
                    );
                }
            }
        }
    }
    tx.commit().unwrap();
}
