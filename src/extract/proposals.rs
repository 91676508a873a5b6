//! Condition detection's proposals, answered once per text: a page
//! proposes its condition's name from heading after heading and sentence
//! after sentence, and every proposal's name, chrome and section tests and
//! key depend on its text alone. Each distinct text is worked out once per
//! document; a repeat gets the first answer (the candidate it joined, or
//! none when it was turned down).

/// The texts proposed so far in one document, with their answers.
#[derive(Default)]
pub(super) struct Seen<'a> {
    answers: std::collections::HashMap<&'a str, Option<usize>>,
}

impl<'a> Seen<'a> {
    /// The answer for `text`: `work()`'s the first time, kept after.
    /// (Hashed: a hostile page may propose a hundred thousand texts.)
    pub(super) fn answer(&mut self, text: &'a str, work: impl FnOnce() -> Option<usize>) -> Option<usize> {
        if let Some(&known) = self.answers.get(text) {
            return known;
        }
        let answer = work();
        self.answers.insert(text, answer);
        answer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_worked_out_once() {
        let mut seen = Seen::default();
        let mut calls = 0;
        let texts = ["Asthma", "Home", "Asthma", "asthma", "Home", "Asthma"];
        let answers: Vec<Option<usize>> = texts
            .iter()
            .map(|t| {
                seen.answer(t, || {
                    calls += 1;
                    (*t != "Home").then_some(t.len() + calls)
                })
            })
            .collect();
        // Three distinct texts ("asthma" is another text), each worked once.
        assert_eq!(calls, 3);
        assert_eq!(answers, [Some(7), None, Some(7), Some(9), None, Some(7)]);
    }
}
