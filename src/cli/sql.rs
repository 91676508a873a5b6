//! `kb sql`: ad-hoc SQL, read-only unless asked, streamed to the output.

use std::io::Read;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use kb::{Kb, SqlOptions, SqlValue};

use super::{output, Format};

/// Longest statement read from standard input.
const MAX_STATEMENT_BYTES: u64 = 1024 * 1024;

#[derive(clap::Args)]
pub struct Args {
    /// One SQL statement, or - to read it from standard input
    statement: String,
    /// Allow a statement that modifies the database
    #[arg(long)]
    write: bool,
    /// A value for a parameter of the statement (:NAME, @NAME, $NAME, or
    /// ?N for N), bound as text; repeat for more
    #[arg(long = "param", short = 'p', value_name = "NAME=VALUE", value_parser = parse_param)]
    params: Vec<(String, String)>,
    /// Stop the statement after this many seconds (0: no limit)
    #[arg(long, value_name = "SECONDS", default_value_t = kb::DEFAULT_SQL_TIMEOUT.as_secs_f64())]
    timeout: f64,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

fn parse_param(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((name, value)) if !name.trim().is_empty() => Ok((name.trim().to_owned(), value.to_owned())),
        _ => Err(format!("expected NAME=VALUE, got '{s}'")),
    }
}

pub fn run(db: &Path, args: Args) -> kb::Result<ExitCode> {
    // Even with --write, `kb sql` works on an existing database: a typo in
    // the path must not leave an empty file behind.
    if !kb::db_exists(db) {
        return Err(kb::Error::DatabaseNotFound { path: db.to_owned() });
    }
    let statement = if args.statement == "-" {
        read_statement()?
    } else {
        args.statement.clone()
    };
    if !args.timeout.is_finite() || args.timeout < 0.0 {
        return Err(kb::Error::sql_message(format!(
            "--timeout must be a number of seconds, 0 or more (got {})",
            args.timeout
        )));
    }
    let options = SqlOptions {
        params: args
            .params
            .iter()
            .map(|(n, v)| (n.clone(), SqlValue::Text(v.clone())))
            .collect(),
        timeout: (args.timeout > 0.0).then(|| Duration::from_secs_f64(args.timeout)),
    };
    let mut sink = output::SqlSink::new(args.format);
    // A read-only handle first, even with --write: it opens nothing new (a
    // mistyped `file:` URI is refused rather than created). Reads work on
    // any SQLite file; a write must be to a schema this kb understands (not
    // one from a newer kb).
    let reader = super::open_read_only(db)?;
    if args.write {
        reader.migration_status()?;
        drop(reader);
        let changes = Kb::open(db)?.execute_sql_with(&statement, &options, &mut sink)?;
        sink.finish()?;
        eprintln!("{changes} row(s) changed");
    } else {
        reader.query_sql_with(&statement, &options, &mut sink)?;
        sink.finish()?;
    }
    Ok(ExitCode::SUCCESS)
}

fn read_statement() -> kb::Result<String> {
    let mut text = String::new();
    let read = std::io::stdin()
        .take(MAX_STATEMENT_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|source| kb::Error::Read {
            path: "<standard input>".into(),
            source,
        })?;
    if read as u64 > MAX_STATEMENT_BYTES {
        return Err(kb::Error::sql_message(format!(
            "the statement on standard input is over {MAX_STATEMENT_BYTES} bytes"
        )));
    }
    Ok(text)
}
