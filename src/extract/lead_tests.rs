//! Extractor tests of labels and lead-ins: titles past page chrome,
//! replies without headings, bold leads, lead-ins to lists.

use super::*;

/// Extract a Markdown article.
fn markdown(doc: &str) -> SeedFile {
    crate::extract::extract(&Document::parse(doc, Format::Markdown), "foo.md", &vocab())
}

/// The names of the causes of the condition's `i`th type.
pub(super) fn type_causes(seed: &SeedFile, i: usize) -> Vec<&str> {
    seed.conditions[0].types[i]
        .causes
        .iter()
        .map(|f| f.name.as_str())
        .collect()
}

#[test]
fn a_text_page_is_titled_past_its_chrome() {
    let title = |doc: &str| extract(doc, "foo.txt", &vocab()).document.title;
    // Chrome lines first: the first heading past them names the condition.
    let doc = "Skip to main content\n\nMenu\n\nFoo rash\n\nFoo rash is a skin problem.\n\n\
Symptoms of foo rash\n\nItchy spots.\n";
    assert_eq!(title(doc).as_deref(), Some("Foo rash"));
    // A catchy first line that does not name it gives way to the name.
    let doc = "Why do I itch so much?\n\nFOO RASH\n\nFoo rash is a skin problem.\n\nSymptoms of foo rash\n\nItchy spots.\n";
    assert_eq!(title(doc).as_deref(), Some("FOO RASH"));
    // A first line that names it stays the title.
    let doc = "What causes foo rash and how to stop it?\n\nFOO RASH\n\nFoo rash is a skin problem.\n";
    assert_eq!(
        title(doc).as_deref(),
        Some("What causes foo rash and how to stop it?")
    );
}

#[test]
fn a_reply_moves_on_by_its_run_in_labels() {
    // A forum answer with no headings: "Types." then each type, then
    // "Causes in general." and a "Treatment ...:" lead-in move on.
    let doc = "Foo rash thread\n\nTypes. Foo rash comes in two kinds.\n\n\
Wet foo rash - it weeps. Heat brings it on.\n\nDry foo rash - it flakes. Cold wind brings it on.\n\n\
Causes in general. Stress can trigger a flare.\n\nSymptoms. The main sign is an itchy patch.\n\n\
Treatment, roughly in the order I'd try:\n\n1. Zinc cream on the patches.\n2. Cool baths.\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(names_of(&seed, "types"), ["wet foo rash", "dry foo rash"]);
    assert_eq!(names_of(&seed, "causes"), ["stress"]);
    // A "Symptoms." label says where the symptoms are: how a type looks
    // ("it weeps") is none of them.
    assert_eq!(names_of(&seed, "symptoms"), ["itchy patch"]);
    assert_eq!(
        names_of(&seed, "treatments"),
        ["zinc cream on the patches", "cool baths"]
    );
}

#[test]
fn a_bold_kind_leads_its_paragraph_and_whatever_the_kind_is_general() {
    let doc = "# Foo rash\n\nFoo rash is a skin problem. There are two kinds of foo rash.\n\n\
**Wet foo rash** comes on suddenly. It is caused by heat.\n\n\
**Dry foo rash** lasts for years. It is caused by cold wind.\n\n## Causes\n\n\
**Dry foo rash** gets worse in winter. Whatever the kind, stress can trigger a flare.\n";
    let seed = markdown(doc);
    assert_eq!(names_of(&seed, "types"), ["wet foo rash", "dry foo rash"]);
    assert_eq!(type_causes(&seed, 0), ["heat"]);
    assert_eq!(type_causes(&seed, 1), ["cold wind"]);
    assert_eq!(names_of(&seed, "causes"), ["stress"]);
}

#[test]
fn a_remark_labels_no_type_and_how_do_i_know_asks_for_symptoms() {
    let doc = "Foo rash\n\nFoo rash is a skin problem.\n\nAre there different kinds? Yes. Doctors talk about two kinds.\n\n\
Wet foo rash - it weeps.\n\nDry foo rash - it flakes.\n\n\
How do I know it's foo rash? The main sign is an itchy patch. You may also have a mild fever.\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(names_of(&seed, "types"), ["wet foo rash", "dry foo rash"]);
    // The question opens the symptoms; the types' own looks come first.
    assert_eq!(names_of(&seed, "symptoms")[2..], ["itchy patch", "a mild fever"]);
}

#[test]
fn a_long_lead_in_to_side_effects_lists_no_facts() {
    let doc = "Foo rash\n\nFoo rash is a skin problem.\n\nTreatment\n\nZinc cream can help.\n\n\
When the dose is too high, you may have side effects such as:\n\nFast heartbeat\nTrouble sleeping\n\n\
Treatment, in the order I would try:\n\nCool baths\nOatmeal soaks\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(
        names_of(&seed, "treatments"),
        ["zinc cream", "cool baths", "oatmeal soaks"]
    );
}

#[test]
fn a_table_with_a_type_in_each_column_gives_each_its_causes() {
    let doc = "# Foo rash\n\nFoo rash is a skin problem.\n\n## Types of foo rash\n\n\
| | Wet foo rash (weepers) | Dry foo rash |\n|---|---|---|\n| Who gets it | Children | Adults |\n\
| Caused by | Heat | Cold wind |\n";
    let seed = markdown(doc);
    assert_eq!(names_of(&seed, "types"), ["wet foo rash", "dry foo rash"]);
    assert_eq!(type_causes(&seed, 0), ["heat"]);
    assert_eq!(type_causes(&seed, 1), ["cold wind"]);
}

#[test]
fn a_kind_opening_a_sentence_after_its_article_is_a_type() {
    let doc = "Foo rash\n\nFoo rash is a skin problem.\n\nTypes of foo rash\n\n\
An outer foo rash is sometimes called a weeper. It is caused by heat.\n\n\
An inner foo rash, often called a dry rash, is rarer. It is caused by cold wind.\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(names_of(&seed, "types"), ["outer foo rash", "inner foo rash"]);
}

#[test]
fn those_at_higher_risk_name_a_cause() {
    let doc =
        "Foo rash\n\nFoo rash is a skin problem.\n\nCauses\n\nPeople with diabetes are at higher risk. \
Smokers also have a higher risk.\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(names_of(&seed, "causes"), ["diabetes", "smokers"]);
}

#[test]
fn a_lead_in_naming_what_makes_it_likely_lists_causes_anywhere() {
    // Under an overview heading, not a causes one.
    let doc = "# Foo rash\n\n## About foo rash\n\nFoo rash is a skin problem.\n\n\
Things that make foo rash more likely include:\n\n- taking antibiotics\n- being pregnant\n\n\
You may notice:\n\n- red spots\n";
    let seed = markdown(doc);
    assert_eq!(names_of(&seed, "causes"), ["antibiotics", "pregnant"]);
    // A lead-in that denies them lists none; nor do ways to lower the risk,
    // or other illnesses.
    for lead in [
        "Things that do not make foo rash more likely:",
        "To reduce the risk of foo rash coming back:",
        "Other causes of these symptoms include:",
    ] {
        let doc = format!(
            "# Foo rash\n\n## About foo rash\n\nFoo rash is a skin problem.\n\n{lead}\n\n- cold weather\n"
        );
        assert!(names_of(&markdown(&doc), "causes").is_empty(), "{lead}");
    }
}

#[test]
fn a_causes_lead_in_ending_a_paragraph_under_a_type_lists_its_causes() {
    // The lead-in is the paragraph's last sentence; a word like "tips"
    // before it ("tips the wrong way") says nothing of the list.
    let doc = "# Foo rash\n\n## Types of foo rash\n\n### Dry foo rash\n\n\
This is the most common kind. It happens when the balance of the skin tips the wrong way. \
Typical reasons are:\n\n- cold weather\n- harsh soap\n\n### Wet foo rash\n\nIt is rare.\n";
    let seed = markdown(doc);
    assert_eq!(seed.conditions[0].types[0].name, "dry foo rash");
    assert!(type_causes(&seed, 0).contains(&"cold weather"), "{seed:?}");
    assert!(type_causes(&seed, 0).contains(&"harsh soap"), "{seed:?}");
    assert!(names_of(&seed, "treatments").is_empty(), "{seed:?}");
    assert!(names_of(&seed, "causes").is_empty(), "{seed:?}");
}

#[test]
fn a_type_heading_is_named_by_the_kind_in_its_brackets() {
    let doc = "# Foo rash\n\n## Types of foo rash\n\n### 1. Rash in people with eczema (atopic foo rash)\n\n\
It is caused by dry skin.\n\n### 2. Contact foo rash\n\nIt is caused by nickel.\n";
    let seed = markdown(doc);
    let types: Vec<&str> = seed.conditions[0].types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(types, ["atopic foo rash", "contact foo rash"]);
    assert_eq!(
        seed.conditions[0].types[0].aliases[0].name,
        "rash in people with eczema"
    );
}

#[test]
fn items_opening_with_an_ing_word_make_no_section_a_treatment_one() {
    // An unknown heading's kind comes from its items: "sweating" and
    // "feeling shaky" read as self-care by their shape alone.
    let doc =
        "# Foo rash\n\n## About foo rash\n\nFoo rash is a skin problem.\n\n## How does foo rash feel?\n\n\
- sweating\n- feeling shaky\n- tingling lips\n- feeling very hungry\n";
    let seed = markdown(doc);
    assert!(names_of(&seed, "treatments").is_empty(), "{seed:?}");
    // Named treatments still make one.
    let doc = "# Foo rash\n\n## About foo rash\n\nFoo rash is a skin problem.\n\n## Next steps\n\n\
- paracetamol\n- ibuprofen\n- hydrocortisone cream\n";
    let seed = markdown(doc);
    assert_eq!(names_of(&seed, "treatments").len(), 3, "{seed:?}");
}

#[test]
fn a_type_item_after_a_lead_in_gives_its_own_causes() {
    // "The main types are:" then "1. **X** – explanation": the explanation's
    // cause sentence belongs to that type, and to no later one.
    let doc = "# Foo rash\n\nFoo rash is a skin problem.\n\n## Types of foo rash\n\n\
The main types are:\n\n1. **Wet foo rash** – the usual form. It is caused mainly by damp socks.\n\
2. **Dry foo rash** – a rarer form seen in older people.\n";
    let seed = markdown(doc);
    let types: Vec<&str> = seed.conditions[0].types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(types, ["wet foo rash", "dry foo rash"]);
    assert_eq!(type_causes(&seed, 0), ["damp socks"]);
    assert!(type_causes(&seed, 1).is_empty(), "{seed:?}");
}

#[test]
fn a_treatment_label_in_an_item_reads_that_item_only() {
    // "- *Treatment:* ..." under a type's item names treatments, and the
    // types list goes on.
    let doc = "# Foo rash\n\nFoo rash is a skin problem.\n\n## Types of foo rash\n\n\
The main types are:\n\n1. **Wet foo rash** – the usual form.\n   - *Treatment:* a wash such as chlorhexidine.\n\n\
2. **Dry foo rash** – a rarer form.\n   - *Treatment:* severe cases may need **ciprofloxacin**.\n";
    let seed = markdown(doc);
    let types: Vec<&str> = seed.conditions[0].types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(types, ["wet foo rash", "dry foo rash"]);
    let treatments = names_of(&seed, "treatments");
    assert!(
        treatments.iter().any(|t| t.ends_with("(chlorhexidine)")),
        "{treatments:?}"
    );
    assert!(treatments.contains(&"ciprofloxacin".to_owned()), "{treatments:?}");
}

#[test]
fn a_section_word_labelling_an_item_elsewhere_is_no_section() {
    // Under causes, "Medicines:" names a cause and its examples are causes;
    // under treatment, "Antibiotics:" is still a treatment.
    let doc = "# Foo rash\n\nFoo rash is a skin problem.\n\n## Causes of foo rash\n\n\
- **Medicines:** some drugs, such as warfarin, can bring it on.\n- **Symptoms:** not a cause at all.\n\n\
## Treatment\n\nYour GP may suggest:\n\n- Antibiotics: a 7-day course clears most cases.\n";
    let seed = markdown(doc);
    let treatments = names_of(&seed, "treatments");
    assert!(
        !treatments.iter().any(|t| t.contains("warfarin")),
        "{treatments:?}"
    );
    assert!(
        treatments.iter().any(|t| t.contains("antibiotics")),
        "{treatments:?}"
    );
    assert!(names_of(&seed, "symptoms").is_empty(), "{seed:?}");
    // A type's description names no causes: only its causal sentences do.
    let doc = "# Foo rash\n\n## Types of foo rash\n\nThe main types are:\n\n\
1. **Wet foo rash** – the usual form, with symptoms such as dry, itchy skin.\n";
    let seed = markdown(doc);
    assert!(type_causes(&seed, 0).is_empty(), "{seed:?}");
}

#[test]
fn a_sentence_ending_in_the_name_labels_no_type() {
    // "Everyone has haemorrhoids. They're ...": a run-in sentence, not a
    // kind, though it ends in the condition's name.
    let seed = markdown(
        "# Fooitis\n\nFooitis is a swelling of the foo.\n\n## So what are they?\n\n\
Everyone has fooitis. It only matters when it swells.\n\n## Kinds\n\nInner fooitis: it sits \
deep.\n",
    );
    let types: Vec<&str> = seed.conditions[0].types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(types, ["inner fooitis"]);
}

#[test]
fn a_self_care_item_led_by_a_bold_instruction_names_that_one_thing() {
    let seed = markdown(
        "# Angina\n\nAngina is chest pain from a lack of blood to the heart.\n\n## Looking after yourself\n\n\
- **Stay active** with regular walking, building up slowly and pacing yourself.\n\
- **Eat a balanced diet** with plenty of fruit, vegetables and wholegrains.\n\
- Plenty of fibre, and fewer fatty foods\n",
    );
    let names: Vec<&str> = seed.conditions[0]
        .treatments
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert!(names.contains(&"staying active"), "{names:?}");
    assert!(names.contains(&"eating a balanced diet"), "{names:?}");
    // How is no list of treatments.
    for how in ["building up slowly", "vegetables", "wholegrains"] {
        assert!(!names.contains(&how), "{how} in {names:?}");
    }
    // An item with no bold lead is read as a list, as before.
    assert!(names.contains(&"plenty of fibre"), "{names:?}");
    assert!(names.contains(&"fewer fatty foods"), "{names:?}");
    for t in &seed.conditions[0].treatments {
        if t.name.starts_with("staying") || t.name.starts_with("eating") {
            assert_eq!(t.kind, TreatmentKind::SelfCare, "{}", t.name);
        }
    }
}

#[test]
fn a_title_listing_the_page_contents_opens_none_of_those_sections() {
    let doc = "Skip to main content\n\nFoo fever: Diagnosis and Treatment\n\n\
View all Foo fever: Diagnosis and Treatment articles\n\n\
Foo fever is an infection caused by a bacterium called Foo bacillus. It is spread by tick bites.\n";
    let seed = extract(doc, "foo.txt", &vocab());
    let c = &seed.conditions[0];
    assert_eq!(c.name, "foo fever");
    let causes = names(&c.general_causes);
    assert!(causes.iter().any(|n| n.contains("foo bacillus")), "{causes:?}");
    // After a section, "Foo fever - Diagnosis and treatment" is a section.
    let doc = "# Foo fever\n\nFoo fever is an infection caused by a bacterium.\n\n\
## Foo fever - Diagnosis and treatment\n\nA blood test shows it.\n\n\
## Foo fever - Symptoms\n\n- a high temperature\n- joint pain\n";
    let seed = markdown(doc);
    assert!(names(&seed.conditions[0].symptoms).contains(&"joint pain"));
}
