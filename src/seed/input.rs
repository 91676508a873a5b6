//! Reading one input into kb's types: a document's text into the document
//! model, a seed file's JSON, the vocabulary and rules TOML; each error names
//! the file and, where it can, the line.

use std::path::Path;

use super::source::{read, MAX_FILE_BYTES};
use crate::document::{Document, Format};
use crate::error::{Error, Result};
use crate::extract::{self, Vocabulary};
use crate::model::{SeedFile, SEED_FORMAT};
use crate::text::{line_of, line_of_bytes};

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
    Ok(text)
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
