//! Parses snippets and checks node dumps and errors.

use crate::{parse, ParseOptions, SourceKind};

fn parse_with(src: &str, options: ParseOptions) -> Result<super::Ast, crate::SyntaxError> {
    parse(src, options)
}

/// The dump without spans: `Kind value (flags)` per line, indented.
fn shape(src: &str) -> String {
    shape_with(src, ParseOptions::script())
}

fn shape_with(src: &str, options: ParseOptions) -> String {
    let ast = match parse_with(src, options) {
        Ok(ast) => ast,
        Err(e) => panic!("{src:?}: {} at {:?}", e.message, e.span),
    };
    let mut out = String::new();
    for line in ast.dump().lines() {
        let indent = line.len() - line.trim_start().len();
        let mut parts = line.trim_start().splitn(3, ' ');
        let kind = parts.next().unwrap_or("");
        let _span = parts.next();
        let rest = parts.next().unwrap_or("");
        out.push_str(&" ".repeat(indent));
        out.push_str(kind);
        if !rest.is_empty() {
            out.push(' ');
            out.push_str(rest);
        }
        out.push('\n');
    }
    out
}

fn strict() -> ParseOptions {
    ParseOptions {
        kind: SourceKind::Script,
        strict: true,
    }
}

#[track_caller]
fn ok(src: &str) {
    if let Err(e) = parse_with(src, ParseOptions::script()) {
        panic!("{src:?} should parse: {} at {:?}", e.message, e.span);
    }
}

#[track_caller]
fn ok_module(src: &str) {
    if let Err(e) = parse_with(src, ParseOptions::module()) {
        panic!(
            "{src:?} should parse as a module: {} at {:?}",
            e.message, e.span
        );
    }
}

#[track_caller]
fn bad(src: &str) {
    assert!(
        parse_with(src, ParseOptions::script()).is_err(),
        "{src:?} should be a SyntaxError"
    );
}

#[track_caller]
fn bad_strict(src: &str) {
    ok(src);
    assert!(
        parse_with(src, strict()).is_err(),
        "{src:?} should be a SyntaxError in strict mode code"
    );
}

#[track_caller]
fn bad_module(src: &str) {
    assert!(
        parse_with(src, ParseOptions::module()).is_err(),
        "{src:?} should be a SyntaxError in a module"
    );
}

#[test]
fn binary_precedence_and_sequences() {
    assert_eq!(
        shape("a + b * 2, c;"),
        "Script
  ExpressionStatement
    Sequence
      Add
        IdentifierReference a
        Multiply
          IdentifierReference b
          NumericLiteral 2
      IdentifierReference c
"
    );
    assert_eq!(
        shape("a ?? b; x ** y ** z;"),
        "Script
  ExpressionStatement
    Coalesce
      IdentifierReference a
      IdentifierReference b
  ExpressionStatement
    Exponent
      IdentifierReference x
      Exponent
        IdentifierReference y
        IdentifierReference z
"
    );
}

#[test]
fn arrows_from_covers() {
    assert_eq!(
        shape("(a, [b], {c = 1}, ...d) => a;"),
        "Script
  ExpressionStatement
    ArrowFunction (expression-body)
      FormalParameters
        BindingIdentifier a
        ArrayBindingPattern
          BindingIdentifier b
        ObjectBindingPattern
          BindingDefault
            BindingIdentifier c
            NumericLiteral 1
        BindingRest
          BindingIdentifier d
      IdentifierReference a
"
    );
    assert_eq!(
        shape("async (x = 1) => { await x; };"),
        "Script
  ExpressionStatement
    ArrowFunction (async)
      FormalParameters
        BindingDefault
          BindingIdentifier x
          NumericLiteral 1
      FunctionBody
        ExpressionStatement
          Await
            IdentifierReference x
"
    );
    assert_eq!(
        shape("async(x); (a);"),
        "Script
  ExpressionStatement
    Call
      IdentifierReference async
      IdentifierReference x
  ExpressionStatement
    IdentifierReference a (parenthesized)
"
    );
    ok("() => {}; async () => {}; x => x; async x => x; (a,) => a;");
    bad("(a, b);\n=> 1");
    bad("(...a);");
    bad("(a, ...b);");
    bad("((a)) => 1;");
    bad("(a.b) => 1;");
    bad("({a: 1}) => 1;");
    bad("async (...a,) => 1;");
    bad("async\n(a) => 1;");
    bad("\\u0061sync (a) => 1;");
    bad("(a, a) => 1;");
    bad("async function f() { (x = await 1) => x; }");
    bad("function* g() { (x = yield) => x; }");
}

#[test]
fn destructuring_assignment() {
    assert_eq!(
        shape("[a, {b: c = 1, d}, ...e.f] = g;"),
        "Script
  ExpressionStatement
    Assign
      ArrayAssignmentPattern
        IdentifierReference a
        ObjectAssignmentPattern
          AssignmentProperty
            IdentifierName b
            AssignmentDefault
              IdentifierReference c
              NumericLiteral 1
          IdentifierReference d
        AssignmentRest
          StaticMember f
            IdentifierReference e
      IdentifierReference g
"
    );
    ok("({a = 1} = b); [(a)] = b; ({a: (b.c)} = d); for ([a, b] of c); for ({a} in b);");
    ok("({__proto__: a, __proto__: b} = c);");
    bad("({a = 1});");
    bad("f({a = 1});");
    bad("({a = 1}).b = 2;");
    bad("x = {__proto__: 1, __proto__: 2};");
    bad("({a}) = 1;");
    bad("[...a, b] = c;");
    bad("[...a,] = c;");
    bad("({...{a}} = b);");
    bad("[a + b] = c;");
    bad("1 = 2;");
    bad("a + b = c;");
    bad("a?.b = c;");
    bad("++a?.b;");
    bad("f() &&= 1;");
    bad("[f()] = 1;");
}

#[test]
fn call_assignment_targets_are_sloppy_only() {
    // B.3.7 Runtime Errors for Function Call Assignment Targets.
    bad_strict("f() = 1;");
    bad_strict("f() += 1;");
    bad_strict("f()++;");
    bad_strict("for (f() in x);");
}

#[test]
fn optional_chains() {
    assert_eq!(
        shape("a?.b.c();"),
        "Script
  ExpressionStatement
    OptionalChain
      Call
        StaticMember c
          StaticMember b (optional)
            IdentifierReference a
"
    );
    bad("a?.b`x`;");
    bad("new a?.b();");
}

#[test]
fn templates() {
    assert_eq!(
        shape("`a${b}c`; f`\\u`;"),
        "Script
  ExpressionStatement
    Template
      TemplateElement \"a\"
      IdentifierReference b
      TemplateElement \"c\"
  ExpressionStatement
    TaggedTemplate
      IdentifierReference f
      Template
        TemplateElement (invalid-escape)
"
    );
    bad("`\\u`;");
    bad("`${a}\\01`;");
    // A tagged template inside a substitution may have a NotEscapeSequence
    // (regression: the check looked at every descendant, not the parts).
    ok("`${f`\\u`}`;");
    ok("`a${`b${f`\\x`}`}`;");
    bad("`${f`\\u`}\\u`;");
}

#[test]
fn statements() {
    assert_eq!(
        shape("for (;;) break; for (var i = 0; i < 1;) {} for (let [a] of b);"),
        "Script
  For
    Empty
    Empty
    Empty
    Break
  For
    VariableDeclaration
      VariableDeclarator
        BindingIdentifier i
        NumericLiteral 0
    Less
      IdentifierReference i
      NumericLiteral 1
    Empty
    Block
  ForOf
    LexicalDeclaration
      VariableDeclarator
        ArrayBindingPattern
          BindingIdentifier a
    IdentifierReference b
    EmptyStatement
"
    );
    ok("for (let in x); for (let.x in y); for (let; ;); for (async of => {}; ;);");
    ok("if (a) b; else c; while (a) b; do a; while (b) c;");
    ok("l: for (;;) continue l; switch (a) { case 1: default: }");
    ok("try {} catch {} try {} finally {} try {} catch (e) {} finally {}");
    bad("for (let of x);");
    bad("for (async of x);");
    bad("for (let.x of y);");
    bad("if (a) let\n[b] = c;");
    bad("const a;");
    bad("let let = 1;");
    bad("let a, a;");
    bad("while (1) l: function f() {}");
    bad("for (var a, b of c);");
}

#[test]
fn annex_b_is_sloppy_only() {
    bad_strict("if (a) function f() {}");
    bad_strict("l: function f() {}");
    bad_strict("for (var a = 1 in b);");
    bad_strict("with (a) b;");
    bad_strict("010;");
    bad_strict("'\\07';");
    bad_strict("delete a;");
    bad_strict("var eval;");
    bad_strict("arguments = 1;");
    bad_strict("var let;");
    bad_strict("var implements;");
    bad_strict("function f(a, a) {}");
}

#[test]
fn directives() {
    let d = shape("'use strict'; a;");
    assert!(
        d.starts_with("Script (strict)\n  ExpressionStatement (directive)"),
        "{d}"
    );
    bad("'use strict'; with (a) b;");
    bad("function f() { 'use strict'; with (a) b; }");
    bad("function f() { '\\07'; 'use strict'; }");
    bad("function eval() { 'use strict'; }");
    bad("function f(a = 1) { 'use strict'; }");
    ok("function f() { 'use strict'; } with (a) b;");
    ok("'use\\x20strict'; with (a) b;");
    ok("('use strict'); with (a) b;");
    bad("class A { m() { with (a) b; } }");
}

#[test]
fn functions_and_classes() {
    assert_eq!(
        shape(
            "class A extends B { constructor() { super(); } static #x = 1; get y() {} static {} }"
        ),
        "Script
  ClassDeclaration
    BindingIdentifier A
    ClassHeritage
      IdentifierReference B
    ClassBody
      Method (constructor)
        IdentifierName constructor
        FormalParameters (simple)
        FunctionBody
          ExpressionStatement
            SuperCall
      Field (static)
        PrivateName #x
        NumericLiteral 1
      Method (get)
        IdentifierName y
        FormalParameters (simple)
        FunctionBody
      StaticBlock
"
    );
    ok("function* g() { yield; yield* a; } async function f() { await a; } async function* h() {}");
    ok("({ m() { super.x; }, get a() {}, set a(v) {}, async *b() {}, [c]: 1 });");
    ok("class A { static async *m() {} 'constructor'() {} static constructor() {} }");
    bad("class A { constructor() { super(); } }");
    bad("class A { constructor() {} constructor() {} }");
    bad("class A { get constructor() {} }");
    bad("class A { static prototype() {} }");
    bad("class A { constructor = 1 }");
    bad("class A { #constructor() {} }");
    bad("class A { x = arguments; }");
    bad("class A extends B { x = super(); }");
    bad("({ m() { super(); } });");
    bad("({ #x: 1 });");
    bad("function f() { super.x; }");
    bad("super.x;");
    bad("new.target;");
    ok("function f() { new.target; () => new.target; }");
    bad("class A { static { await; } }");
    ok("class A { static { () => { class await {} }; } }");
    bad("async function f(a = await 1) {}");
    bad("function* g(a = yield) {}");
    bad("async function f() { var await; }");
    ok("async function await() {}");
    bad("(async function await() {});");
    bad("function f() { a.#x; delete this.#x; }");
}

#[test]
fn modules() {
    ok_module(
        "import a, * as b from 'm'; import {c as d, 'e f' as g} from 'm' with { type: 'json' };\n\
         export * from 'm'; export * as h from 'm'; export { i as 'j k' } from 'm';\n\
         export default function () {} export const l = 1; var n; export { n as o };\n\
         await 1; import.meta;",
    );
    bad_module("export { 'a' };");
    bad_module("export { if };");
    bad_module("var await;");
    bad_module("010;");
    bad("import.meta;");
    assert_eq!(
        shape_with("import a, {b as c} from 'm';", ParseOptions::module()),
        "Module
  ImportDeclaration
    ImportDefault
      BindingIdentifier a
    ImportSpecifier
      IdentifierName b
      BindingIdentifier c
    ModuleSpecifier \"m\"
"
    );
}

#[test]
fn regexps_and_escapes() {
    ok("/a+/g.test(s); a / b / c;");
    bad("/(/;");
    bad("/a/gg;");
    bad("v\\u0061r x;");
    ok("var l\\u0065t;");
    ok("var yi\\u0065ld;");
    bad("function* g() { var yi\\u0065ld; }");
}
