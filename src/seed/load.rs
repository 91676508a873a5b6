//! Reading and validating seed input. Nothing here touches the database: every
//! file is checked before the first write, so a bad input costs nothing.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::document::{Document, Format};
use crate::error::{Error, Result};
use crate::extract::{self, Vocabulary};
use crate::model::{Quote, SeedFile, SEED_FORMAT};

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

/// The metadata of what a folder entry stands for, and the path to open:
/// the entry itself, or for a symbolic link its target, which must lie in
/// the folder unless `follow_links`. `Err` gives why it is skipped.
fn entry_target(
    entry: &std::fs::DirEntry,
    root: &Path,
    follow_links: bool,
) -> std::result::Result<(std::fs::Metadata, PathBuf), String> {
    let path = entry.path();
    let kind = entry.file_type().map_err(|e| format!("cannot read it: {e}"))?;
    if !kind.is_symlink() {
        let meta = entry.metadata().map_err(|e| format!("cannot read it: {e}"))?;
        return Ok((meta, path));
    }
    let target = std::fs::canonicalize(&path).map_err(|_| "a symbolic link to nothing".to_owned())?;
    if !follow_links && !target.starts_with(root) {
        return Err(format!(
            "a symbolic link to {}, outside the folder; not followed (kb seed --follow-links follows it)",
            target.display()
        ));
    }
    let meta = std::fs::metadata(&target).map_err(|e| format!("cannot read it: {e}"))?;
    Ok((meta, target))
}

fn too_big(path: &Path, len: u64) -> Error {
    Error::invalid_seed(
        path,
        None,
        format!("file is {len} bytes; the limit is {MAX_FILE_BYTES}"),
    )
}

enum Bytes {
    Disk(PathBuf),
    Static(&'static [u8]),
    Owned(Vec<u8>),
}

impl Source {
    /// Check every file as a seed run would, writing nothing: the errors
    /// [`crate::Kb::seed`] would report before its first write.
    pub fn validate(&self) -> Result<()> {
        prepare(self).map(|_| ())
    }

    /// The articles (`.txt`, `.md`, `.html`), `.json` seed files and the
    /// vocabulary and rules files directly inside `dir` (extensions in any
    /// case: `NOTES.TXT` is read as `NOTES.txt`).
    ///
    /// Only regular files are read. Entries that will not be (directories,
    /// FIFOs, devices, other kinds of file, symbolic links leading out of
    /// `dir`) are listed in [`Source::skipped`], not silently ignored;
    /// hidden files (`.name`) are ignored. A file over [`MAX_FILE_BYTES`],
    /// or a document whose name has no letter or digit to make a key from,
    /// is an error naming it.
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
            let (meta, open) = match entry_target(&entry, &root, follow_links) {
                Ok(target) => target,
                Err(reason) => {
                    skip(reason);
                    continue;
                }
            };
            if meta.is_dir() {
                skip("a directory".to_owned());
                continue;
            }
            if !meta.is_file() {
                skip("not a regular file (a FIFO, device or socket)".to_owned());
                continue;
            }
            if meta.len() > MAX_FILE_BYTES as u64 {
                return Err(too_big(&path, meta.len()));
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
            if let Some((other, _)) = files.iter().find(|(n, _)| *n == listed) {
                skip(format!("same name as {other} but for the case of its extension"));
                continue;
            }
            files.push((listed, Bytes::Disk(open)));
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
        match self.files.iter().find(|(n, _)| n == name) {
            Some((_, Bytes::Disk(path))) => path.clone(),
            _ => self.root.join(name),
        }
    }

    pub(crate) fn read(&self, name: &str) -> Result<Cow<'static, [u8]>> {
        match self.files.iter().find(|(n, _)| n == name).map(|(_, b)| b) {
            Some(Bytes::Static(bytes)) => Ok(Cow::Borrowed(bytes)),
            Some(Bytes::Owned(bytes)) => Ok(Cow::Owned(bytes.clone())),
            // Checked again as it is read: the listing may be stale.
            Some(Bytes::Disk(path)) => read(path).map(Cow::Owned),
            None => Err(Error::Read {
                path: self.path_of(name),
                source: std::io::ErrorKind::NotFound.into(),
            }),
        }
    }
}

include!(concat!(env!("OUT_DIR"), "/builtin_seeds.rs"));

/// One document with its facts, ready to write.
pub struct Prepared {
    /// Natural key of the document: its file stem.
    pub slug: String,
    /// Document path relative to the seed folder.
    pub path: String,
    pub title: Option<String>,
    pub sha256: String,
    pub body: String,
    pub seed: SeedFile,
}

/// A validated seed run: what to write, in order. Documents are loaded
/// again one at a time while writing ([`Plan::load`]).
pub struct Plan {
    pub documents: Vec<PlannedDocument>,
    pub vocabulary: Vocabulary,
    /// What the user should know but that stops nothing: reviewed seed
    /// files whose document was edited and whose quotes were re-anchored.
    pub notices: Vec<String>,
}

pub struct PlannedDocument {
    pub slug: String,
    /// The document file (`NAME.txt`).
    pub document: String,
    /// Its reviewed seed file, or `None` to extract the document.
    pub seed_file: Option<String>,
    /// SHA-256 of the document as validated.
    pub sha256: String,
}

impl Plan {
    /// Read one planned document again, as validated. A file edited since
    /// validation is refused (the seed transaction then rolls back).
    pub fn load(&self, source: &Source, planned: &PlannedDocument) -> Result<Prepared> {
        let doc_path = source.path_of(&planned.document);
        let bytes = source.read(&planned.document)?;
        let article = article(&doc_path, &planned.document, &bytes)?;
        let body = article.text.as_str();
        let sha256 = article.sha256.clone();
        if sha256 != planned.sha256 {
            return Err(Error::invalid_seed(
                &doc_path,
                None,
                "the document changed while it was being seeded",
            ));
        }
        let seed = match &planned.seed_file {
            Some(name) => {
                let path = source.path_of(name);
                let bytes = source.read(name)?;
                let json = utf8(&path, &bytes)?;
                reviewed_seed(&path, json, parse_seed(&path, json)?, body, &sha256)?.0
            }
            None => extract::extract(&article, &planned.document, &self.vocabulary),
        };
        Ok(Prepared {
            slug: planned.slug.clone(),
            path: planned.document.clone(),
            title: seed.document.title.clone(),
            sha256,
            body: body.to_owned(),
            seed,
        })
    }
}

/// Validate a whole source: every seed file parses, names its document, and
/// quotes it verbatim; documents without a seed file are extracted and
/// checked. Nothing is kept but the plan.
pub fn prepare(source: &Source) -> Result<Plan> {
    let mut vocabulary = Vocabulary::builtin();
    let mut texts: BTreeMap<&str, &str> = BTreeMap::new();
    let mut seeds: Vec<&str> = Vec::new();
    let mut rules = None;
    for name in source.file_names() {
        if name == VOCABULARY_FILE {
            vocabulary.merge(parse_vocabulary(&source.path_of(name), &source.read(name)?)?);
        } else if name == RULES_FILE {
            rules = Some(name);
        } else if name == crate::codes::CODES_FILE {
            // Checked here so a bad file stops the run before any write.
            crate::codes::Rules::of_source(source)?;
        } else if Format::of_name(name).is_some() {
            let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
            if let Some(other) = texts.insert(stem, name) {
                return Err(Error::invalid_seed(
                    source.path_of(name),
                    None,
                    format!("{other} is the same article's name; keep one of the two"),
                ));
            }
        } else {
            seeds.push(name);
        }
    }

    if let Some(name) = rules {
        add_rules(&mut vocabulary, &source.path_of(name), &source.read(name)?)?;
    }
    let mut documents: Vec<PlannedDocument> = Vec::new();
    let mut notices = Vec::new();
    let mut covered: BTreeMap<String, String> = BTreeMap::new();
    for name in seeds {
        let path = source.path_of(name);
        let bytes = source.read(name)?;
        let json = utf8(&path, &bytes)?;
        let seed = parse_seed(&path, json)?;
        let doc_name = seed.document.path.clone();
        let at = |needle: &str| json.find(needle).map(|i| line_of(json, i));
        let doc_line = at(&format!(
            "\"path\": {}",
            serde_json::to_string(&doc_name).unwrap_or_default()
        ));
        if doc_name.contains('/') || doc_name.contains('\\') || Format::of_name(&doc_name).is_none() {
            return Err(Error::invalid_seed(
                &path,
                doc_line,
                format!("document.path '{doc_name}' must name a .txt, .md or .html file in the same folder"),
            ));
        }
        let stem = doc_name
            .rsplit_once('.')
            .map_or(doc_name.as_str(), |(stem, _)| stem);
        if !texts.contains_key(stem) {
            return Err(Error::invalid_seed(
                &path,
                doc_line,
                format!("document '{doc_name}' is not in {}", source.root.display()),
            ));
        }
        if let Some(other) = covered.insert(stem.to_owned(), name.to_owned()) {
            return Err(Error::invalid_seed(
                &path,
                doc_line,
                format!("document '{doc_name}' is already described by {other}"),
            ));
        }
        let doc_path = source.path_of(&doc_name);
        let doc_bytes = source.read(&doc_name)?;
        let article = article(&doc_path, &doc_name, &doc_bytes)?;
        let sha = article.sha256.clone();
        let (_, drift) = reviewed_seed(&path, json, seed, &article.text, &sha)?;
        if let Some(drift) = drift {
            notices.push(drift.notice(&path, &doc_path));
        }
        documents.push(PlannedDocument {
            slug: slugify(stem),
            document: doc_name.clone(),
            seed_file: Some(name.to_owned()),
            sha256: sha,
        });
    }

    // A document dropped in without a reviewed seed file is extracted.
    for (stem, doc_name) in &texts {
        if covered.contains_key(*stem) {
            continue;
        }
        let doc_path = source.path_of(doc_name);
        let bytes = source.read(doc_name)?;
        let article = article(&doc_path, doc_name, &bytes)?;
        let extraction = extract::extract_with(&article, doc_name, &vocabulary, &Default::default());
        let seed = extraction.seed;
        if extraction.signal == Some(extract::Signal::FileName) {
            notices.push(format!(
                "{}: the condition's name '{}' comes only from the file name; check it, or review the article with \
                 `kb extract {} --condition NAME -o {}.json`",
                doc_path.display(),
                seed.conditions.first().map_or("", |c| c.name.as_str()),
                doc_path.display(),
                doc_path.with_extension("").display(),
            ));
        }
        // Nothing lost: an article kb cannot read facts from is still
        // stored (and searchable), with a word on what to do.
        if seed.conditions.is_empty() {
            notices.push(format!(
                "{}: no condition found, so no facts were read; the article is stored and searchable. \
                 Name its condition with `kb extract {} --condition NAME -o {}.json`, review that file, \
                 and seed again",
                doc_path.display(),
                doc_path.display(),
                doc_path.with_extension("").display(),
            ));
        }
        validate(&doc_path, "", &seed, &article.text)?;
        documents.push(PlannedDocument {
            slug: slugify(stem),
            document: doc_name.to_string(),
            seed_file: None,
            sha256: seed.document.sha256.clone(),
        });
    }
    documents.sort_by(|a, b| a.slug.cmp(&b.slug));
    if let Some(clash) = documents.windows(2).find(|w| w[0].slug == w[1].slug) {
        return Err(Error::invalid_seed(
            source.path_of(&clash[1].document),
            None,
            format!(
                "its name reduces to the same key '{}' as {}",
                clash[1].slug, clash[0].document
            ),
        ));
    }
    Ok(Plan {
        documents,
        vocabulary,
        notices,
    })
}

/// The built-in vocabulary extended by the TOML file at `path`.
pub fn read_vocabulary(path: &Path) -> Result<Vocabulary> {
    let bytes = read(path)?;
    let mut vocabulary = Vocabulary::builtin();
    vocabulary.merge(parse_vocabulary(path, &bytes)?);
    Ok(vocabulary)
}

/// Extend a vocabulary's extraction rules with the rules file at `path`.
pub fn extend_rules(vocabulary: &mut Vocabulary, path: &Path) -> Result<()> {
    add_rules(vocabulary, path, &read(path)?)
}

fn add_rules(vocabulary: &mut Vocabulary, path: &Path, bytes: &[u8]) -> Result<()> {
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
    let bytes = read(path)?;
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
fn article(path: &Path, name: &str, bytes: &[u8]) -> Result<Document> {
    let text = document_text(path, bytes)?;
    Ok(Document::parse(
        text,
        Format::of_name(name).unwrap_or(Format::Text),
    ))
}

/// A document's text, checked like `kb seed` checks it.
pub fn read_document(path: &Path) -> Result<String> {
    let bytes = read(path)?;
    document_text(path, &bytes).map(str::to_owned)
}

/// The bytes of a regular file of at most [`MAX_FILE_BYTES`]. The type and
/// size are checked before reading (a FIFO would block, `/dev/zero` never
/// end), and the read itself stops past the limit, should the file grow.
fn read(path: &Path) -> Result<Vec<u8>> {
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

fn parse_vocabulary(path: &Path, bytes: &[u8]) -> Result<Vocabulary> {
    let text = utf8(path, bytes)?;
    Vocabulary::from_toml_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start));
        Error::invalid_seed(path, line, e.message().to_owned())
    })
}

fn utf8<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str> {
    std::str::from_utf8(bytes).map_err(|e| {
        let line = line_of_bytes(bytes, e.valid_up_to());
        Error::invalid_seed(path, Some(line), "not UTF-8 text (is this a binary file?)")
    })
}

fn document_text<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str> {
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
    // Check the format version first, so a newer file is reported as such
    // rather than as a confusing shape error.
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(json) {
        if let Some(v) = map.get("format").and_then(|v| v.as_u64()) {
            if v != u64::from(SEED_FORMAT) {
                let line = json.find("\"format\"").map(|i| line_of(json, i));
                return Err(Error::invalid_seed(
                    path,
                    line,
                    format!("seed format {v} is not supported (this kb reads format {SEED_FORMAT})"),
                ));
            }
        }
    }
    serde_json::from_str(json).map_err(|e| Error::InvalidSeed {
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

    fn notice(&self, seed_path: &Path, doc_path: &Path) -> String {
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
fn validate(path: &Path, json: &str, seed: &SeedFile, body: &str) -> Result<()> {
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

use crate::text::line_of_bytes;
pub use crate::text::{line_of, sha256_hex, slugify};

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
