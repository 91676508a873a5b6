//! `kb extract`: print the seed data kb reads from a document, for review.

use std::path::PathBuf;
use std::process::ExitCode;

use kb::extract::{self, Vocabulary};
use kb::seed::load;

#[derive(clap::Args)]
pub struct Args {
    /// The article to read (UTF-8 text)
    file: PathBuf,
    /// Extra vocabulary (TOML) on top of the built-in one
    #[arg(long, value_name = "FILE")]
    vocabulary: Option<PathBuf>,
    /// Write the seed file here instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(args: Args) -> kb::Result<ExitCode> {
    let vocabulary = match &args.vocabulary {
        Some(path) => load::read_vocabulary(path)?,
        None => Vocabulary::builtin(),
    };
    let text = load::read_document(&args.file)?;
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document.txt".to_owned());
    let seed = extract::extract(&text, &name, &vocabulary);
    let json = serde_json::to_string_pretty(&seed).expect("seed data serialises") + "\n";
    match &args.output {
        Some(path) => std::fs::write(path, json).map_err(|source| kb::Error::Write {
            path: path.clone(),
            source,
        })?,
        None => print!("{json}"),
    }
    if seed.conditions.is_empty() {
        eprintln!("warning: no condition found in {}", args.file.display());
    }
    Ok(ExitCode::SUCCESS)
}
