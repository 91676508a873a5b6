//! Extractor tests of page layouts: flattened tables, bold leads, body
//! sites, run-in questions, causes stated before their cue.

use super::*;

#[test]
fn a_flattened_types_table_gives_each_type_the_causes_in_its_causes_column() {
    let doc = "Croup\n\nCroup is a common chest infection of young children.\n\n\
Types of croup\nThe table below lists the two usual kinds.\n\n\
Kind\nUsual germs\nHow long it lasts\n\
Viral croup\nParainfluenza virus, measles\n3 to 5 days\n\
Spasmodic croup\nAllergies; acid reflux\n1 to 2 nights\n\n\
Treatment\nA single dose of dexamethasone is often given.\n";
    let seed = extract(doc, "croup.txt", &vocab());
    check_quotes(doc, &seed);
    let c = &seed.conditions[0];
    let types: Vec<(&str, Vec<&str>)> = c
        .types
        .iter()
        .map(|t| {
            (
                t.name.as_str(),
                t.causes.iter().map(|x| x.name.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        types,
        [
            ("viral croup", vec!["parainfluenza virus", "measles"]),
            ("spasmodic croup", vec!["allergies", "acid reflux"])
        ]
    );
}

#[test]
fn a_body_site_is_no_symptom_but_a_clause_about_one_is() {
    let doc = "Chilblains\n\nChilblains are small itchy swellings on the skin.\n\n\
Symptoms\nThe usual signs are:\n- itching and burning\n- fingers and toes that turn red or blue in the cold\n\n\
Common sites include the toes, the fingers, the backs of the hands and around the ears.\n";
    let seed = extract(doc, "chilblains.txt", &vocab());
    check_quotes(doc, &seed);
    let symptoms = names(&seed.conditions[0].symptoms);
    assert!(
        symptoms.contains(&"fingers and toes that turn red or blue in the cold"),
        "{symptoms:?}"
    );
    for site in ["toes", "fingers", "backs of the hands", "around the ears", "ears"] {
        assert!(!symptoms.contains(&site), "{site} in {symptoms:?}");
    }
}

#[test]
fn a_cause_before_its_cue_and_causes_due_to_or_resulting_from() {
    let doc = "Hives\n\nHives is an itchy raised rash.\n\nCauses\n\
Hormones such as oestrogen seem to play a part. Severe stress is also reported as a trigger. \
Some flares are due to insect bites or latex. Others result from a reaction to penicillin.\n";
    let seed = extract(doc, "hives.txt", &vocab());
    check_quotes(doc, &seed);
    let causes = names(&seed.conditions[0].general_causes);
    for cause in [
        "hormones such as oestrogen",
        "severe stress",
        "insect bites",
        "latex",
    ] {
        assert!(causes.contains(&cause), "{cause} not in {causes:?}");
    }
    assert!(causes.iter().any(|c| c.contains("penicillin")), "{causes:?}");
    assert!(
        !causes
            .iter()
            .any(|c| c.contains("play a part") || c.contains("reported")),
        "{causes:?}"
    );
}

#[test]
fn a_bold_lead_names_a_treatment_and_the_rest_only_its_examples_and_medicines() {
    let md = "# Angina\n\nAngina is chest pain from a lack of blood to the heart.\n\n## Treatment\n\n\
- **Beta-blockers**, such as bisoprolol or atenolol, slow the heart rate\n\
- **Sleep restriction:** limiting the time you spend in bed\n\
- **Stay active** with regular walking, building up slowly\n\
- **Z-drugs** like zopiclone, for a few weeks at most\n";
    let seed = super::super::extract(&Document::parse(md, Format::Markdown), "angina.md", &vocab());
    let names: Vec<&str> = seed.conditions[0]
        .treatments
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "beta-blockers",
            "bisoprolol",
            "atenolol",
            "sleep restriction",
            "staying active",
            "z-drugs",
            "zopiclone"
        ]
    );
    // A lead whose text names a medicine is a class of medicines.
    let z = seed.conditions[0]
        .treatments
        .iter()
        .find(|t| t.name == "z-drugs")
        .unwrap();
    assert_eq!(z.kind, TreatmentKind::Medication);
}

#[test]
fn a_spaced_hyphen_after_a_prefix_ends_no_type_label_and_running_in_families_is_family_history() {
    let doc = "Back pain\n\nBack pain is very common.\n\nTypes of back pain\n\n\
1 )  Non - specific ( mechanical ) back pain\n\nThe usual kind. It is set off by lifting or poor posture.\n\n\
2 )  Inflammatory back pain\n\nRarer. It often runs in families.\n";
    let seed = extract(doc, "back-pain.txt", &vocab());
    check_quotes(doc, &seed);
    let c = &seed.conditions[0];
    let types: Vec<&str> = c.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        types,
        ["non-specific (mechanical) back pain", "inflammatory back pain"]
    );
    let causes: Vec<&str> = c.types[1].causes.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(causes, ["family history"]);
}

#[test]
fn spreading_advice_is_prevention_and_who_needs_a_treatment_is_no_treatment() {
    let doc = "Impetigo\n\nImpetigo is a skin infection.\n\nTypes\n\n\
  \u{2022} Bullous impetigo. Caused by staph bacteria.\n\n\
Type      Who gets it\nBullous   Babies\nCrusted   Children\n\nTreatment\n\n\
You will need antibiotic tablets if you have bullous impetigo or a fever.\n\n\
Stop impetigo spreading or getting worse\n\n  \u{2022} do not share towels\n  \u{2022} wash bedding\n";
    let seed = extract(doc, "impetigo.txt", &vocab());
    check_quotes(doc, &seed);
    let c = &seed.conditions[0];
    let types: Vec<&str> = c.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(types, ["bullous impetigo", "crusted"]);
    let treatments: Vec<&str> = c.treatments.iter().map(|t| t.name.as_str()).collect();
    assert!(
        !treatments
            .iter()
            .any(|t| t.contains("bullous") || t.contains("fever")),
        "{treatments:?}"
    );
    assert!(c
        .general_causes
        .iter()
        .all(|x| !x.name.contains("towels") && !x.name.contains("bedding")));
}

#[test]
fn a_question_opening_a_paragraph_heads_what_follows() {
    let doc = "Tinnitus\n\nTinnitus is hearing a sound that has no outside source.\n\n\
Causes\n\nLoud noise and earwax are the usual causes.\n\n\
What helps? Nothing cures it, but these help most people:\n- sound therapy\n- hearing aids\n";
    let seed = extract(doc, "tinnitus.txt", &vocab());
    check_quotes(doc, &seed);
    let c = &seed.conditions[0];
    let treatments: Vec<&str> = c.treatments.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(treatments, ["sound therapy", "hearing aids"]);
    assert!(c
        .general_causes
        .iter()
        .all(|x| !x.name.contains("sound") && !x.name.contains("aids")));
}

#[test]
fn a_list_item_naming_relatives_is_one_family_history() {
    let doc = "Asthma\n\nAsthma is a common lung condition.\n\nCauses\nYou're more likely to get it if:\n\
\u{2022} a parent, brother or sister has asthma\n\u{2022} you smoke\n";
    let seed = extract(doc, "asthma.txt", &vocab());
    let causes = names(&seed.conditions[0].general_causes);
    assert_eq!(
        causes
            .iter()
            .filter(|c| c.contains("parent") || c.contains("sister"))
            .count(),
        0,
        "{causes:?}"
    );
    assert!(causes.contains(&"family history"), "{causes:?}");
}

#[test]
fn a_type_spreading_from_something_and_a_bracket_that_coordinates_nothing() {
    let doc = "Cellulitis\n\nCellulitis is a skin infection.\n\nTypes of cellulitis\n\nOrbital cellulitis\n\
It usually spreads from a sinus infection (sinusitis).\n\nCauses\nYou're more likely to get it if you:\n\
- have lymphoedema (swelling in your arms or legs)\n";
    let seed = extract(doc, "cellulitis.txt", &vocab());
    check_quotes(doc, &seed);
    let c = &seed.conditions[0];
    let causes: Vec<&str> = c.types[0].causes.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(causes, ["sinus infection (sinusitis)"]);
    let general: Vec<&str> = c.general_causes.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(general, ["lymphoedema (swelling in your arms or legs)"]);
}

#[test]
fn a_types_sign_is_no_cause_and_what_it_happens_after_is() {
    let doc = "Piles\n\nPiles are swollen blood vessels in the bottom.\n\nTypes of piles\n\n\
Thrombosed piles. The main sign is a hard purple lump. It happens after heavy lifting or straining.\n";
    let seed = extract(doc, "piles.txt", &vocab());
    check_quotes(doc, &seed);
    let c = &seed.conditions[0];
    let causes: Vec<&str> = c.types[0].causes.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(causes, ["heavy lifting", "straining"]);
}

/// Extract a Markdown article, checking that every quote is a span of the
/// text kb stores for it.
pub(super) fn extract_md(doc: &str, path: &str) -> SeedFile {
    let parsed = Document::parse(doc, crate::document::Format::Markdown);
    let seed = crate::extract::extract(&parsed, path, &vocab());
    check_quotes(&parsed.text, &seed);
    seed
}

/// The causes of each type, by name, in order.
pub(super) fn type_causes(seed: &SeedFile) -> Vec<(String, Vec<String>)> {
    seed.conditions[0]
        .types
        .iter()
        .map(|t| (t.name.clone(), t.causes.iter().map(|c| c.name.clone()).collect()))
        .collect()
}

#[test]
fn bold_type_bullets_written_as_sentences_are_read_as_prose_about_that_type() {
    // Types named first in prose, then described one bullet each: the
    // description's cue sentences give the causes; the descriptive opening
    // gives none. A semicolon opening a clause with its own cue starts a new
    // list; a cue inside brackets lists up to the closing bracket.
    let doc = "# Otitis externa\n\nOtitis externa is an infection of the ear canal.\n\n\
## Kinds\n\nThere are two main kinds of otitis externa: infective and reactive.\n\n\
- **Infective otitis externa.** Often very sore. The usual culprits are *Pseudomonas* and fungi.\n\
- **Reactive otitis externa.** Itchy rather than sore. Flares are set off by hair dye; \
other cases are due to eczema or psoriasis. An allergy to a product (such as hairspray or shampoo) may be behind it.\n";
    let seed = extract_md(doc, "otitis-externa.md");
    let types = type_causes(&seed);
    let causes = |name: &str| {
        types
            .iter()
            .find(|(t, _)| t == name)
            .map(|(_, c)| c.clone())
            .unwrap_or_else(|| panic!("no type {name} in {types:?}"))
    };
    assert_eq!(causes("infective otitis externa"), ["pseudomonas", "fungi"]);
    assert_eq!(
        causes("reactive otitis externa"),
        ["hair dye", "eczema", "psoriasis", "hairspray", "shampoo"]
    );
}

#[test]
fn qualifying_phrases_and_directions_for_use_name_no_treatments() {
    let doc = "Hay fever\n\nHay fever is an allergy to pollen.\n\nTreatment\n\
The mainstay is a steroid nasal spray such as mometasone or fluticasone, used every day, \
together with salt water rinses.\n\n\
How to use your nasal spray:\n\
1. Blow your nose first.\n\
2. Tilt your head forward and spray once into each nostril.\n";
    let seed = extract(doc, "hay-fever.txt", &vocab());
    check_quotes(doc, &seed);
    let names = names_of(&seed, "treatments");
    for want in ["mometasone", "fluticasone"] {
        assert!(names.iter().any(|n| n == want), "{want} missing from {names:?}");
    }
    for not in [
        "used every day",
        "together with salt water rinses",
        "blowing your nose first",
    ] {
        assert!(!names.iter().any(|n| n == not), "{not} in {names:?}");
    }
    assert!(
        !names.iter().any(|n| n.contains("nose") || n.contains("tilt")),
        "{names:?}"
    );
}

#[test]
fn treatments_per_type_rejected_treatments_and_a_long_causes_lead_in() {
    let doc = "Neck pain\n\nNeck pain is common and usually gets better on its own.\n\n\
Types of neck pain\n1) Muscle strain\n2) Whiplash\n\n\
Things that make neck pain more likely in general : poor posture , stress and long hours at a desk .\n\n\
Treatment\nKeep moving as much as you can.\n\n\
For specific types :\n\
- Muscle strain : most settles in a week . If it is severe , a physiotherapist may offer massage .\n\
- Whiplash : a soft collar is rarely needed . Painkillers such as ibuprofen can help in the first days .\n\n\
What we don't recommend : magnetic bracelets and neck traction .\n";
    let seed = extract(doc, "neck-pain.txt", &vocab());
    check_quotes(doc, &seed);
    let c = &seed.conditions[0];
    let causes = names_of(&seed, "causes");
    assert_eq!(causes, ["poor posture", "stress", "long hours at a desk"]);
    let treatments = names_of(&seed, "treatments");
    // (One example of a class is named in brackets after it.)
    for want in ["massage", "painkillers (ibuprofen)"] {
        assert!(
            treatments.iter().any(|n| n == want),
            "{want} missing from {treatments:?}"
        );
    }
    for not in ["magnetic bracelets", "neck traction"] {
        assert!(!treatments.iter().any(|n| n == not), "{not} in {treatments:?}");
    }
    // The items under "For specific types" state no type causes.
    assert!(c.types.iter().all(|t| t.causes.is_empty()), "{:?}", c.types);
}

#[test]
fn who_clauses_after_in_people_who_are_one_cause_each() {
    let doc = "Gallstones\n\nGallstones are small stones in the gallbladder.\n\nCauses\n\
The risk is higher in people who are obese, who eat a fatty diet, or who have a family history of gallstones.\n\n\
Who gets severe gallstone disease?\n\
It mostly happens in people who cannot move about or who do not eat, for example:\n\
- people in intensive care\n";
    let seed = extract(doc, "gallstones.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(
        names_of(&seed, "causes"),
        [
            "obese",
            "eat a fatty diet",
            "family history of gallstones",
            "people in intensive care"
        ]
    );
}

#[test]
fn who_has_a_symptom_is_no_part_of_it_and_passed_on_by_names_causes() {
    let doc = "Hand, foot and mouth disease\n\n\
Hand, foot and mouth disease is a common childhood illness.\n\n\
How do you get it?\n\
It is passed on by close contact with someone who has it, and by sharing cups or towels. \
It is more likely in people who play contact sports such as rugby or judo.\n\n\
Symptoms\nOver the first few days:\n\
- some people get mouth ulcers\n\
- occasionally there is a high temperature\n\n\
Treatment\nWhile it clears up:\n\
- try not to burst the blisters\n";
    let seed = extract(doc, "hfmd.txt", &vocab());
    check_quotes(doc, &seed);
    let causes = names_of(&seed, "causes");
    for want in [
        "close contact with someone who has it",
        "sharing cups",
        "play contact sports",
    ] {
        assert!(causes.iter().any(|c| c == want), "{want} missing from {causes:?}");
    }
    assert!(!causes.iter().any(|c| c == "judo"), "{causes:?}");
    assert_eq!(names_of(&seed, "symptoms"), ["mouth ulcers", "high temperature"]);
    assert_eq!(names_of(&seed, "treatments"), ["not bursting the blisters"]);
}

#[test]
fn a_treatment_item_saying_who_may_offer_what_names_what() {
    let doc = "Verrucas\n\nVerrucas are warts on the soles of the feet.\n\n\
Do I need to treat it?\nNot always. Most go away by themselves.\n\n\
Other options\n\
- Freezing sprays you can buy from a pharmacy freeze the verruca so it falls off.\n\
- Your GP or a private clinic may offer cryotherapy, or laser treatment.\n";
    let seed = extract(doc, "verrucas.txt", &vocab());
    check_quotes(doc, &seed);
    let names = names_of(&seed, "treatments");
    for want in ["freezing sprays", "cryotherapy", "laser treatment"] {
        assert!(names.iter().any(|n| n == want), "{want} missing from {names:?}");
    }
    for not in ["not always", "your gp", "private clinic"] {
        assert!(!names.iter().any(|n| n == not), "{not} in {names:?}");
    }
}

#[test]
fn headings_naming_the_condition_and_a_letter_are_its_types() {
    let doc = "Influenza\n\nInfluenza is a common viral infection of the airways.\n\n\
Types of influenza\n\nInfluenza A\nInfluenza A is caused by influenza A viruses, which also infect birds and pigs.\n\n\
Influenza B\nInfluenza B is caused by influenza B viruses. It spreads only between people.\n\n\
What is influenza?\nIt spreads in droplets from coughs and sneezes.\n";
    let seed = extract(doc, "influenza.txt", &vocab());
    check_quotes(doc, &seed);
    let types = type_causes(&seed);
    let names: Vec<&str> = types.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(names, ["influenza a", "influenza b"]);
    assert_eq!(types[0].1, ["influenza a viruses"]);
    assert_eq!(types[1].1, ["influenza b viruses"]);
}

#[test]
fn examples_after_a_recommended_treatment_are_treatments_too() {
    let doc = "Chilblains\n\nChilblains are itchy swellings on the skin after the cold.\n\n\
Treatments from a pharmacist\n\
A pharmacist can recommend creams to soothe the itching, such as calamine lotion or witch hazel.\n";
    let seed = extract(doc, "chilblains.txt", &vocab());
    check_quotes(doc, &seed);
    let names = names_of(&seed, "treatments");
    for want in ["creams", "calamine lotion", "witch hazel"] {
        assert!(names.iter().any(|n| n == want), "{want} missing from {names:?}");
    }
}

#[test]
fn symptoms_listed_under_they_can_are_named_without_the_verb() {
    let doc = "Chilblains\n\nChilblains are itchy swellings on the skin after the cold.\n\n\
Check if you have chilblains\nChilblains usually appear on the toes. They can:\n- cause a burning feeling\n- make you feel tired\n";
    let seed = extract(doc, "chilblains.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(names_of(&seed, "symptoms"), ["burning feeling", "feeling tired"]);
    // On a line of its own, "They can:" still leads in to the list.
    let doc = doc.replace("Chilblains usually appear on the toes. They can:", "They can:");
    let seed = extract(&doc, "chilblains.txt", &vocab());
    assert_eq!(names_of(&seed, "symptoms"), ["burning feeling", "feeling tired"]);
}

#[test]
fn a_bold_lead_opening_a_causes_item_names_the_cause() {
    let doc = "# Gallstones\n\nGallstones are hard deposits that form in the gallbladder.\n\n\
## Symptoms\n\nGallstones may cause no signs or symptoms. When one blocks a duct, you may get:\n\n\
- pain in the upper right of the tummy\n\n\
## Risk factors\n\nThings that may raise your risk include:\n\n\
- **Being overweight.** Extra weight raises the cholesterol in bile.\n\
- **A high-fat diet.** Meals rich in fat make the gallbladder work harder.\n";
    let seed = extract_md(doc, "gallstones.md");
    assert_eq!(names_of(&seed, "causes"), ["overweight", "high-fat diet"]);
    assert_eq!(
        names_of(&seed, "symptoms"),
        ["pain in the upper right of the tummy"]
    );
}

#[test]
fn a_causes_heading_naming_a_type_gives_that_type_its_causes() {
    let doc = "Otitis explained\n\nOtitis is inflammation of the ear.\n\n\
Q: What causes acute otitis?\nA: It usually follows a cold. It is caused by bacteria or viruses.\n\n\
Q: And what about chronic otitis?\nA: Things that keep the ear inflamed include a perforated eardrum and grommets.\n\n\
Who gets fungal otitis?\nIt is seen in people with diabetes.\n";
    let seed = extract(doc, "otitis.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(
        type_causes(&seed),
        [
            (
                "acute otitis".to_owned(),
                vec!["cold".to_owned(), "bacteria".to_owned(), "viruses".to_owned()]
            ),
            (
                "chronic otitis".to_owned(),
                vec!["perforated eardrum".to_owned(), "grommets".to_owned()]
            ),
            ("fungal otitis".to_owned(), vec!["diabetes".to_owned()]),
        ]
    );
}

#[test]
fn what_can_cause_or_infect_and_what_people_react_to_are_causes() {
    let doc = "Hives\n\nHives is an itchy raised rash.\n\nCauses\n\n\
Wearing tight clothes for a long time can cause a flare. Some medicines can bring on hives, \
such as aspirin and codeine. Some people react to latex or to nickel.\n";
    let seed = extract(doc, "hives.txt", &vocab());
    check_quotes(doc, &seed);
    let causes = names(&seed.conditions[0].general_causes);
    assert_eq!(
        causes,
        [
            "wearing tight clothes for a long time",
            "aspirin",
            "codeine",
            "latex",
            "nickel"
        ]
    );
}

#[test]
fn a_treatment_cue_among_types_names_treatments_and_an_intro_cue_fires_in_the_overview() {
    let doc = "Warts\n\nWhat are warts?\nWarts are small rough lumps on the skin. \
The virus is passed on by direct skin contact with a wart.\n\n\
Types of wart\nGenital warts - warts around the genitals. See a sexual health clinic, who may \
prescribe podophyllotoxin (Warticon).\n";
    let seed = extract(doc, "warts.txt", &vocab());
    check_quotes(doc, &seed);
    let c = &seed.conditions[0];
    let general: Vec<&str> = c.general_causes.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(general, ["direct skin contact with a wart"]);
    assert_eq!(type_causes(&seed), [("genital warts".to_owned(), vec![])]);
    let treatments: Vec<&str> = c.treatments.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(treatments, ["podophyllotoxin (warticon)"]);
}

#[test]
fn demographic_labels_are_no_causes() {
    let doc = "# Gout\n\nGout is a painful arthritis.\n\n## Risk factors\n\n\
- **Your sex.** Men get it more often.\n- **Age.** It is most common after 30.\n\
- **Obesity.** Extra weight raises uric acid.\n- Getting older\n";
    let seed = extract_md(doc, "gout.md");
    let causes = names(&seed.conditions[0].general_causes);
    assert_eq!(causes, ["obesity"]);
}

#[test]
fn the_examples_of_a_cause_named_alone_are_causes_too() {
    let doc = "Hives\n\nHives is an itchy raised rash.\n\nCauses\n\n\
A flare can be set off by pressure on the skin, such as tight straps or a heavy bag. \
It is linked to hay fever, allergies such as latex allergy, and asthma.\n";
    let seed = extract(doc, "hives.txt", &vocab());
    check_quotes(doc, &seed);
    let causes = names(&seed.conditions[0].general_causes);
    assert_eq!(
        causes,
        [
            "pressure on the skin",
            "tight straps",
            "heavy bag",
            "hay fever",
            "allergies such as latex allergy",
            "asthma"
        ]
    );
}

#[test]
fn a_symptom_clause_drops_its_adverb_and_names_what_you_have() {
    let doc = "Cellulitis\n\nCellulitis is a skin infection.\n\nSymptoms\n\n\
The skin may also blister. You can also have swollen, painful glands. Children may be irritable.\n";
    let seed = extract(doc, "cellulitis.txt", &vocab());
    check_quotes(doc, &seed);
    let symptoms = names(&seed.conditions[0].symptoms);
    assert!(symptoms.contains(&"blister"), "{symptoms:?}");
    assert!(symptoms.contains(&"swollen, painful glands"), "{symptoms:?}");
    assert!(symptoms.contains(&"irritable"), "{symptoms:?}");
    assert!(
        symptoms
            .iter()
            .all(|s| !s.contains("also") && !s.contains("children")),
        "{symptoms:?}"
    );
}

#[test]
fn an_adverbial_opening_is_no_part_of_a_cause_but_a_word_it_begins_is() {
    let doc = "Epicondylitis\n\nEpicondylitis is pain at the elbow.\n\nCauses\n\n\
Again, gripping tools is the main culprit. Lateral strain is another common cause.\n";
    let seed = extract(doc, "epicondylitis.txt", &vocab());
    check_quotes(doc, &seed);
    let causes = names(&seed.conditions[0].general_causes);
    assert_eq!(causes, ["gripping tools", "lateral strain"]);
}

#[test]
fn a_bold_line_over_its_description_labels_a_type() {
    // Markdown keeps "**Label**" and the next line one paragraph; a new
    // sentence after the bold lead makes it a label, as a colon would.
    let doc = "# Ringworm\n\nRingworm is a fungal skin infection.\n\n## Types of ringworm\n\n\
![Scalp ringworm](scalp.jpg)\n**Scalp ringworm**\nIt is passed on by sharing combs.\n\n\
**Body ringworm**\nIt often spreads from pets.\n\n\
**Ringworm** is common in children, and it is caught by touch.\n";
    let seed = extract_md(doc, "ringworm.md");
    assert_eq!(
        type_causes(&seed),
        [
            ("scalp ringworm".to_owned(), vec!["sharing combs".to_owned()]),
            ("body ringworm".to_owned(), vec!["pets".to_owned()])
        ]
    );
}
