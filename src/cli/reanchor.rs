//! `kb reanchor`: rewrite reviewed seed files against their documents' text.

use std::path::PathBuf;
use std::process::ExitCode;

use kb::seed::review;

use super::exit;

#[derive(clap::Args)]
pub struct Args {
    /// Reviewed seed files (NAME.json, with NAME.txt beside each)
    #[arg(required = true, num_args = 1.., value_name = "SEED_FILE")]
    files: Vec<PathBuf>,
    /// Write nothing; exit 1 if a file would change
    #[arg(long)]
    check: bool,
}

pub fn run(args: Args) -> kb::Result<ExitCode> {
    // Every file is read and checked before any is written.
    let mut results = Vec::new();
    for path in &args.files {
        results.push((path, review::reanchor(path)?));
    }
    let mut stale = 0;
    for (path, r) in &results {
        let mut what = Vec::new();
        if r.document_changed {
            what.push(format!("{} changed since review", r.document.display()));
        }
        if r.moved > 0 {
            what.push(format!("{} quote(s) moved", r.moved));
        }
        if r.found > 0 {
            what.push(format!(
                "{} quote(s) given by text alone now have offsets",
                r.found
            ));
        }
        if !r.dropped.is_empty() {
            what.push(format!(
                "{} fact(s) removed, their text is gone: {}",
                r.dropped.len(),
                r.dropped.join("; ")
            ));
        }
        if !r.changed {
            super::say(&format!("{}: up to date", path.display()));
            continue;
        }
        stale += 1;
        if what.is_empty() {
            what.push("rewritten in kb's layout".to_owned());
        }
        if args.check {
            eprintln!("{}: would be rewritten: {}", path.display(), what.join(", "));
        } else {
            review::write(path, r)?;
            super::say(&format!("{}: rewritten: {}", path.display(), what.join(", ")));
        }
    }
    Ok(if args.check && stale > 0 {
        ExitCode::from(exit::PENDING)
    } else {
        ExitCode::SUCCESS
    })
}
