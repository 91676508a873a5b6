//! The typed results of the query API: records, hits and the kinds of fact
//! they report, serialised as the CLI's JSON prints them.

use std::fmt;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ValueRef};
use serde::Serialize;

use crate::model::{NoteKind, TreatmentKind};

/// Where a fact was stated: the document and the verbatim quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// Document key (its file stem).
    pub document: String,
    pub quote: String,
    /// 1-based line of the quote's start.
    pub line: i64,
    /// Byte range of the quote in the document body.
    pub start_byte: i64,
    pub end_byte: i64,
}

/// A condition, as found by name, slug or alias.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConditionRef {
    pub slug: String,
    pub name: String,
}

/// A cause or symptom of a condition, with every statement of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub slug: String,
    pub name: String,
    pub sources: Vec<Provenance>,
    /// Standard codes (HPO terms of a symptom); empty for causes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<crate::codes::Code>,
}

/// A type of a condition and its causes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TypeRecord {
    pub slug: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub causes: Vec<Item>,
    pub sources: Vec<Provenance>,
}

/// An indication, caution or note on a treatment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TreatmentNote {
    pub kind: NoteKind,
    pub text: String,
    pub source: Provenance,
}

/// A treatment of a condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TreatmentRecord {
    pub slug: String,
    pub name: String,
    pub kind: TreatmentKind,
    pub notes: Vec<TreatmentNote>,
    pub sources: Vec<Provenance>,
}

/// Everything the database knows about one condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConditionRecord {
    /// The condition's canonical name.
    pub condition: String,
    pub slug: String,
    /// Other names: from the documents and vocabulary synonyms (known
    /// misspellings are searchable but not listed).
    pub aliases: Vec<String>,
    pub types: Vec<TypeRecord>,
    /// Causes not tied to one type.
    pub general_causes: Vec<Item>,
    pub symptoms: Vec<Item>,
    pub treatments: Vec<TreatmentRecord>,
    pub sources: Vec<Provenance>,
}

/// A cause and the types of one condition it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CauseTypes {
    pub cause: String,
    pub slug: String,
    /// Type names, in the condition's order.
    pub types: Vec<String>,
}

/// Something (a cause, symptom or treatment) and the conditions citing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SharedItem {
    pub name: String,
    pub slug: String,
    /// Condition names, alphabetical.
    pub conditions: Vec<String>,
}

/// The kinds of fact conditions can share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Shared {
    Cause,
    Symptom,
    Treatment,
}

/// Another condition and what it has in common with the one asked about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RelatedCondition {
    pub condition: String,
    pub slug: String,
    pub causes: Vec<String>,
    pub symptoms: Vec<String>,
    pub treatments: Vec<String>,
}

/// A condition ranked against a set of symptoms.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SymptomMatch {
    pub condition: String,
    pub slug: String,
    /// The query terms that matched one of its symptoms.
    pub matched_terms: Vec<String>,
    /// Its symptoms that matched.
    pub matched_symptoms: Vec<String>,
    /// How many symptoms the condition has in all.
    pub total_symptoms: usize,
    /// Matched terms over query terms, then coverage of its symptoms as a
    /// tie-break: higher is better.
    pub score: f64,
}

/// One fact found by full-text search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    /// What matched: a fact of some kind, or document [`FactKind::Text`].
    pub kind: FactKind,
    pub condition: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    /// Name of the matched entity.
    pub name: String,
    /// What matched: the entity's `name` (or alias), the source `quote` of
    /// a fact, or document `text` (kind `text`: a passage of a document,
    /// whether or not it states a fact).
    pub matched: String,
    /// For `text` hits, the passage (a sentence or line) and its byte range
    /// in the document body.
    pub source: Provenance,
    /// For `text` hits: the passage with each matched word in \[brackets\].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
    /// For `text` hits: the facts whose quotes lie in or overlap the passage.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<PassageFact>,
}

/// A fact stated (at least partly) inside a passage found by text search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PassageFact {
    /// Any kind but [`FactKind::Text`].
    pub kind: FactKind,
    pub condition: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
    pub name: String,
    /// Byte range of the fact's quote in the document body.
    pub start_byte: i64,
    pub end_byte: i64,
}

/// An entry of `kb list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub slug: String,
    pub name: String,
    /// Treatment kind, for treatments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<TreatmentKind>,
    /// How many conditions cite it (1 for a condition itself).
    pub conditions: i64,
}

/// What `list` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    Conditions,
    Causes,
    Symptoms,
    Treatments,
}

/// What a search hit or a fact found in a passage is; serialised as the
/// `kind` column of the `facts` view spells it (`type-cause`, ...), and
/// `text` for a passage of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FactKind {
    /// A condition, stated by a document.
    Condition,
    /// A type of a condition.
    Type,
    /// A cause of one type.
    TypeCause,
    /// A cause of the condition, not tied to a type.
    Cause,
    Symptom,
    Treatment,
    /// An indication, caution or note on a treatment.
    TreatmentNote,
    /// Another name a document gives a condition or type.
    Alias,
    /// A passage of document text, whether or not it states a fact.
    Text,
}

impl FactKind {
    /// Every kind, in the order above.
    pub const ALL: [FactKind; 9] = [
        FactKind::Condition,
        FactKind::Type,
        FactKind::TypeCause,
        FactKind::Cause,
        FactKind::Symptom,
        FactKind::Treatment,
        FactKind::TreatmentNote,
        FactKind::Alias,
        FactKind::Text,
    ];

    /// The spelling in the database and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            FactKind::Condition => "condition",
            FactKind::Type => "type",
            FactKind::TypeCause => "type-cause",
            FactKind::Cause => "cause",
            FactKind::Symptom => "symptom",
            FactKind::Treatment => "treatment",
            FactKind::TreatmentNote => "treatment-note",
            FactKind::Alias => "alias",
            FactKind::Text => "text",
        }
    }

    /// The kind spelled `s`, if it is one.
    pub fn parse(s: &str) -> Option<Self> {
        FactKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for FactKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for TreatmentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for NoteKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A kind column read into its enum; a spelling the enum lacks is a
/// conversion error (the schema's CHECKs and views allow no other).
fn kind_from_sql<T>(value: ValueRef<'_>, parse: impl Fn(&str) -> Option<T>) -> FromSqlResult<T> {
    let text = value.as_str()?;
    parse(text).ok_or_else(|| FromSqlError::Other(format!("unknown kind '{text}'").into()))
}

impl FromSql for FactKind {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        kind_from_sql(value, FactKind::parse)
    }
}

impl FromSql for TreatmentKind {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        kind_from_sql(value, TreatmentKind::parse)
    }
}

impl FromSql for NoteKind {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        kind_from_sql(value, |s| {
            [NoteKind::Indication, NoteKind::Caution, NoteKind::Note]
                .into_iter()
                .find(|k| k.as_str() == s)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_serialise_as_the_database_spells_them() {
        for kind in FactKind::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
            assert_eq!(FactKind::parse(kind.as_str()), Some(kind));
            assert_eq!(kind.to_string(), kind.as_str());
        }
        assert_eq!(serde_json::to_value(FactKind::TypeCause).unwrap(), "type-cause");
        assert_eq!(
            serde_json::to_value(TreatmentKind::SelfCare).unwrap(),
            "self-care"
        );
        assert_eq!(TreatmentKind::SelfCare.to_string(), "self-care");
        assert_eq!(NoteKind::Caution.to_string(), "caution");
    }

    #[test]
    fn every_kind_the_facts_view_yields_is_known() {
        let mut kb = crate::Kb::open_in_memory().unwrap();
        kb.migrate().unwrap();
        kb.seed(&crate::Source::builtin()).unwrap();
        let kinds: Vec<FactKind> = kb
            .connection()
            .prepare("SELECT DISTINCT kind FROM facts")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(kinds.len() >= 5, "{kinds:?}");
    }
}
