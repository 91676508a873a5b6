//! Seed time of a synthetic corpus with and without HPO mapping, through
//! the library (the scale benchmark does the same with the binary):
//!
//!     cargo run --release --example seed_timing -- 10000
//!
//! `-- corpus DIR N` (or `-- --write DIR N`, as `scripts/hpo_seed_timing.py`
//! calls it) only writes the synthetic corpus of N articles to DIR (the
//! bench's corpus), for timing or profiling `kb seed` on it by hand.
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if matches!(args.first().map(String::as_str), Some("corpus" | "--write")) {
        let count = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(10_000);
        kb_devtools::synth::write_corpus(std::path::Path::new(&args[1]), 20261124, count).unwrap();
        return;
    }
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let work = tempfile::TempDir::new().unwrap();
    let corpus = work.path().join("corpus");
    kb_devtools::synth::write_corpus(&corpus, 20261124, count).unwrap();
    let source = kb::Source::from_dir(&corpus).unwrap();
    let mut times = Vec::new();
    // Alternate, twice each, so neither run always has the warmer cache.
    for (round, skip) in [(0, true), (0, false), (1, true), (1, false)] {
        if skip {
            std::env::set_var(kb::codes::SKIP_ENV, "1");
        } else {
            std::env::remove_var(kb::codes::SKIP_ENV);
        }
        let db = work.path().join(format!("kb-{round}-{skip}.sqlite3"));
        let mut kb = kb::Kb::open(&db).unwrap();
        kb.migrate().unwrap();
        let t = Instant::now();
        kb.seed(&source).unwrap();
        let took = t.elapsed();
        let links: i64 = kb
            .connection()
            .query_row("SELECT count(*) FROM symptom_code", [], |r| r.get(0))
            .unwrap();
        let symptoms: i64 = kb
            .connection()
            .query_row("SELECT count(*) FROM symptom", [], |r| r.get(0))
            .unwrap();
        println!(
            "{count} articles, mapping {}: {took:.2?} ({symptoms} symptoms, {links} links)",
            if skip { "off" } else { "on" }
        );
        times.push((skip, took.as_secs_f64()));
    }
    let avg = |s: bool| {
        let v: Vec<f64> = times.iter().filter(|t| t.0 == s).map(|t| t.1).collect();
        v.iter().sum::<f64>() / v.len() as f64
    };
    println!("mapping adds {:.1} %", 100.0 * (avg(false) / avg(true) - 1.0));
}
