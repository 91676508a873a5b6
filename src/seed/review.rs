//! Keeping a reviewed seed file in step with its document: `kb reanchor`.
//!
//! `kb seed` already re-anchors a reviewed file in memory when its document
//! was edited, and finds quotes given by their text alone; this writes the
//! result back (new offsets, the document's new SHA-256, facts whose text is
//! gone removed), so the review is kept and the note stops repeating.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::{Quote, SeedFile};
use crate::seed::load;

/// A reviewed seed file read against its document's current text.
#[derive(Debug)]
pub struct Reanchored {
    /// The seed data with every quote anchored in the current text.
    pub seed: SeedFile,
    /// The document the seed file describes.
    pub document: PathBuf,
    /// Whether the document changed since review (its SHA-256 differs).
    pub document_changed: bool,
    /// Quotes moved to where their text now stands.
    pub moved: usize,
    /// Quotes given by their text alone whose offsets were found.
    pub found: usize,
    /// Facts dropped because their quoted text is gone.
    pub dropped: Vec<String>,
    /// The file as it should now read (pretty JSON, as `kb extract` writes).
    pub json: String,
    /// Whether that differs from the file on disk.
    pub changed: bool,
}

/// Read the seed file at `path` and its document (beside it), re-anchor
/// its quotes and find the offsets of text-only quotes. Writes nothing; see
/// [`write()`]. Errors are those `kb seed` would report for the file.
pub fn reanchor(path: &Path) -> Result<Reanchored> {
    let json = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    let seed = super::input::parse_seed(path, &json)?;
    let name = &seed.document.path;
    if name.contains('/') || name.contains('\\') || crate::document::Format::of_name(name).is_none() {
        return Err(Error::invalid_seed(
            path,
            None,
            format!("document.path '{name}' must name a .txt, .md or .html file in the same folder"),
        ));
    }
    let document = path.parent().unwrap_or(Path::new(".")).join(name);
    // Quotes are spans of the stored text; the SHA-256 is the file's.
    let article = load::read_article(&document)?;
    let (body, sha256) = (article.text, article.sha256);
    let document_changed = seed.document.sha256 != sha256;
    let text_only = seed
        .conditions
        .iter()
        .flat_map(|c| c.quoted())
        .filter(|(_, _, q): &(_, _, &Quote)| !q.is_anchored())
        .count();
    let (seed, drift) = super::anchor::reviewed_seed(path, &json, seed, &body, &sha256)?;
    let new_json = serde_json::to_string_pretty(&seed).expect("seed data serialises") + "\n";
    let (moved, dropped) = drift.map(|d| (d.moved, d.dropped)).unwrap_or_default();
    Ok(Reanchored {
        changed: new_json != json,
        json: new_json,
        seed,
        document,
        document_changed,
        moved,
        found: text_only,
        dropped,
    })
}

/// Replace the file at `path` with `r.json`, atomically: a crash leaves the
/// old file or the new one, never half of it.
pub fn write(path: &Path, r: &Reanchored) -> Result<()> {
    let err = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.kb-tmp"));
    std::fs::write(&tmp, &r.json).map_err(err)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        err(e)
    })
}
