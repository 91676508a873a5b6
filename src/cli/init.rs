//! `kb init`: migrate and seed in one step, then show what is there.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kb::Kb;

use super::{output, Format};

#[derive(clap::Args)]
pub struct Args {
    /// Seed folder [default: ./seeds if it exists, else the seeds built into kb]
    dir: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(db: &Path, args: Args) -> kb::Result<ExitCode> {
    let source = super::seed::source(args.dir.as_deref(), false)?;
    if kb::db_exists(db) {
        migrate_and_seed(db, db, &source)?;
    } else {
        // A new database is built under a temporary name beside it and
        // given its name only once seeded, so a failed init (a bad seed
        // file) leaves nothing behind, and each document is read once (it
        // used to be read, extracted and validated in a first pass, then
        // all over again by the seed).
        let building = building_name(db);
        let built = migrate_and_seed(&building, db, &source).and_then(|()| move_into_place(&building, db));
        if built.is_err() {
            remove_database(&building);
        }
        built?;
    }
    let kb = super::open_read_only(db)?;
    let overview = kb.query_sql(
        "SELECT c.name AS condition,
                (SELECT count(*) FROM condition_type t WHERE t.condition_id = c.id) AS types,
                (SELECT count(DISTINCT cause) FROM condition_causes v WHERE v.condition = c.slug) AS causes,
                (SELECT count(DISTINCT symptom_id) FROM condition_symptom s WHERE s.condition_id = c.id) AS symptoms,
                (SELECT count(DISTINCT treatment_id) FROM condition_treatment r WHERE r.condition_id = c.id) AS treatments
         FROM condition c ORDER BY c.name",
    )?;
    output::sql_result(&overview, args.format);
    if args.format == Format::Table {
        // The first few conditions at a glance, as `kb show` prints them.
        for entry in kb.list(kb::Listing::Conditions)?.iter().take(3) {
            println!();
            print!("{}", output::condition_summary(&kb.condition(&entry.slug)?));
        }
    }
    info!(
        "database: {}  (try: kb sql \"SELECT * FROM condition_causes\")",
        db.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Migrate the database at `path` and seed `source` into it; messages name
/// it `shown`.
fn migrate_and_seed(path: &Path, shown: &Path, source: &kb::Source) -> kb::Result<()> {
    let mut kb = Kb::open(path)?;
    for m in kb.migrate()? {
        info!("applied V{}__{}", m.version, m.name);
    }
    drop(kb);
    super::seed::seed_as(path, shown, source, kb::SeedOptions::default())?;
    Ok(())
}

/// A hidden name in the same folder (so moving it is a rename on one file
/// system), unique to this process.
fn building_name(db: &Path) -> PathBuf {
    let name = db
        .file_name()
        .map_or_else(|| "kb.sqlite3".into(), |n| n.to_string_lossy().into_owned());
    db.with_file_name(format!(".{name}.init-{}", std::process::id()))
}

/// Give the built database its name, unless a file of that name appeared
/// meanwhile (then it is left alone and init fails). Every connection is
/// closed by now, so SQLite has removed the WAL and shared-memory files and
/// the database file alone holds everything.
fn move_into_place(building: &Path, db: &Path) -> kb::Result<()> {
    let io = |source: std::io::Error| kb::Error::Read {
        path: db.to_owned(),
        source,
    };
    match std::fs::hard_link(building, db) {
        Ok(()) => {
            std::fs::remove_file(building).map_err(io)?;
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(io(e)),
        // A file system without hard links: a plain rename, checked first.
        Err(_) if !db.exists() => std::fs::rename(building, db).map_err(io),
        Err(e) => Err(io(e)),
    }
}

/// Remove a database file and the side files SQLite may have left.
fn remove_database(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}
