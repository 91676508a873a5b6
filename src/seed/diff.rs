//! The one diff that every per-document row set goes through (fact tables,
//! treatment notes, aliases): the rows a table holds and the rows wanted,
//! both keyed by natural key, brought level with the fewest writes.

use std::collections::BTreeMap;

use super::Counts;
use crate::error::Result;

/// One write the diff asks for. `V` is the wanted value of a key, `E` what
/// the table holds for it (its value and, where the table has one, row id).
pub(super) enum Change<'a, K, V, E> {
    Insert(&'a K, &'a V),
    Update(&'a K, &'a V, &'a E),
    Delete(&'a K, &'a E),
}

/// Make `existing` equal to `desired` through `write`: keys only wanted are
/// inserted, keys in both whose value differs (per `same`) updated, then
/// keys no longer wanted deleted. Returns what happened, row by row.
pub(super) fn sync<K: Ord, V, E>(
    existing: &BTreeMap<K, E>,
    desired: &BTreeMap<K, V>,
    same: impl Fn(&V, &E) -> bool,
    mut write: impl FnMut(Change<'_, K, V, E>) -> Result<()>,
) -> Result<Counts> {
    let mut counts = Counts::default();
    for (key, want) in desired {
        match existing.get(key) {
            Some(have) if same(want, have) => counts.unchanged += 1,
            Some(have) => {
                write(Change::Update(key, want, have))?;
                counts.updated += 1;
            }
            None => {
                write(Change::Insert(key, want))?;
                counts.inserted += 1;
            }
        }
    }
    for (key, have) in existing {
        if !desired.contains_key(key) {
            write(Change::Delete(key, have))?;
            counts.removed += 1;
        }
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserts_updates_keeps_and_deletes() {
        let existing = BTreeMap::from([("kept", 1), ("moved", 2), ("gone", 3)]);
        let desired = BTreeMap::from([("kept", 1), ("moved", 5), ("new", 4)]);
        let mut writes = Vec::new();
        let counts = sync(
            &existing,
            &desired,
            |a, b| a == b,
            |change| {
                writes.push(match change {
                    Change::Insert(k, v) => format!("insert {k}={v}"),
                    Change::Update(k, v, old) => format!("update {k}={old}->{v}"),
                    Change::Delete(k, old) => format!("delete {k}={old}"),
                });
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(writes, ["update moved=2->5", "insert new=4", "delete gone=3"]);
        assert_eq!(
            counts,
            Counts {
                inserted: 1,
                updated: 1,
                unchanged: 1,
                removed: 1
            }
        );
    }
}
