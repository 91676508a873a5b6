//! The extractor never panics, and every quote it emits is a verbatim
//! slice of the input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let vocabulary = kb::extract::Vocabulary::builtin();
    let seed = kb::extract::extract(text, "fuzz.txt", &vocabulary);
    for c in &seed.conditions {
        for (_, _, q) in c.quoted() {
            assert_eq!(&text[q.start..q.end], q.text);
        }
        assert!(!c.name.is_empty());
    }
});
