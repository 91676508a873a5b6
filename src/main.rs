//! The `kb` command: parses arguments, calls the library, formats output.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
