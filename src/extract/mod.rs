//! Extraction of seed data from informal health articles. (Being written.)

use crate::model::SeedFile;

pub mod vocabulary;
pub use vocabulary::Vocabulary;

/// Extract the structured seed data of one document.
pub fn extract(text: &str, document_path: &str, vocabulary: &Vocabulary) -> SeedFile {
    let _ = (text, document_path, vocabulary);
    unimplemented!("extractor not written yet")
}
