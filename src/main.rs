//! The `kb` command: parses arguments, calls the library, formats output.

mod cli;

// Extraction and seeding allocate many small, short-lived strings: mimalloc
// serves them with about a third of the system malloc's instructions
// (docs/performance.md, "Extraction throughput, round 11").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
