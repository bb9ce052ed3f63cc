//! Scope resolution and capture analysis of the analyzer, on real parses.

use super::*;
use crate::backend::Executor;
use crate::value::Value;
use jsparser::{parse, ParseOptions};

fn analyze_source(source: &str) -> Program {
    let ast = parse(source, ParseOptions::script()).expect("parses");
    analyze(&ast).expect("analyzes")
}

/// The variables of all scopes of function `f`, as `(name, kind, locator,
/// captured)`.
fn vars(p: &Program, f: u32) -> Vec<(String, VariableKind, Locator, bool)> {
    p.functions[f as usize]
        .scopes
        .iter()
        .flat_map(|s| s.variables.iter())
        .map(|v| {
            (
                p.symbol_name(v.symbol).to_owned(),
                v.kind,
                v.locator,
                v.captured,
            )
        })
        .collect()
}

/// The locators of every `VariableReference(name, _)` of function `f`.
fn refs(p: &Program, f: u32, name: &str) -> Vec<Locator> {
    p.functions[f as usize]
        .commands
        .iter()
        .filter_map(|c| match c {
            CompileCommand::VariableReference(s, l) if p.symbol_name(*s) == name => Some(*l),
            _ => None,
        })
        .collect()
}

fn var_of(p: &Program, f: u32, name: &str) -> (VariableKind, Locator, bool) {
    let v = vars(p, f);
    let (_, k, l, c) = v
        .into_iter()
        .find(|v| v.0 == name)
        .unwrap_or_else(|| panic!("no variable {name} in fn{f}"));
    (k, l, c)
}

#[test]
fn closure_captures_loop_variable() {
    let p = analyze_source("function f() { for (let i = 0; i < 3; i++) { g(() => i); } }");
    // fn1 = f, fn2 = the arrow.
    let (kind, local, captured) = var_of(&p, 1, "i");
    assert_eq!(kind, VariableKind::Let);
    assert!(captured);
    assert_eq!(p.functions[2].captures.len(), 1);
    assert_eq!(refs(&p, 2, "i"), vec![Locator::Capture(0)]);
    let commands = &p.functions[1].commands;
    assert!(commands.contains(&CompileCommand::Capture(local)));
    // The end of each iteration escapes the per-iteration binding.
    let body = commands
        .iter()
        .position(|c| *c == CompileCommand::LoopBody)
        .unwrap();
    assert!(matches!(commands[body - 1], CompileCommand::PushScope(_)));
    assert!(matches!(commands[body - 2], CompileCommand::PopScope(_)));
    // `g` is a global.
    assert_eq!(refs(&p, 1, "g"), vec![Locator::Global]);
}

#[test]
fn shadowing_resolves_to_the_innermost_binding() {
    let p = analyze_source("function f(x) { let y = x; { let x = 2; y = x; } return x; }");
    let xs: Vec<_> = vars(&p, 1).into_iter().filter(|v| v.0 == "x").collect();
    assert_eq!(xs.len(), 2);
    assert_eq!(xs[0].2, Locator::Argument(0));
    let inner = xs[1].2;
    assert!(matches!(inner, Locator::Local(_)));
    assert_eq!(
        refs(&p, 1, "x"),
        vec![Locator::Argument(0), inner, inner, Locator::Argument(0)]
    );
}

#[test]
fn lexical_bindings_are_declared_for_the_tdz() {
    let p = analyze_source("function f() { g(x); let x = 1; const y = 2; }");
    assert_eq!(var_of(&p, 1, "x").0, VariableKind::Let);
    assert_eq!(var_of(&p, 1, "y").0, VariableKind::Const);
    let commands = &p.functions[1].commands;
    assert_eq!(commands[1], CompileCommand::DeclareVars(ScopeRef(0)));
    // The use before the declaration resolves to the (uninitialised) local.
    assert!(matches!(refs(&p, 1, "x")[0], Locator::Local(_)));
}

#[test]
fn var_hoists_through_blocks() {
    let p = analyze_source(
        "function f() { if (a) { { var v = 1; } } return v; } function h() { return v; }",
    );
    let (kind, l, _) = var_of(&p, 1, "v");
    assert_eq!(kind, VariableKind::Var);
    assert_eq!(refs(&p, 1, "v"), vec![l, l]);
    // Another function does not see it.
    assert_eq!(refs(&p, 2, "v"), vec![Locator::Global]);
    // Script-level vars and functions are global declarations.
    let q = analyze_source("var a = 1; function b() {} { var c; } let d; const e = 1;");
    let names = |syms: &[Symbol]| -> Vec<String> {
        syms.iter().map(|s| q.symbol_name(*s).to_owned()).collect()
    };
    assert_eq!(names(&q.declarations.vars), vec!["a", "c"]);
    assert_eq!(names(&q.declarations.functions), vec!["b"]);
    let lexical: Vec<_> = q
        .declarations
        .lexical
        .iter()
        .map(|&(s, c)| (q.symbol_name(s).to_owned(), c))
        .collect();
    assert_eq!(
        lexical,
        vec![("d".to_owned(), false), ("e".to_owned(), true)]
    );
}

#[test]
fn resolution_postponed_across_two_functions() {
    let p = analyze_source(
        "function a() { let x = 1; function b() { function c() { return x + y; } return c; } return b; }",
    );
    // fn1 = a, fn2 = b, fn3 = c.
    let (_, x_local, captured) = var_of(&p, 1, "x");
    assert!(captured);
    assert_eq!(p.symbol_name(p.functions[2].captures[0]), "x");
    assert_eq!(p.symbol_name(p.functions[3].captures[0]), "x");
    assert_eq!(refs(&p, 3, "x"), vec![Locator::Capture(0)]);
    assert_eq!(refs(&p, 3, "y"), vec![Locator::Global]);
    // a creates b with its local; b forwards its own capture to c.
    assert!(p.functions[1]
        .commands
        .contains(&CompileCommand::Capture(x_local)));
    assert!(p.functions[2]
        .commands
        .contains(&CompileCommand::Capture(Locator::Capture(0))));
}

#[test]
fn arrows_see_this_and_arguments_of_their_function() {
    let p = analyze_source("function f() { return () => this.x + arguments.length; }");
    let (_, this_local, captured) = var_of(&p, 1, "this");
    assert!(captured);
    let (_, args_local, captured) = var_of(&p, 1, "arguments");
    assert!(captured);
    let commands = &p.functions[1].commands;
    // Initialised in the prologue.
    assert_eq!(
        commands[2..5],
        [
            CompileCommand::VariableReference(
                p.symbols
                    .iter()
                    .position(|s| s == "this")
                    .map(|i| Symbol(i as u32))
                    .unwrap(),
                this_local
            ),
            CompileCommand::This,
            CompileCommand::Initialize,
        ]
    );
    assert!(
        commands.contains(&CompileCommand::ArgumentsObject(ArgumentsMapping::Mapped(
            0
        )))
    );
    assert!(commands.contains(&CompileCommand::Capture(args_local)));
}

#[test]
fn mapped_arguments_capture_the_parameters() {
    // 10.2.11 step 22: sloppy + simple parameters = mapped; the aliased
    // parameters live in capture cells.
    let p = analyze_source("function f(a, b) { return arguments; }");
    assert!(p.functions[1]
        .commands
        .contains(&CompileCommand::ArgumentsObject(ArgumentsMapping::Mapped(
            2
        ))));
    assert!(var_of(&p, 1, "a").2 && var_of(&p, 1, "b").2);
    // Strict code and non-simple parameter lists: unmapped, nothing captured.
    for source in [
        "function f(a) { 'use strict'; return arguments; }",
        "function f(a, b = 1) { return arguments; }",
    ] {
        let p = analyze_source(source);
        assert!(p.functions[1]
            .commands
            .contains(&CompileCommand::ArgumentsObject(ArgumentsMapping::Unmapped)));
        assert!(!var_of(&p, 1, "a").2, "{source}");
    }
    // A function that does not mention `arguments` pays nothing.
    let p = analyze_source("function f(a) { return a; }");
    assert!(!p.functions[1]
        .commands
        .iter()
        .any(|c| matches!(c, CompileCommand::ArgumentsObject(_))));
    assert!(!var_of(&p, 1, "a").2);
}

#[test]
fn var_arguments_is_the_arguments_binding() {
    let p = analyze_source("function f() { var arguments; return arguments; }");
    assert!(p.functions[1]
        .commands
        .iter()
        .any(|c| matches!(c, CompileCommand::ArgumentsObject(_))));
    // A function declaration named `arguments` replaces the object.
    let p = analyze_source("function f() { function arguments() {} return arguments; }");
    assert!(!p.functions[1]
        .commands
        .iter()
        .any(|c| matches!(c, CompileCommand::ArgumentsObject(_))));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let source = format!("{}1{}", "(".repeat(5000), ")".repeat(5000));
    let ast = parse(&source, ParseOptions::script());
    if let Ok(ast) = ast {
        let result = std::thread::Builder::new()
            .stack_size(64 << 20)
            .spawn(move || analyze(&ast).map(|_| ()))
            .unwrap()
            .join()
            .unwrap();
        assert!(result.is_ok() || result.unwrap_err().message.contains("deeply"));
    }
}

/// Runs a script and returns the global `result`.
fn run(source: &str) -> Value {
    let program = analyze_source(source);
    let mut exec = Executor::new().unwrap();
    let id = exec.load(program);
    let r = exec.run(id).expect("compiles");
    assert!(r.is_ok(), "threw");
    exec.get_global("result").expect("result is set")
}

#[test]
fn runs_closures_loops_and_switch() {
    let v = run(
        "var fs = [];
         for (let i = 0; i < 3; i++) fs[i] = () => i;
         function counter() { let n = 0; return { inc() { return ++n; } }; }
         var c = counter(); c.inc(); c.inc();
         function kind(x) { switch (x) { case 1: return 'one'; case 2: case 3: return 'few'; default: return 'many'; } }
         var result = fs[0]() + fs[1]() * 10 + fs[2]() * 100 + c.inc() * 1000
           + (kind(1) === 'one') + (kind(3) === 'few') * 10 + (kind(9) === 'many') * 100;",
    );
    assert_eq!(v.as_number(), Some(3210.0 + 111.0));
}

#[test]
fn runs_destructuring_defaults_and_rest() {
    let v = run(
        "function f({a, b: [c, d = 4]}, e = 5, ...rest) { return a + c + d + e + rest.length; }
         var result = f({a: 1, b: [2]}, undefined, 7, 8);",
    );
    assert_eq!(v.as_number(), Some(1.0 + 2.0 + 4.0 + 5.0 + 2.0));
}

#[test]
fn for_of_is_a_protected_loop_over_an_iterator_record() {
    let p = analyze_source("for (const x of [1]) { x; }");
    let commands = &p.functions[0].commands;
    assert!(commands.contains(&CompileCommand::Helper(Helper::GetIterator)));
    assert!(commands.contains(&CompileCommand::Helper(Helper::IteratorStepValue)));
    assert!(commands.contains(&CompileCommand::Helper(Helper::IteratorClose)));
    assert!(commands.contains(&CompileCommand::Try {
        has_catch: true,
        has_finally: true
    }));
}

#[test]
fn const_captures_are_marked() {
    let p = analyze_source("{ const c = 1; let l = 2; function f() { return c + l; } }");
    assert_eq!(p.functions[1].const_captures, vec![true, false]);
    // Script-level lexical declarations are global bindings, not captures.
    let p = analyze_source("const c = 1; function f() { return c; }");
    assert!(p.functions[1].captures.is_empty());
}

#[test]
fn runs_for_of_for_in_spread_and_rest() {
    let v = run("var o = {a: 1, b: 2}; var keys = '';
         for (var k in o) keys += k;
         var sum = 0;
         for (const [i, x] of [[0, 10], [1, 20]]) sum += i + x;
         function f(a, b, c) { return a + b + c; }
         var [h, ...t] = [...'xyz'];
         var result = (keys === 'ab') + (sum === 31) + (f(...[1, 2], 3) === 6) + (h === 'x') + (t.length === 2);");
    assert_eq!(v.as_number(), Some(5.0));
}

#[test]
fn annex_b_block_functions_get_a_var_binding() {
    // B.3.2.1: `f` is a var of the function, and evaluating the declaration
    // copies the block binding to it.
    let p = analyze_source("function g() { { function f() {} } return f; }");
    let (_, var_f, _) = var_of(&p, 1, "f");
    assert!(p.functions[1].scopes[0]
        .variables
        .iter()
        .any(|v| p.symbol_name(v.symbol) == "f" && v.locator == var_f));
    assert!(p.functions[1].commands.windows(3).any(|w| matches!(
        w,
        [CompileCommand::VariableReference(_, outer), CompileCommand::VariableReference(_, inner), CompileCommand::Assignment]
            if *outer == var_f && *inner != var_f
    )));
    // A conflicting lexical declaration, a parameter or strict code: no var.
    for source in [
        "function g() { let f; { function f() {} } }",
        "function g(f) { { function f() {} } }",
        "function g() { 'use strict'; { function f() {} } }",
    ] {
        let p = analyze_source(source);
        let vars = &p.functions[1].scopes[0].variables;
        assert!(
            !vars
                .iter()
                .any(|v| p.symbol_name(v.symbol) == "f" && v.kind == VariableKind::Var),
            "{source}"
        );
    }
}

#[test]
fn tagged_templates_have_one_site_each() {
    let p = analyze_source("o.t`a${x}\\u{41}`; t`\\unicode`;");
    assert_eq!(p.templates.len(), 2);
    let s0 = &p.templates[0];
    assert_eq!(s0.cooked.len(), 2);
    assert_eq!(p.strings[s0.cooked[1].unwrap().0 as usize], "A");
    assert_eq!(p.strings[s0.raw[1].0 as usize], "\\u{41}");
    // An invalid escape has no cooked string.
    assert_eq!(p.templates[1].cooked, vec![None]);
    let c = &p.functions[0].commands;
    assert!(c.contains(&CompileCommand::TemplateObject(0)));
    assert!(c.contains(&CompileCommand::Call(2)));
    assert!(c.contains(&CompileCommand::Call(1)));
}

#[test]
fn new_target_is_a_lazy_binding_arrows_capture() {
    let p = analyze_source("function f() { return () => new.target; }");
    let (_, local, captured) = var_of(&p, 1, "new.target");
    assert!(captured);
    let c = &p.functions[1].commands;
    assert!(c.windows(3).any(|w| matches!(
        w,
        [CompileCommand::VariableReference(_, l), CompileCommand::NewTarget, CompileCommand::Initialize]
            if *l == local
    )));
    // A function without `new.target` pays nothing.
    let p = analyze_source("function f() { return 1; }");
    assert!(!p.functions[1].commands.contains(&CompileCommand::NewTarget));
}

#[test]
fn interning_finds_names_and_strings_also_pushed_directly() {
    let mut p = Program::default();
    let a = p.symbol("a");
    assert_eq!(p.symbol("b").0, a.0 + 1);
    assert_eq!(p.symbol("a"), a);
    p.symbols.push("c".to_owned());
    assert_eq!(p.symbol("c").0, 2, "an entry pushed directly is found");
    let s = p.string("text");
    assert_eq!(p.string("text"), s);
    // A string literal that is not valid UTF-16 keeps a lossy copy in
    // `strings` that the exact text must not match.
    let lone = p.string_utf16(&[0xD800]);
    let replacement = p.string("\u{FFFD}");
    assert_ne!(lone, replacement);
    assert_eq!(p.string("\u{FFFD}"), replacement);
    for i in 0..1000 {
        p.symbol(&format!("v{i}"));
    }
    assert_eq!(p.symbol("v999").0, 3 + 999);
}

#[test]
fn switch_string_selectors_are_one_lookup() {
    let cases: String = (0..10)
        .map(|i| format!("case 'k{i}': return {i};"))
        .collect();
    // Strings, -0, null and true are one run; `NaN` and `undefined` (names)
    // and g() are tested on their own.
    let source = format!(
        "function f(x) {{ switch (x) {{ {cases} case -0: case null: case true: case NaN:          case undefined: case g(): default: }} }}"
    );
    let p = analyze_source(&source);
    let commands = &p.functions[1].commands;
    let lookups = commands
        .iter()
        .filter(|c| matches!(c, CompileCommand::CaseIndex(_)))
        .count();
    assert_eq!(lookups, 1);
    let t = &p.case_tables[0];
    assert_eq!(t.cases, vec![(0, 10)]);
    assert_eq!(t.others.len(), 12);
    assert!(matches!(t.others[3], (CompileCommand::String(_), 3)));
    assert_eq!(t.others[10], (CompileCommand::Null, 11));
    assert_eq!(t.others[11], (CompileCommand::Boolean(true), 12));
    assert_eq!(t.fallback, 16);
}

#[test]
fn switch_constant_selectors_are_one_lookup() {
    let cases: String = (0..20).map(|i| format!("case {i}: return {i};")).collect();
    // 20 constants, then a selector with an effect, then 8 more.
    let source = format!(
        "function f(x) {{ switch (x) {{ {cases} case g(): return 'g'; \
         case 20: case 21: case -22: case 23: case 24: case 25: case 26: case 27: \
         return 'late'; case 28.5: return 'half'; default: return 'd'; }} }}"
    );
    let p = analyze_source(&source);
    let commands = &p.functions[1].commands;
    let lookups = commands
        .iter()
        .filter(|c| matches!(c, CompileCommand::CaseIndex(_)))
        .count();
    assert_eq!(lookups, 2, "two runs of constants around g()");
    assert_eq!(p.case_tables.len(), 2);
    assert_eq!(p.case_tables[0].cases.len(), 20);
    assert_eq!(p.case_tables[0].cases[3], (3, 3));
    assert_eq!(p.case_tables[1].cases[2], (-22, 23));
    // 28.5 is not an int32: looked up at run time with the strings; the
    // fallback is the default clause's index.
    assert_eq!(p.case_tables[1].cases.len(), 8);
    assert_eq!(
        p.case_tables[1].others,
        vec![(CompileCommand::Number(28.5), 29)]
    );
    assert_eq!(p.case_tables[1].fallback, 30);
    assert!(commands.contains(&CompileCommand::SwitchCases(31)));
    assert!(commands.contains(&CompileCommand::SwitchEnd));
    // Selectors evaluate in order until one matches.
    let v = run("var log = ''; function g(v) { log += v; return v; }
         function f(x) { switch (x) { case 0: case 1: case 2: case 3: case 4: case 5:
           case 6: case 7: log += 'c'; case g(8): log += 'e'; break; case 9: case 10:
           case 11: case 12: case 13: case 14: case 15: case 16: log += 'l'; break;
           default: log += 'd'; case g(17): log += 'f'; } }
         f(3); f(-0); f(8); f(12); f(99); f(17); f('3');
         var result = log === 'cece8e8l817df817f817df' ? 1 : log;");
    // As node prints it.
    assert_eq!(v.as_number(), Some(1.0));
}
