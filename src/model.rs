//! The seed data format: what `kb extract` writes and `kb seed` reads.
//!
//! One JSON file per source document (`seeds/NAME.json` beside `seeds/NAME.txt`).
//! JSON because it is produced by a program, reviewed as a diff, read by any
//! tool (jq, Python) and serde_json reports the line and column of every
//! syntax or shape error. Every fact carries a [`Quote`]: the verbatim text and
//! its byte offsets in the document, so the database can always point back at
//! the sentence a fact came from.

use serde::{Deserialize, Serialize};

/// Version of the seed file format this build reads and writes.
pub const SEED_FORMAT: u32 = 1;

/// A verbatim span of a source document: `document[start..end] == text`.
///
/// Offsets are byte offsets into the document exactly as stored on disk
/// (UTF-8), so they stay valid for any client that slices the stored body.
/// A reviewer may leave them out of a seed file and give the text alone:
/// kb then finds it (it must occur exactly once) when the file is read.
/// Until then both offsets are [`Quote::UNANCHORED`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// The exact words of the document, white space and case included.
    pub text: String,
    /// Byte offset where the text starts. May be left out when the text
    /// occurs exactly once in the document; kb then works it out.
    #[serde(default = "Quote::unanchored", skip_serializing_if = "Quote::is_unanchored")]
    pub start: usize,
    /// Byte offset just past the text (start + its length in bytes). Left
    /// out together with start.
    #[serde(default = "Quote::unanchored", skip_serializing_if = "Quote::is_unanchored")]
    pub end: usize,
}

impl Quote {
    /// The offset of a quote given by its text alone, not yet found in its
    /// document.
    pub const UNANCHORED: usize = usize::MAX;

    fn unanchored() -> usize {
        Quote::UNANCHORED
    }

    fn is_unanchored(offset: &usize) -> bool {
        *offset == Quote::UNANCHORED
    }

    /// Whether the seed file gave this quote's offsets (or kb found them).
    pub fn is_anchored(&self) -> bool {
        self.start != Quote::UNANCHORED && self.end != Quote::UNANCHORED
    }
}

/// One seed file: a document and the facts derived from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SeedFile {
    /// Always [`SEED_FORMAT`]; a newer format is refused rather than misread.
    pub format: u32,
    pub document: DocumentRef,
    pub conditions: Vec<ConditionSeed>,
}

/// The source document a seed file was derived from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DocumentRef {
    /// Path of the document, relative to the seed file's folder.
    pub path: String,
    /// The document's own title (its first line), verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// SHA-256 of the document bytes at extraction time: a document edited
    /// after review is detected instead of silently mis-quoted.
    pub sha256: String,
}

/// A condition and everything the document says about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ConditionSeed {
    /// Canonical name, lower case, typos corrected ("calcinosis cutis").
    pub name: String,
    /// Where the document names the condition (usually its heading).
    pub quote: Quote,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<AliasSeed>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub types: Vec<TypeSeed>,
    /// Causes of the condition not tied to one type.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub general_causes: Vec<FactSeed>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub symptoms: Vec<FactSeed>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub treatments: Vec<TreatmentSeed>,
}

impl ConditionSeed {
    /// Every quoted statement of this condition as (what, name, quote), in
    /// document structure order: the condition, aliases, types with their
    /// aliases and causes, general causes, symptoms, treatments and notes.
    pub fn quoted(&self) -> Vec<(&'static str, &str, &Quote)> {
        let mut out: Vec<(&'static str, &str, &Quote)> = vec![("condition", &self.name, &self.quote)];
        out.extend(self.aliases.iter().map(|a| ("alias", a.name.as_str(), &a.quote)));
        for t in &self.types {
            out.push(("type", &t.name, &t.quote));
            out.extend(t.aliases.iter().map(|a| ("alias", a.name.as_str(), &a.quote)));
            out.extend(t.causes.iter().map(|x| ("cause", x.name.as_str(), &x.quote)));
        }
        out.extend(
            self.general_causes
                .iter()
                .map(|x| ("cause", x.name.as_str(), &x.quote)),
        );
        out.extend(
            self.symptoms
                .iter()
                .map(|x| ("symptom", x.name.as_str(), &x.quote)),
        );
        for r in &self.treatments {
            out.push(("treatment", &r.name, &r.quote));
            out.extend(
                r.notes
                    .iter()
                    .map(|n| ("treatment note", n.text.as_str(), &n.quote)),
            );
        }
        out
    }
}

/// Another name for an entity, as the document gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AliasSeed {
    pub name: String,
    pub quote: Quote,
}

/// A type (subtype, form) of a condition and its causes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TypeSeed {
    /// Canonical name ("iatrogenic calcinosis cutis").
    pub name: String,
    pub quote: Quote,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<AliasSeed>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub causes: Vec<FactSeed>,
}

/// A named fact (a cause or a symptom) and the span that states it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FactSeed {
    /// Canonical name, lower case, typos corrected.
    pub name: String,
    pub quote: Quote,
}

/// What kind of treatment something is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum TreatmentKind {
    Medication,
    Procedure,
    SelfCare,
    Other,
}

impl TreatmentKind {
    /// The spelling stored in the database and printed by the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            TreatmentKind::Medication => "medication",
            TreatmentKind::Procedure => "procedure",
            TreatmentKind::SelfCare => "self-care",
            TreatmentKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "medication" => TreatmentKind::Medication,
            "procedure" => TreatmentKind::Procedure,
            "self-care" => TreatmentKind::SelfCare,
            "other" => TreatmentKind::Other,
            _ => return None,
        })
    }
}

/// A treatment of the condition, with indications and cautions as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TreatmentSeed {
    pub name: String,
    pub kind: TreatmentKind,
    pub quote: Quote,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<NoteSeed>,
}

/// What a treatment note says about the treatment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    /// When the treatment is used ("indicated when lesions ulcerate").
    Indication,
    /// A risk or limit ("recurrence is common after excision").
    Caution,
    /// Anything else worth keeping.
    Note,
}

impl NoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NoteKind::Indication => "indication",
            NoteKind::Caution => "caution",
            NoteKind::Note => "note",
        }
    }
}

/// One indication, caution or note attached to a treatment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NoteSeed {
    pub kind: NoteKind,
    /// The note in normalised words ("lesions become very painful").
    pub text: String,
    pub quote: Quote,
}

/// The JSON Schema of a seed file, derived from these types (the same ones
/// serde reads), as shipped in `seed.schema.json`.
#[cfg(feature = "schema")]
pub fn seed_schema() -> String {
    let schema = schemars::schema_for!(SeedFile);
    serde_json::to_string_pretty(&schema).expect("a schema serialises") + "\n"
}

#[cfg(all(test, feature = "schema"))]
mod tests {
    /// The shipped schema is the one the types give; regenerate it with
    /// `cargo run -- seed-schema > docs/seed.schema.json`.
    #[test]
    fn shipped_schema_matches_the_types() {
        let shipped = include_str!("../docs/seed.schema.json");
        let now = super::seed_schema();
        if std::env::var_os("KB_WRITE_SCHEMA").is_some() {
            std::fs::write(
                concat!(env!("CARGO_MANIFEST_DIR"), "/docs/seed.schema.json"),
                &now,
            )
            .unwrap();
            return;
        }
        assert!(
            shipped == now,
            "docs/seed.schema.json is stale: run `cargo run -- seed-schema > docs/seed.schema.json`"
        );
        let schema: serde_json::Value = serde_json::from_str(shipped).unwrap();
        let quote = &schema["$defs"]["Quote"];
        assert_eq!(
            quote["required"],
            serde_json::json!(["text"]),
            "offsets are optional"
        );
        assert_eq!(quote["additionalProperties"], false);
    }
}
