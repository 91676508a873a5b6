//! Ad-hoc SQL: one statement in, a table of values out.

use rusqlite::types::ValueRef;
use rusqlite::Connection;
use serde::Serialize;

use crate::error::{Error, Result};

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

/// The result of an ad-hoc statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SqlResult {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<SqlValue>>,
    /// Rows changed, for a write statement run with writes allowed.
    pub changes: u64,
}

/// Run exactly one statement. With `allow_write` false, a statement that
/// would modify the database is refused before it runs.
pub(crate) fn run(conn: &Connection, sql: &str, allow_write: bool) -> Result<SqlResult> {
    let user = |source: rusqlite::Error| Error::Sql {
        message: match &source {
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
        },
        source,
    };
    if sql.trim().trim_end_matches(';').trim().is_empty() {
        return Err(Error::Sql {
            message: "empty statement".to_owned(),
            source: rusqlite::Error::InvalidQuery,
        });
    }
    let mut stmt = conn.prepare(sql).map_err(user)?;
    // sqlite3_stmt_readonly() is SQLite's own verdict on whether the statement
    // writes; transaction control (BEGIN/COMMIT) counts as read-only there but
    // must not be left dangling by a one-shot statement, so refuse it too.
    let head = sql.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
    let txn_control = matches!(
        head.as_str(),
        "BEGIN" | "COMMIT" | "END" | "ROLLBACK" | "SAVEPOINT" | "RELEASE"
    );
    if !allow_write && (!stmt.readonly() || txn_control) {
        return Err(Error::WriteRefused);
    }
    let columns: Vec<String> = stmt.column_names().map(str::to_owned).collect();
    let width = columns.len();
    let mut rows = Vec::new();
    let mut cursor = stmt.raw_query();
    while let Some(row) = cursor.next().map_err(user)? {
        let mut out = Vec::with_capacity(width);
        for i in 0..width {
            out.push(match row.get_ref(i).map_err(user)? {
                ValueRef::Null => SqlValue::Null,
                ValueRef::Integer(v) => SqlValue::Integer(v),
                ValueRef::Real(v) => SqlValue::Real(v),
                ValueRef::Text(t) => SqlValue::Text(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Blob(b) => SqlValue::Blob(b.iter().map(|x| format!("{x:02x}")).collect()),
            });
        }
        rows.push(out);
    }
    drop(cursor);
    let changes = if stmt.readonly() { 0 } else { conn.changes() };
    Ok(SqlResult {
        columns,
        rows,
        changes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_say_why_in_plain_words() {
        let conn = db();
        conn.set_limit(rusqlite::limits::Limit::SQLITE_LIMIT_ATTACHED, 0)
            .unwrap();
        let message = |sql: &str| match run(&conn, sql, true) {
            Err(Error::Sql { message, .. }) => message,
            other => panic!("{sql}: {other:?}"),
        };
        assert!(message("ATTACH 'x.db' AS x").contains("ATTACH and VACUUM INTO are disabled"));
        assert!(message("VACUUM INTO 'copy.db'").contains("disabled"));
        assert!(message("-- only a comment").contains("no statement"));
    }

    fn db() -> Connection {
        let c = crate::db::open_in_memory().unwrap();
        c.execute_batch("CREATE TABLE t(a INTEGER, b TEXT, c REAL, d BLOB); INSERT INTO t VALUES (1, 'x', 1.5, x'0aff'), (NULL, NULL, NULL, NULL);")
            .unwrap();
        c
    }

    #[test]
    fn reads_every_value_type() {
        let r = run(&db(), "SELECT a, b, c, d FROM t ORDER BY a DESC", false).unwrap();
        assert_eq!(r.columns, ["a", "b", "c", "d"]);
        assert_eq!(
            r.rows[0],
            [
                SqlValue::Integer(1),
                SqlValue::Text("x".into()),
                SqlValue::Real(1.5),
                SqlValue::Blob("0aff".into())
            ]
        );
        assert_eq!(
            r.rows[1],
            [SqlValue::Null, SqlValue::Null, SqlValue::Null, SqlValue::Null]
        );
    }

    #[test]
    fn refuses_writes_unless_allowed_and_leaves_data_alone() {
        let c = db();
        for sql in [
            "DELETE FROM t",
            "INSERT INTO t(a) VALUES (3)",
            "DROP TABLE t",
            "BEGIN",
            "CREATE TABLE u(x)",
        ] {
            assert!(matches!(run(&c, sql, false), Err(Error::WriteRefused)), "{sql}");
        }
        let n = run(&c, "SELECT count(*) FROM t", false).unwrap();
        assert_eq!(n.rows[0][0], SqlValue::Integer(2));
        let w = run(&c, "DELETE FROM t WHERE a = 1", true).unwrap();
        assert_eq!(w.changes, 1);
    }

    #[test]
    fn rejects_multiple_statements_attach_and_garbage() {
        let c = db();
        assert!(matches!(
            run(&c, "SELECT 1; DELETE FROM t", true),
            Err(Error::Sql { .. })
        ));
        assert!(matches!(
            run(&c, "ATTACH 'other.db' AS o", true),
            Err(Error::Sql { .. })
        ));
        assert!(matches!(run(&c, "SELEKT 1", false), Err(Error::Sql { .. })));
        assert!(matches!(run(&c, "  ; ", false), Err(Error::Sql { .. })));
    }
}
