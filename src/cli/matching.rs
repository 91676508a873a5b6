//! `kb match`: conditions ranked against a set of symptoms.

use std::path::Path;
use std::process::ExitCode;

use super::{open_current, output, Format};

#[derive(clap::Args)]
pub struct Args {
    /// Symptoms, one per argument (quote multi-word ones)
    #[arg(required = true, num_args = 1..)]
    symptoms: Vec<String>,
    /// At most this many, best first
    #[arg(long)]
    limit: Option<usize>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(db: &Path, args: Args) -> kb::Result<ExitCode> {
    let kb = open_current(db)?;
    let matches = match args.limit {
        Some(n) => kb.match_symptoms_top(&args.symptoms, n)?,
        None => kb.match_symptoms(&args.symptoms)?,
    };
    output::symptom_matches(&matches, args.format);
    Ok(ExitCode::SUCCESS)
}
