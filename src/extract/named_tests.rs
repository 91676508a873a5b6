//! Round-thirteen readings: medicines and therapies known by name (rules
//! data), recommendations that say "may be an option", a subject that
//! "is another reason", headings over what does not help, kinds named
//! after the condition's other name, a leaflet in two columns, and
//! lead-ins to when to get help.

use super::*;

fn treatments(seed: &SeedFile) -> Vec<(String, TreatmentKind)> {
    seed.conditions[0]
        .treatments
        .iter()
        .map(|t| (t.name.clone(), t.kind))
        .collect()
}

#[test]
fn named_therapies_in_a_treatment_sentence_are_treatments() {
    let doc = "# Foo deafness\n\nFoo deafness is a loss of hearing.\n\n## Treatment\n\n\
Most people hear better with hearing aids. Some children later get cochlear implants, \
and a few need pulmonary rehabilitation.\n";
    let seed = extract(doc, "foo.md", &vocab());
    check_quotes(doc, &seed);
    let names = names_of(&seed, "treatments");
    for want in ["hearing aids", "cochlear implants", "pulmonary rehabilitation"] {
        assert!(names.iter().any(|n| n == want), "{want}: {names:?}");
    }
    // A therapy names no medicine: its kind is not guessed as one.
    assert!(
        treatments(&seed)
            .iter()
            .all(|(_, k)| *k != TreatmentKind::Medication),
        "{:?}",
        treatments(&seed)
    );
}

#[test]
fn medicines_known_by_name_or_ending_are_treatments() {
    let doc = "# Foo fits\n\nFoo fits are seizures.\n\n## Treatment\n\n\
Common choices are levetiracetam (Keppra), lamotrigine and donepezil. \
Valproate is avoided in pregnancy.\n";
    let seed = extract(doc, "foo.md", &vocab());
    check_quotes(doc, &seed);
    let got = treatments(&seed);
    for want in ["levetiracetam (keppra)", "lamotrigine", "donepezil"] {
        assert!(
            got.iter()
                .any(|(n, k)| n == want && *k == TreatmentKind::Medication),
            "{want}: {got:?}"
        );
    }
}

#[test]
fn what_may_be_an_option_is_a_treatment_and_another_reason_a_cause() {
    let doc = "# Foo ache\n\nFoo ache is a pain in the back.\n\n## Causes\n\n\
Poor posture is another reason.\n\n## Treatment\n\n\
Facet denervation may be an option. Stronger painkillers are sometimes used.\n";
    let seed = extract(doc, "foo.md", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(names_of(&seed, "causes"), ["poor posture"]);
    let names = names_of(&seed, "treatments");
    assert!(names.iter().any(|n| n == "facet denervation"), "{names:?}");
    assert!(names.iter().any(|n| n == "stronger painkillers"), "{names:?}");
}

#[test]
fn what_a_page_says_does_not_help_names_no_treatments() {
    let doc = "# Foo rash\n\nFoo rash is a skin problem.\n\n## Treatment\n\n\
- emollient cream\n- antihistamine tablets\n\n### Things that don't help\n\n\
- copper bracelets\n- magnet therapy\n- tea tree oil\n";
    let seed = extract(doc, "foo.md", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(
        names_of(&seed, "treatments"),
        ["emollient cream", "antihistamine tablets"]
    );
}

#[test]
fn kinds_may_be_named_after_the_other_name_in_brackets() {
    let doc = "# Foo fainting (Barcope)\n\nFoo fainting is when you pass out for a moment.\n\n\
## Why it happens\n\nCardiac barcope is caused by a heart rhythm problem.\n\n\
## Reflex barcope\n\nIt is triggered by sudden pain.\n";
    let seed = extract(doc, "foo.md", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(names_of(&seed, "types"), ["cardiac barcope", "reflex barcope"]);
    let aliases: Vec<&str> = seed.conditions[0]
        .aliases
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(aliases, ["barcope"]);
}

#[test]
fn a_two_column_leaflet_is_read_column_by_column() {
    let left = [
        "Foo rash is an itchy skin problem that",
        "many people get at some time in their",
        "lives. It is not catching, and it is",
        "rarely serious.",
        "",
        "Causes",
        "Foo rash is caused by damp socks and",
        "by hot baths. It is also linked to",
        "eczema in some families.",
        "",
        "Symptoms",
        "The main symptoms are itching and red",
        "patches on the feet.",
    ];
    let right = [
        "Treatment",
        "Most people get better with an",
        "emollient cream. Antihistamine tablets",
        "can help with the itching at night.",
        "",
        "Keeping it away",
        "Dry your feet well after washing and",
        "change your socks every day. Wear",
        "shoes that let your feet breathe.",
        "",
        "When to see a GP",
        "See a GP if the rash spreads or if it",
        "does not get better in two weeks.",
    ];
    let mut doc = String::from("FOO RASH: A LEAFLET FOR PATIENTS AND THEIR FAMILIES\n\n");
    for (l, r) in left.iter().zip(right) {
        doc.push_str(format!("{l:44}{r}").trim_end());
        doc.push('\n');
    }
    let parsed = Document::parse(&doc, Format::Text);
    let seed = super::super::extract(&parsed, "foo.txt", &vocab());
    // Quotes are spans of the text as stored: read column by column.
    check_quotes(&parsed.text, &seed);
    assert_eq!(
        names_of(&seed, "causes"),
        ["damp socks", "hot baths", "eczema in some families"]
    );
    assert_eq!(
        names_of(&seed, "symptoms"),
        ["itching", "red patches on the feet"]
    );
    assert!(
        names_of(&seed, "treatments").contains(&"emollient cream".to_string()),
        "{:?}",
        names_of(&seed, "treatments")
    );
}

#[test]
fn what_you_may_notice_lists_symptoms_and_go_to_a_and_e_if_lists_none() {
    let doc = "# Foo bleed\n\nFoo bleed is bleeding from the nose.\n\n## What you may notice\n\n\
- blood from one nostril\n- needing to swallow a lot\n\n## Treatment\n\n\
A vessel that keeps bleeding can be sealed with cautery.\n\n\
RED - Go to A&E or call 999 if:\n\n- the bleeding has not stopped after 30 minutes\n- you feel faint\n";
    let seed = extract(doc, "foo.md", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(
        names_of(&seed, "symptoms"),
        ["blood from one nostril", "needing to swallow a lot"]
    );
    // The lead-in to when to get help, and its list, name no treatment.
    assert_eq!(names_of(&seed, "treatments"), ["cautery"]);
}

#[test]
fn one_example_of_a_class_is_named_in_brackets_after_it() {
    let doc = "# Foo itch\n\nFoo itch is an itchy rash.\n\n## Treatment\n\n\
- antihistamine tablets such as cetirizine at night\n\
- antiviral tablets such as aciclovir, valaciclovir or famciclovir\n\
- medicines such as emollients\n\
- steroid creams such as mometasone furoate (Elocon)\n\n\
A doctor may prescribe antifungal tablets such as terbinafine for the nails.\n";
    let seed = extract(doc, "foo.md", &vocab());
    check_quotes(doc, &seed);
    let names = names_of(&seed, "treatments");
    for want in [
        "antihistamine tablets (cetirizine at night)",
        "antifungal tablets (terbinafine)",
    ] {
        assert!(names.iter().any(|n| n == want), "{want}: {names:?}");
    }
    assert!(!names.iter().any(|n| n == "cetirizine at night"), "{names:?}");
    // Several examples, a class that says nothing, and an example with
    // brackets of its own are each listed apart.
    for want in [
        "antiviral tablets",
        "aciclovir",
        "valaciclovir",
        "emollients",
        "mometasone furoate (elocon)",
    ] {
        assert!(names.iter().any(|n| n == want), "{want}: {names:?}");
    }
}

#[test]
fn rejected_treatments_in_items_and_prose_are_none() {
    let doc = "# Foo rash\n\nFoo rash is an itchy rash.\n\n## Treatment\n\n\
- an antifungal cream such as clotrimazole\n\
- onion poultice: made no difference for most people\n\
- lemon balm rarely helps\n\
- fluconazole tablets if the cream does not work\n\n\
Kitchen remedies like onion juice have not been shown to help the rash. \
Do not use herbal soaks on the rash. Do not stop taking your medicine early. \
Do not scratch the rash.\n";
    let seed = extract(doc, "foo.md", &vocab());
    check_quotes(doc, &seed);
    let names = names_of(&seed, "treatments");
    assert!(names.iter().any(|n| n.contains("clotrimazole")), "{names:?}");
    // A condition rejects nothing.
    assert!(names.iter().any(|n| n.contains("fluconazole")), "{names:?}");
    // Self-care said as "do not" stays.
    assert!(names.iter().any(|n| n.contains("scratching")), "{names:?}");
    for not in ["onion", "lemon", "herbal", "stopping", "medicine"] {
        assert!(!names.iter().any(|n| n.contains(not)), "{not}: {names:?}");
    }
}

#[test]
fn a_colon_in_treatment_prose_opens_a_list() {
    let doc = "# Foo gout\n\nFoo gout is a painful joint.\n\n## Treatment\n\n\
A few habits make a difference too: drinking less beer, walking daily and losing weight.\n\n\
For the mild form the plan is simpler: rest, an ice pack, and raising the foot.\n\n\
Things I would never pay for: copper bracelets and magnet insoles.\n\n\
Posted by Jan: 3 May 2026, 10:15.\n";
    let seed = extract(doc, "foo.md", &vocab());
    check_quotes(doc, &seed);
    let names = names_of(&seed, "treatments");
    for want in [
        "drinking less beer",
        "walking daily",
        "losing weight",
        "rest",
        "ice pack",
        "raising the foot",
    ] {
        assert!(names.iter().any(|n| n.contains(want)), "{want}: {names:?}");
    }
    for not in ["copper", "magnet", "may", "jan"] {
        assert!(!names.iter().any(|n| n.contains(not)), "{not}: {names:?}");
    }
}

#[test]
fn what_people_are_advised_or_told_to_do_and_what_a_step_is_called_are_treatments() {
    let doc = "# Foo heart\n\nFoo heart is a weak heart muscle.\n\n## Treatment\n\n\
Everyone with it is advised to cut down on caffeine.\n\n\
Smokers should be told to give up cigarettes.\n\n\
Sometimes a thin wire is threaded to the heart. This is called catheter mapping, and it is quick.\n\n\
A doctor who looks after hearts is called a cardiologist.\n";
    let seed = extract(doc, "foo.md", &vocab());
    check_quotes(doc, &seed);
    let names = names_of(&seed, "treatments");
    for want in ["caffeine", "cigarettes", "catheter mapping"] {
        assert!(names.iter().any(|n| n.contains(want)), "{want}: {names:?}");
    }
    // What something other than the step is called names no treatment.
    assert!(!names.iter().any(|n| n.contains("cardiologist")), "{names:?}");
}
