//! Unit and property tests of the ad-hoc SQL guard (`sql.rs`).

use super::*;
use proptest::prelude::*;

fn db() -> Connection {
    let c = crate::db::open_in_memory().unwrap();
    c.execute_batch(
        "CREATE TABLE t(a INTEGER, b TEXT, c REAL, d BLOB); CREATE INDEX t_a ON t(a); \
         INSERT INTO t VALUES (1, 'x', 1.5, x'0aff'), (NULL, NULL, NULL, NULL);",
    )
    .unwrap();
    c
}

fn read(c: &Connection, sql: &str) -> Result<SqlResult> {
    run(c, sql, false, &SqlOptions::default())
}

fn write(c: &Connection, sql: &str) -> Result<SqlResult> {
    run(c, sql, true, &SqlOptions::default())
}

/// Everything a statement could change, as one string.
fn fingerprint(c: &Connection) -> String {
    c.query_row(
        "SELECT (SELECT group_concat(quote(a) || quote(b) || quote(c) || quote(d), '|') FROM t) \
         || '/' || (SELECT group_concat(name) FROM sqlite_schema) \
         || '/' || (SELECT user_version FROM pragma_user_version)",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn refusals_say_why_in_plain_words() {
    let conn = db();
    let message = |sql: &str| match write(&conn, sql) {
        Err(Error::Sql { message, .. }) => message,
        other => panic!("{sql}: {other:?}"),
    };
    assert!(message("ATTACH 'x.db' AS x").contains("ATTACH and VACUUM INTO are disabled"));
    assert!(message("VACUUM INTO 'copy.db'").contains("disabled"));
    assert!(message("-- only a comment").contains("no statement"));
    assert!(message("/**/BEGIN").contains("transaction control"));
}

#[test]
fn reads_every_value_type() {
    let r = read(&db(), "SELECT a, b, c, d FROM t ORDER BY a DESC").unwrap();
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
        "CREATE TABLE u(x)",
    ] {
        assert!(matches!(read(&c, sql), Err(Error::WriteRefused)), "{sql}");
    }
    let n = read(&c, "SELECT count(*) FROM t").unwrap();
    assert_eq!(n.rows[0][0], SqlValue::Integer(2));
    let w = write(&c, "DELETE FROM t WHERE a = 1").unwrap();
    assert_eq!(w.changes, 1);
}

/// Issue 11, failure 5: the guard read only the first word.
#[test]
fn transaction_control_is_refused_however_it_is_spelled_and_never_left_open() {
    let c = db();
    for sql in [
        "BEGIN",
        "/**/BEGIN",
        "-- x\nbegin immediate",
        "  /* a */ /* b */ Begin Exclusive Transaction;",
        "SAVEPOINT s",
        "/**/COMMIT",
        "END",
        "ROLLBACK",
    ] {
        for allow in [false, true] {
            let r = run(&c, sql, allow, &SqlOptions::default());
            assert!(
                matches!(&r, Err(Error::Sql { message, .. }) if message.contains("transaction")),
                "{sql} ({allow}): {r:?}"
            );
            assert!(c.is_autocommit(), "{sql} left a transaction open");
        }
    }
}

/// Issue 11, failure 11: a read of the journal mode was refused.
#[test]
fn pragma_reads_are_allowed_and_pragma_writes_refused() {
    let c = db();
    let mode = read(&c, "PRAGMA journal_mode").unwrap();
    assert_eq!(mode.rows[0][0], SqlValue::Text("memory".into()));
    read(&c, "PRAGMA main.journal_mode").unwrap();
    read(&c, "PRAGMA table_info(t)").unwrap();
    read(&c, "SELECT * FROM pragma_journal_mode").unwrap();
    for sql in [
        "PRAGMA journal_mode = WAL",
        "PRAGMA journal_mode=delete",
        "PRAGMA user_version = 3",
        "PRAGMA wal_checkpoint",
    ] {
        assert!(matches!(read(&c, sql), Err(Error::WriteRefused)), "{sql}");
    }
}

#[test]
fn explain_describes_a_write_without_running_it() {
    let c = db();
    let before = fingerprint(&c);
    read(&c, "EXPLAIN DELETE FROM t").unwrap();
    read(&c, "EXPLAIN QUERY PLAN DELETE FROM t WHERE a = 1").unwrap();
    read(&c, "EXPLAIN BEGIN").unwrap();
    assert_eq!(fingerprint(&c), before);
    assert!(c.is_autocommit());
}

#[test]
fn rejects_multiple_statements_attach_and_garbage() {
    let c = db();
    assert!(matches!(
        write(&c, "SELECT 1; DELETE FROM t"),
        Err(Error::Sql { .. })
    ));
    assert!(matches!(
        write(&c, "ATTACH 'other.db' AS o"),
        Err(Error::Sql { .. })
    ));
    assert!(matches!(read(&c, "SELEKT 1"), Err(Error::Sql { .. })));
    assert!(matches!(read(&c, "  ; "), Err(Error::Sql { .. })));
}

/// Issue 11, failure 2: a statement that never ends.
#[test]
fn a_runaway_statement_stops_at_its_time_limit() {
    let c = db();
    let options = SqlOptions {
        timeout: Some(Duration::from_millis(300)),
        ..SqlOptions::default()
    };
    let t = Instant::now();
    let r = run(
        &c,
        "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT count(*) FROM r",
        false,
        &options,
    );
    assert!(matches!(r, Err(Error::Timeout { .. })), "{r:?}");
    assert!(t.elapsed() < Duration::from_secs(3), "took {:?}", t.elapsed());
    // The connection is usable afterwards.
    assert_eq!(read(&c, "SELECT 1").unwrap().rows[0][0], SqlValue::Integer(1));
    assert!(c.is_autocommit());
}

#[test]
fn time_spent_writing_rows_out_does_not_count() {
    struct Slow;
    impl RowSink for Slow {
        fn columns(&mut self, _: &[String]) -> Result<()> {
            Ok(())
        }
        fn row(&mut self, _: &[SqlValue]) -> Result<()> {
            std::thread::sleep(Duration::from_millis(60));
            Ok(())
        }
    }
    let c = db();
    let options = SqlOptions {
        timeout: Some(Duration::from_millis(200)),
        ..SqlOptions::default()
    };
    let sql = "WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < 8) SELECT x FROM r";
    stream(&c, sql, false, &options, &mut Slow).unwrap();
}

#[test]
fn parameters_bind_by_name_or_position_and_must_all_be_given() {
    let c = db();
    let with = |params: Vec<(&str, SqlValue)>| SqlOptions {
        params: params.into_iter().map(|(n, v)| (n.to_owned(), v)).collect(),
        ..SqlOptions::default()
    };
    let sql = "SELECT b FROM t WHERE a = :a";
    let r = run(&c, sql, false, &with(vec![("a", SqlValue::Text("1".into()))])).unwrap();
    assert_eq!(r.rows, [[SqlValue::Text("x".into())]]);
    let r = run(&c, sql, false, &with(vec![(":a", SqlValue::Integer(1))])).unwrap();
    assert_eq!(r.rows.len(), 1);
    let r = run(
        &c,
        "SELECT ?1 || ?2",
        false,
        &with(vec![
            ("1", SqlValue::Text("a".into())),
            ("2", SqlValue::Text("b".into())),
        ]),
    )
    .unwrap();
    assert_eq!(r.rows[0][0], SqlValue::Text("ab".into()));
    let missing = run(&c, sql, false, &SqlOptions::default()).unwrap_err();
    assert!(missing.to_string().contains(":a has no value"), "{missing}");
    let unknown = run(
        &c,
        sql,
        false,
        &with(vec![("a", SqlValue::Null), ("zz", SqlValue::Null)]),
    )
    .unwrap_err();
    assert!(unknown.to_string().contains("no parameter 'zz'"), "{unknown}");
}

#[test]
fn duplicate_columns_are_made_unique_in_order() {
    assert_eq!(unique_columns(&["a", "a", "b", "a"]), ["a", "a_2", "b", "a_3"]);
    // A later real column named a_2 keeps its name; the duplicate moves on.
    assert_eq!(unique_columns(&["a", "a", "a_2"]), ["a", "a_3", "a_2"]);
    let r = read(&db(), "SELECT 1 AS a, 2 AS a").unwrap();
    assert_eq!(r.columns, ["a", "a_2"]);
}

/// How a generated statement should be treated by a read-only run.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Read,
    Write,
    Transaction,
}

const STATEMENTS: &[(Kind, &str)] = &[
    (Kind::Read, "SELECT a, b FROM t"),
    (Kind::Read, "WITH x AS (SELECT 1 AS n) SELECT n FROM x"),
    (Kind::Read, "VALUES (1), (2)"),
    (Kind::Read, "PRAGMA journal_mode"),
    (Kind::Read, "PRAGMA table_info(t)"),
    (Kind::Read, "PRAGMA user_version"),
    (Kind::Read, "EXPLAIN DELETE FROM t"),
    (Kind::Read, "EXPLAIN QUERY PLAN UPDATE t SET a = 2"),
    (Kind::Read, "EXPLAIN BEGIN"),
    (Kind::Write, "DELETE FROM t"),
    (Kind::Write, "INSERT INTO t(a) VALUES (7)"),
    (Kind::Write, "REPLACE INTO t(a) VALUES (8)"),
    (Kind::Write, "UPDATE t SET b = 'y'"),
    (Kind::Write, "WITH x AS (SELECT 1) DELETE FROM t"),
    (Kind::Write, "CREATE TABLE u(x)"),
    (Kind::Write, "CREATE VIEW v AS SELECT 1"),
    (Kind::Write, "DROP TABLE t"),
    (Kind::Write, "ALTER TABLE t ADD COLUMN e"),
    (Kind::Write, "PRAGMA user_version = 9"),
    (Kind::Write, "PRAGMA journal_mode = OFF"),
    (Kind::Write, "VACUUM"),
    (Kind::Write, "REINDEX"),
    (Kind::Write, "ANALYZE"),
    (Kind::Transaction, "BEGIN"),
    (Kind::Transaction, "BEGIN IMMEDIATE"),
    (Kind::Transaction, "BEGIN EXCLUSIVE TRANSACTION"),
    (Kind::Transaction, "BEGIN DEFERRED"),
    (Kind::Transaction, "COMMIT"),
    (Kind::Transaction, "END TRANSACTION"),
    (Kind::Transaction, "ROLLBACK"),
    (Kind::Transaction, "SAVEPOINT sp"),
    (Kind::Transaction, "RELEASE sp"),
    (Kind::Transaction, "ROLLBACK TO sp"),
];

/// White space and comments SQLite skips before or after a statement.
fn filler() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            " ",
            "\n",
            "\t",
            "/**/",
            "/* x; BEGIN */",
            "-- BEGIN;\n",
            "--\n",
        ]),
        0..4,
    )
    .prop_map(|parts| parts.concat())
}

fn statement() -> impl Strategy<Value = (Kind, String)> {
    (
        filler(),
        prop::sample::select(STATEMENTS.to_vec()),
        prop::collection::vec(any::<bool>(), 64),
        filler(),
        any::<bool>(),
    )
        .prop_map(|(before, (kind, sql), upper, after, semicolon)| {
            // Keywords and names are case-insensitive: vary the case.
            let cased: String = sql
                .chars()
                .enumerate()
                .map(|(i, ch)| {
                    if upper[i % upper.len()] {
                        ch.to_ascii_uppercase()
                    } else {
                        ch.to_ascii_lowercase()
                    }
                })
                .collect();
            let end = if semicolon { ";" } else { "" };
            (kind, format!("{before}{cased}{end}{after}"))
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A read-only run reads, refuses writes and transaction control, never
    /// changes the data and never leaves the handle in a transaction.
    #[test]
    fn the_guard_judges_by_what_sqlite_prepares((kind, sql) in statement()) {
        let c = db();
        let before = fingerprint(&c);
        let outcome = read(&c, &sql);
        match kind {
            Kind::Read => prop_assert!(outcome.is_ok(), "{:?}: {:?}", sql, outcome),
            Kind::Write => prop_assert!(matches!(outcome, Err(Error::WriteRefused)), "{:?}: {:?}", sql, outcome),
            Kind::Transaction => prop_assert!(
                matches!(&outcome, Err(Error::Sql { message, .. }) if message.contains("transaction")),
                "{:?}: {:?}", sql, outcome
            ),
        }
        prop_assert_eq!(fingerprint(&c), before);
        prop_assert!(c.is_autocommit());
    }

    /// With writes allowed, transaction control is still refused and no
    /// statement leaves a transaction open.
    #[test]
    fn writes_never_leave_a_transaction_open((kind, sql) in statement()) {
        let c = db();
        let outcome = write(&c, &sql);
        if kind == Kind::Transaction {
            prop_assert!(outcome.is_err(), "{:?}", sql);
        }
        prop_assert!(c.is_autocommit(), "{:?} left a transaction open", sql);
    }
}
