//! Plain-text layout tests on small texts written for them.

use super::*;

fn read(doc: &str) -> Vec<(String, String)> {
    blocks(doc)
        .iter()
        .map(|b| {
            let kind = match b.kind {
                BlockKind::Heading { level } => format!("h{level}"),
                BlockKind::ListItem { depth, .. } => format!("li{depth}"),
                BlockKind::Paragraph => "p".into(),
                BlockKind::TableRow => "tr".into(),
                BlockKind::TableCell => "td".into(),
                other => format!("{other:?}"),
            };
            (kind, b.text(doc).to_owned())
        })
        .collect()
}

fn kinds(doc: &str) -> Vec<String> {
    read(doc).into_iter().map(|(k, t)| format!("{k}:{t}")).collect()
}

#[test]
fn headings_with_and_without_blank_lines() {
    let doc = "Sore throat\n\nA sore throat is common.\n\nWhat causes it?\nViruses cause most of them.\nHome care\n• drink fluids\n• rest\nTREATMENT\nSee a pharmacist.\n";
    assert_eq!(
        kinds(doc),
        [
            "h2:Sore throat",
            "p:A sore throat is common.",
            "h2:What causes it?",
            "p:Viruses cause most of them.",
            "h2:Home care",
            "li0:drink fluids",
            "li0:rest",
            "h2:TREATMENT",
            "p:See a pharmacist."
        ]
    );
}

#[test]
fn unmarked_lists_after_a_lead_in_and_nested_bullets() {
    let doc = "Symptoms\nThe main symptoms are:\nrunny nose\na high temperature, which can last days\nMost people feel better in a week.\n\n  • Causes include\n      ○ cold air,\n      ○ smoke\n";
    assert_eq!(
        kinds(doc),
        [
            "h2:Symptoms",
            "p:The main symptoms are:",
            "li0:runny nose",
            "li0:a high temperature, which can last days",
            "p:Most people feel better in a week.",
            "li1:Causes include",
            "li3:cold air,",
            "li3:smoke"
        ]
    );
}

#[test]
fn an_unmarked_list_past_a_blank_line_keeps_its_heading_like_items() {
    // An encyclopedia page copied as text: the lead-in (here read as a
    // heading), a blank line, then one Capitalised item a line.
    let doc = "Symptoms\n\nEarly symptoms may include:\n\nFeeling tired or sluggish\nBeing more sensitive to cold\nPale, dry skin\n\nOther causes include:\n\nSurgery on the thyroid\nRadiation therapy to the neck, for example for lymphoma\n\nCongenital hypothyroidism is present at birth.\n";
    assert_eq!(
        kinds(doc),
        [
            "h2:Symptoms",
            "h2:Early symptoms may include",
            "li0:Feeling tired or sluggish",
            "li0:Being more sensitive to cold",
            "li0:Pale, dry skin",
            "h2:Other causes include",
            "li0:Surgery on the thyroid",
            "li0:Radiation therapy to the neck, for example for lymphoma",
            "p:Congenital hypothyroidism is present at birth."
        ]
    );
}

#[test]
fn a_clause_broken_off_over_short_lines_leads_an_unmarked_list() {
    // A page copied as text: the lead-in lost its colon, the list its bullets.
    let doc = "Who gets it?\nYou are more likely to get it if you\nare over 40\nhave a parent with it\nsmoke\n\nBetween the fingers\nWrists\nElbows\n";
    let kinds = kinds(doc);
    assert_eq!(
        kinds[..5],
        [
            "h2:Who gets it?",
            "p:You are more likely to get it if you",
            "li0:are over 40",
            "li0:have a parent with it",
            "li0:smoke",
        ]
    );
    // Three words are a label over a column, not a clause.
    assert_eq!(kinds.len(), 8);
    assert!(kinds[5..].iter().all(|k| !k.starts_with("li")), "{kinds:?}");
}

#[test]
fn hard_wrapped_lines_join_and_page_furniture_goes() {
    let mut doc = String::from("Clinic leaflet\n\nWhat is it?\n");
    for i in 0..6 {
        doc.push_str(&format!(
            "Sentence {i} runs on past the width of the page and\ncarries on here to its end.\n"
        ));
    }
    doc.push_str("\nClinic leaflet                Page 1 of 2\nClinic leaflet\n\nTreatment\nA cream is applied to the whole body from the neck\ndown and washed off after eight hours.\n");
    let got = kinds(&doc);
    assert_eq!(got[0], "h2:What is it?");
    assert_eq!(
        got[1],
        "p:Sentence 0 runs on past the width of the page and\ncarries on here to its end."
    );
    assert!(!got.iter().any(|k| k.contains("Page 1")), "{got:?}");
    assert!(got.contains(&"h2:Treatment".to_owned()), "{got:?}");
    assert!(got
        .iter()
        .any(|k| k.ends_with("from the neck\ndown and washed off after eight hours.")));
    assert!(!got.iter().any(|k| k == "h2:Clinic leaflet"), "{got:?}");
}

#[test]
fn contents_lists_go_and_wiki_headings_lose_edit() {
    let doc = "Contents\n1\tSigns\n2\tCauses\n2.1\tStones of one kind\n3\tTreatment\n\nSigns[edit]\nPain.\n\nCauses[edit]\nDiet.\n\nStones of one kind[edit]\nSalt.\n\nTreatment[edit]\nFluids.\n";
    let got = kinds(doc);
    // The label goes with its list.
    assert_eq!(got[0], "h2:Signs");
    assert!(!got.iter().any(|k| k.starts_with("tr")), "{got:?}");
}

#[test]
fn tables_flattened_with_tabs_or_padding_are_rows_of_cells() {
    let doc =
        "Type\tWho gets it\nAcute\tChildren\n\nType      Sites       Scars?\nDeep      Legs        Yes\n";
    let got = kinds(doc);
    assert_eq!(&got[..3], ["tr:Type\tWho gets it", "td:Type", "td:Who gets it"]);
    assert!(got.contains(&"td:Sites".to_owned()), "{got:?}");
    assert!(got.contains(&"td:Yes".to_owned()), "{got:?}");
}

#[test]
fn every_block_is_a_span_of_the_text() {
    for doc in [
        "",
        "\n\n",
        "• ",
        "#",
        "**",
        "a\tb",
        "Page 1 of 2\nPage 1 of 2",
        "é\n  ○ ü",
    ] {
        for b in blocks(doc) {
            assert!(!b.text(doc).is_empty());
        }
    }
}

#[test]
fn an_easy_read_leaflet_copied_from_a_pdf() {
    // Short lines that run a sentence on, a list set apart by blank lines
    // after its lead-in, page numbers far right and a running header.
    let wrapped = "This leaflet explains what foo rash is and how it can be helped at home.\n";
    let doc = format!(
        "Foo rash - easy read\n\nAbout foo rash\n\n{w}{w}{w}{w}{w}{w}{w}{w}\n\
This is when your skin gets\nred and sore for a few days.\n\n\
It can be caused by:\n\nwet socks\n\nhot weather, like a summer\nheatwave\n\n\
Some people get it often.\n\n{pad}2\n\n\
Foo rash - easy read\n\nWhat helps\n\nCool baths help.\n\n\
{pad}3\n\nFoo rash - easy read\n\nThe end.\n",
        w = wrapped,
        pad = " ".repeat(50)
    );
    let got = kinds(&doc);
    let want = [
        "p:This is when your skin gets\nred and sore for a few days.",
        "p:It can be caused by:",
        "li0:wet socks",
        "li0:hot weather, like a summer\nheatwave",
        "p:Some people get it often.",
        "h2:What helps",
    ];
    for w in want {
        assert!(got.iter().any(|g| g == w), "{w:?} not in {got:#?}");
    }
    assert!(
        got.iter()
            .all(|g| !g.ends_with(":2") && !g.ends_with(":3") && !g.contains("easy read")),
        "{got:#?}"
    );
}

#[test]
fn a_short_heading_over_one_lower_case_item_stays_a_heading() {
    let doc = "Foo rash\n\nFoo rash is common.\n\nOther common symptoms\nneeding to scratch at night\n\n\
Things that make it worse\nhot baths\nwool\n";
    let got = kinds(doc);
    assert!(got.contains(&"h2:Other common symptoms".to_owned()), "{got:#?}");
    assert!(
        got.contains(&"h2:Things that make it worse".to_owned()),
        "{got:#?}"
    );
}

#[test]
fn short_lines_broken_by_hand_in_a_wrapped_file_are_not_joined() {
    // A file hard-wrapped near 70 characters: a wrapped line is broken
    // only where its next word would not fit; these were broken by hand.
    let mut doc = String::from("Foo rash\n\n");
    for _ in 0..3 {
        doc.push_str(
            "Foo rash is a common skin problem that most people will get at some\n\
time in their lives, and it usually clears up on its own in a week or\n\
two without any treatment at all, though creams can help with itching.\n\n",
        );
    }
    doc.push_str(
        "What you may notice\n\nblood from one nostril\nblood down the throat\nneeding to swallow a lot\n",
    );
    let read = read(&doc);
    let last: Vec<&str> = read.iter().rev().take(3).map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        last,
        [
            "needing to swallow a lot",
            "blood down the throat",
            "blood from one nostril"
        ],
        "{read:?}"
    );
    // The wrapped paragraphs are still one block each.
    assert!(read
        .iter()
        .any(|(_, t)| t.ends_with("help with itching.") && t.starts_with("Foo rash is")));
}

#[test]
fn a_text_wrapped_narrow_keeps_its_paragraphs_and_two_line_headings_whole() {
    // An e-mail wrapped at 40 columns: a paragraph's full first line over
    // short lines is no lead-in, and a heading in capitals goes on to a
    // second line of capitals.
    let doc = "Thank you for coming to see us. As\n\
promised in your appointment, here is\n\
some written information about it. It\n\
is plain text so that it reads well.\n\n\
FOO ULCERS (ALSO CALLED PEPTIC\n\
ULCERS): WHAT THEY ARE\n\n\
A foo ulcer is an open sore on the\n\
inside lining of the stomach or of the\n\
first part of the bowel just after it.\n\n\
WHAT CAUSES THEM AND WHO IS MORE LIKELY\n\
TO GET ONE?\n\n\
Most ulcers come down to one of two\n\
things: an infection with a germ, or\n\
taking painkillers for a long time.\n";
    let got = kinds(doc);
    assert_eq!(
        got,
        [
            "p:Thank you for coming to see us. As\npromised in your appointment, here is\nsome written information about it. It\nis plain text so that it reads well.",
            "h2:FOO ULCERS (ALSO CALLED PEPTIC\nULCERS): WHAT THEY ARE",
            "p:A foo ulcer is an open sore on the\ninside lining of the stomach or of the\nfirst part of the bowel just after it.",
            "h2:WHAT CAUSES THEM AND WHO IS MORE LIKELY\nTO GET ONE?",
            "p:Most ulcers come down to one of two\nthings: an infection with a germ, or\ntaking painkillers for a long time.",
        ],
        "{got:#?}"
    );
}

#[test]
fn a_short_line_of_capitals_over_a_sentence_in_capitals_is_not_joined() {
    let doc = "This leaflet is about foo and how it is\n\
treated at home and by your doctor. It is\n\
written for patients and their carers and\n\
it was checked by the practice team. Read\n\
it all before you take any of the tablets\n\
and keep it somewhere safe, as you may want\n\
to read it again when the course is over.\n\n\
WARNING\n\
DO NOT TAKE MORE THAN 8 TABLETS A DAY.\n\n\
Most people get better in a week or two\n\
with rest and plenty of fluids to drink.\n";
    let got = kinds(doc);
    assert!(got.iter().any(|k| k == "h2:WARNING"), "{got:#?}");
    assert!(!got.iter().any(|k| k.contains("WARNING\nDO NOT")), "{got:#?}");
}

/// The lines split by bytes, against `split_inclusive` and a trim of each
/// (spans, blank lines around them, tabs), on random texts.
#[test]
fn lines_split_as_by_split_inclusive() {
    let bits = [
        "a", "b ", " ", "\t", "\n", "\r\n", "\r", "é", "\u{a0}", "- x", "\n\n",
    ];
    let mut rng = fastrand::Rng::with_seed(16);
    for _ in 0..5_000 {
        let doc: String = (0..rng.usize(0..30))
            .map(|_| bits[rng.usize(..bits.len())])
            .collect();
        let mut want: Vec<(Span, bool, bool)> = Vec::new();
        let mut start = 0;
        for raw in doc.split_inclusive('\n') {
            let body = raw.trim_end_matches(['\n', '\r']);
            let span = trim(
                &doc,
                Span {
                    start,
                    end: start + body.len(),
                },
                &[],
            );
            start += raw.len();
            if !span.is_empty() {
                want.push((span, span.of(&doc).contains('\t'), false));
            } else if let Some(last) = want.last_mut() {
                last.2 = true;
            }
        }
        if let Some(last) = want.last_mut() {
            last.2 = true;
        }
        let got: Vec<(Span, bool, bool)> = split_lines(&doc)
            .iter()
            .map(|l| (l.span, l.tab, l.blank_after))
            .collect();
        assert_eq!(got, want, "{doc:?}");
    }
}

#[test]
fn emoji_marks_open_list_items() {
    // "✔️" is a check mark and a variation selector; "✅" and "👉" are
    // marks of their own.
    let doc = "Chilblains\n\nWhat to look for:\n✔\u{fe0f} itchy red patches\n✔\u{fe0f} swollen toes\n\nWhat helps:\n✅ warm socks\n👉 slow warming\n";
    let items: Vec<String> = read(doc)
        .into_iter()
        .filter(|(k, _)| k.starts_with("li"))
        .map(|(_, t)| t)
        .collect();
    assert_eq!(
        items,
        ["itchy red patches", "swollen toes", "warm socks", "slow warming"]
    );
}

#[test]
fn a_marked_list_ends_at_a_line_without_a_marker() {
    // A page copied as text lost the blank line before its next heading.
    let doc = "Other signs include:\n\n  • fever\n  • tiredness\nCauses and risks\n\nA virus causes it.\n";
    assert_eq!(
        kinds(doc),
        [
            "h2:Other signs include",
            "li1:fever",
            "li1:tiredness",
            "h2:Causes and risks",
            "p:A virus causes it."
        ]
    );
}
