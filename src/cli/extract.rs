//! `kb extract`: print the seed data kb reads from a document, for review.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kb::extract::{self, Vocabulary};
use kb::seed::load;

#[derive(clap::Args)]
pub struct Args {
    /// The article to read (UTF-8 text); `-` reads standard input
    file: PathBuf,
    /// The document's file name to record in the seed file [default: FILE's
    /// name, or document.txt for standard input]
    #[arg(long, value_name = "NAME.txt")]
    name: Option<String>,
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
    let stdin = args.file == Path::new("-");
    let text = if stdin {
        read_stdin()?
    } else {
        load::read_document(&args.file)?
    };
    let name = args.name.clone().unwrap_or_else(|| {
        args.file
            .file_name()
            .filter(|_| !stdin)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "document.txt".to_owned())
    });
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

/// Standard input, checked as `kb seed` checks a document file.
fn read_stdin() -> kb::Result<String> {
    let path = PathBuf::from("<standard input>");
    let bad = |message: &str| kb::Error::InvalidSeed {
        path: path.clone(),
        line: None,
        column: None,
        message: message.to_owned(),
    };
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(load::MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| kb::Error::Read {
            path: path.clone(),
            source,
        })?;
    if bytes.len() > load::MAX_FILE_BYTES {
        return Err(bad(&format!(
            "more than {} bytes; the limit is {}",
            load::MAX_FILE_BYTES,
            load::MAX_FILE_BYTES
        )));
    }
    let text = String::from_utf8(bytes).map_err(|_| bad("not UTF-8 text (is this a binary file?)"))?;
    if text.contains('\0') {
        return Err(bad("contains NUL bytes (is this a binary file?)"));
    }
    if text.trim().is_empty() {
        return Err(bad("the document is empty"));
    }
    Ok(text)
}
