//! `item_conditions` (the bit sets `related` and `match` read) stays equal
//! to what the fact tables say through every kind of write its triggers
//! follow: seeds, cascades from documents, conditions and types, updates of
//! key columns, and conditions on both sides of a 64-bit block boundary.

use super::*;

/// (kind, item id, condition id) for every pair some fact states.
fn from_facts(kb: &Kb) -> Vec<(String, i64, i64)> {
    let mut stmt = kb
        .conn
        .prepare(
            "SELECT 'cause', cause_id, condition_id FROM condition_cause \
             UNION SELECT 'cause', tc.cause_id, t.condition_id FROM type_cause tc \
                JOIN condition_type t ON t.id = tc.type_id \
             UNION SELECT 'symptom', symptom_id, condition_id FROM condition_symptom \
             UNION SELECT 'treatment', treatment_id, condition_id FROM condition_treatment \
             ORDER BY 1, 2, 3",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

/// The same pairs decoded from item_conditions; panics on an empty row.
fn from_bits(kb: &Kb) -> Vec<(String, i64, i64)> {
    let mut stmt = kb
        .conn
        .prepare("SELECT kind, item_id, block, bits FROM item_conditions")
        .unwrap();
    let rows: Vec<(String, i64, i64, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let mut out = Vec::new();
    for (kind, item, block, bits) in rows {
        assert_ne!(bits, 0, "an empty row is left for {kind} {item} block {block}");
        for b in 0..64 {
            if (bits as u64) & (1 << b) != 0 {
                out.push((kind.clone(), item, block * 64 + b));
            }
        }
    }
    out.sort();
    out
}

fn check(kb: &Kb, after: &str) {
    let facts = from_facts(kb);
    assert!(!facts.is_empty(), "{after}: no facts to compare");
    assert_eq!(from_bits(kb), facts, "after {after}");
}

#[test]
fn item_bits_follow_every_write_to_the_facts() {
    let mut kb = kb();
    check(&kb, "seeding");
    let max: i64 = kb
        .conn
        .query_row("SELECT max(id) FROM condition", [], |r| r.get(0))
        .unwrap();
    assert!(max < 63, "the ids below are free");

    // Conditions on both sides of block boundaries (bit 63 is the sign
    // bit), with facts quoting one existing quote.
    let steps = [
        (
            "inserting facts of conditions 63, 64, 127, 128 and 1000",
            "INSERT INTO condition (id, slug, name) VALUES
                 (63, 'b-63', 'b 63'), (64, 'b-64', 'b 64'), (127, 'b-127', 'b 127'),
                 (128, 'b-128', 'b 128'), (1000, 'b-1000', 'b 1000');
             CREATE TEMP TABLE q AS SELECT id, document_id FROM quote ORDER BY id LIMIT 1;
             INSERT INTO condition_symptom SELECT c.id, s.id, q.document_id, q.id
                 FROM condition c, (SELECT id FROM symptom ORDER BY id LIMIT 2) s, q WHERE c.id >= 63;
             INSERT INTO condition_treatment SELECT c.id, r.id, q.document_id, q.id
                 FROM condition c, (SELECT id FROM treatment ORDER BY id LIMIT 2) r, q WHERE c.id >= 63;
             INSERT INTO condition_cause SELECT c.id, x.id, q.document_id, q.id
                 FROM condition c, (SELECT id FROM cause ORDER BY id LIMIT 1) x, q WHERE c.id IN (63, 128);
             INSERT INTO condition_type (id, condition_id, slug, name) VALUES
                 (9001, 63, 'a', 'a'), (9002, 63, 'b', 'b'), (9003, 64, 'a', 'a');
             INSERT INTO type_cause SELECT t.id, x.id, q.document_id, q.id
                 FROM condition_type t, (SELECT id FROM cause ORDER BY id LIMIT 3) x, q WHERE t.id >= 9001;",
        ),
        (
            "deleting one of two types stating a cause",
            "DELETE FROM condition_type WHERE id = 9001",
        ),
        (
            "deleting the other type (one cause is also general)",
            "DELETE FROM condition_type WHERE id = 9002",
        ),
        (
            "moving a type to another condition",
            "UPDATE condition_type SET condition_id = 127 WHERE id = 9003",
        ),
        (
            "changing a type's cause",
            "UPDATE type_cause SET cause_id = (SELECT max(id) FROM cause)
                 WHERE type_id = 9003 AND cause_id = (SELECT min(id) FROM cause)",
        ),
        (
            "moving a general cause to another condition",
            "UPDATE condition_cause SET condition_id = 1000 WHERE condition_id = 128",
        ),
        (
            "changing a symptom and a treatment",
            "UPDATE condition_symptom SET symptom_id = (SELECT max(id) FROM symptom)
                 WHERE condition_id = 64 AND symptom_id = (SELECT min(id) FROM symptom);
             UPDATE condition_treatment SET treatment_id = (SELECT max(id) FROM treatment)
                 WHERE condition_id = 127 AND treatment_id = (SELECT min(id) FROM treatment)",
        ),
        (
            "deleting a condition (cascades to its facts and types)",
            "DELETE FROM condition WHERE id = 127",
        ),
        (
            "deleting a document (cascades to its quotes and facts)",
            "DELETE FROM document WHERE slug = 'heat-bumps'",
        ),
    ];
    for (i, (what, sql)) in steps.into_iter().enumerate() {
        kb.conn.execute_batch(sql).unwrap();
        check(&kb, what);
        if i == 0 {
            let held: Vec<i64> = from_bits(&kb).iter().map(|p| p.2).collect();
            for c in [63, 64, 128, 1000] {
                assert!(held.contains(&c), "condition {c} is in the sets");
            }
        }
    }
    // A seed puts the document back through kb's own writes.
    kb.seed(&fixtures()).unwrap();
    // (It also prunes the conditions above, which no document names.)
    check(&kb, "reseeding the deleted document");
}

/// The migration fills the table from facts already there: its INSERTs,
/// run on a seeded file, give what the triggers gave.
#[test]
fn the_migration_fills_item_bits_from_existing_facts() {
    let kb = kb();
    let migration = include_str!("../../../migrations/V7__item_condition_bits.sql");
    let start = migration.find("-- Fill it from the facts").unwrap();
    let end = migration.find("CREATE TRIGGER").unwrap();
    let fill = &migration[start..end];
    assert_eq!(fill.matches("INSERT INTO item_conditions").count(), 4);
    let by_triggers = from_bits(&kb);
    kb.conn.execute_batch("DELETE FROM item_conditions").unwrap();
    assert!(from_bits(&kb).is_empty());
    kb.conn.execute_batch(fill).unwrap();
    assert_eq!(from_bits(&kb), by_triggers);
    check(&kb, "the migration's fill");
}
