//! HTML articles into blocks. Not written yet.

use super::Builder;

pub(crate) fn read(source: &str) -> Builder {
    let mut b = Builder::default();
    b.push(super::BlockKind::Paragraph, source);
    b
}
