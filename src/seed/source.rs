//! Seed input files: a [`Source`] (a folder, the built-in seeds, or files in
//! memory), listed by name up front and read one file at a time, with the
//! checks every file passes before kb reads it (regular file, size limit).

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use crate::document::Format;
use crate::error::{Error, Result};
use crate::text::slugify;

/// Largest document or seed file accepted; articles are a few KiB, so
/// anything this big is a mistake (or not an article).
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// The name of the optional vocabulary file inside a seed folder.
pub const VOCABULARY_FILE: &str = "vocabulary.toml";

/// The name of the optional extraction rules file inside a seed folder.
pub const RULES_FILE: &str = "rules.toml";

/// A set of seed input files, from a folder or built into the binary.
///
/// Files are listed up front but read only when needed, so a large seed
/// folder never sits in memory at once.
pub struct Source {
    /// Shown in messages: the folder, or `<built-in seeds>`.
    pub root: PathBuf,
    /// File names, sorted, with where their bytes come from.
    files: Vec<(String, Bytes)>,
    /// Folder entries left unread, for the user to see.
    skipped: Vec<Skipped>,
}

/// A folder entry [`Source::from_dir`] does not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

/// The name a folder entry is listed under, its extension lower-cased, or
/// `None` if it is not an input kb reads.
fn listed_name(name: &str) -> Option<String> {
    for fixed in [VOCABULARY_FILE, RULES_FILE, crate::codes::CODES_FILE] {
        if name.eq_ignore_ascii_case(fixed) {
            return Some(fixed.to_owned());
        }
    }
    let (stem, ext) = name.rsplit_once('.')?;
    let listed = format!("{stem}.{}", ext.to_ascii_lowercase());
    let wanted = Format::of_name(&listed).is_some() || listed.ends_with(".json");
    (!stem.is_empty() && wanted).then_some(listed)
}

/// The kind of what a folder entry stands for, its size when known, and the
/// path to open: the entry itself, or for a symbolic link its target, which
/// must lie in the folder unless `follow_links`. `Err` gives why it is
/// skipped. A plain entry's kind comes from the listing itself (no `stat`
/// per file); its size is checked when it is read.
fn entry_target(
    entry: &std::fs::DirEntry,
    root: &Path,
    follow_links: bool,
) -> std::result::Result<(std::fs::FileType, Option<u64>, PathBuf), String> {
    let path = entry.path();
    let kind = entry.file_type().map_err(|e| format!("cannot read it: {e}"))?;
    if !kind.is_symlink() {
        return Ok((kind, None, path));
    }
    let target = std::fs::canonicalize(&path).map_err(|_| "a symbolic link to nothing".to_owned())?;
    if !follow_links && !target.starts_with(root) {
        return Err(format!(
            "a symbolic link to {}, outside the folder; not followed (kb seed --follow-links follows it)",
            target.display()
        ));
    }
    let meta = std::fs::metadata(&target).map_err(|e| format!("cannot read it: {e}"))?;
    Ok((meta.file_type(), Some(meta.len()), target))
}

fn too_big(path: &Path, len: u64) -> Error {
    Error::invalid_seed(
        path,
        None,
        format!("file is {len} bytes; the limit is {MAX_FILE_BYTES}"),
    )
}

enum Bytes {
    /// On disk at `root/name`: no path kept per file, which for 200,000
    /// files would be tens of MiB.
    InRoot,
    /// On disk elsewhere: a link's target, or a name whose extension is
    /// not in lower case.
    Disk(PathBuf),
    Static(&'static [u8]),
    Owned(Vec<u8>),
}

impl Source {
    /// Check every file as a seed run would, writing nothing: the errors
    /// [`crate::Kb::seed`] would report before its first write.
    pub fn validate(&self) -> Result<()> {
        super::plan::validate_source(self)
    }

    /// The articles (`.txt`, `.md`, `.html`), `.json` seed files and the
    /// vocabulary and rules files directly inside `dir` (extensions in any
    /// case: `NOTES.TXT` is read as `NOTES.txt`).
    ///
    /// Only regular files are read. Entries that will not be (directories,
    /// FIFOs, devices, other kinds of file, symbolic links leading out of
    /// `dir`) are listed in [`Source::skipped`], not silently ignored;
    /// hidden files (`.name`) are ignored. A document whose name has no
    /// letter or digit to make a key from is an error naming it; so is a
    /// file over [`MAX_FILE_BYTES`], here for a link's target and when it is
    /// read for any other file (validating or seeding, before anything is
    /// committed).
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Source> {
        Source::from_dir_with(dir, false)
    }

    /// [`Source::from_dir`], following symbolic links that lead out of the
    /// folder when `follow_links` is true.
    pub fn from_dir_with(dir: impl AsRef<Path>, follow_links: bool) -> Result<Source> {
        let dir = dir.as_ref();
        let io = |source: std::io::Error| Error::Read {
            path: dir.to_owned(),
            source,
        };
        let root = std::fs::canonicalize(dir).map_err(io)?;
        let mut files: Vec<(String, Bytes)> = Vec::new();
        // Names listed so far: a folder of 100,000 articles is not searched
        // once per entry.
        let mut names: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut skipped = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(io)? {
            let entry = entry.map_err(io)?;
            let path = entry.path();
            let mut skip = |reason: String| {
                skipped.push(Skipped {
                    path: path.clone(),
                    reason,
                })
            };
            let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
                skip("its name is not UTF-8".to_owned());
                continue;
            };
            if name.starts_with('.') {
                continue;
            }
            let Some(listed) = listed_name(&name) else {
                skip(
                    "not a document (.txt, .md, .html), seed file (.json), vocabulary.toml or rules.toml"
                        .to_owned(),
                );
                continue;
            };
            let (kind, len, open) = match entry_target(&entry, &root, follow_links) {
                Ok(target) => target,
                Err(reason) => {
                    skip(reason);
                    continue;
                }
            };
            if kind.is_dir() {
                skip("a directory".to_owned());
                continue;
            }
            if !kind.is_file() {
                skip("not a regular file (a FIFO, device or socket)".to_owned());
                continue;
            }
            if let Some(len) = len.filter(|len| *len > MAX_FILE_BYTES as u64) {
                return Err(too_big(&path, len));
            }
            if let Some((stem, _)) = listed
                .rsplit_once('.')
                .filter(|_| Format::of_name(&listed).is_some())
            {
                if slugify(stem).is_empty() {
                    return Err(Error::invalid_seed(
                        path,
                        None,
                        "the file name has no letter or digit to make the document's key from; rename it",
                    ));
                }
            }
            if !names.insert(listed.clone()) {
                skip(format!("same name as {listed} but for the case of its extension"));
                continue;
            }
            let bytes = if open == dir.join(&listed) {
                Bytes::InRoot
            } else {
                Bytes::Disk(open)
            };
            files.push((listed, bytes));
        }
        files.sort_by(|a, b| a.0.cmp(&b.0));
        skipped.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Source {
            root: dir.to_owned(),
            files,
            skipped,
        })
    }

    /// Entries of the folder that were not read, with why.
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    /// The seeds shipped in the binary (the project's `seeds/` at build time).
    pub fn builtin() -> Source {
        Source {
            root: PathBuf::from("<built-in seeds>"),
            files: BUILTIN_SEEDS
                .iter()
                .map(|(name, bytes)| (name.to_string(), Bytes::Static(bytes)))
                .collect(),
            skipped: Vec::new(),
        }
    }

    /// Files held in memory, as (file name, contents); `root` names the
    /// source in messages.
    pub fn from_files(root: impl Into<PathBuf>, files: Vec<(String, Vec<u8>)>) -> Source {
        let mut files: Vec<(String, Bytes)> = files.into_iter().map(|(n, b)| (n, Bytes::Owned(b))).collect();
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files.dedup_by(|a, b| a.0 == b.0);
        Source {
            root: root.into(),
            files,
            skipped: Vec::new(),
        }
    }

    /// Names of the files in this source.
    pub fn file_names(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(|(n, _)| n.as_str())
    }

    /// The file behind `name`, for messages: its real path on disk (whose
    /// extension may be upper-case), else `name` in the root.
    pub(crate) fn path_of(&self, name: &str) -> PathBuf {
        match self.file(name) {
            Some(Bytes::Disk(path)) => path.clone(),
            _ => self.root.join(name),
        }
    }

    /// The bytes behind a name: the files are sorted by name, so found by
    /// binary search (a linear search made seeding quadratic).
    fn file(&self, name: &str) -> Option<&Bytes> {
        let i = self.files.binary_search_by(|(n, _)| n.as_str().cmp(name)).ok()?;
        Some(&self.files[i].1)
    }

    pub(crate) fn read(&self, name: &str) -> Result<Cow<'_, [u8]>> {
        match self.file(name) {
            Some(Bytes::Static(bytes)) => Ok(Cow::Borrowed(bytes)),
            Some(Bytes::Owned(bytes)) => Ok(Cow::Borrowed(bytes)),
            // Checked again as it is read: the listing may be stale.
            Some(Bytes::Disk(path)) => read(path).map(Cow::Owned),
            Some(Bytes::InRoot) => read(&self.root.join(name)).map(Cow::Owned),
            None => Err(Error::Read {
                path: self.path_of(name),
                source: std::io::ErrorKind::NotFound.into(),
            }),
        }
    }
}

include!(concat!(env!("OUT_DIR"), "/builtin_seeds.rs"));

/// The bytes of a regular file of at most [`MAX_FILE_BYTES`]. The type and
/// size are checked before reading (a FIFO would block, `/dev/zero` never
/// end), and the read itself stops past the limit, should the file grow.
pub(super) fn read(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let io = |source: std::io::Error| Error::Read {
        path: path.to_owned(),
        source,
    };
    let not_a_file = || {
        Error::invalid_seed(
            path,
            None,
            "not a regular file (a directory, FIFO or device); kb reads only files",
        )
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(not_a_file());
    }
    if meta.len() > MAX_FILE_BYTES as u64 {
        return Err(too_big(path, meta.len()));
    }
    let file = std::fs::File::open(path).map_err(io)?;
    // Replaced between the two looks? Check what was opened.
    if !file.metadata().map_err(io)?.is_file() {
        return Err(not_a_file());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_big(path, bytes.len() as u64));
    }
    Ok(bytes)
}
