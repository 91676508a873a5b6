//! `kb export hpoa`: the condition-phenotype links in the HPO annotation
//! file's column layout, so phenotype tools can load kb's data.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::open_current;

#[derive(clap::Args)]
pub struct Args {
    /// What to export
    #[arg(value_enum)]
    what: What,
    /// Write to this file instead of standard output
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum What {
    /// HPO annotation file (phenotype.hpoa columns), the document as reference
    Hpoa,
}

pub fn run(db: &Path, args: Args) -> kb::Result<ExitCode> {
    let kb = open_current(db)?;
    let date = time::OffsetDateTime::now_utc().date().to_string();
    let mut buf: Vec<u8> = Vec::new();
    let rows = match args.what {
        What::Hpoa => kb::codes::export_hpoa(kb.connection(), &mut buf, &date)?,
    };
    match &args.output {
        Some(path) => std::fs::write(path, &buf).map_err(|source| kb::Error::Write {
            path: path.clone(),
            source,
        })?,
        None => {
            let _ = std::io::stdout().write_all(&buf);
        }
    }
    super::say(&format!("{rows} condition-phenotype links"));
    Ok(ExitCode::SUCCESS)
}

/// Symptom names, each followed by its HPO ids when it has any:
/// "itching [HP:0000989]; scabs".
pub(crate) fn with_codes(items: &[kb::Item]) -> String {
    items
        .iter()
        .map(|i| {
            if i.codes.is_empty() {
                i.name.clone()
            } else {
                let ids: Vec<&str> = i.codes.iter().map(|c| c.code.as_str()).collect();
                format!("{} [{}]", i.name, ids.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}
