//! The interpreter against the same programs compiled: each program runs
//! with the interpreter on and off and must print the same.

use crate::backend::Executor;
use crate::runtime::CapturedOutput;

/// Runs `source` with the interpreter on or off; returns what it printed
/// and the executor (for its statistics).
fn run(source: &str, interpreter: bool) -> (String, Executor) {
    let mut exec = Executor::new().expect("JIT");
    exec.set_interpreter(interpreter);
    exec.set_sync_compile(true);
    let out = CapturedOutput::default();
    exec.runtime.set_output(Box::new(out.clone()));
    if let Err(e) = exec.eval_script(source, false).expect("runs") {
        panic!("uncaught: {:?} after {:?}", e.0, out.text());
    }
    (out.text(), exec)
}

/// Runs `source` both ways and checks both print `expected`; returns the
/// interpreted run's executor.
fn same(source: &str, expected: &str) -> Executor {
    let (compiled, _) = run(source, false);
    assert_eq!(compiled, expected, "compiled");
    let (interpreted, exec) = run(source, true);
    assert_eq!(interpreted, expected, "interpreted");
    assert!(exec.stats().interpreted_functions > 0);
    exec
}

#[test]
fn operators_references_and_globals() {
    same(
        "var g = 1;
         function f(a, b) {
           let x = a + b, y = a * b;
           x += y; y -= 1; x++; --y;
           var o = { p: 1, q: [1, 2, 3] };
           o.p += 2; o['q'][1] *= 5; o.r = typeof nope;
           g = x + y;
           return [x, y, o.p, o.q[1], o.r, typeof g, -a, ~b, !a, void 0, a % b];
         }
         print(f(3, 4).join());
         print(g, delete o, typeof f);
         function order() { var x = 1; return x + (x = 10) + x; }
         print(order());",
        "20,10,3,10,undefined,number,-3,-5,false,,3\n30 true function\n21\n",
    );
}

#[test]
fn control_flow() {
    same(
        "function f(n) {
           var s = 0;
           outer: for (var i = 0; i < n; i++) {
             for (let j = 0; j < n; j++) {
               if (j == 2) continue outer;
               if (i == 4) break outer;
               s += i * 10 + j;
             }
           }
           var k = 0; do { k++; } while (k < 3);
           while (k < 6) k += 2;
           switch (n) { case 1: s = -1; break; case 5: s += 1000; default: s += 1; }
           switch ('x' + n) { case 'x5': s += 7; }
           return [s, k, n > 3 ? 'big' : 'small', n && 0, n || 0, null ?? n];
         }
         print(f(5).join());",
        "1132,7,big,0,5,5\n",
    );
}

#[test]
fn closures_captures_and_arguments() {
    same(
        "function counter() { let c = 0; return { inc: () => ++c, get() { return c; } }; }
         var c = counter(); c.inc(); c.inc();
         function fs() { var r = []; for (let i = 0; i < 3; i++) r.push(() => i); return r; }
         function args(a) { a = 5; return arguments[0] + arguments.length; }
         function rest(a, ...r) { return r.length; }
         function logical(o) { o.a ??= 1; o.b ||= 2; o.c &&= 3; return JSON.stringify(o); }
         print(c.get(), fs().map(f => f()).join(), args(1, 2), rest(1, 2, 3));
         print(logical({ c: 9 }), [...'ab', ...[1, 2]].join());",
        "2 0,1,2 7 2\n{\"c\":3,\"a\":1,\"b\":2} a,b,1,2\n",
    );
}

#[test]
fn exceptions_and_stack_traces() {
    same(
        "function inner() { return new Error('x').stack.split('\\n')[1].trim(); }
         function outer() { return inner(); }
         print(outer());
         function tdz() { let y = z; let z = 1; }
         function cst() { const k = 1; k = 2; }
         for (const f of [tdz, cst]) { try { f(); } catch (e) { print(e.constructor.name); } }
         function thrower() { null.x; }
         try { thrower(); } catch (e) { print(e.message); }",
        "at inner (<anonymous>:1:27)\nReferenceError\nTypeError\nCannot read properties of null (reading 'x')\n",
    );
}

#[test]
fn tiers_up_and_leaves_loops_for_the_full_tier() {
    // Past the interpreter's calls: the full tier (compiled on this
    // thread); a long loop: on-stack replacement into the full tier.
    let exec = same(
        "function add(a, b) { return a + b; }
         var s = 0;
         for (var i = 0; i < 1000; i++) s = add(s, i);
         function long(n) { var t = 0; for (var i = 0; i < n; i++) t += i; return t; }
         print(s, long(100000));",
        "499500 4999950000\n",
    );
    assert!(exec.stats().tiered_up >= 2);
    assert!(exec.stats().osr_entries >= 1);
}

#[test]
fn try_catch_finally() {
    same(
        "function a() { try { throw 1; } catch (e) { return e + 1; } }
         function b() { try { return 'try'; } finally { print('fin'); } }
         function c() {
           for (var i = 0; i < 3; i++) {
             try { if (i == 1) continue; if (i == 2) break; } finally { print('f', i); }
           }
           return i;
         }
         function d() {
           try { try { throw new Error('in'); } finally { print('inner'); } }
           catch (e) { return e.message; }
         }
         function e() { try { return 1; } finally { return 2; } }
         function f() { let x = 0; try { x = 1; null.y; } catch { x += 10; } finally { x += 100; } return x; }
         function g() {
           var r = [];
           for (let i = 0; i < 2; i++) { try { r.push(() => i); throw i; } catch (z) { r.push(() => z); } }
           return r.map(f => f()).join();
         }
         function h() {
           outer: try { try { break outer; } finally { print('h1'); } } finally { print('h2'); }
           return 'h';
         }
         print(a(), b(), c(), d(), e(), f(), g(), h());",
        "fin\nf 0\nf 1\nf 2\ninner\nh1\nh2\n2 try 2 in 2 111 0,0,1,1 h\n",
    );
}
