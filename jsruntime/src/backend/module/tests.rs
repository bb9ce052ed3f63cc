//! Module records through the in-memory loader (the embedder's path).

use std::rc::Rc;

use super::{promise_outcome, MemoryLoader};
use crate::backend::Executor;
use crate::value::Value;

fn run(files: &[(&str, &str)], main: &str) -> (Executor, Result<Value, Value>) {
    let mut loader = MemoryLoader::new();
    for (name, source) in files {
        loader.insert(name, source);
    }
    let mut exec = Executor::new().expect("executor");
    exec.set_module_loader(Rc::new(loader));
    let result = match exec.run_module(main) {
        Ok(promise) => {
            while let Some(r) = exec.runtime.run_next_job() {
                r.expect("job");
            }
            promise_outcome(promise).expect("settled")
        }
        Err(e) => Err(e.0),
    };
    (exec, result)
}

fn global_string(exec: &mut Executor, name: &str) -> String {
    let v = exec.get_global(name).unwrap_or(Value::UNDEFINED);
    exec.runtime.to_string_for_display(v).unwrap_or_default()
}

#[test]
fn live_bindings_cycles_and_namespaces() {
    let (mut exec, result) = run(
        &[
            (
                "main.js",
                "import { n, bump } from './lib/a.js'; import * as ns from './lib/a.js';\n\
                 bump(); globalThis.out = [n, ns.n, Object.keys(ns).join()].join(' ');",
            ),
            (
                "lib/a.js",
                "import { twice } from './b.js'; export let n = 1;\n\
                 export function bump() { n = twice(n); } export function one() { return 1; }",
            ),
            (
                "lib/b.js",
                "import { one } from './a.js'; export const twice = (x) => x * 2 * one();",
            ),
        ],
        "main.js",
    );
    assert!(result.is_ok());
    assert_eq!(global_string(&mut exec, "out"), "2 2 bump,n,one");
}

#[test]
fn missing_export_is_a_syntax_error() {
    let (mut exec, result) = run(
        &[
            ("main.js", "import { nope } from './a.js';"),
            ("a.js", "export const yes = 1;"),
        ],
        "main.js",
    );
    let e = result.expect_err("link error");
    let name = exec.runtime.to_string_for_display(e).unwrap_or_default();
    assert!(name.starts_with("SyntaxError"), "{name}");
}

#[test]
fn top_level_await_orders_siblings() {
    let (mut exec, result) = run(
        &[
            (
                "main.js",
                "import './a.js'; import './b.js'; log.push('main');",
            ),
            (
                "a.js",
                "globalThis.log = ['a0']; await null; log.push('a1');",
            ),
            ("b.js", "log.push('b');"),
        ],
        "main.js",
    );
    assert!(result.is_ok());
    exec.eval_script("globalThis.out = log.join();", false).ok();
    // b does not wait for a (node prints the same).
    assert_eq!(global_string(&mut exec, "out"), "a0,b,a1,main");
}

#[test]
fn evaluation_errors_are_cached() {
    let (mut exec, result) = run(
        &[
            ("main.js", "import './bad.js';"),
            ("bad.js", "throw new RangeError('once');"),
        ],
        "main.js",
    );
    assert!(result.is_err());
    let again = exec.run_module("bad.js").expect("promise");
    let second = promise_outcome(again)
        .expect("settled")
        .expect_err("rejected");
    assert_eq!(
        exec.runtime
            .to_string_for_display(second)
            .unwrap_or_default(),
        "RangeError: once"
    );
}

#[test]
fn synthetic_modules_export_host_values() {
    let mut loader = MemoryLoader::new();
    loader.insert(
        "main.js",
        "import { answer } from 'host'; globalThis.out = answer;",
    );
    let mut exec = Executor::new().expect("executor");
    exec.set_module_loader(Rc::new(loader));
    exec.synthetic_module("host".into(), &[("answer", Value::from_i32(42))])
        .expect("module");
    let p = exec.run_module("main.js").expect("promise");
    assert!(promise_outcome(p).expect("settled").is_ok());
    assert_eq!(global_string(&mut exec, "out"), "42");
}
