//! `kb sql`: ad-hoc SQL, read-only unless asked.

use std::path::Path;
use std::process::ExitCode;

use kb::Kb;

use super::{output, Format};

#[derive(clap::Args)]
pub struct Args {
    /// One SQL statement
    statement: String,
    /// Allow a statement that modifies the database
    #[arg(long)]
    write: bool,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(db: &Path, args: Args) -> kb::Result<ExitCode> {
    // Even with --write, `kb sql` works on an existing database: a typo in
    // the path must not leave an empty file behind.
    if !kb::db_exists(db) {
        return Err(kb::Error::DatabaseNotFound { path: db.to_owned() });
    }
    let result = if args.write {
        Kb::open(db)?.execute_sql(&args.statement)?
    } else {
        // A read-only handle: even a statement SQLite misjudges cannot write.
        Kb::open_read_only(db)?.query_sql(&args.statement)?
    };
    output::sql_result(&result, args.format);
    if args.write && result.columns.is_empty() {
        eprintln!("{} row(s) changed", result.changes);
    }
    Ok(ExitCode::SUCCESS)
}
