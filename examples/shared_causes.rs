//! Another tool's view of kb: open a database read-only and ask relational
//! questions through the typed library API.
//!
//! ```text
//! cargo run --example shared_causes -- kb.sqlite3 "contact rash"
//! ```
//! Without arguments it builds a private in-memory database from the seeds
//! built into kb and two small articles whose types share causes, so it
//! always has something to show.

use std::process::ExitCode;

use kb::{Kb, Shared, Source};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // A tool shows kb's messages as they are written, cause by cause.
            eprintln!("error: {e}");
            let mut source = e.source();
            while let Some(cause) = source {
                eprintln!("  caused by: {cause}");
                source = cause.source();
            }
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (kb, condition) = match (args.next(), args.next()) {
        (Some(db), condition) => (Kb::open_read_only(db)?, condition),
        (None, _) => {
            let mut kb = Kb::open_in_memory()?;
            kb.migrate()?;
            kb.seed(&Source::builtin())?;
            let file = |name: &str, text: &str| (name.to_owned(), text.as_bytes().to_vec());
            kb.seed(&Source::from_files(
                "<examples>",
                vec![
                    file(
                        "contact-rash.txt",
                        include_str!("../tests/fixtures/shared/contact-rash.txt"),
                    ),
                    file(
                        "contact-rash.json",
                        include_str!("../tests/fixtures/shared/contact-rash.json"),
                    ),
                    file(
                        "heat-bumps.txt",
                        include_str!("../tests/fixtures/shared/heat-bumps.txt"),
                    ),
                    file(
                        "heat-bumps.json",
                        include_str!("../tests/fixtures/shared/heat-bumps.json"),
                    ),
                ],
            ))?;
            (kb, Some("contact rash".to_owned()))
        }
    };
    kb.ensure_current()?;

    let condition = match condition {
        Some(c) => kb.find_condition(&c)?,
        None => match kb.list(kb::Listing::Conditions)?.into_iter().next() {
            Some(first) => kb.find_condition(&first.slug)?,
            None => return Err("the database has no conditions; run `kb seed`".into()),
        },
    };
    let record = kb.condition(&condition.slug)?;
    println!("{} has {} type(s):", record.condition, record.types.len());
    for t in &record.types {
        println!("  {} ({} cause(s))", t.name, t.causes.len());
    }

    let shared = kb.shared_causes_across_types(&condition.slug)?;
    if shared.is_empty() {
        println!("no cause is shared by two of its types");
    }
    for c in &shared {
        println!("shared cause: {} <- {}", c.cause, c.types.join(", "));
    }

    for item in kb.shared_across_conditions(Shared::Cause)? {
        println!(
            "cause shared across conditions: {} <- {}",
            item.name,
            item.conditions.join(", ")
        );
    }
    Ok(())
}
