//! The `kb` command: parses arguments, calls the library, formats output.

mod cli;

fn main() -> std::process::ExitCode {
    // Rust ignores SIGPIPE, turning a closed pipe (`kb show x | head`) into
    // a panic on the next print; like other Unix tools, just stop instead.
    #[cfg(unix)]
    // SAFETY: setting a signal disposition before any other thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    cli::main()
}
