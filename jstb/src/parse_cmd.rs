//! `jstb parse`: parse one file and print a view of the result.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use jsparser::lexer::{LineIndex, Span, Token, TokenFlags, TokenKind};
use jsparser::parser::{EventSink, Parser};
use jsparser::syntax::Processor;
use jsparser::{ParseOptions, SourceKind, SyntaxError};

use crate::diag;

#[derive(Args, Debug)]
pub struct ParseArgs {
    /// The file to parse, or `-` for standard input.
    pub file: String,
    /// Parse as a script or a module (default: module for `.mjs`, else script).
    #[arg(long = "as", value_enum)]
    pub kind: Option<Goal>,
    /// Parse a script as strict mode code (modules are always strict).
    #[arg(long)]
    pub strict: bool,
    /// What to print on success.
    #[arg(long, value_enum, default_value_t = View::Summary)]
    pub print: View,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Goal {
    Script,
    Module,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum View {
    /// Size, parse time, and the AST's size.
    Summary,
    /// The parser's shift/reduce events.
    Events,
    /// The AST, one node a line.
    Nodes,
    /// The tokens, as the parser shifted them (exact lexical goals).
    Tokens,
}

pub fn run(args: &ParseArgs) -> anyhow::Result<ExitCode> {
    let (name, read) = if args.file == "-" {
        ("<stdin>".to_string(), diag::read_stdin())
    } else {
        (args.file.clone(), diag::read_source(Path::new(&args.file)))
    };
    let source = match read {
        Ok(source) => source,
        Err(err) => {
            eprintln!("{name}: {err}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let kind = match args.kind {
        Some(Goal::Module) => SourceKind::Module,
        Some(Goal::Script) => SourceKind::Script,
        None if args.file.ends_with(".mjs") => SourceKind::Module,
        None => SourceKind::Script,
    };
    let options = ParseOptions {
        kind,
        strict: kind == SourceKind::Module || args.strict,
    };
    let view = args.print;
    // The parse (and the drop of whatever it builds) runs on a big stack.
    let job = move || -> anyhow::Result<ExitCode> {
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        let result = print_view(&mut out, &name, &source, options, view);
        match result {
            Ok(Ok(())) => {
                out.flush().context("writing to stdout")?;
                Ok(ExitCode::SUCCESS)
            }
            Ok(Err(err)) => {
                // Events printed so far go out before the error.
                out.flush().context("writing to stdout")?;
                eprintln!("{}", diag::render_syntax_error(&name, &source, &err));
                Ok(ExitCode::FAILURE)
            }
            Err(io) if io.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
            Err(io) => Err(io).context("writing to stdout"),
        }
    };
    std::thread::Builder::new()
        .name("parse".into())
        .stack_size(crate::BIG_STACK)
        .spawn(job)
        .context("cannot start the parser thread")?
        .join()
        .map_err(|_| anyhow::anyhow!("the parser thread panicked"))?
}

/// Prints the view; the outer `Result` is for output errors, the inner one
/// is the parse result.
fn print_view(
    out: &mut dyn Write,
    name: &str,
    source: &str,
    options: ParseOptions,
    view: View,
) -> std::io::Result<Result<(), SyntaxError>> {
    match view {
        View::Summary => {
            // The tables are decoded once per process; time them apart.
            let start = Instant::now();
            jsparser::parser::tables::tables();
            let tables_time = start.elapsed();
            let start = Instant::now();
            let ast = match jsparser::parse(source, options) {
                Ok(ast) => ast,
                Err(err) => return Ok(Err(err)),
            };
            let elapsed = start.elapsed();
            let lines = LineIndex::new(source).line_count();
            writeln!(out, "file:       {name}")?;
            writeln!(out, "goal:       {}", goal_name(options))?;
            writeln!(out, "bytes:      {}", source.len())?;
            writeln!(out, "lines:      {lines}")?;
            writeln!(
                out,
                "tables:     {} (decoded once per process)",
                format_duration(tables_time)
            )?;
            writeln!(
                out,
                "parse time: {} ({})",
                format_duration(elapsed),
                throughput(source.len(), elapsed)
            )?;
            writeln!(
                out,
                "nodes:      {} ({} names, {} strings, {} numbers)",
                ast.nodes.len(),
                ast.names.len(),
                ast.strings.len(),
                ast.numbers.len()
            )?;
            drop(ast);
            Ok(Ok(()))
        }
        View::Nodes => {
            let ast = match jsparser::parse(source, options) {
                Ok(ast) => ast,
                Err(err) => return Ok(Err(err)),
            };
            // One node a line, in source order, indented by depth.
            write!(out, "{}", ast.dump())?;
            Ok(Ok(()))
        }
        View::Events | View::Tokens => {
            let mut sink = PrintingSink {
                inner: Processor::new(source, options),
                out,
                source,
                index: LineIndex::new(source),
                tokens_only: view == View::Tokens,
                io_error: None,
                shifts: 0,
                reductions: 0,
            };
            let parsed = Parser::new(source, options).run(&mut sink);
            let PrintingSink {
                inner,
                out,
                io_error,
                shifts,
                reductions,
                ..
            } = sink;
            if let Some(io) = io_error {
                return Err(io);
            }
            if let Err(err) = parsed {
                return Ok(Err(err));
            }
            if let Err(err) = inner.finish() {
                return Ok(Err(err));
            }
            if view == View::Events {
                writeln!(out, "# {shifts} shifts, {reductions} reductions")?;
            } else {
                writeln!(out, "# {shifts} tokens")?;
            }
            Ok(Ok(()))
        }
    }
}

fn goal_name(options: ParseOptions) -> &'static str {
    match (options.kind, options.strict) {
        (SourceKind::Module, _) => "module",
        (SourceKind::Script, true) => "script (strict)",
        (SourceKind::Script, false) => "script",
    }
}

fn format_duration(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1000.0 {
        format!("{us:.1} µs")
    } else if us < 1e6 {
        format!("{:.3} ms", us / 1e3)
    } else {
        format!("{:.3} s", us / 1e6)
    }
}

fn throughput(bytes: usize, d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs <= 0.0 {
        return "-".into();
    }
    format!("{:.1} MB/s", bytes as f64 / secs / 1e6)
}

/// At most `max` characters of `text`, with an ellipsis when cut.
fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// The name of production `id` for display: its left-hand side rule and
/// grammar parameters, `IfStatement[Yield, Await]`.
fn production_name(id: u16) -> Option<String> {
    let name = jsparser::parser::tables::production_lhs_name(id);
    if name.is_empty() {
        return None;
    }
    let params = jsparser::parser::tables::production_lhs_params(id);
    Some(if params.is_empty() {
        name.to_string()
    } else {
        format!("{name}[{params}]")
    })
}

/// Forwards events to the syntax processor (so early errors are reported as
/// `jstb parse` would report them) and prints them.
struct PrintingSink<'a, 'o, S> {
    inner: S,
    out: &'o mut dyn Write,
    source: &'a str,
    index: LineIndex,
    tokens_only: bool,
    /// The first output error; printing stops after it, parsing goes on.
    io_error: Option<std::io::Error>,
    shifts: u64,
    reductions: u64,
}

impl<S> PrintingSink<'_, '_, S> {
    fn position(&self, offset: u32) -> String {
        let (line, col) = self.index.line_col(offset);
        format!("{line}:{col}")
    }

    fn emit(&mut self, line: std::fmt::Arguments<'_>) {
        if self.io_error.is_none() {
            if let Err(e) = writeln!(self.out, "{line}") {
                self.io_error = Some(e);
            }
        }
    }
}

impl<S: EventSink> EventSink for PrintingSink<'_, '_, S> {
    fn shift(&mut self, token: &Token) -> Result<(), SyntaxError> {
        self.shifts += 1;
        let at = self.position(token.span.start);
        let text = self
            .source
            .get(token.span.start as usize..token.span.end as usize)
            .unwrap_or("");
        let mut notes = String::new();
        if token.kind == TokenKind::Semicolon && token.span.is_empty() {
            notes.push_str(" (inserted)");
        }
        if token.flags.contains(TokenFlags::NEWLINE_BEFORE) {
            notes.push_str(" [newline before]");
        }
        if token.flags.contains(TokenFlags::HAS_ESCAPE) {
            notes.push_str(" [escaped]");
        }
        let kind = token.kind.grammar_name();
        let shown = truncate(text, 60);
        if self.tokens_only {
            self.emit(format_args!("{at:<9} {kind:<26} {shown:?}{notes}"));
        } else {
            self.emit(format_args!("shift  {at:<9} {kind:<26} {shown:?}{notes}"));
        }
        self.inner.shift(token)
    }

    fn reduce(&mut self, production: u16, span: Span) -> Result<(), SyntaxError> {
        self.reductions += 1;
        if !self.tokens_only {
            let from = self.position(span.start);
            let to = self.position(span.end);
            match production_name(production) {
                Some(name) => self.emit(format_args!("reduce {from}-{to} P{production} {name}")),
                None => self.emit(format_args!("reduce {from}-{to} P{production}")),
            }
        }
        self.inner.reduce(production, span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_is_char_safe() {
        assert_eq!(truncate("ééé", 2), "éé…");
        assert_eq!(truncate("ab", 2), "ab");
    }

    #[test]
    fn printing_sink_prints_tokens_and_reductions() {
        let source = "a;\nb";
        let mut buf = Vec::new();
        struct Discard;
        impl EventSink for Discard {
            fn shift(&mut self, _: &Token) -> Result<(), SyntaxError> {
                Ok(())
            }
            fn reduce(&mut self, _: u16, _: Span) -> Result<(), SyntaxError> {
                Ok(())
            }
        }
        let mut sink = PrintingSink {
            inner: Discard,
            out: &mut buf,
            source,
            index: LineIndex::new(source),
            tokens_only: false,
            io_error: None,
            shifts: 0,
            reductions: 0,
        };
        let tok = Token {
            kind: TokenKind::Identifier,
            flags: TokenFlags::NEWLINE_BEFORE,
            span: Span::new(3, 4),
        };
        let semi = Token {
            kind: TokenKind::Semicolon,
            flags: TokenFlags::empty(),
            span: Span::new(4, 4),
        };
        sink.shift(&tok).unwrap();
        sink.shift(&semi).unwrap();
        sink.reduce(7, Span::new(3, 4)).unwrap();
        drop(sink);
        let text = String::from_utf8(buf).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("shift  2:1"), "{text}");
        assert!(lines[0].contains("Identifier"), "{text}");
        assert!(lines[0].contains("\"b\" [newline before]"), "{text}");
        assert!(lines[1].contains("(inserted)"), "{text}");
        assert!(lines[2].starts_with("reduce 2:1-2:2 P7"), "{text}");
    }
}
