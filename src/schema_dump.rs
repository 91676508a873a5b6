//! The schema snapshot: a database's schema as text, byte for byte what the
//! `sqlite3` shell's `.schema` prints, so the top-level `schema.sql` can be
//! compared with a freshly migrated database and read without replaying the
//! migrations.

use std::ffi::c_int;

use rusqlite::Connection;

use crate::error::Result;

/// Every schema object of the main database with its SQL, in creation order
/// (the shell's order), each statement ended by `;` and a newline.
pub(crate) fn dump(conn: &Connection) -> Result<String> {
    let mut stmt = conn.prepare(
        "SELECT type, name, sql FROM main.sqlite_schema
         WHERE type <> 'meta' AND sql IS NOT NULL ORDER BY rowid",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = String::new();
    for (kind, name, sql) in rows {
        let mut text = sql;
        // Views and virtual tables get their columns in a comment, which is
        // all a reader needs to query them.
        if kind == "view" || text.starts_with("CREATE VIRTUAL TABLE ") {
            if let Some(columns) = fake_schema(conn, &name)? {
                text = format!("{text}\n/* {columns} */");
            }
        }
        // SQLite stores the shadow tables of virtual tables with a quoted
        // name; the shell makes them safe to replay next to their owner.
        if text.starts_with("CREATE TABLE '") || text.starts_with("CREATE TABLE \"") {
            text = format!("CREATE TABLE IF NOT EXISTS {}", &text["CREATE TABLE ".len()..]);
        }
        out.push_str(&text);
        out.push_str(";\n");
    }
    Ok(out)
}

/// `name(col,col,...)`, names quoted where the shell quotes them; `None`
/// for an object without columns.
fn fake_schema(conn: &Connection, name: &str) -> Result<Option<String>> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1, 'main') ORDER BY cid")?;
    let columns = stmt
        .query_map([name], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if columns.is_empty() {
        return Ok(None);
    }
    let columns: Vec<String> = columns.iter().map(|c| quoted(c)).collect();
    Ok(Some(format!("{}({})", quoted(name), columns.join(","))))
}

/// An identifier as the shell writes it: bare when it is a plain word that is
/// not an SQL keyword, else in double quotes.
fn quoted(id: &str) -> String {
    let plain = id
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain && !is_keyword(id) {
        id.to_owned()
    } else {
        format!("\"{}\"", id.replace('"', "\"\""))
    }
}

fn is_keyword(word: &str) -> bool {
    let Ok(len) = c_int::try_from(word.len()) else {
        return false;
    };
    // SAFETY: the pointer and length describe a live string; SQLite only
    // reads that many bytes.
    unsafe { rusqlite::ffi::sqlite3_keyword_check(word.as_ptr().cast(), len) != 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The command that rewrites the snapshot, named in the failure.
    const REGENERATE: &str = "cargo run -- migrate --dump-schema schema.sql";

    #[test]
    fn schema_sql_matches_a_freshly_migrated_database() {
        let mut kb = crate::Kb::open_in_memory().unwrap();
        kb.migrate().unwrap();
        let fresh = kb.schema_sql().unwrap();
        let snapshot = include_str!("../schema.sql");
        if fresh != snapshot {
            let line = fresh
                .lines()
                .zip(snapshot.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(fresh.lines().count().min(snapshot.lines().count()));
            panic!(
                "schema.sql is stale (first difference at line {}): the migrations now build a different \
                 schema. Regenerate it with `{REGENERATE}`, review the diff and commit it.",
                line + 1
            );
        }
    }

    #[test]
    fn snapshot_has_no_strict_tables() {
        // Clients older than SQLite 3.37 cannot open a database with one.
        let snapshot = include_str!("../schema.sql");
        assert!(!snapshot.contains("STRICT"), "schema.sql has a STRICT table");
        assert!(
            snapshot.contains("CREATE TABLE document"),
            "schema.sql looks empty"
        );
    }

    #[test]
    fn views_and_shadow_tables_are_written_like_the_shell() {
        // What sqlite3 3.40's `.schema` prints for the same statements.
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE t (a, \"select\", \"b c\");
             CREATE VIEW v AS SELECT a, \"select\", \"b c\" FROM t -- ends in a comment
             ;
             CREATE VIRTUAL TABLE f USING fts5(x);",
        )
        .unwrap();
        let text = dump(&conn).unwrap();
        let expected = "CREATE TABLE t (a, \"select\", \"b c\");
CREATE VIEW v AS SELECT a, \"select\", \"b c\" FROM t -- ends in a comment
/* v(a,\"select\",\"b c\") */;
CREATE VIRTUAL TABLE f USING fts5(x)
/* f(x) */;
CREATE TABLE IF NOT EXISTS 'f_data'(id INTEGER PRIMARY KEY, block BLOB);
CREATE TABLE IF NOT EXISTS 'f_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS 'f_content'(id INTEGER PRIMARY KEY, c0);
CREATE TABLE IF NOT EXISTS 'f_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE IF NOT EXISTS 'f_config'(k PRIMARY KEY, v) WITHOUT ROWID;
";
        assert_eq!(text, expected);
    }
}
