//! Command-line conventions: completions, man page, --version, --quiet and
//! --verbose, `-` for standard input, list --limit, search prefixes, the
//! compact `kb show`, and hints for an empty or missing database.

use std::path::PathBuf;

use predicates::prelude::*;
use predicates::str::contains;
use serde_json::Value;
use tempfile::TempDir;

use crate::common::{bin, crate_dir, fresh, kb, seeds_dir, stdout};

fn seeded() -> (TempDir, PathBuf) {
    let (dir, db) = fresh();
    kb(&db).arg("init").arg(seeds_dir()).assert().success();
    (dir, db)
}

#[test]
fn completions_and_the_man_page_are_generated() {
    let bash = stdout(bin().args(["completions", "bash"]));
    assert!(
        bash.contains("complete -F _kb") && bash.contains("reanchor") && bash.contains("--quiet"),
        "{bash}"
    );
    let zsh = stdout(bin().args(["completions", "zsh"]));
    assert!(zsh.starts_with("#compdef kb"), "{zsh}");
    let fish = stdout(bin().args(["completions", "fish"]));
    assert!(fish.contains("complete -c kb"), "{fish}");
    let man = stdout(bin().arg("man"));
    assert!(
        man.contains(".TH kb") && man.contains(".SH NAME") && man.contains("graph"),
        "{man}"
    );
    bin().args(["completions", "cmd.exe"]).assert().code(2);
}

#[test]
fn version_names_the_schema_and_sqlite() {
    let v = stdout(bin().arg("--version"));
    assert!(v.starts_with(&format!("kb {}", env!("CARGO_PKG_VERSION"))), "{v}");
    let schema = std::fs::read_dir(crate_dir().join("migrations")).unwrap().count();
    assert!(
        v.contains(&format!("schema V{schema}")) && v.contains("SQLite 3."),
        "{v}"
    );
}

#[test]
fn quiet_silences_progress_and_verbose_says_more() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("kb.sqlite3");
    kb(&db)
        .args(["--quiet", "init"])
        .arg(seeds_dir())
        .assert()
        .success()
        .stderr(predicate::str::is_empty())
        .stdout(contains("calcinosis cutis"));
    kb(&db)
        .arg("seed")
        .arg(seeds_dir())
        .assert()
        .success()
        .stderr(contains("nothing to do"));
    kb(&db)
        .args(["seed", "-q"])
        .arg(seeds_dir())
        .assert()
        .success()
        .stderr(predicate::str::is_empty());
    kb(&db)
        .args(["-v", "seed"])
        .arg(seeds_dir())
        .assert()
        .success()
        .stderr(contains(format!("database: {}", db.display())).and(contains("calcinosis-cutis")));
    // Errors still print.
    kb(&db)
        .args(["-q", "show", "nothing-like-it"])
        .assert()
        .code(65)
        .stderr(contains("error:"));
    bin().args(["-q", "-v", "list", "conditions"]).assert().code(2);
}

#[test]
fn extract_reads_standard_input() {
    let file = seeds_dir().join("calcinosis-cutis.txt");
    let from_file: Value = serde_json::from_str(&stdout(bin().arg("extract").arg(&file))).unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let piped = stdout(
        bin()
            .args(["extract", "-", "--name", "calcinosis-cutis.txt"])
            .write_stdin(text),
    );
    let from_stdin: Value = serde_json::from_str(&piped).unwrap();
    assert_eq!(from_stdin, from_file);
    let unnamed: Value = serde_json::from_str(&stdout(
        bin()
            .args(["extract", "-"])
            .write_stdin(std::fs::read(&file).unwrap()),
    ))
    .unwrap();
    assert_eq!(unnamed["document"]["path"], "document.txt");
    assert_eq!(unnamed["conditions"], from_file["conditions"]);
    bin()
        .args(["extract", "-"])
        .write_stdin("  \n")
        .assert()
        .code(65)
        .stderr(contains("empty"));
}

#[test]
fn list_takes_a_limit_and_lists_conditions_by_name_alone() {
    let (_dir, db) = seeded();
    let all: Value =
        serde_json::from_str(&stdout(kb(&db).args(["list", "causes", "--format", "json"]))).unwrap();
    let two: Value = serde_json::from_str(&stdout(
        kb(&db).args(["list", "causes", "--limit", "2", "--format", "json"]),
    ))
    .unwrap();
    assert!(all.as_array().unwrap().len() > 2);
    assert_eq!(two.as_array().unwrap()[..], all.as_array().unwrap()[..2]);
    let csv = stdout(kb(&db).args(["list", "conditions", "--format", "csv"]));
    assert_eq!(csv, "slug,name\ncalcinosis-cutis,calcinosis cutis\n");
    let table = stdout(kb(&db).args(["list", "conditions"]));
    assert!(
        !table.contains("kind") && !table.contains("conditions"),
        "{table}"
    );
}

#[test]
fn search_prefixes_match_the_words_they_begin() {
    let (_dir, db) = seeded();
    let hits: Value =
        serde_json::from_str(&stdout(kb(&db).args(["search", "calc*", "--format", "json"]))).unwrap();
    let hits = hits.as_array().unwrap();
    assert!(!hits.is_empty(), "calc* finds calcinosis, calcium, ...");
    assert!(
        hits.iter()
            .any(|h| h["name"] == "calcinosis cutis" || h["kind"] == "text"),
        "{hits:?}"
    );
    let names: Value = serde_json::from_str(&stdout(kb(&db).args([
        "search",
        "hyperpara*",
        "--format",
        "json",
    ])))
    .unwrap();
    assert!(names
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["name"] == "primary hyperparathyroidism"));
    // Without the star the word is taken whole.
    let whole: Value =
        serde_json::from_str(&stdout(kb(&db).args(["search", "calc", "--format", "json"]))).unwrap();
    assert!(whole.as_array().unwrap().is_empty());
}

#[test]
fn show_is_compact_unless_asked_for_the_table() {
    let (_dir, db) = seeded();
    let compact = stdout(kb(&db).args(["show", "calcinosis cutis"]));
    assert!(compact.lines().count() < 15, "{compact}");
    assert!(
        compact.contains("type metastatic calcinosis cutis:") && !compact.contains('┆'),
        "{compact}"
    );
    let table = stdout(kb(&db).args(["show", "calcinosis cutis", "--table"]));
    assert!(table.contains('┆') && table.contains("section"), "{table}");
    let quotes = stdout(kb(&db).args(["show", "calcinosis cutis", "--quotes"]));
    assert!(quotes.contains("repeated heel sticks"), "{quotes}");
    let json: Value = serde_json::from_str(&stdout(kb(&db).args([
        "show",
        "calcinosis cutis",
        "--format",
        "json",
    ])))
    .unwrap();
    assert_eq!(json["condition"], "calcinosis cutis");
}

#[test]
fn an_empty_or_missing_database_gets_a_hint() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("kb.sqlite3");
    kb(&db)
        .args(["list", "conditions"])
        .assert()
        .code(65)
        .stderr(contains("`kb init` creates"));
    kb(&db).arg("migrate").assert().success();
    kb(&db)
        .args(["list", "conditions"])
        .assert()
        .success()
        .stderr(contains("holds no documents yet").and(contains("kb seed")));
    kb(&db)
        .args(["search", "calcium"])
        .assert()
        .success()
        .stderr(contains("kb init"));
}
