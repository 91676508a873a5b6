//! Round-fourteen readings: kinds counted off one by one in prose ("The
//! first is ...", "The most common kind is ..."), and a listicle's counted
//! title ("9 Things That Cause ...") over its numbered headings, and
//! warning signs to watch for.

use super::leads::type_causes;
use super::*;

/// A Markdown article read as Markdown (its `#` line is the page's title,
/// no heading), with the seed extracted from it.
fn extract_markdown(doc: &str) -> (Document, SeedFile) {
    let page = Document::parse(doc, crate::document::Format::Markdown);
    let seed = super::super::extract(&page, "foo.md", &vocab());
    (page, seed)
}

#[test]
fn kinds_counted_off_in_sentences_are_types_with_their_causes() {
    // A transcript with no headings: the count of types opens them.
    let doc = "Foo worry\n\nFoo worry is a mental health problem. People feel tense and restless.\n\n\
So there are three main types.\n\n\
The first is general foo worry, or GFW. It is often caused by long stress.\n\n\
And the second is sudden foo worry: short bursts of fear. It can be set off by caffeine.\n\n\
The third is social foo worry.\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(
        names_of(&seed, "types"),
        ["general foo worry", "sudden foo worry", "social foo worry"]
    );
    assert_eq!(type_causes(&seed, 0), ["long stress"]);
    assert_eq!(type_causes(&seed, 1), ["caffeine"]);
}

#[test]
fn the_most_common_kind_named_after_its_opening_is_a_type() {
    let doc = "# Foo faint\n\nFoo faint is a short loss of consciousness.\n\n## Causes\n\n\
The most common kind is *reflex foo faint*, also called a common faint. It is triggered by \
the sight of blood.\n\n\
The most common cause is dehydration.\n";
    let seed = extract(doc, "foo.md", &vocab());
    check_quotes(doc, &seed);
    // ("The most common cause is ..." counts off no kind.)
    assert_eq!(names_of(&seed, "types"), ["reflex foo faint"]);
    assert_eq!(type_causes(&seed, 0)[0], "sight of blood");
}

#[test]
fn a_counted_titles_numbered_headings_name_what_it_counts() {
    let doc = "# 3 Things That Cause Foo Flakes\n\n\
Foo flakes are white flakes on the scalp. Most people get them at some point.\n\n\
## 1. A yeast called Fooella\n\nIt feeds on scalp oil.\n\n\
## 2. Cold, dry weather\n\nWinter air dries the scalp.\n\n\
## 3. Stress\n\nA hard few weeks can bring on a flare.\n\n\
## How to get rid of foo flakes\n\n\
1. Use a medicated shampoo.\n";
    let (page, seed) = extract_markdown(doc);
    let doc = page.text.as_str();
    check_quotes(doc, &seed);
    let causes = names_of(&seed, "causes");
    for want in ["yeast called fooella", "cold, dry weather", "stress"] {
        assert!(causes.iter().any(|c| c == want), "{want}: {causes:?}");
    }
    // The numbered item under the treatment heading is no cause.
    assert!(!causes.iter().any(|c| c.contains("shampoo")), "{causes:?}");
}

#[test]
fn warning_signs_to_watch_yourself_for_are_symptoms() {
    let doc = "# Foo heat\n\nFoo heat is what happens when the body cannot lose heat.\n\n\
## Warning signs\n\nWatch yourself and your workmates for:\n\n- heavy sweating\n- headache\n\n\
## When to get help\n\nCall 911 if someone:\n\n- is confused\n";
    let seed = extract(doc, "foo.md", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(names_of(&seed, "symptoms"), ["heavy sweating", "headache"]);
    assert!(
        names_of(&seed, "treatments").is_empty(),
        "{:?}",
        names_of(&seed, "treatments")
    );
}

#[test]
fn a_types_table_column_of_what_brings_each_on_lists_its_causes() {
    let doc = "# Foo heat\n\nFoo heat is what happens when the body cannot lose heat.\n\n\
## Types of foo heat\n\n\
| Illness | What brings it on | First aid |\n|---|---|---|\n\
| Foo rash | Sweat trapped under the skin. | Keep the skin cool. |\n\
| Foo cramps | Losing salt through sweating. | Rest in the shade. |\n";
    let (page, seed) = extract_markdown(doc);
    check_quotes(page.text.as_str(), &seed);
    assert_eq!(names_of(&seed, "types"), ["foo rash", "foo cramps"]);
    assert_eq!(type_causes(&seed, 0), ["sweat trapped under the skin"]);
    assert_eq!(type_causes(&seed, 1), ["losing salt through sweating"]);
}

#[test]
fn a_count_of_treatments_or_causes_counts_off_no_kinds() {
    let doc = "Foo worry\n\nFoo worry is a mental health problem.\n\n\
How is foo worry treated?\n\nThere are two main treatments. The first is talking therapy. \
The second is a medicine called sertraline.\n\n\
What causes foo worry?\n\nThere are two main causes. The first is long stress. The other is a \
family history of it.\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    assert!(
        names_of(&seed, "types").is_empty(),
        "{:?}",
        names_of(&seed, "types")
    );
}

#[test]
fn a_year_is_no_count() {
    let doc = "# 2024 Foo Treatment Update\n\nFoo is a rash.\n\n## 1. What is new\n\nNothing much.\n";
    let (_, seed) = extract_markdown(doc);
    assert!(
        names_of(&seed, "treatments").is_empty(),
        "{:?}",
        names_of(&seed, "treatments")
    );
}

#[test]
fn a_bold_kind_leading_a_bullet_is_a_type_with_its_causes() {
    let doc = "# Foo rash\n\nFoo rash is a skin problem.\n\n**What kinds are there?**\n\n\
- **Wet foo rash** affects the feet. It is usually caused by damp socks.\n\
- **Dry foo rash** affects the hands. It is closely linked with eczema.\n";
    let (_, seed) = extract_markdown(doc);
    assert_eq!(names_of(&seed, "types"), ["wet foo rash", "dry foo rash"]);
    assert_eq!(super::leads::type_causes(&seed, 0), ["damp socks"]);
    assert_eq!(super::leads::type_causes(&seed, 1), ["eczema"]);
    assert!(names_of(&seed, "causes").is_empty());
}
