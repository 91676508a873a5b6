//! A transcript: a video page's transcript panel, a podcast's show notes,
//! a subtitle file pasted as text. Each line is a cue, a time and a few
//! words ("01:05 That's almost always a cold or flu,"), and sentences run
//! across cues, so read line by line every sentence is cut in pieces with
//! times inside it.
//!
//! [`unfold`] finds the longest run of cues and gives the text as it is
//! heard: the cues' words joined into paragraphs, a new one where the
//! speaker changes (">>", "- ", "Name:"), times and sound tags ("[Music]")
//! left out. A list of chapters ("00:58 The three types") before the
//! transcript becomes headings placed where each chapter starts. Subtitle
//! files (SRT, WebVTT) are read the same way: their numbers and end times
//! are dropped. Text outside the transcript stays as it is.

/// Cues a transcript has at least: fewer are a list of times (a
/// timetable, a recipe's steps) or a chapter list alone.
const MIN_CUES: usize = 12;
/// A chapter title is a few words.
const MAX_CHAPTER_WORDS: usize = 8;

/// One line that opens with a time.
struct Cue<'a> {
    /// The line's index.
    line: usize,
    /// Seconds from the start.
    at: u32,
    /// The words after the time(s), trimmed; may be empty (the words are
    /// then on the next line).
    words: &'a str,
}

/// The text read as heard, or `None` when it holds no transcript.
pub(crate) fn unfold(source: &str) -> Option<String> {
    // Every cue's time holds a digit, ':' and two digits, at its own ':'.
    // Fewer such colons than a transcript's cues: no line need be read.
    let b = source.as_bytes();
    let clock = |&(i, _): &(usize, &str)| {
        i > 0
            && b[i - 1].is_ascii_digit()
            && b.get(i + 1..i + 3)
                .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    if source.match_indices(':').filter(clock).take(MIN_CUES).count() < MIN_CUES {
        return None;
    }
    // Most articles hold no time at a line's start: told without a copy.
    let timed = source
        .lines()
        .filter(|l| cue(0, l).is_some())
        .take(MIN_CUES)
        .count();
    if timed < MIN_CUES {
        return None;
    }
    let lines: Vec<&str> = source.lines().collect();
    let cues: Vec<Cue> = lines.iter().enumerate().filter_map(|(i, l)| cue(i, l)).collect();
    let runs = runs(&cues, &lines);
    let (longest, _) = runs
        .iter()
        .enumerate()
        .max_by_key(|(_, r)| r.len())
        .filter(|(_, r)| r.len() >= MIN_CUES && is_speech(r, &lines))?;
    let transcript = &runs[longest];
    // A shorter run before it, of short titles, is its chapter list.
    let chapters: Option<&[Cue]> = runs[..longest].iter().rev().find(|r| is_chapter_list(r)).copied();
    let first = transcript[0].line;
    let mut out = String::with_capacity(source.len());
    for (i, line) in lines[..first].iter().enumerate() {
        // The chapters are read into the transcript; a subtitle file's
        // first number and WebVTT's header are no text.
        let chapter = chapters.is_some_and(|c| c.iter().any(|cue| cue.line == i));
        let header = i == 0 && line.trim() == "WEBVTT";
        if chapter || header || (i + 1 == first && is_cue_number(line.trim())) {
            continue;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    if out.trim().is_empty() {
        out.clear();
    } else {
        out.push('\n');
    }
    let end = heard(&mut out, transcript, &lines, chapters.unwrap_or(&[]));
    let rest = &lines[end..];
    let blank = rest.iter().take_while(|l| l.trim().is_empty()).count();
    for line in &rest[blank..] {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    Some(out)
}

/// Write the transcript's words as paragraphs, with the chapters' titles
/// as headings where they start. Returns the index of the first line
/// after the transcript.
fn heard(out: &mut String, cues: &[Cue], lines: &[&str], chapters: &[Cue]) -> usize {
    let mut chapters = chapters.iter().peekable();
    let mut paragraph = String::new();
    let flush = |out: &mut String, paragraph: &mut String| {
        if !paragraph.is_empty() {
            out.push_str(paragraph);
            out.push_str("\n\n");
            paragraph.clear();
        }
    };
    let speakers = speakers(cues);
    // (In a subtitle file blank lines part cues, not paragraphs.)
    let subtitles = lines[cues[0].line].contains("-->");
    let mut after = 0;
    let mut parted = false;
    for (n, cue) in cues.iter().enumerate() {
        while let Some(chapter) = chapters.next_if(|c| c.at <= cue.at) {
            flush(out, &mut paragraph);
            out.push_str(chapter.words);
            out.push_str("\n\n");
        }
        // The cue's words: on its line and the lines after it up to the
        // next cue (a panel copied with times on lines of their own, SRT,
        // a long answer in paragraphs). After the last cue, only the lines
        // right after it are its words; the page goes on below.
        let end = match cues.get(n + 1) {
            Some(next) => next.line,
            None => {
                let taken = lines[cue.line + 1..]
                    .iter()
                    .enumerate()
                    .take_while(|(i, l)| !l.trim().is_empty() || (cue.words.is_empty() && *i == 0))
                    .count();
                cue.line + 1 + taken
            }
        };
        after = end;
        // A blank line between words keeps the source's paragraphs; in a
        // subtitle file blank lines part cues, each followed by a number.
        let own = Some(cue.words).filter(|w| !w.is_empty());
        for line in own.into_iter().chain(lines[cue.line + 1..end].iter().copied()) {
            let words = line.trim();
            if words.is_empty() {
                parted = !paragraph.is_empty() && !subtitles;
                continue;
            }
            if is_cue_number(words) {
                parted = false;
                continue;
            }
            if is_sound(words) {
                continue;
            }
            let (turn, words) = speaker_turn(words, &speakers);
            if turn || std::mem::take(&mut parted) {
                flush(out, &mut paragraph);
            }
            if !paragraph.is_empty() {
                paragraph.push(' ');
            }
            push_unsounded(&mut paragraph, words);
        }
    }
    flush(out, &mut paragraph);
    after
}

/// Runs of cues: consecutive cues (only blank lines, a subtitle's number
/// or its words between them) whose times do not go back.
fn runs<'c, 'a>(cues: &'c [Cue<'a>], lines: &[&str]) -> Vec<&'c [Cue<'a>]> {
    let mut runs = Vec::new();
    let mut start = 0;
    for i in 1..=cues.len() {
        let joined = cues.get(i).is_some_and(|next| {
            let prev = &cues[i - 1];
            let between = &lines[prev.line + 1..next.line];
            // Lines between two cues are the first one's words (times on
            // lines of their own, SRT, an answer in paragraphs); more end
            // the run (times quoted in a page's prose).
            let words = between.iter().filter(|l| !l.trim().is_empty()).count();
            next.at >= prev.at && (words == 0 || prev.words.is_empty() || words <= 8)
        });
        if !joined {
            runs.push(&cues[start..i]);
            start = i;
        }
    }
    runs
}

/// A list of chapters: two or more short titles, each on its time's line.
fn is_chapter_list(run: &[Cue]) -> bool {
    run.len() >= 2
        && run.len() < MIN_CUES
        && run.iter().all(|c| {
            let words = c.words.split_whitespace().count();
            (1..=MAX_CHAPTER_WORDS).contains(&words) && !is_sound(c.words)
        })
}

/// A line opening with a time ("0:03", "01:05", "1:02:33", "[00:41]",
/// SRT's "00:00:01,000 --> 00:00:04,000"): the cue it is.
fn cue<'a>(line: usize, text: &'a str) -> Option<Cue<'a>> {
    let (at, rest) = time(text.trim_start())?;
    let rest = rest.trim_start();
    // A subtitle's end time ("--> 00:00:04,000") is dropped, and WebVTT's
    // cue settings after it ("align:start"): its words are on the lines
    // below.
    let rest = match rest.strip_prefix("-->") {
        Some(after) => {
            time(after.trim_start())?;
            ""
        }
        None => rest,
    };
    let words = rest.trim();
    // "10:30 am", "9:00 to 5:00": a clock, not a cue.
    let first = words.split_whitespace().next().unwrap_or("");
    if ["am", "pm", "a.m.", "p.m.", "to", "-", "–"].contains(&first.to_ascii_lowercase().as_str()) {
        return None;
    }
    Some(Cue { line, at, words })
}

/// A time at the start of `text` and the text after it: one to three
/// groups of digits parted by ':' (the first one or two digits, the
/// others two), optional milliseconds, optional brackets; then a space or
/// the line's end.
fn time(text: &str) -> Option<(u32, &str)> {
    let bracket = text.starts_with('[') || text.starts_with('(');
    let body = if bracket { &text[1..] } else { text };
    let bytes = body.as_bytes();
    let mut at = 0u32;
    let mut groups = 0;
    let mut i = 0;
    loop {
        let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        let ok = if groups == 0 {
            (1..=2).contains(&digits)
        } else {
            digits == 2
        };
        if !ok {
            return None;
        }
        let value: u32 = body[i..i + digits].parse().ok()?;
        at = at * 60 + value;
        groups += 1;
        i += digits;
        if groups < 3 && bytes.get(i) == Some(&b':') {
            i += 1;
        } else {
            break;
        }
    }
    if groups < 2 {
        return None;
    }
    // Milliseconds: SRT's ",000", WebVTT's ".000".
    if matches!(bytes.get(i), Some(b',' | b'.')) && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
        i += 1 + bytes[i + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
    }
    if bracket {
        if !matches!(bytes.get(i), Some(b']' | b')')) {
            return None;
        }
        i += 1;
    }
    let rest = &body[i..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    Some((at, rest))
}

/// A subtitle's sequence number, alone on its line.
fn is_cue_number(line: &str) -> bool {
    !line.is_empty() && line.len() <= 6 && line.bytes().all(|b| b.is_ascii_digit())
}

/// A sound tag, not speech: "[Music]", "(laughs)", "♪".
fn is_sound(words: &str) -> bool {
    let whole = |open: char, close: char| {
        words
            .strip_prefix(open)
            .and_then(|w| w.strip_suffix(close))
            .is_some_and(is_sound_tag)
    };
    whole('[', ']') || whole('(', ')') || words.chars().all(|c| c == '♪' || c.is_whitespace())
}

/// A sound tag's words: one to three words of letters, capitalised at
/// most ("Music", "laughs", "crosstalk"), not a sentence in brackets.
fn is_sound_tag(tag: &str) -> bool {
    let mut chars = tag.chars();
    (1..=3).contains(&tag.split_whitespace().count())
        && chars.next().is_some_and(char::is_alphabetic)
        && chars.all(|c| c.is_lowercase() || c == ' ')
}

/// Whether a run of cues is speech, whose sentences run across cues, and
/// not a timetable or a schedule ("07:30 Breakfast with insulin"): a
/// third of its cues or more go on from the one before (start in lower
/// case), hold a clause's comma or a sentence's end inside them, or are
/// long. Subtitle files say what they are with their end times.
fn is_speech(run: &[Cue], lines: &[&str]) -> bool {
    if lines[run[0].line].contains("-->") {
        return true;
    }
    let spoken = run
        .iter()
        .filter(|c| {
            // (Times on lines of their own: the words are on the next.)
            let w = match c.words {
                "" => lines.get(c.line + 1).map_or("", |l| l.trim()),
                w => w,
            };
            let inner = w.trim_end_matches(['.', '!', '?', ',', ':']);
            w.starts_with(char::is_lowercase)
                || inner.contains([',', '.', '?', '!'])
                || w.split_whitespace().count() >= 8
        })
        .count();
    spoken * 3 >= run.len()
}

/// A speaker's label opening a cue's words ("LUCY: ", "Dr Mensah: "): one
/// to three capitalised words before ": ".
fn label(words: &str) -> Option<&str> {
    let (name, rest) = words.split_once(": ")?;
    let count = name.split_whitespace().count();
    let capitalised = name
        .split_whitespace()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    (capitalised && (1..=3).contains(&count) && !rest.trim().is_empty()).then_some(name)
}

/// The speakers' labels: those that open two cues or more ("Note: " once
/// is no speaker).
fn speakers<'a>(cues: &[Cue<'a>]) -> Vec<&'a str> {
    let mut seen: Vec<(&str, usize)> = Vec::new();
    for name in cues.iter().filter_map(|c| label(c.words)) {
        match seen.iter_mut().find(|(n, _)| *n == name) {
            Some((_, count)) => *count += 1,
            None => seen.push((name, 1)),
        }
    }
    seen.into_iter()
        .filter(|&(_, n)| n >= 2)
        .map(|(n, _)| n)
        .collect()
}

/// Append words without the sound tags inside them ("Hold on. [laughs]
/// So ..."): a tag is a bracketed run of lower-case words.
fn push_unsounded(paragraph: &mut String, words: &str) {
    let mut rest = words;
    while let Some(open) = rest.find('[') {
        let Some(len) = rest[open..].find(']') else {
            break;
        };
        let tag = &rest[open + 1..open + len];
        if !is_sound_tag(tag) {
            paragraph.push_str(&rest[..open + len + 1]);
            rest = &rest[open + len + 1..];
            continue;
        }
        paragraph.push_str(rest[..open].trim_end());
        rest = rest[open + len + 1..].trim_start();
        if !rest.is_empty()
            && !paragraph.is_empty()
            && !paragraph.ends_with(' ')
            && !rest.starts_with(['.', ',', '!', '?'])
        {
            paragraph.push(' ');
        }
    }
    paragraph.push_str(rest);
}

/// Whether the words open a new speaker's turn, and the words without its
/// marker: ">> Hi", "- Hi" and a known speaker's "LUCY: Hi" open one. The
/// label is left out of the text, as the times are: what is said is the
/// knowledge, and a name before it would be read as the sentence's subject.
fn speaker_turn<'a>(words: &'a str, speakers: &[&str]) -> (bool, &'a str) {
    for marker in [">>", "- ", "– "] {
        if let Some(rest) = words.strip_prefix(marker) {
            return (true, rest.trim_start());
        }
    }
    match label(words) {
        Some(name) if speakers.contains(&name) => (true, words[name.len() + 2..].trim_start()),
        _ => (false, words),
    }
}

#[cfg(test)]
#[path = "transcript_tests.rs"]
mod tests;
