//! Early errors of this pass, through the whole front end.

use crate::{parse, ParseOptions};

fn script(src: &str) -> Result<(), String> {
    parse(src, ParseOptions::script())
        .map(|_| ())
        .map_err(|e| e.message)
}

fn module(src: &str) -> Result<(), String> {
    parse(src, ParseOptions::module())
        .map(|_| ())
        .map_err(|e| e.message)
}

#[track_caller]
fn ok(src: &str) {
    if let Err(e) = script(src) {
        panic!("expected {src:?} to parse, got: {e}");
    }
}

#[track_caller]
fn bad(src: &str) {
    assert!(script(src).is_err(), "expected a SyntaxError for {src:?}");
}

#[track_caller]
fn ok_module(src: &str) {
    if let Err(e) = module(src) {
        panic!("expected module {src:?} to parse, got: {e}");
    }
}

#[track_caller]
fn bad_module(src: &str) {
    assert!(
        module(src).is_err(),
        "expected a SyntaxError for module {src:?}"
    );
}

#[test]
fn early_lexical_duplicates() {
    bad("let a; let a;");
    bad("let a; var a;");
    bad("var a; let a;");
    bad("const a = 1; class a {}");
    bad("{ let a; { var a; } }");
    bad("{ { var a; } let a; }");
    bad("let [a, a] = [];");
    bad("switch (0) { case 1: let a; case 2: let a; }");
    bad("switch (0) { case 1: let a; default: var a; }");
    bad("for (let x;;) { var x; }");
    bad("for (const x of []) { var x; }");
    bad("function f() { let g; function g() {} }");
    bad("function f(a) { let a; }");
    bad("(a) => { const a = 1; };");
    bad("let f; function f() {}");
    ok("var a; var a;");
    ok("var f; function f() {}");
    ok("function f() {} function f() {}");
    ok("{ let a; } { let a; }");
    ok("let a; { let a; }");
    ok("function f(a) { var a; }");
    ok("function f(a) { { let a; } }");
    ok("for (let x;;) { let x; }");
    ok("{ function f() {} function f() {} }");
    bad("'use strict'; { function f() {} function f() {} }");
    bad("{ function* f() {} function f() {} }");
    bad("{ async function f() {} function f() {} }");
    ok("if (1) function f() {} let f;");
    bad("for (let x in {}) var x;");
    bad("L: function f() {} let f;");
    ok("L: function f() {} var f;");
    bad("{ L: function f() {} let f; }");
    ok("switch (0) { case 1: function f() {} default: function f() {} }");
    bad("'use strict'; switch (0) { case 1: function f() {} default: function f() {} }");
    ok("class C { static { function f() {} var f; } }");
    bad("class C { static { let f; var f; } }");
    ok("class C { static { var x; } static { var x; let y; } }");
    ok("let C; (class C { m() { let C; } });");
    bad("class C {} var C;");
    ok("function f() { var f; let g; } var g;");
    ok("var x; function g(x) { let y; { var x; } }");
}

#[test]
fn early_catch() {
    bad("try {} catch (e) { let e; }");
    bad("try {} catch ([e]) { var e; }");
    bad("try {} catch ([e, e]) {}");
    ok("try {} catch (e) { var e; }");
    ok("try {} catch (e) { for (var e of []); }");
    ok("try {} catch (e) { { let e; } }");
    bad("try {} catch (e) { function e() {} }");
}

#[test]
fn early_labels() {
    bad("L: L: ;");
    bad("L: { L: ; }");
    ok("L: ; L: ;");
    ok("L: { function f() { L: ; } }");
    bad("break;");
    bad("continue;");
    bad("L: { continue L; }");
    bad("while (1) { break M; }");
    ok("L: while (1) { continue L; }");
    ok("L: M: while (1) { continue L; }");
    ok("L: { break L; }");
    ok("switch (0) { case 1: break; }");
    bad("switch (0) { case 1: continue; }");
    bad("while (1) { (function () { break; }); }");
    bad("L: while (1) { (() => { continue L; }); }");
    bad("while (1) L: function f() {}");
    bad("if (1) L: function f() {}");
}

#[test]
fn early_classes() {
    bad("class C { constructor() {} constructor() {} }");
    bad("class C { get constructor() {} }");
    bad("class C { *constructor() {} }");
    bad("class C { async constructor() {} }");
    bad("class C { static prototype() {} }");
    bad("class C { static prototype = 1; }");
    bad("class C { constructor = 1; }");
    bad("class C { #constructor; }");
    bad("class C { #a; #a; }");
    bad("class C { #a; get #a() {} }");
    bad("class C { get #a() {} static set #a(v) {} }");
    ok("class C { get #a() {} set #a(v) {} }");
    ok("class C { static constructor() {} static prototype2() {} }");
    ok("class C { 'constructor'() {} }");
    bad("class C { 'constructor'() {} constructor() {} }");
    bad("this.#a;");
    bad("class C { m() { this.#b; } }");
    ok("class C { #a; m() { class D { n(o) { return o.#a; } } } }");
    ok("class C { m() { return this.#a; } #a; }");
    bad("class C extends (o => o.#a) { #a; }");
    ok("class C { #a; static m(o) { return #a in o; } }");
    bad("class C { #a; m() { delete this.#a; } }");
    bad("class C { #a; m() { delete this?.#a; } }");
    bad("({ #a() {} });");
}

#[test]
fn early_identifiers() {
    bad("function* g() { var yi\\u0065ld; }");
    ok("function* g() { (function yield() {}); }");
    bad("function* g() { function yi\\u0065ld() {} }");
    bad("function* g() { function* yield() {} }");
    bad("async function f() { var aw\\u0061it; }");
    ok("async function f() { (function aw\\u0061it() {}); }");
    bad("async function f() { function aw\\u0061it() {} }");
    ok("class C { static { (() => { let await; }); } }");
    bad("class C { static { ((x = aw\\u0061it) => x); } }");
    bad("class C { static { function await() {} } }");
    ok("class C { static { (function await() {}); } }");
    ok("class C { static { (function () { var await; }); } }");
    bad("let let = 1;");
    bad("for (let let of []);");
    bad("const a;");
    ok("for (const a of []);");
    bad("for (const a;;);");
}

#[test]
fn early_modules() {
    bad_module("export { a };");
    ok_module("export { a }; var a;");
    ok_module("export { a as b }; import { a } from 'm';");
    bad_module("export var a; export { a };");
    bad_module("export default 1; export default 2;");
    bad_module("var a, b; export { a as c, b as c };");
    bad_module("export { if };");
    bad_module("export { 'a' };");
    ok_module("export { 'a' } from 'm';");
    bad_module("export * as '\\uD800' from 'm';");
    bad_module("import { a } from 'm'; import { a } from 'n';");
    bad_module("import a from 'm'; let a;");
    bad_module("function f() {} var f;");
    bad_module("function f() {} function f() {}");
    bad_module("import x from 'm' with { type: 'json', type: 'json' };");
    ok_module("export default function f() {} export { f as g };");
    bad_module("export default function f() {} let f;");
    bad_module("export { x }; { var y; let x; }");
    ok_module("export { y }; { var y; }");
    bad_module("export { a as default }; export default 1;");
    ok_module("export { default } from 'm'; export * from 'n'; export * from 'o';");
    bad_module("export * as a from 'm'; export * as a from 'n';");
}

#[test]
fn early_deep_nesting_does_not_overflow() {
    let n = 100_000;
    let src = format!("{}{}", "{".repeat(n), "}".repeat(n));
    let _ = script(&src);
    let src = format!("var x = {}1{};", "(".repeat(n), ")".repeat(n));
    let _ = script(&src);
}

/// Inputs that a naive scope or label walk would check in quadratic time.
#[test]
fn early_long_chains_stay_linear() {
    let n = 50_000;
    let labels: String = (0..n).map(|i| format!("L{i}: ")).collect();
    ok(&format!("{labels} while (0) continue L0;"));
    let blocks: String = (0..n).map(|i| format!("{{ var v{i}; ")).collect();
    ok(&format!("{blocks}{}", "}".repeat(n)));
    let lets: String = (0..n).map(|i| format!("let w{i}; {{ ")).collect();
    bad(&format!("{lets} var w0; {}", "}".repeat(n)));
    // Import attribute keys are checked with a map, not pairwise.
    let keys: Vec<String> = (0..n).map(|i| format!("k{i}: ''")).collect();
    ok_module(&format!(
        "import a from 'm' with {{ {} }};",
        keys.join(", ")
    ));
    bad_module(&format!(
        "import a from 'm' with {{ {}, k0: '' }};",
        keys.join(", ")
    ));
    // Nested sloppy functions, each with a strict-only error: each
    // function passes one entry on (syntax/context.rs), not all of them.
    let nested = format!("{}{}", "function f() { 010; ".repeat(n), "}".repeat(n));
    ok(&nested);
    bad(&format!("'use strict'; {nested}"));
    bad(&format!("function g() {{ 'use strict'; {nested} }}"));
}

/// The walk skips subtrees without checked nodes: checked nodes deep in
/// expressions (including ones refined from covers) are still visited.
#[test]
fn checked_nodes_inside_expressions() {
    bad("f(1, [a, {b: function () { let x; let x; }}]);");
    bad("x = a ? b : (c, () => { label: label: ; });");
    bad("async (a = () => { let x; var x; }) => 0;");
    bad("async (a = function () { break; }) => 0;");
    bad("({a = class { m() { this.#p; } }} = {});");
    bad("`${ function () { continue; } }`;");
    ok("f(1, [a, {b: function () { let x; { let x; } }}]);");
    ok("async (a = () => { let x; }, b = () => { let x; }) => 0;");
    ok("x = a ? b : (c, () => { l: for (;;) continue l; });");
}
