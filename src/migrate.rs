//! Schema migrations: the SQL files of `migrations/`, embedded at build time.
//!
//! refinery plans and records the migrations. We run it inside one
//! `BEGIN IMMEDIATE` transaction of our own, so that its history table, every
//! pending migration and every history row commit together or not at all, and
//! two concurrent `kb migrate` runs serialise instead of racing.

use refinery_core::{Migration, Runner};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::error::{Error, Result};

/// The SQL files of `migrations/` as (file stem, SQL), listed by build.rs.
const EMBEDDED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

const HISTORY_TABLE: &str = "refinery_schema_history";

/// The migrations built into this binary, in version order.
pub fn runner() -> Runner {
    let migrations: Vec<Migration> = EMBEDDED
        .iter()
        .map(|(name, sql)| Migration::unapplied(name, sql).expect("build.rs lists V<n>__<name> files only"))
        .collect();
    Runner::new(&migrations)
        .set_grouped(true)
        .set_abort_divergent(true)
        .set_abort_missing(true)
}

/// One migration and whether the database has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MigrationInfo {
    pub version: i32,
    pub name: String,
    /// RFC 3339 time it was applied; `None` while pending.
    pub applied_on: Option<String>,
}

/// Where a database stands against the migrations built into this binary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MigrationStatus {
    pub applied: Vec<MigrationInfo>,
    pub pending: Vec<MigrationInfo>,
}

impl MigrationStatus {
    pub fn is_current(&self) -> bool {
        self.pending.is_empty()
    }
}

/// Read the history and compare it with the embedded migrations, without
/// writing anything (works on read-only files).
///
/// Refuses a database that has a migration this build does not know (written
/// by a newer kb) or whose applied migration differs from ours.
pub(crate) fn status(conn: &Connection) -> Result<MigrationStatus> {
    let known = runner().get_migrations().clone();
    let applied = read_history(conn)?;
    let mut status = MigrationStatus {
        applied: Vec::new(),
        pending: Vec::new(),
    };
    for app in &applied {
        match known.iter().find(|m| m.version() == app.version()) {
            None => {
                return Err(Error::SchemaTooNew {
                    version: app.version(),
                    name: app.name().to_owned(),
                    known: known.iter().map(Migration::version).max().unwrap_or(0),
                })
            }
            Some(ours) if ours != app => {
                return Err(Error::MigrationDiverged {
                    version: app.version(),
                    name: app.name().to_owned(),
                })
            }
            Some(_) => status.applied.push(info(app)),
        }
    }
    let mut known = known;
    known.sort();
    for m in known {
        if !applied.iter().any(|a| a.version() == m.version()) {
            status.pending.push(info(&m));
        }
    }
    Ok(status)
}

/// Apply every pending migration in one transaction; returns those applied.
pub(crate) fn run(conn: &mut Connection, path: &std::path::Path) -> Result<Vec<MigrationInfo>> {
    // Check first with our own, clearer errors; nothing is written if the
    // database is incompatible or already current.
    let status = status(conn)?;
    if status.is_current() {
        return Ok(Vec::new());
    }
    // No kb history, but tables or views with the names kb's schema uses:
    // another program's database. Migrating would fail halfway (or worse,
    // mix the two); unrelated tables are left to live beside kb's.
    if status.applied.is_empty() {
        let ours = schema_names();
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name")?
            .query_map([], |r| r.get::<_, String>(0))?
            .filter(|name| name.as_ref().map_or(true, |n| ours.contains(&n.to_lowercase())))
            .collect::<rusqlite::Result<_>>()?;
        if !tables.is_empty() {
            return Err(Error::ForeignDatabase {
                path: path.to_owned(),
                tables,
            });
        }
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let report = runner().run(&mut InTransaction(&tx)).map_err(Error::Migration)?;
    tx.commit()?;
    Ok(report.applied_migrations().iter().map(info).collect())
}

/// Names of the tables, views, indexes and triggers the embedded
/// migrations create (lower case).
fn schema_names() -> std::collections::BTreeSet<String> {
    let mut names = std::collections::BTreeSet::new();
    for m in runner().get_migrations() {
        let sql = m.sql().unwrap_or_default().to_lowercase();
        let words: Vec<&str> = sql.split_whitespace().collect();
        for (i, w) in words.iter().enumerate() {
            if *w != "create" {
                continue;
            }
            // CREATE [UNIQUE|VIRTUAL|TEMP] TABLE|VIEW|INDEX|TRIGGER [IF NOT EXISTS] name
            let rest = words[i + 1..]
                .iter()
                .skip_while(|w| ["unique", "virtual", "temp", "temporary"].contains(w));
            let mut rest = rest.skip(1).skip_while(|w| ["if", "not", "exists"].contains(w));
            if let Some(name) = rest.next() {
                let name = name
                    .split('(')
                    .next()
                    .unwrap_or(name)
                    .trim_matches(['"', '`', '[', ']', ';']);
                if !name.is_empty() {
                    names.insert(name.to_owned());
                }
            }
        }
    }
    names
}

fn info(m: &Migration) -> MigrationInfo {
    MigrationInfo {
        version: m.version(),
        name: m.name().to_owned(),
        applied_on: m.applied_on().and_then(|t| t.format(&Rfc3339).ok()),
    }
}

fn read_history(conn: &Connection) -> Result<Vec<Migration>> {
    let exists = conn
        .query_row(
            "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
            [HISTORY_TABLE],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    if !exists {
        return Ok(Vec::new());
    }
    // A row refinery could not have written (a version past i32, a NULL) is
    // the file's fault, not kb's: name it instead of failing on conversion.
    let bad: Option<String> = conn
        .query_row(
            &format!(
                "SELECT 'version ' || quote(version) || ', name ' || quote(name) FROM {HISTORY_TABLE} \
                 WHERE typeof(version) != 'integer' OR version NOT BETWEEN -2147483648 AND 2147483647 \
                 OR typeof(name) != 'text' OR typeof(applied_on) != 'text' OR checksum IS NULL LIMIT 1"
            ),
            [],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| Error::BadHistory {
            path: Default::default(),
            detail: e.to_string(),
        })?;
    if let Some(detail) = bad {
        return Err(Error::BadHistory {
            path: Default::default(),
            detail,
        });
    }
    Ok(query_history(
        conn,
        &format!("SELECT version, name, applied_on, checksum FROM {HISTORY_TABLE} ORDER BY version"),
    )?)
}

fn query_history(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<Migration>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i32>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (version, name, applied_on, checksum) = row?;
        // A history row we cannot parse was not written by refinery: treat the
        // migration as foreign, which refuses the database untouched.
        let applied_on = OffsetDateTime::parse(&applied_on, &Rfc3339).unwrap_or(OffsetDateTime::UNIX_EPOCH);
        let checksum = checksum.parse::<u64>().unwrap_or(0);
        out.push(Migration::applied(version, name, applied_on, checksum));
    }
    Ok(out)
}

/// Lets refinery run its statements inside a transaction we already opened,
/// instead of opening (and committing) its own per step.
struct InTransaction<'a>(&'a rusqlite::Transaction<'a>);

impl refinery_core::Migrate for InTransaction<'_> {}

impl refinery_transaction::Transaction for InTransaction<'_> {
    type Error = rusqlite::Error;

    fn execute<'q, T: Iterator<Item = &'q str>>(&mut self, queries: T) -> Result<usize, Self::Error> {
        let mut count = 0;
        for query in queries {
            self.0.execute_batch(query)?;
            count += 1;
        }
        Ok(count)
    }
}

impl refinery_transaction::Query<Vec<Migration>> for InTransaction<'_> {
    fn query(&mut self, query: &str) -> Result<Vec<Migration>, Self::Error> {
        query_history(self.0, query)
    }
}

/// refinery's synchronous driver traits.
mod refinery_transaction {
    pub use refinery_core::traits::sync::{Query, Transaction};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_names_cover_what_the_migrations_create() {
        let names = schema_names();
        for name in [
            "condition",
            "cause",
            "type_cause",
            "quote_search",
            "causes_by_type",
        ] {
            assert!(names.contains(name), "{name} missing from {names:?}");
        }
        assert!(!names.contains("if") && !names.contains("table"));
    }

    #[test]
    fn migrates_once_then_is_current() {
        let mut conn = crate::db::open_in_memory().unwrap();
        let before = status(&conn).unwrap();
        assert!(before.applied.is_empty());
        assert!(!before.pending.is_empty());
        let applied = run(&mut conn, std::path::Path::new(":memory:")).unwrap();
        assert_eq!(applied.len(), before.pending.len());
        assert!(run(&mut conn, std::path::Path::new(":memory:"))
            .unwrap()
            .is_empty());
        let after = status(&conn).unwrap();
        assert!(after.is_current());
        assert_eq!(after.applied.len(), before.pending.len());
    }

    /// V4 rebuilds the fact tables: a seeded V3 database comes through with
    /// every fact, key and quote, and keeps working (reseed, prune).
    #[test]
    fn v4_keeps_a_seeded_v3_database_whole() {
        let mut conn = crate::db::open_in_memory().unwrap();
        {
            let tx = conn.transaction().unwrap();
            runner()
                .set_target(refinery_core::Target::Version(3))
                .run(&mut InTransaction(&tx))
                .unwrap();
            tx.commit().unwrap();
        }
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/shared");
        let mut files: Vec<(String, Vec<u8>)> = crate::Source::from_dir(dir)
            .unwrap()
            .file_names()
            .map(|n| (n.to_owned(), std::fs::read(format!("{dir}/{n}")).unwrap()))
            .collect();
        let builtin = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
        for n in ["calcinosis-cutis.txt", "calcinosis-cutis.json"] {
            files.push((n.to_owned(), std::fs::read(format!("{builtin}/{n}")).unwrap()));
        }
        let source = crate::Source::from_files("fixtures", files);
        crate::seed::run(&mut conn, &source, Default::default(), &mut |_| {}).unwrap();
        let snapshot = |conn: &Connection| -> Vec<String> {
            let mut out = Vec::new();
            for table in [
                "condition_source",
                "type_source",
                "type_cause",
                "condition_cause",
                "condition_symptom",
                "condition_treatment",
                "treatment_note",
                "alias",
                "quote",
            ] {
                let sql = format!("SELECT * FROM {table} ORDER BY 1, 2, 3");
                let mut stmt = conn.prepare(&sql).unwrap();
                let n = stmt.column_count();
                let rows = stmt
                    .query_map([], |r| {
                        (0..n)
                            .map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}")))
                            .collect::<rusqlite::Result<Vec<_>>>()
                    })
                    .unwrap();
                for row in rows {
                    out.push(format!("{table}: {}", row.unwrap().join(", ")));
                }
            }
            out.sort();
            out
        };
        let before = snapshot(&conn);
        assert!(before.len() > 100, "{}", before.len());
        let applied = run(&mut conn, std::path::Path::new(":memory:")).unwrap();
        // V4, then V5 (codes), V6 (seed inputs), V7 (item bits), V8
        // (deferred full-text entries, file metadata) and V9 (list items'
        // codes).
        assert_eq!(
            applied.iter().map(|m| m.version).collect::<Vec<_>>(),
            [4, 5, 6, 7, 8, 9]
        );
        assert_eq!(snapshot(&conn), before);
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        let violations: i64 = conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(violations, 0);
        // The FTS indexes were rebuilt and the alias triggers recreated.
        let heel: i64 = conn
            .query_row(
                "SELECT count(*) FROM quote_search WHERE quote_search MATCH 'heel'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(heel > 0);
        // The first seed after V5 adds the symptoms' HPO codes, and after V6
        // what each document was read from; no fact changes.
        let summary = crate::seed::run(&mut conn, &source, Default::default(), &mut |_| {}).unwrap();
        let changed: Vec<&String> = summary
            .tables
            .iter()
            .filter(|(_, c)| c.changed())
            .map(|(t, _)| t)
            .collect();
        assert_eq!(
            changed,
            ["code", "document_input", "symptom_code", "symptom_code_gap"],
            "only codes (V5, V9) and inputs (V6) change"
        );
        let summary = crate::seed::run(&mut conn, &source, Default::default(), &mut |_| {}).unwrap();
        assert!(!summary.changed, "reseeding the same files changes nothing");
        // Deleting a document cascades through the new keys.
        conn.execute("DELETE FROM document WHERE slug = 'contact-rash'", [])
            .unwrap();
        let left: i64 = conn
            .query_row(
                "SELECT count(*) FROM facts WHERE document_id NOT IN (SELECT id FROM document)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(left, 0);
        let aliases: i64 = conn
            .query_row(
                "SELECT count(*) FROM name_search WHERE rowid % 8 = 5 AND alias_id NOT IN (SELECT id FROM alias)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(aliases, 0, "alias triggers keep name_search in step");
    }

    #[test]
    fn refuses_unknown_and_divergent_history() {
        let mut conn = crate::db::open_in_memory().unwrap();
        run(&mut conn, std::path::Path::new(":memory:")).unwrap();
        conn.execute(
            "INSERT INTO refinery_schema_history VALUES (9999, 'from_the_future', '2030-01-01T00:00:00Z', '1')",
            [],
        )
        .unwrap();
        assert!(matches!(
            status(&conn),
            Err(Error::SchemaTooNew { version: 9999, .. })
        ));
        conn.execute("DELETE FROM refinery_schema_history WHERE version = 9999", [])
            .unwrap();
        conn.execute(
            "UPDATE refinery_schema_history SET checksum = '42' WHERE version = 1",
            [],
        )
        .unwrap();
        assert!(matches!(
            run(&mut conn, std::path::Path::new(":memory:")),
            Err(Error::MigrationDiverged { version: 1, .. })
        ));
    }
}
