//! The review workflow on real files: quotes given by their text alone, and
//! `kb reanchor` after a document edit.

use std::path::PathBuf;

use predicates::str::contains;
use serde_json::{json, Value};
use tempfile::TempDir;

use crate::common::{bin, kb, seeds_dir};

/// A copy of the built-in seeds in a folder of the user's own, and a
/// migrated database.
struct Setup {
    _dir: TempDir,
    db: PathBuf,
    articles: PathBuf,
}

impl Setup {
    fn new() -> Setup {
        let dir = TempDir::new().unwrap();
        let articles = dir.path().join("articles");
        std::fs::create_dir(&articles).unwrap();
        for entry in std::fs::read_dir(seeds_dir()).unwrap() {
            let p = entry.unwrap().path();
            std::fs::copy(&p, articles.join(p.file_name().unwrap())).unwrap();
        }
        let db = dir.path().join("kb.sqlite3");
        kb(&db).arg("migrate").assert().success();
        Setup {
            _dir: dir,
            db,
            articles,
        }
    }

    fn seed_file(&self) -> PathBuf {
        self.articles.join("calcinosis-cutis.json")
    }

    fn body(&self) -> String {
        std::fs::read_to_string(self.articles.join("calcinosis-cutis.txt")).unwrap()
    }

    fn read_seed(&self) -> Value {
        serde_json::from_str(&std::fs::read_to_string(self.seed_file()).unwrap()).unwrap()
    }

    /// Add a symptom whose quote is given as text alone.
    fn add_symptom(&self, name: &str, text: &str) {
        let mut seed = self.read_seed();
        seed["conditions"][0]["symptoms"]
            .as_array_mut()
            .unwrap()
            .push(json!({"name": name, "quote": {"text": text}}));
        std::fs::write(self.seed_file(), serde_json::to_string_pretty(&seed).unwrap()).unwrap();
    }

    fn seed(&self) -> assert_cmd::assert::Assert {
        kb(&self.db).arg("seed").arg(&self.articles).assert()
    }

    fn sql(&self, sql: &str) -> Value {
        let out = kb(&self.db)
            .args(["sql", sql, "--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

#[test]
fn a_quote_given_by_its_text_alone_gets_its_offsets() {
    let s = Setup::new();
    s.add_symptom("symptomless lesions", "often symptomless");
    s.seed().success();
    let rows = s.sql(
        "SELECT start_byte, end_byte, quote FROM condition_symptoms WHERE symptom_name = 'symptomless lesions'",
    );
    let at = s.body().find("often symptomless").unwrap() as i64;
    assert_eq!(rows[0]["start_byte"], at, "{rows}");
    assert_eq!(rows[0]["end_byte"], at + "often symptomless".len() as i64);
    assert_eq!(rows[0]["quote"], "often symptomless");
}

#[test]
fn an_ambiguous_or_absent_text_is_an_error_that_lists_candidates() {
    let s = Setup::new();
    let original = std::fs::read_to_string(s.seed_file()).unwrap();
    // "calcium" occurs several times: each place is listed with its line.
    s.add_symptom("calcium", "calcium");
    let lines: Vec<usize> = s
        .body()
        .match_indices("calcium")
        .map(|(i, _)| s.body()[..i].matches('\n').count() + 1)
        .collect();
    assert!(lines.len() > 2 && lines.len() <= 10, "{lines:?}");
    let out = s
        .seed()
        .code(65)
        .stderr(contains(format!("occurs {} times", lines.len())));
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    for line in &lines {
        assert!(err.contains(&format!("line {line} (bytes")), "{err}");
    }
    assert!(
        err.contains("calcinosis-cutis.json"),
        "names the seed file: {err}"
    );

    // Not in the document as written; the same words in other capitals are.
    std::fs::write(s.seed_file(), &original).unwrap();
    s.add_symptom("symptomless lesions", "Often Symptomless");
    s.seed()
        .code(65)
        .stderr(contains("is not in the document").and(contains("other capitals at line")));
    assert_eq!(
        s.sql("SELECT count(*) AS n FROM document")[0]["n"],
        0,
        "nothing written"
    );
}

#[test]
fn reanchor_rewrites_a_reviewed_file_after_its_document_changed() {
    let s = Setup::new();
    let doc = s.articles.join("calcinosis-cutis.txt");
    let before = s.read_seed();
    // An edit above every quote: each one moves; one fact's text is gone.
    let body = format!(
        "Reviewed on a Tuesday.\n\n{}",
        s.body().replace("cutaneous gangrene", "gangrene")
    );
    std::fs::write(&doc, &body).unwrap();
    s.add_symptom("symptomless lesions", "often symptomless");

    // Every seed says it again until the file is rewritten.
    for _ in 0..2 {
        s.seed()
            .success()
            .stderr(contains("re-anchored").and(contains("kb reanchor")));
    }
    let file = s.seed_file();
    let unchanged = std::fs::read_to_string(&file).unwrap();
    bin().arg("reanchor").arg("--check").arg(&file).assert().code(1);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        unchanged,
        "--check writes nothing"
    );

    bin()
        .arg("reanchor")
        .arg(&file)
        .assert()
        .success()
        .stderr(contains("rewritten").and(contains("cutaneous gangrene")));
    let after = s.read_seed();
    assert_eq!(after["document"]["sha256"].as_str().unwrap().len(), 64);
    assert_ne!(after["document"]["sha256"], before["document"]["sha256"]);
    // Every quote, including the one given by text alone, has offsets that
    // slice the edited document exactly.
    let mut quotes = Vec::new();
    collect_quotes(&after, &mut quotes);
    assert!(quotes.len() > 50, "{}", quotes.len());
    for q in &quotes {
        let (start, end) = (
            q["start"].as_u64().unwrap() as usize,
            q["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&body[start..end], q["text"].as_str().unwrap(), "{q}");
    }
    // The review is kept: the same facts, less the one whose text is gone,
    // plus the one added.
    let mut old = Vec::new();
    collect_quotes(&before, &mut old);
    assert_eq!(quotes.len(), old.len(), "one dropped, one added");

    s.seed().success().stderr(contains("note:").not());
    bin().arg("reanchor").arg("--check").arg(&file).assert().success();
}

fn collect_quotes<'a>(v: &'a Value, out: &mut Vec<&'a Value>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                if k == "quote" {
                    out.push(x);
                } else {
                    collect_quotes(x, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|x| collect_quotes(x, out)),
        _ => {}
    }
}

use predicates::prelude::PredicateBooleanExt;
