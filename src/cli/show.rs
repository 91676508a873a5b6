//! `kb show`: everything known about one condition, with sources.

use std::path::Path;
use std::process::ExitCode;

use super::{open_current, output, Format};

#[derive(clap::Args)]
pub struct Args {
    /// Condition name, slug or alias
    condition: String,
    /// Also print the quote behind every fact (implies --table)
    #[arg(long)]
    quotes: bool,
    /// One row per fact with its source, after the summary
    #[arg(long, short)]
    table: bool,
    /// table prints the compact summary (with --table, the full table too)
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(db: &Path, args: Args) -> kb::Result<ExitCode> {
    let kb = open_current(db)?;
    let record = kb.condition(&args.condition)?;
    output::condition_record(&record, args.format, args.quotes, args.table);
    if args.format == Format::Table && !args.table && !args.quotes {
        // The compact view: sources are one flag away.
        super::say("(--table: one row per fact with its source line; --quotes: with the quotes)");
    }
    Ok(ExitCode::SUCCESS)
}
