//! `kb shared-causes`: causes shared across the types of a condition, or
//! across conditions.

use std::path::Path;
use std::process::ExitCode;

use super::{open_current, output, Format};

#[derive(clap::Args)]
pub struct Args {
    /// Condition name, slug or alias; without one, causes shared across conditions
    condition: Option<String>,
    /// With a condition: list the causes unique to one type instead
    #[arg(long, requires = "condition")]
    unique: bool,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(db: &Path, args: Args) -> kb::Result<ExitCode> {
    let kb = open_current(db)?;
    match &args.condition {
        Some(condition) => {
            let rows = if args.unique {
                kb.causes_unique_to_type(condition)?
            } else {
                kb.shared_causes_across_types(condition)?
            };
            output::cause_types(&rows, args.format);
        }
        None => output::shared_items(&kb.shared_across_conditions(kb::Shared::Cause)?, args.format),
    }
    Ok(ExitCode::SUCCESS)
}
