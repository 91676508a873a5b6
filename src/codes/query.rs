//! Reading codes back: codes beside symptoms, conditions by phenotype, and
//! the HPO annotation (HPOA) export.

use std::io::Write;

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::lexicon::lexicon;
use super::map::{map_name, Outcome};
use crate::error::Result;

/// A standard code linked to a symptom or condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Code {
    /// "HP", "ICD10", "MONDO", ...
    pub system: String,
    /// "HP:0000989"
    pub code: String,
    /// "Pruritus"
    pub label: String,
    /// How the link was made: name, synonym, layperson or reviewer.
    pub method: String,
    /// The item of a list name the link came from ("chills" of "fever and
    /// chills"); absent when the whole name matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
}

/// HPO codes of a symptom, by its slug, in code order.
pub fn symptom_codes(conn: &Connection, symptom_slug: &str) -> Result<Vec<Code>> {
    let mut stmt = conn.prepare_cached(
        "SELECT k.system, k.code, k.label, sc.method, sc.item FROM symptom s \
         JOIN symptom_code sc ON sc.symptom_id = s.id JOIN code k ON k.id = sc.code_id \
         WHERE s.slug = ?1 ORDER BY k.code",
    )?;
    let rows = stmt
        .query_map([symptom_slug], |r| {
            Ok(Code {
                system: r.get(0)?,
                code: r.get(1)?,
                label: r.get(2)?,
                method: r.get(3)?,
                item: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Codes a reviewer gave a condition, by its slug.
pub fn condition_codes(conn: &Connection, condition_slug: &str) -> Result<Vec<Code>> {
    let mut stmt = conn.prepare_cached(
        "SELECT k.system, k.code, k.label FROM condition c \
         JOIN condition_code cc ON cc.condition_id = c.id JOIN code k ON k.id = cc.code_id \
         WHERE c.slug = ?1 ORDER BY k.system, k.code",
    )?;
    let rows = stmt
        .query_map([condition_slug], |r| {
            Ok(Code {
                system: r.get(0)?,
                code: r.get(1)?,
                label: r.get(2)?,
                method: "reviewer".into(),
                item: None,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The HPO terms a query term stands for: an id ("HP:0000989"), or a name
/// or synonym ("itchy skin") mapped the way symptoms are.
pub fn terms_of_query(term: &str) -> Vec<String> {
    let lex = lexicon();
    if let Some(t) = lex.by_id(term) {
        return vec![t.id()];
    }
    match map_name(lex, term) {
        Outcome::Mapped(links) | Outcome::Partial(links, _) => links.iter().map(|l| l.term.id()).collect(),
        _ => Vec::new(),
    }
}

/// (condition id, symptom name) for every symptom linked to an HPO term
/// the query term stands for, for `kb match`.
pub fn symptoms_by_code(conn: &Connection, term: &str) -> Result<Vec<(i64, String)>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT cs.condition_id, s.name FROM code k \
         JOIN symptom_code sc ON sc.code_id = k.id JOIN symptom s ON s.id = sc.symptom_id \
         JOIN condition_symptom cs ON cs.symptom_id = s.id \
         WHERE k.system = 'HP' AND k.code = ?1",
    )?;
    for id in terms_of_query(term) {
        let rows: Vec<(i64, String)> = stmt
            .query_map([&id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        out.extend(rows);
    }
    Ok(out)
}

/// The HPOA column header, in the HPO annotation file's order.
pub const HPOA_COLUMNS: [&str; 12] = [
    "database_id",
    "disease_name",
    "qualifier",
    "hpo_id",
    "reference",
    "evidence",
    "onset",
    "frequency",
    "sex",
    "modifier",
    "aspect",
    "biocuration",
];

/// Write every condition-phenotype link as an HPO annotation file: one row
/// per (condition, HPO term, document), the document as the reference
/// (`KB:<document slug>`), evidence TAS (stated by the article), aspect P.
/// A condition is identified by a reviewer's Mondo, OMIM or Orphanet code
/// when it has one, else as `KB:<slug>`. Returns the number of rows.
pub fn export_hpoa(conn: &Connection, out: &mut dyn Write, date: &str) -> Result<usize> {
    let release: Option<String> = conn
        .query_row("SELECT max(version) FROM code WHERE system = 'HP'", [], |r| {
            r.get(0)
        })
        .optional()?
        .flatten();
    let io = |e: std::io::Error| crate::Error::Write {
        path: "<output>".into(),
        source: e,
    };
    writeln!(
        out,
        "#description: \"condition-phenotype links from kb's articles\""
    )
    .map_err(io)?;
    writeln!(out, "#version: {date}").map_err(io)?;
    writeln!(
        out,
        "#hpo-version: http://purl.obolibrary.org/obo/hp/releases/{}/hp.obo",
        release.unwrap_or_default()
    )
    .map_err(io)?;
    writeln!(out, "{}", HPOA_COLUMNS.join("\t")).map_err(io)?;
    let mut stmt = conn.prepare(
        "SELECT DISTINCT coalesce( \
             (SELECT k2.code FROM condition_code cc JOIN code k2 ON k2.id = cc.code_id \
               WHERE cc.condition_id = c.id AND k2.system IN ('MONDO', 'OMIM', 'ORPHA') \
               ORDER BY k2.system LIMIT 1), 'KB:' || c.slug), \
             c.name, k.code, 'KB:' || d.slug \
         FROM condition_symptom cs \
         JOIN condition c ON c.id = cs.condition_id \
         JOIN symptom_code sc ON sc.symptom_id = cs.symptom_id \
         JOIN code k ON k.id = sc.code_id AND k.system = 'HP' \
         JOIN document d ON d.id = cs.document_id \
         ORDER BY 1, 3, 4",
    )?;
    let mut rows = stmt.query([])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let (db_id, name, hpo, reference): (String, String, String, String) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        let clean = |s: &str| s.replace(['\t', '\n'], " ");
        writeln!(
            out,
            "{}\t{}\t\t{}\t{}\tTAS\t\t\t\t\tP\tHPO:kb[{date}]",
            clean(&db_id),
            clean(&name),
            hpo,
            clean(&reference)
        )
        .map_err(io)?;
        n += 1;
    }
    Ok(n)
}
