//! `jstb`, the command-line toolbox of the engine: inspect each stage of the
//! pipeline (`parse`, later `compile`), run programs (`run`), run test262.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "jstb", version, about = "The jsruntime toolbox")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse a JavaScript file and print a view of the result.
    Parse {
        /// The file to parse, or `-` for standard input.
        file: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Parse { file } => {
            eprintln!("jstb parse {file}: the parser is not built yet");
            ExitCode::FAILURE
        }
    }
}
