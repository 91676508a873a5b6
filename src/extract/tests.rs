//! Extractor tests on small articles written for them.

use super::*;
use crate::document::Format;

/// Extract a plain-text article.
fn extract(doc: &str, path: &str, vocabulary: &Vocabulary) -> SeedFile {
    super::extract(&Document::parse(doc, Format::Text), path, vocabulary)
}

fn vocab() -> Vocabulary {
    Vocabulary::builtin()
}

fn check_quotes(doc: &str, seed: &SeedFile) {
    for (_, _, q) in seed.conditions[0].quoted() {
        assert_eq!(&doc[q.start..q.end], q.text);
    }
}

#[test]
fn normalises_names() {
    let v = vocab();
    assert_eq!(
        normalize_name("Latrogenic\u{a0} CALCINOSIS cutis :", &v),
        "iatrogenic calcinosis cutis"
    );
    assert_eq!(normalize_name("greasy make - up ", &v), "greasy make-up");
    assert_eq!(
        normalize_name("an overactive thyroid gland ( hyperthyroidism )", &v),
        "overactive thyroid gland (hyperthyroidism)"
    );
    assert_eq!(normalize_name("Hives", &v), "urticaria");
}

#[test]
fn reads_a_capitalised_article_with_numbered_types_and_chrome() {
    let doc = "How do you get foo rash ?\n\nFOO RASH :\n\nFoo rash , also known as bar itch , is common .\n\n\
WHAT ARE THE SIGNS AND SYMPTOMS OF FOO RASH ?\n\nThe main signs include redness , scaling and itching .\n\n\
WHAT ARE THE CAUSES OF FOO RASH ?\n\n1. DRY FOO RASH :\n  \u{2022} cold\u{a0}weather\u{a0}\n  \u{2022} primary or secondary xerosis\n\
2. WET FOO RASH :\n- sweating\n- cold weather\n\nHOW TO TREAT FOO RASH ?\n\nMedications that may be tried include zinc cream , tar gel and steroids .\n\
Surgical removal is indicated when they :\n  \u{2022} bleed\n\nComments\n\nPopular posts from this blog\n\nWhat is the main cause of lipoma ?\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    let c = &seed.conditions[0];
    assert_eq!(c.name, "foo rash");
    assert_eq!(c.aliases[0].name, "bar itch");
    let types: Vec<&str> = c.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(types, ["dry foo rash", "wet foo rash"]);
    let dry: Vec<&str> = c.types[0].causes.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(dry, ["cold weather", "primary xerosis", "secondary xerosis"]);
    assert_eq!(c.types[1].causes.len(), 2);
    let symptoms: Vec<&str> = c.symptoms.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(symptoms, ["redness", "scaling", "itching"]);
    let treatments: Vec<(&str, TreatmentKind)> =
        c.treatments.iter().map(|t| (t.name.as_str(), t.kind)).collect();
    assert!(treatments.contains(&("zinc cream", TreatmentKind::Medication)));
    assert!(treatments.contains(&("surgical removal", TreatmentKind::Procedure)));
    let surgery = c
        .treatments
        .iter()
        .find(|t| t.name == "surgical removal")
        .unwrap();
    assert_eq!(surgery.notes[0].kind, NoteKind::Indication);
    assert!(!doc[c.quote.end..].is_empty());
    assert!(
        c.treatments.iter().all(|t| !t.name.contains("lipoma")),
        "chrome is not content"
    );
}

#[test]
fn reads_markdown_and_type_dash_styles() {
    let doc = "Why does my skin go red ?\n\nBlushitis\n\nBlushitis , which used to be called red face , is long - term .\n\n\
## Signs and symptoms\n\n* flushing \n* dry skin \n\nThe 2 subtypes of blushitis\n\nType 1 - Vascular blushitis ( VB )\nTriggers such as hot drinks , wind and sunlight .\n\n\
### 2. Ocular blushitis\n* smoke \n\n## Self - care\n\n- wear sunscreen every day \n";
    let seed = extract(doc, "b.txt", &vocab());
    check_quotes(doc, &seed);
    let c = &seed.conditions[0];
    assert_eq!(c.name, "blushitis");
    assert_eq!(c.aliases[0].name, "red face");
    assert_eq!(c.symptoms.len(), 2);
    assert_eq!(c.types[0].name, "vascular blushitis");
    assert_eq!(c.types[0].aliases[0].name, "vb");
    let vascular: Vec<&str> = c.types[0].causes.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(vascular, ["hot drinks", "wind", "sunlight"]);
    assert_eq!(c.types[1].causes[0].name, "smoke");
    assert_eq!(c.treatments[0].kind, TreatmentKind::SelfCare);
}

#[test]
fn reads_numbered_lists_and_titles_with_a_colon() {
    let doc = "Grumpy skin : causes , symptoms and treatment\n\nSymptoms\n\n1. itching\n2. flaking\n\n\
Risk factors\n\nYou are more likely to get it if you have dry skin .\n\nMedications\n\n1. urea cream\n2. antihistamine tablets\n";
    let seed = extract(doc, "g.txt", &vocab());
    check_quotes(doc, &seed);
    let c = &seed.conditions[0];
    assert_eq!(c.name, "grumpy skin");
    let symptoms: Vec<&str> = c.symptoms.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(symptoms, ["itching", "flaking"]);
    assert_eq!(c.general_causes[0].name, "dry skin");
    let treatments: Vec<(&str, TreatmentKind)> =
        c.treatments.iter().map(|t| (t.name.as_str(), t.kind)).collect();
    assert_eq!(
        treatments,
        [
            ("urea cream", TreatmentKind::Medication),
            ("antihistamine tablets", TreatmentKind::Medication)
        ]
    );
    assert!(c.types.is_empty());
}

fn names(facts: &[FactSeed]) -> Vec<&str> {
    facts.iter().map(|f| f.name.as_str()).collect()
}

#[test]
fn reads_symptoms_stated_as_clauses() {
    // No-break spaces sit where writers put them: around modal verbs.
    let doc = "Why is my skin sore ?\n\nZED RASH :\n\nZed rash is common .\n\n## Symptoms\n\n\
The signs vary from person to person . Patches may\u{a0} become itchy and crack , oozing clear fluid . \
In severe cases deep sores may occur , while scars may limit movement .\n";
    let seed = extract(doc, "z.txt", &vocab());
    check_quotes(doc, &seed);
    let symptoms = names(&seed.conditions[0].symptoms);
    assert_eq!(
        symptoms,
        [
            "itchy patches",
            "cracking",
            "oozing clear fluid",
            "deep sores",
            "limit movement"
        ]
    );
}

#[test]
fn reads_treatments_in_prose_and_instructions() {
    let doc = "How to treat zed rash ?\n\nZED RASH :\n\nZed rash is common .\n\nHOW TO TREAT ZED RASH ?\n\n\
A doctor may prescribe :\n- topical steroids such as mometasone or betamethasone for flares\n\
- zinc cream combined with a barrier film\n- the pill , for women whose rash flares monthly\n\n\
Cracks can be soothed later with paraffin balm , tar gel or light therapy . \
A care team including dermatologists and nurses may help . \
For bad flares , use cool compresses , pat the skin dry and use emollients every day . See a doctor if it spreads .\n";
    let seed = extract(doc, "z.txt", &vocab());
    check_quotes(doc, &seed);
    let treatments: Vec<(&str, TreatmentKind)> = seed.conditions[0]
        .treatments
        .iter()
        .map(|t| (t.name.as_str(), t.kind))
        .collect();
    for expected in [
        ("topical steroids", TreatmentKind::Medication),
        ("mometasone", TreatmentKind::Medication),
        ("betamethasone", TreatmentKind::Medication),
        ("zinc cream", TreatmentKind::Medication),
        ("barrier film", TreatmentKind::Other),
        ("pill", TreatmentKind::Medication),
        ("paraffin balm", TreatmentKind::Other),
        ("tar gel", TreatmentKind::Medication),
        ("light therapy", TreatmentKind::Procedure),
        ("care team", TreatmentKind::Other),
        ("cool compresses", TreatmentKind::SelfCare),
        ("pat the skin dry", TreatmentKind::SelfCare),
    ] {
        assert!(
            treatments.contains(&expected),
            "{expected:?} not in {treatments:?}"
        );
    }
    assert!(
        treatments
            .iter()
            .all(|(n, _)| !n.contains("nurse") && !n.contains("doctor") && !n.contains("women")),
        "{treatments:?}"
    );
}

#[test]
fn causes_need_substance() {
    let doc = "What causes zed rash ?\n\nZED RASH :\n\nZed rash is common .\n\nWHAT CAUSES ZED RASH ?\n\n\
1. SECONDARY ZED RASH :\nIt is caused by another medical condition or by a medicine . It arises secondary to a procedure , \
for example , repeated freezing of the skin . Triggers include anti - fungal sprays , heat and / cold baths .\n\
- some medicines , for example lithium\n- alcohol ( especially beer )\n";
    let seed = extract(doc, "z.txt", &vocab());
    check_quotes(doc, &seed);
    let causes = names(&seed.conditions[0].types[0].causes);
    assert_eq!(
        causes,
        [
            "repeated freezing of the skin",
            "anti-fungal sprays",
            "heat",
            "cold baths",
            "lithium",
            "alcohol"
        ]
    );
}

#[test]
fn one_cause_under_its_abbreviation_and_its_forms() {
    let doc = "What causes zed rash ?\n\nZED RASH :\n\nZed rash is common .\n\nTYPES OF ZED RASH\n\n\
1. Hormonal zed rash\n- polycystic ovary syndrome ( PCOS )\n- hormonal changes during puberty\n\n\
2. Adult zed rash\n- PCOS in women\n- taking anabolic steroids\n- hormonal changes\n\n\
3. Sporty zed rash\n- anabolic steroids\n- vitamin d ( calciferol )\n";
    let seed = extract(doc, "z.txt", &vocab());
    check_quotes(doc, &seed);
    let c = &seed.conditions[0];
    assert_eq!(
        names(&c.types[0].causes),
        ["polycystic ovary syndrome", "hormonal changes"]
    );
    assert_eq!(
        names(&c.types[1].causes),
        [
            "polycystic ovary syndrome",
            "anabolic steroids",
            "hormonal changes"
        ]
    );
    // A lower-case parenthesis is another name, not an abbreviation.
    assert_eq!(
        names(&c.types[2].causes),
        ["anabolic steroids", "vitamin d (calciferol)"]
    );
}

#[test]
fn the_first_cue_governs_and_recommendations_name_treatments() {
    let doc = "How to treat zed rash ?\n\nZED RASH :\n\nZed rash is common .\n\nHOW TO TREAT ZED RASH ?\n\n\
It is usually treated with an antifungal cream such as clotrimazole or miconazole . \
Tea tree oil can also be used . Medical therapy may help . \
Laser ablation , where the patch is burnt away , is only a last resort .\n";
    let seed = extract(doc, "z.txt", &vocab());
    check_quotes(doc, &seed);
    let treatments: Vec<(&str, TreatmentKind)> = seed.conditions[0]
        .treatments
        .iter()
        .map(|t| (t.name.as_str(), t.kind))
        .collect();
    assert_eq!(
        treatments,
        [
            ("antifungal cream", TreatmentKind::Medication),
            ("clotrimazole", TreatmentKind::Medication),
            ("miconazole", TreatmentKind::Medication),
            ("tea tree oil", TreatmentKind::Other),
            ("laser ablation", TreatmentKind::Procedure),
        ]
    );
}

#[test]
fn reads_bold_headings_and_numbered_treatment_lists() {
    let doc = "Zed rash : causes , symptoms and treatment\n\n**Zed rash** is itchy .\n\n**Symptoms**\n\n\
Common symptoms are :\n* intense itching\n* red patches\n\n**What triggers zed rash ?**\n\n\
Things that can trigger flare - ups include soaps , stress and hot weather .\n\n**Treatment options**\n\n\
1. Emollients used every day to stop the skin drying\n2. Antihistamines for severe itching\n\
3. Phototherapy , if creams do not help\n\nYou should also avoid scratching and keep nails short .\n\nShare this post\n";
    let seed = extract(doc, "z.txt", &vocab());
    check_quotes(doc, &seed);
    let c = &seed.conditions[0];
    assert_eq!(c.name, "zed rash");
    assert_eq!(names(&c.symptoms), ["intense itching", "red patches"]);
    assert_eq!(names(&c.general_causes), ["soaps", "stress", "hot weather"]);
    assert!(
        c.types.is_empty(),
        "a numbered treatment list is not a list of types"
    );
    let treatments: Vec<&str> = c.treatments.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        treatments,
        [
            "emollients",
            "antihistamines",
            "phototherapy",
            "avoiding scratching",
            "keeping nails short"
        ]
    );
}

#[test]
fn reads_run_in_type_headings_and_plain_section_titles() {
    let doc = "Zed rash - what is it ?\n\nZed rash\n\nZed rash is a long-term skin condition .\n\n\
Signs & Symptoms\n\nMost people get dry , red patches covered with scales , usually on the knees and scalp . \
Some people also develop thick , pitted nails .\n\nTypes of zed rash\n\n\
a) Plaque zed rash - the common type. It is often triggered by stress and smoking .\n\n\
b) Drop zed rash - small sores . It often follows a throat infection .\n\nCauses\n\n\
It tends to run in families . Common triggers are injury to the skin , certain medicines such as lithium \
and beta blockers , and cold weather .\n\nPrevention\n\n- cut down on alcohol\n- manage stress\n";
    let seed = extract(doc, "z.txt", &vocab());
    check_quotes(doc, &seed);
    let c = &seed.conditions[0];
    assert_eq!(
        names(&c.symptoms),
        ["dry, red patches covered with scales", "thick, pitted nails"]
    );
    let types: Vec<&str> = c.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(types, ["plaque zed rash", "drop zed rash"]);
    assert_eq!(names(&c.types[0].causes), ["stress", "smoking"]);
    assert_eq!(names(&c.types[1].causes), ["throat infection"]);
    assert_eq!(
        names(&c.general_causes),
        [
            "family history",
            "injury to the skin",
            "lithium",
            "beta blockers",
            "cold weather"
        ]
    );
    // Prevention advice is no treatment.
    assert!(c.treatments.is_empty(), "{:?}", c.treatments);
}

#[test]
fn reads_label_sections_and_class_heads() {
    let doc = "All about zed rash\n\nZed rash ( zeditis ) is a viral rash . It is caused by the zed virus , \
the same virus that causes zed pox .\n\nSymptoms:\nThe first signs are usually headache and feeling unwell . \
A few days later a rash of blisters appears .\n\nRisk factors:\nYou are more likely to get it if you are over 50 \
or have a weakened immune system .\n\nTreatment:\nAntiviral medicines such as zedovir or zedclovir work best early . \
Painkillers like paracetamol can ease the pain . Other tips :\n- keep the rash dry\n\nVaccination:\n\
A zed vaccine is offered to older people .\n";
    let seed = extract(doc, "z.txt", &vocab());
    check_quotes(doc, &seed);
    let c = &seed.conditions[0];
    assert_eq!(c.aliases[0].name, "zeditis");
    assert_eq!(
        names(&c.general_causes),
        ["zed virus", "over 50", "weakened immune system"]
    );
    assert_eq!(
        names(&c.symptoms),
        ["headache", "feeling unwell", "rash of blisters"]
    );
    let treatments: Vec<(&str, TreatmentKind)> =
        c.treatments.iter().map(|t| (t.name.as_str(), t.kind)).collect();
    assert_eq!(
        treatments,
        [
            ("antiviral medicines", TreatmentKind::Medication),
            ("zedovir", TreatmentKind::Medication),
            ("zedclovir", TreatmentKind::Medication),
            ("painkillers (paracetamol)", TreatmentKind::Medication),
            // A vaccine offered as prevention is no treatment.
            ("keeping the rash dry", TreatmentKind::SelfCare),
        ]
    );
}

#[test]
fn reads_types_named_in_plain_paragraphs() {
    let doc = "What causes zeds ?\n\nZeds\n\nZeds are small lumps . They are caused by the zed virus ( ZV ) \
and are very common .\n\nTypes of zeds\n\nCommon zeds - found on the hands . They spread through direct \
contact or by sharing towels .\n\nFoot zeds ( verrucas ) - found on the soles . They are often picked up in \
swimming pools .\n\nSymptoms\n\nThe main symptom is a firm , raised growth on the skin .\n\nTreatment\n\n\
To stop zeds spreading , do not share towels and wear flip-flops .\n";
    let seed = extract(doc, "z.txt", &vocab());
    check_quotes(doc, &seed);
    let c = &seed.conditions[0];
    assert_eq!(names(&c.general_causes), ["zed virus"]);
    let types: Vec<&str> = c.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(types, ["common zeds", "foot zeds"]);
    assert_eq!(c.types[1].aliases[0].name, "verrucas");
    assert_eq!(names(&c.types[0].causes), ["direct contact", "sharing towels"]);
    assert_eq!(names(&c.types[1].causes), ["swimming pools"]);
    assert_eq!(names(&c.symptoms), ["firm, raised growth on the skin"]);
    let treatments: Vec<&str> = c.treatments.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(treatments, ["not sharing towels", "wearing flip-flops"]);
}

#[test]
fn triggers_in_advice_and_relatives_are_general_causes() {
    let doc =
        "What causes zed rash ?\n\nZED RASH :\n\nZed rash is common . You are more likely to get it if you \
have a parent with zed rash .\n\nHOW TO TREAT ZED RASH ?\n\nThings you can do yourself :\n\
- avoid triggers that make it worse , like hot baths and wool\n";
    let seed = extract(doc, "z.txt", &vocab());
    check_quotes(doc, &seed);
    let c = &seed.conditions[0];
    assert_eq!(names(&c.general_causes), ["family history", "hot baths", "wool"]);
    assert_eq!(c.treatments[0].name, "avoiding triggers");
}

#[test]
fn worse_makers_coordinated_clauses_and_paired_symptoms() {
    let doc = "What causes zed rash ?\n\nZED RASH :\n\nZed rash is common .\n\n## Symptoms\n\n\
The first sign is usually flushing , where the skin goes red , and over time the redness can become permanent .\n\
- whiteheads and blackheads\n- burning or stinging skin\n\n## Causes\n\n\
Tight straps rub the skin . Sweating under them makes it worse .\n";
    let seed = extract(doc, "z.txt", &vocab());
    check_quotes(doc, &seed);
    let c = &seed.conditions[0];
    assert_eq!(
        names(&c.symptoms),
        [
            "flushing",
            "permanent redness",
            "whiteheads",
            "blackheads",
            "burning or stinging skin"
        ]
    );
    assert_eq!(names(&c.general_causes), ["sweating"]);
}

#[test]
fn never_panics_on_odd_input() {
    for doc in [
        "",
        "\n\n",
        "?",
        "1.",
        "# \n- \n•",
        "ÄÖÜ ?\n\u{a0}\n•\u{a0}",
        "Title\n\nX (\nY )\n",
    ] {
        let seed = extract(doc, "x.txt", &vocab());
        if let Some(c) = seed.conditions.first() {
            check_quotes(doc, &seed);
            assert!(!c.name.is_empty());
        }
    }
}

/// The names of one kind of fact in the first condition.
fn names_of(seed: &SeedFile, kind: &str) -> Vec<String> {
    let c = &seed.conditions[0];
    match kind {
        "treatments" => c.treatments.iter().map(|t| t.name.clone()).collect(),
        "symptoms" => c.symptoms.iter().map(|f| f.name.clone()).collect(),
        "causes" => c.general_causes.iter().map(|f| f.name.clone()).collect(),
        _ => c.types.iter().map(|t| t.name.clone()).collect(),
    }
}

#[test]
fn medicines_in_treatment_prose_without_cues() {
    let doc = "Foo rash\n\nFoo rash is a skin problem.\n\nHow is foo rash treated?\n\n\
For pain, paracetamol or ibuprofen may be enough. A course of permethrin 5% cream (Lyclear) clears it. \
Do not take aspirin, and avoid codeine. Antibiotics do not work for foo rash.\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    let treatments = names_of(&seed, "treatments");
    for found in ["paracetamol", "ibuprofen", "permethrin 5% cream (lyclear)"] {
        assert!(
            treatments.iter().any(|t| t == found),
            "{found} missing from {treatments:?}"
        );
    }
    for absent in ["aspirin", "codeine", "antibiotics"] {
        // (The instruction reader keeps "avoiding codeine" as advice.)
        assert!(
            !treatments.iter().any(|t| t == absent),
            "{absent} in {treatments:?}"
        );
    }
    let kinds = &seed.conditions[0].treatments;
    let medication = |name: &str| {
        kinds
            .iter()
            .any(|t| t.name == name && t.kind == TreatmentKind::Medication)
    };
    assert!(
        medication("ibuprofen") && medication("permethrin 5% cream (lyclear)"),
        "{kinds:?}"
    );
}

#[test]
fn an_unknown_section_of_remedies_is_read_as_treatment() {
    let doc = "Foo rash\n\nFoo rash is a skin problem.\n\nWhat I tell my patients\n\n\
- a cream with hydrocortisone from the pharmacy\n- ispaghula husk (Fybogel) every day\n\
- stapled foopexy for big ones\n- rest\n\nMy holiday photos\n\n- the beach\n- the hills\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    let treatments = names_of(&seed, "treatments");
    assert!(
        treatments.iter().any(|t| t.contains("ispaghula husk")),
        "{treatments:?}"
    );
    assert!(treatments.iter().any(|t| t.contains("foopexy")), "{treatments:?}");
    assert!(!treatments.iter().any(|t| t.contains("beach")), "{treatments:?}");
}

#[test]
fn phenotype_terms_in_symptom_prose_are_symptoms() {
    let doc = "Foo fever\n\nFoo fever is an infection.\n\nSymptoms\n\n\
Most people feel hot. Some also get a headache, and a few have no nausea at all.\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    let symptoms = names_of(&seed, "symptoms");
    assert!(symptoms.iter().any(|s| s == "headache"), "{symptoms:?}");
    assert!(!symptoms.iter().any(|s| s == "nausea"), "{symptoms:?}");
}

#[test]
fn link_rows_are_chrome_and_remarks_name_no_type() {
    let doc = "Foo rash\n\nReport | Quote | Reply\n\nFoo rash is a skin problem.\n\nTypes of foo rash\n\n\
Wet foo rash\n\nIt weeps.\n\nIs it worth trying creams??\n\nQuote from: someone\n\nBy far the most common\n\n\
Dry foo rash\n\nIt flakes.\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(names_of(&seed, "types"), ["wet foo rash", "dry foo rash"]);
}

#[test]
fn a_colon_lead_in_keeps_its_section_and_a_label_gives_its_list() {
    let doc = "Foo rash\n\nFoo rash is a skin problem.\n\nSYMPTOMS\nThe main symptoms are:\n- red patches\n\
You might also have:\n- a hoarse voice\n\nCAUSES\n- certain food and drink: coffee, alcohol, chocolate and tomatoes\n\n\
Treatment\n\nHeat. A warm flannel eases it.\nUsually not. Nothing else helps.\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(names_of(&seed, "symptoms"), ["red patches", "hoarse voice"]);
    assert_eq!(
        names_of(&seed, "causes"),
        ["coffee", "alcohol", "chocolate", "tomatoes"]
    );
    let treatments = names_of(&seed, "treatments");
    assert!(treatments.contains(&"heat".to_owned()), "{treatments:?}");
    assert!(
        !treatments.iter().any(|t| t.starts_with("usually")),
        "{treatments:?}"
    );
}

#[test]
fn coordinated_numbers_stay_in_one_name() {
    let doc = "Foo warts\n\nFoo warts are lumps.\n\nCauses\n\n- HPV types 2 and 4\n- damp or cold skin\n";
    let seed = extract(doc, "foo.txt", &vocab());
    check_quotes(doc, &seed);
    assert_eq!(
        names_of(&seed, "causes"),
        ["hpv types 2 and 4", "damp skin", "cold skin"]
    );
}

// Round-three layouts: tables, bold leads, body sites, run-in questions.
#[path = "layout_tests.rs"]
mod layouts;

// Round-six readings: clauses with cues of their own, misspelt kinds.
#[path = "clause_tests.rs"]
mod clauses;

// Round-nine readings: titles past chrome, replies without headings,
// bold leads, lead-ins to lists.
#[path = "lead_tests.rs"]
mod leads;

// Round-ten and round-eleven readings: cues with alternatives, items of
// several sentences, abbreviations, negated cues, what a subject "can cause".
#[path = "cue_tests.rs"]
mod cue_tests;

// Round-twelve readings: type bullets, sentences led into a type, the
// subject of a cause after "but", what "happens when".
#[path = "type_tests.rs"]
mod type_tests;

// Round-thirteen readings: medicines and therapies known by name, what
// "may be an option", what "is another reason".
#[path = "named_tests.rs"]
mod named_tests;

// Round-fourteen readings: kinds counted off in prose.
#[path = "counted_tests.rs"]
mod counted_tests;

#[test]
fn a_dash_before_a_named_treatment_is_read_whole() {
    // The clause before "keyhole surgery" starts after the en dash, which
    // is three bytes long: reading from its second byte panicked.
    let doc = "Foo rash\n\nTreatment\n\nx – keyhole surgery\n";
    let seed = extract(doc, "foo-rash.txt", &vocab());
    check_quotes(doc, &seed);
    let doc = "Foo rash\n\nTreatment\n\nlaparoscopic ovarian drilling – keyhole surgery — then rest\n";
    let seed = extract(doc, "foo-rash.txt", &vocab());
    check_quotes(doc, &seed);
}

// Any article is read without a panic, its facts quoted exactly.
#[path = "fuzz_tests.rs"]
mod fuzz_tests;

// Round-nineteen readings: treatments in tables; symptom sections and
// leads.
#[path = "table_tests.rs"]
mod table_tests;

// Round-twenty readings: what a section heading opens.
#[path = "section_tests.rs"]
mod section_tests;
