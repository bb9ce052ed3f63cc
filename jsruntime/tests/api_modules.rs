//! Modules from the host: in memory, native, from a loader.

use jsruntime::api::{Error, FileLoader, JsValue, ModuleLoader, Runtime};

#[test]
fn in_memory_modules_import_each_other() {
    let mut rt = Runtime::new().unwrap();
    rt.define_module(
        "lib/math.js",
        "export const sq = (x) => x * x; export default 'math';",
    );
    rt.define_module(
        "lib/main.js",
        "import name, { sq } from './math.js'; export const out = name + sq(7);",
    );
    let ns = rt.import("lib/main.js").unwrap();
    assert_eq!(ns.get::<String>(&mut rt, "out").unwrap(), "math49");
    // eval_module: define and import at once.
    let ns = rt
        .eval_module(
            "m2",
            "import { sq } from 'lib/math.js'; export let v = sq(3);",
        )
        .unwrap();
    assert_eq!(ns.get::<i32>(&mut rt, "v").unwrap(), 9);
}

#[test]
fn native_modules_export_rust_values() {
    let mut rt = Runtime::new().unwrap();
    let hypot = rt
        .function("hypot", |_, (a, b): (f64, f64)| {
            Ok::<_, Error>((a * a + b * b).sqrt())
        })
        .unwrap();
    rt.native_module("geometry")
        .export("hypot", hypot)
        .unwrap()
        .export("UNIT", vec![1, 1])
        .unwrap()
        .build()
        .unwrap();
    let ns = rt
        .eval_module(
            "app",
            "import { hypot, UNIT } from 'geometry'; export const d = hypot(3, 4) + UNIT.length;",
        )
        .unwrap();
    assert_eq!(ns.get::<f64>(&mut rt, "d").unwrap(), 7.0);
}

#[test]
fn module_errors_are_rust_errors() {
    let mut rt = Runtime::new().unwrap();
    let e = rt
        .eval_module("bad", "import { x } from 'nowhere';")
        .unwrap_err();
    assert!(
        e.to_string().contains("Cannot find module 'nowhere'"),
        "{e}"
    );
    let e = rt
        .eval_module("throws", "\nthrow new Error('at load');")
        .unwrap_err();
    let js = e.as_js().unwrap();
    assert_eq!(js.message, "at load");
    assert_eq!(js.location.as_ref().unwrap().to_string(), "throws:2:1");
    let e = rt.eval_module("syntax", "export const = 1;").unwrap_err();
    assert_eq!(e.name(), "SyntaxError");
}

/// A loader of its own: every module `gen:N` exports N.
struct Generated;

impl ModuleLoader for Generated {
    fn resolve(&self, specifier: &str, _: Option<&str>) -> Result<String, String> {
        specifier
            .strip_prefix("gen:")
            .map(|_| specifier.to_owned())
            .ok_or_else(|| format!("not generated: {specifier}"))
    }
    fn load(&self, key: &str) -> Result<String, String> {
        Ok(format!("export default {};", &key[4..]))
    }
}

#[test]
fn custom_and_file_loaders() {
    let mut rt = Runtime::new().unwrap();
    rt.set_module_loader(Generated);
    let ns = rt
        .eval_module(
            "use",
            "import a from 'gen:20'; import b from 'gen:22'; export const s = a + b;",
        )
        .unwrap();
    assert_eq!(ns.get::<i32>(&mut rt, "s").unwrap(), 42);

    let dir = std::env::temp_dir().join(format!("jsruntime-api-mod-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("dep.mjs"), "export const hello = 'from a file';").unwrap();
    std::fs::write(
        dir.join("entry.mjs"),
        "import { hello } from './dep.mjs'; export { hello };",
    )
    .unwrap();
    let mut rt = Runtime::new().unwrap();
    rt.set_module_loader(FileLoader);
    let ns = rt.import(dir.join("entry.mjs").to_str().unwrap()).unwrap();
    assert_eq!(ns.get::<String>(&mut rt, "hello").unwrap(), "from a file");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn top_level_await_on_host_futures() {
    let mut rt = Runtime::new().unwrap();
    rt.set_global_async_function("fetchNumber", |(n,): (i32,)| async move {
        Ok::<_, Error>(n * 10)
    })
    .unwrap();
    rt.define_module("tla", "export const v = await fetchNumber(4);");
    let ns: JsValue = jsruntime::api::block_on(rt.import_async("tla")).unwrap();
    assert_eq!(ns.get::<i32>(&mut rt, "v").unwrap(), 40);
}
