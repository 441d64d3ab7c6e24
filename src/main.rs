//! The `truthline` command. All file, git and database I/O lives under `cli/`.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
