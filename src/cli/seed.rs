//! `kb seed`: load documents and seed files into the database.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kb::{Kb, SeedOptions, Source};

use super::{output, Format};

#[derive(clap::Args)]
pub struct Args {
    /// Folder of documents (*.txt) and reviewed seed files (*.json)
    /// [default: ./seeds if it exists, else the seeds built into kb]
    dir: Option<PathBuf>,
    /// Also remove documents (and the facts only they state) that are in the
    /// database but no longer in DIR
    #[arg(long)]
    prune: bool,
    /// Follow symbolic links in DIR that lead out of it (by default they are
    /// skipped, and listed)
    #[arg(long)]
    follow_links: bool,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(db: &Path, args: Args) -> kb::Result<ExitCode> {
    let source = source(args.dir.as_deref(), args.follow_links)?;
    let summary = seed(db, &source, SeedOptions { prune: args.prune })?;
    output::seed_summary(&summary, args.format);
    Ok(ExitCode::SUCCESS)
}

/// The named folder, else `./seeds` if there is one, else the built-in
/// seeds; entries of the folder that will not be read are listed.
pub fn source(dir: Option<&Path>, follow_links: bool) -> kb::Result<Source> {
    let source = match dir {
        Some(dir) => Source::from_dir_with(dir, follow_links)?,
        None if Path::new("seeds").is_dir() => Source::from_dir_with(Path::new("seeds"), follow_links)?,
        None => Source::builtin(),
    };
    for skipped in source.skipped() {
        eprintln!("note: skipped {}: {}", skipped.path.display(), skipped.reason);
    }
    Ok(source)
}

/// At most `shown` names, then how many more.
fn some_of(names: &[String], shown: usize) -> String {
    if names.len() <= shown {
        return names.join(", ");
    }
    format!("{}, and {} more", names[..shown].join(", "), names.len() - shown)
}

/// Seed an existing, migrated database, with progress on a terminal.
pub fn seed(db: &Path, source: &Source, options: SeedOptions) -> kb::Result<kb::SeedSummary> {
    seed_as(db, db, source, options)
}

/// [`seed`] into the database at `path`, named `db` in messages (`kb init`
/// builds a new database under a temporary name).
pub fn seed_as(path: &Path, db: &Path, source: &Source, options: SeedOptions) -> kb::Result<kb::SeedSummary> {
    if !kb::db_exists(path) {
        return Err(kb::Error::DatabaseNotFound { path: db.to_owned() });
    }
    let mut kb = Kb::open(path)?;
    let tty = std::io::stderr().is_terminal();
    let verbose = super::verbosity() > 1;
    let summary = kb.seed_with_options(source, options, &mut |p| {
        if verbose {
            eprintln!("[{}/{}] {}", p.done, p.total, p.document);
        } else if tty && p.total > 1 && super::verbosity() > 0 {
            eprint!("\rseeding [{}/{}] {:<40}", p.done, p.total, p.document);
            if p.done == p.total {
                eprintln!();
            }
        }
    })?;
    for notice in &summary.notices {
        info!("note: {notice}");
    }
    if !summary.absent.is_empty() {
        let verb = if options.prune { "removed" } else { "kept" };
        info!(
            "note: {verb} {} document(s) not in {}: {}{}",
            summary.absent.len(),
            summary.source,
            // A folder that moved can leave thousands: name a few.
            some_of(&summary.absent, 10),
            if options.prune {
                ""
            } else {
                " (use --prune to remove them)"
            }
        );
    }
    if summary.changed {
        info!(
            "seeded {} document(s) from {} into {}",
            summary.documents.len(),
            summary.source,
            db.display()
        );
    } else {
        info!(
            "nothing to do: {} document(s) from {} are already in {}",
            summary.documents.len(),
            summary.source,
            db.display()
        );
    }
    Ok(summary)
}
