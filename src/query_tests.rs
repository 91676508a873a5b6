//! Query API tests on the shipped seeds plus two fixture articles built to
//! share causes, symptoms and treatments.

use std::sync::{Arc, Mutex};

use super::*;
use crate::{Kb, Source};

fn fixtures() -> Source {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/shared");
    Source::from_dir(std::path::Path::new(dir)).unwrap()
}

fn kb() -> Kb {
    let mut kb = Kb::open_in_memory().unwrap();
    kb.migrate().unwrap();
    kb.seed(&Source::builtin()).unwrap();
    kb.seed(&fixtures()).unwrap();
    kb
}

#[test]
fn finds_conditions_by_slug_name_alias_and_type() {
    let kb = kb();
    assert_eq!(kb.find_condition("heat-bumps").unwrap().name, "heat bumps");
    assert_eq!(kb.find_condition("  Heat   BUMPS ").unwrap().slug, "heat-bumps");
    assert_eq!(kb.find_condition("prickle rash").unwrap().slug, "heat-bumps");
    assert_eq!(
        kb.find_condition("Irritant contact rash").unwrap().slug,
        "contact-rash"
    );
    assert_eq!(
        kb.find_condition("latrogenic calcinosis cutis").unwrap().slug,
        "calcinosis-cutis"
    );
    match kb.find_condition("heat bumbs") {
        Err(Error::UnknownCondition { suggestions, .. }) => {
            assert_eq!(suggestions.first().map(String::as_str), Some("heat bumps"))
        }
        other => panic!("expected an unknown-condition error, got {other:?}"),
    }
}

#[test]
fn record_carries_aliases_types_and_verbatim_provenance() {
    let kb = kb();
    let r = kb.condition("heat bumps").unwrap();
    assert_eq!(r.condition, "heat bumps");
    assert!(r.aliases.contains(&"prickle rash".to_owned()));
    let types: Vec<&str> = r.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(types, ["crystal heat bumps", "red heat bumps"], "document order");
    assert_eq!(
        r.general_causes
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        ["stress"]
    );
    let body: String = kb
        .connection()
        .query_row("SELECT body FROM document WHERE slug = 'heat-bumps'", [], |row| {
            row.get(0)
        })
        .unwrap();
    let mut checked = 0;
    for item in r
        .types
        .iter()
        .flat_map(|t| &t.causes)
        .chain(&r.symptoms)
        .chain(&r.general_causes)
    {
        for p in &item.sources {
            assert_eq!(&body[p.start_byte as usize..p.end_byte as usize], p.quote);
            checked += 1;
        }
    }
    assert!(checked >= 7);
    assert!(r.treatments.iter().all(|t| t.kind == "self-care"));
}

#[test]
fn shared_and_unique_causes_across_types() {
    let kb = kb();
    let shared = kb.shared_causes_across_types("contact rash").unwrap();
    assert_eq!(shared.len(), 1);
    assert_eq!(shared[0].cause, "stress");
    assert_eq!(
        shared[0].types,
        ["allergic contact rash", "irritant contact rash"]
    );
    assert_eq!(
        kb.shared_causes_across_types("heat bumps").unwrap()[0].cause,
        "hot weather"
    );

    let unique = kb.causes_unique_to_type("contact rash").unwrap();
    let names: Vec<&str> = unique.iter().map(|c| c.cause.as_str()).collect();
    assert!(names.contains(&"nickel") && names.contains(&"friction"));
    assert!(!names.contains(&"stress"));
    assert!(unique.iter().all(|c| c.types.len() == 1));

    // In the seed article no cause is listed under two types.
    let calcinosis = kb.condition("calcinosis cutis").unwrap();
    let mut seen = std::collections::HashSet::new();
    let expect_shared = calcinosis
        .types
        .iter()
        .flat_map(|t| &t.causes)
        .any(|c| !seen.insert(c.slug.clone()));
    assert_eq!(
        !kb.shared_causes_across_types("calcinosis cutis")
            .unwrap()
            .is_empty(),
        expect_shared
    );
}

#[test]
fn conditions_sharing_causes_symptoms_and_treatments() {
    let kb = kb();
    let causes = kb.shared_across_conditions(Shared::Cause).unwrap();
    let stress = causes
        .iter()
        .find(|c| c.name == "stress")
        .expect("stress is shared");
    assert_eq!(stress.conditions, ["contact rash", "heat bumps"]);
    assert!(causes.iter().any(|c| c.name == "friction"));
    assert!(!causes.iter().any(|c| c.name == "nickel"));
    assert_eq!(
        kb.shared_across_conditions(Shared::Symptom).unwrap()[0].name,
        "itching"
    );
    assert_eq!(
        kb.shared_across_conditions(Shared::Treatment).unwrap()[0].name,
        "emollients"
    );

    let related = kb.related_conditions("contact rash").unwrap();
    assert_eq!(related.len(), 1);
    assert_eq!(related[0].condition, "heat bumps");
    assert_eq!(related[0].causes, ["friction", "stress"]);
    assert_eq!(related[0].symptoms, ["itching"]);
    assert_eq!(related[0].treatments, ["emollients"]);
}

#[test]
fn symptom_matching_ranks_by_terms_matched() {
    let kb = kb();
    let ranked = kb.match_symptoms(&["itching", "blisters"]).unwrap();
    assert_eq!(ranked[0].condition, "heat bumps");
    assert_eq!(ranked[0].matched_terms, ["itching", "blisters"]);
    assert_eq!(ranked[1].condition, "contact rash");
    assert!(ranked[0].score > ranked[1].score);
    assert!(kb.match_symptoms(&["***"]).unwrap().is_empty());
}

#[test]
fn search_finds_names_aliases_and_source_text() {
    let kb = kb();
    let hits = kb.search("friction", 50).unwrap();
    let conditions: std::collections::BTreeSet<&str> = hits.iter().map(|h| h.condition.as_str()).collect();
    assert!(conditions.contains("contact rash") && conditions.contains("heat bumps"));
    // Stemming: 'infection' finds the 'infections' cause.
    assert!(kb
        .search("infection", 50)
        .unwrap()
        .iter()
        .any(|h| h.name == "infections"));
    // Words only in the source text, not in any name.
    let hits = kb.search("trapped sweat", 50).unwrap();
    assert!(hits.iter().all(|h| h.matched == "quote"));
    // FTS syntax in user input is taken literally, not as a query language.
    assert!(kb.search("\"unbalanced AND (", 50).is_ok());
    assert!(kb.search("", 50).unwrap().is_empty());
}

#[test]
fn lists_every_kind() {
    let kb = kb();
    let conditions = kb.list(Listing::Conditions).unwrap();
    assert_eq!(conditions.len(), 3);
    let causes = kb.list(Listing::Causes).unwrap();
    assert_eq!(causes.iter().find(|c| c.name == "stress").unwrap().conditions, 2);
    let treatments = kb.list(Listing::Treatments).unwrap();
    assert!(treatments.iter().all(|t| t.kind.is_some()));
    assert!(!kb.list(Listing::Symptoms).unwrap().is_empty());
}

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
    ];
    let global: Vec<(&str, Call)> = vec![
        // "Did you mean" compares against every condition name and alias.
        (
            "find unknown",
            Box::new(|kb| drop(kb.find_condition("no such thing"))),
        ),
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
