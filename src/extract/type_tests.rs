//! Round-twelve readings: bare bullets under a types heading, sentences
//! led into a known type, kinds opening with "happens when", the subject
//! of a cause after "but", phrasal triggers with a pronoun inside.

use super::leads::type_causes;
use super::*;

#[test]
fn bare_bullets_under_a_types_heading_are_types() {
    let doc = "# Foo rash\n\nFoo rash is a skin problem.\n\n## Types of foo rash\n\n\
- Wet foo rash\n- Dry foo rash\n\n## Causes\n\n\
Wet foo rash is caused by damp socks.\n\n\
In dry foo rash, the skin cracks. It is often linked with eczema.\n\n\
Causes of wet foo rash also include hot baths.\n";
    let seed = extract(doc, "foo.md", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(names_of(&seed, "types"), ["wet foo rash", "dry foo rash"]);
    assert!(
        names_of(&seed, "causes").is_empty(),
        "{:?}",
        names_of(&seed, "causes")
    );
    // "In dry foo rash, ..." and "Causes of wet foo rash ..." turn to
    // the type they name.
    assert_eq!(type_causes(&seed, 0), ["damp socks", "hot baths"]);
    assert_eq!(type_causes(&seed, 1), ["eczema"]);
}

#[test]
fn a_kind_that_happens_when_something_occurs_is_a_type_with_that_cause() {
    let doc = "# Foo rash\n\nFoo rash is a skin problem.\n\n## Causes\n\n\
Wet foo rash happens when sweat is trapped under socks.\n\n\
Dry foo rash occurs when cold wind strips the skin.\n";
    let seed = extract(doc, "foo.md", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(names_of(&seed, "types"), ["wet foo rash", "dry foo rash"]);
    assert_eq!(type_causes(&seed, 0), ["sweat is trapped under socks"]);
    assert_eq!(type_causes(&seed, 1), ["cold wind strips the skin"]);
}

#[test]
fn a_cause_is_the_subject_of_the_clause_after_but() {
    let doc = "# Foo rash\n\nFoo rash is a skin problem.\n\n## Causes\n\n\
Why it starts isn't clear, but smoking and heavy drinking make it more likely.\n\n\
Nobody knows the cause, but smoking and certain inherited genes play a part.\n\n\
Stress can also set it off.\n";
    let seed = extract(doc, "foo.md", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(
        names_of(&seed, "causes"),
        ["smoking", "heavy drinking", "certain inherited genes", "stress"]
    );
}

#[test]
fn a_lead_in_that_denies_names_no_causes_and_no_type() {
    let doc = "# Foo rash\n\nFoo rash is a skin problem.\n\n## Causes\n\n\
It is usually caused by damp socks.\n\n\
Things that DON'T cause foo rash, because people ask me: cold weather, screens, tight shoes.\n\n\
Things that don't cause foo rash: coffee, tea.\n";
    let seed = extract(doc, "foo.md", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(names_of(&seed, "causes"), ["damp socks"]);
    assert!(
        names_of(&seed, "types").is_empty(),
        "{:?}",
        names_of(&seed, "types")
    );
    assert!(
        names_of(&seed, "symptoms").is_empty(),
        "{:?}",
        names_of(&seed, "symptoms")
    );
}

#[test]
fn a_leaflets_numbered_capital_headings_open_its_sections() {
    let doc = "Foo rash\n\nFoo rash is a skin problem.\n\nSymptoms\n\n- red spots\n\n\
1. WHAT FOOCORT IS AND WHAT IT IS USED FOR\n\nFoocort is a cream for foo rash.\n\n\
2. HOW TO USE FOOCORT\n\n1. Wash and dry your hands.\n2. Rub a thin layer into the rash.\n\n\
3. POSSIBLE SIDE EFFECTS\n\n- burning skin\n- headache\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(seed.conditions[0].name, "foo rash");
    // The directions and the side effects name no facts.
    assert_eq!(names_of(&seed, "symptoms"), ["red spots"]);
    let treatments = names_of(&seed, "treatments");
    assert!(
        treatments
            .iter()
            .all(|t| !t.contains("wash") && !t.contains("thin layer") && !t.contains("how to")),
        "{treatments:?}"
    );
}

#[test]
fn a_no_break_space_after_a_type_lead_is_read_without_a_panic() {
    // The fold writes U+00A0 as two spaces: "in " ends inside it.
    let doc = "# Foo rash\n\nFoo rash is a skin problem.\n\n## Types of foo rash\n\n\
- Wet foo rash\n- Dry foo rash\n\n## Causes\n\n\
In\u{a0}wet foo rash, damp socks are the usual cause.\n\n\
In dry foo rash, it is often linked with eczema.\n";
    let seed = extract(doc, "foo.md", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(type_causes(&seed, 1), ["eczema"]);
}

#[test]
fn a_question_alone_in_its_paragraph_opens_the_section_it_names() {
    let doc = "Foo rash podcast\n\nFoo rash is a skin problem.\n\n\
[00:01:10] JAMIE: And what does it feel like, day to day?\n\n\
[00:01:15] DR. LEE: People get red spots and a burning feeling.\n\n\
[00:02:10] JAMIE: So how do people treat it?\n\n\
[00:02:15] DR. LEE: The usual first choice is a steroid cream, such as hydrocortisone.\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    let symptoms = names_of(&seed, "symptoms");
    assert!(symptoms.iter().any(|s| s.contains("red spots")), "{symptoms:?}");
    let treatments = names_of(&seed, "treatments");
    assert!(
        treatments.iter().any(|t| t.contains("hydrocortisone")),
        "{treatments:?}"
    );
}
