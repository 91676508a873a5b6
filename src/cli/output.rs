//! Output formatting: every command prints a table, JSON, JSON lines, CSV
//! or TSV of the same typed result. CSV and TSV headers are the JSON field
//! names, so a script can switch formats without renaming anything.

use std::io::Write;

use serde::Serialize;

use kb::{MigrationStatus, SqlValue};

use super::table::{terminal_width, TableWriter};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable table, fitted to the terminal (COLUMNS)
    Table,
    /// JSON (one document)
    Json,
    /// JSON lines: one compact object per line
    Jsonl,
    /// CSV with a header row
    Csv,
    /// Tab-separated, header row first; tabs, line breaks and backslashes in
    /// values are written as \t, \n, \r and \\
    Tsv,
}

/// Rows of plain cells, for the table, CSV and TSV renderings.
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

/// Standard output failing means the reader went away (SIGPIPE is left at
/// its default, so a closed pipe ends kb before this) or the disk is full.
fn stdout_error(source: std::io::Error) -> kb::Error {
    kb::Error::Write {
        path: "<standard output>".into(),
        source,
    }
}

/// Print `value` as JSON (lines), or `grid` as a table, CSV or TSV.
pub fn emit<T: Serialize + ?Sized>(value: &T, grid: &Grid, format: Format) {
    let result = match format {
        Format::Json => {
            let mut out = std::io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, value)
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(out))
        }
        Format::Jsonl => print_jsonl(value),
        Format::Csv | Format::Tsv => {
            let mut sink = DelimitedSink::new(std::io::stdout().lock(), format);
            let mut result = sink.header(&grid.headers);
            for row in &grid.rows {
                result = result.and_then(|()| sink.record(row));
            }
            result.and_then(|()| sink.finish())
        }
        Format::Table => print_table(grid),
    };
    // Nothing left to tell when standard output is gone.
    let _ = result;
}

/// One compact JSON value per line: each element of an array, else the
/// value itself.
fn print_jsonl<T: Serialize + ?Sized>(value: &T) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match serde_json::to_value(value).map_err(std::io::Error::from)? {
        serde_json::Value::Array(items) => {
            for item in items {
                serde_json::to_writer(&mut out, &item)?;
                writeln!(out)?;
            }
        }
        other => {
            serde_json::to_writer(&mut out, &other)?;
            writeln!(out)?;
        }
    }
    out.flush()
}

pub fn print_table(grid: &Grid) -> std::io::Result<()> {
    if grid.rows.is_empty() {
        eprintln!("(no results)");
        return Ok(());
    }
    let mut table = TableWriter::new(
        std::io::BufWriter::new(std::io::stdout().lock()),
        &grid.headers,
        terminal_width(),
    );
    for row in &grid.rows {
        table.row(row)?;
    }
    table.finish().map(|_| ())
}

/// CSV or TSV, record by record.
struct DelimitedSink<W: Write> {
    csv: Option<csv::Writer<W>>,
    tsv: Option<std::io::BufWriter<W>>,
}

impl<W: Write> DelimitedSink<W> {
    fn new(out: W, format: Format) -> Self {
        if format == Format::Tsv {
            DelimitedSink {
                csv: None,
                tsv: Some(std::io::BufWriter::new(out)),
            }
        } else {
            DelimitedSink {
                csv: Some(csv::Writer::from_writer(out)),
                tsv: None,
            }
        }
    }

    fn header<S: AsRef<str>>(&mut self, headers: &[S]) -> std::io::Result<()> {
        self.record(headers)
    }

    fn record<S: AsRef<str>>(&mut self, cells: &[S]) -> std::io::Result<()> {
        if let Some(w) = &mut self.csv {
            return w
                .write_record(cells.iter().map(|c| c.as_ref().as_bytes()))
                .map_err(std::io::Error::other);
        }
        if let Some(w) = &mut self.tsv {
            for (i, cell) in cells.iter().enumerate() {
                if i > 0 {
                    w.write_all(b"\t")?;
                }
                w.write_all(tsv_escape(cell.as_ref()).as_bytes())?;
            }
            w.write_all(b"\n")?;
        }
        Ok(())
    }

    fn finish(&mut self) -> std::io::Result<()> {
        if let Some(w) = &mut self.csv {
            w.flush()?;
        }
        if let Some(w) = &mut self.tsv {
            w.flush()?;
        }
        Ok(())
    }
}

/// A TSV value: the characters that would break the format escaped, as
/// PostgreSQL's COPY text format and `mlr --tsv` read them.
fn tsv_escape(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(['\t', '\n', '\r', '\\']) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.into()
}

/// Streams `kb sql` rows to standard output in any format, holding at most
/// the first rows of a table (for its column widths).
pub struct SqlSink {
    format: Format,
    out: std::io::BufWriter<std::io::StdoutLock<'static>>,
    columns: Vec<String>,
    rows: usize,
    table: Option<TableWriter<std::io::BufWriter<std::io::StdoutLock<'static>>>>,
    delimited: Option<DelimitedSink<std::io::StdoutLock<'static>>>,
}

impl SqlSink {
    pub fn new(format: Format) -> Self {
        SqlSink {
            format,
            out: std::io::BufWriter::new(std::io::stdout().lock()),
            columns: Vec::new(),
            rows: 0,
            table: None,
            delimited: None,
        }
    }

    /// Close the output (the JSON array, the table's border); says so on
    /// standard error when there was no row.
    pub fn finish(mut self) -> kb::Result<()> {
        if let Some(table) = self.table.take() {
            if self.rows > 0 {
                table.finish().map_err(stdout_error)?;
            }
        }
        if self.format == Format::Json && !self.columns.is_empty() {
            let close = if self.rows == 0 { "[]\n" } else { "\n]\n" };
            self.out.write_all(close.as_bytes()).map_err(stdout_error)?;
        }
        if let Some(d) = &mut self.delimited {
            d.finish().map_err(stdout_error)?;
        }
        self.out.flush().map_err(stdout_error)?;
        if self.rows == 0 && !self.columns.is_empty() && self.format == Format::Table {
            eprintln!("(no rows)");
        }
        Ok(())
    }

    fn object(&mut self, values: &[SqlValue]) -> std::io::Result<()> {
        // Written by hand to keep the SELECT order (a JSON map would sort).
        self.out.write_all(b"{")?;
        for (i, (name, value)) in self.columns.iter().zip(values).enumerate() {
            if i > 0 {
                self.out.write_all(b", ")?;
            }
            serde_json::to_writer(&mut self.out, name)?;
            self.out.write_all(b": ")?;
            serde_json::to_writer(&mut self.out, value)?;
        }
        self.out.write_all(b"}")
    }
}

impl kb::RowSink for SqlSink {
    fn columns(&mut self, columns: &[String]) -> kb::Result<()> {
        self.columns = columns.to_vec();
        if columns.is_empty() {
            return Ok(());
        }
        match self.format {
            Format::Table => {
                let out = std::io::BufWriter::new(std::io::stdout().lock());
                self.table = Some(TableWriter::new(out, columns, terminal_width()));
            }
            Format::Csv | Format::Tsv => {
                let mut d = DelimitedSink::new(std::io::stdout().lock(), self.format);
                d.header(columns).map_err(stdout_error)?;
                self.delimited = Some(d);
            }
            Format::Json | Format::Jsonl => {}
        }
        Ok(())
    }

    fn row(&mut self, values: &[SqlValue]) -> kb::Result<()> {
        self.rows += 1;
        match self.format {
            Format::Json => {
                let lead: &[u8] = if self.rows == 1 { b"[\n  " } else { b",\n  " };
                self.out.write_all(lead).map_err(stdout_error)?;
                self.object(values).map_err(stdout_error)
            }
            Format::Jsonl => {
                self.object(values).map_err(stdout_error)?;
                self.out.write_all(b"\n").map_err(stdout_error)
            }
            Format::Csv | Format::Tsv => {
                let cells: Vec<String> = values.iter().map(SqlValue::to_string).collect();
                match &mut self.delimited {
                    Some(d) => d.record(&cells).map_err(stdout_error),
                    None => Ok(()),
                }
            }
            Format::Table => {
                let cells: Vec<String> = values.iter().map(SqlValue::to_string).collect();
                match &mut self.table {
                    Some(table) => table.row(&cells).map_err(stdout_error),
                    None => Ok(()),
                }
            }
        }
    }
}

/// A result held whole, through the same writer as streamed rows.
pub fn sql_result(result: &kb::SqlResult, format: Format) {
    use kb::RowSink;
    let mut sink = SqlSink::new(format);
    let written = sink
        .columns(&result.columns)
        .and_then(|()| result.rows.iter().try_for_each(|r| sink.row(r)));
    let _ = written.and_then(|()| sink.finish());
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
/// As a table, the summary alone unless `full` (or `with_quotes`) asks for
/// the row per fact as well.
pub fn condition_record(r: &kb::ConditionRecord, format: Format, with_quotes: bool, full: bool) {
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
        if !(full || with_quotes) {
            return;
        }
        println!();
    }
    emit(r, &grid, format);
}

pub fn cause_types(rows: &[kb::CauseTypes], format: Format) {
    let mut grid = Grid::new(["cause", "types"]);
    for r in rows {
        grid.row(vec![r.cause.clone(), r.types.join("; ")]);
    }
    emit(&rows, &grid, format);
}

pub fn shared_items(rows: &[kb::SharedItem], format: Format) {
    let mut grid = Grid::new(["name", "conditions"]);
    for r in rows {
        grid.row(vec![r.name.clone(), r.conditions.join("; ")]);
    }
    emit(&rows, &grid, format);
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
    let mut grid = Grid::new(["condition", "causes", "symptoms", "treatments"]);
    for r in rows {
        grid.row(vec![
            r.condition.clone(),
            r.causes.join("; "),
            r.symptoms.join("; "),
            r.treatments.join("; "),
        ]);
    }
    emit(&rows, &grid, format);
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
    emit(&rows, &grid, format);
}

/// Only the columns that mean something: `kind` where there are kinds
/// (treatments). Conditions themselves are listed by `kb list` apart.
pub fn entries(rows: &[kb::Entry], format: Format) {
    let with_kind = rows.iter().any(|e| e.kind.is_some());
    let mut headers = vec!["slug", "name"];
    if with_kind {
        headers.push("kind");
    }
    headers.push("conditions");
    let mut grid = Grid {
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows: Vec::new(),
    };
    for e in rows {
        let mut row = vec![e.slug.clone(), e.name.clone()];
        if with_kind {
            row.push(e.kind.map(|k| k.to_string()).unwrap_or_default());
        }
        row.push(e.conditions.to_string());
        grid.row(row);
    }
    emit(rows, &grid, format);
}

pub fn symptom_matches(rows: &[kb::SymptomMatch], format: Format) {
    let mut grid = Grid::new([
        "condition",
        "score",
        "matched_terms",
        "matched_symptoms",
        "total_symptoms",
    ]);
    // Every format shows the same score: rounded to SCORE_DECIMALS places.
    let rows: Vec<kb::SymptomMatch> = rows
        .iter()
        .map(|m| kb::SymptomMatch {
            score: round_score(m.score),
            ..m.clone()
        })
        .collect();
    for m in &rows {
        grid.row(vec![
            m.condition.clone(),
            m.score.to_string(),
            m.matched_terms.join("; "),
            m.matched_symptoms.join("; "),
            m.total_symptoms.to_string(),
        ]);
    }
    emit(&rows, &grid, format);
}

/// Decimal places of `kb match` scores, in every format. The score is the
/// share of the given symptoms matched, plus a tie-breaker below 0.001 for
/// how much of the condition's symptom list they cover; six places keep
/// distinct coverages apart.
pub const SCORE_DECIMALS: i32 = 6;

fn round_score(score: f64) -> f64 {
    let scale = 10f64.powi(SCORE_DECIMALS);
    (score * scale).round() / scale
}
