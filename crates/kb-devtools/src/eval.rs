//! Precision and recall of extraction against human gold annotations.
//!
//! Gold names are paraphrased ("excess sebum (oil) production" for "the
//! skin making too much oil ( sebum )"), so names match fuzzily: lower-case
//! word sets with stop words removed and a light plural stem, compared by
//! Dice overlap, paired one-to-one best first above a threshold.

use std::collections::BTreeMap;
use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use kb::model::SeedFile;

/// A gold annotation file.
#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    pub condition: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub types: Vec<GoldType>,
    #[serde(default)]
    pub general_causes: Vec<String>,
    #[serde(default)]
    pub symptoms: Vec<String>,
    #[serde(default)]
    pub treatments: Vec<GoldTreatment>,
    /// Causes the annotator found under two or more types.
    #[serde(default)]
    pub causes_shared_across_types: Vec<GoldShared>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldShared {
    pub cause: String,
    #[serde(default)]
    pub types: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldType {
    pub name: String,
    #[serde(default)]
    pub causes: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldTreatment {
    pub name: String,
    pub kind: String,
}

/// Matched / predicted / gold counts for one category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Score {
    pub matched: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: Score) {
        self.matched += other.matched;
        self.predicted += other.predicted;
        self.gold += other.gold;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores per category for one document (or summed over many).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    /// category -> score: condition, aliases, types, type_causes (pairs),
    /// general_causes, symptoms, treatments, treatment_kinds (of matched
    /// treatments, kind right).
    pub categories: BTreeMap<String, Score>,
}

impl Report {
    /// All categories but treatment_kinds and shared_causes (which re-count
    /// treatments and type causes).
    pub fn overall(&self) -> Score {
        let mut total = Score::default();
        for (name, s) in &self.categories {
            if name != "treatment_kinds" && name != "shared_causes" {
                total.add(*s);
            }
        }
        total
    }

    /// The five kinds the corpus scoring rule counts (types, type-cause
    /// pairs, general causes, symptoms, treatments), summed: the figure
    /// per article that the README's quality table reports.
    pub fn scored(&self) -> Score {
        let mut total = Score::default();
        for name in ["types", "type_causes", "general_causes", "symptoms", "treatments"] {
            if let Some(s) = self.categories.get(name) {
                total.add(*s);
            }
        }
        total
    }

    pub fn add(&mut self, other: &Report) {
        for (name, s) in &other.categories {
            self.categories.entry(name.clone()).or_default().add(*s);
        }
    }
}

/// The article a gold file describes: `STEM.{txt,md,html}` or, without its
/// number, `NAME.{txt,md,html}` in one of the folders.
pub fn document_for(gold: &std::path::Path, dirs: &[&std::path::Path]) -> Option<std::path::PathBuf> {
    let stem = gold.file_stem()?.to_str()?;
    let bare = match stem.split_once('-') {
        Some((n, rest)) if n.chars().all(|c| c.is_ascii_digit()) => rest,
        _ => stem,
    };
    dirs.iter()
        .flat_map(|d| {
            [stem, bare]
                .into_iter()
                .flat_map(move |s| ["txt", "md", "html"].map(|ext| d.join(format!("{s}.{ext}"))))
        })
        .find(|p| p.is_file())
}

/// Similarity threshold for two names to count as the same fact.
pub const THRESHOLD: f64 = 0.5;

const STOP: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "to", "and", "or", "with", "for", "from", "by", "at", "as", "is",
    "be", "that", "may", "can", "some", "your", "you",
];

fn tokens(s: &str) -> BTreeSet<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !STOP.contains(w))
        .map(stem)
        .collect()
}

/// A light stemmer: plurals and a few suffixes, so "infections" meets
/// "infection" and "scarring" meets "scars".
fn stem(w: &str) -> String {
    let mut w = w.to_owned();
    for suffix in ["ing", "es", "s"] {
        if w.len() > suffix.len() + 3 && w.ends_with(suffix) {
            w.truncate(w.len() - suffix.len());
            break;
        }
    }
    w
}

/// Dice overlap of two names' word sets (1.0 when one set contains the other
/// and they are the same size; containment of a short name counts high).
pub fn similarity(a: &str, b: &str) -> f64 {
    let (x, y) = (tokens(a), tokens(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let common = x.intersection(&y).count() as f64;
    2.0 * common / (x.len() + y.len()) as f64
}

/// One-to-one best-first matching; returns the matched (predicted, gold)
/// index pairs.
fn pair(predicted: &[String], gold: &[String]) -> Vec<(usize, usize)> {
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (i, p) in predicted.iter().enumerate() {
        for (j, g) in gold.iter().enumerate() {
            let s = similarity(p, g);
            if s >= THRESHOLD {
                candidates.push((s, i, j));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut used_p, mut used_g) = (BTreeSet::new(), BTreeSet::new());
    let mut out = Vec::new();
    for (_, i, j) in candidates {
        if used_p.insert(i) {
            if used_g.insert(j) {
                out.push((i, j));
            } else {
                used_p.remove(&i);
            }
        }
    }
    out
}

/// How many predicted names pair one-to-one with gold names.
pub fn score(predicted: &[String], gold: &[String]) -> Score {
    Score {
        matched: pair(predicted, gold).len(),
        predicted: predicted.len(),
        gold: gold.len(),
    }
}

/// Compare one extraction (its first condition) with its gold annotation.
pub fn evaluate(seed: &SeedFile, gold: &Gold) -> Report {
    let empty = Vec::new();
    let c = seed.conditions.first();
    let names = |v: Option<Vec<String>>| v.unwrap_or_default();
    let mut r = Report::default();
    let mut put = |k: &str, s: Score| {
        r.categories.insert(k.to_owned(), s);
    };
    put(
        "condition",
        score(
            &names(c.map(|c| vec![c.name.clone()])),
            std::slice::from_ref(&gold.condition),
        ),
    );
    put(
        "aliases",
        score(
            &names(c.map(|c| c.aliases.iter().map(|a| a.name.clone()).collect())),
            &gold.aliases,
        ),
    );
    let types = c.map(|c| &c.types).unwrap_or(&empty);
    let predicted_types: Vec<String> = types.iter().map(|t| t.name.clone()).collect();
    let gold_types: Vec<String> = gold.types.iter().map(|t| t.name.clone()).collect();
    put("types", score(&predicted_types, &gold_types));

    // Type causes count as (type, cause) pairs: a cause under the wrong
    // type is wrong. Types are paired first, causes within paired types.
    let mut pairs = Score {
        matched: 0,
        predicted: types.iter().map(|t| t.causes.len()).sum(),
        gold: gold.types.iter().map(|t| t.causes.len()).sum(),
    };
    for (i, j) in pair(&predicted_types, &gold_types) {
        let p: Vec<String> = types[i].causes.iter().map(|x| x.name.clone()).collect();
        pairs.matched += pair(&p, &gold.types[j].causes).len();
    }
    put("type_causes", pairs);

    // What the relational query "causes shared across the types" answers
    // on this extraction: a cause named under two or more types.
    let mut under: BTreeMap<&str, usize> = BTreeMap::new();
    for t in types {
        for cause in t.causes.iter().map(|x| x.name.as_str()).collect::<BTreeSet<_>>() {
            *under.entry(cause).or_default() += 1;
        }
    }
    let shared: Vec<String> = under
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(c, _)| c.to_owned())
        .collect();
    let gold_shared: Vec<String> = gold
        .causes_shared_across_types
        .iter()
        .map(|s| s.cause.clone())
        .collect();
    put("shared_causes", score(&shared, &gold_shared));

    let general: Vec<String> = names(c.map(|c| c.general_causes.iter().map(|x| x.name.clone()).collect()));
    put("general_causes", score(&general, &gold.general_causes));
    let symptoms: Vec<String> = names(c.map(|c| c.symptoms.iter().map(|x| x.name.clone()).collect()));
    put("symptoms", score(&symptoms, &gold.symptoms));

    let treatments = c.map(|c| c.treatments.clone()).unwrap_or_default();
    let predicted: Vec<String> = treatments.iter().map(|t| t.name.clone()).collect();
    let gold_names: Vec<String> = gold.treatments.iter().map(|t| t.name.clone()).collect();
    let matched = pair(&predicted, &gold_names);
    put(
        "treatments",
        Score {
            matched: matched.len(),
            predicted: predicted.len(),
            gold: gold_names.len(),
        },
    );
    let kinds_right = matched
        .iter()
        .filter(|(i, j)| treatments[*i].kind.as_str() == gold.treatments[*j].kind)
        .count();
    put(
        "treatment_kinds",
        Score {
            matched: kinds_right,
            predicted: matched.len(),
            gold: matched.len(),
        },
    );
    r
}
