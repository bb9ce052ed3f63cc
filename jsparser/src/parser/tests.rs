//! Driver tests: snippets parsed with a recording sink.

use super::*;
use crate::ParseOptions;

/// Records the events as strings: tokens by text (`;` with an empty span is
/// written `<;>`), reductions as `Lhs` or `Lhs:Action`.
#[derive(Default)]
struct Recorder {
    source: String,
    events: Vec<String>,
}

impl EventSink for Recorder {
    fn shift(&mut self, token: &Token) -> Result<(), SyntaxError> {
        if token.kind == TokenKind::Semicolon && token.span.is_empty() {
            self.events.push("<;>".into());
        } else {
            self.events.push(token.text(&self.source).to_string());
        }
        Ok(())
    }
    fn reduce(&mut self, production: u16, _span: Span) -> Result<(), SyntaxError> {
        let name = tables::production_lhs_name(production);
        match tables::production_action(production) {
            Action::Pass => self.events.push(name.to_string()),
            a => self.events.push(format!("{name}:{}", a.name())),
        }
        Ok(())
    }
}

fn parse_with(source: &str, options: ParseOptions) -> Result<Vec<String>, SyntaxError> {
    let mut r = Recorder {
        source: source.to_string(),
        events: Vec::new(),
    };
    Parser::new(source, options).run(&mut r)?;
    Ok(r.events)
}

fn parse(source: &str) -> Result<Vec<String>, SyntaxError> {
    parse_with(source, ParseOptions::script())
}

fn inserted(source: &str) -> usize {
    match parse(source) {
        Ok(ev) => ev.iter().filter(|e| *e == "<;>").count(),
        Err(e) => panic!("{source:?}: {e} at {:?}", e.span),
    }
}

#[test]
fn simple_statements() {
    assert_eq!(inserted("a;"), 0);
    assert_eq!(inserted("a"), 1);
    assert_eq!(inserted(""), 0);
}

fn has(source: &str, event: &str) -> bool {
    match parse(source) {
        Ok(ev) => ev.iter().any(|e| e == event),
        Err(e) => panic!("{source:?}: {e} at {:?}", e.span),
    }
}

fn err(source: &str) -> SyntaxError {
    match parse(source) {
        Ok(ev) => panic!("{source:?} parsed: {ev:?}"),
        Err(e) => e,
    }
}

#[test]
fn asi_cases() {
    // 12.10.1 examples and the restricted productions.
    assert_eq!(inserted("a\nb"), 2);
    assert_eq!(err("a b").message, "Unexpected token 'b'");
    assert_eq!(inserted("a\n++b"), 2);
    assert_eq!(inserted("do{}while(0)x"), 2);
    assert_eq!(inserted("do;while(0)\nx"), 2);
    assert_eq!(inserted("{ 1\n2 } 3"), 3);
    assert_eq!(inserted("x\n++\ny"), 2);
    assert_eq!(err("{ 1 2 } 3").message, "Unexpected token '2'");
    // for(;;) header semicolons are never inserted.
    let e = err("for (a; b\n) {}");
    assert_eq!(e.message, "Unexpected token ')'");
    assert!(parse("for (;;) {}").is_ok());
    assert!(parse("for (\n;\n;\n) {}").is_ok());
    // Nor an empty statement.
    assert_eq!(err("if (a)\n}").message, "Unexpected token '}'");
    assert!(has("if (a)\n;", ";"));
    assert_eq!(err("if (a)\n").message, "Unexpected end of input");
    assert_eq!(err("a = \n").message, "Unexpected end of input");
    // a\n(b) is a call: no insertion.
    assert_eq!(inserted("a\n(b)"), 1);
}

/// Counts the semicolons a `return` inside a function gets.
fn inserted_fn(body: &str) -> usize {
    inserted(&format!("function f() {{ {body} }}"))
}

#[test]
fn restricted_productions() {
    assert_eq!(inserted_fn("return\n1"), 2);
    assert_eq!(inserted_fn("return 1"), 1);
    assert!(parse("return 1").is_err(), "return outside a function");
    let e = err("x\n=> y");
    assert_eq!(e.message, "Unexpected token '=>'");
    // async\nfunction: `async` is an identifier, then a function declaration.
    assert_eq!(inserted("async\nfunction f() {}"), 1);
    assert_eq!(inserted("async function f() {}"), 0);
    assert_eq!(inserted("x = async\nfunction f(){}"), 1);
    assert!(parse("x = async\nfunction(){}").is_err());
    assert_eq!(inserted_fn("throw 1"), 1);
    assert!(parse("function f() { throw\n1 }").is_err());
    assert_eq!(inserted("a: while (1) { break\na }"), 2);
    assert_eq!(inserted("a: while (1) { continue a\n }"), 1);
}

#[test]
fn regexp_or_division() {
    let ev = parse("a / b / c").unwrap();
    assert_eq!(ev.iter().filter(|e| *e == "/").count(), 2);
    assert!(parse("x = /re/g").unwrap().iter().any(|e| e == "/re/g"));
    assert!(parse("if (x) /re/.test(y)")
        .unwrap()
        .iter()
        .any(|e| e == "/re/"));
    // a\n/b/g is a division, not a regular expression (12.10.2).
    let ev = parse("a\n/b/g").unwrap();
    assert_eq!(ev.iter().filter(|e| *e == "/").count(), 2);
    assert!(parse("{}\n/re/").unwrap().iter().any(|e| e == "/re/"));
    assert!(parse("x = {} / 1").unwrap().iter().any(|e| e == "/"));
    assert!(parse("function f(){}\n/re/")
        .unwrap()
        .iter()
        .any(|e| e == "/re/"));
    assert!(parse("x = function(){} / 1")
        .unwrap()
        .iter()
        .any(|e| e == "/"));
    assert!(parse("a /= 2").is_ok());
    assert!(parse("(a) / 2").unwrap().iter().any(|e| e == "/"));
    assert!(parse("[/a/, /b/]").is_ok());
    assert!(parse("x = y\n/a/g.exec(z)")
        .unwrap()
        .iter()
        .any(|e| e == "/"));
    assert!(
        parse("yield /a/g").unwrap().iter().any(|e| e == "/"),
        "sloppy yield is an identifier"
    );
    assert!(parse("function* g() { yield /a/g }")
        .unwrap()
        .iter()
        .any(|e| e == "/a/g"));
}

#[test]
fn templates() {
    assert!(parse("`a${b}c`").is_ok());
    assert!(parse("`a${ {x: 1} }c${ `d${e}` }f`").is_ok());
    assert!(parse("`${ function(){ return {a: `${1}`}; } }`").is_ok());
    assert!(parse("f`x${y}z`").is_ok());
    assert!(parse("`${a}").is_err());
    assert!(parse("x = {a: `${ {} }`}").is_ok());
}

#[test]
fn let_bracket() {
    // 14.5 `let [` at statement start is always a declaration.
    assert!(parse("let [a] = b").is_ok());
    assert!(parse("let [0] = 1").is_err());
    // In an expression, `let[0]` is a member expression (sloppy mode).
    assert!(parse("x = let[0]").is_ok());
    assert!(parse("(let[0] = 1)").is_ok());
    assert!(parse("let.x = 1").is_ok());
    assert!(parse("let\nx = 1").is_ok());
    assert!(parse("for (let[a] = 0;;) ;").is_ok());
    assert!(parse("for (let of x) ;").is_err());
    assert!(parse("for (async of x) ;").is_err());
    assert!(parse("for (async.x of y) ;").is_ok());
    assert!(parse("for ((let) of x) ;").is_ok());
    assert!(parse("for (let in x) ;").is_ok());
    assert!(parse("for (x of y) ;").is_ok());
    assert!(parse("for (x in y) ;").is_ok());
    assert!(parse("for (x;;) ;").is_ok());
}

#[test]
fn statement_start_restrictions() {
    assert!(parse("{}").is_ok());
    assert!(parse("({})").is_ok());
    assert!(parse("function f() {}").is_ok());
    assert!(parse("(function () {})").is_ok());
    assert!(parse("function () {}").is_err());
    assert!(parse("class A {}").is_ok());
    assert!(parse("(class {})").is_ok());
    assert!(parse("if (a) b; else c;").is_ok());
    assert!(parse("if (a) if (b) c; else d;").is_ok());
    assert!(parse("x = a => {}").is_ok());
    assert!(parse("x = a => ({})").is_ok());
    assert!(parse("x = async (a) => a").is_ok());
    assert!(parse("async(a)").is_ok());
}

#[test]
fn modules() {
    let m = ParseOptions::module();
    assert!(parse_with("import x from 'y'; export default function () {}", m).is_ok());
    assert!(parse_with("export default class {}", m).is_ok());
    assert!(parse_with("export default 1 + 2;", m).is_ok());
    assert!(parse_with("await 1", m).is_ok());
    assert!(parse("import x from 'y'").is_err());
}

#[test]
fn spans() {
    #[derive(Default)]
    struct Spans(Vec<(String, Span)>);
    impl EventSink for Spans {
        fn shift(&mut self, _token: &Token) -> Result<(), SyntaxError> {
            Ok(())
        }
        fn reduce(&mut self, p: u16, span: Span) -> Result<(), SyntaxError> {
            self.0
                .push((tables::production_lhs_name(p).to_string(), span));
            Ok(())
        }
    }
    let mut s = Spans::default();
    Parser::new("  a + bc ;", ParseOptions::script())
        .run(&mut s)
        .unwrap();
    let (_, span) =
        s.0.iter()
            .find(|(n, _)| n == "ExpressionStatement")
            .unwrap();
    assert_eq!(*span, Span::new(2, 10));
}

#[test]
fn sink_errors_stop_the_parse() {
    struct Fail;
    impl EventSink for Fail {
        fn shift(&mut self, _token: &Token) -> Result<(), SyntaxError> {
            Ok(())
        }
        fn reduce(&mut self, _p: u16, span: Span) -> Result<(), SyntaxError> {
            Err(SyntaxError::new("early", span))
        }
    }
    assert_eq!(
        Parser::new("a", ParseOptions::script())
            .run(&mut Fail)
            .unwrap_err()
            .message,
        "early"
    );
}

#[test]
fn deep_nesting() {
    let n = 100_000;
    let src = format!("{}1{}", "(".repeat(n), ")".repeat(n));
    struct Count(usize);
    impl EventSink for Count {
        fn shift(&mut self, _token: &Token) -> Result<(), SyntaxError> {
            self.0 += 1;
            Ok(())
        }
        fn reduce(&mut self, _p: u16, _span: Span) -> Result<(), SyntaxError> {
            Ok(())
        }
    }
    let mut c = Count(0);
    Parser::new(&src, ParseOptions::script())
        .run(&mut c)
        .unwrap();
    assert_eq!(c.0, 2 * n + 2);
    let src = format!("{}{}", "{".repeat(n), "}".repeat(n));
    Parser::new(&src, ParseOptions::script())
        .run(&mut c)
        .unwrap();
    let src = format!("x = {}1{}", "[".repeat(n), "]".repeat(n));
    Parser::new(&src, ParseOptions::script())
        .run(&mut c)
        .unwrap();
    let src = "(".repeat(n);
    assert!(Parser::new(&src, ParseOptions::script())
        .run(&mut c)
        .is_err());
}

#[test]
fn error_messages() {
    assert_eq!(err("a +").message, "Unexpected end of input");
    assert_eq!(err("a + )").message, "Unexpected token ')'");
    assert_eq!(err("a + )").span, Span::new(4, 5));
    assert_eq!(
        err("x y`aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\nb`").message,
        "Unexpected token 'y'"
    );
    assert_eq!(
        err("var `cc\nddddddddddddddddddddddddddddddddd`").message,
        "Unexpected token '`cc\\ndddddddddddddddddddd...'"
    );
}
