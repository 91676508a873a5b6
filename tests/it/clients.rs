//! The database as other tools see it: Datasette and sqlite-utils (the real
//! programs, when installed), and the schema conventions they rely on.
//!
//! The tools are Python programs that `.ci/run` installs with pip. Where one
//! is missing the test is skipped with a message, except under `CI=true`,
//! where a missing tool fails the test: CI must really run them.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;

use crate::common::{crate_dir, init_with, missing_tool, run};

const FACT_TABLES: [&str; 8] = [
    "condition_source",
    "type_source",
    "type_cause",
    "condition_cause",
    "condition_symptom",
    "condition_treatment",
    "treatment_note",
    "alias",
];

/// A database seeded with the built-in article and the shared-cause fixtures.
fn seeded() -> (TempDir, PathBuf) {
    init_with(&["seeds", "tests/fixtures/shared"])
}

fn open(db: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(db).unwrap()
}

/// The program, if it runs; else a skip message (a failure under CI=true).
fn tool(name: &str) -> Option<&str> {
    let runs = Command::new(name)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if runs {
        return Some(name);
    }
    missing_tool(&format!("{name} (pip install -r .ci/requirements.txt)"));
    None
}

#[test]
fn full_text_tables_are_declared_as_datasette_and_sqlite_utils_look_for_them() {
    let (_dir, db) = seeded();
    let conn = open(&db);
    // The very query both tools run to find a table's FTS index.
    for (table, fts) in [("quote", "quote_search"), ("document", "document_search")] {
        let found: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE rootpage = 0 \
                 AND (sql LIKE ?1 OR sql LIKE ?2 OR (tbl_name = ?3 AND sql LIKE '%VIRTUAL TABLE%USING FTS%'))",
            )
            .unwrap()
            .query_map(
                [
                    format!("%VIRTUAL TABLE%USING FTS%content=\"{table}\"%"),
                    format!("%VIRTUAL TABLE%USING FTS%content=[{table}]%"),
                    table.to_owned(),
                ],
                |r| r.get(0),
            )
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(found, [fts], "{table}");
    }
}

#[test]
fn every_quote_id_has_a_single_column_foreign_key() {
    let (_dir, db) = seeded();
    let conn = open(&db);
    for table in FACT_TABLES {
        // (id, seq, table, from, to): tools follow keys with one column only.
        let keys: Vec<(i64, String, String, String)> = conn
            .prepare(&format!("PRAGMA foreign_key_list({table})"))
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(2)?, r.get(3)?, r.get(4)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let single = keys.iter().any(|(id, to_table, from, to)| {
            to_table == "quote"
                && from == "quote_id"
                && to == "id"
                && keys.iter().filter(|k| k.0 == *id).count() == 1
        });
        assert!(single, "{table}: {keys:?}");
    }
}

#[test]
fn list_columns_in_views_are_ordered_json_arrays() {
    let (_dir, db) = seeded();
    let conn = open(&db);
    let mut checked = 0;
    for sql in [
        "SELECT types FROM shared_causes_across_types",
        "SELECT conditions FROM shared_causes",
        "SELECT conditions FROM shared_symptoms",
        "SELECT conditions FROM shared_treatments",
    ] {
        let lists: Vec<String> = conn
            .prepare(sql)
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(!lists.is_empty(), "{sql}: the fixtures share something");
        for list in lists {
            let names: Vec<String> =
                serde_json::from_str(&list).unwrap_or_else(|e| panic!("{sql}: {list}: {e}"));
            let mut sorted = names.clone();
            sorted.sort();
            assert!(names.len() >= 2 && names == sorted, "{sql}: {list}");
            checked += 1;
        }
    }
    assert!(checked >= 4);
    let notes: Vec<String> = conn
        .prepare("SELECT notes FROM condition_treatments")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(notes.iter().any(|n| n != "[]"), "some treatment has notes");
    for n in notes {
        let v: Value = serde_json::from_str(&n).unwrap();
        assert!(v
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["kind"].is_string() && o["text"].is_string()));
    }
}

#[test]
fn sqlite_utils_searches_quotes_and_documents() {
    let Some(tool) = tool("sqlite-utils") else { return };
    let (_dir, db) = seeded();
    for (table, word, column) in [("quote", "heel", "text"), ("document", "calcium", "body")] {
        let out = Command::new(tool)
            .arg("search")
            .arg(&db)
            .arg(table)
            .arg(word)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
        let rows = rows.as_array().unwrap();
        assert!(!rows.is_empty(), "sqlite-utils search {table} {word}");
        for r in rows {
            assert!(r[column].as_str().unwrap().to_lowercase().contains(word), "{r}");
        }
    }
}

/// A child process killed when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// GET over plain HTTP/1.0 (no chunked replies): (status, body).
fn get(port: u16, path: &str) -> std::io::Result<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")?;
    let mut reply = String::new();
    s.read_to_string(&mut reply)?;
    let status = reply
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = reply
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    Ok((status, body))
}

fn get_json(port: u16, path: &str) -> Value {
    let (status, body) = get(port, path).unwrap();
    assert_eq!(status, 200, "{path}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}: {body}"))
}

#[test]
fn datasette_searches_runs_canned_queries_and_labels_foreign_keys() {
    let Some(tool) = tool("datasette") else { return };
    let (dir, db) = seeded();
    let metadata = dir.path().join("metadata.json");
    std::fs::write(&metadata, run(&db, &["datasette-metadata"])).unwrap();
    // A free loopback port: bind one, let it go, hand it to Datasette.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let _server = Server(
        Command::new(tool)
            .arg("serve")
            .arg(&db)
            .args(["-h", "127.0.0.1", "-p", &port.to_string(), "-m"])
            .arg(&metadata)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let started = Instant::now();
    while get(port, "/-/versions.json").is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "datasette did not start"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let conn = open(&db);
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };

    // _search uses quote_search: only matching quotes, not every row.
    let hits = get_json(port, "/kb/quote.json?_search=heel&_shape=array");
    let hits = hits.as_array().unwrap();
    assert!(!hits.is_empty() && (hits.len() as i64) < count("SELECT count(*) FROM quote"));
    for h in hits {
        assert!(h["text"].as_str().unwrap().to_lowercase().contains("heel"), "{h}");
    }
    let docs = get_json(port, "/kb/document.json?_search=calcium&_shape=array&_col=slug");
    assert_eq!(docs[0]["slug"], "calcinosis-cutis", "{docs}");

    // A canned query from the shipped metadata.
    let shared = get_json(
        port,
        "/kb/shared_causes_across_types.json?condition=contact+rash&_shape=array",
    );
    let stress = shared
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["cause_name"] == "stress")
        .unwrap_or_else(|| panic!("{shared}"));
    let types: Vec<String> = serde_json::from_str(stress["types"].as_str().unwrap()).unwrap();
    assert_eq!(types, ["allergic contact rash", "irritant contact rash"]);
    let sharing = get_json(
        port,
        "/kb/conditions_sharing_a_cause.json?cause=friction&_shape=array",
    );
    assert_eq!(sharing.as_array().unwrap().len(), 1, "{sharing}");

    // quote_id is a link labelled with the quote's text.
    let rows = get_json(port, "/kb/type_cause.json?_labels=on&_shape=array&_size=3");
    for r in rows.as_array().unwrap() {
        let id = r["quote_id"]["value"].as_i64().unwrap_or_else(|| panic!("{r}"));
        let text: String = conn
            .query_row("SELECT text FROM quote WHERE id = ?1", [id], |r| r.get(0))
            .unwrap();
        assert_eq!(r["quote_id"]["label"], text.as_str(), "{r}");
        assert!(r["cause_id"]["label"].is_string(), "{r}");
    }
}

/// docs/seed.schema.json, read by a JSON Schema validator (Python's
/// jsonschema), accepts every seed file kb ships and a quote given by its
/// text alone, and rejects what kb refuses.
#[test]
fn the_seed_schema_describes_the_seed_files() {
    let Some(python) = tool("python3") else { return };
    let check = "import json, sys\n\
        try:\n    import jsonschema\n\
        except ImportError:\n    print('missing'); sys.exit(3)\n\
        schema = json.load(open(sys.argv[1]))\n\
        jsonschema.Draft202012Validator.check_schema(schema)\n\
        v = jsonschema.Draft202012Validator(schema)\n\
        for path in sys.argv[2:]:\n    errors = list(v.iter_errors(json.load(open(path))))\n    print(path, 'ok' if not errors else 'invalid: ' + errors[0].message)\n";
    let dir = TempDir::new().unwrap();
    let mut seed: Value = serde_json::from_str(
        &std::fs::read_to_string(crate_dir().join("seeds/calcinosis-cutis.json")).unwrap(),
    )
    .unwrap();
    seed["conditions"][0]["symptoms"][0]["quote"] = serde_json::json!({"text": "often symptomless"});
    let text_only = dir.path().join("text-only.json");
    std::fs::write(&text_only, seed.to_string()).unwrap();
    seed["conditions"][0]["symptoms"][0]["quote"]["line"] = 3.into();
    let unknown = dir.path().join("unknown-field.json");
    std::fs::write(&unknown, seed.to_string()).unwrap();
    let mut files = vec![text_only.clone(), unknown.clone()];
    for d in ["seeds", "tests/fixtures/shared", "tests/fixtures/queries"] {
        for e in std::fs::read_dir(crate_dir().join(d)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "json") {
                files.push(p);
            }
        }
    }
    let out = Command::new(python)
        .args(["-c", check])
        .arg(crate_dir().join("docs/seed.schema.json"))
        .args(&files)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    if out.status.code() == Some(3) {
        missing_tool("Python's jsonschema (pip install -r .ci/requirements.txt)");
        return;
    }
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for f in &files {
        let line = said
            .lines()
            .find(|l| l.starts_with(&*f.to_string_lossy()))
            .unwrap_or_else(|| panic!("{said}"));
        let ok = line.ends_with(" ok");
        assert_eq!(ok, *f != unknown, "{line}");
    }
    assert!(files.len() >= 5, "{files:?}");
}
