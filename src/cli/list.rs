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
    /// At most this many, in name order
    #[arg(long)]
    limit: Option<usize>,
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
    let mut entries = kb.list(what)?;
    if let Some(n) = args.limit {
        entries.truncate(n);
    }
    match args.what {
        // A condition has no kind, and "cited by 1 condition" says nothing:
        // conditions are listed by slug and name alone.
        What::Conditions => {
            #[derive(serde::Serialize)]
            struct Condition<'a> {
                slug: &'a str,
                name: &'a str,
            }
            let rows: Vec<Condition> = entries
                .iter()
                .map(|e| Condition {
                    slug: &e.slug,
                    name: &e.name,
                })
                .collect();
            let mut grid = output::Grid::new(["slug", "name"]);
            for e in &entries {
                grid.row(vec![e.slug.clone(), e.name.clone()]);
            }
            output::emit(&rows, &grid, args.format);
        }
        _ => output::entries(&entries, args.format),
    }
    Ok(ExitCode::SUCCESS)
}
