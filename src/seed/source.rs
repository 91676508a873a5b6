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
    /// File names, sorted (see [`Names`]).
    names: Names,
    /// Where the bytes of the files not at `root/name` come from, by their
    /// index in `names`, sorted: none for a plain folder.
    elsewhere: Vec<(u32, Bytes)>,
    /// Folder entries left unread, for the user to see.
    skipped: Vec<Skipped>,
    /// Bytes read from disk so far (see [`Source::bytes_read`]).
    read: std::sync::atomic::AtomicU64,
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

/// Names end to end in one buffer, with where each ends (a source's file
/// names, sorted): for
/// 200,000 files about 5 MiB, where a `String` (and an entry) per name
/// took about 20 MiB of a 100,000-article seed's peak. A seed keeps the
/// keys of the documents it has been through the same way (`seed::write`).
#[derive(Default)]
pub(super) struct Names {
    text: String,
    ends: Vec<u32>,
}

impl Names {
    /// Room for `count` names before any is added.
    pub(super) fn with_capacity(count: usize) -> Names {
        Names {
            text: String::new(),
            ends: Vec::with_capacity(count),
        }
    }

    pub(super) fn push(&mut self, name: &str) {
        self.text.push_str(name);
        self.ends
            .push(u32::try_from(self.text.len()).expect("file names under 4 GiB in all"));
    }

    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(super) fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Whether the names are in sorted order.
    pub(super) fn is_sorted(&self) -> bool {
        (1..self.len()).all(|i| self.get(i - 1) <= self.get(i))
    }

    /// The same names in sorted order.
    pub(super) fn sorted(&self) -> Names {
        let mut order: Vec<u32> = (0..self.len() as u32).collect();
        order.sort_unstable_by(|a, b| self.get(*a as usize).cmp(self.get(*b as usize)));
        let mut sorted = Names {
            text: String::with_capacity(self.text.len()),
            ends: Vec::with_capacity(self.len()),
        };
        for i in order {
            sorted.push(self.get(i as usize));
        }
        sorted
    }

    /// The index of `name`, by binary search (a linear search made seeding
    /// quadratic).
    pub(super) fn find(&self, name: &str) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.get(mid).cmp(name) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }
}

/// What every file of a plain folder is.
static IN_ROOT: Bytes = Bytes::InRoot;

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
        // Names in the folder's order, then sorted below.
        let mut given = Names::default();
        // Files not at `root/name`, by index in `given`, with their entry.
        let mut moved: Vec<(u32, Bytes, PathBuf)> = Vec::new();
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
            if open != dir.join(&listed) {
                moved.push((given.len() as u32, Bytes::Disk(open), path.clone()));
            }
            given.push(&listed);
        }
        // A stable sort: of two names equal but for the case of their
        // extension, the one listed first is read, the other skipped.
        let mut order: Vec<u32> = (0..given.len() as u32).collect();
        order.sort_by(|a, b| given.get(*a as usize).cmp(given.get(*b as usize)));
        let mut moved: std::collections::HashMap<u32, (Bytes, PathBuf)> = moved
            .into_iter()
            .map(|(i, bytes, path)| (i, (bytes, path)))
            .collect();
        let mut names = Names {
            text: String::with_capacity(given.text.len()),
            ends: Vec::with_capacity(given.len()),
        };
        let mut elsewhere = Vec::new();
        for i in order {
            let name = given.get(i as usize);
            let entry = moved.remove(&i);
            if names.len() > 0 && names.get(names.len() - 1) == name {
                skipped.push(Skipped {
                    path: entry.map_or_else(|| dir.join(name), |(_, path)| path),
                    reason: format!("same name as {name} but for the case of its extension"),
                });
                continue;
            }
            if let Some((bytes, _)) = entry {
                elsewhere.push((names.len() as u32, bytes));
            }
            names.push(name);
        }
        skipped.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Source {
            root: dir.to_owned(),
            names,
            elsewhere,
            skipped,
            read: Default::default(),
        })
    }

    /// How many bytes of files on disk this source has read so far: what
    /// shows that a reseed skipped unchanged files without reading them.
    pub fn bytes_read(&self) -> u64 {
        self.read.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Entries of the folder that were not read, with why.
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    /// The seeds shipped in the binary (the project's `seeds/` at build time).
    pub fn builtin() -> Source {
        let files = BUILTIN_SEEDS
            .iter()
            .map(|(name, bytes)| (name.to_string(), Bytes::Static(bytes)))
            .collect();
        Source::in_memory(PathBuf::from("<built-in seeds>"), files)
    }

    /// Files held in memory, as (file name, contents); `root` names the
    /// source in messages.
    pub fn from_files(root: impl Into<PathBuf>, files: Vec<(String, Vec<u8>)>) -> Source {
        let files = files.into_iter().map(|(n, b)| (n, Bytes::Owned(b))).collect();
        Source::in_memory(root.into(), files)
    }

    /// A source of files whose bytes are all at hand; of two files with
    /// one name, the first is kept.
    fn in_memory(root: PathBuf, mut files: Vec<(String, Bytes)>) -> Source {
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files.dedup_by(|a, b| a.0 == b.0);
        let mut names = Names::default();
        let mut elsewhere = Vec::with_capacity(files.len());
        for (name, bytes) in files {
            elsewhere.push((names.len() as u32, bytes));
            names.push(&name);
        }
        Source {
            root,
            names,
            elsewhere,
            skipped: Vec::new(),
            read: Default::default(),
        }
    }

    /// Names of the files in this source, sorted.
    pub fn file_names(&self) -> impl Iterator<Item = &str> {
        self.names.iter()
    }

    /// The name of file `i` of [`Source::file_names`].
    pub(crate) fn file_name(&self, i: usize) -> &str {
        self.names.get(i)
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
        let i = self.names.find(name)? as u32;
        match self.elsewhere.binary_search_by_key(&i, |(at, _)| *at) {
            Ok(at) => Some(&self.elsewhere[at].1),
            Err(_) => Some(&IN_ROOT),
        }
    }

    pub(crate) fn read(&self, name: &str) -> Result<Cow<'_, [u8]>> {
        self.read_with_stat(name).map(|(bytes, _)| bytes)
    }

    /// The metadata of a file on disk that says whether it changed (see
    /// [`FileStat`]); `None` for files held in memory or built in, and for
    /// a file that cannot be looked at (reading it reports why).
    pub(crate) fn stat(&self, name: &str) -> Option<FileStat> {
        let meta = match self.file(name)? {
            Bytes::Disk(path) => std::fs::metadata(path),
            Bytes::InRoot => std::fs::metadata(self.root.join(name)),
            Bytes::Static(_) | Bytes::Owned(_) => return None,
        };
        meta.ok().map(|m| FileStat::of(&m))
    }

    /// [`Source::read`], with the file's metadata as it was before it was
    /// read when that metadata can stand for these bytes later (see
    /// [`FileStat::trusted`]).
    pub(crate) fn read_with_stat(&self, name: &str) -> Result<(Cow<'_, [u8]>, Option<FileStat>)> {
        match self.file(name) {
            Some(Bytes::Static(bytes)) => Ok((Cow::Borrowed(bytes), None)),
            Some(Bytes::Owned(bytes)) => Ok((Cow::Borrowed(bytes), None)),
            // Checked again as it is read: the listing may be stale.
            Some(Bytes::Disk(path)) => self.counted(read(path)),
            Some(Bytes::InRoot) => self.counted(read(&self.root.join(name))),
            None => Err(Error::Read {
                path: self.path_of(name),
                source: std::io::ErrorKind::NotFound.into(),
            }),
        }
    }
}

impl Source {
    fn counted(
        &self,
        read: Result<(Vec<u8>, Option<FileStat>)>,
    ) -> Result<(Cow<'_, [u8]>, Option<FileStat>)> {
        let (bytes, stat) = read?;
        self.read
            .fetch_add(bytes.len() as u64, std::sync::atomic::Ordering::Relaxed);
        Ok((Cow::Owned(bytes), stat))
    }
}

/// What says a file on disk changed without reading it, as git's index
/// keeps it: size, modification and change times in nanoseconds, inode and
/// device. The change time cannot be set back by anyone, so an edit that
/// restores the old modification time is still seen; a file replaced by
/// another has another inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FileStat {
    len: u64,
    modified_ns: i128,
    changed_ns: i128,
    inode: u64,
    device: u64,
}

/// How long after its last change a file's metadata is trusted. A second
/// change within the file system's timestamp granularity (nanoseconds on
/// Linux's usual file systems, but stamped from a clock that lags by up to
/// a timer tick; a second or two on others) can leave every field equal:
/// git calls such an entry "racily clean" and reads it again. Two seconds
/// covers the coarsest common granularity.
const RACY_MARGIN_NS: i128 = 2_000_000_000;

impl FileStat {
    #[cfg(unix)]
    fn of(meta: &std::fs::Metadata) -> FileStat {
        use std::os::unix::fs::MetadataExt;
        let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
        FileStat {
            len: meta.len(),
            modified_ns: ns(meta.mtime(), meta.mtime_nsec()),
            changed_ns: ns(meta.ctime(), meta.ctime_nsec()),
            inode: meta.ino(),
            device: meta.dev(),
        }
    }

    #[cfg(not(unix))]
    fn of(meta: &std::fs::Metadata) -> FileStat {
        let ns = |t: std::io::Result<std::time::SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i128)
        };
        FileStat {
            len: meta.len(),
            modified_ns: ns(meta.modified()),
            // No change time or inode here: the creation time is the best
            // stand-in, and the modification time must then be trusted.
            changed_ns: ns(meta.created()),
            inode: 0,
            device: 0,
        }
    }

    /// This metadata, when the file's last change was long enough before
    /// `read_at` (the clock just before its bytes were read) that any later
    /// change must give it another modification or change time; `None`
    /// otherwise, and for a time in the future.
    fn trusted(self, read_at: std::time::SystemTime) -> Option<FileStat> {
        let now = read_at.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos() as i128;
        let last = self.modified_ns.max(self.changed_ns);
        (last + RACY_MARGIN_NS < now).then_some(self)
    }

    /// The fields as bytes, for a fingerprint.
    pub(crate) fn bytes(&self) -> [u8; 56] {
        let mut out = [0; 56];
        out[..8].copy_from_slice(&self.len.to_le_bytes());
        out[8..24].copy_from_slice(&self.modified_ns.to_le_bytes());
        out[24..40].copy_from_slice(&self.changed_ns.to_le_bytes());
        out[40..48].copy_from_slice(&self.inode.to_le_bytes());
        out[48..].copy_from_slice(&self.device.to_le_bytes());
        out
    }
}

include!(concat!(env!("OUT_DIR"), "/builtin_seeds.rs"));

/// The bytes of a regular file of at most [`MAX_FILE_BYTES`]. The type and
/// size are checked before reading (a FIFO would block, `/dev/zero` never
/// end), and the read itself stops past the limit, should the file grow.
/// With the bytes, the opened file's metadata from before they were read,
/// when it can be trusted to stand for them ([`FileStat::trusted`]).
pub(super) fn read(path: &Path) -> Result<(Vec<u8>, Option<FileStat>)> {
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
    let read_at = std::time::SystemTime::now();
    let file = std::fs::File::open(path).map_err(io)?;
    // Replaced between the two looks? Check what was opened.
    let opened = file.metadata().map_err(io)?;
    if !opened.is_file() {
        return Err(not_a_file());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_big(path, bytes.len() as u64));
    }
    Ok((bytes, FileStat::of(&opened).trusted(read_at)))
}

#[cfg(test)]
#[path = "source_tests.rs"]
mod tests;
