//! `kb seed` end to end: the real binary on real files in temp folders.

use std::path::Path;
use std::process::Command as StdCommand;

use predicates::str::contains;
use serde_json::Value;
use tempfile::TempDir;

use crate::common::{self, kb, kb_path, migrated, seeds_dir, sqlite3};

/// `kb sql QUERY`, each row's values (in the order of their column names).
fn sql(db: &Path, query: &str) -> Vec<Vec<Value>> {
    common::sql(db, query)
        .into_iter()
        .map(|r| r.as_object().unwrap().values().cloned().collect())
        .collect()
}

fn count(db: &Path, query: &str) -> i64 {
    sql(db, query)[0][0].as_i64().unwrap()
}

/// Every quote row is the exact bytes of its document at its offsets.
fn assert_quotes_verbatim(db: &Path) {
    let bad = count(
        db,
        "SELECT count(*) FROM quote q JOIN document d ON d.id = q.document_id \
         WHERE substr(CAST(d.body AS BLOB), q.start_byte + 1, q.end_byte - q.start_byte) <> CAST(q.text AS BLOB)",
    );
    assert_eq!(bad, 0, "quotes that are not verbatim slices of their document");
}

fn dump(db: &Path) -> String {
    sqlite3(db, ".dump")
}

#[test]
fn seeding_the_shipped_seeds_gives_the_reviewed_record_with_provenance() {
    let (_dir, db) = migrated();
    kb(&db)
        .arg("seed")
        .arg(seeds_dir())
        .assert()
        .success()
        .stderr(contains("seeded"));

    // Compare with the reviewed seed file itself rather than a copied list.
    let seed: Value =
        serde_json::from_str(&std::fs::read_to_string(seeds_dir().join("calcinosis-cutis.json")).unwrap())
            .unwrap();
    let condition = &seed["conditions"][0];
    let out = kb(&db)
        .args(["show", "calcinosis cutis", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let record: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record["condition"], condition["name"]);

    let names = |v: &Value| -> Vec<String> {
        let mut n: Vec<String> = v
            .as_array()
            .map(|a| a.iter().map(|i| i["name"].as_str().unwrap().to_owned()).collect())
            .unwrap_or_default();
        n.sort();
        n.dedup();
        n
    };
    assert_eq!(names(&record["types"]), names(&condition["types"]));
    for t in condition["types"].as_array().unwrap() {
        let got = record["types"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == t["name"])
            .unwrap();
        assert_eq!(
            names(&got["causes"]),
            names(&t["causes"]),
            "causes of {}",
            t["name"]
        );
    }
    assert_eq!(
        names(&record["general_causes"]),
        names(&condition["general_causes"])
    );
    assert_eq!(names(&record["symptoms"]), names(&condition["symptoms"]));
    assert_eq!(names(&record["treatments"]), names(&condition["treatments"]));
    for t in record["treatments"].as_array().unwrap() {
        let reviewed = condition["treatments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == t["name"])
            .unwrap();
        assert_eq!(t["kind"], reviewed["kind"]);
    }

    // Provenance for every fact, and every quote verbatim.
    assert_quotes_verbatim(&db);
    for table in [
        "type_cause",
        "condition_cause",
        "condition_symptom",
        "condition_treatment",
        "condition_source",
        "type_source",
    ] {
        let missing = count(
            &db,
            &format!(
                "SELECT count(*) FROM {table} f LEFT JOIN quote q ON q.id = f.quote_id WHERE q.id IS NULL"
            ),
        );
        assert_eq!(missing, 0, "{table} rows without a quote");
    }
    let check = sqlite3(&db, "PRAGMA integrity_check; PRAGMA foreign_key_check;");
    assert_eq!(check.trim(), "ok");
}

#[test]
fn seeding_twice_changes_nothing_and_says_so() {
    let (_dir, db) = migrated();
    kb(&db).arg("seed").arg(seeds_dir()).assert().success();
    let before_dump = dump(&db);
    let before_bytes = std::fs::read(&db).unwrap();
    kb(&db)
        .arg("seed")
        .arg(seeds_dir())
        .assert()
        .success()
        .stderr(contains("nothing to do"));
    assert_eq!(dump(&db), before_dump);
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before_bytes,
        "a no-op seed must not write"
    );
}

#[test]
fn seed_requires_a_migrated_database() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("missing.sqlite3");
    kb(&db)
        .arg("seed")
        .arg(seeds_dir())
        .assert()
        .code(65)
        // What a newcomer needs: init creates, migrates and seeds.
        .stderr(contains("`kb init` creates"));
    assert!(!db.exists(), "seed must not create the database");
}

/// A document without a reviewed seed file is extracted; editing it
/// re-seeds what changed and retracts what is gone.
#[test]
fn edited_document_retracts_facts_that_are_gone() {
    let (dir, db) = migrated();
    let seeds = dir.path().join("seeds");
    std::fs::create_dir(&seeds).unwrap();
    let text = std::fs::read_to_string(seeds_dir().join("calcinosis-cutis.txt")).unwrap();
    std::fs::write(seeds.join("calcinosis-cutis.txt"), &text).unwrap();
    kb(&db).arg("seed").arg(&seeds).assert().success();
    let has = |db: &Path, name: &str| {
        count(
            db,
            &format!("SELECT count(*) FROM condition_causes WHERE cause_name LIKE '%{name}%'"),
        ) > 0
    };
    assert!(
        has(&db, "sarcoidosis"),
        "extraction should find the sarcoidosis bullet"
    );
    let facts_before = count(&db, "SELECT count(*) FROM facts");

    let edited: String = text
        .lines()
        .filter(|l| !l.contains("sarcoidosis"))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(seeds.join("calcinosis-cutis.txt"), edited).unwrap();
    let out = kb(&db)
        .args(["seed", "--format", "json"])
        .arg(&seeds)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["changed"], true);
    assert!(summary["tables"]["type_cause"]["removed"].as_u64().unwrap() >= 1);
    assert!(summary["tables"]["document"]["updated"].as_u64().unwrap() == 1);
    assert!(!has(&db, "sarcoidosis"), "the retracted cause must be gone");
    assert_eq!(
        count(&db, "SELECT count(*) FROM cause WHERE name LIKE '%sarcoidosis%'"),
        0
    );
    assert_eq!(count(&db, "SELECT count(*) FROM facts"), facts_before - 1);
    assert_quotes_verbatim(&db);
}

/// A reviewed seed file survives an edit of its document: quotes move to
/// where their text now stands, facts whose text is gone are retracted and
/// named, and the rest of the review is kept.
#[test]
fn edited_reviewed_document_keeps_the_review() {
    let (dir, db) = migrated();
    let seeds = dir.path().join("seeds");
    std::fs::create_dir(&seeds).unwrap();
    for f in ["calcinosis-cutis.txt", "calcinosis-cutis.json"] {
        std::fs::copy(seeds_dir().join(f), seeds.join(f)).unwrap();
    }
    kb(&db).arg("seed").arg(&seeds).assert().success();
    let facts_before = count(&db, "SELECT count(*) FROM facts");
    let reviewed_symptoms = count(&db, "SELECT count(*) FROM condition_symptom");
    assert!(count(&db, "SELECT count(*) FROM cause WHERE name = 'sarcoidosis'") == 1);

    // A new first paragraph shifts every offset; one cause line goes.
    let text = std::fs::read_to_string(seeds.join("calcinosis-cutis.txt")).unwrap();
    let kept: Vec<&str> = text.lines().filter(|l| !l.contains("sarcoidosis")).collect();
    assert_eq!(kept.len() + 1, text.lines().count(), "one line names sarcoidosis");
    let edited = format!("Reviewed again in 2026 .\n\n{}\n", kept.join("\n"));
    std::fs::write(seeds.join("calcinosis-cutis.txt"), edited).unwrap();
    let out = kb(&db)
        .args(["seed", "--format", "json"])
        .arg(&seeds)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("changed since review"), "{stderr}");
    assert!(
        stderr.contains("sarcoidosis"),
        "the dropped fact is named: {stderr}"
    );
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["changed"], true);
    assert_eq!(summary["notices"].as_array().unwrap().len(), 1);

    assert_eq!(
        count(&db, "SELECT count(*) FROM cause WHERE name = 'sarcoidosis'"),
        0
    );
    assert_eq!(count(&db, "SELECT count(*) FROM facts"), facts_before - 1);
    assert_eq!(
        count(&db, "SELECT count(*) FROM condition_symptom"),
        reviewed_symptoms
    );
    assert_quotes_verbatim(&db);

    // The re-anchored review is stable: a second run changes nothing.
    let before = dump(&db);
    kb(&db)
        .arg("seed")
        .arg(&seeds)
        .assert()
        .success()
        .stderr(contains("nothing to do"));
    assert_eq!(dump(&db), before);
}

/// Re-anchoring follows the document, not the nearest copy of the words:
/// a quoted word that now also stands in new text before its place stays
/// with its own sentence, and one that left its sentence is retracted even
/// though the same word stands elsewhere ("ulcerate" is also a surgery
/// indication).
#[test]
fn re_anchoring_keeps_each_quote_with_its_own_sentence() {
    let original = std::fs::read_to_string(seeds_dir().join("calcinosis-cutis.txt")).unwrap();
    let json = std::fs::read_to_string(seeds_dir().join("calcinosis-cutis.json")).unwrap();
    let ulceration = "SELECT q.start_byte FROM condition_symptom f JOIN symptom s ON s.id = f.symptom_id \
                      JOIN quote q ON q.id = f.quote_id WHERE s.name = 'ulceration'";
    let seed_with = |text: &str| {
        let (dir, db) = migrated();
        let seeds = dir.path().join("seeds");
        std::fs::create_dir(&seeds).unwrap();
        std::fs::write(seeds.join("calcinosis-cutis.txt"), text).unwrap();
        std::fs::write(seeds.join("calcinosis-cutis.json"), &json).unwrap();
        let out = kb(&db).arg("seed").arg(&seeds).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert_quotes_verbatim(&db);
        (dir, db, String::from_utf8_lossy(&out.stderr).into_owned())
    };

    // New words before the symptoms, one of them the quoted "ulcerate".
    let at = original.find("WHAT ARE THE SIGNS").unwrap();
    let inserted = format!(
        "{}Old scars rarely ulcerate , the author adds .\n\n{}",
        &original[..at],
        &original[at..]
    );
    let (_dir, db, _) = seed_with(&inserted);
    let own = inserted.find("and ulcerate").unwrap() + "and ".len();
    assert_eq!(sql(&db, ulceration)[0][0].as_u64(), Some(own as u64));

    // The word leaves its sentence; it still stands in a surgery bullet.
    let sentence = original.find("and ulcerate ,").unwrap();
    let gone = format!(
        "{}and ulcer ,{}",
        &original[..sentence],
        &original[sentence + "and ulcerate ,".len()..]
    );
    assert!(gone.contains("ulcerate and recurrent infections"));
    let (_dir, db, stderr) = seed_with(&gone);
    assert!(
        sql(&db, ulceration).is_empty(),
        "retracted, not moved to the bullet"
    );
    assert!(
        stderr.contains("ulceration"),
        "the dropped fact is named: {stderr}"
    );
}

/// Documents the seed folder no longer has are reported, kept, and removed
/// only with --prune, taking their facts and orphaned entities with them.
#[test]
fn absent_documents_are_kept_until_pruned() {
    let (dir, db) = migrated();
    let seeds = dir.path().join("seeds");
    std::fs::create_dir(&seeds).unwrap();
    let fixtures = common::crate_dir().join("tests/fixtures/shared");
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, seeds.join(path.file_name().unwrap())).unwrap();
    }
    kb(&db).arg("seed").arg(&seeds).assert().success();
    let documents = count(&db, "SELECT count(*) FROM document");
    assert!(documents >= 2, "the fixtures hold several documents");
    let gone = sql(&db, "SELECT slug FROM document ORDER BY slug LIMIT 1")[0][0]
        .as_str()
        .unwrap()
        .to_owned();
    for ext in ["txt", "json"] {
        let _ = std::fs::remove_file(seeds.join(format!("{gone}.{ext}")));
    }

    let before = dump(&db);
    let out = kb(&db).arg("seed").arg(&seeds).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("kept 1 document(s) not in") && stderr.contains(&gone) && stderr.contains("--prune"),
        "{stderr}"
    );
    assert_eq!(dump(&db), before, "without --prune nothing is removed");

    let out = kb(&db)
        .args(["seed", "--prune", "--format", "json"])
        .arg(&seeds)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["absent"], serde_json::json!([gone]));
    assert_eq!(summary["tables"]["document"]["removed"], 1);
    assert_eq!(count(&db, "SELECT count(*) FROM document"), documents - 1);
    assert_eq!(
        count(&db, &format!("SELECT count(*) FROM quote q JOIN document d ON d.id = q.document_id WHERE d.slug = '{gone}'")),
        0
    );
    // No entity is left that no remaining fact refers to.
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM cause c WHERE NOT EXISTS (SELECT 1 FROM type_cause f WHERE f.cause_id = c.id) \
             AND NOT EXISTS (SELECT 1 FROM condition_cause f WHERE f.cause_id = c.id)"
        ),
        0
    );
    let check = sqlite3(&db, "PRAGMA integrity_check; PRAGMA foreign_key_check;");
    assert_eq!(check.trim(), "ok");
}

/// Each broken input is refused with its path (and line where there is
/// one), a user-error exit code, and no change to the database.
#[test]
fn broken_inputs_are_refused_and_nothing_is_written() {
    let good_json = std::fs::read_to_string(seeds_dir().join("calcinosis-cutis.json")).unwrap();
    let good_text = std::fs::read_to_string(seeds_dir().join("calcinosis-cutis.txt")).unwrap();
    let quote_start = good_json.find("\"start\": 37").expect("seed file layout");
    // (case, files of its seed folder, expected words in the message)
    type Case<'a> = (&'a str, Vec<(&'a str, Vec<u8>)>, &'a str);
    let cases: Vec<Case> = vec![
        (
            "bad json syntax",
            vec![
                ("calcinosis-cutis.txt", good_text.clone().into_bytes()),
                (
                    "calcinosis-cutis.json",
                    good_json
                        .replacen("\"format\": 1,", "\"format\": 1", 1)
                        .into_bytes(),
                ),
            ],
            "calcinosis-cutis.json:3:",
        ),
        (
            "missing field",
            vec![
                ("calcinosis-cutis.txt", good_text.clone().into_bytes()),
                (
                    "calcinosis-cutis.json",
                    good_json
                        .replacen("\"name\": \"calcinosis cutis\",", "", 1)
                        .into_bytes(),
                ),
            ],
            "missing field `name`",
        ),
        (
            "unknown field",
            vec![
                ("calcinosis-cutis.txt", good_text.clone().into_bytes()),
                (
                    "calcinosis-cutis.json",
                    good_json
                        .replacen("\"format\": 1,", "\"format\": 1, \"colour\": 2,", 1)
                        .into_bytes(),
                ),
            ],
            "unknown field `colour`",
        ),
        (
            "dangling document reference",
            vec![("calcinosis-cutis.json", good_json.clone().into_bytes())],
            "is not in",
        ),
        (
            "wrong quote",
            vec![
                ("calcinosis-cutis.txt", good_text.clone().into_bytes()),
                (
                    "calcinosis-cutis.json",
                    good_json
                        .replacen("\"text\": \"trauma\"", "\"text\": \"drama!\"", 1)
                        .into_bytes(),
                ),
            ],
            "does not match the document",
        ),
        (
            "quote out of range",
            vec![
                ("calcinosis-cutis.txt", good_text.clone().into_bytes()),
                (
                    "calcinosis-cutis.json",
                    format!(
                        "{}\"start\": 37,\n        \"end\": 99999{}",
                        &good_json[..quote_start],
                        {
                            let rest = &good_json[quote_start..];
                            let end = rest.find("\"end\": 53").unwrap() + "\"end\": 53".len();
                            rest[end..].to_owned()
                        }
                    )
                    .into_bytes(),
                ),
            ],
            "out of range",
        ),
        (
            "edited document that no longer names the condition as reviewed",
            vec![
                (
                    "calcinosis-cutis.txt",
                    good_text
                        .replace("CALCINOSIS CUTIS", "Calcinosis Cutis")
                        .into_bytes(),
                ),
                ("calcinosis-cutis.json", good_json.clone().into_bytes()),
            ],
            "no longer names condition 'calcinosis cutis'",
        ),
        (
            "empty document",
            vec![("empty.txt", Vec::new())],
            "empty.txt: the document is empty",
        ),
        (
            "empty seed file",
            vec![("empty.json", b"  \n".to_vec())],
            "empty.json: the seed file is empty",
        ),
        (
            "binary garbage",
            vec![(
                "garbage.txt",
                (0..4096u32)
                    .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
                    .collect(),
            )],
            "garbage.txt",
        ),
        (
            "huge file",
            vec![("huge.txt", vec![b'a'; 5 * 1024 * 1024])],
            "the limit is",
        ),
        (
            "newer seed format",
            vec![
                ("calcinosis-cutis.txt", good_text.clone().into_bytes()),
                (
                    "calcinosis-cutis.json",
                    good_json
                        .replacen("\"format\": 1,", "\"format\": 7,", 1)
                        .into_bytes(),
                ),
            ],
            "seed format 7 is not supported",
        ),
        (
            "bad vocabulary",
            vec![
                ("calcinosis-cutis.txt", good_text.clone().into_bytes()),
                ("vocabulary.toml", b"[corrections\nfoo = 1\n".to_vec()),
            ],
            "vocabulary.toml:1",
        ),
    ];

    let (dir, db) = migrated();
    // Start from a seeded database so "unchanged" is a real state to keep.
    kb(&db).arg("seed").arg(seeds_dir()).assert().success();
    let before = std::fs::read(&db).unwrap();
    for (name, files, expected) in cases {
        let case_dir = dir.path().join(name.replace(' ', "-"));
        std::fs::create_dir(&case_dir).unwrap();
        for (file, bytes) in files {
            std::fs::write(case_dir.join(file), bytes).unwrap();
        }
        let out = kb(&db).arg("seed").arg(&case_dir).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(65), "{name}: {stderr}");
        assert!(
            stderr.contains(expected),
            "{name}: expected {expected:?} in {stderr}"
        );
        assert!(
            stderr.contains(&case_dir.display().to_string()),
            "{name}: message must name the file: {stderr}"
        );
        assert_eq!(
            std::fs::read(&db).unwrap(),
            before,
            "{name}: the database must be unchanged"
        );
    }
}

/// kill -9 in the middle of a seed leaves the old state or the new one,
/// never a mixture, and a database that passes integrity_check.
#[test]
fn killing_a_seed_midway_leaves_old_or_new_state() {
    let (dir, db) = migrated();
    // Many documents make the write phase long enough to be interrupted.
    let big = dir.path().join("big");
    std::fs::create_dir(&big).unwrap();
    let json = std::fs::read_to_string(seeds_dir().join("calcinosis-cutis.json")).unwrap();
    let text = std::fs::read(seeds_dir().join("calcinosis-cutis.txt")).unwrap();
    let docs = 300;
    for i in 0..docs {
        std::fs::write(big.join(format!("doc-{i:04}.txt")), &text).unwrap();
        let renamed = json.replacen(
            "\"path\": \"calcinosis-cutis.txt\"",
            &format!("\"path\": \"doc-{i:04}.txt\""),
            1,
        );
        std::fs::write(big.join(format!("doc-{i:04}.json")), renamed).unwrap();
    }
    kb(&db).arg("seed").arg(seeds_dir()).assert().success();
    let old = count(&db, "SELECT count(*) FROM document");
    assert_eq!(old, 1);

    // Time one whole run on a copy, to spread the kill points across it.
    let copy = dir.path().join("copy.sqlite3");
    std::fs::copy(&db, &copy).unwrap();
    let started = std::time::Instant::now();
    kb(&copy).arg("seed").arg(&big).assert().success();
    let full = started.elapsed();

    let bin = kb_path();
    // Random kill points, reproducible (see common::fault_rng).
    let mut rng = common::fault_rng();
    let mut seen_old = false;
    let mut seen_new = false;
    for trial in 0..32u32 {
        if trial >= 16 && seen_old && seen_new {
            break;
        }
        let mut child = StdCommand::new(&bin)
            .arg("--db")
            .arg(&db)
            .arg("seed")
            .arg(&big)
            .stderr(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Kill points from early in validation to past the commit; should a
        // loaded machine slow the runs so that none finished in the first
        // 16, later trials wait longer.
        let reach = if trial < 16 { 1.4 } else { 3.0 };
        std::thread::sleep(full.mul_f64(0.02 + rng.f64() * reach));
        let _ = child.kill();
        let _ = child.wait();

        let check = StdCommand::new("sqlite3")
            .arg(&db)
            .arg("PRAGMA integrity_check; PRAGMA foreign_key_check;")
            .output()
            .expect("sqlite3 CLI");
        assert_eq!(
            String::from_utf8_lossy(&check.stdout).trim(),
            "ok",
            "trial {trial}"
        );
        let n = count(&db, "SELECT count(*) FROM document");
        let facts = count(&db, "SELECT count(*) FROM facts");
        let per_doc = count(
            &db,
            "SELECT count(*) FROM facts WHERE document_id = (SELECT min(id) FROM document)",
        );
        assert_eq!(facts, per_doc * n, "trial {trial}: every document is complete");
        match n {
            1 => seen_old = true,
            n if n == docs + 1 => {
                seen_new = true;
                // Back to the old state for the next trial.
                // (No statement limit: a debug build on a loaded machine
                // takes seconds over this delete, and its time is no subject here.)
                kb(&db)
                    .args([
                        "sql",
                        "--write",
                        "--timeout",
                        "0",
                        "DELETE FROM document WHERE slug LIKE 'doc-%'",
                    ])
                    .assert()
                    .success();
            }
            other => panic!("trial {trial}: partial state with {other} documents"),
        }
    }
    assert!(seen_old, "no trial interrupted the seed; the test proves nothing");
    assert!(seen_new, "no trial let the seed finish; the kill points are off");
}

/// The README's add-an-article workflow: extract for review, seed, query.
#[test]
fn adding_an_article_extract_seed_query() {
    let (dir, db) = migrated();
    let seeds = dir.path().join("seeds");
    std::fs::create_dir(&seeds).unwrap();
    let article = "What causes foo rash ?\n\nFOO RASH :\n\nFoo rash , also known as bar itch , is common .\n\n\
WHAT ARE THE SIGNS AND SYMPTOMS OF FOO RASH ?\n\n  \u{2022} redness\n  \u{2022} scaling\n\n\
WHAT ARE THE CAUSES OF FOO RASH ?\n\n1. DRY FOO RASH :\n- cold weather\n- stress\n\n2. WET FOO RASH :\n- sweating\n- stress\n\n\
HOW TO TREAT FOO RASH ?\n\n  \u{2022} zinc cream\n\nComments\n";
    std::fs::write(seeds.join("foo-rash.txt"), article).unwrap();
    let out = seeds.join("foo-rash.json");
    kb(&db)
        .arg("extract")
        .arg(seeds.join("foo-rash.txt"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let extracted: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(extracted["conditions"][0]["name"], "foo rash");

    kb(&db).arg("seed").arg(&seeds).assert().success();
    let shown = kb(&db)
        .args(["show", "bar itch", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        shown.status.success(),
        "{}",
        String::from_utf8_lossy(&shown.stderr)
    );
    let record: Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(record["condition"], "foo rash");
    assert_eq!(record["types"].as_array().unwrap().len(), 2);
    let shared = kb(&db)
        .args(["shared-causes", "foo rash", "--format", "json"])
        .output()
        .unwrap();
    let shared: Value = serde_json::from_slice(&shared.stdout).unwrap();
    assert_eq!(shared[0]["cause"], "stress");
    assert_eq!(shared[0]["types"].as_array().unwrap().len(), 2);

    // A missing file for extract is a user error naming it.
    kb(&db)
        .arg("extract")
        .arg(seeds.join("nope.txt"))
        .assert()
        .code(65)
        .stderr(contains("nope.txt"));
}
