//! The `depeche` binary: thin glue over the library (see `cli`).

mod cli;

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(cli::run())
}
