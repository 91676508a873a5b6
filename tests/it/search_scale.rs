//! Issue 11, failure 4: `kb search` was quadratic in document size (10 s on
//! a 4 MiB article). It must stay roughly linear: doubling the document may
//! not much more than double the time.

use std::time::{Duration, Instant};

use kb::Kb;

/// A database holding one document of about `bytes` bytes, in the given
/// shape, where "calcium" occurs every few words.
fn with_document(bytes: usize, sentences: bool) -> Kb {
    let mut kb = Kb::open_in_memory().unwrap();
    kb.migrate().unwrap();
    let unit = if sentences {
        "Calcium builds up in the skin. "
    } else {
        // One endless line: no sentence or line ever ends.
        "calcium builds up in the skin and "
    };
    let body = unit.repeat(bytes / unit.len());
    kb.connection()
        .execute(
            "INSERT INTO document(slug, path, title, sha256, body) VALUES ('big', 'big.txt', 'big', ?1, ?2)",
            rusqlite::params!["0".repeat(64), body],
        )
        .unwrap();
    kb
}

fn time_search(kb: &Kb) -> Duration {
    let t = Instant::now();
    let hits = kb.search("calcium", 50).unwrap();
    assert!(!hits.is_empty());
    t.elapsed()
}

#[test]
fn search_time_grows_linearly_with_the_document() {
    for sentences in [true, false] {
        let small = with_document(1 << 20, sentences);
        let large = with_document(4 << 20, sentences);
        // Warm up, then take the best of five, the two sizes in turn, so a
        // burst of load on a shared machine falls on both alike.
        let _ = time_search(&small);
        let (mut a, mut b) = (Duration::MAX, Duration::MAX);
        for _ in 0..5 {
            a = a.min(time_search(&small));
            b = b.min(time_search(&large));
        }
        eprintln!("sentences={sentences}: 1 MiB {a:?}, 4 MiB {b:?}");
        // 4x the text: linear is ~4x, quadratic ~16x.
        assert!(
            b < a * 8 + Duration::from_millis(50),
            "sentences={sentences}: 1 MiB {a:?}, 4 MiB {b:?}"
        );
        assert!(
            b < Duration::from_secs(5),
            "sentences={sentences}: 4 MiB took {b:?}"
        );
    }
}

/// Large documents are marked by kb's own word matcher, small ones by FTS5's
/// highlight(): the same sentence gives the same hit either way.
#[test]
fn large_and_small_documents_give_the_same_passages() {
    let sentence = "Calcification follows repeated heel sticks in newborns.";
    let hit = |padding: usize| {
        let mut kb = Kb::open_in_memory().unwrap();
        kb.migrate().unwrap();
        let body = format!("{}{sentence}\n", "Nothing to see here.\n".repeat(padding));
        kb.connection()
            .execute(
                "INSERT INTO document(slug, path, title, sha256, body) VALUES ('d', 'd.txt', 'd', ?1, ?2)",
                rusqlite::params!["0".repeat(64), body],
            )
            .unwrap();
        let hits = kb.search("heel stick", 10).unwrap();
        assert_eq!(hits.len(), 1, "{hits:?}");
        (
            hits[0].snippet.clone(),
            hits[0].source.quote.clone(),
            hits[0].source.line,
        )
    };
    let (small, large) = (hit(10), hit(20_000));
    assert_eq!(
        small.0,
        Some("Calcification follows repeated [heel] [sticks] in newborns.".to_owned())
    );
    assert_eq!((small.0, small.1), (large.0, large.1));
    assert_eq!(large.2, 20_001);
}
