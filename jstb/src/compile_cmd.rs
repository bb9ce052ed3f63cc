//! `jstb compile FILE`: the compile script of each function and/or its
//! Cranelift IR.

use std::io::Write as _;
use std::process::ExitCode;

use jsruntime::backend;
use jsruntime::semantics::FunctionId;

use crate::run_cmd;

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Print {
    /// The compile commands of each function.
    Commands,
    /// The Cranelift IR of each function.
    Clif,
    /// Both.
    All,
}

#[derive(clap::Args)]
pub struct CompileArgs {
    /// The script to compile, or `-` for standard input.
    pub file: String,
    /// What to print.
    #[arg(long, value_enum, default_value = "commands")]
    pub print: Print,
}

pub fn run(args: &CompileArgs) -> anyhow::Result<ExitCode> {
    let file = args.file.clone();
    let print = args.print;
    run_cmd::on_big_stack(move || {
        let Some((_, _, program)) = run_cmd::load(&file) else {
            return Ok(ExitCode::FAILURE);
        };
        let mut code = ExitCode::SUCCESS;
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        for i in 0..program.functions.len() {
            let id = FunctionId(i as u32);
            if print != Print::Clif {
                // A closed pipe (`| head`) ends the output quietly.
                if write!(out, "{}", program.display_function(id)).is_err() {
                    return Ok(code);
                }
            }
            if print != Print::Commands {
                match backend::print_clif(&program, id) {
                    Ok(text) => {
                        if writeln!(out, "{text}").is_err() {
                            return Ok(code);
                        }
                    }
                    Err(e) => {
                        eprintln!("fn{i}: {e}");
                        code = ExitCode::FAILURE;
                    }
                }
            }
        }
        Ok(code)
    })
}
