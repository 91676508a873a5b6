//! Ad-hoc SQL: one statement in, rows out (streamed to a [`RowSink`], or
//! collected into a [`SqlResult`]).
//!
//! What a statement may do is decided from what SQLite prepares, never from
//! its text: `sqlite3_stmt_readonly` says whether it writes,
//! `sqlite3_stmt_isexplain` whether it only describes itself, and an
//! authorizer watching the preparation sees transaction control and pragmas
//! however they are spelled (`/**/BEGIN`, `main.journal_mode`, ...).

use std::ffi::CStr;
use std::os::raw::{c_char, c_int, c_void};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use rusqlite::types::{Value, ValueRef};
use rusqlite::{ffi, Connection, Statement};
use serde::Serialize;

use crate::error::{Error, Result};

/// How long an ad-hoc statement may run unless told otherwise.
pub const DEFAULT_SQL_TIMEOUT: Duration = Duration::from_secs(5);

/// One SQLite value, as JSON would carry it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum SqlValue {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    /// Blobs are rendered as lower-case hex.
    Blob(String),
}

impl std::fmt::Display for SqlValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SqlValue::Null => Ok(()),
            SqlValue::Integer(i) => write!(f, "{i}"),
            SqlValue::Real(x) => write!(f, "{x}"),
            SqlValue::Text(s) | SqlValue::Blob(s) => f.write_str(s),
        }
    }
}

impl SqlValue {
    fn from_ref(v: ValueRef<'_>) -> SqlValue {
        match v {
            ValueRef::Null => SqlValue::Null,
            ValueRef::Integer(v) => SqlValue::Integer(v),
            ValueRef::Real(v) => SqlValue::Real(v),
            ValueRef::Text(t) => SqlValue::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => {
                use std::fmt::Write;
                let mut hex = String::with_capacity(b.len() * 2);
                for x in b {
                    let _ = write!(hex, "{x:02x}");
                }
                SqlValue::Blob(hex)
            }
        }
    }

    /// The value to bind; a blob given as hex is bound as its bytes.
    fn to_sqlite(&self) -> Value {
        match self {
            SqlValue::Null => Value::Null,
            SqlValue::Integer(i) => Value::Integer(*i),
            SqlValue::Real(x) => Value::Real(*x),
            SqlValue::Text(s) => Value::Text(s.clone()),
            SqlValue::Blob(hex) => match unhex(hex) {
                Some(bytes) => Value::Blob(bytes),
                None => Value::Text(hex.clone()),
            },
        }
    }
}

fn unhex(hex: &str) -> Option<Vec<u8>> {
    if hex.len() % 2 != 0 {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect()
}

/// The result of an ad-hoc statement, held whole (see [`RowSink`] to stream).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SqlResult {
    /// Column names in SELECT order, made unique (see [`unique_columns`]).
    pub columns: Vec<String>,
    pub rows: Vec<Vec<SqlValue>>,
    /// Rows changed, for a write statement run with writes allowed.
    pub changes: u64,
}

/// How to run an ad-hoc statement.
#[derive(Debug, Clone)]
pub struct SqlOptions {
    /// Values for the statement's parameters, by name: `name` (or `:name`,
    /// `@name`, `$name`) for a named one, `1`, `2`, ... (or `?1`) by position.
    pub params: Vec<(String, SqlValue)>,
    /// Stop the statement after this long (`None`: no limit). Time spent in
    /// the [`RowSink`] does not count.
    pub timeout: Option<Duration>,
}

impl Default for SqlOptions {
    fn default() -> Self {
        SqlOptions {
            params: Vec::new(),
            timeout: Some(DEFAULT_SQL_TIMEOUT),
        }
    }
}

/// Receives a statement's rows as SQLite produces them, so a result of any
/// size goes through in constant memory.
pub trait RowSink {
    /// The column names (unique, in SELECT order), once before any row. A
    /// statement without columns (an UPDATE, say) still calls this, with none.
    ///
    /// # Errors
    ///
    /// Any error stops the statement and is what
    /// [`crate::Kb::query_sql_with`] (or `execute_sql_with`) returns.
    fn columns(&mut self, columns: &[String]) -> Result<()>;
    /// One row, its values in column order.
    ///
    /// # Errors
    ///
    /// As for [`RowSink::columns`]: the statement stops there.
    fn row(&mut self, values: &[SqlValue]) -> Result<()>;
}

/// Collects the rows into a [`SqlResult`].
#[derive(Default)]
struct Collect {
    columns: Vec<String>,
    rows: Vec<Vec<SqlValue>>,
}

impl RowSink for Collect {
    fn columns(&mut self, columns: &[String]) -> Result<()> {
        self.columns = columns.to_vec();
        Ok(())
    }
    fn row(&mut self, values: &[SqlValue]) -> Result<()> {
        self.rows.push(values.to_vec());
        Ok(())
    }
}

/// Column names made unique the way sqlite-utils and Datasette users expect:
/// the second `a` becomes `a_2`, the third `a_3` (skipping names already
/// taken), so a JSON object or CSV header keeps every column.
pub fn unique_columns<S: AsRef<str>>(names: &[S]) -> Vec<String> {
    let mut taken: std::collections::HashSet<String> = names.iter().map(|n| n.as_ref().to_owned()).collect();
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let name = name.as_ref();
        if seen.insert(name.to_owned()) {
            out.push(name.to_owned());
            continue;
        }
        let mut n = 2;
        let unique = loop {
            let candidate = format!("{name}_{n}");
            if !taken.contains(&candidate) {
                break candidate;
            }
            n += 1;
        };
        taken.insert(unique.clone());
        seen.insert(unique.clone());
        out.push(unique);
    }
    out
}

/// Run exactly one statement and collect its rows. With `allow_write` false,
/// a statement that would modify the database is refused before it runs.
pub(crate) fn run(
    conn: &Connection,
    sql: &str,
    allow_write: bool,
    options: &SqlOptions,
) -> Result<SqlResult> {
    let mut rows = Collect::default();
    let changes = stream(conn, sql, allow_write, options, &mut rows)?;
    Ok(SqlResult {
        columns: rows.columns,
        rows: rows.rows,
        changes,
    })
}

/// Run exactly one statement, handing its rows to `sink` as they come;
/// returns the rows changed (0 for a read).
pub(crate) fn stream(
    conn: &Connection,
    sql: &str,
    allow_write: bool,
    options: &SqlOptions,
    sink: &mut dyn RowSink,
) -> Result<u64> {
    if sql.trim().trim_end_matches(';').trim().is_empty() {
        return Err(Error::sql_message("empty statement"));
    }
    let was_autocommit = conn.is_autocommit();
    let (mut stmt, seen) = prepare_observed(conn, sql).map_err(sql_error)?;
    check(&stmt, &seen, allow_write)?;
    bind(&mut stmt, &options.params)?;
    let outcome = step_all(conn, &mut stmt, options.timeout, sink);
    let readonly = stmt.readonly();
    drop(stmt);
    // The guard refuses transaction control, so this never happens; should a
    // statement still open a transaction, end it rather than hold the lock
    // and block every other writer.
    if was_autocommit && !conn.is_autocommit() {
        let _ = conn.execute_batch("ROLLBACK");
        outcome?;
        return Err(transaction_refused());
    }
    outcome?;
    Ok(if readonly { 0 } else { conn.changes() })
}

/// What the authorizer saw while a statement was prepared.
#[derive(Default, Debug)]
struct Seen {
    /// BEGIN, COMMIT, ROLLBACK, SAVEPOINT or RELEASE, in any spelling.
    transaction: bool,
    /// Pragmas: (name, whether a value was given).
    pragmas: Vec<(String, bool)>,
}

/// Pragmas whose plain read SQLite does not flag read-only (it runs the same
/// opcode as a change of mode) but which change nothing without a value.
const READ_ONLY_PRAGMAS: &[&str] = &["journal_mode"];

fn check(stmt: &Statement<'_>, seen: &Seen, allow_write: bool) -> Result<()> {
    // EXPLAIN and EXPLAIN QUERY PLAN describe a statement without running it.
    if stmt.is_explain() != 0 {
        return Ok(());
    }
    // Always refused: a one-shot statement runs in a transaction of its own,
    // and one left open would block every other writer.
    if seen.transaction {
        return Err(transaction_refused());
    }
    if allow_write || stmt.readonly() {
        return Ok(());
    }
    let pragma_read = !seen.pragmas.is_empty()
        && seen
            .pragmas
            .iter()
            .all(|(name, valued)| !valued && READ_ONLY_PRAGMAS.contains(&name.to_ascii_lowercase().as_str()));
    if pragma_read {
        return Ok(());
    }
    Err(Error::WriteRefused)
}

fn transaction_refused() -> Error {
    Error::sql_message(
        "transaction control (BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE) is not accepted: \
         each statement runs in a transaction of its own",
    )
}

/// Prepare `sql` with an authorizer recording what it does.
fn prepare_observed<'c>(conn: &'c Connection, sql: &str) -> rusqlite::Result<(Statement<'c>, Seen)> {
    let mut seen = Box::new(Seen::default());
    // SAFETY: the callback only reads SQLite's argument strings and writes
    // `seen`, which outlives the registration: the guard removes the
    // authorizer before `seen` is read or dropped, on every path. The
    // connection is used from this thread only while registered.
    let stmt = unsafe {
        let db = conn.handle();
        struct Unset(*mut ffi::sqlite3);
        impl Drop for Unset {
            fn drop(&mut self) {
                // SAFETY: the handle is alive for the whole of prepare_observed.
                unsafe { ffi::sqlite3_set_authorizer(self.0, None, std::ptr::null_mut()) };
            }
        }
        ffi::sqlite3_set_authorizer(db, Some(observe), (&mut *seen as *mut Seen).cast::<c_void>());
        let _unset = Unset(db);
        conn.prepare(sql)?
    };
    Ok((stmt, *seen))
}

/// sqlite3_set_authorizer callback: notes transaction control and pragmas,
/// allows everything (refusals come after, with kb's own messages).
unsafe extern "C" fn observe(
    data: *mut c_void,
    action: c_int,
    arg1: *const c_char,
    arg2: *const c_char,
    _database: *const c_char,
    _trigger: *const c_char,
) -> c_int {
    // SAFETY: `data` is the `Seen` registered by prepare_observed, alive
    // until the authorizer is removed; the strings are SQLite's, valid for
    // the duration of the call, or null.
    let seen = unsafe { &mut *data.cast::<Seen>() };
    match action {
        ffi::SQLITE_TRANSACTION | ffi::SQLITE_SAVEPOINT => seen.transaction = true,
        ffi::SQLITE_PRAGMA => {
            let name = if arg1.is_null() {
                String::new()
            } else {
                unsafe { CStr::from_ptr(arg1) }.to_string_lossy().into_owned()
            };
            seen.pragmas.push((name, !arg2.is_null()));
        }
        _ => {}
    }
    ffi::SQLITE_OK
}

fn bind(stmt: &mut Statement<'_>, params: &[(String, SqlValue)]) -> Result<()> {
    let bad = Error::sql_message;
    let mut bound = vec![false; stmt.parameter_count()];
    for (name, value) in params {
        let index = if let Ok(n) = name.trim_start_matches('?').parse::<usize>() {
            (1..=bound.len()).contains(&n).then_some(n)
        } else if name.starts_with([':', '@', '$']) {
            stmt.parameter_index(name).map_err(sql_error)?
        } else {
            let mut found = None;
            for prefix in [":", "@", "$"] {
                if let Some(i) = stmt
                    .parameter_index(&format!("{prefix}{name}"))
                    .map_err(sql_error)?
                {
                    found = Some(i);
                    break;
                }
            }
            found
        };
        let Some(index) = index else {
            return Err(bad(format!("the statement has no parameter '{name}'")));
        };
        stmt.raw_bind_parameter(index, value.to_sqlite())
            .map_err(sql_error)?;
        bound[index - 1] = true;
    }
    if let Some(i) = bound.iter().position(|b| !b) {
        let name = stmt
            .parameter_name(i + 1)
            .map_or_else(|| format!("?{}", i + 1), str::to_owned);
        return Err(bad(format!(
            "parameter {name} has no value (give one with --param NAME=VALUE)"
        )));
    }
    Ok(())
}

fn step_all(
    conn: &Connection,
    stmt: &mut Statement<'_>,
    timeout: Option<Duration>,
    sink: &mut dyn RowSink,
) -> Result<()> {
    let names: Vec<&str> = stmt.column_names().collect();
    let columns = unique_columns(&names);
    let width = columns.len();
    let watchdog = timeout.map(|limit| Watchdog::start(conn, limit));
    let outside = |started: Instant| {
        if let Some(w) = &watchdog {
            w.outside
                .fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
        }
    };
    let result = (|| {
        let t = Instant::now();
        sink.columns(&columns)?;
        outside(t);
        let mut rows = stmt.raw_query();
        let mut values = Vec::with_capacity(width);
        loop {
            let row = match rows.next() {
                Ok(Some(row)) => row,
                Ok(None) => return Ok(()),
                Err(e) => return Err(sql_error(e)),
            };
            values.clear();
            for i in 0..width {
                values.push(SqlValue::from_ref(row.get_ref(i).map_err(sql_error)?));
            }
            let t = Instant::now();
            sink.row(&values)?;
            outside(t);
        }
    })();
    let timed_out = watchdog.is_some_and(|w| w.stop());
    match (result, timeout) {
        (Err(_), Some(limit)) if timed_out => Err(Error::Timeout { limit }),
        (result, _) => result,
    }
}

/// Interrupts the connection's statement once it has run longer than its
/// limit, not counting the time the rows spend being written out.
struct Watchdog {
    done: mpsc::Sender<()>,
    fired: Arc<AtomicBool>,
    outside: Arc<AtomicU64>,
    thread: std::thread::JoinHandle<()>,
}

impl Watchdog {
    fn start(conn: &Connection, limit: Duration) -> Watchdog {
        let (done, stopped) = mpsc::channel::<()>();
        let fired = Arc::new(AtomicBool::new(false));
        let outside = Arc::new(AtomicU64::new(0));
        let interrupt = conn.get_interrupt_handle();
        let started = Instant::now();
        let thread = {
            let (fired, outside) = (fired.clone(), outside.clone());
            std::thread::spawn(move || loop {
                let spent = started
                    .elapsed()
                    .saturating_sub(Duration::from_nanos(outside.load(Ordering::Relaxed)));
                if spent >= limit {
                    fired.store(true, Ordering::SeqCst);
                    interrupt.interrupt();
                    return;
                }
                // Wake at the limit, or earlier when the statement ends.
                match stopped.recv_timeout(limit - spent) {
                    Err(mpsc::RecvTimeoutError::Timeout) => continue,
                    _ => return,
                }
            })
        };
        Watchdog {
            done,
            fired,
            outside,
            thread,
        }
    }

    /// Stop watching; true if the limit was reached.
    fn stop(self) -> bool {
        let _ = self.done.send(());
        let _ = self.thread.join();
        self.fired.load(Ordering::SeqCst)
    }
}

/// SQLite's failures as kb's, in plain words.
fn sql_error(source: rusqlite::Error) -> Error {
    let message = match &source {
        rusqlite::Error::MultipleStatement => "only one statement can be run at a time".to_owned(),
        // The connection allows no attached database (ATTACH itself, and
        // VACUUM INTO, which attaches its target).
        rusqlite::Error::SqliteFailure(_, Some(msg)) if msg.starts_with("too many attached") => {
            "ATTACH and VACUUM INTO are disabled: kb sql works on its one database file".to_owned()
        }
        rusqlite::Error::SqliteFailure(e, _) if e.code == rusqlite::ErrorCode::ApiMisuse => {
            "no statement to run (only comments or white space)".to_owned()
        }
        rusqlite::Error::SqliteFailure(_, Some(msg)) => msg.clone(),
        other => other.to_string(),
    };
    Error::Sql { message, source }
}

#[cfg(test)]
#[path = "sql_tests.rs"]
mod tests;
