//! Output in every format (issue 10, "Output"; issue 11, failure 4's
//! tables): the same field names and numbers everywhere, tables that fit the
//! terminal without breaking words, linear in cell size, and hints instead of
//! silence.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

use crate::common::{crate_dir, fresh, kb, seeds_dir, stdout};

fn seeded() -> (TempDir, PathBuf) {
    let (dir, db) = fresh();
    kb(&db).arg("init").arg(seeds_dir()).assert().success();
    kb(&db)
        .arg("seed")
        .arg(crate_dir().join("tests/fixtures/shared"))
        .assert()
        .success();
    (dir, db)
}

/// CSV headers are the JSON field names, for every list-shaped command.
#[test]
fn csv_headers_are_the_json_keys() {
    let (_dir, db) = seeded();
    for args in [
        &["related", "contact rash"][..],
        &["match", "itching", "blisters"],
        &["list", "causes"],
        &["shared-causes"],
        &["shared-causes", "contact rash"],
    ] {
        let json: Value =
            serde_json::from_str(&stdout(kb(&db).args(args).args(["--format", "json"]))).unwrap();
        let first = json
            .as_array()
            .and_then(|a| a.first())
            .unwrap_or_else(|| panic!("{args:?}: {json}"));
        let csv = stdout(kb(&db).args(args).args(["--format", "csv"]));
        for header in csv.lines().next().unwrap().split(',') {
            assert!(
                first.get(header).is_some(),
                "{args:?}: CSV column '{header}' is no JSON key of {first}"
            );
        }
        // JSON lines: the same objects, one per line.
        let jsonl = stdout(kb(&db).args(args).args(["--format", "jsonl"]));
        let line: Value = serde_json::from_str(jsonl.lines().next().unwrap()).unwrap();
        assert_eq!(&line, first, "{args:?}");
    }
}

/// Issue 10: JSON said 1.00025 where the table said 1.000.
#[test]
fn scores_are_the_same_number_in_every_format() {
    let (_dir, db) = seeded();
    let args = ["match", "itching", "ulceration", "blisters"];
    let json: Value = serde_json::from_str(&stdout(kb(&db).args(args).args(["--format", "json"]))).unwrap();
    let csv = stdout(kb(&db).args(args).args(["--format", "csv"]));
    let table = stdout(kb(&db).args(args));
    for (m, row) in json.as_array().unwrap().iter().zip(csv.lines().skip(1)) {
        let score = m["score"].to_string();
        assert!(row.contains(&format!(",{score},")), "{score} vs {row}");
        assert!(table.contains(&format!(" {score} ")), "{score} not in\n{table}");
        let scale = 10f64.powi(6);
        let x = m["score"].as_f64().unwrap();
        assert_eq!((x * scale).round() / scale, x, "more than 6 decimals: {x}");
    }
}

/// Issue 10: tables ignored COLUMNS, collapsed on a 0-wide terminal and
/// broke words; issue 11: a 20 MB cell took 280 s.
#[test]
fn tables_fit_columns_keep_words_whole_and_stay_linear() {
    let (_dir, db) = seeded();
    let q = "SELECT cause_name, type_name, quote FROM causes_by_type";
    for width in [60usize, 80, 120] {
        let out = stdout(kb(&db).env("COLUMNS", width.to_string()).args(["sql", q]));
        for line in out.lines() {
            assert!(line.chars().count() <= width, "wider than {width}: {line}");
        }
        assert!(
            out.contains("hyperparathyroidism"),
            "a word was broken at {width}:\n{out}"
        );
    }
    let zero = stdout(kb(&db).env("COLUMNS", "0").args(["sql", q]));
    let widest = zero.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest > 40, "a zero width collapsed the table:\n{zero}");
    let t = Instant::now();
    let out = stdout(kb(&db).args([
        "sql",
        "SELECT printf('%.*c', 20000000, 'x') AS big, 1 AS n",
        "--timeout",
        "0",
    ]));
    assert!(t.elapsed() < Duration::from_secs(20), "{:?}", t.elapsed());
    assert!(out.contains("more bytes]") && out.len() < 100_000);
}

#[test]
fn show_is_compact_unless_asked_for_the_table() {
    let (_dir, db) = seeded();
    let compact = stdout(kb(&db).args(["show", "calcinosis cutis"]));
    assert!(
        compact.lines().count() < 20 && !compact.contains('┌'),
        "{compact}"
    );
    let full = stdout(kb(&db).args(["show", "calcinosis cutis", "--table"]));
    assert!(full.contains('┌') && full.starts_with(compact.trim_end()));
}

#[test]
fn empty_answers_say_so_and_prefix_search_works() {
    let (dir, db) = seeded();
    kb(&db)
        .args(["search", "zyxwvut"])
        .assert()
        .success()
        .stderr(predicate::str::contains("no results"));
    let hits = stdout(kb(&db).args(["search", "calc*", "--format", "json"]));
    assert!(hits.contains("calcinosis cutis"), "{hits}");
    let empty = dir.path().join("empty.sqlite3");
    kb(&empty).arg("migrate").assert().success();
    kb(&empty)
        .args(["list", "conditions"])
        .assert()
        .success()
        .stderr(predicate::str::contains("no documents yet").and(predicate::str::contains("kb seed")));
    kb(&dir.path().join("missing.sqlite3"))
        .args(["show", "x"])
        .assert()
        .code(65)
        .stderr(predicate::str::contains("kb init"));
}
