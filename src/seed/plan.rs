//! A seed run's plan and its single pass over the documents.
//!
//! The plan is made from file names alone (which articles, which seed
//! files, whether two names clash) plus the small vocabulary and rules
//! files. The pass then takes one document at a time: read once, checked
//! against its reviewed seed file or extracted, validated, handed to the
//! writer and dropped, so memory does not grow with the corpus. A document
//! whose inputs are all unchanged since the last seed ([`Known`]) is skipped
//! after its bytes are hashed, before anything parses it.

use super::anchor::{reviewed_seed, validate};
use super::input::{add_rules, article, parse_seed, parse_vocabulary, reviewed_body, utf8};
use super::source::{FileStat, Names, Source, RULES_FILE, VOCABULARY_FILE};
use crate::document::Format;
use crate::error::{Error, Result};
use crate::extract::{self, Vocabulary};
use crate::model::SeedFile;
use crate::text::{line_of, sha256_hex, slugify};

/// Fingerprint of this build's document reader and extractor (build.rs).
const EXTRACTOR_BUILD: &str = include!(concat!(env!("OUT_DIR"), "/extractor_build.rs"));

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
    /// What the rows are written from (stored in `document_input`).
    pub inputs: Inputs,
}

/// The inputs behind one document's rows, as `document_input` keeps them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inputs {
    pub seed_file: Option<String>,
    /// SHA-256 over every input (see [`Plan::fingerprint`]).
    pub sha256: String,
    /// The same over the files' metadata instead of their bytes, when it
    /// can be trusted (see [`Plan::stat_fingerprint`]).
    pub stat_sha256: Option<String>,
    /// Notices the document gave, repeated when it is skipped.
    pub notices: Vec<String>,
}

/// What the database holds about a document's last inputs; `None`
/// everywhere when there is no database to compare with (validation alone).
pub(crate) trait Known {
    /// The document last written from the seed file `name`: its file name
    /// and its stored inputs.
    fn by_seed_file(&mut self, name: &str) -> Result<Option<(String, Stored)>>;
    /// The stored inputs of the document with this slug.
    fn by_slug(&mut self, slug: &str) -> Result<Option<Stored>>;
}

/// A document's inputs as stored.
pub(crate) struct Stored {
    pub(crate) sha256: String,
    /// `None` when not kept (see `document_input.stat_sha256`).
    pub(crate) stat_sha256: Option<String>,
    pub(crate) notices: Vec<String>,
}

/// Nothing known: every document is read.
pub(crate) struct NothingKnown;

impl Known for NothingKnown {
    fn by_seed_file(&mut self, _: &str) -> Result<Option<(String, Stored)>> {
        Ok(None)
    }
    fn by_slug(&mut self, _: &str) -> Result<Option<Stored>> {
        Ok(None)
    }
}

/// One step of the pass.
pub(crate) enum Next {
    /// Inputs unchanged: the rows in the database stand.
    Skipped {
        slug: String,
        notices: Vec<String>,
        /// The files' metadata fingerprint, when the files were read (their
        /// metadata had changed, their bytes had not) and it can now be
        /// kept: stored only if the run writes anyway, so that a run with
        /// nothing to do still writes nothing.
        refresh: Option<String>,
    },
    Prepared(Box<Prepared>),
}

/// A seed run: which documents, and what they are read with.
pub struct Plan<'s> {
    source: &'s Source,
    /// The articles, as indices into the source's listing, sorted by stem
    /// (a map of stems and names was megabytes at 100,000 articles).
    texts: Vec<u32>,
    /// Seed files, as indices into the listing, in name order.
    seeds: Vec<u32>,
    pub(crate) vocabulary: Vocabulary,
    /// SHA-256 of the vocabulary and rules files (empty for none).
    pub(crate) vocabulary_sha256: String,
}

impl<'s> Plan<'s> {
    /// Plan a run from the names in `source` and its vocabulary and rules
    /// files; an article name clash or a bad vocabulary, rules or codes file
    /// is an error here, before any document is read.
    pub fn new(source: &'s Source) -> Result<Plan<'s>> {
        let mut vocabulary = Vocabulary::builtin();
        let mut texts: Vec<u32> = Vec::new();
        let mut seeds: Vec<u32> = Vec::new();
        let mut rules = None;
        // The vocabulary's digest covers the built-in one too (this build).
        let mut digest = EXTRACTOR_BUILD.as_bytes().to_vec();
        for (i, name) in source.file_names().enumerate() {
            let i = i as u32;
            if name == VOCABULARY_FILE {
                let bytes = source.read(name)?;
                vocabulary.merge(parse_vocabulary(&source.path_of(name), &bytes)?);
                digest.extend_from_slice(sha256_hex(&bytes).as_bytes());
            } else if name == RULES_FILE {
                rules = Some(name);
            } else if name == crate::codes::CODES_FILE {
                // Checked here so a bad file stops the run before any write.
                crate::codes::Rules::of_source(source)?;
            } else if Format::of_name(name).is_some() {
                texts.push(i);
            } else {
                seeds.push(i);
            }
        }
        // A stable sort: of two articles with one stem, the first by name
        // comes first.
        let stem = |i: &u32| stem_of(source.file_name(*i as usize));
        texts.sort_by(|a, b| stem(a).cmp(stem(b)));
        if let Some(w) = texts.windows(2).find(|w| stem(&w[0]) == stem(&w[1])) {
            let (other, name) = (source.file_name(w[0] as usize), source.file_name(w[1] as usize));
            return Err(Error::invalid_seed(
                source.path_of(name),
                None,
                format!("{other} is the same article's name; keep one of the two"),
            ));
        }
        if let Some(name) = rules {
            let bytes = source.read(name)?;
            add_rules(&mut vocabulary, &source.path_of(name), &bytes)?;
            digest.extend_from_slice(b"|rules|");
            digest.extend_from_slice(sha256_hex(&bytes).as_bytes());
        }
        // Two articles whose names reduce to one key: found from the names.
        let mut slugs: Vec<(String, &str)> = texts
            .iter()
            .map(|i| {
                let name = source.file_name(*i as usize);
                (slugify(stem_of(name)), name)
            })
            .collect();
        slugs.sort();
        if let Some(clash) = slugs.windows(2).find(|w| w[0].0 == w[1].0) {
            return Err(Error::invalid_seed(
                source.path_of(clash[1].1),
                None,
                format!(
                    "its name reduces to the same key '{}' as {}",
                    clash[1].0, clash[0].1
                ),
            ));
        }
        Ok(Plan {
            source,
            texts,
            seeds,
            vocabulary,
            vocabulary_sha256: sha256_hex(&digest),
        })
    }

    /// How many documents the run has.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    /// The keys of the run's documents, sorted: one per article (the pass
    /// yields each article once, under this key), in one buffer.
    pub(crate) fn keys(&self) -> Names {
        let mut keys = Names::with_capacity(self.texts.len());
        for at in 0..self.texts.len() {
            keys.push(&slugify(self.text(at).0));
        }
        // Already sorted unless slugging reorders two stems.
        if keys.is_sorted() {
            keys
        } else {
            keys.sorted()
        }
    }

    /// The stem and file name of article `at` (in stem order).
    fn text(&self, at: usize) -> (&'s str, &'s str) {
        let name = self.source.file_name(self.texts[at] as usize);
        (stem_of(name), name)
    }

    /// Where the article with this stem is (see [`Plan::text`]).
    fn find_text(&self, stem: &str) -> Option<usize> {
        self.texts
            .binary_search_by(|i| stem_of(self.source.file_name(*i as usize)).cmp(stem))
            .ok()
    }

    /// The documents, one at a time: first those with a reviewed seed file
    /// (in the seed files' name order), then the others, extracted (in name
    /// order).
    pub(crate) fn pass(&self) -> Pass<'_, 's> {
        Pass {
            plan: self,
            next_seed: 0,
            next_text: 0,
            covered: vec![NOT_COVERED; self.texts.len()],
        }
    }

    /// SHA-256 over everything a document's rows depend on: this build's
    /// reader and extractor, the document's name, place and bytes, the seed
    /// file's, and for an extracted document the vocabulary and rules.
    /// One hash over all of them: no digest of a part is formatted.
    fn fingerprint(&self, doc: (&str, &[u8]), seed: Option<(&str, &[u8])>) -> String {
        use sha2::{Digest, Sha256};
        let mut hash = Sha256::new();
        let mut part = |s: &[u8]| {
            hash.update((s.len() as u64).to_le_bytes());
            hash.update(s);
        };
        part(EXTRACTOR_BUILD.as_bytes());
        part(self.source.path_of(doc.0).as_os_str().as_encoded_bytes());
        part(doc.0.as_bytes());
        part(doc.1);
        match seed {
            Some((name, bytes)) => {
                part(self.source.path_of(name).as_os_str().as_encoded_bytes());
                part(name.as_bytes());
                part(bytes);
            }
            None => part(self.vocabulary_sha256.as_bytes()),
        }
        hex(&hash.finalize())
    }

    /// [`Plan::fingerprint`] with each file's metadata ([`FileStat`]) in
    /// place of its bytes: equal to the stored one, the files are taken as
    /// unchanged without reading them, as git's index does.
    fn stat_fingerprint(&self, doc: (&str, FileStat), seed: Option<(&str, FileStat)>) -> String {
        use sha2::{Digest, Sha256};
        let mut hash = Sha256::new();
        let mut part = |s: &[u8]| {
            hash.update((s.len() as u64).to_le_bytes());
            hash.update(s);
        };
        part(b"stat");
        part(EXTRACTOR_BUILD.as_bytes());
        part(self.source.path_of(doc.0).as_os_str().as_encoded_bytes());
        part(doc.0.as_bytes());
        part(&doc.1.bytes());
        match seed {
            Some((name, stat)) => {
                part(self.source.path_of(name).as_os_str().as_encoded_bytes());
                part(name.as_bytes());
                part(&stat.bytes());
            }
            None => part(self.vocabulary_sha256.as_bytes()),
        }
        hex(&hash.finalize())
    }

    /// The stat fingerprint of files whose metadata was taken as they were
    /// read: `None` unless every one can be trusted.
    fn read_stat_fingerprint(
        &self,
        doc: (&str, Option<FileStat>),
        seed: Option<(&str, Option<FileStat>)>,
    ) -> Option<String> {
        let doc = (doc.0, doc.1?);
        let seed = match seed {
            Some((name, stat)) => Some((name, stat?)),
            None => None,
        };
        Some(self.stat_fingerprint(doc, seed))
    }

    /// Whether the files' metadata now gives the stored stat fingerprint.
    fn unchanged_by_stat(&self, stored: &Stored, doc: &str, seed: Option<&str>) -> bool {
        let Some(held) = &stored.stat_sha256 else {
            return false;
        };
        let Some(doc_stat) = self.source.stat(doc) else {
            return false;
        };
        let seed = match seed {
            Some(name) => match self.source.stat(name) {
                Some(stat) => Some((name, stat)),
                None => return false,
            },
            None => None,
        };
        self.stat_fingerprint((doc, doc_stat), seed) == *held
    }
}

/// Lower-case hexadecimal of a digest.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

/// The pass over a plan's documents (see [`Plan::pass`]).
pub(crate) struct Pass<'p, 's> {
    plan: &'p Plan<'s>,
    next_seed: usize,
    next_text: usize,
    /// For each article (in stem order), the listing index of the seed
    /// file that described it, or [`NOT_COVERED`].
    covered: Vec<u32>,
}

/// An article no seed file has described (yet).
const NOT_COVERED: u32 = u32::MAX;

impl<'s> Pass<'_, 's> {
    /// The next document, skipped or prepared; `None` when all are done.
    pub(crate) fn next(&mut self, known: &mut dyn Known) -> Result<Option<Next>> {
        let plan = self.plan;
        if let Some(&seed) = plan.seeds.get(self.next_seed) {
            self.next_seed += 1;
            return self.reviewed(seed, known).map(Some);
        }
        while self.next_text < plan.texts.len() {
            let at = self.next_text;
            self.next_text += 1;
            if self.covered[at] == NOT_COVERED {
                let (stem, name) = plan.text(at);
                return self.extracted(stem, name, known).map(Some);
            }
        }
        Ok(None)
    }

    /// A document described by the reviewed seed file `name`.
    fn reviewed(&mut self, seed_at: u32, known: &mut dyn Known) -> Result<Next> {
        let plan = self.plan;
        let source = plan.source;
        let name = source.file_name(seed_at as usize);
        let path = source.path_of(name);
        // Skipped when the seed file names the same document as last time
        // (so it need not be parsed to find out which) and nothing changed:
        // by the files' metadata alone, else by their bytes.
        let mut doc_read = None;
        let mut seed_read = None;
        if let Some((doc_name, stored)) = known.by_seed_file(name)? {
            if let Some(at) = plan.find_text(stem_of(&doc_name)) {
                let (stem, listed) = plan.text(at);
                if listed == doc_name && self.covered[at] == NOT_COVERED {
                    if plan.unchanged_by_stat(&stored, listed, Some(name)) {
                        self.covered[at] = seed_at;
                        return Ok(Next::Skipped {
                            slug: slugify(stem),
                            notices: stored.notices,
                            refresh: None,
                        });
                    }
                    let (bytes, seed_stat) = source.read_with_stat(name)?;
                    let (doc_bytes, doc_stat) = source.read_with_stat(listed)?;
                    if plan.fingerprint((listed, &doc_bytes), Some((name, &bytes))) == stored.sha256 {
                        self.covered[at] = seed_at;
                        let stat = plan.read_stat_fingerprint((listed, doc_stat), Some((name, seed_stat)));
                        return Ok(Next::Skipped {
                            slug: slugify(stem),
                            notices: stored.notices,
                            refresh: stat.filter(|s| stored.stat_sha256.as_ref() != Some(s)),
                        });
                    }
                    doc_read = Some((doc_name, doc_bytes, doc_stat));
                    seed_read = Some((bytes, seed_stat));
                }
            }
        }
        let (bytes, seed_stat) = match seed_read {
            Some(read) => read,
            None => source.read_with_stat(name)?,
        };
        let json = utf8(&path, &bytes)?;
        let seed = parse_seed(&path, json)?;
        let doc_name = seed.document.path.clone();
        let at = |needle: &str| json.find(needle).map(|i| line_of(json, i));
        let doc_line = || {
            at(&format!(
                "\"path\": {}",
                serde_json::to_string(&doc_name).unwrap_or_default()
            ))
        };
        if doc_name.contains('/') || doc_name.contains('\\') || Format::of_name(&doc_name).is_none() {
            return Err(Error::invalid_seed(
                &path,
                doc_line(),
                format!("document.path '{doc_name}' must name a .txt, .md or .html file in the same folder"),
            ));
        }
        let Some(at) = plan.find_text(stem_of(&doc_name)) else {
            return Err(Error::invalid_seed(
                &path,
                doc_line(),
                format!("document '{doc_name}' is not in {}", source.root.display()),
            ));
        };
        let stem = plan.text(at).0;
        if self.covered[at] != NOT_COVERED {
            let other = source.file_name(self.covered[at] as usize);
            return Err(Error::invalid_seed(
                &path,
                doc_line(),
                format!("document '{doc_name}' is already described by {other}"),
            ));
        }
        self.covered[at] = seed_at;
        let doc_path = source.path_of(&doc_name);
        let (doc_bytes, doc_stat) = match doc_read {
            Some((read_name, doc_bytes, doc_stat)) if read_name == doc_name => (doc_bytes, doc_stat),
            _ => source.read_with_stat(&doc_name)?,
        };
        let inputs = plan.fingerprint((&doc_name, &doc_bytes), Some((name, &bytes)));
        let stat_sha256 = plan.read_stat_fingerprint((&doc_name, doc_stat), Some((name, seed_stat)));
        let (body, sha256) = reviewed_body(&doc_path, &doc_name, doc_bytes)?;
        let (seed, drift) = reviewed_seed(&path, json, seed, &body, &sha256)?;
        let notices = drift.map(|d| d.notice(&path, &doc_path)).into_iter().collect();
        Ok(Next::Prepared(Box::new(Prepared {
            slug: slugify(stem),
            path: doc_name,
            title: seed.document.title.clone(),
            sha256,
            body,
            seed,
            inputs: Inputs {
                seed_file: Some(name.to_owned()),
                sha256: inputs,
                stat_sha256,
                notices,
            },
        })))
    }

    /// A document no seed file describes: extracted.
    fn extracted(&mut self, stem: &str, name: &str, known: &mut dyn Known) -> Result<Next> {
        let plan = self.plan;
        let source = plan.source;
        let slug = slugify(stem);
        let stored = known.by_slug(&slug)?;
        if let Some(stored) = stored.as_ref().filter(|s| plan.unchanged_by_stat(s, name, None)) {
            return Ok(Next::Skipped {
                slug,
                notices: stored.notices.clone(),
                refresh: None,
            });
        }
        let (bytes, stat) = source.read_with_stat(name)?;
        let inputs = plan.fingerprint((name, &bytes), None);
        let stat_sha256 = plan.read_stat_fingerprint((name, stat), None);
        if let Some(stored) = stored {
            if stored.sha256 == inputs {
                return Ok(Next::Skipped {
                    slug,
                    notices: stored.notices,
                    refresh: stat_sha256.filter(|s| stored.stat_sha256.as_ref() != Some(s)),
                });
            }
        }
        let doc_path = source.path_of(name);
        let document = article(&doc_path, name, &bytes)?;
        drop(bytes);
        let extraction = extract::extract_with(&document, name, &plan.vocabulary, &Default::default());
        let seed = extraction.seed;
        let mut notices = Vec::new();
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
        validate(&doc_path, "", &seed, &document.text)?;
        Ok(Next::Prepared(Box::new(Prepared {
            slug,
            path: name.to_owned(),
            title: seed.document.title.clone(),
            sha256: document.sha256,
            body: document.text,
            seed,
            inputs: Inputs {
                seed_file: None,
                sha256: inputs,
                stat_sha256,
                notices,
            },
        })))
    }
}

fn stem_of(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// Validate a whole source as a seed run would, writing nothing.
pub(crate) fn validate_source(source: &Source) -> Result<()> {
    let plan = Plan::new(source)?;
    let mut pass = plan.pass();
    while pass.next(&mut NothingKnown)?.is_some() {}
    Ok(())
}
