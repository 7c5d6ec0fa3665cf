//! The `jembatan` binary: see `jembatan --help`.

fn main() -> std::process::ExitCode {
    jembatan_api::cli::main()
}
