//! `kb completions SHELL` and `kb man`: generated from the same clap
//! definitions that parse the command line, so they never fall behind.

use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The shell to complete for
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

pub fn completions(args: Args) -> kb::Result<ExitCode> {
    let mut cmd = super::command();
    clap_complete::generate(args.shell, &mut cmd, "kb", &mut std::io::stdout());
    Ok(ExitCode::SUCCESS)
}

pub fn man() -> kb::Result<ExitCode> {
    let mut page = Vec::new();
    clap_mangen::Man::new(super::command())
        .render(&mut page)
        .map_err(|source| kb::Error::Write {
            path: "<standard output>".into(),
            source,
        })?;
    // A closed pipe (`kb man | head`) is not an error worth reporting.
    let _ = std::io::stdout().write_all(&page);
    Ok(ExitCode::SUCCESS)
}
