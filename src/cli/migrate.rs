//! `kb migrate`: create or upgrade the schema.

use std::path::Path;
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
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(db: &Path, args: Args) -> kb::Result<ExitCode> {
    if args.status || args.check {
        let kb = super::open_read_only(db)?;
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
