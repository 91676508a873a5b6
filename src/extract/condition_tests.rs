//! Condition detection tests on small pages written for them.

use super::*;
use crate::document::{Block, Format};

fn detect_in(source: &str, format: Format, file: &str) -> Option<(String, Signal)> {
    let doc = Document::parse(source, format);
    detect(&doc, file, &Rules::builtin(), &Vocabulary::builtin()).map(|d| {
        assert!(!d.span.of(&doc.text).is_empty());
        (d.name, d.signal)
    })
}

#[test]
fn the_name_a_page_returns_to_beats_its_chrome() {
    let page = "Skip to main content\n\nMenu\nSearch\n\nEarache\n\nEarache is a common problem in children.\n\nSymptoms of earache\n• pain\n\nCauses of earache\nColds.\n\nHow earache is treated\nPainkillers.\n\nPage last reviewed: 1 May 2024\n";
    assert_eq!(
        detect_in(page, Format::Text, "x.txt"),
        Some(("earache".into(), Signal::Document))
    );
}

#[test]
fn a_site_name_over_its_menus_loses_to_the_definition_below_them() {
    let page = "Westbrook Hospital\nFind a doctor\nLog in\nPatients & Visitors\nGive Now\n\n\
Health Library\nBursitis\nRequest an appointment\nPrint\n\nOverview\n\
Bursitis is swelling of a bursa, a small sac of fluid that cushions a joint. Hip bursitis and \
knee bursitis are the most common kinds.\n\nVisit Westbrook Hospital shop\n\nCauses\n\
Bursitis often follows overuse. Bursitis can also come from a knock.\n";
    assert_eq!(detect_in(page, Format::Text, "x.txt").unwrap().0, "bursitis");
}

#[test]
fn a_heading_names_the_whole_not_the_section() {
    let page = "Types of headaches\n\nTension headaches\nStress.\n\nCluster headaches\nAlcohol.\n\nTreating headaches\nRest.\n";
    assert_eq!(detect_in(page, Format::Text, "x.txt").unwrap().0, "headaches");
}

#[test]
fn a_definition_names_it_and_the_file_name_is_the_last_resort() {
    let page = "Croup is a common infection of the airways in young children. It causes a barking cough.\n";
    assert_eq!(detect_in(page, Format::Text, "x.txt").unwrap().0, "croup");
    let bare = "This page is about something that nobody named anywhere at all, truly.\n";
    assert_eq!(
        detect_in(bare, Format::Text, "07-hay-fever.txt"),
        Some(("hay fever".into(), Signal::FileName))
    );
}

#[test]
fn lower_case_as_std() {
    for text in [
        "Gout – FACTS’ İstanbul",
        "",
        "ASCII Only",
        "\u{3a3}\u{391}\u{3a3} x",
        "ÉÀ\nÑ",
    ] {
        assert_eq!(lower_case(text), text.to_lowercase(), "{text}");
    }
}

#[test]
fn heading_cuts_as_by_finding_each() {
    let marks = [":", " - ", " – ", " | ", " — ", "(", "["];
    for text in [
        "a – b | c",
        "x (y) : z",
        "no cut",
        "é — [1]",
        "",
        "one -two - three",
    ] {
        let each = marks.iter().filter_map(|m| text.find(m)).min();
        assert_eq!(first_of(text, &marks), each, "{text}");
    }
}

#[test]
fn subjects_lose_section_words_and_filler() {
    let rules = Rules::builtin();
    let s = |h: &str| {
        subject(
            h,
            Span {
                start: 0,
                end: h.len(),
            },
            &rules,
        )
        .map(|s| s.of(h).to_owned())
    };
    assert_eq!(s("How is scabies treated?").as_deref(), Some("scabies"));
    assert_eq!(s("What are the types of impetigo?").as_deref(), Some("impetigo"));
    assert_eq!(s("Impetigo: Facts, Types, Symptoms").as_deref(), Some("Impetigo"));
    assert_eq!(s("Symptoms"), None);
}

#[test]
fn a_name_after_a_label_and_in_cue_phrases_wins() {
    // The title's label comes first; the name stands after its colon and
    // in the sentences below ("kinds of", "symptoms of").
    let page = "<html><body><h1>Discharge Instructions: Croup</h1>\
<h2>About your condition</h2><p>You were in the hospital because your child has croup.</p>\
<p>There are two kinds of croup. Your care team has marked yours.</p>\
<h2>Symptoms</h2><p>Common symptoms of croup are a barking cough and a hoarse voice.</p>\
<h2>Follow-up</h2><p>Book a follow-up with your healthcare provider.</p></body></html>";
    assert_eq!(detect_in(page, Format::Html, "x.html").unwrap().0, "croup");
}

#[test]
fn a_bold_question_heads_its_paragraph_and_timestamps_are_chrome() {
    let letter = "# The Monthly Letter\n\n## In this issue\n\n1. Ask the doctor\n2. Recipe corner\n\n\
## Ask the doctor\n\nQ. My cough will not go away. Why no antibiotics?\n\n\
**What is croup?** It is swelling around the voice box.\n\n\
**How do I know it's croup?** The main sign is a barking cough.\n\n## Recipe corner\n\nLentil soup.\n";
    assert_eq!(detect_in(letter, Format::Markdown, "x.md").unwrap().0, "croup");
    let rules = Rules::builtin();
    assert!(is_chrome("2y ago", &rules));
    assert!(is_chrome("3 hours ago", &rules));
    assert!(!is_chrome("It started 2 years ago after a cold.", &rules));
    assert!(!is_chrome("Long ago", &rules));
}

#[test]
fn a_marked_up_tables_rows_are_no_rows_of_links() {
    let rules = Rules::builtin();
    let md = "# Foo\n\n| Type | Who gets it | Common triggers |\n|---|---|---|\n| Wet | Children | Heat |\n";
    let doc = Document::parse(md, Format::Markdown);
    let rows: Vec<&Block> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::TableRow)
        .collect();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|b| !block_is_chrome(&doc, b, &rules)));
    // The same joined text as a line of a text file is a row of links.
    let text = Document::parse("Home | Health A-Z | Foo\n\nFoo is a rash.\n", Format::Text);
    assert!(block_is_chrome(&text, &text.blocks[0], &rules));
}

#[test]
fn a_count_in_numbered_headings_is_no_name() {
    // How-to pages number their parts; the count repeats in every heading.
    let page = "# How to Treat Foo Rash\n\nFoo rash happens when the skin dries out.\n\n\
## Method 1 of 3: Spotting It\n\n1. Look for red patches.\n\n\
## Method 2 of 3: Soothing It\n\n1. Use a cream.\n\n\
## Method 3 of 3: Keeping It Away\n\n1. Wear soft socks.\n";
    assert_eq!(detect_in(page, Format::Markdown, "x.md").unwrap().0, "foo rash");
}

#[test]
fn a_podcast_page_is_about_what_its_guest_defines_not_its_episode() {
    // Show notes and a transcript: the definition comes late, in a turn.
    let page = "Skin Talk Weekly    Episodes    Guests    About\n\nShow notes\n\nWe talk about rashes with a doctor.\n\n\
In this episode\n(01:10) What it is\n(05:00) What helps\n\nTranscript\n\n\
[00:00:05] HOST: Welcome to this episode, the tenth episode of the show.\n\n\
[00:00:20] GUEST: Thanks for having me on the episode today.\n\n\
[00:00:40] HOST: So where do we start with it all?\n\n\
[00:01:10] GUEST: Foo rash is when the skin of the feet cracks and itches. Foo rash is common.\n\n\
[00:05:00] GUEST: Creams help most people with foo rash. Foo rash often comes back.\n";
    assert_eq!(detect_in(page, Format::Text, "x.txt").unwrap().0, "foo rash");
}

#[test]
fn a_thread_under_a_lay_question_is_about_the_name_its_answers_use() {
    // No heading names it; the thread's chrome headings are counters.
    let page = "# Why are my eyelids crusty every morning?\n\nAsked 2 years ago\n\n\
My lids are sore along the edges every morning.\n\n## 3 Answers\n\n\
What you describe is classic foobaritis. I'm an optometrist. Foobaritis is not catching.\n\n\
Warm compresses help most people with foobaritis. Foobaritis comes back, so keep at it.\n\n\
I had foobaritis for years; my foobaritis settled with lid wipes.\n\n\
Foobaritis and dry eye often go together; treat the foobaritis first. Foobaritis is lifelong.\n\n## Your Answer\n\nPost Your Answer\n";
    assert_eq!(detect_in(page, Format::Markdown, "x.md").unwrap().0, "foobaritis");
    // Used once, the same word proposes nothing: the title's subject wins.
    let page = "# Crusty eyelids\n\nCrusty eyelids are common. Foobaritis is one reason.\n";
    assert_eq!(
        detect_in(page, Format::Markdown, "x.md").unwrap().0,
        "crusty eyelids"
    );
}

#[test]
fn a_short_name_in_quotes_or_the_plural_in_brackets_is_the_full_names() {
    // The page uses "hypo" more than its full name; the title gives it in
    // brackets, quoted and plural.
    let page = "<h1>Foopenia (\u{201c}foops\u{201d})</h1><p>Foopenia, often called a foop, is when the foo count \
is low.</p><h2>What a foop feels like</h2><p>A foop makes you shaky.</p><h2>Treating a foop</h2>\
<p>Treat a foop with rest. Each foop passes. A foop can come back.</p><h2>Foop at night</h2><p>A foop at night.</p>";
    assert_eq!(detect_in(page, Format::Html, "x.html").unwrap().0, "foopenia");
    // Without the brackets the definition still names it ("Foopenia, often
    // called a foop, is when"); without either, the name used most wins.
    let plain = page.replace("(\u{201c}foops\u{201d})", "");
    assert_eq!(detect_in(&plain, Format::Html, "x.html").unwrap().0, "foopenia");
    let bare = plain.replace("Foopenia, often called a foop, is", "It is");
    assert_eq!(detect_in(&bare, Format::Html, "x.html").unwrap().0, "foop");
}

#[test]
fn a_pictures_credit_is_chrome_and_names_nothing() {
    let rules = Rules::builtin();
    assert!(is_chrome("Photo: Ines Barrow / Northlight Images", &rules));
    assert!(is_chrome("Image credit: Getty", &rules));
    assert!(!is_chrome(
        "Photos of the rash can help your doctor, so take one each day for a week or two.",
        &rules
    ));
    assert!(!is_chrome("Photosensitivity", &rules));
    // A reader-mode copy: the credit under the picture is no label.
    let page = "example.org\nA plain guide to foo rash\nA. Writer\n5 min read\n\n\
A person stands at a window.\nPhoto: Ann Lee / Pix Agency\n\n\
Foo rash is a skin problem that comes and goes.\n\nWhat it feels like\n\n\
Foo rash makes the skin itch.\n\nWhat helps\n\nFoo rash often clears with a cream.\n";
    assert_eq!(detect_in(page, Format::Text, "x.txt").unwrap().0, "foo rash");
}

#[test]
fn a_definition_with_an_aside_names_its_subject() {
    let page = "example.org\n\nWhen the nights draw in\n\nEvery year many of us feel low.\n\n\
Foo blues, usually shortened to FB, is a kind of low mood that comes with winter.\n\n\
Low mood\n\nLow mood can have many causes.\n\nLow mood\n\nIt passes.\n";
    assert_eq!(detect_in(page, Format::Text, "x.txt").unwrap().0, "foo blues");
    // A clause before a comma is no subject.
    let page = "Low mood\n\nIn most people, the dip is a passing thing.\n\nLow mood\n\nIt passes.\n";
    assert_eq!(detect_in(page, Format::Text, "x.txt").unwrap().0, "low mood");
}

#[test]
fn a_credit_wrapped_into_a_paragraph_leaves_it_content() {
    let rules = Rules::builtin();
    assert!(!is_chrome(
        "Photo: NHS\nThe first sign is usually a tingling feeling.",
        &rules
    ));
    assert!(is_chrome("Photo credits: A. Lee", &rules));
}

#[test]
fn bold_leads_naming_kinds_give_the_words_they_share() {
    // A chatty post titled by a nickname; its bold leads name the kinds,
    // all ending in the medical name. (A bold instruction with joining
    // words, "Check for red ...", labels nothing.)
    let page = "# Lets talk about wobbles\n\nOK so wobbles, or fooitis, are really common. \
Most of us get it.\n\n## The kinds\n\n**Inner fooitis** sits deep and barely hurts.\n\n\
**Outer fooitis** is the sore one.\n\n**Check for red wobbles.** They show up at night.\n\n\
**Look for pale wobbles.** They fade.\n";
    assert_eq!(detect_in(page, Format::Markdown, "x.md").unwrap().0, "fooitis");
    // Labels that share two words give both ("Evaporative dry foo.").
    let page = "# Notes\n\n**Notice a gritty feeling.** It comes \
and goes.\n\n**Evaporative dry foo.** The oily layer is thin.\n\n**Watery dry foo.** Too few \
tears.\n\n**Mixed dry foo.** Both at once.\n\n**Think about your screen time.** Screens dry the foo.\n\nRest the foo often.\n";
    assert_eq!(detect_in(page, Format::Markdown, "x.md").unwrap().0, "dry foo");
}

#[test]
fn a_remark_label_before_each_tip_names_nothing() {
    // "Top tip:" three times is furniture, not three kinds of a "top tip".
    let page = "# Haemorrhoids\n\nHaemorrhoids are swollen veins in the back passage.\n\n\
## Causes\n\nStraining causes them.\n\n**Top tip:** drink water.\n\n**Top tip:** eat fibre.\n\n\
**Top tip:** walk daily.\n";
    assert_eq!(
        detect_in(page, Format::Markdown, "x.md").unwrap().0,
        "haemorrhoids"
    );
}

#[test]
fn a_two_word_name_is_not_split_into_its_last_word_and_a_type() {
    // "arthritis" is shaped like a name, but only ever follows
    // "rheumatoid" here.
    let page = "Rheumatoid arthritis is a long-term condition that causes pain and swelling in the joints.\n\n\
The main symptom of rheumatoid arthritis is joint pain.\n\nRheumatoid arthritis is treated with medicines and physiotherapy.\n";
    assert_eq!(
        detect_in(page, Format::Text, "x.txt").unwrap().0,
        "rheumatoid arthritis"
    );
}

#[test]
fn a_pair_of_one_word_names_is_one_name_and_first_aid_is_none() {
    let page = "# First aid for cuts and grazes\n\nCuts and grazes are injuries to the skin. First aid stops the bleeding.\n\n\
## What you need to do\n\n- clean the cut\n- cover it with a plaster\n\n## When first aid is not enough\n\nDeep cuts need stitches.\n";
    assert_eq!(
        detect_in(page, Format::Markdown, "x.md").unwrap().0,
        "cuts and grazes"
    );
}

#[test]
fn a_trial_register_is_about_its_condition_not_its_study() {
    let page = "Study record\n\nStudy overview\n\nThe study tests a pump.\n\nStudy details\n\nStudy plan\n\n\
Background\n\nLymphoedema is long-lasting swelling of an arm or a leg. Lymphoedema can follow cancer treatment.\n\n\
Study contacts\n\nAdults with lymphoedema of one arm may join the study.\n";
    assert_eq!(detect_in(page, Format::Text, "x.txt").unwrap().0, "lymphoedema");
}
