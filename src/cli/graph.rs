//! `kb graph`: a condition's types and causes, or conditions sharing
//! causes, as Mermaid or Graphviz DOT.

use std::path::Path;
use std::process::ExitCode;

use kb::graph::{self, GraphFormat};

use super::open_current;

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    /// Mermaid flowchart (renders on GitHub)
    Mermaid,
    /// Graphviz DOT (`| dot -Tsvg > graph.svg`)
    Dot,
}

#[derive(clap::Args)]
pub struct Args {
    /// Condition name, slug or alias; without one, conditions linked by shared causes
    condition: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Mermaid)]
    format: Format,
    /// Without a condition: at most this many links, the pairs sharing most first
    #[arg(long, default_value_t = 40, conflicts_with = "condition")]
    limit: usize,
}

pub fn run(db: &Path, args: Args) -> kb::Result<ExitCode> {
    let kb = open_current(db)?;
    let format = match args.format {
        Format::Mermaid => GraphFormat::Mermaid,
        Format::Dot => GraphFormat::Dot,
    };
    let text = match &args.condition {
        Some(c) => graph::condition_graph(&kb.condition(c)?, format),
        None => {
            let shared = kb.shared_across_conditions(kb::Shared::Cause)?;
            if shared.is_empty() {
                super::say("no cause is shared by two or more conditions: nothing to link");
            }
            graph::shared_causes_graph(&shared, args.limit, format)
        }
    };
    print!("{text}");
    Ok(ExitCode::SUCCESS)
}
