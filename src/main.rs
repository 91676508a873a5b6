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
    allocator_options();
    cli::main()
}

/// mimalloc's defaults cost a seed of 100,000 articles about 28 MiB at its
/// peak (docs/performance.md, seeding at scale, round 12): it asks for
/// transparent huge pages on the memory it reserves (turned off below, before
/// `main`), and gives freed memory back to the system only a second later,
/// while SQLite's page cache, in the C library's heap, fills beside it.
fn allocator_options() {
    // `mi_option_purge_delay` in mimalloc.h (the same place in versions 2
    // and 3): 0 gives freed pages back at once.
    const PURGE_DELAY: std::ffi::c_int = 15;
    extern "C" {
        fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
        fn mi_collect(force: bool);
    }
    // SAFETY: two calls into the allocator this binary links, with plain
    // values, before any other thread exists.
    unsafe {
        mi_option_set(PURGE_DELAY, 0);
        // What the runtime freed before `main` goes back now too.
        mi_collect(true);
    }
}

/// Transparent huge pages off for the process before anything allocates:
/// mimalloc reserves its memory on the first allocation, before `main`
/// (one 2 MiB page stayed resident when this was done in `main`). This is
/// what mimalloc itself does when its `allow_thp` option is off.
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static NO_HUGE_PAGES: extern "C" fn() = {
    extern "C" fn no_huge_pages() {
        // SAFETY: sets a process-wide flag; no pointer is passed.
        unsafe {
            libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
        }
    }
    no_huge_pages
};
