//! A deterministic synthetic corpus: articles in the styles kb reads, each
//! with its ground truth as a seed file whose quotes are exact.
//!
//! Used by the scale benchmarks and fault tests (thousands of documents with
//! known content) and to measure the extractor on text it was not tuned on.

use kb::model::{
    ConditionSeed, DocumentRef, FactSeed, Quote, SeedFile, TreatmentKind, TreatmentSeed, TypeSeed,
    SEED_FORMAT,
};
use kb::text::sha256_hex;

/// One generated article and its ground truth.
pub struct Article {
    /// File stem, e.g. `synthetic-00042`.
    pub name: String,
    pub text: String,
    pub truth: SeedFile,
}

const PREFIXES: &[&str] = &[
    "derm", "kerat", "melan", "sebo", "papul", "vascul", "lichen", "pruri", "follic", "hidr", "onych",
    "trich", "calc", "erythr", "scler", "xer", "ichthy", "lipo", "cyst", "fibr",
];
const SUFFIXES: &[&str] = &[
    "itis", "osis", "algia", "oma", "emia", "opathy", "iasis", "odermia",
];
const QUALIFIERS: &[&str] = &[
    "chronic", "acute", "nodular", "diffuse", "familial", "reactive", "atypical", "local",
];
const TYPE_WORDS: &[&str] = &[
    "primary",
    "secondary",
    "juvenile",
    "adult",
    "inflammatory",
    "hereditary",
    "acquired",
    "occupational",
    "seasonal",
    "drug-induced",
];
/// A shared pool, so conditions and types really do share causes.
const CAUSES: &[&str] = &[
    "stress",
    "heat",
    "friction",
    "sunlight",
    "smoking",
    "alcohol",
    "obesity",
    "diabetes",
    "pregnancy",
    "hormonal changes",
    "family history",
    "tight clothing",
    "cold weather",
    "spicy food",
    "poor sleep",
    "viral infection",
    "bacterial infection",
    "fungal infection",
    "insect bites",
    "harsh soaps",
    "nickel allergy",
    "latex allergy",
    "thyroid disease",
    "kidney disease",
    "liver disease",
    "iron deficiency",
    "vitamin d deficiency",
    "certain antibiotics",
    "steroid creams",
    "chemotherapy",
    "radiation therapy",
    "repeated injury",
    "excessive washing",
    "dry air",
    "hot showers",
    "wool fabrics",
    "dust mites",
    "pet dander",
    "pollen",
    "anxiety",
];
const SYMPTOMS: &[&str] = &[
    "itching",
    "redness",
    "dry skin",
    "scaling",
    "small bumps",
    "blisters",
    "pain",
    "burning",
    "swelling",
    "dark patches",
    "pale patches",
    "thickened skin",
    "cracking",
    "oozing",
    "crusting",
    "hair loss",
    "nail pitting",
    "tenderness",
    "warmth",
    "fever",
    "fatigue",
    "joint stiffness",
    "scarring",
    "bleeding",
];
const TREATMENTS: &[(&str, TreatmentKind)] = &[
    ("emollients", TreatmentKind::SelfCare),
    ("cool compresses", TreatmentKind::SelfCare),
    ("avoiding triggers", TreatmentKind::SelfCare),
    ("loose cotton clothing", TreatmentKind::SelfCare),
    ("hydrocortisone cream", TreatmentKind::Medication),
    ("antihistamines", TreatmentKind::Medication),
    ("oral antibiotics", TreatmentKind::Medication),
    ("antifungal cream", TreatmentKind::Medication),
    ("retinoids", TreatmentKind::Medication),
    ("calcineurin inhibitors", TreatmentKind::Medication),
    ("phototherapy", TreatmentKind::Procedure),
    ("cryotherapy", TreatmentKind::Procedure),
    ("laser treatment", TreatmentKind::Procedure),
    ("surgical excision", TreatmentKind::Procedure),
    ("steroid injections", TreatmentKind::Procedure),
    ("referral to a dermatologist", TreatmentKind::Other),
];

/// Generate article `index` of a corpus; the same (seed, index) always gives
/// the same article.
pub fn article(seed: u64, index: usize) -> Article {
    let mut rng = fastrand::Rng::with_seed(seed ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let name = format!(
        "{}{} {}",
        rng.choice(PREFIXES).unwrap(),
        rng.choice(SUFFIXES).unwrap(),
        index_word(index)
    );
    let condition = format!("{} {}", rng.choice(QUALIFIERS).unwrap(), name);
    let style = index % 3;
    let mut w = Writer::default();

    w.push(&format!("What causes {condition} and how is it treated ?\n\n"));
    let heading = match style {
        0 => format!("{} :", condition.to_uppercase()),
        1 => format!("# {} :", capitalize(&condition)),
        _ => capitalize(&condition),
    };
    let heading_start = w.text.len() + heading.find(|c: char| c.is_alphanumeric()).unwrap_or(0);
    w.push(&heading);
    let condition_quote = w.quote_at(heading_start, heading_start + condition.len());
    w.push(&format!(
        "\n\n{} is a skin condition that many people get at some point .\u{a0}It can come and go .\n\n",
        capitalize(&condition)
    ));

    // Symptoms.
    w.push(&section(
        style,
        &format!(
            "WHAT ARE THE SIGNS AND SYMPTOMS OF {} ?",
            condition.to_uppercase()
        ),
        "Signs and symptoms",
    ));
    let mut symptoms = Vec::new();
    for s in pick(&mut rng, SYMPTOMS, 2, 5) {
        symptoms.push(FactSeed {
            name: s.to_string(),
            quote: w.bullet(style, s),
        });
    }
    w.push("\n");

    // Types and their causes.
    w.push(&section(
        style,
        &format!("WHAT ARE THE CAUSES OF {} ?", condition.to_uppercase()),
        "Types and causes",
    ));
    let type_count = rng.usize(2..=4);
    w.push(&format!(
        "{} is classified into {type_count} main types :\n\n",
        capitalize(&condition)
    ));
    let mut types = Vec::new();
    for (i, word) in pick(&mut rng, TYPE_WORDS, type_count, type_count)
        .into_iter()
        .enumerate()
    {
        let type_name = format!("{word} {condition}");
        let line = match style {
            0 => format!("{}. {} :", i + 1, type_name.to_uppercase()),
            1 => format!("### {}. {}", i + 1, capitalize(&type_name)),
            _ => format!("Type {} - {}", i + 1, capitalize(&type_name)),
        };
        let start = w.text.len() + line.len() - type_name.len() - if style == 0 { 2 } else { 0 };
        w.push(&line);
        let quote = w.quote_at(start, start + type_name.len());
        w.push("\nCommon causes include :\n");
        let mut causes = Vec::new();
        for c in pick(&mut rng, CAUSES, 1, 5) {
            causes.push(FactSeed {
                name: c.to_string(),
                quote: w.bullet(style, c),
            });
        }
        w.push("\n");
        types.push(TypeSeed {
            name: type_name,
            quote,
            aliases: Vec::new(),
            causes,
        });
    }

    // Treatments: a bullet list.
    w.push(&section(
        style,
        &format!("HOW TO TREAT {} ?", condition.to_uppercase()),
        "Treatment",
    ));
    let mut treatments = Vec::new();
    for (t, kind) in pick(&mut rng, TREATMENTS, 2, 5) {
        treatments.push(TreatmentSeed {
            name: t.to_string(),
            kind: *kind,
            quote: w.bullet(style, t),
            notes: Vec::new(),
        });
    }
    w.push("\n\n\nComments\n\nPopular posts from this blog\n\nWhat is the main cause of lipoma ?\n");

    let truth = SeedFile {
        format: SEED_FORMAT,
        document: DocumentRef {
            path: format!("synthetic-{index:05}.txt"),
            title: w.text.lines().next().map(|l| l.trim().to_owned()),
            sha256: sha256_hex(w.text.as_bytes()),
        },
        conditions: vec![ConditionSeed {
            name: condition,
            quote: condition_quote,
            aliases: Vec::new(),
            types,
            general_causes: Vec::new(),
            symptoms,
            treatments,
        }],
    };
    Article {
        name: format!("synthetic-{index:05}"),
        text: w.text,
        truth,
    }
}

/// Write articles `0..count` (text and ground-truth seed file) into `dir`.
pub fn write_corpus(dir: &std::path::Path, seed: u64, count: usize) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for i in 0..count {
        let a = article(seed, i);
        std::fs::write(dir.join(format!("{}.txt", a.name)), &a.text)?;
        let json = serde_json::to_string_pretty(&a.truth).map_err(std::io::Error::other)?;
        std::fs::write(dir.join(format!("{}.json", a.name)), json + "\n")?;
    }
    Ok(())
}

#[derive(Default)]
struct Writer {
    text: String,
}

impl Writer {
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
    }

    fn quote_at(&self, start: usize, end: usize) -> Quote {
        Quote {
            text: self.text[start..end].to_owned(),
            start,
            end,
        }
    }

    /// One bullet line in the style's marker; returns the item's quote.
    fn bullet(&mut self, style: usize, item: &str) -> Quote {
        let marker = ["  \u{2022} ", "- ", "* "][style];
        self.push(marker);
        let start = self.text.len();
        self.push(item);
        let quote = self.quote_at(start, self.text.len());
        self.push("\u{a0}\n");
        quote
    }
}

fn section(style: usize, caps: &str, plain: &str) -> String {
    match style {
        0 => format!("{caps}\n\n"),
        1 => format!("## {plain}\n\n"),
        _ => format!("{}\n\n", capitalize(&caps.to_lowercase())),
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A pronounceable, unique word for an index, so every condition differs.
fn index_word(mut i: usize) -> String {
    const SYL: &[&str] = &["ba", "ko", "ri", "tu", "me", "sa", "lo", "vi", "ne", "du"];
    let mut out = String::new();
    loop {
        out.push_str(SYL[i % 10]);
        i /= 10;
        if i == 0 {
            break;
        }
    }
    out
}

fn pick<'a, T>(rng: &mut fastrand::Rng, pool: &'a [T], min: usize, max: usize) -> Vec<&'a T> {
    let n = rng.usize(min..=max).min(pool.len());
    let mut idx: Vec<usize> = (0..pool.len()).collect();
    rng.shuffle(&mut idx);
    idx.truncate(n);
    idx.into_iter().map(|i| &pool[i]).collect()
}
