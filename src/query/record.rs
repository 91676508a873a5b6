//! The full record of one condition: aliases, types with their causes,
//! general causes, symptoms and treatments with notes, each with sources.

use rusqlite::{params, Connection};

use super::{find_condition, items, provenance, strings, PROVENANCE_COLUMNS};
use super::{ConditionRecord, Provenance, TreatmentNote, TreatmentRecord, TypeRecord};
use crate::error::Result;

pub(crate) fn condition_record(conn: &Connection, name: &str) -> Result<ConditionRecord> {
    let (id, cond) = find_condition(conn, name)?;
    let aliases = strings(
        conn,
        "SELECT DISTINCT name FROM alias WHERE condition_id = ?1 AND origin <> 'misspelling' ORDER BY origin, name",
        [id],
    )?;
    let sources = items(
        conn,
        &format!(
            "SELECT c.slug, c.name, {PROVENANCE_COLUMNS} FROM condition_source f \
             JOIN condition c ON c.id = f.condition_id JOIN document d ON d.id = f.document_id \
             JOIN quote q ON q.id = f.quote_id WHERE f.condition_id = ?1 ORDER BY d.slug, q.start_byte"
        ),
        [id],
    )?
    .into_iter()
    .flat_map(|i| i.sources)
    .collect();

    let type_rows: Vec<(i64, String, String)> = conn
        .prepare_cached("SELECT id, slug, name FROM condition_type WHERE condition_id = ?1")?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut types = Vec::with_capacity(type_rows.len());
    for (type_id, slug, name) in type_rows {
        let causes = items(
            conn,
            &format!(
                "SELECT x.slug, x.name, {PROVENANCE_COLUMNS} FROM type_cause f \
                 JOIN cause x ON x.id = f.cause_id JOIN document d ON d.id = f.document_id \
                 JOIN quote q ON q.id = f.quote_id WHERE f.type_id = ?1 ORDER BY d.slug, q.start_byte"
            ),
            [type_id],
        )?;
        let sources: Vec<Provenance> = items(
            conn,
            &format!(
                "SELECT '', '', {PROVENANCE_COLUMNS} FROM type_source f JOIN document d ON d.id = f.document_id \
                 JOIN quote q ON q.id = f.quote_id WHERE f.type_id = ?1 ORDER BY d.slug, q.start_byte"
            ),
            [type_id],
        )?
        .into_iter()
        .flat_map(|i| i.sources)
        .collect();
        let aliases = strings(
            conn,
            "SELECT DISTINCT name FROM alias WHERE type_id = ?1 AND origin <> 'misspelling' ORDER BY origin, name",
            [type_id],
        )?;
        types.push(TypeRecord {
            slug,
            name,
            aliases,
            causes,
            sources,
        });
    }
    // Types in the order the documents give them.
    types.sort_by(|a, b| {
        let first = |t: &TypeRecord| t.sources.first().map(|s| (s.document.clone(), s.start_byte));
        first(a).cmp(&first(b))
    });

    let general_causes = items(
        conn,
        &format!(
            "SELECT x.slug, x.name, {PROVENANCE_COLUMNS} FROM condition_cause f \
             JOIN cause x ON x.id = f.cause_id JOIN document d ON d.id = f.document_id \
             JOIN quote q ON q.id = f.quote_id WHERE f.condition_id = ?1 ORDER BY d.slug, q.start_byte"
        ),
        [id],
    )?;
    let mut symptoms = items(
        conn,
        &format!(
            "SELECT s.slug, s.name, {PROVENANCE_COLUMNS} FROM condition_symptom f \
             JOIN symptom s ON s.id = f.symptom_id JOIN document d ON d.id = f.document_id \
             JOIN quote q ON q.id = f.quote_id WHERE f.condition_id = ?1 ORDER BY d.slug, q.start_byte"
        ),
        [id],
    )?;
    for s in &mut symptoms {
        s.codes = crate::codes::query::symptom_codes(conn, &s.slug)?;
    }

    let mut treatments: Vec<TreatmentRecord> = Vec::new();
    {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT r.id, r.slug, r.name, r.kind, {PROVENANCE_COLUMNS} FROM condition_treatment f \
             JOIN treatment r ON r.id = f.treatment_id JOIN document d ON d.id = f.document_id \
             JOIN quote q ON q.id = f.quote_id WHERE f.condition_id = ?1 ORDER BY d.slug, q.start_byte"
        ))?;
        let mut rows = stmt.query([id])?;
        let mut ids: Vec<i64> = Vec::new();
        while let Some(r) = rows.next()? {
            let tid: i64 = r.get(0)?;
            let source = provenance(r, 4)?;
            match ids.iter().position(|t| *t == tid) {
                Some(i) => treatments[i].sources.push(source),
                None => {
                    ids.push(tid);
                    treatments.push(TreatmentRecord {
                        slug: r.get(1)?,
                        name: r.get(2)?,
                        kind: r.get(3)?,
                        notes: Vec::new(),
                        sources: vec![source],
                    });
                }
            }
        }
        let mut notes = conn.prepare_cached(&format!(
            "SELECT n.kind, n.text, {PROVENANCE_COLUMNS} FROM treatment_note n \
             JOIN document d ON d.id = n.document_id JOIN quote q ON q.id = n.quote_id \
             WHERE n.condition_id = ?1 AND n.treatment_id = ?2 ORDER BY d.slug, q.start_byte"
        ))?;
        for (tid, record) in ids.iter().zip(treatments.iter_mut()) {
            record.notes = notes
                .query_map(params![id, tid], |r| {
                    Ok(TreatmentNote {
                        kind: r.get(0)?,
                        text: r.get(1)?,
                        source: provenance(r, 2)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
        }
    }

    Ok(ConditionRecord {
        condition: cond.name,
        slug: cond.slug,
        aliases,
        types,
        general_causes,
        symptoms,
        treatments,
        sources,
    })
}
