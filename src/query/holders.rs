//! The conditions citing an item, read as bit sets from `item_conditions`
//! (kept by triggers the migration adds): 64 conditions to a row, so comparing one
//! condition with every other reads a few rows per item instead of one per
//! fact.

use rusqlite::Connection;

use crate::error::Result;

/// A set of condition ids: (block, bits) with bit `c & 63` of block `c >> 6`
/// set for condition `c`, sorted by block, blocks unique.
#[derive(Debug, Default, Clone)]
pub(super) struct Holders(Vec<(i64, u64)>);

impl Holders {
    /// Rows of (block, bits) in any order, with repeated blocks (several
    /// symptoms of one HPO code) joined.
    fn from_rows(mut rows: Vec<(i64, u64)>) -> Holders {
        rows.sort_unstable_by_key(|r| r.0);
        rows.dedup_by(|next, kept| {
            let same = next.0 == kept.0;
            if same {
                kept.1 |= next.1;
            }
            same
        });
        Holders(rows)
    }

    pub(super) fn contains(&self, condition: i64) -> bool {
        self.0
            .binary_search_by_key(&(condition >> 6), |r| r.0)
            .is_ok_and(|at| self.0[at].1 & (1 << (condition & 63)) != 0)
    }

    #[cfg(test)]
    pub(super) fn union(&mut self, other: &Holders) {
        let mut rows = std::mem::take(&mut self.0);
        rows.extend_from_slice(&other.0);
        *self = Holders::from_rows(rows);
    }

    /// The condition ids, ascending.
    pub(super) fn ids(&self) -> impl Iterator<Item = i64> + '_ {
        self.0
            .iter()
            .flat_map(|&(block, bits)| ones(bits).map(move |b| block * 64 + b))
    }
}

/// Positions of the set bits of `bits`, ascending.
fn ones(mut bits: u64) -> impl Iterator<Item = i64> {
    std::iter::from_fn(move || {
        (bits != 0).then(|| {
            let at = bits.trailing_zeros();
            bits &= bits - 1;
            at as i64
        })
    })
}

/// What an item is, as `item_conditions.kind` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Kind {
    Cause,
    Symptom,
    Treatment,
}

impl Kind {
    fn column(self) -> &'static str {
        match self {
            Kind::Cause => "cause",
            Kind::Symptom => "symptom",
            Kind::Treatment => "treatment",
        }
    }
}

/// The conditions citing one cause, symptom or treatment.
pub(super) fn of_item(conn: &Connection, kind: Kind, item: i64) -> Result<Holders> {
    read(
        conn,
        "SELECT block, bits FROM item_conditions WHERE kind = ?1 AND item_id = ?2",
        (kind.column(), item),
    )
}

/// The conditions citing any symptom linked to one code (symptoms sharing
/// an HPO code count as one symptom).
pub(super) fn of_code(conn: &Connection, code: i64) -> Result<Holders> {
    read(
        conn,
        // CROSS JOIN: from the code's few symptoms to their rows, not from
        // every symptom's rows to the code.
        "SELECT ic.block, ic.bits FROM symptom_code sc \
         CROSS JOIN item_conditions ic ON ic.kind = 'symptom' AND ic.item_id = sc.symptom_id \
         WHERE sc.code_id = ?1",
        [code],
    )
}

fn read(conn: &Connection, sql: &str, key: impl rusqlite::Params) -> Result<Holders> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt
        .query_map(key, |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)? as u64)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Holders::from_rows(rows))
}

/// For every condition in at least one of `sets`, how many of the sets hold
/// it: (condition id, count), by id.
pub(super) fn counts<'a>(sets: impl IntoIterator<Item = &'a Holders>) -> Vec<(i64, u32)> {
    let mut rows: Vec<(i64, u64)> = sets.into_iter().flat_map(|h| h.0.iter().copied()).collect();
    rows.sort_unstable_by_key(|r| r.0);
    let mut out = Vec::new();
    let mut at = 0;
    while at < rows.len() {
        let block = rows[at].0;
        let mut tally = [0u32; 64];
        while at < rows.len() && rows[at].0 == block {
            for b in ones(rows[at].1) {
                tally[b as usize] += 1;
            }
            at += 1;
        }
        for (b, n) in tally.iter().enumerate() {
            if *n > 0 {
                out.push((block * 64 + b as i64, *n));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(ids: &[i64]) -> Holders {
        Holders::from_rows(ids.iter().map(|c| (c >> 6, 1u64 << (c & 63))).collect())
    }

    #[test]
    fn sets_hold_their_ids_across_blocks_and_the_sign_bit() {
        let ids = [0, 1, 63, 64, 127, 128, 4000, -1, -64, -65];
        let h = set(&ids);
        for c in ids {
            assert!(h.contains(c), "{c}");
        }
        for c in [2, 62, 65, 126, 129, 3999, -2, -63] {
            assert!(!h.contains(c), "{c}");
        }
        let mut sorted = ids.to_vec();
        sorted.sort();
        assert_eq!(h.ids().collect::<Vec<_>>(), sorted);
    }

    #[test]
    fn counts_tally_each_condition_over_the_sets() {
        let mut a = set(&[1, 64, 200]);
        let b = set(&[1, 63, 200, 201]);
        let c = set(&[200]);
        assert_eq!(
            counts([&a, &b, &c]),
            [(1, 2), (63, 1), (64, 1), (200, 3), (201, 1)]
        );
        a.union(&b);
        assert_eq!(a.ids().collect::<Vec<_>>(), [1, 63, 64, 200, 201]);
    }
}
