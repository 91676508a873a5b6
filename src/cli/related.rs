//! `kb related`: conditions sharing causes, symptoms or treatments.

use std::path::Path;
use std::process::ExitCode;

use super::{open_current, output, Format};

#[derive(clap::Args)]
pub struct Args {
    /// Condition name, slug or alias; without one, everything shared by two or more conditions
    condition: Option<String>,
    /// With a condition: at most this many, most in common first
    #[arg(long, requires = "condition")]
    limit: Option<usize>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(db: &Path, args: Args) -> kb::Result<ExitCode> {
    let kb = open_current(db)?;
    match &args.condition {
        Some(c) => {
            let related = match args.limit {
                Some(n) => kb.related_conditions_top(c, n)?,
                None => kb.related_conditions(c)?,
            };
            output::related(&related, args.format)
        }
        None => {
            let mut all = Vec::new();
            for (kind, label) in [
                (kb::Shared::Cause, "cause"),
                (kb::Shared::Symptom, "symptom"),
                (kb::Shared::Treatment, "treatment"),
            ] {
                all.extend(kb.shared_across_conditions(kind)?.into_iter().map(|s| (label, s)));
            }
            output::shared_by_kind(&all, args.format);
        }
    }
    Ok(ExitCode::SUCCESS)
}
