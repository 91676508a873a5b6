//! Aliases: the other names a document gives an entity, and those the
//! vocabulary derives for every entity (misspellings, synonyms).

use std::collections::BTreeMap;

use rusqlite::{params, OptionalExtension};

use super::diff::{self, Change};
use super::{Counts, Writer};
use crate::error::Result;
use crate::extract::Vocabulary;

/// The alias table's entity columns, by entity kind.
pub(super) const ALIAS_COLUMNS: [&str; 5] = [
    "condition_id",
    "type_id",
    "cause_id",
    "symptom_id",
    "treatment_id",
];

/// The entity tables, in the order of [`ALIAS_COLUMNS`].
pub(super) const ENTITY_TABLES: [&str; 5] = ["condition", "condition_type", "cause", "symptom", "treatment"];

/// Alias natural key: (alias column index, entity id, name).
pub(super) type AliasKey = (usize, i64, String);

impl Writer<'_> {
    pub(super) fn sync_document_aliases(
        &mut self,
        doc_id: i64,
        desired: BTreeMap<AliasKey, i64>,
    ) -> Result<Counts> {
        if self.fresh {
            let batch = &mut self.batch;
            return Ok(super::batch::held(desired, |key, quote| {
                batch.alias(key, doc_id, quote)
            }));
        }
        let existing = self.aliases("origin = 'document' AND document_id = ?1", Some(doc_id))?;
        self.sync_aliases(existing, desired, Some(doc_id), "document")
    }

    /// Aliases derived from the vocabulary for every entity: misspellings
    /// ("latrogenic calcinosis cutis") and synonyms ("hives"), recomputed so
    /// edits to the vocabulary take effect too. With `only`, just for those
    /// entities (alias column index, id): the ones a run created or renamed,
    /// when the vocabulary is the one the others' aliases came from.
    pub(super) fn vocabulary_aliases(
        &mut self,
        vocabulary: &Vocabulary,
        only: Option<&[(usize, i64)]>,
    ) -> Result<()> {
        let lower = |pairs: Vec<(&str, &str)>| -> Vec<(String, String)> {
            pairs
                .into_iter()
                .map(|(variant, canonical)| (variant.to_lowercase(), canonical.to_lowercase()))
                .filter(|(a, b)| !a.is_empty() && !b.is_empty() && a != b)
                .collect()
        };
        let misspellings = lower(vocabulary.corrections().collect());
        let synonyms = lower(vocabulary.synonyms().collect());
        let mut desired: [BTreeMap<AliasKey, i64>; 2] = [BTreeMap::new(), BTreeMap::new()];
        // Every phrase of every pair in one automaton: a name is searched
        // once for all of them, and only the pairs whose phrases occur in it
        // are looked at closely (one substring search per pair and entity
        // was a fresh seed's largest share outside SQLite and reading).
        let pairs: Vec<(usize, &(String, String))> = [&misspellings, &synonyms]
            .into_iter()
            .enumerate()
            .flat_map(|(kind, pairs)| pairs.iter().map(move |pair| (kind, pair)))
            .collect();
        let phrases = aho_corasick::AhoCorasick::new(
            pairs
                .iter()
                .flat_map(|(_, (variant, canonical))| [variant.as_str(), canonical.as_str()]),
        )
        // Only a pattern set too large to build fails: then every pair is
        // looked at closely, as if each phrase had been found.
        .ok();
        let mut found = vec![false; pairs.len() * 2];
        let mut derive = |col_index: usize, id: i64, name: String| {
            let name = name.to_lowercase();
            match &phrases {
                Some(phrases) => {
                    found.fill(false);
                    let mut any = false;
                    for m in phrases.find_overlapping_iter(&name) {
                        found[m.pattern().as_usize()] = true;
                        any = true;
                    }
                    if !any {
                        return;
                    }
                }
                None => found.fill(true),
            }
            for (i, (kind, (variant, canonical))) in pairs.iter().enumerate() {
                // A name that already holds the variant ("... (crest
                // syndrome)") gains nothing from it.
                if !found[2 * i + 1] || found[2 * i] && replace_phrase(&name, variant, variant).is_some() {
                    continue;
                }
                if let Some(alias) = replace_phrase(&name, canonical, variant) {
                    desired[*kind].insert((col_index, id, alias), 0);
                }
            }
        };
        match only {
            None => {
                for (col_index, table) in ENTITY_TABLES.into_iter().enumerate() {
                    let mut stmt = self.tx.prepare_cached(&format!("SELECT id, name FROM {table}"))?;
                    let mut rows = stmt.query([])?;
                    while let Some(r) = rows.next()? {
                        derive(col_index, r.get(0)?, r.get(1)?);
                    }
                }
            }
            Some(entities) => {
                for &(col_index, id) in entities {
                    let name: Option<String> = self
                        .tx
                        .prepare_cached(&format!(
                            "SELECT name FROM {} WHERE id = ?1",
                            ENTITY_TABLES[col_index]
                        ))?
                        .query_row([id], |r| r.get(0))
                        .optional()?;
                    if let Some(name) = name {
                        derive(col_index, id, name);
                    }
                }
            }
        }
        // A name that is both stays a misspelling (one row per entity and name).
        let [misspelt, mut synonym] = desired;
        synonym.retain(|key, _| !misspelt.contains_key(key));
        for (origin, want) in [("misspelling", misspelt), ("synonym", synonym)] {
            let existing = match only {
                None => self.aliases(&format!("origin = '{origin}' AND ?1 IS NULL"), None)?,
                Some(entities) => {
                    let mut existing = BTreeMap::new();
                    for &(col_index, id) in entities {
                        let filter = format!("origin = '{origin}' AND {} = ?1", ALIAS_COLUMNS[col_index]);
                        existing.extend(self.aliases(&filter, Some(id))?);
                    }
                    existing
                }
            };
            let counts = self.sync_aliases(existing, want, None, origin)?;
            self.count("alias").add(counts);
        }
        Ok(())
    }

    /// Alias rows matching `filter`, whose `?1` is `param`.
    fn aliases(&self, filter: &str, param: Option<i64>) -> Result<BTreeMap<AliasKey, (i64, i64)>> {
        let mut out = BTreeMap::new();
        let mut stmt = self.tx.prepare_cached(&format!(
            "SELECT id, name, coalesce(quote_id, 0), {} FROM alias WHERE {filter}",
            ALIAS_COLUMNS.join(", ")
        ))?;
        let mut rows = stmt.query([param])?;
        while let Some(r) = rows.next()? {
            let (id, name, quote): (i64, String, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
            for col in 0..ALIAS_COLUMNS.len() {
                if let Some(entity) = r.get::<_, Option<i64>>(3 + col)? {
                    out.insert((col, entity, name.clone()), (quote, id));
                }
            }
        }
        Ok(out)
    }

    /// Make one set of alias rows (one document's, or one vocabulary
    /// origin's when `doc_id` is `None`) equal to `desired`.
    fn sync_aliases(
        &mut self,
        existing: BTreeMap<AliasKey, (i64, i64)>,
        desired: BTreeMap<AliasKey, i64>,
        doc_id: Option<i64>,
        origin: &str,
    ) -> Result<Counts> {
        // Vocabulary aliases have no quote (stored NULL, read back as 0).
        let quote_of = |quote: &i64| doc_id.map(|_| *quote);
        let tx = self.tx;
        diff::sync(
            &existing,
            &desired,
            |want, (have, _)| *have == quote_of(want).unwrap_or(0),
            |change| {
                match change {
                    Change::Insert((col, entity, name), quote) => tx
                        .prepare_cached(&format!(
                            "INSERT INTO alias (name, {}, origin, document_id, quote_id) VALUES (?1, ?2, ?3, ?4, ?5)",
                            ALIAS_COLUMNS[*col]
                        ))?
                        .execute(params![name, entity, origin, doc_id, quote_of(quote)])?,
                    Change::Update(_, quote, (_, id)) => tx
                        .prepare_cached("UPDATE alias SET quote_id = ?2 WHERE id = ?1")?
                        .execute(params![id, quote_of(quote)])?,
                    Change::Delete(_, (_, id)) => tx
                        .prepare_cached("DELETE FROM alias WHERE id = ?1")?
                        .execute([id])?,
                };
                Ok(())
            },
        )
    }
}

/// `name` with the whole-word phrase `from` replaced by `to`, if it occurs.
fn replace_phrase(name: &str, from: &str, to: &str) -> Option<String> {
    let mut search = 0;
    while let Some(pos) = name[search..].find(from).map(|p| p + search) {
        let end = pos + from.len();
        let before_ok = name[..pos]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = name[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return Some(format!("{}{}{}", &name[..pos], to, &name[end..]));
        }
        search = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrase_replacement_respects_word_boundaries() {
        assert_eq!(
            replace_phrase("iatrogenic calcinosis cutis", "iatrogenic", "latrogenic").as_deref(),
            Some("latrogenic calcinosis cutis")
        );
        assert_eq!(replace_phrase("antacids", "acid", "x"), None);
        assert_eq!(
            replace_phrase("chronic urticaria", "urticaria", "hives").as_deref(),
            Some("chronic hives")
        );
    }
}
