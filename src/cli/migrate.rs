//! `kb migrate`: create or upgrade the schema.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kb::Kb;

use super::{exit, output, Format};

#[derive(clap::Args)]
pub struct Args {
    /// List applied and pending migrations; writes nothing
    #[arg(long, conflicts_with = "check")]
    status: bool,
    /// Exit with code 1 if migrations are pending; writes nothing
    #[arg(long)]
    check: bool,
    /// Print the schema the migrations build (as sqlite3's `.schema` prints
    /// it), or write it to PATH; uses a fresh in-memory database, never --db
    #[arg(
        long,
        value_name = "PATH",
        num_args = 0..=1,
        default_missing_value = "-",
        conflicts_with_all = ["status", "check"]
    )]
    dump_schema: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(db: &Path, args: Args) -> kb::Result<ExitCode> {
    if let Some(path) = &args.dump_schema {
        return dump_schema(path);
    }
    if args.status || args.check {
        let kb = Kb::open_read_only(db)?;
        let status = kb.migration_status()?;
        if args.status {
            output::migration_status(&status, args.format);
        } else if !status.is_current() {
            eprintln!(
                "{} pending migration(s) in {}",
                status.pending.len(),
                db.display()
            );
            return Ok(ExitCode::from(exit::PENDING));
        } else {
            info!("{} is up to date", db.display());
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut kb = Kb::open(db)?;
    let applied = kb.migrate()?;
    if applied.is_empty() {
        info!("{} is up to date; nothing to apply", db.display());
    } else {
        for m in &applied {
            info!("applied V{}__{}", m.version, m.name);
        }
        info!("{} migration(s) applied to {}", applied.len(), db.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// The snapshot `schema.sql` holds: what every migration together builds.
fn dump_schema(path: &Path) -> kb::Result<ExitCode> {
    let mut kb = Kb::open_in_memory()?;
    kb.migrate()?;
    let schema = kb.schema_sql()?;
    if path == Path::new("-") {
        print!("{schema}");
    } else {
        std::fs::write(path, schema).map_err(|source| kb::Error::Write {
            path: path.to_owned(),
            source,
        })?;
        info!("wrote the schema to {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
