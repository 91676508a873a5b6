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
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(db: &Path, args: Args) -> kb::Result<ExitCode> {
    let source = source(args.dir.as_deref())?;
    let summary = seed(db, &source, SeedOptions { prune: args.prune })?;
    output::seed_summary(&summary, args.format);
    Ok(ExitCode::SUCCESS)
}

/// The named folder, else `./seeds` if there is one, else the built-in seeds.
pub fn source(dir: Option<&Path>) -> kb::Result<Source> {
    match dir {
        Some(dir) => Source::from_dir(dir),
        None if Path::new("seeds").is_dir() => Source::from_dir(Path::new("seeds")),
        None => Ok(Source::builtin()),
    }
}

/// Seed an existing, migrated database, with progress on a terminal.
pub fn seed(db: &Path, source: &Source, options: SeedOptions) -> kb::Result<kb::SeedSummary> {
    if !kb::db_exists(db) {
        return Err(kb::Error::DatabaseNotFound { path: db.to_owned() });
    }
    let mut kb = Kb::open(db)?;
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
            summary.absent.join(", "),
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
