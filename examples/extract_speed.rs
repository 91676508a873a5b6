//! Extraction throughput, in process, on real and synthetic articles:
//! `cargo run --release --example extract_speed -- [ARTICLES] [ROUNDS]`.
//!
//! Reads the shared corpus (`../shared/corpus/documents`) and the seed
//! article, then parses and extracts each of them ROUNDS times (default 20),
//! and ARTICLES synthetic articles once (default 1,000, as the scale
//! bench's extraction row). Prints MB/s for each, and a digest of every
//! seed file and `--explain` record produced, so a speed change can be
//! checked to change no output (the digests must stay the same).
//! With `KB_COLD=1` the answers kept across documents are forgotten
//! before each article: the speed of first readings, without repeats.

use std::time::{Duration, Instant};

use kb::document::{Document, Format};
use kb::extract::{extract_with, Options, Vocabulary};
use sha2::{Digest, Sha256};

// The kb binary's allocator, so the figures are what `kb` itself gets.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let articles: usize = args
        .next()
        .map_or(1000, |a| a.parse().expect("a number of articles"));
    let rounds: usize = args.next().map_or(20, |a| a.parse().expect("a number of rounds"));
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut real: Vec<(String, String)> = Vec::new();
    let corpus = root.join("../shared/corpus/documents");
    let mut paths: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap_or_else(|e| panic!("{}: {e}", corpus.display()))
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths.push(root.join("seeds/calcinosis-cutis.txt"));
    for p in paths {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        real.push((name, std::fs::read_to_string(&p).unwrap()));
    }
    let synthetic: Vec<(String, String)> = (0..articles)
        .map(|i| ("a.txt".to_owned(), kb_devtools::synth::article(20261124, i).text))
        .collect();

    let vocabulary = Vocabulary::builtin();
    // The first pass builds what a process builds once (the HPO
    // lexicon's key maps, the phrase finders): timed alone, then left out
    // of the throughput, which is what every further article costs.
    let (cpu_first, _) = timed(&vocabulary, &real, 1);
    let (cpu_second, _) = timed(&vocabulary, &real, 1);
    println!(
        "one-time set-up (first pass over the real articles less the second): {:.2?} processor time",
        cpu_first.saturating_sub(cpu_second)
    );
    for (label, set, rounds) in [("real articles", &real, rounds), ("synthetic", &synthetic, 1)] {
        // Every output, for the digest (untimed).
        let mut digest = Sha256::new();
        for (name, text) in set.iter() {
            let ex = extract_one(&vocabulary, name, text);
            digest.update(serde_json::to_vec(&ex.seed).unwrap());
            digest.update(serde_json::to_vec(&ex.explained).unwrap());
            digest.update(format!("{:?}", ex.signal));
        }
        let (cpu, elapsed) = if label == "synthetic" {
            synthetic_pass(&vocabulary, set)
        } else {
            real_pass(&vocabulary, set, rounds)
        };
        let bytes = set.iter().map(|(_, t)| t.len()).sum::<usize>() * rounds;
        // Throughput by processor time: the machine is shared, and it moves
        // far less with the load than elapsed time does.
        println!(
            "{label} ({} files x {rounds}): {:.1} MB/s ({:.2} MB in {cpu:.2?} processor time, {elapsed:.2?} elapsed), digest {}",
            set.len(),
            bytes as f64 / 1e6 / cpu.as_secs_f64(),
            bytes as f64 / 1e6,
            hex(&digest.finalize())
        );
    }
}

fn extract_one(vocabulary: &Vocabulary, name: &str, text: &str) -> kb::extract::Extraction {
    // KB_COLD=1: every article read as if first seen (answers kept across
    // documents are forgotten), for the gain without repeats.
    if *COLD {
        kb::extract::forget_answers();
    }
    let format = Format::of_name(name).unwrap_or(Format::Text);
    extract_with(
        &Document::parse(text, format),
        name,
        vocabulary,
        &Options::default(),
    )
}

static COLD: std::sync::LazyLock<bool> = std::sync::LazyLock::new(|| std::env::var_os("KB_COLD").is_some());

/// Parse and extract every article `rounds` times: (processor time,
/// elapsed time). Not inlined, so a profiler can collect inside it alone
/// (`valgrind --tool=callgrind --toggle-collect='*timed*'`).
#[inline(never)]
fn timed(vocabulary: &Vocabulary, set: &[(String, String)], rounds: usize) -> (Duration, Duration) {
    let (t, c) = (Instant::now(), cpu());
    for _ in 0..rounds {
        for (name, text) in set {
            std::hint::black_box(extract_one(vocabulary, name, text));
        }
    }
    (cpu() - c, t.elapsed())
}

/// The synthetic articles' timed pass, after the untimed one that made
/// the digest: a profiler can collect the bench's steady work alone
/// (`--toggle-collect='*synthetic_pass*'`).
#[inline(never)]
fn synthetic_pass(vocabulary: &Vocabulary, set: &[(String, String)]) -> (Duration, Duration) {
    timed(vocabulary, set, 1)
}

/// The real articles' timed rounds, after the two passes that time the
/// set-up: a profiler can collect them alone
/// (`--toggle-collect='*real_pass*'`, with `KB_COLD=1` for first readings).
#[inline(never)]
fn real_pass(vocabulary: &Vocabulary, set: &[(String, String)], rounds: usize) -> (Duration, Duration) {
    timed(vocabulary, set, rounds)
}

/// This process's user + system time.
fn cpu() -> Duration {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes into the struct we own.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let t = |tv: libc::timeval| Duration::new(tv.tv_sec as u64, tv.tv_usec as u32 * 1000);
    t(usage.ru_utime) + t(usage.ru_stime)
}

fn hex(bytes: &[u8]) -> String {
    bytes[..8].iter().map(|b| format!("{b:02x}")).collect()
}
