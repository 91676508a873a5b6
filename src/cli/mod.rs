//! Command-line front end. One module per subcommand; each turns its
//! arguments into library calls and hands the typed result to `output`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU8, Ordering};

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

/// How much to say on standard error besides errors and warnings.
static VERBOSITY: AtomicU8 = AtomicU8::new(1);

/// Progress and summary messages: on standard error, silenced by --quiet.
macro_rules! info {
    ($($arg:tt)*) => {
        if $crate::cli::verbosity() > 0 {
            eprintln!($($arg)*)
        }
    };
}

/// 0 with --quiet, 2 with --verbose, else 1.
pub fn verbosity() -> u8 {
    VERBOSITY.load(Ordering::Relaxed)
}

/// An informational line (not shown with --quiet).
pub fn say(message: &str) {
    info!("{message}");
}

mod completions;
mod datasette;
pub(crate) mod export;
mod extract;
mod graph;
mod init;
mod list;
mod matching;
mod migrate;
mod output;
mod reanchor;
mod related;
mod search;
mod seed;
mod shared_causes;
mod show;
mod snapshot;
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
    /// Print only results, errors and warnings (no progress or summaries)
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Also say which database is used and each document as it is seeded
    #[arg(long, short, global = true)]
    verbose: bool,

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
    /// Rewrite reviewed seed files after their documents changed: keeps the
    /// review, moves quotes to where their text now stands, fills in offsets
    Reanchor(reanchor::Args),
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
    /// Draw a condition's types and causes, or conditions sharing causes (Mermaid or DOT)
    Graph(graph::Args),
    /// Export condition-phenotype links (hpoa: the HPO annotation file's columns)
    Export(export::Args),
    /// Write a compact, checksummed, read-only copy of the database for readers
    Snapshot(snapshot::Args),
    /// Print Datasette metadata for the database (datasette DB -m FILE)
    DatasetteMetadata(datasette::Args),
    /// Print the JSON Schema of seed files
    SeedSchema,
    /// Print shell completions (bash, zsh, fish, elvish, powershell)
    Completions(completions::Args),
    /// Print the man page (roff)
    Man,
}

/// Parse the command line, run the command, map errors to exit codes.
pub fn main() -> ExitCode {
    let parsed = command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { exit::USAGE } else { 0 });
        }
    };
    VERBOSITY.store(
        match (cli.quiet, cli.verbose) {
            (true, _) => 0,
            (_, true) => 2,
            _ => 1,
        },
        Ordering::Relaxed,
    );
    let db = db_path(cli.db.as_deref());
    if verbosity() > 1 {
        eprintln!("database: {}", db.display());
    }
    let result = match cli.command {
        Command::Migrate(args) => migrate::run(&db, args),
        Command::Init(args) => init::run(&db, args),
        Command::Seed(args) => seed::run(&db, args),
        Command::Extract(args) => extract::run(args),
        Command::Reanchor(args) => reanchor::run(args),
        Command::Show(args) => show::run(&db, args),
        Command::SharedCauses(args) => shared_causes::run(&db, args),
        Command::Related(args) => related::run(&db, args),
        Command::Match(args) => matching::run(&db, args),
        Command::Search(args) => search::run(&db, args),
        Command::List(args) => list::run(&db, args),
        Command::Sql(args) => sql::run(&db, args),
        Command::Graph(args) => graph::run(&db, args),
        Command::Export(args) => export::run(&db, args),
        Command::Snapshot(args) => snapshot::run(&db, args),
        Command::DatasetteMetadata(args) => datasette::run(&db, args),
        Command::SeedSchema => {
            print!("{}", kb::model::seed_schema());
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions(args) => completions::completions(args),
        Command::Man => completions::man(),
    };
    match result {
        Ok(code) => code,
        Err(e) => report(&e),
    }
}

/// Environment variable naming the database file, below `--db`.
const DB_ENV: &str = "KB_DB";
/// The database file used when neither `--db` nor `KB_DB` names one.
const DEFAULT_DB: &str = "kb.sqlite3";

/// Where the database lives: `explicit`, else `$KB_DB`, else [`DEFAULT_DB`] in
/// the working directory.
fn db_path(explicit: Option<&Path>) -> PathBuf {
    explicit
        .map(Path::to_path_buf)
        .or_else(|| {
            std::env::var_os(DB_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(|| PathBuf::from(DEFAULT_DB))
}

/// What to do about an error, in the CLI's terms (the library's messages
/// name no commands or flags).
fn hint(e: &kb::Error) -> Option<&'static str> {
    match e {
        kb::Error::DatabaseNotFound { .. } => {
            Some("`kb init` creates and seeds it (or give --db PATH or set KB_DB)")
        }
        kb::Error::NotMigrated { .. } => Some("run `kb migrate`"),
        kb::Error::WriteRefused => Some("pass --write to allow it"),
        _ => None,
    }
}

/// The command line, with a version line naming the schema and SQLite
/// versions too (what a bug report needs).
fn command() -> clap::Command {
    let schema = kb::Kb::open_in_memory()
        .and_then(|kb| kb.migration_status())
        .ok()
        .and_then(|s| s.pending.last().map(|m| m.version))
        .unwrap_or(0);
    let version = format!(
        "{} (schema V{schema}, SQLite {})",
        env!("CARGO_PKG_VERSION"),
        rusqlite::version()
    );
    // Built once per run; clap keeps a &'static str.
    Cli::command().version(&*version.leak())
}

/// A read-only handle on a database whose schema is current. An empty one
/// (migrated, never seeded) gets a hint: every answer would be empty.
fn open_current(db: &Path) -> kb::Result<kb::Kb> {
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
        info!(
            "hint: {} holds no documents yet; `kb seed [DIR]` loads articles (`kb init` migrates and seeds in one step)",
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
    match hint(e) {
        Some(hint) => eprintln!("error: {said}; {hint}"),
        None => eprintln!("error: {said}"),
    }
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_is_consistent() {
        // clap's own checks (unique short flags and so on), which otherwise
        // run only when a subcommand is used.
        super::command().debug_assert();
    }
}
