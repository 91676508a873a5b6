//! Tests of the rules file: brace expansion, extension and removal.

use super::*;

#[test]
fn braces_spell_a_phrase_each_way() {
    assert_eq!(alternatives("cause*"), ["cause*"]);
    assert_eq!(
        alternatives(" {is|are} {|also} the cause"),
        [
            " is the cause",
            " is also the cause",
            " are the cause",
            " are also the cause"
        ]
    );
    let mut r = Rules::builtin();
    r.extend_toml("[lists]\nchrome = [\"{buy|order} now\"]\n[remove]\nchrome = [\"{menu|home}\"]\n")
        .unwrap();
    assert!(r.list(List::Chrome).equals("Order now"));
    assert!(!r.list(List::Chrome).equals("Home"));
}

#[test]
fn builtin_rules_parse_and_name_every_list() {
    let r = Rules::builtin();
    for (list, key) in List::ALL {
        assert!(!r.list(*list).phrases.is_empty(), "list '{key}' is empty");
    }
    for (name, kind) in SectionKind::NAMED {
        assert!(r.all_sections.1.contains(&kind), "section {name} has no patterns");
    }
}

#[test]
fn phrases_match_at_word_boundaries_and_stems_run_on() {
    let p = Phrases::new(&["treat*".into(), "rash".into(), "side effects".into()]);
    assert!(p.matches("How is it Treated?"));
    assert!(!p.matches("a thrash metal band"));
    assert!(!p.matches("rashes"));
    assert!(p.matches("Possible side effects"));
    assert!(p.equals("Rash:"));
    assert_eq!(p.starts("treatment options").map(|h| h.end), Some(5));
}

#[test]
fn sections_by_earliest_pattern() {
    let r = Rules::builtin();
    let kind = |h: &str| r.section(h).map(|(k, _)| k);
    assert_eq!(kind("Types of asthma"), Some(SectionKind::Types));
    assert_eq!(kind("Symptoms and causes"), Some(SectionKind::Symptoms));
    assert_eq!(kind("How is scabies treated?"), Some(SectionKind::Treatment));
    assert_eq!(kind("When to see a doctor"), Some(SectionKind::Help));
    assert_eq!(kind("Allergic asthma"), None);
}

#[test]
fn a_folder_can_add_and_remove_rules_and_typos_are_named() {
    let mut r = Rules::builtin();
    r.extend_toml("[lists]\nchrome = [\"buy now\"]\n[remove]\nchrome = [\"menu\"]\n")
        .unwrap();
    assert!(r.list(List::Chrome).equals("Buy now"));
    assert!(!r.list(List::Chrome).equals("Menu"));
    let err = r.extend_toml("[lists]\nchrom = [\"x\"]\n").unwrap_err();
    assert!(err.to_string().contains("unknown list 'chrom'"), "{err}");
}
