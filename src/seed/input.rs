//! Reading one input into kb's types: a document's text into the document
//! model, a seed file's JSON, the vocabulary and rules TOML; each error names
//! the file and, where it can, the line.

use std::borrow::Cow;
use std::path::Path;

use super::source::{read, MAX_FILE_BYTES};
use crate::document::{Document, Format};
use crate::error::{Error, Result};
use crate::extract::{self, Vocabulary};
use crate::model::{SeedFile, SEED_FORMAT};
use crate::text::{line_of, line_of_bytes, sha256_hex};

/// The built-in vocabulary extended by the TOML file at `path`.
pub fn read_vocabulary(path: &Path) -> Result<Vocabulary> {
    let bytes = read(path)?.0;
    let mut vocabulary = Vocabulary::builtin();
    vocabulary.merge(parse_vocabulary(path, &bytes)?);
    Ok(vocabulary)
}

/// Extend a vocabulary's extraction rules with the rules file at `path`.
pub fn extend_rules(vocabulary: &mut Vocabulary, path: &Path) -> Result<()> {
    add_rules(vocabulary, path, &read(path)?.0)
}

pub(super) fn add_rules(vocabulary: &mut Vocabulary, path: &Path, bytes: &[u8]) -> Result<()> {
    let text = utf8(path, bytes)?;
    vocabulary.extend_rules(text).map_err(|e| {
        let line = match &e {
            extract::rules::RulesError::Toml(t) => t.span().map(|s| line_of(text, s.start)),
            _ => None,
        };
        Error::invalid_seed(path, line, e.to_string())
    })
}

/// An article read into the document model, checked like `kb seed`
/// checks it; its format comes from its file name.
pub fn read_article(path: &Path) -> Result<Document> {
    let bytes = read(path)?.0;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Error::invalid_seed(
            path,
            None,
            format!("file is {} bytes; the limit is {MAX_FILE_BYTES}", bytes.len()),
        ));
    }
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    article(path, &name, &bytes)
}

/// An article's bytes read as its format (plain text when the name says
/// none).
pub(super) fn article(path: &Path, name: &str, bytes: &[u8]) -> Result<Document> {
    let text = document_text(path, bytes)?;
    Ok(Document::parse(
        text,
        Format::of_name(name).unwrap_or(Format::Text),
    ))
}

/// What a document with a reviewed seed file is stored as: its text and
/// the SHA-256 of its bytes, the same as [`article`] gives. The facts come
/// from the seed file, so the block tree is not needed: a plain-text file
/// is stored as it is and is not parsed at all (a tenth of a seed's time
/// went to parsing blocks nothing read); Markdown and HTML are stored as
/// the readable text their parse builds, so they are parsed.
pub(super) fn reviewed_body(path: &Path, name: &str, bytes: Cow<'_, [u8]>) -> Result<(String, String)> {
    match Format::of_name(name).unwrap_or(Format::Text) {
        Format::Text => {
            let sha256 = sha256_hex(&bytes);
            // No copy when the bytes were read from a file (owned), and one
            // UTF-8 check.
            let text = match String::from_utf8(bytes.into_owned()) {
                Ok(text) => text,
                Err(e) => return Err(utf8(path, e.as_bytes()).expect_err("not UTF-8")),
            };
            text_checks(path, &text)?;
            Ok((text, sha256))
        }
        Format::Markdown | Format::Html => {
            let document = article(path, name, &bytes)?;
            Ok((document.text, document.sha256))
        }
    }
}

/// A document's text, checked like `kb seed` checks it.
pub fn read_document(path: &Path) -> Result<String> {
    let bytes = read(path)?.0;
    document_text(path, &bytes).map(str::to_owned)
}

pub(super) fn parse_vocabulary(path: &Path, bytes: &[u8]) -> Result<Vocabulary> {
    let text = utf8(path, bytes)?;
    Vocabulary::from_toml_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start));
        Error::invalid_seed(path, line, e.message().to_owned())
    })
}

pub(super) fn utf8<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str> {
    std::str::from_utf8(bytes).map_err(|e| {
        let line = line_of_bytes(bytes, e.valid_up_to());
        Error::invalid_seed(path, Some(line), "not UTF-8 text (is this a binary file?)")
    })
}

pub(super) fn document_text<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str> {
    let text = utf8(path, bytes)?;
    text_checks(path, text)?;
    Ok(text)
}

/// What a document's text must be besides UTF-8.
fn text_checks(path: &Path, text: &str) -> Result<()> {
    if let Some(i) = text.find('\0') {
        return Err(Error::invalid_seed(
            path,
            Some(line_of(text, i)),
            "contains NUL bytes (is this a binary file?)",
        ));
    }
    if text.trim().is_empty() {
        return Err(Error::invalid_seed(path, None, "the document is empty"));
    }
    Ok(())
}

pub(crate) fn parse_seed(path: &Path, json: &str) -> Result<SeedFile> {
    if json.trim().is_empty() {
        return Err(Error::invalid_seed(path, None, "the seed file is empty"));
    }
    // A file in another format is reported as such, not as a confusing
    // shape error. Looked for in a generic parse only when the typed one
    // fails (one parse per file, not two: seed files are most of the
    // bytes a seed reads).
    let format_error = |v: u64| {
        let line = json.find("\"format\"").map(|i| line_of(json, i));
        Error::invalid_seed(
            path,
            line,
            format!("seed format {v} is not supported (this kb reads format {SEED_FORMAT})"),
        )
    };
    let parsed = serde_json::from_str::<SeedFile>(json);
    if let Ok(seed) = &parsed {
        if seed.format != SEED_FORMAT {
            return Err(format_error(u64::from(seed.format)));
        }
    } else if let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(json) {
        if let Some(v) = map.get("format").and_then(|v| v.as_u64()) {
            if v != u64::from(SEED_FORMAT) {
                return Err(format_error(v));
            }
        }
    }
    parsed.map_err(|e| Error::InvalidSeed {
        path: path.to_owned(),
        line: Some(e.line()).filter(|l| *l > 0),
        column: Some(e.column()).filter(|c| *c > 0),
        message: e
            .to_string()
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reviewed document is stored exactly as the full reader would
    /// store it, whatever its format.
    #[test]
    fn reviewed_body_is_what_the_reader_stores() {
        let cases = [
            ("a.txt", "Acne\r\n\r\nCauses\n- oily skin\n\u{feff}tail é\n"),
            ("b.TXT", "  Title  \n\nText with  spaces.\n\n"),
            ("c.md", "# Acne\n\nSome *text*.\n\n- one\n- two\n"),
            ("d.html", "<html><title>Acne</title><body><h1>Acne</h1><p>A <b>b</b></p><ul><li>x</li></ul></body></html>"),
            ("e", "no extension\nat all\n"),
        ];
        for (name, text) in cases {
            let path = Path::new(name);
            let want = article(path, name, text.as_bytes()).unwrap();
            let (body, sha256) = reviewed_body(path, name, Cow::Borrowed(text.as_bytes())).unwrap();
            assert_eq!(
                (body.as_str(), sha256.as_str()),
                (want.text.as_str(), want.sha256.as_str()),
                "{name}"
            );
        }
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut read = 0;
        for entry in std::fs::read_dir(&seeds).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if Format::of_name(&name).is_none() {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let want = article(&path, &name, &bytes).unwrap();
            let (body, sha256) = reviewed_body(&path, &name, Cow::Owned(bytes)).unwrap();
            assert!(body == want.text && sha256 == want.sha256, "{name}");
            read += 1;
        }
        assert!(read > 0, "no article in {}", seeds.display());
    }

    /// The checks a document's text gets are the same too.
    #[test]
    fn reviewed_body_refuses_what_the_reader_refuses() {
        for bytes in [&b"   \n"[..], b"a\0b", b"\xff\xfe"] {
            let path = Path::new("x.txt");
            let want = article(path, "x.txt", bytes).unwrap_err().to_string();
            let got = reviewed_body(path, "x.txt", Cow::Borrowed(bytes))
                .unwrap_err()
                .to_string();
            assert_eq!(got, want);
        }
    }
}
