//! The seed input API a tool or the CLI uses, in one place: reading a
//! folder ([`Source`]), one article, a vocabulary or rules file, as `kb seed`
//! reads them. The parts live in `source` (files), `input` (parsing) and
//! `anchor` (seed files checked against their documents).

pub use super::input::{extend_rules, read_article, read_document, read_vocabulary};
pub use super::source::{Skipped, Source, MAX_FILE_BYTES, RULES_FILE, VOCABULARY_FILE};
pub use crate::text::{line_of, sha256_hex, slugify};
