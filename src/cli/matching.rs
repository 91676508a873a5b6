//! `kb match`: conditions ranked against a set of symptoms.

use std::path::Path;
use std::process::ExitCode;

use super::{open_current, output, Format};

#[derive(clap::Args)]
pub struct Args {
    /// Symptoms, one per argument (quote multi-word ones)
    #[arg(required = true, num_args = 1..)]
    symptoms: Vec<String>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(db: &Path, args: Args) -> kb::Result<ExitCode> {
    let kb = open_current(db)?;
    output::symptom_matches(&kb.match_symptoms(&args.symptoms)?, args.format);
    Ok(ExitCode::SUCCESS)
}
