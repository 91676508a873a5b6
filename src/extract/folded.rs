//! One folded (lower-case, offset-keeping: [`fold`]) copy of the document
//! under extraction, shared by every reader of its blocks, sentences and
//! items: each used to fold its own copy of the part it read, and many
//! read the same part (a list item is cut, split, searched for cues and
//! medicines, each after a fold of it).
//!
//! `fold` keeps byte offsets and changes no character boundary the
//! document has, so the fold of a span is that span of the folded
//! document, byte for byte.

use std::cell::RefCell;
use std::ops::Deref;
use std::rc::Rc;

use super::text::{fold, Span};

thread_local! {
    /// The document being extracted on this thread (its address and
    /// length) and its folded copy.
    static SHARED: RefCell<Option<(usize, usize, Rc<str>)>> = const { RefCell::new(None) };
    /// How many documents this thread has shared: tells a copy apart from
    /// an earlier one at the same address (kept per copy by `hits`).
    static GENERATION: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Which sharing is current: changes whenever the shared copy does.
pub fn generation() -> u64 {
    GENERATION.with(|g| g.get())
}

/// The shared document (address and length), its folded copy and which
/// sharing it is, if any.
pub fn current() -> Option<(usize, usize, Rc<str>, u64)> {
    SHARED.with(|s| {
        s.borrow()
            .as_ref()
            .map(|(at, len, all)| (*at, *len, all.clone(), GENERATION.with(|g| g.get())))
    })
}

/// A folded span: a part of the shared copy, or a copy of its own when
/// the text is not the document being extracted.
/// The generation of the shared document, when `doc` is it (its address
/// and length): without the reference count's rise and fall of [`current`].
pub fn shared_generation(doc: &str) -> Option<u64> {
    let shared = SHARED.with(|s| {
        s.borrow()
            .as_ref()
            .is_some_and(|(at, len, _)| *at == doc.as_ptr() as usize && *len == doc.len())
    });
    shared.then(generation)
}

pub enum Lower {
    Shared(Rc<str>, usize, usize),
    Own(String),
}

impl Deref for Lower {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Lower::Shared(all, start, end) => &all[*start..*end],
            Lower::Own(own) => own,
        }
    }
}

/// `fold(span.of(doc))`, from the shared copy when `doc` is the document
/// being extracted (the same address and length: it is borrowed for the
/// whole extraction, so no other text can have them).
pub fn of(doc: &str, span: Span) -> Lower {
    let shared = SHARED.with(|s| match &*s.borrow() {
        Some((at, len, all)) if *at == doc.as_ptr() as usize && *len == doc.len() => Some(all.clone()),
        _ => None,
    });
    match shared {
        // (Slicing the document checks the span as `span.of` would.)
        Some(all) if doc.get(span.start..span.end).is_some() => Lower::Shared(all, span.start, span.end),
        _ => Lower::Own(fold(span.of(doc))),
    }
}

/// Shares `doc`'s folded copy until dropped (then the one shared before).
pub struct Sharing(Option<(usize, usize, Rc<str>)>);

pub fn share(doc: &str) -> Sharing {
    let folded: Rc<str> = Rc::from(fold(doc));
    GENERATION.with(|g| g.set(g.get() + 1));
    Sharing(SHARED.with(|s| s.replace(Some((doc.as_ptr() as usize, doc.len(), folded)))))
}

impl Drop for Sharing {
    fn drop(&mut self) {
        SHARED.with(|s| *s.borrow_mut() = self.0.take());
        // (The copy shared again is not the one `hits` may hold.)
        GENERATION.with(|g| g.set(g.get() + 1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_of_the_shared_copy_is_its_fold() {
        let doc = "Fever\u{a0}AND Chills. Ça Va: RASH";
        let _sharing = share(doc);
        for start in 0..=doc.len() {
            for end in start..=doc.len() {
                if doc.is_char_boundary(start) && doc.is_char_boundary(end) {
                    let span = Span { start, end };
                    assert_eq!(&*of(doc, span), fold(span.of(doc)), "{start}..{end}");
                }
            }
        }
        // Another text (a copy of the document) folds its own.
        let copy = doc.to_owned();
        let span = Span { start: 0, end: 5 };
        assert!(matches!(of(&copy, span), Lower::Own(_)));
        assert!(matches!(of(doc, span), Lower::Shared(..)));
    }
}
