//! The form names are compared in. Both the lexicon and symptom names go
//! through it, so a rule only ever equates two spellings of one thing; it
//! has no dependencies because the build script includes it too, to index
//! the lexicon at compile time (`src/codes/index_gen.rs`).

/// Lower case, words of letters and digits only, without "the", each word
/// in US spelling and singular, and an adjective that names a symptom in
/// its noun form ("itchy" and "itching", "swollen" and "swelling", "sore"
/// and "painful" and "pain"), so "swollen joint" and "Joint swelling" meet
/// once word order is set aside.
pub fn normalise(name: &str) -> String {
    // Pages set the apostrophe as U+2019 as often as not ("Raynaud’s").
    let lower = name.to_lowercase().replace('\u{2019}', "'");
    let mut out = String::with_capacity(lower.len());
    for word in lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
    {
        let word = word.strip_suffix("'s").unwrap_or(word);
        // "Blood in the urine" is "Blood in urine"; the HPO's own names use
        // and omit the article alike.
        if word == "the" {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        match symptom_noun(word) {
            Some(noun) => out.push_str(noun),
            None => out.push_str(&us_spelling(&singular(word))),
        }
    }
    out
}

/// The noun form of an everyday symptom adjective or variant. Each pair
/// names one sensation or sign: "sore" is how English says painful ("sore
/// throat" is the HPO's own layperson name for throat pain).
fn symptom_noun(word: &str) -> Option<&'static str> {
    Some(match word {
        "recurring" => "recurrent",
        "swollen" => "swelling",
        "painful" | "sore" | "soreness" => "pain",
        "itchy" | "itchiness" | "itch" | "itches" => "itching",
        "stiff" => "stiffness",
        "tender" => "tenderness",
        "aching" | "achy" | "aches" => "ache",
        "sweaty" => "sweating",
        "dizzy" => "dizziness",
        "breathless" => "breathlessness",
        "numb" => "numbness",
        "nauseous" | "nauseated" => "nausea",
        "feverish" => "fever",
        "bloated" => "bloating",
        _ => return None,
    })
}

/// True for a word `symptom_noun` reads as another ("itchy", "itch",
/// "swollen"). Alone in running text such a word is evidence of nothing
/// ("the rash becomes itchy", "the itch"): the extractor's scan takes a
/// one-word term only in the HPO's own words.
#[allow(dead_code)] // (unused by the build script, which includes this file)
pub fn is_symptom_variant(word: &str) -> bool {
    let w = word.to_lowercase();
    w != "recurring" && symptom_noun(&w).is_some()
}

/// The nouns `symptom_noun` gives.
const SYMPTOM_NOUNS: &[&str] = &[
    "swelling",
    "pain",
    "itching",
    "stiffness",
    "tenderness",
    "ache",
    "sweating",
    "dizziness",
    "breathlessness",
    "numbness",
    "nausea",
    "fever",
    "bloating",
];

/// Two-word keys with the words in sorted order ("skin itchy" and "itchy
/// skin" alike), also for "pain in B" / "swelling of B" ("swelling of
/// eyelids" and "eyelid swelling"); None for other shapes.
pub fn unordered_key(key: &str) -> Option<String> {
    let mut words: Vec<&str> = key.split(' ').collect();
    // Only a symptom's noun turns round: "back of the knee" is no knee back.
    if words.len() == 3 && matches!(words[1], "of" | "in" | "on") && SYMPTOM_NOUNS.contains(&words[0]) {
        words.remove(1);
    }
    let [a, b] = words[..] else {
        return None;
    };
    Some(if a <= b {
        format!("{a} {b}")
    } else {
        format!("{b} {a}")
    })
}

/// British spellings of medical words in their American form (anaemia ->
/// anemia, oedema -> edema, tumour -> tumor, centre -> center).
fn us_spelling(word: &str) -> String {
    let mut w = word.to_owned();
    for (uk, us) in [
        ("aemia", "emia"),
        ("haem", "hem"),
        ("oedem", "edem"),
        ("oesoph", "esoph"),
        ("rrhoea", "rrhea"),
        ("paed", "ped"),
        ("foet", "fet"),
        ("aesth", "esth"),
        ("ischae", "ische"),
        ("coel", "cel"),
        ("grey", "gray"),
        ("sulph", "sulf"),
    ] {
        if w.contains(uk) {
            w = w.replace(uk, us);
        }
    }
    let n = w.chars().count();
    if n > 4 && w.ends_with("our") && !w.ends_with("hour") {
        w.truncate(w.len() - 3);
        w.push_str("or");
    } else if n > 4 && w.ends_with("tre") {
        w.truncate(w.len() - 3);
        w.push_str("ter");
    }
    for (uk, us) in [("isation", "ization"), ("ising", "izing"), ("ised", "ized")] {
        if w.len() > uk.len() + 2 && w.ends_with(uk) {
            w.truncate(w.len() - uk.len());
            w.push_str(us);
        }
    }
    w
}

/// A plural word in its singular form, by regular English endings.
fn singular(word: &str) -> String {
    let n = word.len();
    if n > 4 && word.ends_with("ies") {
        return format!("{}y", &word[..n - 3]);
    }
    for end in ["sses", "ches", "shes", "xes"] {
        if n > end.len() + 1 && word.ends_with(end) {
            return word[..n - 2].to_owned();
        }
    }
    if n > 3 && word.ends_with('s') && !["ss", "us", "is", "ys"].iter().any(|e| word.ends_with(e)) {
        return word[..n - 1].to_owned();
    }
    word.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_plurals_and_spelling() {
        assert_eq!(normalise("Itchy Skin"), "itching skin");
        assert_eq!(normalise("blisters"), normalise("Blister"));
        assert_eq!(normalise("anaemia"), normalise("anemia"));
        assert_eq!(normalise("Oedema"), normalise("edema"));
        assert_eq!(normalise("diarrhoea"), normalise("diarrhea"));
        assert_eq!(normalise("tumours"), normalise("tumor"));
        assert_eq!(normalise("abscesses"), "abscess");
        assert_eq!(normalise("hives"), normalise("hive"));
        assert_eq!(normalise("Raynaud's phenomenon"), "raynaud phenomenon");
        assert_eq!(normalise("Raynaud\u{2019}s phenomenon"), "raynaud phenomenon");
        assert_eq!(normalise("blood in the urine"), normalise("Blood in urine"));
        assert_eq!(normalise("recurring hiccups"), normalise("Recurrent hiccup"));
    }

    #[test]
    fn symptom_adjectives_meet_their_nouns() {
        let key = |s: &str| unordered_key(&normalise(s));
        assert_eq!(key("swollen joints"), key("Joint swelling"));
        assert_eq!(key("painful knee"), key("knee pain"));
        assert_eq!(key("sore eyes"), key("Eye pain"));
        assert_eq!(key("skin itchy"), key("itchy skin"));
        assert_eq!(key("swollen eyelids"), key("Swelling of eyelids"));
        assert_eq!(key("pain in the chest"), key("chest pain"));
        assert_eq!(unordered_key("a b c"), None);
        assert_eq!(unordered_key("back of knee"), None);
        // Words of direction stay apart.
        assert_ne!(normalise("reduced sweating"), normalise("sweating"));
    }
}
