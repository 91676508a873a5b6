//! `kb sql` streams: peak memory stays flat for any row count (issue 11,
//! failure 3: 5 M rows took 787 MB). Its own test binary, so the peak of
//! the children it waits for is the peak of these runs alone.

use std::path::Path;
use std::process::{Command, Stdio};

use tempfile::TempDir;

/// Largest resident set of any child waited for so far, in bytes.
fn children_peak() -> u64 {
    // SAFETY: getrusage fills the zeroed struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    usage.ru_maxrss as u64 * 1024
}

#[test]
fn five_million_rows_stream_in_flat_memory() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("kb.sqlite3");
    let kb = assert_cmd::cargo::cargo_bin("kb");
    let run = |args: &[&str]| {
        let status = Command::new(&kb)
            .env_remove("KB_DB")
            .arg("--db")
            .arg(&db)
            .args(args)
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "kb {args:?}");
    };
    run(&["migrate"]);
    let rows = "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < 5000000) \
                SELECT x, 'row ' || x AS label FROM r";
    for format in ["csv", "jsonl"] {
        run(&["sql", rows, "--timeout", "0", "--format", format]);
    }
    // A table holds only its first rows, for the column widths.
    let table = "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < 1000000) \
                 SELECT x, 'row ' || x AS label FROM r";
    run(&["sql", table, "--timeout", "0"]);
    let peak = children_peak();
    assert!(peak < 50 << 20, "peak {} MiB", peak >> 20);
    assert!(Path::new(&db).exists());
}
