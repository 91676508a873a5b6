//! Multi-row inserts of a seed's batches (issue 13, round 7): the rows,
//! their order and their rowids are those of one insert per row, for every
//! count of rows (each statement size and remainder), NULLs included, and
//! a failing row fails the call.

use kb::seed::insert_rows;
use rusqlite::types::Value;
use rusqlite::Connection;

fn table() -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT UNIQUE, b INTEGER);
         CREATE TABLE one_by_one (id INTEGER PRIMARY KEY, a TEXT UNIQUE, b INTEGER);",
    )
    .unwrap();
    conn
}

fn rows(conn: &Connection, table: &str) -> Vec<(i64, String, Option<i64>)> {
    conn.prepare(&format!("SELECT id, a, b FROM {table} ORDER BY id"))
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn every_count_writes_the_rows_of_single_inserts() {
    // Around each statement size (256, 64, 16, 4, 1) and their sums.
    for n in [
        0, 1, 2, 3, 4, 5, 15, 16, 17, 21, 63, 64, 65, 84, 85, 127, 128, 129, 250, 255, 256, 257, 320, 341,
        512, 597,
    ] {
        let conn = table();
        let mut values = Vec::new();
        for i in 0..n {
            // Rowids left to SQLite, so their order shows the insert order.
            values.push(Value::Text(format!("row {}", (i * 7919) % 1000)));
            values.push(if i % 3 == 0 {
                Value::Null
            } else {
                Value::Integer(i as i64)
            });
            conn.execute(
                "INSERT INTO one_by_one (a, b) VALUES (?1, ?2)",
                rusqlite::params![
                    format!("row {}", (i * 7919) % 1000),
                    if i % 3 == 0 { None } else { Some(i as i64) }
                ],
            )
            .unwrap();
        }
        insert_rows(&conn, "INSERT INTO t (a, b)", 2, &mut values).unwrap();
        assert!(values.is_empty(), "{n} rows: values left");
        let got = rows(&conn, "t");
        assert_eq!(got.len(), n, "{n} rows");
        assert_eq!(got, rows(&conn, "one_by_one"), "{n} rows");
    }
}

#[test]
fn a_failing_row_fails_the_call() {
    let conn = table();
    let mut values = Vec::new();
    for i in 0..70 {
        // Row 66 repeats row 1's unique value.
        let a = if i == 66 { 1 } else { i };
        values.extend([Value::Text(format!("{a}")), Value::Integer(i)]);
    }
    assert!(insert_rows(&conn, "INSERT INTO t (a, b)", 2, &mut values).is_err());
    // The statement that failed wrote nothing; those before it stand (the
    // seed's transaction rolls back as a whole).
    assert_eq!(rows(&conn, "t").len(), 64);
}
