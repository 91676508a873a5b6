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
