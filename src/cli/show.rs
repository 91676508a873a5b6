//! `kb show`: everything known about one condition, with sources.

use std::path::Path;
use std::process::ExitCode;

use super::{open_current, output, Format};

#[derive(clap::Args)]
pub struct Args {
    /// Condition name, slug or alias
    condition: String,
    /// Also print the quote behind every fact (table format)
    #[arg(long, short)]
    quotes: bool,
    /// Also print every fact as a table row with its source (table format)
    #[arg(long)]
    table: bool,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(db: &Path, args: Args) -> kb::Result<ExitCode> {
    let kb = open_current(db)?;
    let record = kb.condition(&args.condition)?;
    output::condition_record(&record, args.format, args.quotes, args.table);
    Ok(ExitCode::SUCCESS)
}
