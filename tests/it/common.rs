//! Helpers the test modules share: the real `kb` binary run on temp files,
//! the crate's and the shared corpus's folders, databases in the usual
//! starting states, and the rule for a missing external tool.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// The crate's root, where `seeds/`, `tests/fixtures/` and `migrations/` are.
pub fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The article and reviewed seed file built into kb.
pub fn seeds_dir() -> PathBuf {
    crate_dir().join("seeds")
}

/// The shared corpus folder (`$KB_SHARED_DIR`, else `../shared`), checked to
/// hold `sub`: a test that needs the corpus fails without it rather than
/// passing having measured nothing.
pub fn shared(sub: &str) -> PathBuf {
    let root = std::env::var_os("KB_SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate_dir().join("../shared"));
    let dir = root.join(sub);
    assert!(
        dir.exists(),
        "{} is missing (set KB_SHARED_DIR to the shared folder)",
        dir.display()
    );
    dir
}

/// The path of the `kb` binary Cargo built for these tests, for tests that
/// spawn, kill or wait for it themselves.
pub fn kb_path() -> PathBuf {
    assert_cmd::cargo::cargo_bin("kb")
}

/// `kb` with none of the caller's settings: no `KB_DB`, no `COLUMNS`.
pub fn bin() -> Command {
    let mut cmd = Command::new(kb_path());
    cmd.env_remove("KB_DB").env_remove("COLUMNS");
    cmd
}

/// `kb --db DB`.
pub fn kb(db: &Path) -> Command {
    let mut cmd = bin();
    cmd.arg("--db").arg(db);
    cmd
}

/// The standard output of a command that must succeed.
pub fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The standard output of a successful `kb --db DB ARGS...`.
pub fn run(db: &Path, args: &[&str]) -> String {
    stdout(kb(db).args(args))
}

/// `kb sql QUERY --format json`: one object per row.
pub fn sql(db: &Path, query: &str) -> Vec<Value> {
    let out = run(db, &["sql", query, "--format", "json"]);
    if out.trim().is_empty() {
        return Vec::new();
    }
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("kb sql {query}: {e}\n{out}"))
}

/// Two text columns of each row, as pairs (a NULL or a number panics).
pub fn text_pairs(rows: &[Value], a: &str, b: &str) -> Vec<(String, String)> {
    rows.iter()
        .map(|r| {
            let text = |c: &str| r[c].as_str().unwrap_or_else(|| panic!("{c} in {r}")).to_owned();
            (text(a), text(b))
        })
        .collect()
}

/// A path for a database in a fresh temp dir; nothing created yet.
pub fn fresh() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("kb.sqlite3");
    (dir, db)
}

/// A migrated, empty database in a fresh temp dir.
pub fn migrated() -> (TempDir, PathBuf) {
    let (dir, db) = fresh();
    kb(&db).arg("migrate").assert().success();
    (dir, db)
}

/// A database made by `kb init` from copies of the files in these folders of
/// the crate (e.g. `seeds`, `tests/fixtures/shared`), gathered in one folder
/// of the temp dir, `articles/`.
pub fn init_with(folders: &[&str]) -> (TempDir, PathBuf) {
    let (dir, db) = fresh();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    for folder in folders {
        for entry in std::fs::read_dir(crate_dir().join(folder)).unwrap() {
            let p = entry.unwrap().path();
            if p.is_file() {
                std::fs::copy(&p, articles.join(p.file_name().unwrap())).unwrap();
            }
        }
    }
    run(&db, &["init", articles.to_str().unwrap()]);
    (dir, db)
}

/// An external tool a test runs (Datasette, Graphviz, Node...) is missing:
/// a failure under `CI=true`, where `.ci/run` installs it, else a skip
/// with a message. Returns so the caller can skip its check.
pub fn missing_tool(what: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{what} is missing; .ci/run installs it");
    }
    eprintln!("{what} is missing: check skipped");
}

/// The `sqlite3` shell's output for one command or statement on DB.
pub fn sqlite3(db: &Path, command: &str) -> String {
    let out = std::process::Command::new("sqlite3")
        .arg(db)
        .arg(command)
        .output()
        .expect("the sqlite3 CLI is needed for this test (CI installs it)");
    assert!(
        out.status.success(),
        "sqlite3 failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A generator for random fault-injection points, from `KB_FAULT_SEED` when
/// set (to replay a failure) or else the clock; the seed is printed so any
/// failing run can be replayed.
pub fn fault_rng() -> fastrand::Rng {
    let seed = std::env::var("KB_FAULT_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_secs()
        });
    eprintln!("kill points from KB_FAULT_SEED={seed}");
    fastrand::Rng::with_seed(seed)
}

/// Every row of the tables a seed writes, sorted, by table: the tables
/// `SELECT name FROM sqlite_schema WHERE type = 'table' AND (where_sql)`
/// names, each read through the columns `columns` gives for it. For tests
/// that compare two ways of seeding the same rows.
pub fn table_rows(
    db: &Path,
    where_sql: &str,
    columns: impl Fn(&str) -> &'static str,
) -> Vec<(String, Vec<String>)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let tables: Vec<String> = conn
        .prepare(&format!(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND ({where_sql}) ORDER BY name"
        ))
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(tables.len() > 10, "{tables:?}");
    tables
        .into_iter()
        .map(|t| {
            let cols = columns(&t);
            let mut stmt = conn.prepare(&format!("SELECT {cols} FROM \"{t}\"")).unwrap();
            let n = stmt.column_count();
            let mut rows: Vec<String> = stmt
                .query_map([], |r| {
                    Ok((0..n)
                        .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                        .collect::<Vec<_>>()
                        .join("|"))
                })
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            rows.sort();
            (t, rows)
        })
        .collect()
}

/// Migrate `db` and seed it from `dir` through the library.
pub fn seed_through_library(db: &Path, dir: &Path) {
    let mut kb = kb::Kb::open(db).unwrap();
    kb.migrate().unwrap();
    kb.seed(&kb::Source::from_dir(dir).unwrap()).unwrap();
}

/// Write a document as `dir/stem.txt` beside its reviewed seed file
/// `dir/stem.json` (`truth`, pointed at the document).
pub fn write_reviewed(dir: &Path, stem: &str, text: &str, mut truth: Value) {
    truth["document"]["path"] = format!("{stem}.txt").into();
    std::fs::write(dir.join(format!("{stem}.txt")), text).unwrap();
    std::fs::write(
        dir.join(format!("{stem}.json")),
        serde_json::to_string_pretty(&truth).unwrap(),
    )
    .unwrap();
}
