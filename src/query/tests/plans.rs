//! Query plans: every statement the query API runs is traced, and none may
//! scan a fact table in full.

use std::sync::{Arc, Mutex};

use super::*;

/// The statements one call runs, captured with SQLite's trace hook.
fn traced(kb: &mut Kb, call: impl FnOnce(&Kb)) -> Vec<String> {
    use rusqlite::trace::{TraceEvent, TraceEventCodes};
    let statements = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink = statements.clone();
    kb.conn
        .trace_v2(
            TraceEventCodes::SQLITE_TRACE_STMT,
            Some(move |event: TraceEvent<'_>| {
                if let TraceEvent::Stmt(stmt, sql) = event {
                    // Trigger programs report as comments; they are not ours.
                    if !sql.starts_with("--") {
                        sink.lock()
                            .unwrap()
                            .push(stmt.expanded_sql().unwrap_or_else(|| sql.to_owned()));
                    }
                }
            }),
        )
        .unwrap();
    call(kb);
    kb.conn
        .trace_v2(TraceEventCodes::empty(), None::<fn(TraceEvent<'_>)>)
        .unwrap();
    let mut out = statements.lock().unwrap().clone();
    out.sort();
    out.dedup();
    out
}

const FACT_TABLES: [&str; 9] = [
    "type_cause",
    "condition_cause",
    "condition_symptom",
    "condition_treatment",
    "type_source",
    "condition_source",
    "treatment_note",
    "alias",
    "quote",
];

/// The fact tables a statement reads, under the names its query plan uses
/// (the alias after `FROM table` / `JOIN table`, or the table itself).
fn fact_aliases(sql: &str) -> Vec<String> {
    let words: Vec<&str> = sql.split_whitespace().collect();
    let mut out = Vec::new();
    for w in words.windows(3) {
        if (w[0].eq_ignore_ascii_case("FROM") || w[0].eq_ignore_ascii_case("JOIN"))
            && FACT_TABLES.contains(&w[1])
        {
            out.push(w[1].to_owned());
            let keyword = ["ON", "WHERE", "JOIN", "GROUP", "ORDER", "UNION", "LEFT", "LIMIT"]
                .iter()
                .any(|k| w[2].eq_ignore_ascii_case(k));
            if !keyword {
                out.push(w[2].trim_end_matches([')', ',']).to_owned());
            }
        }
    }
    out
}

/// Query-plan lines that scan a fact table; with `allow_index_scan`, a walk
/// of an index (needed by questions about all facts) is accepted.
fn fact_scans(kb: &Kb, sql: &str, allow_index_scan: bool) -> Vec<String> {
    let aliases = fact_aliases(sql);
    let mut stmt = kb.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let details: Vec<String> = stmt
        .query_map([], |r| r.get(3))
        .unwrap()
        .map(|d| d.unwrap())
        .collect();
    details
        .into_iter()
        .filter(|d| {
            let mut words = d.split_whitespace();
            let scans_fact =
                words.next() == Some("SCAN") && words.next().is_some_and(|n| aliases.iter().any(|a| a == n));
            scans_fact && !(allow_index_scan && d.contains(" USING "))
        })
        .collect()
}

/// Every statement the query API runs is answered from indexes: questions
/// about one condition or one name never scan a fact (junction) table, and
/// questions about all facts walk indexes, never the tables.
#[test]
fn query_plans_never_scan_fact_tables() {
    let mut kb = kb();
    type Call = Box<dyn FnOnce(&Kb)>;
    let focused: Vec<(&str, Call)> = vec![
        (
            "find by alias",
            Box::new(|kb| drop(kb.find_condition("prickle rash").unwrap())),
        ),
        (
            "find by type",
            Box::new(|kb| drop(kb.find_condition("irritant contact rash").unwrap())),
        ),
        (
            "record",
            Box::new(|kb| drop(kb.condition("contact rash").unwrap())),
        ),
        (
            "shared across types",
            Box::new(|kb| drop(kb.shared_causes_across_types("contact rash").unwrap())),
        ),
        (
            "unique to type",
            Box::new(|kb| drop(kb.causes_unique_to_type("contact rash").unwrap())),
        ),
        (
            "related",
            Box::new(|kb| drop(kb.related_conditions("heat bumps").unwrap())),
        ),
        (
            "match symptoms",
            Box::new(|kb| drop(kb.match_symptoms(&["itching", "blisters"]).unwrap())),
        ),
        (
            "search",
            Box::new(|kb| drop(kb.search("friction stress", 20).unwrap())),
        ),
        (
            "search text",
            Box::new(|kb| drop(kb.search("trapped", 20).unwrap())),
        ),
        (
            "related top",
            Box::new(|kb| drop(kb.related_conditions_top("contact rash", 1).unwrap())),
        ),
        // About all items, but driven from the item tables: each item's
        // conditions come from its by-item index, so not even an index of
        // a fact table is walked whole.
        (
            "shared causes",
            Box::new(|kb| drop(kb.shared_across_conditions(Shared::Cause).unwrap())),
        ),
        (
            "shared symptoms",
            Box::new(|kb| drop(kb.shared_across_conditions(Shared::Symptom).unwrap())),
        ),
        (
            "shared treatments",
            Box::new(|kb| drop(kb.shared_across_conditions(Shared::Treatment).unwrap())),
        ),
    ];
    let global: Vec<(&str, Call)> = vec![
        // "Did you mean" compares against every condition name and alias.
        (
            "find unknown",
            Box::new(|kb| drop(kb.find_condition("no such thing"))),
        ),
        // Counts per item for every item: a walk of the item table with
        // index lookups per item.
        (
            "list",
            Box::new(|kb| {
                for what in [
                    Listing::Conditions,
                    Listing::Causes,
                    Listing::Symptoms,
                    Listing::Treatments,
                ] {
                    kb.list(what).unwrap();
                }
            }),
        ),
    ];
    let mut checked = 0;
    for (allow_index_scan, calls) in [(false, focused), (true, global)] {
        for (name, call) in calls {
            let statements = traced(&mut kb, call);
            assert!(!statements.is_empty(), "{name}: no statement traced");
            for sql in statements {
                let scans = fact_scans(&kb, &sql, allow_index_scan);
                assert!(scans.is_empty(), "{name}: {scans:?}\nin: {sql}");
                checked += 1;
            }
        }
    }
    assert!(checked >= 20, "only {checked} statements checked");
}

/// The views answer questions about one condition (by slug or readable
/// name) or one item from indexes: no fact table is scanned, not even
/// through an index.
#[test]
fn view_plans_search_when_filtered() {
    let kb = kb();
    // Fact-table aliases used inside every view, plus the tables themselves.
    let view_sql: Vec<String> = kb
        .conn
        .prepare("SELECT sql FROM sqlite_schema WHERE type = 'view'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let mut aliases: Vec<String> = view_sql.iter().flat_map(|s| fact_aliases(s)).collect();
    aliases.extend(FACT_TABLES.iter().map(|t| t.to_string()));
    let mut queries: Vec<String> = Vec::new();
    for view in [
        "causes_by_type",
        "condition_causes",
        "condition_symptoms",
        "condition_treatments",
        "shared_causes_across_types",
        "causes_unique_to_type",
        "facts",
        "fact_sources",
    ] {
        queries.push(format!("SELECT * FROM {view} WHERE condition = 'contact-rash'"));
        queries.push(format!(
            "SELECT * FROM {view} WHERE condition_name = 'contact rash'"
        ));
    }
    queries.push("SELECT * FROM shared_causes WHERE cause = 'stress'".into());
    queries.push("SELECT * FROM shared_symptoms WHERE symptom = 'itching'".into());
    queries.push("SELECT * FROM shared_treatments WHERE treatment = 'emollients'".into());
    // All items: one walk of the item table, each item's facts by index.
    queries.push("SELECT * FROM shared_causes".into());
    queries.push("SELECT * FROM shared_symptoms".into());
    queries.push("SELECT * FROM shared_treatments".into());
    for sql in &queries {
        let plan: Vec<String> = kb
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap()
            .query_map([], |r| r.get(3))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        let scans: Vec<&String> = plan
            .iter()
            .filter(|d| {
                let mut w = d.split_whitespace();
                w.next() == Some("SCAN") && w.next().is_some_and(|n| aliases.iter().any(|a| a == n))
            })
            .collect();
        assert!(scans.is_empty(), "{sql}: {scans:?}\n{plan:#?}");
    }
}

/// The plan check itself catches a scan, so a pass above means something.
#[test]
fn plan_check_detects_a_full_scan() {
    let kb = kb();
    let sql = "SELECT * FROM treatment_note n WHERE n.id + 0 > 0";
    assert!(!fact_scans(&kb, sql, true).is_empty(), "a plain table scan");
    let sql = "SELECT count(*) FROM condition_symptom WHERE symptom_id + 0 > 0";
    assert!(
        !fact_scans(&kb, sql, false).is_empty(),
        "an index walk is still a scan of every fact"
    );
    assert!(fact_scans(&kb, "SELECT * FROM type_cause tc WHERE tc.type_id = 1", false).is_empty());
}
