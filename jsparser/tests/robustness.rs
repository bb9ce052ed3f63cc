//! Robustness of the front end: no input crashes the process.
//!
//! Every parse here runs on a thread with a 2 MiB stack (the default stack
//! of a Rust thread, set explicitly so that `RUST_MIN_STACK` cannot hide a
//! recursion): the library must be safe for embedders that do not give it
//! a big stack. Deep nesting (100,000 levels of every nesting construct) and
//! long chains (1,000,000 operands) must end in an Ast or a SyntaxError,
//! never in a stack overflow, and dropping the Ast must not recurse either.
//!
//! A counting allocator checks that small inputs never allocate without
//! bound (a 1 KB input must not use a gigabyte).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use jsparser::{parse, ParseOptions, SourceKind, SyntaxError};

// ----- Per-thread allocation accounting ----------------------------------

/// Counts the bytes live on the current thread and their peak.
struct Counting;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn account(delta: isize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get() + delta;
        live.set(now);
        let _ = PEAK.try_with(|peak| {
            if now > peak.get() {
                peak.set(now);
            }
        });
    });
}

// SAFETY: every method forwards its arguments unchanged to `System`, which
// upholds the `GlobalAlloc` contract; the accounting on the side only updates
// const-initialised thread-locals, which neither allocate nor unwind.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's `layout` has a non-zero size (`alloc` contract).
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            account(layout.size() as isize);
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as in `alloc`.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            account(layout.size() as isize);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from this allocator, that is from `System`, with
        // `layout` (`dealloc` contract).
        unsafe { System.dealloc(ptr, layout) };
        account(-(layout.size() as isize));
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from `System` with `layout`, and `new_size` is
        // valid for it (`realloc` contract).
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            account(new_size as isize - layout.size() as isize);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Peak bytes allocated (above what was live at the start) while running
/// `f` on the current thread.
fn peak_allocation<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let base = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let r = f();
    let peak = PEAK.with(Cell::get);
    (r, (peak - base).max(0) as usize)
}

// ----- Helpers ---------------------------------------------------------------

/// The stack of the threads the parses run on: Rust's default.
const STACK: usize = 2 * 1024 * 1024;

/// What a parse ended with: Ok (node count) or the SyntaxError.
type Outcome = Result<usize, SyntaxError>;

/// Parses `source` on a fresh 2 MiB thread and drops the Ast there too.
fn run(source: String, options: ParseOptions) -> Outcome {
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || {
            let ast = parse(&source, options)?;
            let n = ast.nodes.len();
            assert!(n > 0, "an accepted parse has a root node");
            drop(ast);
            Ok(n)
        })
        .expect("spawn")
        .join()
        .unwrap_or_else(|_| panic!("the parser panicked"))
}

fn script(source: String) -> Outcome {
    run(source, ParseOptions::script())
}

/// The parse ends with an Ast.
#[track_caller]
fn ok(what: &str, source: String) {
    if let Err(e) = script(source) {
        panic!(
            "{what}: unexpected SyntaxError: {} at {:?}",
            e.message, e.span
        );
    }
}

/// The parse ends with an Ast or a SyntaxError (the nesting may be over a
/// documented limit); either is fine, the process must not crash.
#[track_caller]
fn ends(what: &str, source: String, options: ParseOptions) {
    match run(source, options) {
        Ok(_) => {}
        Err(e) => assert!(!e.message.is_empty(), "{what}: empty error message"),
    }
}

/// The parse ends with a SyntaxError.
#[track_caller]
fn syntax_error(what: &str, source: String) -> SyntaxError {
    match script(source) {
        Ok(_) => panic!("{what}: expected a SyntaxError"),
        Err(e) => e,
    }
}

/// `open` N times, `middle`, `close` N times.
fn nest(open: &str, middle: &str, close: &str, n: usize) -> String {
    let mut s = String::with_capacity((open.len() + close.len()) * n + middle.len());
    for _ in 0..n {
        s.push_str(open);
    }
    s.push_str(middle);
    for _ in 0..n {
        s.push_str(close);
    }
    s
}

const DEEP: usize = 100_000;

// ----- Deep nesting ----------------------------------------------------------

#[test]
fn nested_parentheses() {
    ok("(((x)))", nest("(", "x", ")", DEEP));
    ok("x = (((1)))", format!("x = {}", nest("(", "1", ")", DEEP)));
    // An unclosed nest is an error at the end, not a crash.
    syntax_error("((((", "(".repeat(DEEP));
    syntax_error("))))", ")".repeat(DEEP));
    // A deeply parenthesized arrow parameter is not an arrow.
    syntax_error(
        "((((a)))) => 0",
        format!("{} => 0", nest("(", "a", ")", DEEP)),
    );
    // Parenthesized assignment targets and calls.
    ok("(((a))) = 1", format!("{} = 1", nest("(", "a", ")", DEEP)));
    ok("f(f(f(x)))", nest("f(", "x", ")", DEEP));
}

#[test]
fn nested_brackets() {
    ok("[[[]]]", nest("[", "", "]", DEEP));
    ok("[[[x]]] = y", format!("{} = y", nest("[", "x", "]", DEEP)));
    ok(
        "var [[[x]]] = y",
        format!("var {} = y", nest("[", "x", "]", DEEP)),
    );
    ok("a[a[a[0]]]", nest("a[", "0", "]", DEEP));
    syntax_error("[[[[", "[".repeat(DEEP));
}

#[test]
fn nested_blocks() {
    ok("{{{}}}", nest("{", "", "}", DEEP));
    ok("{ let x; {", nest("{ let x; ", "", "}", DEEP));
    syntax_error("{{{{", "{".repeat(DEEP));
    syntax_error("}}}}", "}".repeat(DEEP));
}

#[test]
fn nested_object_literals() {
    ok(
        "x = {a:{a:1}}",
        format!("x = {}", nest("{a:", "1", "}", DEEP)),
    );
    ok(
        "({a:{a:b}} = c)",
        format!("({} = c)", nest("{a:", "b", "}", DEEP)),
    );
    ok(
        "var {a:{a:b}} = c",
        format!("var {} = c", nest("{a:", "b", "}", DEEP)),
    );
    ok("({a:[{a:[b]}]}) => 0", {
        format!("({}) => 0", nest("{a:[", "b", "]}", DEEP / 2))
    });
    // A CoverInitializedName at the bottom of a deep literal is an error.
    syntax_error(
        "x = {a:{a = 1}}",
        format!("x = {}", nest("{a:", "{b = 1}", "}", DEEP)),
    );
}

#[test]
fn nested_unary_operators() {
    ok("!!!x", format!("{}x", "!".repeat(DEEP)));
    ok("- - -x", format!("{}x", "- ".repeat(DEEP)));
    ok("~~~x", format!("{}x", "~".repeat(DEEP)));
    ok("typeof typeof x", format!("{}x", "typeof ".repeat(DEEP)));
    ok("void void x", format!("{}x", "void ".repeat(DEEP)));
    ok("delete delete x", format!("{}x", "delete ".repeat(DEEP)));
    ok("+-+-x", format!("{}x", "+-".repeat(DEEP / 2)));
    ok("new new X", format!("{}X", "new ".repeat(DEEP)));
    ok(
        "async await await x",
        format!("async function f() {{ {}x }}", "await ".repeat(DEEP)),
    );
    ok(
        "function* yield yield x",
        format!("function* f() {{ {}x }}", "yield ".repeat(DEEP)),
    );
    // `++` needs a simple target: an error, however deep.
    syntax_error("++++x", format!("{}x", "++".repeat(DEEP)));
    syntax_error("- - -", "- ".repeat(DEEP));
}

#[test]
fn right_associative_chains() {
    ok("a=a=a", format!("{}a", "a=".repeat(DEEP)));
    ok("a+=a-=a", format!("{}a", "a+=".repeat(DEEP)));
    ok("a?b:a?b:c", format!("{}c", "a?b:".repeat(DEEP)));
    ok("a?a?a?b:c:c", nest("a?", "b", ":c", DEEP));
    ok("a**a**a", format!("a{}", "**a".repeat(DEEP)));
    ok("a=>a=>a", format!("{}a", "a=>".repeat(DEEP)));
    ok(
        "async a=>async a=>a",
        format!("{}a", "async a=>".repeat(DEEP)),
    );
    ok("(a)=>(a)=>a", format!("{}a", "(a)=>".repeat(DEEP)));
    ok("a=>{return a=>{", nest("a=>{return ", "a", "}", DEEP));
    ok("a??=a||=a", format!("{}a", "a??=".repeat(DEEP)));
}

#[test]
fn nested_templates() {
    ok("`${`${x}`}`", nest("`${", "x", "}`", DEEP));
    ok("`a${`b${x}c`}d`", nest("`a${", "x", "}d`", DEEP));
    ok("t`${t`${x}`}`", nest("t`${", "x", "}`", DEEP));
    ok("`${{a:`${", nest("`${{a:", "x", "}}`", DEEP / 2));
    syntax_error("`${`${", "`${".repeat(DEEP));
}

#[test]
fn nested_statements() {
    ok("if(a)if(a);", format!("{};", "if(a)".repeat(DEEP)));
    ok("if(a)if(a);else;else;", nest("if(a)", ";", "else;", DEEP));
    ok("while(a)while(a);", format!("{};", "while(a)".repeat(DEEP)));
    ok("for(;;)for(;;);", format!("{};", "for(;;)".repeat(DEEP)));
    ok("do do;while(a)while(a)", nest("do ", ";", "while(a)", DEEP));
    ok("a:a:", {
        let labels: String = (0..DEEP).map(|i| format!("l{i}:")).collect();
        format!("{labels} break l0;")
    });
    ok("with(a)with(a);", format!("{};", "with(a)".repeat(DEEP)));
    ok("try{try{", nest("try{", "", "}finally{}", DEEP));
    ok(
        "switch(a){case 1:switch",
        nest("switch(a){case 1:", "", "}", DEEP),
    );
    syntax_error("if(a)if(a)", "if(a)".repeat(DEEP));
    // A break to a missing label, deep inside.
    syntax_error("{{break x}}", nest("{", "break x;", "}", DEEP));
}

#[test]
fn nested_functions() {
    ok(
        "function f(){function f(){",
        nest("function f(){", "", "}", DEEP),
    );
    ok(
        "(function(){(function(){",
        nest("(function(){", "", "})", DEEP),
    );
    ok(
        "function*(){function*(){",
        nest("function* f(){", "", "}", DEEP),
    );
    ok(
        "async function(){async function",
        nest("async function f(){", "", "}", DEEP),
    );
    ok(
        "f(function(){f(function",
        nest("f(function(){", "", "})", DEEP),
    );
    ok(
        "function f(a=function(b=...",
        nest("function f(a=function(b=", "0", "){}){}", DEEP / 2),
    );
    // An error at the innermost level is found.
    syntax_error(
        "function f(){ ... 'use strict'; with(a); }",
        nest("function f(){", "'use strict'; with(a);", "}", DEEP),
    );
    syntax_error(
        "function f(){ ... yield 1 }",
        nest("function* f(){function f(){", "yield 1;", "}}", DEEP / 2),
    );
}

#[test]
fn nested_classes() {
    ok(
        "class C{m(){class C{m(){",
        nest("class C{m(){", "", "}}", DEEP),
    );
    ok(
        "(class extends (class extends",
        nest("(class extends ", "X", "{})", DEEP),
    );
    ok(
        "class C{static{class C{static{",
        nest("class C{static{", "", "}}", DEEP),
    );
    ok("class C{x=class{x=", nest("class C{x=", "1", "}", DEEP));
    ok(
        "class C{#x; m(){class D{m(){this.#x",
        nest("class C{#x; m(){", "this.#x;", "}}", DEEP),
    );
    syntax_error(
        "class C{m(){ ... this.#y",
        nest("class C{#x; m(){", "this.#y;", "}}", DEEP),
    );
}

#[test]
fn long_chains() {
    let n = 1_000_000;
    ok("1+1+1", format!("1{}", "+1".repeat(n)));
    ok("a*b-c*d", format!("a{}", "*b-c".repeat(n / 2)));
    ok("a||b&&c??", format!("a{}", "||b&&c".repeat(n / 2)));
    ok("a,a,a", format!("a{}", ",a".repeat(n)));
    ok("a.a.a", format!("a{}", ".a".repeat(n)));
    ok("f()()()", format!("f{}", "()".repeat(n)));
    ok("a?.a?.a", format!("a{}", "?.a".repeat(n)));
    ok("a;a;a", "a;".repeat(n));
    ok("[a,a,a]", format!("[{}]", "a,".repeat(n)));
    ok("f(a,a,a)", format!("f({}a)", "a,".repeat(n)));
    ok("{a,a,a}", format!("({{{}a}})", "a,".repeat(n)));
    ok("var a0,a1", {
        let names: Vec<String> = (0..n / 4).map(|i| format!("a{i}")).collect();
        format!("var {};", names.join(","))
    });
    ok("1+1 ... with line breaks", "1+\n".repeat(n) + "1");
    ok("`${a}${a}`", format!("`{}`", "${a}".repeat(n)));
    // A late error after a long chain.
    syntax_error("a=a=...=1=", format!("{}1=", "a=".repeat(n)));
}

#[test]
fn nested_regular_expressions() {
    // The pattern parser (regress) recurses, up to its nesting limit; a
    // pattern over the limit is accepted unchecked, never a crash.
    for flags in ["", "u", "v"] {
        for (open, close) in [("(", ")"), ("(?:", ")"), ("(?=", ")"), ("(?<=", ")")] {
            ends(
                "/((((x))))/",
                format!("/{}/{flags}", nest(open, "x", close, DEEP)),
                ParseOptions::script(),
            );
            ends(
                "/(a|(a|(a|x)))/",
                format!("/{}/{flags}", nest(open, "a|x", close, 200)),
                ParseOptions::script(),
            );
        }
        ends(
            "/a**/",
            format!("/x{}/{flags}", "*".repeat(DEEP)),
            ParseOptions::script(),
        );
        ends(
            "/(?<a>(?<b>.../",
            format!(
                "/{}/{flags}",
                (0..DEEP / 10)
                    .map(|i| format!("(?<n{i}>"))
                    .collect::<String>()
                    + &")".repeat(DEEP / 10)
            ),
            ParseOptions::script(),
        );
    }
    ends(
        "/[[[[x]]]]/v",
        format!("/{}/v", nest("[", "x", "]", DEEP)),
        ParseOptions::script(),
    );
    ends(
        "/[a--[b--[c]]]/v",
        format!("/{}/v", nest("[a--", "[c]", "]", DEEP)),
        ParseOptions::script(),
    );
    ends(
        "/[[[[/ unclosed",
        format!("/{}/v", "[".repeat(DEEP)),
        ParseOptions::script(),
    );
    ends(
        "/((((/",
        format!("/{}/", "(".repeat(DEEP)),
        ParseOptions::script(),
    );
    ends(
        "/))))/",
        format!("/{}/", ")".repeat(DEEP)),
        ParseOptions::script(),
    );
    ok("long alternation", format!("/{}x/", "a|".repeat(DEEP)));
    ok("long class", format!("/[{}]/u", "a-z".repeat(DEEP)));
}

#[test]
fn ast_drop_does_not_recurse() {
    // Build and drop deep trees on the 2 MiB thread (`run` drops there) and
    // here, on the test thread.
    let ast = std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(|| {
            let src = nest("(", "x", ")", DEEP) + &"+1".repeat(DEEP);
            let a = parse(&src, ParseOptions::script()).expect("parses");
            let b = parse(&nest("{a:", "1", "}", DEEP), ParseOptions::script());
            drop(b);
            a
        })
        .expect("spawn")
        .join()
        .expect("no panic");
    // Dropping on the test thread; walking the tree (iterative, by subtree
    // sizes) on a 2 MiB thread.
    let count = std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || {
            let mut count = 0usize;
            let mut stack = vec![ast.root()];
            while let Some(i) = stack.pop() {
                count += 1;
                stack.extend(ast.children_rev(i));
            }
            assert_eq!(count, ast.nodes.len());
            // `dump` indents by depth (quadratic output for deep trees): a
            // smaller tree.
            let small = parse(&nest("(", "x", ")", 2000), ParseOptions::script()).unwrap();
            assert!(small.dump().lines().count() >= 3);
            drop(ast);
            count
        })
        .expect("spawn")
        .join()
        .expect("no panic");
    assert!(count > DEEP);
}

#[test]
fn every_goal_survives_deep_nesting() {
    // The same deep inputs as a strict script and as a module.
    let strict = ParseOptions {
        kind: SourceKind::Script,
        strict: true,
    };
    for options in [strict, ParseOptions::module()] {
        ends("(((x)))", nest("(", "x", ")", DEEP), options);
        ends("{{{}}}", nest("{", "", "}", DEEP), options);
        ends("!!!x", format!("{}x", "!".repeat(DEEP)), options);
        ends("`${`${", nest("`${", "x", "}`", DEEP), options);
        ends("a=>a=>", format!("{}a", "a=>".repeat(DEEP)), options);
        ends(
            "function f(){",
            nest("function f(){", "", "}", DEEP),
            options,
        );
    }
}

// ----- Odd inputs ------------------------------------------------------------

#[test]
fn empty_and_trivial_inputs() {
    ok("empty", String::new());
    ok("whitespace", " \t\n\r\u{feff}\u{2028}\u{a0}".to_string());
    ok("line comment", "// only a comment".to_string());
    ok("block comment", "/* only a comment */".to_string());
    ok("html-like comments", "<!-- a\n--> b\n".to_string());
    ok("many comments", "/**/ // x\n".repeat(DEEP));
    ok("hashbang", "#!/usr/bin/env node".to_string());
    ends(
        "module hashbang",
        "#!x\n".to_string(),
        ParseOptions::module(),
    );
    syntax_error("unclosed block comment", "/* a".to_string());
    ok("semicolons", ";".repeat(DEEP));
}

#[test]
fn nul_and_control_characters() {
    syntax_error("NUL", "\0".to_string());
    syntax_error("NUL in code", "a \0 b".to_string());
    ok("NUL in a string", "'\0'".to_string());
    ok("NUL in a comment", "// \0\n/* \0 */".to_string());
    ok("NUL in a template", "`\0`".to_string());
    ok("NUL in a regexp", "/\0/".to_string());
    syntax_error("unclosed string at NUL", "'\0".to_string());
    for c in [
        '\u{1}',
        '\u{7f}',
        '\u{85}',
        '\u{fffe}',
        '\u{ffff}',
        '\u{10ffff}',
    ] {
        let _ = script(format!("a {c} b"));
        let _ = script(format!("'{c}'"));
    }
}

#[test]
fn lone_surrogate_escapes() {
    // Lone surrogates cannot be in a &str, but escapes can denote them.
    ok("string", r#"x = "\uD800""#.to_string());
    ok("string low", r#"x = '\uDC00\uD800'"#.to_string());
    ok("string braces", r#"x = "\u{D800}""#.to_string());
    ok("template", r"x = `\uD800`".to_string());
    ok("tagged template", r"t`\uD800\u{DFFF}`".to_string());
    ok("regexp", r"/\uD800/u".to_string());
    ok("directive", r#"'\uD800'; 'use strict'"#.to_string());
    ok("property key", r#"({"\uD800": 1})"#.to_string());
    ends(
        "module specifier",
        r#"import "\uD800";"#.to_string(),
        ParseOptions::module(),
    );
    ends(
        "export name",
        r#"export { a as "\uD800" }; var a;"#.to_string(),
        ParseOptions::module(),
    );
    syntax_error("identifier", r"var \uD800;".to_string());
    syntax_error("identifier braces", r"var a\u{DC00};".to_string());
    syntax_error("identifier pair", r"var \uD83D\uDE00;".to_string());
    syntax_error("private name", r"class C { #\uD800 }".to_string());
    syntax_error("out of range", r#""\u{110000}""#.to_string());
    syntax_error(
        "huge code point",
        r#""\u{FFFFFFFFFFFFFFFFFFFF}""#.to_string(),
    );
    ok("many zeros", format!("'\\u{{{}41}}'", "0".repeat(DEEP)));
}

#[test]
fn big_literals() {
    // A 50 MB string literal.
    let big = 50 * 1024 * 1024;
    let mut src = String::with_capacity(big + 8);
    src.push_str("x = '");
    src.push_str(&"a".repeat(big));
    src.push_str("';");
    ok("50 MB string", src);
    // 10 MB of one identifier, then used again.
    let name = "a".repeat(10 * 1024 * 1024);
    ok("10 MB identifier", format!("var {name}; {name} = 1;"));
    // A 10 MB escaped identifier.
    ok(
        "escaped identifier",
        format!("var {};", r"\u0061".repeat(DEEP * 10 / 6)),
    );
    // Long numbers, template, regexp, comment.
    ok("long number", "1".repeat(10 * 1024 * 1024));
    ok("long decimal", format!("0.{}1e-5", "0".repeat(DEEP * 10)));
    ok("long bigint", format!("0x{}n", "f".repeat(DEEP * 10)));
    ok("long template", format!("`{}`", "a\\n".repeat(DEEP * 10)));
    ok("long regexp", format!("/{}/", "a".repeat(DEEP * 10)));
    ok("long comment", format!("/*{}*/", "*".repeat(DEEP * 10)));
    syntax_error(
        "unterminated big string",
        format!("'{}", "a".repeat(DEEP * 10)),
    );
}

#[test]
fn invalid_input_errors_have_messages_and_spans() {
    let cases = [
        "(",
        ")",
        "{",
        "}",
        "[",
        "]",
        "`",
        "`${",
        "'",
        "\"",
        "/",
        "/*",
        "#",
        "@",
        "\\",
        "\\u",
        "\\u{",
        "0x",
        "1n2",
        "1_",
        "new.foo",
        "import.foo",
        "?.",
        "=>",
        "...",
        "\u{2028}'",
        "'\u{a}'",
        "/a/gg",
        "/[/",
        "/(/u",
        "0b2",
        "08n",
        "a\\u0",
    ];
    for src in cases {
        let e = syntax_error(src, src.to_string());
        assert!(!e.message.is_empty(), "{src:?}");
        assert!(e.span.start <= e.span.end, "{src:?}: {:?}", e.span);
        assert!(e.span.end as usize <= src.len(), "{src:?}: {:?}", e.span);
    }
}

// ----- Bounded allocation ------------------------------------------------------

/// Inputs of about 1 KB, including adversarial ones.
fn small_inputs() -> Vec<String> {
    let k = 1024;
    let mut v = vec![
        "(".repeat(k),
        "[".repeat(k),
        "{".repeat(k),
        "`${".repeat(k / 3),
        nest("(", "x", ")", k / 2),
        nest("{a:", "1", "}", k / 4),
        nest("`${", "x", "}`", k / 4),
        format!("{}x", "!".repeat(k)),
        format!("{}a", "a=>".repeat(k / 3)),
        format!("{}a", "a?b:".repeat(k / 4)),
        format!("1{}", "+1".repeat(k / 2)),
        format!("'{}'", "\\u{0000000000000041}".repeat(k / 20)),
        format!("'{}'", "\\uD800".repeat(k / 6)),
        format!("/{}/u", "(?:".repeat(k / 3)),
        format!("/{}/u", "\\u{10FFFF}".repeat(k / 10)),
        format!("0x{}n", "f".repeat(k)),
        format!("1e{}", "9".repeat(k)),
        format!("0.{}", "0".repeat(k)),
        "a\n++b\n".repeat(k / 6),
        "var a; let a;".repeat(k / 13),
        "l: ".repeat(k / 3),
        format!("{}x", "\\u0061".repeat(k / 6)),
        "\u{10ffff}".repeat(k / 4),
    ];
    // Pseudo-random token soup: deterministic, no dependency.
    let tokens = [
        "(", ")", "{", "}", "[", "]", "`", "${", "=>", "a", "1", "'s'", "/", "=", ",", ";", ":",
        "?", ".", "...", "function", "class", "async", "await", "yield", "let", "new", "\n", " ",
        "#x", "+", "++", "`a${", "}`", "/x/", "if", "else", "return",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..200 {
        let mut s = String::new();
        while s.len() < k {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push_str(tokens[(seed % tokens.len() as u64) as usize]);
        }
        v.push(s);
    }
    v
}

#[test]
fn small_inputs_allocate_little() {
    // Warm up the lazily built tables (allocated once per process).
    let _ = parse("a", ParseOptions::script());
    let mut worst = (0usize, String::new());
    for src in small_inputs() {
        for options in [ParseOptions::script(), ParseOptions::module()] {
            let (_, peak) = peak_allocation(|| parse(&src, options).map(|ast| ast.nodes.len()));
            if peak > worst.0 {
                worst = (peak, src.clone());
            }
        }
    }
    // 1 KB of source makes at most about a thousand nodes and stack entries:
    // a few hundred KB. 16 MB is a generous bound that still catches any
    // allocation driven by a value in the input rather than by its length.
    assert!(
        worst.0 < 16 << 20,
        "{} bytes allocated for {:?}",
        worst.0,
        worst.1
    );
}
