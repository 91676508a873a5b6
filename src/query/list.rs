//! Listings: every condition, cause, symptom or treatment, with how many
//! conditions cite it.

use rusqlite::Connection;

use super::{Entry, Listing};
use crate::error::Result;

/// Everything of one kind, with how many conditions cite each.
pub(crate) fn list(conn: &Connection, what: Listing) -> Result<Vec<Entry>> {
    let sql = match what {
        Listing::Conditions => "SELECT slug, name, NULL, 1 FROM condition ORDER BY name",
        Listing::Causes => {
            "SELECT x.slug, x.name, NULL, (SELECT count(*) FROM (\
                SELECT t.condition_id FROM type_cause tc JOIN condition_type t ON t.id = tc.type_id \
                WHERE tc.cause_id = x.id UNION SELECT condition_id FROM condition_cause WHERE cause_id = x.id)) \
             FROM cause x ORDER BY x.name"
        }
        Listing::Symptoms => {
            "SELECT s.slug, s.name, NULL, (SELECT count(DISTINCT condition_id) FROM condition_symptom \
             WHERE symptom_id = s.id) FROM symptom s ORDER BY s.name"
        }
        Listing::Treatments => {
            "SELECT r.slug, r.name, r.kind, (SELECT count(DISTINCT condition_id) FROM condition_treatment \
             WHERE treatment_id = r.id) FROM treatment r ORDER BY r.name"
        }
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let out = stmt
        .query_map([], |r| {
            Ok(Entry {
                slug: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                conditions: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(out)
}
