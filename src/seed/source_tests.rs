//! Tests of the seed's file listing and reads (`source.rs`).

use super::*;

/// The compact listing: sorted names, each found by name, files not at
/// `root/name` read from where they are, and of two names equal but for
/// the case of their extension only one listed, the other skipped.
#[test]
fn listing_finds_every_file_and_skips_case_twins() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("b.txt", "bee"),
        ("a.TXT", "loud"),
        ("c.md", "sea"),
        ("a.txt", "quiet"),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let source = Source::from_dir(dir.path()).unwrap();
    let names: Vec<&str> = source.file_names().collect();
    assert_eq!(names, ["a.txt", "b.txt", "c.md"]);
    assert_eq!(source.skipped().len(), 1);
    assert!(source.skipped()[0].reason.contains("same name as a.txt"));
    let kept = source.read("a.txt").unwrap();
    let skipped = source.skipped()[0].path.file_name().unwrap().to_str().unwrap();
    // Whichever the folder listed first is read, the other is skipped.
    assert_eq!(
        &*kept,
        if skipped == "a.TXT" {
            &b"quiet"[..]
        } else {
            &b"loud"[..]
        }
    );
    assert_eq!(&*source.read("b.txt").unwrap(), b"bee");
    assert_eq!(&*source.read("c.md").unwrap(), b"sea");
    assert!(source.read("d.txt").is_err());
    assert!(source.read("").is_err());
}

#[test]
fn names_sort_and_find_what_was_pushed() {
    let mut names = Names::with_capacity(4);
    for key in ["pear", "apple", "", "fig"] {
        names.push(key);
    }
    assert_eq!(names.iter().collect::<Vec<_>>(), ["pear", "apple", "", "fig"]);
    let sorted = names.sorted();
    assert_eq!(sorted.iter().collect::<Vec<_>>(), ["", "apple", "fig", "pear"]);
    assert_eq!(sorted.find("fig"), Some(2));
    assert_eq!(sorted.find(""), Some(0));
    assert_eq!(sorted.find("plum"), None);
    assert_eq!(Names::default().sorted().len(), 0);
}

#[test]
fn files_in_memory_keep_the_first_of_one_name() {
    let source = Source::from_files(
        "mem",
        vec![
            ("z.json".into(), b"1".to_vec()),
            ("a.txt".into(), b"2".to_vec()),
            ("z.json".into(), b"3".to_vec()),
        ],
    );
    assert_eq!(source.file_names().collect::<Vec<_>>(), ["a.txt", "z.json"]);
    assert_eq!(&*source.read("z.json").unwrap(), b"1");
    assert_eq!(&*source.read("a.txt").unwrap(), b"2");
    assert!(source.stat("a.txt").is_none());
}
