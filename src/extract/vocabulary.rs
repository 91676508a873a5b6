//! The user-extendable vocabulary of corrections and synonyms. (Being written.)

#[derive(Debug, Clone, Default)]
pub struct Vocabulary {}
