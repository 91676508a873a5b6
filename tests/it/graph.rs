//! `kb graph` end to end: the Mermaid output parses with Mermaid's own
//! parser and the DOT output renders with Graphviz.
//!
//! Node (with tests/mermaid's packages) and Graphviz are installed by
//! `.ci/run`; elsewhere a missing tool skips its check with a message, but
//! under `CI=true` it fails the test.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};

use tempfile::TempDir;

use crate::common::{crate_dir, init_with, kb, missing_tool, run};

/// The built-in article and the fixtures sharing causes.
fn seeded() -> (TempDir, PathBuf) {
    init_with(&["seeds", "tests/fixtures/shared", "tests/fixtures/queries"])
}

fn graph(db: &Path, args: &[&str]) -> String {
    run(db, &[&["graph"], args].concat())
}

/// Run `program args` with `input` on standard input: (success, stdout, stderr).
fn pipe(program: &str, args: &[&str], input: &str) -> Option<(bool, String, String)> {
    let mut child = Process::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    Some((
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    ))
}

/// Mermaid's parser accepts the text: Some(()) if checked, None if skipped.
fn mermaid_parses(text: &str) -> Option<()> {
    let dir = crate_dir().join("tests/mermaid");
    if !dir.join("node_modules/mermaid").exists() {
        missing_tool("tests/mermaid/node_modules (npm install --prefix tests/mermaid)");
        return None;
    }
    let script = dir.join("check.mjs");
    let Some((ok, out, err)) = pipe("node", &[script.to_str().unwrap()], text) else {
        missing_tool("node");
        return None;
    };
    assert!(ok, "Mermaid refused:\n{err}\n{text}");
    assert_eq!(out.trim(), "flowchart-v2", "{text}");
    Some(())
}

#[test]
fn a_condition_graph_in_mermaid_parses_and_names_everything() {
    let (_dir, db) = seeded();
    let text = graph(&db, &["calcinosis-cutis", "--format", "mermaid"]);
    for name in [
        "calcinosis cutis",
        "dystrophic calcinosis cutis",
        "iatrogenic calcinosis cutis",
        "repeated heel sticks in newborns",
    ] {
        assert!(text.contains(&format!("\"{name}\"")), "{name}:\n{text}");
    }
    mermaid_parses(&text);
    // Shared causes are set apart in their own group.
    let text = graph(&db, &["contact rash"]);
    let group = text
        .split("subgraph shared_causes")
        .nth(1)
        .unwrap_or_else(|| panic!("{text}"));
    let group = group.split("\n    end").next().unwrap();
    assert!(
        group.contains("\"stress\"") && !group.contains("\"nickel\""),
        "{text}"
    );
    mermaid_parses(&text);
}

#[test]
fn conditions_linked_by_shared_causes_are_capped() {
    let (_dir, db) = seeded();
    let all = graph(&db, &[]);
    assert!(all.contains("friction"), "{all}");
    mermaid_parses(&all);
    assert_eq!(all.matches("---|").count(), 3, "three pairs share causes: {all}");
    // The pair sharing most is kept.
    let capped = graph(&db, &["--limit", "1"]);
    assert_eq!(capped.matches("---|").count(), 1, "{capped}");
    assert!(
        capped.contains("\"friction, hot weather, tight clothing\""),
        "{capped}"
    );
    assert!(capped.contains("2 more pair(s)"), "{capped}");
    mermaid_parses(&capped);
}

#[test]
fn dot_output_renders_with_graphviz() {
    let (_dir, db) = seeded();
    for args in [&["calcinosis-cutis", "--format", "dot"][..], &["--format", "dot"]] {
        let text = graph(&db, args);
        assert!(text.starts_with("digraph kb {"), "{text}");
        let Some((ok, svg, err)) = pipe("dot", &["-Tsvg"], &text) else {
            missing_tool("graphviz (dot)");
            return;
        };
        assert!(ok && err.is_empty(), "dot: {err}\n{text}");
        assert!(
            svg.contains("<svg") && (svg.contains("calcinosis cutis") || svg.contains("friction")),
            "{svg}"
        );
    }
}

#[test]
fn an_unknown_condition_is_a_user_error() {
    let (_dir, db) = seeded();
    kb(&db)
        .args(["graph", "calcinosis cutiss"])
        .assert()
        .code(65)
        .stderr(predicates::str::contains("did you mean"));
}
