//! Tests of the HTML reader: chrome dropped, blocks and offsets kept.

use super::super::{BlockKind, Document, Format};

const H: fn(u8) -> BlockKind = |level| BlockKind::Heading { level };
const LI: fn(u8, bool) -> BlockKind = |depth, ordered| BlockKind::ListItem { depth, ordered };
const P: BlockKind = BlockKind::Paragraph;
const C: BlockKind = BlockKind::Callout;

const PAGE: &str = r##"<!DOCTYPE html>
<html><head><title>Chilblains | Elm Street Clinic</title>
<style>.x { color: red }</style><script>var tracker = "SCRIPTTEXT";</script></head>
<body class="has-cookie-banner">
<div id="cookie-consent"><p>We use cookies to improve this site.</p><button>Accept all</button></div>
<header class="site-header"><a href="/">Elm Street Clinic</a>
  <nav><ul><li><a href="/a">Find a clinic</a></li><li>Book online</li></ul></nav></header>
<div class="breadcrumbs"><a href="/">Home</a> / Conditions</div>
<main class="page has-sidebar">
 <article>
  <header><h1>Chilblains</h1><p class="byline">Reviewed by our team</p></header>
  <p>Chilblains are small, itchy swellings that appear after the skin gets
 <em>cold</em> &amp; then warms up too fast.<br>They usually heal on their own.</p>
  <div class="tabs"><a href="/s">Symptoms</a> · <a href="/t">Treatment</a></div>
  <h2>Symptoms</h2>
  <ul>
   <li>Red or purple patches</li>
   <li><strong>Itching.</strong> Often worse in a warm room.</li>
   <li><p>Swelling</p>
 <ul><li>around the toes</li><li>on the fingers</li></ul>
   </li>
  </ul>
  <div class="callout callout--warning"><p>Do not rub the skin.</p><p>Never put feet near a fire.</p></div>
  <blockquote>Most people recover in two weeks.</blockquote>
  <h2>Causes</h2>
  <section>Cold and damp weather are the main triggers.
   <ol><li>Poor circulation</li><li>Smoking</li></ol>
  </section>
  <table><thead><tr><th>Risk</th><th>How common</th></tr></thead>
   <tbody><tr><td>Age over 60</td><td><b>common</b></td></tr></tbody></table>
  <dl><dt>Raynaud's</dt><dd>A related circulation problem.</dd></dl>
  <details><summary>Where can I learn more?</summary><p>Ask your pharmacist.</p></details>
  <div class="share-buttons"><a href="#">Share on social media</a></div>
  <aside class="related"><h3>Related articles</h3><p>Frostbite</p></aside>
 </article>
</main>
<div class="newsletter-signup"><p>Sign up for our newsletter</p></div>
<footer><p>Copyright Elm Street Clinic</p></footer>
<script>console.log("SCRIPT2")</script>
</body></html>"##;

fn blocks(source: &str) -> (Document, Vec<(BlockKind, String)>) {
    let doc = Document::parse(source, Format::Html);
    let list = doc
        .blocks
        .iter()
        .map(|b| (b.kind, b.text(&doc.text).to_owned()))
        .collect();
    (doc, list)
}

#[test]
fn a_clinic_page_reads_into_blocks_without_chrome() {
    let (doc, got) = blocks(PAGE);
    let want: Vec<(BlockKind, &str)> = vec![
        (BlockKind::Title, "Chilblains"),
        (P, "Chilblains are small, itchy swellings that appear after the skin gets cold & then warms up too fast. They usually heal on their own."),
        (H(2), "Symptoms"),
        (LI(0, false), "Red or purple patches"),
        (LI(0, false), "Itching. Often worse in a warm room."),
        (LI(0, false), "Swelling"),
        (LI(1, false), "around the toes"),
        (LI(1, false), "on the fingers"),
        (C, "Do not rub the skin."),
        (C, "Never put feet near a fire."),
        (C, "Most people recover in two weeks."),
        (H(2), "Causes"),
        (P, "Cold and damp weather are the main triggers."),
        (LI(0, true), "Poor circulation"),
        (LI(0, true), "Smoking"),
        (BlockKind::TableRow, "Risk | How common"),
        (BlockKind::TableCell, "Risk"),
        (BlockKind::TableCell, "How common"),
        (BlockKind::TableRow, "Age over 60 | common"),
        (BlockKind::TableCell, "Age over 60"),
        (BlockKind::TableCell, "common"),
        (P, "Raynaud's"),
        (P, "A related circulation problem."),
        (H(3), "Where can I learn more?"),
        (P, "Ask your pharmacist."),
    ];
    let got: Vec<(BlockKind, &str)> = got.iter().map(|(k, t)| (*k, t.as_str())).collect();
    assert_eq!(got, want);
    for chrome in [
        "cookies",
        "Accept",
        "Find a clinic",
        "Book online",
        "Home",
        "Elm Street",
        "byline",
        "Reviewed",
        "Treatment",
        "Share",
        "Related",
        "Frostbite",
        "newsletter",
        "Copyright",
        "SCRIPT",
        "color",
        "tracker",
    ] {
        assert!(!doc.text.contains(chrome), "{chrome} in {}", doc.text);
    }
}

#[test]
fn spans_slice_the_stored_text_exactly() {
    let (doc, got) = blocks(PAGE);
    assert!(got.len() > 10);
    for (block, (_, text)) in doc.blocks.iter().zip(&got) {
        assert_eq!(&doc.text[block.span.start..block.span.end], text);
        assert!(!text.is_empty() && text.trim() == text);
    }
}

#[test]
fn without_main_the_body_is_read_and_the_title_tag_names_it() {
    let (_, got) = blocks(
        "<title>Gout &ndash; facts</title><nav>Menu</nav><h2>Causes</h2>\
         <div>Uric acid<div>builds up</div></div><h3>Diet</h3>",
    );
    let want = [
        (BlockKind::Title, "Gout – facts"),
        (H(2), "Causes"),
        (P, "Uric acid"),
        (P, "builds up"),
        (H(3), "Diet"),
    ];
    let got: Vec<(BlockKind, &str)> = got.iter().map(|(k, t)| (*k, t.as_str())).collect();
    assert_eq!(got, want);
    let (_, got) = blocks("<title>T</title><p>Intro</p><h1>First</h1><h1>Second</h1>");
    let want = [(P, "Intro"), (BlockKind::Title, "First"), (H(1), "Second")];
    let got: Vec<(BlockKind, &str)> = got.iter().map(|(k, t)| (*k, t.as_str())).collect();
    assert_eq!(got, want);
}

#[test]
fn a_page_without_main_keeps_its_wrapped_content() {
    let page = r##"<html><body>
<div class="skip-link"><a href="#c">Skip to content</a></div>
<div id="page" class="layout layout--has-sidebar">
 <div class="sidebar"><ul><li>A to Z</li><li>Our hospitals</li></ul></div>
 <div role="main" id="c">
  <h1>Pressure <br>ulcers</h1>
  <div class="intro">Pressure ulcers are injuries to skin caused by long pressure.</div>
  <div role="alert"><strong>Urgent:</strong> see a nurse if the skin breaks.</div>
  <ol>
   <li><p>Reposition often</p><p>every two hours</p>
<ol><li>in bed</li></ol>
<p>Ask for help.</p>
   </li>
  </ol>
  <div class="social-share">Tweet this</div>
 </div>
</div>
<div class="modal"><p>Rate this page</p></div>
</body></html>"##;
    let (doc, got) = blocks(page);
    let want = [
        (BlockKind::Title, "Pressure ulcers"),
        (P, "Pressure ulcers are injuries to skin caused by long pressure."),
        (C, "Urgent: see a nurse if the skin breaks."),
        (LI(0, true), "Reposition often every two hours"),
        (LI(1, true), "in bed"),
        (P, "Ask for help."),
    ];
    let got: Vec<(BlockKind, &str)> = got.iter().map(|(k, t)| (*k, t.as_str())).collect();
    assert_eq!(got, want);
    for chrome in ["Skip", "A to Z", "hospitals", "Tweet", "Rate"] {
        assert!(!doc.text.contains(chrome), "{chrome} in {}", doc.text);
    }
}

#[test]
fn a_heading_above_the_root_is_the_title() {
    let (_, got) = blocks(
        "<title>Site | Gout</title><nav><h1>Menu</h1></nav>\
         <div class=hero><h1>Gout</h1></div><main><p>Joint pain.</p></main>",
    );
    let got: Vec<(BlockKind, &str)> = got.iter().map(|(k, t)| (*k, t.as_str())).collect();
    assert_eq!(got, [(BlockKind::Title, "Gout"), (P, "Joint pain.")]);
}

#[test]
fn chrome_words_match_whole_words_only() {
    assert!(super::has_word_str("site-cookieBanner", super::CHROME_WORDS));
    assert!(super::has_word_str("social_links", super::CHROME_WORDS));
    assert!(super::has_word_str("ads", super::CHROME_WORDS));
    assert!(!super::has_word_str("cartilage shared-care", super::CHROME_WORDS));
    assert!(!super::has_word_str("header-image", super::CHROME_WORDS));
}

#[test]
fn odd_input_does_not_panic() {
    let deep = "<div>".repeat(5000) + "deep text";
    let lists = "<ul><li>".repeat(400) + "x";
    let odd = [
        "",
        "   ",
        "plain words, no tags",
        "<",
        "<<<>>></p></li></ul>",
        "<html><body></body></html>",
        "<li>stray item<li>another",
        "<table><td>cell<tr><th>head",
        "<p>unclosed <b>bold <i>italic</p> after",
        "<h1></h1><h1>   </h1>",
        "<main></main><article>x</article>",
        "<!-- only a comment -->",
        "<script>never closed",
        "&bogus; &#xFFFFFF; &#0; &amp",
        "\u{0}\u{feff}<p>\r\nnul</p>",
        "<svg><p>in svg</p></svg><math><mi>x</mi></math>",
        "<div class=\"\" id=\"\" role=\"\">empty attrs</div>",
        &deep,
        &lists,
    ];
    for s in odd {
        let doc = Document::parse(s, Format::Html);
        for b in &doc.blocks {
            assert!(doc.text.get(b.span.start..b.span.end).is_some());
        }
    }
}

#[test]
fn a_bold_run_opening_a_block_is_its_lead() {
    let html = "<main><h1>Gout</h1><ul><li><strong>Colchicine</strong>, if you cannot take NSAIDs</li>\
<li><b>Rest</b></li><li>Raise the <strong>leg</strong></li></ul></main>";
    let doc = Document::parse(html, Format::Html);
    let leads: Vec<Option<&str>> = doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::ListItem { .. }))
        .map(|b| b.lead.map(|l| l.of(&doc.text)))
        .collect();
    // A wholly bold item has no lead (nothing follows it); bold later in
    // an item is emphasis, no lead.
    assert_eq!(leads, [Some("Colchicine"), None, None]);
    let md = Document::parse(
        "# Gout\n\n- **Ice packs:** wrapped in a towel\n- plain **bold** later\n\n**Rest** helps too.\n",
        Format::Markdown,
    );
    let leads: Vec<Option<&str>> = md
        .blocks
        .iter()
        .skip(1)
        .map(|b| b.lead.map(|l| l.of(&md.text)))
        .collect();
    assert_eq!(leads, [Some("Ice packs"), None, Some("Rest")]);
}

#[test]
fn accordion_toggles_and_summaries_head_their_panels_at_one_level() {
    let page = r#"<html><body><main><h1>Bursitis</h1><h2>Types</h2>
<div class="accordion">
 <button class="accordion__toggle" aria-expanded="true">Hip bursitis</button>
 <div><p>From lying on one side.</p></div>
 <button aria-controls="p2">Knee bursitis</button>
 <div id="p2"><p>From kneeling.</p></div>
</div>
<h3><button aria-expanded="false">Elbow bursitis</button></h3><p>From leaning.</p>
<h2>Questions</h2>
<details><summary>Is it serious?</summary><p>Rarely.</p></details>
<details><summary>Does it come back?</summary><p>Sometimes.</p></details>
<p>Share this page <button>Copy link</button></p>
</main></body></html>"#;
    let (_, list) = blocks(page);
    let want: Vec<(BlockKind, String)> = [
        (BlockKind::Title, "Bursitis"),
        (H(2), "Types"),
        (H(3), "Hip bursitis"),
        (P, "From lying on one side."),
        (H(3), "Knee bursitis"),
        (P, "From kneeling."),
        (H(3), "Elbow bursitis"),
        (P, "From leaning."),
        (H(2), "Questions"),
        (H(3), "Is it serious?"),
        (P, "Rarely."),
        (H(3), "Does it come back?"),
        (P, "Sometimes."),
        (P, "Share this page"),
    ]
    .into_iter()
    .map(|(k, t)| (k, t.to_owned()))
    .collect();
    assert_eq!(list, want);
}

#[test]
fn a_wiki_infobox_and_its_edit_links_are_chrome() {
    // The infobox repeats the article in key-value rows ("Specialty",
    // "Types"); the "[edit]" link would stick to every heading.
    let (_, blocks) = blocks(
        "<body><h1>Hernia</h1><table class=\"infobox\"><tr><th>Specialty</th><td>Surgery</td></tr></table>\
<p>A hernia is a bulge.</p><h2><span class=\"mw-headline\">Causes</span>\
<span class=\"mw-editsection\">[<a href=\"?action=edit\">edit</a>]</span></h2><p>Heavy lifting.</p></body>",
    );
    let texts: Vec<&str> = blocks.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        texts,
        ["Hernia", "A hernia is a bulge.", "Causes", "Heavy lifting."]
    );
}

#[test]
fn hidden_panels_a_button_opens_are_read_and_nested_headings_stay_in_their_details() {
    let page = r#"<html><body><main><h1>Foo failure</h1>
<details><summary>Types of foo failure</summary>
 <h3><button aria-expanded="false" aria-controls="t1">Left foo failure</button></h3>
 <div id="t1" class="accordion-panel" hidden><p>Often after a heart attack.</p></div>
 <h3><button aria-expanded="false" aria-controls="t2 x">Right foo failure</button></h3>
 <div id="t2" hidden><p>Often after lung disease.</p></div>
</details>
<details><summary>Causes</summary><p>High blood pressure.</p></details>
<div id="modal" hidden><p>Sign up to our newsletter.</p></div>
</main></body></html>"#;
    let (_, list) = blocks(page);
    let want: Vec<(BlockKind, String)> = [
        (BlockKind::Title, "Foo failure"),
        (H(2), "Types of foo failure"),
        (H(3), "Left foo failure"),
        (P, "Often after a heart attack."),
        (H(3), "Right foo failure"),
        (P, "Often after lung disease."),
        // The next summary is the first one's sibling, not under the h3s.
        (H(2), "Causes"),
        (P, "High blood pressure."),
    ]
    .into_iter()
    .map(|(k, t)| (k, t.to_owned()))
    .collect();
    assert_eq!(list, want);
}

#[test]
fn a_word_processor_page_has_its_bullets_and_bold_headings() {
    // Saved from a word processor: no <h2> or <li>, only styled paragraphs.
    let page = "<html><head><title>Foo rash</title></head><body>\
<p class=MsoNormal><b><span style='color:blue'>2. Why has it happened?</span></b></p>\
<p class=MsoNormal>Common reasons include:</p>\
<p class=MsoListParagraph><span style='font-family:Symbol'>·<span>&nbsp;&nbsp;&nbsp; </span></span>damp socks</p>\
<p class=MsoListParagraph>•&nbsp;<b>Heat.</b> Hot baths too.</p>\
<p><strong>Call 999 if you faint.</strong></p>\
<p><strong>Rest</strong> as much as you can.</p>\
<p>-1 degrees is cold.</p></body></html>";
    let (doc, got) = blocks(page);
    let got: Vec<(BlockKind, &str)> = got.iter().map(|(k, t)| (*k, t.as_str())).collect();
    assert_eq!(
        got,
        [
            (BlockKind::Title, "Foo rash"),
            (H(2), "2. Why has it happened?"),
            (P, "Common reasons include:"),
            (LI(0, false), "damp socks"),
            (LI(0, false), "Heat. Hot baths too."),
            // A sentence in bold, and a bold lead with its text, stay paragraphs.
            (P, "Call 999 if you faint."),
            (P, "Rest as much as you can."),
            (P, "-1 degrees is cold."),
        ]
    );
    // The bullet's bold lead is still its lead.
    let heat = doc
        .blocks
        .iter()
        .find(|b| b.text(&doc.text).starts_with("Heat"))
        .unwrap();
    assert_eq!(heat.lead.map(|l| l.of(&doc.text)), Some("Heat"));
    // A page outlined by <h2>s keeps a bold line that is not numbered or a
    // question as a paragraph (a warning); a dash or star opens no item.
    let page = "<h1>Foo rash</h1><h2>Treatment</h2>\
<p><strong>Call 999 if you have chest pain</strong></p><p><b>Which cream?</b></p>\
<p>– Sarah, 34</p><p>* Survey of 2,000 adults</p>";
    let (_, got) = blocks(page);
    let kinds: Vec<BlockKind> = got.iter().map(|(k, _)| *k).collect();
    assert_eq!(kinds, [BlockKind::Title, H(2), P, H(3), P, P]);
}

#[test]
fn an_editor_export_has_its_title_and_bold_headings_by_class() {
    // Google Docs' "web page" export: generated classes, bold set in the
    // style sheet, the title a classed paragraph over <h1> sections.
    let page =
        "<html><head><style>@import url(x.css);.c0{font-weight:400}.c5{font-weight:700;font-size:13pt}\
.lst>li:before{font-weight:700}</style></head><body class=\"c9\">\
<p class=\"c1\"><span class=\"c0\">Clinic handout v2</span></p>\
<p class=\"c1 title\"><span class=\"c0\">Foo rash</span></p>\
<h1>How it feels</h1><p class=\"c1\"><span class=\"c0\">Itchy.</span></p>\
<p class=\"c6\"><span class=\"c5\">1. Dry foo rash</span></p>\
<p class=\"c1\"><span class=\"c5\">Cold</span><span class=\"c0\"> makes it worse.</span></p>\
<p class=\"c1\"><span style=\"font-weight:bold\">Wet foo rash</span></p></body></html>";
    let (doc, got) = blocks(page);
    let got: Vec<(BlockKind, &str)> = got.iter().map(|(k, t)| (*k, t.as_str())).collect();
    assert_eq!(
        got,
        [
            (P, "Clinic handout v2"),
            (BlockKind::Title, "Foo rash"),
            (H(1), "How it feels"),
            (P, "Itchy."),
            (H(2), "1. Dry foo rash"),
            (P, "Cold makes it worse."),
            (H(2), "Wet foo rash"),
        ]
    );
    let cold = doc
        .blocks
        .iter()
        .find(|b| b.text(&doc.text).starts_with("Cold"))
        .unwrap();
    assert_eq!(cold.lead.map(|l| l.of(&doc.text)), Some("Cold"));
}

#[test]
fn a_sites_title_class_is_no_title() {
    // Not an editor's export: a box's or a card's "title" class.
    for page in [
        "<div class=\"hero\"><h1>Gout</h1></div><main><div class=\"alert\"><p class=\"title\">Coronavirus update</p>\
<p>Masks.</p></div><p>Gout is a kind of arthritis.</p></main>",
        "<main><div class=\"card\"><div class=\"title\"><a href=\"/a\">Related: Arthritis</a><p>More.</p></div></div>\
<h1>Gout</h1><p>Gout is a kind of arthritis.</p></main>",
    ] {
        let doc = Document::parse(page, Format::Html);
        assert_eq!(doc.title(), Some("Gout"), "{page}");
    }
}

#[test]
fn a_long_pre_is_read_as_plain_text() {
    // A mailing-list archive: the message is one <pre>, laid out as a
    // plain-text file is (its headings under the page's title).
    let page = "<html><body><h1>[List] Re: shaky hands</h1>\n<pre>Hi Sam,\n\n\
WHAT IT IS\n\nA tremor is shaking you cannot stop.\n\n\
WHAT PEOPLE NOTICE\n\nThe usual signs are:\n- shaky writing\n- spilt drinks\n\n\
Best wishes,\nJo\n</pre>\n<pre>let x = 1;\nlet y = 2;</pre></body></html>";
    let (_, got) = blocks(page);
    let got: Vec<(BlockKind, &str)> = got.iter().map(|(k, t)| (*k, t.as_str())).collect();
    assert_eq!(
        got,
        [
            (BlockKind::Title, "[List] Re: shaky hands"),
            (P, "Hi Sam,"),
            (H(3), "WHAT IT IS"),
            (P, "A tremor is shaking you cannot stop."),
            (H(3), "WHAT PEOPLE NOTICE"),
            (H(3), "The usual signs are"),
            (LI(0, false), "shaky writing"),
            (LI(0, false), "spilt drinks"),
            (P, "Best wishes,"),
            (H(3), "Jo"),
            (P, "let x = 1; let y = 2;"),
        ]
    );
    // A diary in a <pre> among the page's own text is one block of it.
    let diary = (1..=10)
        .map(|d| format!("day {d}: 300 l/min\n"))
        .collect::<String>();
    let page = format!(
        "<main><h1>Asthma</h1><p>{}</p><h2>Treatment</h2><pre>{diary}</pre><p>Montelukast helps some people.</p></main>",
        "Asthma makes the airways narrow and tight. ".repeat(12)
    );
    let (_, got) = blocks(&page);
    let kinds: Vec<BlockKind> = got.iter().map(|(k, _)| *k).collect();
    assert_eq!(kinds, [BlockKind::Title, P, H(2), P, P]);
}
