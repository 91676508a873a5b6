//! Plain-text articles into blocks, by layout. Not written yet.

use super::Block;

pub(crate) fn blocks(_source: &str) -> Vec<Block> {
    Vec::new()
}
