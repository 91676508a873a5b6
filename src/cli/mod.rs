//! Command-line front end. One module per subcommand; each turns its
//! arguments into library calls and hands the typed result to `output`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod extract;
mod init;
mod list;
mod matching;
mod migrate;
mod output;
mod related;
mod search;
mod seed;
mod shared_causes;
mod show;
mod sql;
mod table;

pub use output::Format;

/// Exit codes, so scripts can tell a bad input from a broken kb.
pub mod exit {
    /// `migrate --check`: migrations are pending.
    pub const PENDING: u8 = 1;
    /// Command-line usage error (clap's own code).
    pub const USAGE: u8 = 2;
    /// The input is at fault: a missing or malformed file, bad SQL, an
    /// unknown condition, an incompatible database.
    pub const USER: u8 = 65;
    /// kb or SQLite failed on valid input.
    pub const INTERNAL: u8 = 70;
    /// Another process holds the database's lock: try again later.
    pub const TEMPORARY: u8 = 75;
}

#[derive(Parser)]
#[command(
    name = "kb",
    version,
    about = "An embedded SQLite knowledge base of medical conditions, with provenance"
)]
pub struct Cli {
    /// Database file [default: $KB_DB, else ./kb.sqlite3]
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create or upgrade the database schema
    Migrate(migrate::Args),
    /// Create the database, migrate it and seed it: the one-step setup
    Init(init::Args),
    /// Load documents and their seed data into the database
    Seed(seed::Args),
    /// Print the seed data kb reads from an article, for review
    Extract(extract::Args),
    /// Everything known about a condition, with sources
    Show(show::Args),
    /// Causes shared across the types of a condition (or across conditions)
    SharedCauses(shared_causes::Args),
    /// Conditions that share causes, symptoms or treatments
    Related(related::Args),
    /// Conditions ranked against a set of symptoms
    Match(matching::Args),
    /// Full-text search over names, aliases and source text
    Search(search::Args),
    /// List conditions, causes, symptoms or treatments
    List(list::Args),
    /// Run one SQL statement (read-only unless --write)
    Sql(sql::Args),
}

/// Parse the command line, run the command, map errors to exit codes.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { exit::USAGE } else { 0 });
        }
    };
    let db = kb::default_db_path(cli.db.as_deref());
    let result = match cli.command {
        Command::Migrate(args) => migrate::run(&db, args),
        Command::Init(args) => init::run(&db, args),
        Command::Seed(args) => seed::run(&db, args),
        Command::Extract(args) => extract::run(args),
        Command::Show(args) => show::run(&db, args),
        Command::SharedCauses(args) => shared_causes::run(&db, args),
        Command::Related(args) => related::run(&db, args),
        Command::Match(args) => matching::run(&db, args),
        Command::Search(args) => search::run(&db, args),
        Command::List(args) => list::run(&db, args),
        Command::Sql(args) => sql::run(&db, args),
    };
    match result {
        Ok(code) => code,
        Err(e) => report(&e),
    }
}

/// A read-only handle on a database whose schema is current.
fn open_current(db: &std::path::Path) -> kb::Result<kb::Kb> {
    let kb = open_read_only(db)?;
    kb.ensure_current()?;
    // An empty answer from an empty database should say why.
    let empty = kb
        .connection()
        .query_row("SELECT NOT EXISTS (SELECT 1 FROM document)", [], |r| {
            r.get::<_, bool>(0)
        })
        .unwrap_or(false);
    if empty {
        eprintln!(
            "note: {} holds no documents yet; add some with `kb seed DIR` (or `kb init`)",
            db.display()
        );
    }
    Ok(kb)
}

/// A read-only handle, telling the user when the file needed care first (a
/// crashed writer's journal rolled back, say).
fn open_read_only(db: &std::path::Path) -> kb::Result<kb::Kb> {
    let kb = kb::Kb::open_read_only(db)?;
    if let Some(note) = kb.notice() {
        eprintln!("note: {note}");
    }
    Ok(kb)
}

/// Print the error and its causes, one per line, and pick the exit code.
fn report(e: &kb::Error) -> ExitCode {
    let mut said = e.to_string();
    eprintln!("error: {said}");
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        // SQLite's errors repeat their message in their own source; say
        // each thing once.
        let text = cause.to_string();
        if !said.contains(&text) {
            eprintln!("  caused by: {text}");
            said = text;
        }
        source = cause.source();
    }
    ExitCode::from(if e.is_temporary() {
        exit::TEMPORARY
    } else if e.is_user_error() {
        exit::USER
    } else {
        exit::INTERNAL
    })
}
