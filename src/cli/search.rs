//! `kb search`: full-text search over names, aliases and source text.

use std::path::Path;
use std::process::ExitCode;

use super::{open_current, output, Format};

#[derive(clap::Args)]
pub struct Args {
    /// Words to look for (all must match; stemmed, so 'infection' finds 'infections')
    #[arg(required = true, num_args = 1..)]
    text: Vec<String>,
    /// At most this many results
    #[arg(long, default_value_t = 50)]
    limit: usize,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(db: &Path, args: Args) -> kb::Result<ExitCode> {
    let kb = open_current(db)?;
    let hits = kb.search(&args.text.join(" "), args.limit)?;
    output::search_hits(&hits, args.format);
    Ok(ExitCode::SUCCESS)
}
