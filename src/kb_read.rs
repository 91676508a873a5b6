//! The read side of [`Kb`]: a condition by name, its record, causes shared
//! or unique across its types, related conditions, symptom matching, search
//! and listings. Each method is a thin call into `query`, on the handle's
//! connection.

use crate::query;
use crate::{
    CauseTypes, ConditionRecord, ConditionRef, Entry, Kb, Listing, RelatedCondition, Result, SearchHit,
    Shared, SharedItem, SymptomMatch,
};

impl Kb {
    /// Find a condition by slug, canonical name or alias (case-insensitive).
    /// An unknown name fails with [`Error::UnknownCondition`](crate::Error::UnknownCondition), which carries
    /// close matches; a name that stands for two or more conditions fails
    /// with [`Error::AmbiguousCondition`](crate::Error::AmbiguousCondition), which lists them.
    ///
    /// ```
    /// # let mut kb = kb::Kb::open_in_memory()?;
    /// # kb.migrate()?;
    /// kb.seed(&kb::Source::builtin())?;
    /// // By name, by a type's name, or by a known misspelling.
    /// for name in ["Calcinosis Cutis", "metastatic calcinosis cutis", "latrogenic calcinosis cutis"] {
    ///     assert_eq!(kb.find_condition(name)?.slug, "calcinosis-cutis");
    /// }
    /// assert!(matches!(kb.find_condition("psoriasis"), Err(kb::Error::UnknownCondition { .. })));
    /// # Ok::<(), kb::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::UnknownCondition`](crate::Error::UnknownCondition) (with suggestions) or
    /// [`Error::AmbiguousCondition`](crate::Error::AmbiguousCondition) (with candidates), as above;
    /// [`Error::Database`](crate::Error::Database) when SQLite fails.
    pub fn find_condition(&self, name: &str) -> Result<ConditionRef> {
        query::find_condition(&self.conn, name).map(|(_, c)| c)
    }

    /// The full record of a condition: aliases, types with their causes,
    /// general causes, symptoms and treatments, each with its sources.
    ///
    /// ```
    /// # let mut kb = kb::Kb::open_in_memory()?;
    /// # kb.migrate()?;
    /// kb.seed(&kb::Source::builtin())?;
    /// let record = kb.condition("Calcinosis Cutis")?;
    /// assert!(record.types.iter().any(|t| t.name == "iatrogenic calcinosis cutis"));
    /// // Every fact carries the verbatim quote it was read from.
    /// let first = &record.symptoms[0].sources[0];
    /// assert!(first.end_byte > first.start_byte && !first.quote.is_empty());
    /// # Ok::<(), kb::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::UnknownCondition`](crate::Error::UnknownCondition) or [`Error::AmbiguousCondition`](crate::Error::AmbiguousCondition) when
    /// `condition` does not name exactly one condition (see
    /// [`Kb::find_condition`]); [`Error::Database`](crate::Error::Database) when SQLite fails.
    pub fn condition(&self, name: &str) -> Result<ConditionRecord> {
        query::condition_record(&self.conn, name)
    }

    /// Causes that belong to two or more types of `condition`, each with the
    /// types it belongs to.
    ///
    /// ```
    /// # let mut kb = kb::Kb::open_in_memory()?;
    /// # kb.migrate()?;
    /// # kb.seed(&kb::Source::builtin())?;
    /// for shared in kb.shared_causes_across_types("calcinosis-cutis")? {
    ///     assert!(shared.types.len() >= 2);
    /// }
    /// // An unknown name is an error that suggests close names.
    /// let err = kb.shared_causes_across_types("calcinosis cutiss").unwrap_err();
    /// assert!(err.to_string().contains("did you mean 'calcinosis cutis'"));
    /// # Ok::<(), kb::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::UnknownCondition`](crate::Error::UnknownCondition) or [`Error::AmbiguousCondition`](crate::Error::AmbiguousCondition) when
    /// `condition` does not name exactly one condition (see
    /// [`Kb::find_condition`]); [`Error::Database`](crate::Error::Database) when SQLite fails.
    pub fn shared_causes_across_types(&self, condition: &str) -> Result<Vec<CauseTypes>> {
        query::shared_causes_across_types(&self.conn, condition)
    }

    /// Causes that belong to exactly one type of `condition`.
    ///
    /// ```
    /// # let mut kb = kb::Kb::open_in_memory()?;
    /// # kb.migrate()?;
    /// kb.seed(&kb::Source::builtin())?;
    /// let unique = kb.causes_unique_to_type("calcinosis cutis")?;
    /// assert!(!unique.is_empty());
    /// // Each is listed under exactly one type in the full record.
    /// let record = kb.condition("calcinosis cutis")?;
    /// for cause in &unique {
    ///     let holders = record.types.iter().filter(|t| t.causes.iter().any(|c| c.slug == cause.slug));
    ///     assert_eq!(holders.count(), 1);
    /// }
    /// # Ok::<(), kb::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::UnknownCondition`](crate::Error::UnknownCondition) or [`Error::AmbiguousCondition`](crate::Error::AmbiguousCondition) when
    /// `condition` does not name exactly one condition (see
    /// [`Kb::find_condition`]); [`Error::Database`](crate::Error::Database) when SQLite fails.
    pub fn causes_unique_to_type(&self, condition: &str) -> Result<Vec<CauseTypes>> {
        query::causes_unique_to_type(&self.conn, condition)
    }

    /// Causes, symptoms or treatments cited for two or more conditions.
    ///
    /// ```
    /// # let mut kb = kb::Kb::open_in_memory()?;
    /// # kb.migrate()?;
    /// kb.seed(&kb::Source::builtin())?;
    /// // A second article, sharing a symptom and a treatment with the first.
    /// let article = "Why do I get heat bumps ?\n\nHEAT BUMPS :\n\nHeat bumps appear when sweat is trapped .\n\n\
    ///     WHAT ARE THE SIGNS AND SYMPTOMS OF HEAT BUMPS ?\n\n  • ulceration\n  • itching\n\n\
    ///     HOW TO TREAT HEAT BUMPS ?\n\n  • colchicine\n";
    /// kb.seed(&kb::Source::from_files("docs", vec![("heat-bumps.txt".into(), article.into())]))?;
    /// let shared = kb.shared_across_conditions(kb::Shared::Symptom)?;
    /// let ulceration = shared.iter().find(|s| s.name == "ulceration").unwrap();
    /// assert_eq!(ulceration.conditions, ["calcinosis cutis", "heat bumps"]);
    /// assert!(!shared.iter().any(|s| s.name == "itching"), "only heat bumps has it");
    /// # Ok::<(), kb::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Database`](crate::Error::Database) when SQLite fails (a database that was never
    /// migrated has no tables to read).
    pub fn shared_across_conditions(&self, kind: Shared) -> Result<Vec<SharedItem>> {
        query::shared_across_conditions(&self.conn, kind)
    }

    /// Other conditions that share a cause, symptom or treatment with
    /// `condition`, most in common first (ties by slug).
    ///
    /// ```
    /// # let mut kb = kb::Kb::open_in_memory()?;
    /// # kb.migrate()?;
    /// kb.seed(&kb::Source::builtin())?;
    /// // A second article, sharing a symptom and a treatment with the first.
    /// let article = "Why do I get heat bumps ?\n\nHEAT BUMPS :\n\nHeat bumps appear when sweat is trapped .\n\n\
    ///     WHAT ARE THE SIGNS AND SYMPTOMS OF HEAT BUMPS ?\n\n  • ulceration\n  • itching\n\n\
    ///     HOW TO TREAT HEAT BUMPS ?\n\n  • colchicine\n";
    /// kb.seed(&kb::Source::from_files("docs", vec![("heat-bumps.txt".into(), article.into())]))?;
    /// let related = kb.related_conditions("heat bumps")?;
    /// assert_eq!(related.len(), 1);
    /// assert_eq!(related[0].condition, "calcinosis cutis");
    /// assert_eq!((related[0].symptoms.as_slice(), related[0].treatments.as_slice()), (&["ulceration".to_owned()][..], &["colchicine".to_owned()][..]));
    /// # Ok::<(), kb::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::UnknownCondition`](crate::Error::UnknownCondition) or [`Error::AmbiguousCondition`](crate::Error::AmbiguousCondition) when
    /// `condition` does not name exactly one condition (see
    /// [`Kb::find_condition`]); [`Error::Database`](crate::Error::Database) when SQLite fails.
    pub fn related_conditions(&self, condition: &str) -> Result<Vec<RelatedCondition>> {
        query::related_conditions(&self.conn, condition, None)
    }

    /// [`Kb::related_conditions`], only the `limit` with most in common
    /// (ties by slug). Ranked in SQL, so it costs little more than the
    /// answer even when a condition shares something with thousands.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownCondition`](crate::Error::UnknownCondition) or [`Error::AmbiguousCondition`](crate::Error::AmbiguousCondition) when
    /// `condition` does not name exactly one condition (see
    /// [`Kb::find_condition`]); [`Error::Database`](crate::Error::Database) when SQLite fails.
    pub fn related_conditions_top(&self, condition: &str, limit: usize) -> Result<Vec<RelatedCondition>> {
        query::related_conditions(&self.conn, condition, Some(limit))
    }

    /// Conditions ranked by how many of `symptoms` match theirs.
    ///
    /// ```
    /// # let mut kb = kb::Kb::open_in_memory()?;
    /// # kb.migrate()?;
    /// kb.seed(&kb::Source::builtin())?;
    /// // Stemmed, word by word: 'ulcerations' matches the symptom 'ulceration'.
    /// let ranked = kb.match_symptoms(&["ulcerations", "hiccups"])?;
    /// assert_eq!(ranked[0].condition, "calcinosis cutis");
    /// assert_eq!(ranked[0].matched_terms, ["ulcerations"]);
    /// # Ok::<(), kb::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Database`](crate::Error::Database) when SQLite fails (a database that was never
    /// migrated has no tables to read).
    pub fn match_symptoms<S: AsRef<str>>(&self, symptoms: &[S]) -> Result<Vec<SymptomMatch>> {
        let terms: Vec<&str> = symptoms.iter().map(AsRef::as_ref).collect();
        query::match_symptoms(&self.conn, &terms, None)
    }

    /// [`Kb::match_symptoms`], only the `limit` best: names and symptom
    /// counts are read only for the conditions matching as many terms as
    /// the last one kept.
    ///
    /// # Errors
    ///
    /// As [`Kb::match_symptoms`].
    pub fn match_symptoms_top<S: AsRef<str>>(
        &self,
        symptoms: &[S],
        limit: usize,
    ) -> Result<Vec<SymptomMatch>> {
        let terms: Vec<&str> = symptoms.iter().map(AsRef::as_ref).collect();
        query::match_symptoms(&self.conn, &terms, Some(limit))
    }

    /// Full-text search over names, aliases and the source text.
    ///
    /// ```
    /// # let mut kb = kb::Kb::open_in_memory()?;
    /// # kb.migrate()?;
    /// # kb.seed(&kb::Source::builtin())?;
    /// // Stemmed: 'infection' finds the cause named 'infections'.
    /// let hits = kb.search("infection", 10)?;
    /// assert!(hits.iter().any(|h| h.name == "infections" && h.condition == "calcinosis cutis"));
    /// # Ok::<(), kb::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Database`](crate::Error::Database) when SQLite fails (a database that was never
    /// migrated has no tables to read).
    pub fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>> {
        query::search(&self.conn, text, limit)
    }

    /// All conditions, causes, symptoms or treatments.
    ///
    /// ```
    /// # let mut kb = kb::Kb::open_in_memory()?;
    /// # kb.migrate()?;
    /// kb.seed(&kb::Source::builtin())?;
    /// let conditions = kb.list(kb::Listing::Conditions)?;
    /// assert_eq!(conditions.len(), 1);
    /// assert_eq!(conditions[0].name, "calcinosis cutis");
    /// // Treatments carry their kind; with one condition each is cited once.
    /// for t in kb.list(kb::Listing::Treatments)? {
    ///     assert!(t.kind.is_some() && t.conditions == 1);
    /// }
    /// # Ok::<(), kb::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Database`](crate::Error::Database) when SQLite fails (a database that was never
    /// migrated has no tables to read).
    pub fn list(&self, what: Listing) -> Result<Vec<Entry>> {
        query::list(&self.conn, what)
    }
}
