//! Extractor tests of clause-level readings: a second cue in one sentence,
//! a kind's name spelt with a slip.

use super::layouts::{extract_md, type_causes};
use super::*;
use crate::model::{FactSeed, TreatmentSeed};

fn fact_names(facts: &[FactSeed]) -> Vec<&str> {
    facts.iter().map(|f| f.name.as_str()).collect()
}

fn treatment_names(treatments: &[TreatmentSeed]) -> Vec<&str> {
    treatments.iter().map(|t| t.name.as_str()).collect()
}

#[test]
fn a_clause_after_but_with_its_own_cue_lists_more_causes() {
    let doc = "Mastoiditis\n\nMastoiditis is an infection of the bone behind the ear.\n\n\
Types\n\nAcute mastoiditis\nIt mostly spreads from a middle ear infection, but can also come from \
a cholesteatoma or a blow to the head.\n";
    let seed = extract(doc, "mastoiditis.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(
        type_causes(&seed),
        [(
            "acute mastoiditis".to_owned(),
            vec![
                "middle ear infection".to_owned(),
                "cholesteatoma".to_owned(),
                "blow to the head".to_owned()
            ]
        )]
    );
}

#[test]
fn a_numbered_heading_may_misspell_the_condition() {
    let doc = "HYPERHIDROSIS\n\nHyperhidrosis is sweating more than the body needs.\n\n\
WHAT CAUSES IT ?\n\n1. PRIMARY HYPERHIDROSIS :\n\nIt is thought to come from overactive nerves .\n\n\
- family history\n\n2. SECONDARY HYPERHYDROSIS :\n\nIt can follow nerve damage or a stroke .\n";
    let seed = extract(doc, "hyperhidrosis.txt", &vocab());
    check_quotes(doc, &seed);
    let types = type_causes(&seed);
    let names: Vec<&str> = types.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        names,
        ["primary hyperhidrosis", "secondary hyperhidrosis"],
        "{types:?}"
    );
    assert!(types[1].1.contains(&"stroke".to_owned()), "{types:?}");
}

#[test]
fn types_named_together_share_what_spreads_them_and_each_doing_is_named() {
    let doc = "# Tonsillitis\n\nTonsillitis is an infection of the tonsils.\n\n## Types\n\n\
- **Viral tonsillitis.** The most common kind, caused by cold viruses.\n\
- **Bacterial tonsillitis.** Usually caused by group A strep.\n\
- **Chronic tonsillitis.** Comes back again and again.\n\n\
Both viral and bacterial tonsillitis are catching. They spread when people cough near others, \
share cups or cutlery, or are in close contact with someone who has it.\n";
    let seed = extract_md(doc, "tonsillitis.md");
    let types = type_causes(&seed);
    let spread = [
        "coughing near others",
        "sharing cups",
        "cutlery",
        "in close contact with someone who has it",
    ];
    for (name, first) in [
        ("viral tonsillitis", "cold viruses"),
        ("bacterial tonsillitis", "group a strep"),
    ] {
        let causes = &types
            .iter()
            .find(|(t, _)| t.eq_ignore_ascii_case(name))
            .expect(name)
            .1;
        let mut want = vec![first];
        want.extend(spread);
        assert_eq!(causes, &want, "{name}");
    }
    // The type the sentence does not name gets none of it.
    let chronic = &types
        .iter()
        .find(|(t, _)| t == "chronic tonsillitis")
        .expect("chronic")
        .1;
    assert!(chronic.is_empty(), "{chronic:?}");
}

#[test]
fn spreads_when_without_people_names_the_clause_as_it_is() {
    let doc = "Hepatitis\n\nHepatitis is swelling of the liver.\n\nTypes\n\nHepatitis B\nIt is a virus.\n\n\
Hepatitis C\nIt is a virus too.\n\n\
How it spreads\n\nHepatitis B and hepatitis C spread when infected blood gets into the body.\n";
    let seed = extract(doc, "hepatitis.txt", &vocab());
    check_quotes(doc, &seed);
    let types = type_causes(&seed);
    assert_eq!(types.len(), 2, "{types:?}");
    for (name, causes) in &types {
        assert_eq!(
            causes,
            &["infected blood gets into the body".to_owned()],
            "{name}"
        );
    }
}

#[test]
fn a_dash_after_an_item_that_names_nothing_gives_its_examples() {
    let doc = "Tinnitus\n\nTinnitus is hearing a noise that has no outside source.\n\nCauses\n\n\
Usual causes are loud noise, earwax, and some medicines - high-dose aspirin, quinine and loop diuretics, and other things — cheese.\n\n\
Other things can make it worse - or so people say.\n";
    let seed = extract(doc, "tinnitus.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(
        names(&seed.conditions[0].general_causes),
        [
            "loud noise",
            "earwax",
            "high-dose aspirin",
            "quinine",
            "loop diuretics",
            "cheese"
        ]
    );
}

#[test]
fn how_often_something_happens_is_no_part_of_its_name() {
    let doc = "Chickenpox\n\nChickenpox is a common childhood illness.\n\nSymptoms\n\n\
- an itchy, spotty rash\n- sometimes a mild fever\n- occasionally aching muscles\n";
    let seed = extract(doc, "chickenpox.txt", &vocab());
    check_quotes(doc, &seed);
    let symptoms = names(&seed.conditions[0].symptoms);
    assert!(symptoms.contains(&"mild fever"), "{symptoms:?}");
    assert!(symptoms.contains(&"aching muscles"), "{symptoms:?}");
}

#[test]
fn what_raises_the_risk_is_a_cause() {
    let doc = "Gallstones\n\nGallstones are small stones in the gallbladder.\n\nCauses\n\n\
Low levels of bile salts, which normally keep cholesterol dissolved, also raise the risk. \
Rapid weight loss increases your risk.\n";
    let seed = extract(doc, "gallstones.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(
        names(&seed.conditions[0].general_causes),
        ["low levels of bile salts", "rapid weight loss"]
    );
}

#[test]
fn an_overview_sentence_naming_what_raises_the_risk_lists_causes() {
    let doc = "Gallstones\n\nGallstones are small stones in the gallbladder. \
Being overweight, having diabetes or eating a fatty diet all raise your risk. \
Wine seems less of a problem, but a big meal can set off an attack.\n\n\
Symptoms\n\n- pain in the tummy\n";
    let seed = extract(doc, "gallstones.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(
        names(&seed.conditions[0].general_causes),
        ["overweight", "diabetes", "fatty diet"]
    );
}

#[test]
fn a_head_that_names_nothing_keeps_its_relative_clause_and_a_lone_and_is_no_treatment() {
    let doc = "Shingles\n\nShingles is a painful rash.\n\nTreatment\n\n\
Your doctor may prescribe a medicine that calms nerve pain, such as amitriptyline. \
People who get it often may be offered: aciclovir; and, for long attacks, valaciclovir.\n";
    let seed = extract(doc, "shingles.txt", &vocab());
    check_quotes(doc, &seed);
    let treatments = treatment_names(&seed.conditions[0].treatments);
    assert!(
        treatments.contains(&"medicine that calms nerve pain"),
        "{treatments:?}"
    );
    assert!(
        !treatments.contains(&"medicine") && !treatments.contains(&"and"),
        "{treatments:?}"
    );
}

#[test]
fn what_a_type_is_more_likely_in_people_with_are_its_causes() {
    let doc = "Boils\n\nBoils are painful lumps under the skin.\n\nTypes\n\n\
- Carbuncle. A cluster of boils joined together, caused by Staphylococcus aureus or both together with \
strep. It is more likely in people with diabetes, a weakened immune system, or poor hygiene.\n";
    let seed = extract(doc, "boils.txt", &vocab());
    check_quotes(doc, &seed);
    let types = type_causes(&seed);
    let causes = &types[0].1;
    for want in ["diabetes", "weakened immune system", "poor hygiene"] {
        assert!(causes.contains(&want.to_owned()), "{want} in {causes:?}");
    }
    assert!(!causes.contains(&"both together".to_owned()), "{causes:?}");
}

#[test]
fn a_cause_said_as_what_you_do_is_named_as_the_doing() {
    let doc = "Cellulitis\n\nCellulitis is a skin infection.\n\nRisk factors\n\nYou're more at risk if:\n\n\
- you inject drugs\n- you have diabetes\n";
    let seed = extract(doc, "cellulitis.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(
        names(&seed.conditions[0].general_causes),
        ["injecting drugs", "diabetes"]
    );
}

#[test]
fn a_do_not_about_a_medicine_is_no_treatment_but_one_about_a_habit_is() {
    let doc = "# Chilblains\n\nChilblains are small itchy swellings on the skin.\n\n## Treatment\n\n\
- keep your feet warm\n- do not scratch the swellings\n- do not use hydrocortisone cream on broken skin\n\
- do not rub them with snow\n\nDon't take aspirin for the pain.\n";
    let seed = extract_md(doc, "chilblains.md");
    let names = treatment_names(&seed.conditions[0].treatments);
    assert!(names.contains(&"not scratching the swellings"), "{names:?}");
    assert!(names.contains(&"keeping feet warm"), "{names:?}");
    for advised_against in ["hydrocortisone", "aspirin", "rubbing"] {
        assert!(!names.iter().any(|n| n.contains(advised_against)), "{names:?}");
    }
}

#[test]
fn what_a_kind_is_down_to_is_its_cause_and_a_bracket_a_break_opens_is_dropped() {
    let doc = "Foot pain\n\nFoot pain is pain anywhere in the foot.\n\nTypes\n\nPlantar fasciitis\n\
It hurts under the heel, worst in the morning. Usually its down to overuse or a heel spur ( where a bony lump grows on the heel ).\n";
    let seed = extract(doc, "foot-pain.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(
        type_causes(&seed),
        [(
            "plantar fasciitis".to_owned(),
            vec!["overuse".to_owned(), "heel spur".to_owned()]
        )]
    );
}

#[test]
fn the_items_under_a_dont_are_no_treatments() {
    for dont in ["**Don't**", "### Don't", "Do not:"] {
        let doc = format!(
            "# Earwax\n\nEarwax build-up is common.\n\n## Self-help\n\n**Do**\n\n- use olive oil drops\n\n\
{dont}\n\n- use cotton buds\n- put anything in your ear\n\n## Treatment\n\n- ear irrigation\n"
        );
        let seed = extract_md(&doc, "earwax.md");
        let names = treatment_names(&seed.conditions[0].treatments);
        assert_eq!(names, ["using olive oil drops", "ear irrigation"], "{dont}");
    }
}

#[test]
fn what_makes_a_kind_worse_is_its_cause_to_the_end_of_its_clause() {
    let doc = "Urticaria\n\nUrticaria is an itchy raised rash.\n\nTypes\n\nChronic urticaria\n\
It lasts more than six weeks. Flare-ups are often made worse by stress, alcohol and tight clothing, \
and it is more common in women.\n";
    let seed = extract(doc, "urticaria.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(
        type_causes(&seed),
        [(
            "chronic urticaria".to_owned(),
            vec![
                "stress".to_owned(),
                "alcohol".to_owned(),
                "tight clothing".to_owned()
            ]
        )]
    );
}

#[test]
fn no_cause_is_found_names_no_cause() {
    let doc = "Hives\n\nHives is an itchy raised rash.\n\nCauses\n\n\
In about half of cases no cause is found. Often the cause is a viral infection.\n";
    let seed = extract(doc, "hives.txt", &vocab());
    let causes = fact_names(&seed.conditions[0].general_causes);
    assert_eq!(causes, ["viral infection"]);
}

#[test]
fn a_name_loses_the_verb_a_cut_left_at_its_end_but_not_its_adverbs() {
    assert_eq!(
        names::without_tail("prednisolone is sometimes".into()),
        "prednisolone"
    );
    assert_eq!(names::without_tail("codeine may".into()), "codeine");
    assert_eq!(
        names::without_tail("needing to urinate often".into()),
        "needing to urinate often"
    );
    assert_eq!(
        names::without_tail("something you are allergic to".into()),
        "something you are allergic to"
    );
}

#[test]
fn a_class_with_several_examples_is_the_class_and_each_example() {
    let doc = "Hives\n\nHives is an itchy raised rash.\n\nCauses\n\n\
- a food allergy, for example to nuts, shellfish or eggs\n\
- medicines, including penicillin, aspirin and ibuprofen\n\
- hormonal changes, for example at puberty, before a period or during pregnancy\n\
- a viral infection, such as a cold\n";
    let seed = extract(doc, "hives.txt", &vocab());
    check_quotes(doc, &seed);
    let causes = fact_names(&seed.conditions[0].general_causes);
    assert_eq!(
        causes,
        [
            "food allergy",
            "nuts",
            "shellfish",
            "eggs",
            "penicillin",
            "aspirin",
            "ibuprofen",
            "hormonal changes",
            "viral infection"
        ]
    );
}

#[test]
fn a_subject_naming_two_things_that_make_it_worse_is_two_causes() {
    let doc = "# Intertrigo\n\nIntertrigo is a rash in skin folds.\n\n## Causes\n\n\
Rubbing and sweating make it worse. Hot or humid weather is a common trigger.\n";
    let seed = extract_md(doc, "intertrigo.md");
    let causes = fact_names(&seed.conditions[0].general_causes);
    assert_eq!(causes, ["rubbing", "sweating", "hot weather", "humid weather"]);
}

#[test]
fn a_may_also_lead_in_names_no_symptom_itself() {
    let doc = "# Earache\n\nEarache is common.\n\n## Symptoms\n\n- pain\n\n\
Babies with earache may also:\n\n- be irritable\n";
    let seed = extract_md(doc, "earache.md");
    let symptoms = fact_names(&seed.conditions[0].symptoms);
    assert!(!symptoms.iter().any(|s| s.contains("also")), "{symptoms:?}");
}

#[test]
fn types_a_sentence_says_it_includes_are_types() {
    let doc = "Diabetes\n\nDiabetes is a condition where blood sugar is too high.\n\nTypes\n\n\
Type 1 diabetes. The immune system attacks the pancreas.\n\n\
Less common types include monogenic diabetes, which results from a change in one gene, and \
cystic fibrosis-related diabetes.\n";
    let seed = extract(doc, "diabetes.txt", &vocab());
    check_quotes(doc, &seed);
    let types: Vec<String> = type_causes(&seed).into_iter().map(|(t, _)| t).collect();
    assert_eq!(
        types,
        [
            "type 1 diabetes",
            "monogenic diabetes",
            "cystic fibrosis-related diabetes"
        ]
    );
}

#[test]
fn how_the_symptoms_come_on_is_no_symptom() {
    let doc = "# Mumps\n\nMumps is a viral infection.\n\n## Symptoms\n\n\
Symptoms of mumps can come on over a few days. The glands may become swollen.\n";
    let seed = extract_md(doc, "mumps.md");
    let symptoms = fact_names(&seed.conditions[0].symptoms);
    assert_eq!(symptoms, ["swollen glands"]);
}

#[test]
fn without_a_symptoms_section_what_a_type_looks_like_is_a_symptom() {
    let body = "Corns - small, hard, round patches of skin, usually on the toes. Caused by tight shoes.\n\
Calluses - rough, thick areas of skin on the soles. From walking barefoot.\n";
    let bare = format!("Corns and calluses\n\nCorns and calluses are thick skin.\n\nTypes\n\n{body}");
    let seed = extract(&bare, "corns.txt", &vocab());
    check_quotes(&bare, &seed);
    let symptoms = fact_names(&seed.conditions[0].symptoms);
    assert_eq!(
        symptoms,
        [
            "small, hard, round patches of skin",
            "rough, thick areas of skin on the soles"
        ]
    );
    // With a symptoms section, the article says its symptoms there.
    let with = format!("{bare}\nSymptoms\n\n- hard skin\n");
    let seed = extract(&with, "corns.txt", &vocab());
    let symptoms = fact_names(&seed.conditions[0].symptoms);
    assert_eq!(symptoms, ["hard skin"]);
}

#[test]
fn what_there_is_too_much_of_when_a_kind_forms_is_its_cause() {
    let doc = "Kidney stones\n\nKidney stones are hard lumps in the kidneys.\n\nTypes\n\nCalcium stones\n\
They form when there is too much calcium in the urine or too much oxalate in the urine. \
When there is an infection, it is usually the cause of another kind.\n";
    let seed = extract(doc, "stones.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(
        type_causes(&seed),
        [(
            "calcium stones".to_owned(),
            vec![
                "too much calcium in the urine".to_owned(),
                "too much oxalate in the urine".to_owned(),
                "infection".to_owned()
            ]
        )]
    );
}

#[test]
fn what_makes_a_kind_more_likely_is_its_cause_and_an_article_is_no_word() {
    // The subject lists the causes; "A wound infection after the operation"
    // is five words to the list, not six.
    let doc = "Hernia\n\nA hernia is a bulge through a weak spot.\n\nTypes\n\nIncisional hernia\n\
It forms in the scar of an operation. A wound infection after the operation, obesity, smoking \
and steroid medicines all make it more likely.\n";
    let seed = extract(doc, "hernia.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(
        type_causes(&seed),
        [(
            "incisional hernia".to_owned(),
            vec![
                "wound infection after the operation".to_owned(),
                "obesity".to_owned(),
                "smoking".to_owned(),
                "steroid medicines".to_owned()
            ]
        )]
    );
}

#[test]
fn a_page_title_over_its_treatments_and_remarks_about_a_kind_name_nothing() {
    // A multi-page guide printed whole: each page's title is "Condition -
    // Page"; a remark about a kind ("The main treatment for ...", "Used
    // for ...") neither opens a type nor is one.
    let doc = "Urinary incontinence\n\nUrinary incontinence is leaking urine.\n\nTypes\n\
Stress incontinence\nLeaks when you cough.\nUrge incontinence\nA sudden urge to pee.\n\n\
Urinary incontinence - Non-surgical treatments\nSimple changes come first.\n\
Pelvic floor muscle training\nThe main treatment for stress incontinence. You squeeze the muscles.\n\
Bladder training\nUsed for urge incontinence. You learn to wait before you pee.\n";
    let seed = extract(doc, "incontinence.txt", &vocab());
    check_quotes(doc, &seed);
    let c = &seed.conditions[0];
    let types: Vec<&str> = c.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(types, ["stress incontinence", "urge incontinence"]);
    assert!(
        c.treatments.iter().all(|t| !t.name.contains("incontinence")),
        "{:?}",
        treatment_names(&c.treatments)
    );
    assert!(fact_names(&c.symptoms)
        .iter()
        .all(|s| !s.contains("squeeze") && !s.contains("wait")));
}

#[test]
fn side_effects_a_treatment_may_cause_are_no_facts() {
    let doc = "Overactive bladder\n\nOveractive bladder is a sudden need to pee.\n\nTreatment\n\n\
Your doctor may prescribe oxybutynin. It can cause side effects including a dry mouth \
and constipation. Side effects of mirabegron include headaches.\n";
    let seed = extract(doc, "bladder.txt", &vocab());
    let c = &seed.conditions[0];
    assert_eq!(treatment_names(&c.treatments), ["oxybutynin"]);
    assert!(c.symptoms.is_empty() && c.general_causes.is_empty());
}

#[test]
fn a_causes_item_run_in_label_names_the_cause() {
    // A leaflet's "Label - explanation" bullets, hyphen or dash.
    let doc = "Dementia\n\nDementia is a decline in memory and thinking.\n\nWhat increases the risk?\n\n\
- Genes - most dementia is not passed on, but some genes raise the risk a little.\n\
- Head injury – a serious blow to the head, sometimes years before.\n";
    let seed = extract(doc, "dementia.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(
        fact_names(&seed.conditions[0].general_causes),
        ["genes", "head injury"]
    );
}

#[test]
fn a_cause_stated_as_the_subject_of_a_joined_clause_is_cut_at_its_cue() {
    // The list after "follow" would run on into the second clause, and a
    // list before its one cue stays whole.
    let doc = "Fooitis\n\nFooitis is a swelling of the foo.\n\nCauses\n\nIt can follow a viral \
infection, and smoking makes it more likely. Sweating, hot weather, and tight clothes make it worse. \
It can follow an injury, and also stress makes it more likely. It can follow a cold; damp and \
mould make it more likely.\n";
    let seed = extract(doc, "fooitis.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(
        fact_names(&seed.conditions[0].general_causes),
        [
            "viral infection",
            "smoking",
            "sweating",
            "hot weather",
            "tight clothes",
            "injury",
            "stress",
            "cold",
            "damp",
            "mould"
        ]
    );
}

#[test]
fn a_causes_examples_are_causes_without_their_prepositions() {
    // A list item and a sentence: the class and each of two or more
    // examples; a preposition saying where an example comes from is no
    // part of it, and examples that say when are no examples.
    let doc = "Fooitis\n\nFooitis is a swelling of the foo.\n\nCauses\n\nThe main causes are:\n\n\
- hormone changes, for example from HRT or the contraceptive pill\n\
- friction from tight clothing, such as skinny jeans or cycling shorts\n\
- hormonal changes, for example at puberty or during pregnancy\n\n\
It is more likely if you have a weakened immune system, for example from HIV or after chemotherapy.\n";
    let seed = extract(doc, "fooitis.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(
        fact_names(&seed.conditions[0].general_causes),
        [
            "hormone changes",
            "hrt",
            "contraceptive pill",
            "friction from tight clothing",
            "skinny jeans",
            "cycling shorts",
            "hormonal changes",
            "weakened immune system",
            "hiv",
            "chemotherapy"
        ]
    );
}

#[test]
fn what_makes_you_more_likely_to_get_it_is_a_cause() {
    let doc = "Fooitis\n\nFooitis is a swelling of the foo.\n\nCauses\n\nNobody knows why it starts. \
You are more likely to develop it if a close relative has fooitis or you have asthma.\n";
    let seed = extract(doc, "fooitis.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(
        fact_names(&seed.conditions[0].general_causes),
        ["family history", "asthma"]
    );
}

#[test]
fn a_subject_going_on_with_a_verb_after_and_is_one_clause() {
    // "and are over 40" goes on the women's clause: no cause "over 40".
    let doc = "Fooitis\n\nFooitis is a swelling of the foo.\n\nCauses\n\nWomen who have had a baby \
and are over 40 have a higher risk. Rubbing and sweating make it worse.\n";
    let seed = extract(doc, "fooitis.txt", &vocab());
    check_quotes(doc, &seed);
    let causes = fact_names(&seed.conditions[0].general_causes);
    assert!(!causes.contains(&"over 40"), "{causes:?}");
    assert!(
        causes.contains(&"rubbing") && causes.contains(&"sweating"),
        "{causes:?}"
    );
}
