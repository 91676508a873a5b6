//! Issue 11, failure 10: a WAL database in a read-only directory was refused
//! by `kb show` and `migrate --status`, though the README says `--status`
//! works on read-only files. File modes do not stop root (CI runs as root),
//! so there the commands run as the unprivileged user `nobody` (setpriv,
//! from util-linux); any other user runs them directly.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use tempfile::TempDir;

use crate::common::{kb_path, seeds_dir};

fn as_reader(kb: &Path, db: &Path, args: &[&str]) -> std::process::Output {
    let root = unsafe { libc::geteuid() } == 0;
    let mut cmd = if root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(kb);
        c
    } else {
        Command::new(kb)
    };
    cmd.env_remove("KB_DB").arg("--db").arg(db).args(args);
    cmd.output()
        .expect("setpriv (util-linux) runs the reader as nobody")
}

#[test]
fn a_wal_database_in_a_read_only_directory_answers() {
    let dir = TempDir::new().unwrap();
    let kb = kb_path();
    // The binary must be reachable by nobody.
    assert!(
        kb.metadata().unwrap().permissions().mode() & 0o001 != 0,
        "kb is not executable by others"
    );
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    let db = ro.join("kb.sqlite3");
    let status = Command::new(&kb)
        .env_remove("KB_DB")
        .arg("--db")
        .arg(&db)
        .arg("init")
        .arg(seeds_dir())
        .output()
        .unwrap();
    assert!(status.status.success());
    // Leave only the database file, as a copy to read-only media would.
    for side in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{side}", db.display()));
    }
    let header = std::fs::read(&db).unwrap();
    assert_eq!((header[18], header[19]), (2, 2), "kb creates WAL databases");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    for args in [
        &["show", "calcinosis-cutis"][..],
        &["migrate", "--status"],
        &["search", "calcium"],
    ] {
        let out = as_reader(&kb, &db, args);
        assert!(
            out.status.success(),
            "kb {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.is_empty());
    }
    // Nothing could be written there.
    let left: Vec<_> = std::fs::read_dir(&ro)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["kb.sqlite3"]);
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
}
