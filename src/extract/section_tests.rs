//! Extractor tests of what a section heading opens: help headings worded
//! as call-outs, symptom headings naming the condition by a short word.

use super::*;

#[test]
fn a_heading_sending_the_reader_for_help_opens_no_treatments() {
    // Under a treatment section, after a sub-heading that opens nothing,
    // "See your GP if" lists say when to get help.
    for heading in ["See your GP if:", "Call your healthcare provider if:"] {
        let doc = format!(
            "Chilblains\n\nChilblains are itchy swellings on the toes.\n\n\
How are chilblains treated?\nA pharmacist may suggest a lotion such as witch hazel.\n\n\
Can I still play football?\nYes. You do not need to stay at home.\n\n\
{heading}\n  - the swelling is spreading, or there are many patches\n  - you think it is infected\n"
        );
        let seed = extract(&doc, "chilblains.txt", &vocab());
        check_quotes(&doc, &seed);
        let treatments = names_of(&seed, "treatments");
        assert!(
            treatments.iter().any(|t| t.contains("witch hazel")),
            "{heading}: {treatments:?}"
        );
        for not in ["spreading", "patches", "infected"] {
            assert!(
                !treatments.iter().any(|t| t.contains(not)),
                "{heading}: {treatments:?}"
            );
        }
    }
}

#[test]
fn a_heading_naming_the_condition_by_a_short_word_opens_its_section() {
    // "How does it feel?" is a symptoms heading; so is "How does a hyper
    // feel?" over hyperkalaemia, and "Stopping hyperkalaemia coming back"
    // is prevention as "Stopping it coming back" is.
    let doc = "Hyperkalaemia\n\nHyperkalaemia means there is too much potassium in the blood.\n\n\
How does a hyper feel?\nSome people feel nothing at all. Others notice:\n  - muscle weakness\n  - an uneven heartbeat\n\n\
Stopping hyperkalaemia coming back\nEat fewer bananas.\n";
    let seed = extract(doc, "hyperkalaemia.txt", &vocab());
    check_quotes(doc, &seed);
    let symptoms = names_of(&seed, "symptoms");
    for found in ["muscle weakness", "uneven heartbeat"] {
        assert!(symptoms.iter().any(|s| s == found), "{found}: {symptoms:?}");
    }
    // A word the name only starts with in part names no short form.
    let doc = "Hyperkalaemia\n\nHyperkalaemia means there is too much potassium in the blood.\n\n\
How does a hyphen feel?\nSome people feel nothing at all. Others notice:\n  - muscle weakness\n";
    let seed = extract(doc, "hyperkalaemia.txt", &vocab());
    assert!(
        names_of(&seed, "symptoms").is_empty(),
        "{:?}",
        names_of(&seed, "symptoms")
    );
}

#[test]
fn recognising_the_condition_heads_its_symptoms_and_what_to_notice_is_no_part_of_them() {
    // A how-to page's "Recognising chilblains" part lists symptoms as steps
    // led by "Notice", "Watch for", "Pay attention to".
    let doc =
        "# How to Deal with Chilblains\n\nChilblains are small, itchy swellings on the skin after cold.\n\n\
## Part 1 of 2: Recognising Chilblains\n\n\
1. **Notice itchy red patches on your toes.** They often come a few hours after being out in the cold.\n\
2. **Pay attention to cracked skin.** It may hurt.\n\n\
## Part 2 of 2: Treating Chilblains\n\n1. **Use a soothing lotion.** Witch hazel can calm the itch.\n";
    let seed = super::layouts::extract_md(doc, "chilblains.md");
    let symptoms = names_of(&seed, "symptoms");
    for found in ["itchy red patches on your toes", "cracked skin"] {
        assert!(symptoms.iter().any(|s| s == found), "{found}: {symptoms:?}");
    }
}

#[test]
fn a_box_to_tick_beside_a_question_is_chrome() {
    let doc =
        "# Chilblains\n\nChilblains are small, itchy swellings on the skin after cold.\n\n## Treatment\n\n\
Options we talked about:\n\n- [ ] Witch hazel lotion\n- [ ] Is a steroid cream worth trying?\n\
- [x] Can the nurse call me back?\n";
    let seed = super::layouts::extract_md(doc, "chilblains.md");
    let treatments = names_of(&seed, "treatments");
    assert!(
        treatments.iter().any(|t| t.contains("witch hazel")),
        "{treatments:?}"
    );
    for not in ["steroid", "nurse"] {
        assert!(
            !treatments.iter().any(|t| t.contains(not)),
            "{not}: {treatments:?}"
        );
    }
}

#[test]
fn a_help_heading_leads_in_to_its_list_only() {
    let doc = "# Ringworm\n\nRingworm is a fungal skin infection.\n\n## Treatment\n\n\
### See your GP if the cream has not worked after 2 weeks\n\nYour GP may prescribe terbinafine tablets.\n\n\
### Important: using creams properly\n\nCarry on using clotrimazole cream for 2 weeks after the rash goes.\n\n\
### Phone 111 if:\n\n- the rash spreads fast\n- you feel hot and shivery\n";
    let seed = super::layouts::extract_md(doc, "ringworm.md");
    let treatments = names_of(&seed, "treatments");
    for name in ["terbinafine", "clotrimazole"] {
        assert!(
            treatments.iter().any(|t| t.contains(name)),
            "{name}: {treatments:?}"
        );
    }
    let symptoms = names_of(&seed, "symptoms");
    assert!(
        !treatments
            .iter()
            .chain(&symptoms)
            .any(|t| t.contains("rash spreads") || t.contains("shivery")),
        "{treatments:?} {symptoms:?}"
    );
}
