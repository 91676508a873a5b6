//! Round-ten readings: prose cues written with alternatives in the rules
//! file, list items of several sentences, a condition's abbreviation and
//! the kinds named after it, negated cues, short sentences that are no
//! run-in labels; what a subject "can cause" (round eleven).

use super::leads::type_causes;
use super::*;

#[test]
fn the_most_common_reason_and_what_a_type_follows_are_its_causes() {
    let doc = "Foo rash\n\nFoo rash is a skin problem.\n\nTypes of foo rash\n\nWet foo rash\n\n\
Damp socks are the most common reason. Hot baths are the next most common trigger.\n\n\
Dry foo rash\n\nIt can also follow a bad sunburn. It is often linked with eczema.\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(type_causes(&seed, 0), ["damp socks", "hot baths"]);
    assert_eq!(type_causes(&seed, 1), ["bad sunburn", "eczema"]);
}

#[test]
fn an_item_of_sentences_names_a_treatment_in_each_instruction() {
    let doc = "Foo rash\n\nFoo rash is a skin problem.\n\nTreatment\n\n\
- Eat a low-fat diet. Eat small meals more often.\n\
- Rest until you feel stronger. Ask a friend to drive you.\n";
    let seed = extract(doc, "foo.md", &vocab());
    check_quotes(doc, &seed);
    let names = names_of(&seed, "treatments");
    assert!(names.iter().any(|n| n.contains("low-fat diet")), "{names:?}");
    assert!(names.iter().any(|n| n.contains("small meals")), "{names:?}");
    assert!(
        names.iter().all(|n| !n.contains('.') && !n.contains("drive")),
        "{names:?}"
    );
}

#[test]
fn an_abbreviation_used_more_names_the_kinds_not_the_condition() {
    // The page says "FR" far more than "foo rash".
    let doc = "<h1>Foo rash</h1><p>Foo rash (FR) affects one person in ten.</p>\
<h2>Infection and disease</h2><p>Doctors separate two kinds of FR.</p>\
<p><b>Latent FR infection.</b> It is caused by cold wind.</p>\
<p><b>Active FR disease.</b> It is caused by damp socks.</p>\
<h2>Symptoms of FR</h2><ul><li>red spots</li></ul>\
<h2>Treatment</h2><p>FR is treated with creams.</p>\
<h2>Drug-resistant FR</h2><p>It is caused by missing doses.</p>";
    let seed = crate::extract::extract(&Document::parse(doc, Format::Html), "foo.html", &vocab());
    assert_eq!(seed.conditions[0].name, "foo rash");
    // The abbreviation is an alias, quoted where the page gives it.
    let aliases = &seed.conditions[0].aliases;
    assert_eq!(
        aliases.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(),
        ["fr"]
    );
    assert_eq!(aliases[0].quote.text, "FR");
    assert_eq!(
        names_of(&seed, "types"),
        ["latent fr infection", "active fr disease", "drug-resistant fr"]
    );
    assert_eq!(type_causes(&seed, 2), ["missing doses"]);
}

#[test]
fn a_negation_just_before_a_cue_denies_it() {
    let doc = "Foo rash\n\nFoo rash is a skin problem.\n\nCauses\n\n\
Foo rash is not passed on by kissing. It is passed on by sharing towels.\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(names_of(&seed, "causes"), ["sharing towels"]);
}

#[test]
fn a_short_sentence_with_its_verb_is_no_run_in_label() {
    let doc = "Foo rash\n\nFoo rash is a skin problem.\n\nIs there more than one kind of foo rash?\n\
Doctors talk about two kinds of foo rash.\nWet foo rash is the norm. It comes on with heat.\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(names_of(&seed, "types"), ["wet foo rash"]);
}

#[test]
fn what_causes_something_else_is_no_cause() {
    let doc = "Foo rash\n\nFoo rash is a skin problem.\n\nCauses\n\n\
Wet weather can bring on foo rash in winter. Damp socks can cause it. \
Tight shoes can trigger flare-ups. Sunburn can cause peeling too, but it is another problem. \
Sweat can lead to foo rash. Scratching can lead to scars.\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(
        names_of(&seed, "causes"),
        ["wet weather", "damp socks", "tight shoes", "sweat"]
    );
}

#[test]
fn what_makes_it_more_likely_heads_causes_and_names_no_type() {
    let doc = "Foo disease\n\nFoo disease is a skin problem.\n\n\
What makes foo disease more likely?\n\nDamp socks and tight shoes make it more likely.\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    assert!(
        names_of(&seed, "types").is_empty(),
        "{:?}",
        names_of(&seed, "types")
    );
    assert_eq!(names_of(&seed, "causes"), ["damp socks", "tight shoes"]);
}

#[test]
fn a_pronoun_or_these_things_names_no_treatment() {
    let doc = "Foo rash\n\nFoo rash is a skin problem.\n\nTreatment\n\n\
These things can help. Your pharmacist can suggest creams. You may need antibiotics.\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    let names = names_of(&seed, "treatments");
    assert!(
        names
            .iter()
            .all(|n| !["these things", "you"].contains(&n.as_str())),
        "{names:?}"
    );
    assert!(names.iter().any(|n| n == "antibiotics"), "{names:?}");
}

#[test]
fn what_a_type_starts_after_or_is_more_likely_if_are_its_causes() {
    let doc = "Foo rash\n\nFoo rash is a skin problem.\n\nTypes of foo rash\n\nWet foo rash\n\n\
It often starts after a bad sunburn. It is more likely if a parent has it.\n\n\
Dry foo rash\n\nIt can begin after a course of antibiotics.\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(type_causes(&seed, 0), ["bad sunburn", "parent has it"]);
    assert_eq!(type_causes(&seed, 1), ["course of antibiotics"]);
}

#[test]
fn a_long_subject_of_two_short_causes_names_each() {
    let doc = "Foo rash\n\nFoo rash is a skin problem.\n\nCauses\n\n\
Years of damp socks and sitting in a hot bath are the usual reason. \
A very stressful life event or having a cold can trigger it.\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(
        names_of(&seed, "causes"),
        [
            "years of damp socks",
            "sitting in a hot bath",
            "very stressful life event",
            "cold"
        ]
    );
}

#[test]
fn what_makes_this_type_more_likely_are_its_causes() {
    let doc = "Foo rash\n\nFoo rash is a skin problem.\n\nTypes of foo rash\n\nWet foo rash\n\n\
It starts in the feet. Damp socks, tight shoes and hot baths also make this type more likely.\n\n\
Dry foo rash\n\nIt starts on the hands. Cold wind and the fall in warmth after autumn both make this type more likely.\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(type_causes(&seed, 0), ["damp socks", "tight shoes", "hot baths"]);
    assert_eq!(
        type_causes(&seed, 1),
        ["cold wind", "fall in warmth after autumn"]
    );
}

#[test]
fn a_subject_list_of_qualified_parts_names_each() {
    let doc = "Foo rash\n\nFoo rash is a skin problem.\n\nCauses\n\n\
Tight shoes that rub the heel, and damp socks with holes that let in water, make it more likely.\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(
        names_of(&seed, "causes"),
        ["tight shoes", "damp socks with holes"]
    );
}

// Round nineteen: cue forms in a type's description, causes stated as
// subjects of a named type, general-scope openers.

#[test]
fn a_cause_of_a_named_type_stated_as_a_subject_is_that_types() {
    let doc = "Foo rash\n\nFoo rash is a skin problem.\n\nTypes of foo rash\n\nWet foo rash\n\n\
It is caused by damp socks.\n\nDry foo rash\n\nIt is caused by cold wind.\n\nCauses\n\n\
Long hot baths are a common cause of wet foo rash. Stress makes it worse.\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(type_causes(&seed, 0), ["damp socks", "long hot baths"]);
    assert_eq!(names_of(&seed, "causes"), ["stress"]);
}

#[test]
fn a_general_scope_opener_names_no_cause() {
    let doc = "Foo rash\n\nFoo rash is a skin problem.\n\nTypes of foo rash\n\nWet foo rash\n\n\
It is caused by damp socks.\n\nDry foo rash\n\nIt is caused by cold wind.\n\nOther causes\n\n\
Beyond the type-specific causes above, tight shoes can make it worse.\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(names_of(&seed, "causes"), ["tight shoes"]);
    // "Any type of friction" is a cause whose scope is its own.
    let doc = doc.replace(
        "Beyond the type-specific causes above, tight shoes",
        "Any type of friction, for example from straps,",
    );
    let seed = extract(&doc, "foo.txt", &vocab());
    let causes = names_of(&seed, "causes");
    assert!(causes.iter().any(|c| c.contains("friction")), "{causes:?}");
}

#[test]
fn what_a_type_is_traced_to_is_its_cause() {
    let doc = "Foo rash\n\nFoo rash is a skin problem.\n\nTypes of foo rash\n\nWet foo rash\n\n\
Most bouts are traced to damp socks or to a long hot bath.\n\nDry foo rash\n\n\
It is often caused by cold wind.\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(type_causes(&seed, 0), ["damp socks", "long hot bath"]);
}

#[test]
fn what_is_behind_most_cases_is_a_cause_and_a_place_behind_is_not() {
    let doc = "Foo rash\n\nFoo rash is a skin problem.\n\nCauses of foo rash\n\n\
The itch is behind the knee. A tiny mite is behind most cases, and tight shoes are \
behind a few cases.\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(names_of(&seed, "causes"), ["tiny mite", "tight shoes"]);
}

#[test]
fn each_causal_sentence_of_a_numbered_type_item_is_read() {
    let doc = "# Foo rash\n\nFoo rash is a skin problem.\n\n## Types of foo rash\n\n\
The most common types are:\n\n\
1. **Wet foo rash** – the classic form. It is much more common in people with sweaty feet.\n\
2. **Dry foo rash** – a rarer form. It can follow a bad sunburn.\n";
    let doc = Document::parse(doc, Format::Markdown);
    let seed = crate::extract::extract(&doc, "foo.md", &vocab());
    check_quotes(&doc.text, &seed);
    assert_eq!(type_causes(&seed, 0), ["sweaty feet"]);
    assert_eq!(type_causes(&seed, 1), ["bad sunburn"]);
}

/// A page of two foo rash types, each a heading over `wet` and `dry`, and
/// a closing paragraph.
fn two_types(wet: &str, dry: &str, after: &str) -> SeedFile {
    let doc = format!(
        "Foo rash\n\nFoo rash is a skin problem.\n\nTypes of foo rash\n\nWet foo rash\n\n{wet}\n\n\
Dry foo rash\n\n{dry}\n\n{after}\n"
    );
    let seed = extract(&doc, "foo.txt", &vocab());
    check_quotes(&doc, &seed);
    seed
}

#[test]
fn how_a_type_is_caught_names_its_causes() {
    // (Round twenty: ringworm, TB and the public pages on catching
    // infections say "pick it up from", "catch it by", "get it from".)
    let seed = two_types(
        "Children usually pick it up from wet towels. Sharing flip-flops can pass it on too.",
        "You can catch it from infected cats. Adults get it by gardening barefoot.",
        "",
    );
    assert_eq!(type_causes(&seed, 0), ["wet towels", "sharing flip-flops"]);
    assert_eq!(type_causes(&seed, 1), ["infected cats", "gardening barefoot"]);
}

#[test]
fn what_a_type_takes_hold_after_or_is_more_likely_in_are_its_causes() {
    let seed = two_types(
        "It takes hold when sweat gets trapped between the toes. It is more likely after a long swim.",
        "People who carry extra weight are more likely to get it. \
People with gout or chronic kidney disease ( nephritis or kidney cysts ) are more likely to get it. \
People with diabetes are also at much higher risk.",
        "",
    );
    assert_eq!(
        type_causes(&seed, 0),
        ["sweat gets trapped between the toes", "long swim"]
    );
    assert_eq!(
        type_causes(&seed, 1),
        [
            "carrying extra weight",
            "gout",
            "chronic kidney disease (nephritis or kidney cysts)",
            "diabetes"
        ]
    );
}

#[test]
fn far_and_away_the_main_culprit_is_a_cause() {
    // As "by far the main culprit" is (53-bronchitis).
    let seed = two_types(
        "Smoking is far and away the main culprit.",
        "It is caused by cold wind.",
        "",
    );
    assert_eq!(type_causes(&seed, 0), ["smoking"]);
}

#[test]
fn who_can_get_any_type_speaks_of_them_all() {
    // "Anyone can catch foo rash, but ...": no longer the last type's.
    let seed = two_types(
        "It is caused by damp socks.",
        "It is caused by cold wind.",
        "Anyone can catch foo rash, but it is more likely in people with eczema.",
    );
    assert_eq!(type_causes(&seed, 1), ["cold wind"]);
    assert_eq!(names_of(&seed, "causes"), ["eczema"]);
}

#[test]
fn what_can_spread_a_type_is_its_cause() {
    // As "can pass it on" is: 10-warts "Shaving can spread them", the
    // public pages' "sharing towels ... a way to spread it".
    let seed = two_types(
        "Shaving can spread them along the legs.",
        "It is caused by cold wind.",
        "",
    );
    assert_eq!(type_causes(&seed, 0), ["shaving"]);
}

#[test]
fn after_spreads_when_only_a_clause_opening_with_a_verb_is_named_as_a_doing() {
    let doc = "Head lice\n\nHead lice are tiny insects in the hair.\n\nTypes\n\n\
Scalp lice\n\nThey spread when kids swap caps, scarves, hair ties or cushions, and by close \
head contact with someone who has them.\n\n\
Body lice\n\nThey spread when people share beds or wear unwashed clothes.\n";
    let seed = extract(doc, "lice.txt", &vocab());
    check_quotes(doc, &seed);
    let scalp = type_causes(&seed, 0);
    assert!(
        scalp
            .iter()
            .all(|c| !c.contains("ing ") || c.starts_with("swapping")),
        "{scalp:?}"
    );
    let body = type_causes(&seed, 1);
    assert_eq!(body, ["sharing beds", "wearing unwashed clothes"]);
}

#[test]
fn a_class_whose_last_example_has_its_own_example_still_lists_each() {
    let doc = "Zed cough\n\nZed cough is a dry cough.\n\nCauses\n\n\
- some medicines, including ACE inhibitors, aspirin and inhalers such as steroid puffers\n\
- pollen\n";
    let seed = extract(doc, "zed.txt", &vocab());
    check_quotes(doc, &seed);
    let causes = names(&seed.conditions[0].general_causes);
    assert_eq!(causes[..2], ["ace inhibitors", "aspirin"], "{causes:?}");
    assert!(causes[2].starts_with("inhalers"), "{causes:?}");
    assert_eq!(causes[3..], ["pollen"], "{causes:?}");
}

#[test]
fn who_does_the_acting_is_no_cause() {
    let doc = "Foo warts\n\nFoo warts are small lumps on the skin.\n\nCauses\n\n\
Foo warts are caused by a virus. Your GP may spread them out over several visits. \
A pharmacist can spread it thinly over the wart. A cut on the wrist can bring them on.\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(names_of(&seed, "causes"), ["virus", "cut on the wrist"]);
}
