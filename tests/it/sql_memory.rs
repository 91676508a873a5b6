//! `kb sql` streams: peak memory stays flat for any row count (issue 11,
//! failure 3: 5 M rows took 787 MB).
//!
//! The peak is read from the child's own `/proc/PID/status` (`VmHWM`, the
//! high-water mark of its memory since `exec`) while it runs. The kernel's
//! `ru_maxrss` for a child (getrusage, wait4) would count this test
//! process's own size too, since a child starts as a copy of it, and this
//! binary holds every integration test.

use std::process::{Command, Stdio};
use std::time::Duration;

use tempfile::TempDir;

use crate::common::kb_path;

/// Run `cmd` (a `kb` command) to its end: (success, the largest `VmHWM` seen
/// after its `exec`, in bytes). Sampled every 2 ms: kb's memory only grows
/// while it works, so the last sample before exit is its peak.
fn peak_of(cmd: &mut Command) -> (bool, u64) {
    let mut child = cmd.spawn().unwrap();
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Some(exit) = child.try_wait().unwrap() {
            return (exit.success(), peak);
        }
        if let Ok(text) = std::fs::read_to_string(&status) {
            // Before exec the child is still a copy of this process.
            let is_kb = text.lines().any(|l| l.split_whitespace().eq(["Name:", "kb"]));
            let hwm = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
            if let (true, Some(kib)) = (is_kb, hwm) {
                peak = peak.max(kib * 1024);
            }
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

#[test]
fn five_million_rows_stream_in_flat_memory() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("kb.sqlite3");
    let mut peak = 0;
    let mut run = |args: &[&str]| {
        let (ok, rss) = peak_of(
            Command::new(kb_path())
                .env_remove("KB_DB")
                .arg("--db")
                .arg(&db)
                .args(args)
                .stdout(Stdio::null()),
        );
        assert!(ok, "kb {args:?}");
        peak = peak.max(rss);
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
    assert!(peak > 1 << 20, "no peak measured: {peak} bytes");
    assert!(peak < 50 << 20, "peak {} MiB", peak >> 20);
    assert!(db.exists());
}
