//! Seeding arbitrary seed files and documents never panics: it either
//! writes a database that passes integrity_check or refuses with an error
//! and writes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Input: seed-file bytes, a 0xFF separator, document bytes.
    let split = data.iter().position(|b| *b == 0xFF).unwrap_or(data.len());
    let (json, doc) = (&data[..split], data.get(split + 1..).unwrap_or_default());
    let source = kb::Source::from_files(
        "fuzz",
        vec![
            ("doc.json".to_owned(), json.to_vec()),
            ("doc.txt".to_owned(), doc.to_vec()),
        ],
    );
    let mut kb = kb::Kb::open_in_memory().unwrap();
    kb.migrate().unwrap();
    let before = kb.query_sql("SELECT count(*) FROM quote").unwrap();
    match kb.seed(&source) {
        Ok(_) => {
            let check = kb.query_sql("PRAGMA integrity_check").unwrap();
            assert_eq!(check.rows[0][0], kb::SqlValue::Text("ok".into()));
        }
        Err(e) => {
            assert!(e.is_user_error(), "internal error on bad input: {e:?}");
            assert_eq!(kb.query_sql("SELECT count(*) FROM quote").unwrap(), before);
        }
    }
});
