//! Output formatting: every command prints a table, JSON or CSV of the same
//! typed result.

use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};
use serde::Serialize;

use kb::{MigrationStatus, SqlResult};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable table
    Table,
    /// JSON (one document)
    Json,
    /// CSV with a header row
    Csv,
}

/// Rows of plain cells, for the table and CSV renderings.
pub struct Grid {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Grid {
    pub fn new<const N: usize>(headers: [&str; N]) -> Self {
        Grid {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }
}

/// Print `value` as JSON, or `grid` as a table or CSV.
pub fn emit<T: Serialize + ?Sized>(value: &T, grid: &Grid, format: Format) {
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(value).expect("results serialise")
        ),
        Format::Csv => print_csv(grid),
        Format::Table => print_table(grid),
    }
}

pub fn print_table(grid: &Grid) {
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(&grid.headers);
    for row in &grid.rows {
        table.add_row(row);
    }
    println!("{table}");
}

fn print_csv(grid: &Grid) {
    let mut w = csv::Writer::from_writer(std::io::stdout().lock());
    // Writing to stdout only fails when the reader went away (a closed pipe);
    // there is nobody left to tell, so stop quietly.
    let _ = w.write_record(&grid.headers);
    for row in &grid.rows {
        let _ = w.write_record(row);
    }
    let _ = w.flush();
}

pub fn sql_result(result: &SqlResult, format: Format) {
    if result.columns.is_empty() {
        return;
    }
    let grid = Grid {
        headers: result.columns.clone(),
        rows: result
            .rows
            .iter()
            .map(|r| r.iter().map(|v| v.to_string()).collect())
            .collect(),
    };
    match format {
        // Objects keyed by column name: what a JSON consumer expects.
        Format::Json => {
            let objects: Vec<serde_json::Map<String, serde_json::Value>> = result
                .rows
                .iter()
                .map(|r| {
                    result
                        .columns
                        .iter()
                        .cloned()
                        .zip(
                            r.iter()
                                .map(|v| serde_json::to_value(v).expect("values serialise")),
                        )
                        .collect()
                })
                .collect();
            emit(&objects, &grid, format)
        }
        _ => emit(result, &grid, format),
    }
}

pub fn migration_status(status: &MigrationStatus, format: Format) {
    let mut grid = Grid::new(["version", "name", "state", "applied_on"]);
    for m in &status.applied {
        grid.row(vec![
            m.version.to_string(),
            m.name.clone(),
            "applied".into(),
            m.applied_on.clone().unwrap_or_default(),
        ]);
    }
    for m in &status.pending {
        grid.row(vec![
            m.version.to_string(),
            m.name.clone(),
            "pending".into(),
            String::new(),
        ]);
    }
    emit(status, &grid, format);
}

pub fn seed_summary(summary: &kb::SeedSummary, format: Format) {
    let mut grid = Grid::new(["table", "inserted", "updated", "unchanged", "removed"]);
    let mut push = |name: &str, c: &kb::Counts| {
        grid.row(vec![
            name.to_owned(),
            c.inserted.to_string(),
            c.updated.to_string(),
            c.unchanged.to_string(),
            c.removed.to_string(),
        ])
    };
    for (table, counts) in &summary.tables {
        push(table, counts);
    }
    push("total", &summary.total());
    emit(summary, &grid, format);
}

fn names(items: &[kb::Item]) -> String {
    items
        .iter()
        .map(|i| i.name.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// A condition at a glance: one line per type with its causes, then the
/// general causes, symptoms and treatments.
pub fn condition_summary(r: &kb::ConditionRecord) -> String {
    use std::fmt::Write;
    let mut out = format!("{} ({})\n", r.condition, r.slug);
    if !r.aliases.is_empty() {
        let _ = writeln!(out, "  also known as: {}", r.aliases.join(", "));
    }
    for t in &r.types {
        let causes = if t.causes.is_empty() {
            "(no cause given)".to_owned()
        } else {
            names(&t.causes)
        };
        let _ = writeln!(out, "  type {}: {causes}", t.name);
    }
    if !r.general_causes.is_empty() {
        let _ = writeln!(out, "  general causes: {}", names(&r.general_causes));
    }
    if !r.symptoms.is_empty() {
        let _ = writeln!(out, "  symptoms: {}", crate::cli::export::with_codes(&r.symptoms));
    }
    if !r.treatments.is_empty() {
        let list: Vec<String> = r
            .treatments
            .iter()
            .map(|t| format!("{} ({})", t.name, t.kind))
            .collect();
        let _ = writeln!(out, "  treatments: {}", list.join("; "));
    }
    out
}

/// `document:line "quote"`. CSV carries the quote verbatim, as stored; a
/// terminal table folds its white space (no-break spaces, line breaks) so
/// columns stay aligned.
fn quoted(p: &kb::Provenance, verbatim: bool) -> String {
    let quote = if verbatim {
        p.quote.clone()
    } else {
        p.quote.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    format!("{}:{} \"{quote}\"", p.document, p.line)
}

/// A condition record: JSON as is; table and CSV as one row per fact.
pub fn condition_record(r: &kb::ConditionRecord, format: Format, with_quotes: bool) {
    let mut grid = Grid::new(["section", "type", "name", "detail", "source"]);
    let mut fact = |section: &str, ty: &str, name: &str, detail: String, sources: &[kb::Provenance]| {
        let source = if with_quotes || format == Format::Csv {
            let verbatim = format == Format::Csv;
            sources
                .iter()
                .map(|p| quoted(p, verbatim))
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            sources
                .iter()
                .map(|p| format!("{}:{}", p.document, p.line))
                .collect::<Vec<_>>()
                .join(", ")
        };
        grid.row(vec![section.into(), ty.into(), name.into(), detail, source]);
    };
    fact("condition", "", &r.condition, r.aliases.join("; "), &r.sources);
    for t in &r.types {
        fact("type", &t.name, &t.name, t.aliases.join("; "), &t.sources);
        for c in &t.causes {
            fact("cause", &t.name, &c.name, String::new(), &c.sources);
        }
    }
    for c in &r.general_causes {
        fact("cause", "(any)", &c.name, String::new(), &c.sources);
    }
    for s in &r.symptoms {
        let codes: Vec<String> = s
            .codes
            .iter()
            .map(|c| format!("{} {}", c.code, c.label))
            .collect();
        fact("symptom", "", &s.name, codes.join("; "), &s.sources);
    }
    for t in &r.treatments {
        let notes = t
            .notes
            .iter()
            .map(|n| format!("{}: {}", n.kind, n.text))
            .collect::<Vec<_>>();
        let detail = std::iter::once(t.kind.to_string())
            .chain(notes)
            .collect::<Vec<_>>()
            .join("\n");
        fact("treatment", "", &t.name, detail, &t.sources);
    }
    if format == Format::Table {
        print!("{}", condition_summary(r));
        println!();
    }
    emit(r, &grid, format);
}

pub fn cause_types(rows: &[kb::CauseTypes], format: Format) {
    let mut grid = Grid::new(["cause", "types"]);
    for r in rows {
        grid.row(vec![r.cause.clone(), r.types.join("; ")]);
    }
    emit(rows, &grid, format);
}

pub fn shared_items(rows: &[kb::SharedItem], label: &str, format: Format) {
    let mut grid = Grid::new([label, "conditions"]);
    for r in rows {
        grid.row(vec![r.name.clone(), r.conditions.join("; ")]);
    }
    emit(rows, &grid, format);
}

pub fn shared_by_kind(rows: &[(&str, kb::SharedItem)], format: Format) {
    let mut grid = Grid::new(["kind", "name", "conditions"]);
    for (kind, r) in rows {
        grid.row(vec![kind.to_string(), r.name.clone(), r.conditions.join("; ")]);
    }
    #[derive(Serialize)]
    struct Row<'a> {
        kind: &'a str,
        #[serde(flatten)]
        item: &'a kb::SharedItem,
    }
    let json: Vec<Row> = rows.iter().map(|(kind, item)| Row { kind, item }).collect();
    emit(&json, &grid, format);
}

pub fn related(rows: &[kb::RelatedCondition], format: Format) {
    let mut grid = Grid::new([
        "condition",
        "shared causes",
        "shared symptoms",
        "shared treatments",
    ]);
    for r in rows {
        grid.row(vec![
            r.condition.clone(),
            r.causes.join("; "),
            r.symptoms.join("; "),
            r.treatments.join("; "),
        ]);
    }
    emit(rows, &grid, format);
}

pub fn search_hits(rows: &[kb::SearchHit], format: Format) {
    let mut grid = Grid::new(["kind", "condition", "name", "matched", "source"]);
    for h in rows {
        let name = match &h.r#type {
            Some(t) if h.kind != kb::FactKind::Type => format!("{} ({t})", h.name),
            _ => h.name.clone(),
        };
        // Text hits show the passage with the matched words bracketed, and
        // the facts stated in it.
        let verbatim = format == Format::Csv;
        let mut source = match &h.snippet {
            Some(snippet) => quoted(
                &kb::Provenance {
                    quote: snippet.clone(),
                    ..h.source.clone()
                },
                verbatim,
            ),
            None => quoted(&h.source, verbatim),
        };
        for f in &h.facts {
            source.push_str(&format!("\n  {}: {}", f.kind, f.name));
        }
        grid.row(vec![
            h.kind.to_string(),
            h.condition.clone(),
            name,
            h.matched.clone(),
            source,
        ]);
    }
    emit(rows, &grid, format);
}

pub fn entries(rows: &[kb::Entry], format: Format) {
    let mut grid = Grid::new(["slug", "name", "kind", "conditions"]);
    for e in rows {
        grid.row(vec![
            e.slug.clone(),
            e.name.clone(),
            e.kind.map(|k| k.to_string()).unwrap_or_default(),
            e.conditions.to_string(),
        ]);
    }
    emit(rows, &grid, format);
}

pub fn symptom_matches(rows: &[kb::SymptomMatch], format: Format) {
    let mut grid = Grid::new(["condition", "score", "matched terms", "matched symptoms", "of"]);
    for m in rows {
        grid.row(vec![
            m.condition.clone(),
            format!("{:.3}", m.score),
            m.matched_terms.join("; "),
            m.matched_symptoms.join("; "),
            m.total_symptoms.to_string(),
        ]);
    }
    emit(rows, &grid, format);
}
