//! `kb list`: every condition, cause, symptom or treatment.

use std::path::Path;
use std::process::ExitCode;

use kb::Listing;

use super::{open_current, output, Format};

#[derive(Clone, Copy, clap::ValueEnum)]
enum What {
    Conditions,
    Causes,
    Symptoms,
    Treatments,
}

#[derive(clap::Args)]
pub struct Args {
    #[arg(value_enum)]
    what: What,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(db: &Path, args: Args) -> kb::Result<ExitCode> {
    let kb = open_current(db)?;
    let what = match args.what {
        What::Conditions => Listing::Conditions,
        What::Causes => Listing::Causes,
        What::Symptoms => Listing::Symptoms,
        What::Treatments => Listing::Treatments,
    };
    output::entries(&kb.list(what)?, args.format, matches!(what, Listing::Conditions));
    Ok(ExitCode::SUCCESS)
}
