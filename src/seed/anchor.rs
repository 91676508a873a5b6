//! A reviewed seed file checked against its document: quotes re-anchored
//! after an edit ([`Drift`]), quotes given by their text alone found, and
//! every name and quote validated as a verbatim slice of the document.

use std::path::Path;

use crate::error::{Error, Result};
use crate::model::{Quote, SeedFile};
use crate::text::{line_of, slugify};

/// A reviewed seed file read against its document's current text. When the
/// document was edited after review (its SHA-256 differs), each quote is
/// re-anchored where its text now stands and facts whose text is gone are
/// dropped: reviewed facts survive an edit, and nothing stale is written.
pub(crate) fn reviewed_seed(
    path: &Path,
    json: &str,
    mut seed: SeedFile,
    body: &str,
    sha256: &str,
) -> Result<(SeedFile, Option<Drift>)> {
    let drift = if seed.document.sha256 == sha256 {
        None
    } else {
        let mut drift = Drift::new(&seed, body);
        for condition in &mut seed.conditions {
            if !drift.anchor(&mut condition.quote, body) {
                return Err(Error::invalid_seed(
                    path,
                    locate(json, &condition.quote),
                    format!(
                        "the document no longer names condition '{}' where the review found it; \
                         review it again (`kb extract` prints fresh data)",
                        condition.name
                    ),
                ));
            }
            drift.retain(&mut condition.aliases, body, |a| (&mut a.quote, &a.name));
            condition.types.retain_mut(|t| {
                let kept = drift.anchor(&mut t.quote, body);
                if kept {
                    drift.retain(&mut t.aliases, body, |a| (&mut a.quote, &a.name));
                    drift.retain(&mut t.causes, body, |f| (&mut f.quote, &f.name));
                } else {
                    drift.dropped.push(t.name.clone());
                    drift.dropped.extend(t.causes.iter().map(|c| c.name.clone()));
                }
                kept
            });
            drift.retain(&mut condition.general_causes, body, |f| (&mut f.quote, &f.name));
            drift.retain(&mut condition.symptoms, body, |f| (&mut f.quote, &f.name));
            condition.treatments.retain_mut(|t| {
                let kept = drift.anchor(&mut t.quote, body);
                if kept {
                    drift.retain(&mut t.notes, body, |n| (&mut n.quote, &n.text));
                } else {
                    drift.dropped.push(t.name.clone());
                }
                kept
            });
        }
        seed.document.sha256 = sha256.to_owned();
        Some(drift)
    };
    // Quotes given by their text alone are found now, in the current text.
    for condition in &mut seed.conditions {
        let mut quotes: Vec<(&'static str, &str, &mut Quote)> =
            vec![("condition", &condition.name, &mut condition.quote)];
        quotes.extend(
            condition
                .aliases
                .iter_mut()
                .map(|a| ("alias", a.name.as_str(), &mut a.quote)),
        );
        for t in &mut condition.types {
            quotes.push(("type", &t.name, &mut t.quote));
            quotes.extend(
                t.aliases
                    .iter_mut()
                    .map(|a| ("alias", a.name.as_str(), &mut a.quote)),
            );
            quotes.extend(
                t.causes
                    .iter_mut()
                    .map(|x| ("cause", x.name.as_str(), &mut x.quote)),
            );
        }
        quotes.extend(
            condition
                .general_causes
                .iter_mut()
                .map(|x| ("cause", x.name.as_str(), &mut x.quote)),
        );
        quotes.extend(
            condition
                .symptoms
                .iter_mut()
                .map(|x| ("symptom", x.name.as_str(), &mut x.quote)),
        );
        for r in &mut condition.treatments {
            quotes.push(("treatment", &r.name, &mut r.quote));
            quotes.extend(
                r.notes
                    .iter_mut()
                    .map(|n| ("treatment note", n.text.as_str(), &mut n.quote)),
            );
        }
        for (what, name, quote) in quotes {
            if !quote.is_anchored() {
                find_text_only(path, json, what, name, quote, body)?;
            }
        }
    }
    validate(path, json, &seed, body)?;
    Ok((seed, drift))
}

/// Give a quote stated by its text alone the offsets of its only
/// occurrence in `body`; when it occurs twice or more, or not at all, the
/// error lists where it (or the same words in other capitals) stands.
fn find_text_only(
    path: &Path,
    json: &str,
    what: &str,
    name: &str,
    quote: &mut Quote,
    body: &str,
) -> Result<()> {
    let line = locate(json, quote);
    let place = |at: usize, len: usize| format!("line {} (bytes {at}..{})", line_of(body, at), at + len);
    let text = quote.text.as_str();
    let found: Vec<usize> = if text.is_empty() {
        Vec::new()
    } else {
        body.match_indices(text).map(|(i, _)| i).collect()
    };
    match found.as_slice() {
        [at] => {
            quote.start = *at;
            quote.end = at + text.len();
            Ok(())
        }
        [] => {
            // ASCII case folding keeps byte offsets, so a match found in
            // the folded text stands at the same place in the original.
            let folded = body.to_ascii_lowercase();
            let near: Vec<String> = if text.is_empty() {
                Vec::new()
            } else {
                folded
                    .match_indices(&text.to_ascii_lowercase())
                    .take(5)
                    .filter_map(|(i, _)| {
                        Some(format!(
                            "{} {:?}",
                            place(i, text.len()),
                            body.get(i..i + text.len())?
                        ))
                    })
                    .collect()
            };
            let hint = if near.is_empty() {
                String::new()
            } else {
                format!("; the document has it in other capitals at {}", near.join(", "))
            };
            Err(Error::invalid_seed(
                path,
                line,
                format!("quote for {what} '{name}' is not in the document: {text:?}{hint}"),
            ))
        }
        many => {
            let places: Vec<String> = many.iter().take(10).map(|&i| place(i, text.len())).collect();
            Err(Error::invalid_seed(
                path,
                line,
                format!(
                    "quote for {what} '{name}' has no offsets and {text:?} occurs {} times in the document: {}{}; \
                     quote more of the sentence, or give \"start\" and \"end\" of the one meant",
                    many.len(),
                    places.join(", "),
                    if many.len() > places.len() { ", ..." } else { "" }
                ),
            ))
        }
    }
}

/// What re-anchoring a reviewed seed file did.
#[derive(Debug, Default)]
pub(crate) struct Drift {
    pub(crate) moved: usize,
    /// Names of the facts whose quoted text is no longer in the document.
    pub(crate) dropped: Vec<String>,
    /// (old start, shift) of quotes whose text occurs exactly once in the
    /// edited document, by old start: how far each part of it moved.
    landmarks: Vec<(usize, i64)>,
}

/// How far from where its neighbours say it should be a quote may be found
/// and still count as the same statement.
const DRIFT_TOLERANCE: u64 = 256;

impl Drift {
    fn new(seed: &SeedFile, body: &str) -> Drift {
        let mut landmarks: Vec<(usize, i64)> = Vec::new();
        for c in &seed.conditions {
            for (_, _, q) in c.quoted() {
                if q.text.is_empty() || !q.is_anchored() {
                    continue;
                }
                let mut found = body.match_indices(q.text.as_str());
                if let (Some((at, _)), None) = (found.next(), found.next()) {
                    landmarks.push((q.start, at as i64 - q.start as i64));
                }
            }
        }
        landmarks.sort_unstable();
        landmarks.dedup();
        Drift {
            landmarks,
            ..Drift::default()
        }
    }

    /// Where a quote that stood at `old` should stand now: moved as the
    /// landmarks around it moved (the median of up to three on each side,
    /// itself left out, so one landmark that moved far does not mislead).
    fn expected(&self, old: usize) -> i64 {
        let at = self.landmarks.partition_point(|(o, _)| *o < old);
        let mut near: Vec<i64> = self.landmarks[at.saturating_sub(3)..at]
            .iter()
            .chain(self.landmarks[at..].iter().filter(|(o, _)| *o != old).take(3))
            .map(|(_, shift)| *shift)
            .collect();
        near.sort_unstable();
        old as i64 + near.get(near.len() / 2).copied().unwrap_or(0)
    }

    /// Point `quote` at its text in `body`: the occurrence nearest where
    /// its neighbours moved, if that is near enough. False when the text is
    /// gone from there (it may still stand elsewhere, saying something else:
    /// "ulcerate" in another list is not the same statement).
    fn anchor(&mut self, quote: &mut Quote, body: &str) -> bool {
        if quote.text.is_empty() {
            return false;
        }
        if !quote.is_anchored() {
            // Given by its text alone: found in the current text afterwards.
            return true;
        }
        let expected = self.expected(quote.start);
        let nearest = body
            .match_indices(quote.text.as_str())
            .map(|(i, _)| i)
            .min_by_key(|i| (*i as i64).abs_diff(expected));
        match nearest {
            Some(i) if (i as i64).abs_diff(expected) <= DRIFT_TOLERANCE => {
                if i != quote.start {
                    quote.start = i;
                    quote.end = i + quote.text.len();
                    self.moved += 1;
                }
                true
            }
            _ => false,
        }
    }

    fn retain<T>(&mut self, items: &mut Vec<T>, body: &str, parts: impl Fn(&mut T) -> (&mut Quote, &String)) {
        items.retain_mut(|item| {
            let (quote, name) = parts(item);
            let name = name.clone();
            let kept = self.anchor(quote, body);
            if !kept {
                self.dropped.push(name);
            }
            kept
        });
    }

    pub(super) fn notice(&self, seed_path: &Path, doc_path: &Path) -> String {
        let mut out = format!(
            "{}: {} changed since review; {} quote(s) re-anchored",
            seed_path.display(),
            doc_path.display(),
            self.moved
        );
        if !self.dropped.is_empty() {
            out.push_str(&format!(
                ", {} fact(s) dropped as no longer stated ({})",
                self.dropped.len(),
                self.dropped.join("; ")
            ));
        }
        // Said on every seed until the file is rewritten: say how.
        out.push_str(&format!(
            "; `kb reanchor {}` writes this into the seed file, `kb extract {}` shows what the document says now",
            seed_path.display(),
            doc_path.display()
        ));
        out
    }
}

/// Every name is usable and every quote is a verbatim slice of the document.
pub(super) fn validate(path: &Path, json: &str, seed: &SeedFile, body: &str) -> Result<()> {
    // An extraction (no JSON) may find nothing: the article is still stored.
    // A reviewed seed file that names no condition is a mistake.
    if seed.conditions.is_empty() {
        if json.is_empty() {
            return Ok(());
        }
        return Err(Error::invalid_seed(
            path,
            None,
            "the seed file names no condition",
        ));
    }
    let check = |what: &str, name: &str, quote: &Quote| -> Result<()> {
        // Found only for a message: a search of the whole file per quote
        // is not paid on the way to success.
        let line = || locate(json, quote);
        if slugify(name).is_empty() {
            return Err(Error::invalid_seed(
                path,
                line(),
                format!("{what} name '{name}' has no letters or digits"),
            ));
        }
        match body.get(quote.start..quote.end) {
            Some(found) if found == quote.text && !found.is_empty() => Ok(()),
            Some(found) => Err(Error::invalid_seed(
                path,
                line(),
                format!(
                    "quote for {what} '{name}' does not match the document: bytes {}..{} read {found:?}, \
                     the seed file says {:?}",
                    quote.start, quote.end, quote.text
                ),
            )),
            None => Err(Error::invalid_seed(
                path,
                line(),
                format!(
                    "quote for {what} '{name}' is out of range: bytes {}..{} of a {}-byte document",
                    quote.start,
                    quote.end,
                    body.len()
                ),
            )),
        }
    };
    for c in &seed.conditions {
        for (what, name, quote) in c.quoted() {
            check(what, name, quote)?;
        }
    }
    Ok(())
}

/// Best-effort line of a quote inside its JSON seed file, for messages.
fn locate(json: &str, quote: &Quote) -> Option<usize> {
    // With its comma, so that start 1 is not found in "start": 10.
    let start = format!("\"start\": {},", quote.start);
    let text = serde_json::to_string(&quote.text).ok()?;
    // The same text may be quoted twice ("primary or secondary X" for two
    // causes): prefer the occurrence whose own offsets follow it.
    let mut found = json.match_indices(&text).map(|(i, _)| i);
    let first = found.clone().next();
    let at = found
        .find(|&i| {
            // The rest of this quote's object: up to its closing brace.
            let rest = &json[i + text.len()..];
            rest[..rest.find('}').unwrap_or(rest.len())].contains(&start)
        })
        .or(first)
        .or_else(|| json.find(&start))?;
    Some(line_of(json, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_is_located_by_its_own_offsets() {
        let json = "{\n \"a\": {\"text\": \"x\", \"start\": 1, \"end\": 2},\n \"b\": {\"text\": \"x\", \"start\": 9, \"end\": 10}\n}";
        let quote = |start| Quote {
            text: "x".to_owned(),
            start,
            end: start + 1,
        };
        assert_eq!(locate(json, &quote(1)), Some(2));
        assert_eq!(locate(json, &quote(9)), Some(3));
    }
}
