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
