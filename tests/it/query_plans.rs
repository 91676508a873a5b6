//! Query plans of the per-condition questions, on a seeded synthetic corpus:
//! every statement they run is answered from indexes alone. Fact tables and
//! `item_conditions` are searched through a covering index or their primary
//! key (never a table row fetched after an index entry, never a scan), and
//! `item_conditions` by item; entity rows (conditions, their types, items,
//! documents) are read by their key. The only
//! scans are of a query's own inputs: `json_each` over ids, the FTS index.

use std::sync::Mutex;

use kb::{Kb, Source};

/// Tables whose rows are facts or derived from them: thousands per item.
const FACT_TABLES: [&str; 11] = [
    "type_cause",
    "condition_cause",
    "condition_symptom",
    "condition_treatment",
    "type_source",
    "condition_source",
    "treatment_note",
    "alias",
    "quote",
    "item_conditions",
    "symptom_code",
];

fn seeded() -> (tempfile::TempDir, Kb, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    kb_devtools::synth::write_corpus(&corpus, 13, 150).unwrap();
    let db = dir.path().join("kb.sqlite3");
    let mut kb = Kb::open(&db).unwrap();
    kb.migrate().unwrap();
    kb.seed(&Source::from_dir(&corpus).unwrap()).unwrap();
    let names = (0..150)
        .step_by(37)
        .map(|i| {
            kb_devtools::synth::article(13, i).truth.conditions[0]
                .name
                .clone()
        })
        .collect();
    (dir, kb, names)
}

/// The statements one call runs, captured with SQLite's trace hook (set
/// through the C API: `Kb` lends its connection only by shared reference).
fn traced(kb: &Kb, call: impl FnOnce(&Kb)) -> Vec<String> {
    use rusqlite::ffi;
    use std::os::raw::{c_int, c_uint, c_void};

    unsafe extern "C" fn on_statement(
        _: c_uint,
        sink: *mut c_void,
        stmt: *mut c_void,
        _: *mut c_void,
    ) -> c_int {
        // SAFETY: SQLite passes the statement being run and our sink back.
        let (sink, sql) = unsafe {
            (
                &*(sink as *const Mutex<Vec<String>>),
                ffi::sqlite3_sql(stmt as *mut ffi::sqlite3_stmt),
            )
        };
        if !sql.is_null() {
            // SAFETY: a NUL-terminated string owned by the statement.
            let sql = unsafe { std::ffi::CStr::from_ptr(sql) }.to_string_lossy();
            // Trigger programs report as comments, FTS5's reads of its own
            // tables name their schema: neither is ours.
            if !sql.starts_with("--") && !sql.contains("'main'.") {
                sink.lock().unwrap().push(sql.into_owned());
            }
        }
        0
    }

    let sink = Mutex::new(Vec::<String>::new());
    // SAFETY: the hook is removed before `sink` goes out of scope, and the
    // connection outlives both calls.
    unsafe {
        let db = kb.connection().handle();
        let set = ffi::sqlite3_trace_v2(
            db,
            ffi::SQLITE_TRACE_STMT as c_uint,
            Some(on_statement),
            &sink as *const Mutex<Vec<String>> as *mut c_void,
        );
        assert_eq!(set, ffi::SQLITE_OK);
        call(kb);
        ffi::sqlite3_trace_v2(db, 0, None, std::ptr::null_mut());
    }
    let mut out = sink.into_inner().unwrap();
    out.sort();
    out.dedup();
    out
}

/// Table aliases in `sql` that stand for a fact table (and the tables'
/// own names), as query plans name them.
fn fact_aliases(sql: &str) -> Vec<String> {
    let words: Vec<&str> = sql.split_whitespace().collect();
    let mut out: Vec<String> = FACT_TABLES.iter().map(|t| t.to_string()).collect();
    for w in words.windows(3) {
        if ["FROM", "JOIN"].iter().any(|k| w[0].eq_ignore_ascii_case(k)) && FACT_TABLES.contains(&w[1]) {
            out.push(w[2].trim_end_matches([')', ',']).to_owned());
        }
    }
    out
}

/// Plan lines of `sql` that read more than indexes.
fn not_index_only(kb: &Kb, sql: &str) -> Vec<String> {
    let aliases = fact_aliases(sql);
    let mut stmt = kb
        .connection()
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap();
    // Traced SQL keeps its parameters; the plan is made without values.
    let nulls = vec![rusqlite::types::Null; stmt.parameter_count()];
    let plan: Vec<String> = stmt
        .query_map(rusqlite::params_from_iter(nulls), |r| r.get(3))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    plan.into_iter()
        .filter(|d| {
            let mut words = d.split_whitespace();
            let (op, table) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
            match op {
                "SCAN" => !(d.contains("VIRTUAL TABLE") || table == "CONSTANT"),
                "SEARCH" if aliases.iter().any(|a| a == table) => {
                    let keyed = d.contains(" USING COVERING INDEX ")
                        || d.contains(" USING PRIMARY KEY ")
                        || d.contains(" USING INTEGER PRIMARY KEY ");
                    // The bit sets are read one item at a time, never all
                    // rows of a kind.
                    let by_item = !d.contains("item_conditions") && table != "ic" || d.contains("item_id=?");
                    !(keyed && by_item)
                }
                "SEARCH" => {
                    !(d.contains(" USING INTEGER PRIMARY KEY ")
                        || d.contains(" USING COVERING INDEX ")
                        || d.contains(" USING INDEX sqlite_autoindex_"))
                }
                _ => false,
            }
        })
        .collect()
}

#[test]
fn per_condition_queries_read_indexes_only() {
    let (_dir, kb, names) = seeded();
    type Call<'a> = Box<dyn Fn(&Kb) + 'a>;
    let mut calls: Vec<(String, Call)> = Vec::new();
    for name in &names {
        calls.push((
            format!("find {name}"),
            Box::new(move |kb| drop(kb.find_condition(name).unwrap())),
        ));
        calls.push((
            format!("related top {name}"),
            Box::new(move |kb| drop(kb.related_conditions_top(name, 10).unwrap())),
        ));
        calls.push((
            format!("related {name}"),
            Box::new(move |kb| drop(kb.related_conditions(name).unwrap())),
        ));
        calls.push((
            format!("shared across types {name}"),
            Box::new(move |kb| drop(kb.shared_causes_across_types(name).unwrap())),
        ));
        calls.push((
            format!("unique to type {name}"),
            Box::new(move |kb| drop(kb.causes_unique_to_type(name).unwrap())),
        ));
    }
    calls.push((
        "match".into(),
        Box::new(|kb| drop(kb.match_symptoms(&["itching", "blisters"]).unwrap())),
    ));
    calls.push((
        "match top".into(),
        Box::new(|kb| drop(kb.match_symptoms_top(&["itchy skin", "blisters"], 10).unwrap())),
    ));
    let mut checked = 0;
    for (what, call) in calls {
        let statements = traced(&kb, call);
        assert!(!statements.is_empty(), "{what}: no statement traced");
        for sql in statements {
            let bad = not_index_only(&kb, &sql);
            assert!(bad.is_empty(), "{what}: {bad:?}\nin: {sql}");
            checked += 1;
        }
    }
    assert!(checked >= 40, "only {checked} statements checked");
}

/// The check catches what it is there to catch, so a pass means something.
#[test]
fn the_plan_check_catches_scans_row_fetches_and_reads_of_a_whole_kind() {
    let (_dir, kb, _) = seeded();
    for sql in [
        // A scan of a fact table's index.
        "SELECT count(*) FROM condition_symptom WHERE symptom_id + 0 > 0",
        // A table scan of an entity table.
        "SELECT id FROM symptom WHERE name LIKE '%itch%'",
        // An index entry, then the table row for a column it lacks.
        "SELECT quote_id FROM condition_symptom WHERE symptom_id = 1 AND quote_id > 0",
        // Every symptom's bit sets, probed for a code (the join order the
        // planner picked before it was pinned).
        "SELECT ic.block, ic.bits FROM item_conditions ic JOIN symptom_code sc \
         ON ic.kind = 'symptom' AND ic.item_id = sc.symptom_id WHERE sc.code_id = 1 \
         AND ic.kind = 'symptom' ORDER BY ic.item_id",
    ] {
        assert!(!not_index_only(&kb, sql).is_empty(), "not caught: {sql}");
    }
    let fine = "SELECT block, bits FROM item_conditions WHERE kind = 'cause' AND item_id = 3";
    assert!(not_index_only(&kb, fine).is_empty());
}
