//! Extractor tests of treatments in tables: a treatments table's first
//! column, a treatment column of any table, and the rows that name none.

use super::layouts::extract_md;
use super::*;

#[test]
fn a_treatments_table_names_a_treatment_in_each_rows_first_cell() {
    let doc = "# Chilblains\n\nChilblains are itchy swellings on the toes.\n\n## Treatment\n\n\
Your pharmacist may suggest:\n\n\
| Medicine | How you use it | Side effects |\n|---|---|---|\n\
| Witch hazel lotion | dabbed on twice a day | may sting |\n\
| Nifedipine 20 mg | one tablet a day | flushing, headache |\n\
| Calamine | shaken and dabbed on | none |\n";
    let seed = extract_md(doc, "chilblains.md");
    let treatments = names_of(&seed, "treatments");
    for found in ["witch hazel lotion", "nifedipine", "calamine"] {
        assert!(treatments.iter().any(|t| t == found), "{found}: {treatments:?}");
    }
    for not in ["medicine", "flushing", "headache", "once a day"] {
        assert!(
            !treatments.iter().any(|t| t.contains(not)),
            "{not}: {treatments:?}"
        );
    }
}

#[test]
fn a_table_of_foods_or_prices_under_treatment_names_no_treatment() {
    let doc = "# Chilblains\n\nChilblains are itchy swellings on the toes.\n\n## Treatment\n\n\
| Food | Portion |\n|---|---|\n| Whole milk | a glass |\n| Hard cheese | a slice |\n\n\
| Witch hazel lotion 100ml | from £3.99 |\n|---|---|\n| Arnica cream 50g | £4.50 |\n\n\
Warm the feet slowly.\n";
    let seed = extract_md(doc, "chilblains.md");
    let treatments = names_of(&seed, "treatments");
    for not in ["milk", "cheese", "arnica"] {
        assert!(
            !treatments.iter().any(|t| t.contains(not)),
            "{not}: {treatments:?}"
        );
    }
}

#[test]
fn a_treatment_column_of_a_types_table_names_each_types_treatments() {
    let doc = "# Chilblains\n\nChilblains are itchy swellings on the toes.\n\n## Types of chilblains\n\n\
| Kind | What brings it on | Usual treatments |\n|---|---|---|\n\
| Acute chilblains | damp cold | Witch hazel lotion; nifedipine |\n\
| Chronic chilblains | years of cold work | Keep the feet warm. Calamine lotion can soothe the itch. |\n";
    let seed = extract_md(doc, "chilblains.md");
    let treatments = names_of(&seed, "treatments");
    for found in ["witch hazel lotion", "nifedipine"] {
        assert!(treatments.iter().any(|t| t == found), "{found}: {treatments:?}");
    }
    assert!(
        treatments.iter().any(|t| t.contains("feet warm")),
        "{treatments:?}"
    );
    let types = names_of(&seed, "types");
    assert!(types.iter().any(|t| t == "acute chilblains"), "{types:?}");
}

#[test]
fn an_option_grids_questions_name_no_treatment() {
    // A decision aid: questions down the side, the options across the top.
    let doc = "# Chilblains\n\nChilblains are itchy swellings on the toes.\n\n## Treatment\n\n\
| Questions | Warm socks | Nifedipine |\n|---|---|---|\n\
| What is it? | thick socks | a tablet |\n| Does it work? | often | sometimes |\n\n\
| Your questions | Lotion | Cream |\n|---|---|---|\n| Possible downsides | may sting | may smell |\n";
    let seed = extract_md(doc, "chilblains.md");
    let treatments = names_of(&seed, "treatments");
    for not in ["what is it", "does it work", "possible downsides"] {
        assert!(
            !treatments.iter().any(|t| t.contains(not)),
            "{not}: {treatments:?}"
        );
    }
}

#[test]
fn tables_end_at_a_blank_line_and_treatment_columns_speak_only_of_treatments() {
    // Two tables one after the other: the second's header is its own.
    let doc = "# Chilblains\n\nChilblains are itchy swellings on the toes.\n\n## Treatment\n\n\
| Medicine | How to use it |\n|---|---|\n| Calamine | dab on |\n\n\
| Lifestyle change | Why it helps |\n|---|---|\n| Step 1 | warm up slowly |\n\
| Nifedipine 20 mg | widens vessels |\n| Arnica cream | From £4.50 |\n";
    let seed = extract_md(doc, "chilblains.md");
    let treatments = names_of(&seed, "treatments");
    for found in ["calamine", "step 1", "nifedipine"] {
        assert!(treatments.iter().any(|t| t == found), "{found}: {treatments:?}");
    }
    for not in ["lifestyle change", "arnica"] {
        assert!(
            !treatments.iter().any(|t| t.contains(not)),
            "{not}: {treatments:?}"
        );
    }
    // A "What to do" column under symptoms says when to get help.
    let doc = "# Chilblains\n\nChilblains are itchy swellings on the toes.\n\n## Symptoms\n\n\
| Symptom | What to do |\n|---|---|\n| Itchy toes | Soak the feet in warm water |\n\
| Broken skin | See a GP |\n";
    let seed = extract_md(doc, "chilblains.md");
    let treatments = names_of(&seed, "treatments");
    assert!(treatments.is_empty(), "{treatments:?}");
}
