use super::*;

/// A transcript panel of `n` cues, three seconds apart, each a piece of
/// one running sentence.
fn panel(n: usize) -> String {
    (0..n)
        .map(|i| format!("{:02}:{:02} piece {i} of it\n", i * 3 / 60, i * 3 % 60))
        .collect()
}

#[test]
fn cues_are_joined_into_what_is_heard() {
    let text = format!("Video title\n\nTranscript\n{}\nComments\n", panel(12));
    let read = unfold(&text).expect("a transcript");
    assert!(read.starts_with("Video title\n\nTranscript\n\n"), "{read}");
    assert!(read.contains("piece 0 of it piece 1 of it piece 2"), "{read}");
    assert!(!read.contains("00:03"), "{read}");
    assert!(read.ends_with("piece 11 of it\n\nComments\n"), "{read}");
}

#[test]
fn too_few_cues_or_clock_times_are_no_transcript() {
    assert_eq!(unfold(&panel(11)), None);
    let opening: String = (0..14)
        .map(|i| format!("{:02}:30 am to noon\n", i % 12))
        .collect();
    assert_eq!(unfold(&opening), None);
    assert_eq!(unfold("Gout\n\nGout is a kind of arthritis.\n"), None);
}

#[test]
fn speakers_open_paragraphs_and_sounds_are_dropped() {
    let text = "00:00 [Music]\n00:02 >> Hi, I am a GP,\n00:04 and this is the show.\n\
        00:06 >> Thanks for having me.\n00:08 LUCY: Honey helps\n00:10 a cough.\n\
        00:12 Note: the next bit\n00:14 LUCY: Rest too.\n"
        .to_owned()
        + &panel(12).replace("00:", "01:");
    let read = unfold(&text).expect("a transcript");
    assert!(
        read.starts_with("Hi, I am a GP, and this is the show.\n\nThanks for having me.\n\nHoney helps a cough. Note: the next bit\n\nRest too. piece 0"),
        "{read}"
    );
    assert!(!read.contains("Music"), "{read}");
}

#[test]
fn chapters_become_headings_where_they_start() {
    let text = format!(
        "Chapters\n00:00 Intro\n00:12 The three types\n\nTranscript\n{}",
        panel(12)
    );
    let read = unfold(&text).expect("a transcript");
    assert!(
        read.contains("\n\nIntro\n\npiece 0 of it piece 1 of it piece 2 of it piece 3 of it\n\nThe three types\n\npiece 4 of it"),
        "{read}"
    );
    assert!(!read.contains("00:12"), "{read}");
}

#[test]
fn subtitle_files_lose_numbers_and_end_times() {
    let srt: String = (0..12)
        .map(|i| {
            format!(
                "{}\n00:00:{:02},000 --> 00:00:{:02},500\nline {i}\n\n",
                i + 1,
                i * 2,
                i * 2 + 1
            )
        })
        .collect();
    let read = unfold(&srt).expect("a transcript");
    assert!(read.starts_with("line 0 line 1 line 2"), "{read}");
    assert!(!read.contains("-->") && !read.contains("\n2\n"), "{read}");
}

#[test]
fn times_on_lines_of_their_own_take_the_next_line() {
    let text: String = (0..12).map(|i| format!("0:{:02}\nword{i}\n", i * 4)).collect();
    let read = unfold(&text).expect("a transcript");
    assert!(read.contains("word0 word1 word2"), "{read}");
    assert!(!read.contains("0:04"), "{read}");
}

#[test]
fn a_document_keeps_its_sha_and_quotes_from_the_heard_text() {
    let source = format!("Cough explained\n\n{}", panel(14));
    let doc = crate::document::Document::parse(&source, crate::document::Format::Text);
    assert_eq!(doc.sha256, crate::text::sha256_hex(source.as_bytes()));
    assert!(doc
        .blocks
        .iter()
        .any(|b| b.text(&doc.text).contains("piece 1 of it piece 2")));
}

#[test]
fn paragraphs_after_a_cue_are_kept_and_inline_sounds_dropped() {
    let text = "[00:06:45] DR. LEE: So there are two types.\n\nThe first is A.\n\n\
        [00:09:02] >> Ha. [laughs]\n\n[00:09:05] DR. LEE: [laughs] Hold that. The second is B.\n"
        .to_owned()
        + &panel(12).replace("00:", "[00:10:").replace(" piece", "] piece");
    let read = unfold(&text).expect("a transcript");
    assert!(
        read.starts_with(
            "So there are two types.\n\nThe first is A.\n\nHa.\n\nHold that. The second is B.\n\n"
        ),
        "{read}"
    );
}

#[test]
fn a_timetable_is_no_transcript() {
    let day: String = (0..14)
        .map(|i| format!("{:02}:{:02} Step number {i} of the day\n", 7 + i / 2, i % 2 * 30))
        .collect();
    assert_eq!(unfold(&format!("Your day\n\n{day}\nTalk to your nurse.\n")), None);
}

#[test]
fn bracketed_speech_stays_and_webvtt_settings_go() {
    let text = format!(
        "00:00 (That is usually a virus.)\n{}",
        panel(12).replace("00:", "01:")
    );
    let read = unfold(&text).expect("a transcript");
    assert!(read.starts_with("(That is usually a virus.) piece 0"), "{read}");
    let vtt: String = (0..12)
        .map(|i| {
            format!(
                "00:00:{:02}.000 --> 00:00:{:02}.900 align:start position:10%\nline {i},\n\n",
                i * 2,
                i * 2 + 1
            )
        })
        .collect();
    let read = unfold(&format!("WEBVTT\n\n{vtt}")).expect("a transcript");
    assert!(read.starts_with("line 0, line 1,"), "{read}");
    assert!(!read.contains("align") && !read.contains("WEBVTT"), "{read}");
}
