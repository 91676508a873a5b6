//! What a seed keeps for the next one: each document's inputs
//! (`document_input`: the fingerprint its rows were written from, and its
//! notices) and the run-wide settings (`seed_state`: the vocabulary and the
//! symptom-code mapping last applied), all written in the seed's own
//! transaction so they never disagree with the rows they stand for.

use rusqlite::{params, OptionalExtension, Transaction};

use super::plan::{Inputs, Known, Stored};
use super::{Source, Writer};
use crate::error::Result;
use crate::text::sha256_hex;

/// `seed_state` name of the vocabulary the aliases were derived from.
pub(super) const VOCABULARY: &str = "vocabulary";
/// `seed_state` name of the symptom-code mapping's inputs.
pub(super) const CODES: &str = "codes";

/// Fingerprint of this build's symptom-code mapping and lexicon (build.rs).
const CODES_BUILD: &str = include!(concat!(env!("OUT_DIR"), "/codes_build.rs"));

/// A run-wide setting: (incremental, name, value). Without the tables of
/// V6 nothing is held and nothing is kept.
pub(super) type Setting<'a> = (bool, &'static str, &'a str);

pub(super) fn has_table(tx: &Transaction<'_>, name: &str) -> Result<bool> {
    Ok(tx.query_row(
        "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
        [name],
        |r| r.get(0),
    )?)
}

/// Whether a table has no rows (one step of a scan).
pub(super) fn is_empty(tx: &Transaction<'_>, table: &str) -> Result<bool> {
    Ok(
        tx.query_row(&format!("SELECT NOT EXISTS (SELECT 1 FROM {table})"), [], |r| {
            r.get(0)
        })?,
    )
}

/// Whether the database holds this setting from the last seed.
pub(super) fn holds(tx: &Transaction<'_>, (incremental, name, value): Setting<'_>) -> Result<bool> {
    if !incremental || value.is_empty() {
        return Ok(false);
    }
    let held: Option<String> = tx
        .prepare_cached("SELECT value FROM seed_state WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?;
    Ok(held.as_deref() == Some(value))
}

/// Keep a setting for the next seed; true when that wrote something.
pub(super) fn set(tx: &Transaction<'_>, setting: Setting<'_>) -> Result<bool> {
    let (incremental, name, value) = setting;
    if !incremental || value.is_empty() || holds(tx, setting)? {
        return Ok(false);
    }
    tx.prepare_cached("INSERT OR REPLACE INTO seed_state (name, value) VALUES (?1, ?2)")?
        .execute([name, value])?;
    Ok(true)
}

/// What the codes of a run depend on besides the symptoms: this build's
/// mapping and lexicon and the source's `codes.toml`. Empty when seeding
/// leaves codes alone ([`crate::codes::SKIP_ENV`]): nothing is then kept.
pub(super) fn codes_digest(source: &Source) -> Result<String> {
    if std::env::var_os(crate::codes::SKIP_ENV).is_some_and(|v| v == "1") {
        return Ok(String::new());
    }
    let mut digest = CODES_BUILD.as_bytes().to_vec();
    if source.file_names().any(|n| n == crate::codes::CODES_FILE) {
        digest.extend_from_slice(sha256_hex(&source.read(crate::codes::CODES_FILE)?).as_bytes());
    }
    Ok(sha256_hex(&digest))
}

/// The inputs the database holds, read through the seed's transaction.
pub(super) struct InDatabase<'t> {
    pub(super) tx: &'t Transaction<'t>,
    /// `document_input` has `stat_sha256` (V8).
    pub(super) stats: bool,
}

impl InDatabase<'_> {
    /// The stat column, or NULL before V8.
    fn stat_column(&self) -> &'static str {
        if self.stats {
            "stat_sha256"
        } else {
            "NULL"
        }
    }
}

fn notices(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

/// (inputs_sha256, stat_sha256, notices) from column `at` on.
fn stored(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Stored> {
    Ok(Stored {
        sha256: r.get(at)?,
        stat_sha256: r.get(at + 1)?,
        notices: notices(&r.get::<_, String>(at + 2)?),
    })
}

impl Known for InDatabase<'_> {
    fn by_seed_file(&mut self, name: &str) -> Result<Option<(String, Stored)>> {
        // Two single-table lookups: the same lookups as a join, which SQLite
        // prepared again on every step (about half a no-op reseed's time).
        let found: Option<(i64, Stored)> = self
            .tx
            .prepare_cached(&format!(
                "SELECT document_id, inputs_sha256, {}, notices FROM document_input WHERE seed_file = ?1",
                self.stat_column()
            ))?
            .query_row([name], |r| Ok((r.get(0)?, stored(r, 1)?)))
            .optional()?;
        let Some((doc_id, stored)) = found else {
            return Ok(None);
        };
        let path: String = self
            .tx
            .prepare_cached("SELECT path FROM document WHERE id = ?1")?
            .query_row([doc_id], |r| r.get(0))?;
        Ok(Some((path, stored)))
    }

    fn by_slug(&mut self, slug: &str) -> Result<Option<Stored>> {
        let Some(doc_id) = self
            .tx
            .prepare_cached("SELECT id FROM document WHERE slug = ?1")?
            .query_row([slug], |r| r.get::<_, i64>(0))
            .optional()?
        else {
            return Ok(None);
        };
        Ok(self
            .tx
            .prepare_cached(&format!(
                "SELECT inputs_sha256, {}, notices FROM document_input WHERE document_id = ?1",
                self.stat_column()
            ))?
            .query_row([doc_id], |r| stored(r, 0))
            .optional()?)
    }
}

impl Writer<'_> {
    /// Keep what a document's rows were just written from.
    /// `stats`: the table has `stat_sha256` (V8).
    pub(super) fn record_inputs(&mut self, doc_id: i64, inputs: &Inputs, stats: bool) -> Result<()> {
        let notices = serde_json::to_string(&inputs.notices).expect("strings serialise");
        if self.fresh {
            // A new document's inputs go with its batch.
            let stat = inputs.stat_sha256.clone().filter(|_| stats);
            self.batch.input((
                doc_id,
                inputs.seed_file.clone(),
                inputs.sha256.clone(),
                stat,
                notices,
            ));
            self.count("document_input").inserted += 1;
            return Ok(());
        }
        let stat_column = if stats { "stat_sha256" } else { "NULL" };
        let held: Option<(Option<String>, String, Option<String>, String)> = self
            .tx
            .prepare_cached(&format!(
                "SELECT seed_file, inputs_sha256, {stat_column}, notices FROM document_input \
                 WHERE document_id = ?1"
            ))?
            .query_row([doc_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .optional()?;
        let stat = inputs.stat_sha256.as_ref().filter(|_| stats);
        let c = match held {
            Some((seed_file, sha256, held_stat, held_notices))
                if seed_file == inputs.seed_file
                    && sha256 == inputs.sha256
                    && held_stat.as_ref() == stat
                    && held_notices == notices =>
            {
                &mut self.count("document_input").unchanged
            }
            held => {
                if stats {
                    self.tx
                        .prepare_cached(
                            "INSERT OR REPLACE INTO document_input \
                             (document_id, seed_file, inputs_sha256, stat_sha256, notices) VALUES (?1, ?2, ?3, ?4, ?5)",
                        )?
                        .execute(params![doc_id, inputs.seed_file, inputs.sha256, stat, notices])?;
                } else {
                    self.tx
                        .prepare_cached(
                            "INSERT OR REPLACE INTO document_input (document_id, seed_file, inputs_sha256, notices) \
                             VALUES (?1, ?2, ?3, ?4)",
                        )?
                        .execute(params![doc_id, inputs.seed_file, inputs.sha256, notices])?;
                }
                if held.is_some() {
                    &mut self.count("document_input").updated
                } else {
                    &mut self.count("document_input").inserted
                }
            }
        };
        *c += 1;
        Ok(())
    }
}

/// Keep the files' metadata fingerprint of documents that were read but
/// found unchanged (their files touched, say), so the next seed need not
/// read them. Only for a run that writes anyway.
pub(super) fn refresh_stats(tx: &Transaction<'_>, refresh: &[(String, String)]) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "UPDATE document_input SET stat_sha256 = ?2 \
         WHERE document_id = (SELECT id FROM document WHERE slug = ?1)",
    )?;
    for (slug, stat) in refresh {
        stmt.execute(params![slug, stat])?;
    }
    Ok(())
}
