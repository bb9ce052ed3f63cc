//! Top-level `await` in the REPL, as node's `processTopLevelAwait`
//! (lib/internal/repl/await.js): an input with an `await` outside any
//! function runs in an async arrow function, its top-level declarations
//! hoisted out of it so that they persist:
//!
//! - `let`/`const` (and `var`) declarations become `let a, b;` (`var` for
//!   `var`) before the wrapper and `void (a = ..., b = ...);` inside it
//!   (node turns `const` into `let` too);
//! - `class C {}` becomes `let C;` and `C = class C {};`;
//! - `function f() {}` stays inside, with `var f;` before the wrapper and
//!   `this.f = f;` at the start of the declaration;
//! - a last expression statement becomes `return (expr);`, so the awaited
//!   value is the input's result.
//!
//! The rewritten input is `HOISTED (async () => {\nBODY\n})()`: a script
//! whose completion value is the promise the REPL waits for.

use jsparser::syntax::node::NodeKind;
use jsparser::syntax::Ast;
use jsparser::{ParseOptions, SourceKind};

const PREFIX: &str = "(async () => {\n";
const SUFFIX: &str = "\n})()";

/// The rewritten source when `source` has a top-level `await` (and is a
/// valid async function body); `None` otherwise.
pub fn rewrite(source: &str) -> Option<String> {
    let wrapped = format!("{PREFIX}{source}{SUFFIX}");
    let options = ParseOptions {
        kind: SourceKind::Script,
        strict: false,
    };
    let ast = jsparser::parse(&wrapped, options).ok()?;
    // The arrow function starts right after the opening parenthesis.
    let arrow = (0..ast.nodes.len())
        .find(|&i| ast.nodes[i].kind == NodeKind::ArrowFunction && ast.nodes[i].span.start == 1)?;
    let body = *ast.children(arrow).last()?;
    if ast.nodes[body].kind != NodeKind::FunctionBody {
        return None;
    }
    let statements = ast.children(body);
    let mut has_await = false;
    for &s in &statements {
        match scan(&ast, s) {
            Scan::Return => return None,
            Scan::Await => has_await = true,
            Scan::Nothing => {}
        }
    }
    if !has_await {
        return None;
    }
    let base = PREFIX.len();
    let text = |i: usize| -> &str {
        let span = ast.nodes[i].span;
        wrapped
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
    };
    let mut hoisted = String::new();
    // Edits (start, end, replacement) in `source` offsets, in order.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let span_of = |i: usize| {
        let span = ast.nodes[i].span;
        (
            (span.start as usize).saturating_sub(base),
            (span.end as usize).saturating_sub(base),
        )
    };
    for (k, &s) in statements.iter().enumerate() {
        let node = &ast.nodes[s];
        let (start, end) = span_of(s);
        match node.kind {
            NodeKind::VariableDeclaration | NodeKind::LexicalDeclaration => {
                let is_var = node.kind == NodeKind::VariableDeclaration;
                let mut names = Vec::new();
                let mut assignments = Vec::new();
                for d in ast.children(s) {
                    let parts = ast.children(d);
                    let Some(&target) = parts.first() else {
                        continue;
                    };
                    bound_names(&ast, target, &mut names);
                    let target_text = text(target);
                    match parts.get(1) {
                        Some(&init) => {
                            assignments.push(format!("{target_text} = ({})", text(init)))
                        }
                        None if !is_var => assignments.push(format!("{target_text} = undefined")),
                        None => {}
                    }
                }
                let keyword = if is_var { "var" } else { "let" };
                if !names.is_empty() {
                    hoisted.push_str(&format!("{keyword} {}; ", names.join(", ")));
                }
                let replacement = if assignments.is_empty() {
                    ";".to_owned()
                } else {
                    format!("void ({});", assignments.join(", "))
                };
                edits.push((start, end, replacement));
            }
            NodeKind::ClassDeclaration => {
                let Some(&name) = ast.children(s).first() else {
                    continue;
                };
                if ast.nodes[name].kind != NodeKind::BindingIdentifier {
                    continue;
                }
                let name = ast.name(ast.nodes[name].arg).to_owned();
                hoisted.push_str(&format!("let {name}; "));
                edits.push((start, end, format!("{name} = {};", text(s))));
            }
            NodeKind::FunctionDeclaration => {
                let Some(&name) = ast.children(s).first() else {
                    continue;
                };
                if ast.nodes[name].kind != NodeKind::BindingIdentifier {
                    continue;
                }
                let name = ast.name(ast.nodes[name].arg).to_owned();
                hoisted.push_str(&format!("var {name}; "));
                edits.push((start, start, format!("this.{name} = {name}; ")));
            }
            NodeKind::ExpressionStatement if k + 1 == statements.len() => {
                if let Some(&e) = ast.children(s).first() {
                    let (es, ee) = span_of(e);
                    edits.push((es, ee, format!("return ({});", text(e))));
                    // The statement's own `;` (if any) stays after it.
                }
            }
            _ => {}
        }
    }
    let mut body_text = String::with_capacity(source.len() + 64);
    let mut at = 0;
    for (start, end, replacement) in edits {
        if start < at || end > source.len() {
            return None;
        }
        body_text.push_str(source.get(at..start)?);
        body_text.push_str(&replacement);
        at = end;
    }
    body_text.push_str(source.get(at..)?);
    Some(format!("{hoisted}{PREFIX}{body_text}{SUFFIX}"))
}

/// What a top-level statement holds outside nested functions.
#[derive(PartialEq)]
enum Scan {
    Nothing,
    Await,
    Return,
}

/// Looks for `await` (or `for await`) and `return` in `i`'s subtree,
/// not entering functions and classes (their bodies have their own
/// `await` and `return`; a class's computed keys are rare enough).
fn scan(ast: &Ast, i: usize) -> Scan {
    let node = &ast.nodes[i];
    match node.kind {
        NodeKind::Return => return Scan::Return,
        NodeKind::Await => return Scan::Await.max_with(scan_children(ast, i)),
        NodeKind::FunctionDeclaration
        | NodeKind::FunctionExpression
        | NodeKind::ArrowFunction
        | NodeKind::Method
        | NodeKind::ClassDeclaration
        | NodeKind::ClassExpression => return Scan::Nothing,
        _ => {}
    }
    if is_for_await(node) {
        return Scan::Await.max_with(scan_children(ast, i));
    }
    scan_children(ast, i)
}

fn scan_children(ast: &Ast, i: usize) -> Scan {
    let mut result = Scan::Nothing;
    for c in ast.children(i) {
        result = result.max_with(scan(ast, c));
    }
    result
}

impl Scan {
    /// `Return` wins over `Await`, which wins over `Nothing`.
    fn max_with(self, other: Scan) -> Scan {
        match (self, other) {
            (Scan::Return, _) | (_, Scan::Return) => Scan::Return,
            (Scan::Await, _) | (_, Scan::Await) => Scan::Await,
            _ => Scan::Nothing,
        }
    }
}

fn is_for_await(node: &jsparser::syntax::node::Node) -> bool {
    node.kind == NodeKind::ForOf && node.flags & jsparser::syntax::node::flags::AWAIT != 0
}

/// The BoundNames of a binding target (an identifier or a pattern).
fn bound_names(ast: &Ast, i: usize, out: &mut Vec<String>) {
    let node = &ast.nodes[i];
    match node.kind {
        NodeKind::BindingIdentifier => out.push(ast.name(node.arg).to_owned()),
        NodeKind::ObjectBindingPattern | NodeKind::ArrayBindingPattern => {
            for c in ast.children(i) {
                bound_names(ast, c, out);
            }
        }
        NodeKind::BindingDefault | NodeKind::BindingRest => {
            if let Some(&t) = ast.children(i).first() {
                bound_names(ast, t, out);
            }
        }
        NodeKind::BindingProperty => {
            if let Some(&t) = ast.children(i).last() {
                bound_names(ast, t, out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::rewrite;

    #[test]
    fn no_await_is_left_alone() {
        assert_eq!(rewrite("1 + 1"), None);
        assert_eq!(rewrite("async function f() { await 1 }"), None);
        assert_eq!(rewrite("return await 1"), None);
    }

    #[test]
    fn declarations_are_hoisted() {
        let out = rewrite("const {a, b: [c = 1]} = await p, d = 2; let e;").unwrap();
        assert!(
            out.starts_with("let a, c, d; let e; (async () => {\n"),
            "{out}"
        );
        assert!(
            out.contains("void ({a, b: [c = 1]} = (await p), d = (2));"),
            "{out}"
        );
        assert!(out.contains("void (e = undefined);"), "{out}");
        let out = rewrite("class K {} function f() {} await 1").unwrap();
        assert!(out.starts_with("let K; var f; "), "{out}");
        assert!(out.contains("K = class K {};"), "{out}");
        assert!(out.contains("this.f = f; function f() {}"), "{out}");
        assert!(out.contains("return (await 1);"), "{out}");
    }
}
