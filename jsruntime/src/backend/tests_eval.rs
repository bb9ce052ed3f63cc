//! [`Executor::eval_script`] (scripts sharing a realm, `$262.evalScript`)
//! and the global inline caches of compiled code.

use super::*;
use crate::runtime::CapturedOutput;
use crate::value::Value;

fn executor() -> (Executor, CapturedOutput) {
    let mut exec = Executor::new().expect("JIT");
    let out = CapturedOutput::default();
    exec.runtime.set_output(Box::new(out.clone()));
    (exec, out)
}

fn eval(exec: &mut Executor, source: &str) -> Result<Value, Value> {
    exec.eval_script(source, false)
        .expect("runs")
        .map_err(|t| t.0)
}

#[test]
fn scripts_share_the_realm() {
    let (mut exec, out) = executor();
    eval(&mut exec, "var a = 1; function f() { return a + 1; }").unwrap();
    eval(&mut exec, "print(f()); a = 5; print(f());").unwrap();
    eval(&mut exec, "print($262.evalScript('var b = f();'), b);").unwrap();
    eval(
        &mut exec,
        "try { $262.evalScript('('); } catch (e) { print(e.constructor === SyntaxError); }",
    )
    .unwrap();
    assert_eq!(out.text(), "2\n6\nundefined 6\ntrue\n");
    assert!(matches!(
        exec.eval_script("(", false),
        Err(ScriptError::Syntax(_))
    ));
    // A strict script: the option alone makes it strict.
    assert!(eval(&mut exec, "undeclared = 1;").is_ok());
    assert!(exec
        .eval_script("undeclared2 = 1;", true)
        .expect("runs")
        .is_err());
}

#[test]
fn global_caches_follow_the_global_object() {
    let (mut exec, out) = executor();
    // Filled by the first read, then hit; the value is read from the slot.
    eval(
        &mut exec,
        "globalThis.g = 1; function r() { return g; }\n\
         var s = 0; for (var i = 0; i < 3; i++) s += r(); print(s);\n\
         g = 10; print(r());\n\
         globalThis.h = 0; print(r());\n\
         Object.defineProperty(globalThis, 'g', { get: function () { return 7; }, configurable: true });\n\
         print(r());\n\
         delete globalThis.g;\n\
         try { r(); } catch (e) { print(e.constructor.name); }\n\
         globalThis.g = 3; print(r(), typeof g);",
    )
    .unwrap();
    assert_eq!(out.text(), "3\n10\n10\n7\nReferenceError\n3 number\n");
    // A global lexical declaration shadows the cached property.
    exec.declare_global("g", 1).unwrap();
    assert!(eval(&mut exec, "r();").is_err(), "TDZ of the lexical g");
    // Inline caches off: the same answers through the runtime.
    let (mut exec, out) = executor();
    exec.set_inline_caches_enabled(false);
    eval(
        &mut exec,
        "var k = 4; function r() { return k; } print(r(), r());",
    )
    .unwrap();
    assert_eq!(out.text(), "4 4\n");
}

#[test]
fn remainder_fast_path_and_edges() {
    let (mut exec, out) = executor();
    eval(
        &mut exec,
        "function r(a, b) { return a % b; }\n\
         print(r(7, 3), r(0, 5), r(5, 0), 1 / r(-4, 2), r(-7, 3), r(7, -3));\n\
         print(r(-2147483648, -1), r(7.5, 2), r('9', 4), r(2147483647, 2));",
    )
    .unwrap();
    assert_eq!(out.text(), "1 0 NaN -Infinity -1 1\n0 1.5 1 1\n");
}

/// The layout compiled code relies on for inline typed-array access
/// (`compiler/element.rs`): the `TypedArrayData` of a typed array at
/// `OBJECT_TYPED_ARRAY_DATA_OFFSET`, and its element type byte, element 0
/// address and bounds at their offsets.
#[test]
fn typed_array_offsets_match_the_object_layout() {
    use crate::builtins::typed_array::{self as ta, typed_array_data};
    let (mut exec, _) = executor();
    for (source, ty) in [
        ("new Float64Array(new ArrayBuffer(64), 16, 3)", 9u8),
        ("new Uint8ClampedArray(5)", 2),
        (
            "new Int16Array(new ArrayBuffer(8, { maxByteLength: 16 }), 2)",
            3,
        ),
    ] {
        let v = eval(&mut exec, source).unwrap();
        let data = typed_array_data(v).expect("a typed array");
        let o = v.as_object().unwrap();
        // SAFETY: reads words inside the live object cell and its data.
        unsafe {
            let word = *((o.addr() + ta::OBJECT_TYPED_ARRAY_DATA_OFFSET) as *const usize);
            assert_eq!(word, data as *const _ as usize);
            assert_eq!(*((word + ta::TYPED_ARRAY_TYPE_OFFSET) as *const u8), ty);
            assert_eq!(data.ty as u8, ty);
            let start = *((word + ta::TYPED_ARRAY_START_OFFSET) as *const usize);
            let bytes = data.buffer_data().bytes().as_ptr() as usize;
            assert_eq!(start, bytes + data.byte_offset);
            let limit = *((word + ta::TYPED_ARRAY_INDEX_LIMIT_OFFSET) as *const u64);
            let end = *((word + ta::TYPED_ARRAY_FIXED_END_OFFSET) as *const u64);
            match data.length {
                Some(len) => {
                    assert_eq!(limit, len as u64);
                    assert_eq!(end, (data.byte_offset + len * data.ty.size()) as u64);
                }
                None => assert_eq!((limit, end), (1 << 31, 0)),
            }
        }
    }
}

/// Eval code of distinct texts is freed once dead (`backend::reclaim`): the
/// count of live programs stays bounded (the eval cache keeps at most 1,024),
/// and the functions eval code made and the program kept still run.
#[test]
fn dead_eval_code_is_freed() {
    let (mut exec, out) = executor();
    eval(&mut exec, "var kept = []; var total = 0;").unwrap();
    let mut peak = 0;
    for round in 0..6 {
        let source = format!(
            "for (let i = 0; i < 1500; i++) {{
               total += (0, eval)('(' + i + ' + {round})');
               total += new Function('return ' + i + ' * {round}')();
               total += eval('(' + i + ' - {round})');
               if (i % 500 === 0) kept.push(new Function('x', 'return x + ' + i + ' + {round}'));
             }}"
        );
        eval(&mut exec, &source).unwrap();
        exec.runtime.collect_garbage();
        // The next load frees what the collection found dead.
        eval(&mut exec, "0").unwrap();
        peak = peak.max(exec.live_programs());
    }
    // The machine code of freed programs is reused: far less code memory
    // is mapped than was compiled (what stays mapped: the code of the eval
    // cache's programs and of programs not yet found dead).
    let costs = exec.compile_costs();
    assert!(
        costs.freed_code_bytes > costs.code_bytes / 2,
        "{} of {} bytes of code freed",
        costs.freed_code_bytes,
        costs.code_bytes
    );
    assert!(
        costs.code_memory_mapped < costs.code_bytes,
        "{} bytes of code memory mapped for {} bytes of code",
        costs.code_memory_mapped,
        costs.code_bytes
    );
    // 27,000 evaluations; without freeing, as many programs. What stays:
    // the scripts and the eval cache's programs (at most 1,024).
    assert!(peak < 1024 + 100, "{peak} live programs");
    eval(
        &mut exec,
        "print(total, kept.length, kept[0](1), kept[17](1));",
    )
    .unwrap();
    assert_eq!(out.text(), "30354750 18 1 1006\n");
}

/// Math functions run inline by full-tier code (`compiler/intrinsics.rs`)
/// agree with the built-ins called generically (`.call`), in
/// full-tier code (debug builds verify its IR).
#[test]
fn math_intrinsics_agree_with_the_builtins() {
    let (mut exec, out) = executor();
    // Every function full at once: a compile error (the IR verifier in
    // debug builds) throws from the lazy compile instead of staying quick.
    exec.set_tiering(false);
    eval(
        &mut exec,
        r#"
        var xs = [0, -0, 0.5, -0.5, 0.49999999999999994, -0.49999999999999994, 1.5, -1.5,
          2.5, -2.5, 7, -7, 2147483647, -2147483648, 4503599627370495.5, 1e300, -1e-300,
          Infinity, -Infinity, NaN, 3.7, -3.7];
        var bad = 0;
        function same(a, b) { if (!Object.is(a, b)) bad++; }
        function check(x, y) {
          same(Math.abs(x), Math.abs.call(Math, x));
          same(Math.ceil(x), Math.ceil.call(Math, x));
          same(Math.floor(x), Math.floor.call(Math, x));
          same(Math.round(x), Math.round.call(Math, x));
          same(Math.sign(x), Math.sign.call(Math, x));
          same(Math.sqrt(x), Math.sqrt.call(Math, x));
          same(Math.trunc(x), Math.trunc.call(Math, x));
          same(Math.fround(x), Math.fround.call(Math, x));
          same(Math.clz32(x), Math.clz32.call(Math, x));
          same(Math.imul(x, y), Math.imul.call(Math, x, y));
          same(Math.max(x, y), Math.max.call(Math, x, y));
          same(Math.min(x, y, 1), Math.min.call(Math, x, y, 1));
          same(Math.max(), -Infinity);
          same(Math.min(), Infinity);
          same(Math.sqrt(), NaN);
          same(Math.imul(x), 0);
        }
        for (var r = 0; r < 30; r++)
          for (var i = 0; i < xs.length; i++)
            for (var j = 0; j < xs.length; j += 5) check(xs[i], xs[j]);
        var seen = [];
        var o = { valueOf() { seen.push("o"); return 4; } };
        for (var r = 0; r < 30; r++) { seen = []; same(Math.max(o, 1, o), 4); }
        print(bad, seen.join(""));
        "#,
    )
    .unwrap();
    assert_eq!(out.text(), "0 oo\n");
}

/// A dropped executor unmaps its code memory: a process that makes many
/// runtimes in turn (a test262 worker runs one per test) does not run out
/// of mappings (`vm.max_map_count`: 65,530 by default), as it did when the
/// code of every runtime was kept.
#[cfg(target_os = "linux")]
#[test]
fn dropped_executors_unmap_their_code() {
    fn mappings() -> usize {
        std::fs::read_to_string("/proc/self/maps")
            .map(|m| m.lines().count())
            .unwrap_or(0)
    }
    let run_one = || {
        let (mut exec, out) = executor();
        eval(&mut exec, "function f(x) { return x + 1; } print(f(1));").unwrap();
        assert_eq!(out.text(), "2\n");
    };
    // The first runtime sets up what stays (thread-local caches, the
    // allocator's arenas).
    run_one();
    let before = mappings();
    for _ in 0..60 {
        run_one();
    }
    let after = mappings();
    // Leaked code chunks would add at least one mapping per runtime.
    assert!(
        after < before + 30,
        "{before} mappings before 60 runtimes, {after} after"
    );
}
