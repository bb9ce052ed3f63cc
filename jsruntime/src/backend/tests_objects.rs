//! Objects, globals, operators and built-ins through compiled code: compile
//! scripts written with a small assembler (the analyzer is not wired yet),
//! each test documenting the JavaScript it stands for.

use super::*;
use crate::runtime::CapturedOutput;
use crate::semantics::{
    BinaryOperator as B, CacheId, CompileCommand as C, CompileScript, FunctionFlags, FunctionId,
    Locator, Program, UnaryOperator as U,
};
use crate::value::Value;

type P = std::rc::Rc<std::cell::RefCell<Program>>;

fn prog() -> P {
    P::default()
}

/// Builds one function's commands.
struct Asm {
    p: P,
    cmds: Vec<C>,
    caches: u32,
}

impl Asm {
    fn new(p: &P) -> Asm {
        Asm {
            p: p.clone(),
            cmds: Vec::new(),
            caches: 0,
        }
    }
    fn c(&mut self, c: C) -> &mut Self {
        self.cmds.push(c);
        self
    }
    /// `name` as a global reference.
    fn g(&mut self, name: &str) -> &mut Self {
        let s = self.p.borrow_mut().symbol(name);
        self.c(C::VariableReference(s, Locator::Global))
    }
    fn arg(&mut self, name: &str, i: u16) -> &mut Self {
        let s = self.p.borrow_mut().symbol(name);
        self.c(C::VariableReference(s, Locator::Argument(i)))
    }
    fn s(&mut self, text: &str) -> &mut Self {
        let id = self.p.borrow_mut().string(text);
        self.c(C::String(id))
    }
    fn n(&mut self, n: f64) -> &mut Self {
        self.c(C::Number(n))
    }
    fn cache(&mut self) -> CacheId {
        self.caches += 1;
        CacheId(self.caches - 1)
    }
    /// `[obj] -> [obj.name]`
    fn get(&mut self, name: &str) -> &mut Self {
        self.s(name);
        let c = self.cache();
        self.c(C::GetProperty(c))
    }
    /// `[obj] -> [ref obj.name]`
    fn prop(&mut self, name: &str) -> &mut Self {
        self.s(name);
        let c = self.cache();
        self.c(C::PropertyReference(c))
    }
    /// `[obj, key] -> [ref obj[key]]`
    fn index_ref(&mut self) -> &mut Self {
        let c = self.cache();
        self.c(C::PropertyReference(c))
    }
    /// `[obj] -> [obj]` with `name: <value pushed by f>`.
    fn field(&mut self, name: &str, f: impl FnOnce(&mut Self)) -> &mut Self {
        self.s(name);
        f(self);
        self.c(C::CreateDataProperty)
    }
    /// `global = value` (a statement).
    fn set_global(&mut self, name: &str, f: impl FnOnce(&mut Self)) -> &mut Self {
        self.g(name);
        f(self);
        self.c(C::Assignment).c(C::Discard)
    }
    fn script(&self, num_params: u16, strict: bool) -> CompileScript {
        CompileScript {
            num_params,
            num_inline_caches: self.caches,
            commands: self.cmds.clone(),
            flags: FunctionFlags {
                strict,
                ..FunctionFlags::default()
            },
            ..CompileScript::default()
        }
    }
}

fn named(mut s: CompileScript, p: &P, name: &str) -> CompileScript {
    s.name = Some(p.borrow_mut().symbol(name));
    s
}

/// Runs a program whose entry is built last (functions 1.. are `fns`).
fn run_program(p: Program, output: Option<&CapturedOutput>) -> (Executor, Result<Value, Value>) {
    let mut exec = Executor::new().expect("JIT");
    if let Some(o) = output {
        exec.runtime.set_output(Box::new(o.clone()));
    }
    let id = exec.load(p);
    let result = exec.run(id).expect("compiles").map_err(|t| t.0);
    (exec, result)
}

fn program(entry: &Asm, strict: bool, p: P, fns: Vec<CompileScript>) -> Program {
    let mut p = p.borrow().clone();
    p.functions.push(entry.script(0, strict));
    p.functions.extend(fns);
    p
}

fn text(v: Value) -> String {
    v.as_string().expect("a string").to_rust_string()
}

fn thrown_text(exec: &mut Executor, r: Result<Value, Value>) -> String {
    let e = r.expect_err("throws");
    exec.runtime.format_exception(e)
}

/// ```js
/// var o = { x: 1, y: 2 };
/// for (var i = 0; i < 3; i++) o.x = o.x + o.y;   (unrolled: three times)
/// return o.x;
/// ```
#[test]
fn object_literal_and_named_access_with_inline_caches() {
    let p = prog();
    let mut a = Asm::new(&p);
    a.set_global("o", |a| {
        a.c(C::Object);
        a.field("x", |a| {
            a.n(1.0);
        });
        a.field("y", |a| {
            a.n(2.0);
        });
    });
    for _ in 0..3 {
        a.g("o").prop("x");
        a.g("o").get("x");
        a.g("o").get("y");
        a.c(C::Binary(B::Addition)).c(C::Assignment).c(C::Discard);
    }
    // o[0] = o.x; return o[0];  (a computed key: no inline cache)
    a.g("o").n(0.0).index_ref().g("o").get("x");
    a.c(C::Assignment).c(C::Discard);
    a.g("o").n(0.0).index_ref().c(C::Return(true));
    let (exec, r) = run_program(program(&a, false, p, vec![]), None);
    assert_eq!(r.unwrap(), Value::from_i32(7));
    assert!(exec.runtime.filled_inline_caches() >= 3);
}

/// A loop reading and writing `o.x` many times, with and without inline
/// caches (run with `--ignored --nocapture` to see the timings).
///
/// ```js
/// function f(o, n) { for (let i = 0; i < n; i++) o.x = o.x + o.y; return o.x }
/// ```
fn ic_loop_program() -> Program {
    let p = prog();
    let mut f = Asm::new(&p);
    let i = p.borrow_mut().symbol("i");
    f.c(C::PushScope(crate::semantics::ScopeRef(0)))
        .c(C::DeclareVars(crate::semantics::ScopeRef(0)))
        .c(C::LoopStart(crate::semantics::LoopFlags(
            crate::semantics::LoopFlags::INIT
                | crate::semantics::LoopFlags::TEST
                | crate::semantics::LoopFlags::NEXT,
        )))
        .c(C::VariableReference(i, Locator::Local(0)))
        .n(0.0)
        .c(C::Initialize)
        .c(C::LoopInit)
        .c(C::VariableReference(i, Locator::Local(0)))
        .arg("n", 1)
        .c(C::Binary(B::LessThan))
        .c(C::LoopTest)
        .c(C::VariableReference(i, Locator::Local(0)))
        .c(C::Unary(U::PostfixIncrement))
        .c(C::Discard)
        .c(C::LoopNext);
    f.arg("o", 0).prop("x");
    f.arg("o", 0).get("x");
    f.arg("o", 0).get("y");
    f.c(C::Binary(B::Addition)).c(C::Assignment).c(C::Discard);
    f.c(C::LoopBody).c(C::LoopEnd);
    f.c(C::PopScope(crate::semantics::ScopeRef(0)));
    f.arg("o", 0).get("x").c(C::Return(true));
    let mut fs = f.script(2, true);
    fs.num_locals = 1;
    fs.scopes = vec![crate::semantics::Scope {
        parent: None,
        variables: vec![crate::semantics::Variable {
            symbol: i,
            kind: crate::semantics::VariableKind::Let,
            locator: Locator::Local(0),
            captured: false,
        }],
    }];
    let mut e = Asm::new(&p);
    e.set_global("f", |a| {
        a.c(C::Closure(FunctionId(1)));
    });
    program(&e, false, p, vec![fs])
}

fn time_ic_loop(enabled: bool, n: i32) -> (Value, std::time::Duration) {
    let mut exec = Executor::new().expect("JIT");
    exec.set_inline_caches_enabled(enabled);
    let id = exec.load(ic_loop_program());
    exec.run(id).unwrap().unwrap();
    let f = exec.get_global("f").unwrap();
    let o = exec.runtime.new_object().unwrap();
    let kx = exec.runtime.key("x").unwrap();
    let ky = exec.runtime.key("y").unwrap();
    exec.runtime
        .create_data_property_or_throw(o, kx, Value::from_i32(0))
        .unwrap();
    exec.runtime
        .create_data_property_or_throw(o, ky, Value::from_i32(1))
        .unwrap();
    let start = std::time::Instant::now();
    let r = exec
        .call(f, Value::UNDEFINED, &[Value::object(o), Value::from_i32(n)])
        .unwrap();
    (r, start.elapsed())
}

#[test]
fn inline_caches_give_the_same_results() {
    let (with, _) = time_ic_loop(true, 1000);
    let (without, _) = time_ic_loop(false, 1000);
    assert_eq!(with, Value::from_i32(1000));
    assert_eq!(without, with);
}

#[test]
#[ignore]
fn measure_inline_caches() {
    let n = 10_000_000;
    let (_, with) = time_ic_loop(true, n);
    let (_, without) = time_ic_loop(false, n);
    println!(
        "{n} iterations of o.x = o.x + o.y: with inline caches {:?} ({:.1} ns/iter), without {:?} ({:.1} ns/iter)",
        with,
        with.as_nanos() as f64 / n as f64,
        without,
        without.as_nanos() as f64 / n as f64
    );
}

/// ```js
/// function F(a) { this.a = a; }                 // fn1
/// F.prototype.get = function () { return this.a * 2 };   // fn2
/// var f = new F(21);
/// return [f.get(), f instanceof F, ({}) instanceof F, "a" in f, "get" in f,
///         F.length, F.name, F.prototype.constructor === F].join();
/// ```
#[test]
fn constructors_prototypes_instanceof_and_in() {
    let p = prog();
    let mut f = Asm::new(&p);
    f.c(C::This).prop("a").arg("a", 0);
    f.c(C::Assignment).c(C::Discard);
    let f_script = named(f.script(1, false), &p, "F");
    let mut get = Asm::new(&p);
    get.c(C::This)
        .get("a")
        .n(2.0)
        .c(C::Binary(B::Multiplication));
    get.c(C::Return(true));
    let get_script = get.script(0, true);

    let mut e = Asm::new(&p);
    e.set_global("F", |a| {
        a.c(C::Closure(FunctionId(1)));
    });
    e.g("F").get("prototype").prop("get");
    e.c(C::Closure(FunctionId(2)))
        .c(C::Assignment)
        .c(C::Discard);
    e.set_global("f", |a| {
        a.g("F").n(21.0).c(C::New(1));
    });
    e.c(C::Array);
    e.g("f").prop("get").c(C::Call(0)).c(C::PushArrayElement);
    e.g("f")
        .g("F")
        .c(C::Binary(B::InstanceOf))
        .c(C::PushArrayElement);
    e.c(C::Object)
        .g("F")
        .c(C::Binary(B::InstanceOf))
        .c(C::PushArrayElement);
    e.s("a").g("f").c(C::Binary(B::In)).c(C::PushArrayElement);
    e.s("get").g("f").c(C::Binary(B::In)).c(C::PushArrayElement);
    e.g("F").get("length").c(C::PushArrayElement);
    e.g("F").get("name").c(C::PushArrayElement);
    e.g("F").get("prototype").get("constructor");
    e.g("F")
        .c(C::Binary(B::StrictEquality))
        .c(C::PushArrayElement);
    e.prop("join").c(C::Call(0)).c(C::Return(true));
    let (_exec, r) = run_program(program(&e, false, p, vec![f_script, get_script]), None);
    assert_eq!(text(r.unwrap()), "42,true,false,true,true,1,F,true");
}

/// ```js
/// print("a", 1, {}, [1, 2], null, undefined, true);
/// console.log(new TypeError("bad", { cause: 7 }).cause, String(Symbol.iterator));
/// ```
/// (`Symbol.iterator` is left out: no Symbol constructor yet.)
#[test]
fn print_and_console_log_write_to_the_sink() {
    let p = prog();
    let mut e = Asm::new(&p);
    e.g("print").s("a").n(1.0).c(C::Object);
    e.c(C::Array)
        .n(1.0)
        .c(C::PushArrayElement)
        .n(2.0)
        .c(C::PushArrayElement);
    e.c(C::Null)
        .c(C::Undefined)
        .c(C::Boolean(true))
        .c(C::Call(7))
        .c(C::Discard);
    e.g("console").prop("log");
    e.g("TypeError").s("bad");
    e.c(C::Object).field("cause", |a| {
        a.n(7.0);
    });
    e.c(C::New(2)).get("cause");
    e.g("TypeError").s("bad").c(C::New(1));
    e.c(C::Call(2)).c(C::Discard);
    let out = CapturedOutput::default();
    let (_exec, r) = run_program(program(&e, false, p, vec![]), Some(&out));
    r.unwrap();
    assert_eq!(
        out.text(),
        "a 1 [object Object] 1,2 null undefined true\n7 TypeError: bad\n"
    );
}

/// Runtime errors are real Error objects with the right prototype.
///
/// ```js
/// undefined.x            // TypeError
/// nope                   // ReferenceError
/// null.x = 1             // TypeError
/// (1)()                  // TypeError
/// ```
#[test]
fn runtime_errors_are_error_objects() {
    type Build = Box<dyn Fn(&mut Asm)>;
    let cases: Vec<(Build, &str)> = vec![
        (
            Box::new(|a| {
                a.c(C::Undefined).get("x").c(C::Return(true));
            }),
            "TypeError: Cannot read properties of undefined (reading 'x')",
        ),
        (
            Box::new(|a| {
                a.g("nope").c(C::Return(true));
            }),
            "ReferenceError: nope is not defined",
        ),
        (
            Box::new(|a| {
                a.c(C::Null)
                    .prop("x")
                    .n(1.0)
                    .c(C::Assignment)
                    .c(C::Return(true));
            }),
            "TypeError: Cannot set properties of null (setting 'x')",
        ),
        (
            Box::new(|a| {
                a.n(1.0).c(C::Call(0)).c(C::Return(true));
            }),
            "TypeError: number is not a function",
        ),
    ];
    for (build, expected) in cases {
        let p = prog();
        let mut e = Asm::new(&p);
        build(&mut e);
        let (mut exec, r) = run_program(program(&e, false, p, vec![]), None);
        let err = r.expect_err("throws");
        // The error inherits from the right prototype and from Error.
        let name = expected.split(':').next().unwrap();
        let ctor = exec.get_global(name).unwrap();
        assert!(exec.runtime.instance_of(err, ctor).unwrap());
        let error = exec.get_global("Error").unwrap();
        assert!(exec.runtime.instance_of(err, error).unwrap());
        assert_eq!(thrown_text(&mut exec, r), expected);
    }
}

/// `+` and comparisons call valueOf/toString closures through the hooks.
///
/// ```js
/// var o = { valueOf: function () { return 41 } };
/// var s = { toString: function () { return "S" } };
/// return [o + 1, "x" + s, o < 42, o == 41, s + s].join("|");
/// ```
#[test]
fn operators_convert_objects_through_closures() {
    let p = prog();
    let mut value_of = Asm::new(&p);
    value_of.n(41.0).c(C::Return(true));
    let mut to_string = Asm::new(&p);
    to_string.s("S").c(C::Return(true));
    let mut e = Asm::new(&p);
    e.set_global("o", |a| {
        a.c(C::Object).field("valueOf", |a| {
            a.c(C::Closure(FunctionId(1)));
        });
    });
    e.set_global("s", |a| {
        a.c(C::Object).field("toString", |a| {
            a.c(C::Closure(FunctionId(2)));
        });
    });
    e.c(C::Array);
    e.g("o")
        .n(1.0)
        .c(C::Binary(B::Addition))
        .c(C::PushArrayElement);
    e.s("x")
        .g("s")
        .c(C::Binary(B::Addition))
        .c(C::PushArrayElement);
    e.g("o")
        .n(42.0)
        .c(C::Binary(B::LessThan))
        .c(C::PushArrayElement);
    e.g("o")
        .n(41.0)
        .c(C::Binary(B::Equality))
        .c(C::PushArrayElement);
    e.g("s")
        .g("s")
        .c(C::Binary(B::Addition))
        .c(C::PushArrayElement);
    e.prop("join").s("|").c(C::Call(1)).c(C::Return(true));
    let fns = vec![value_of.script(0, true), to_string.script(0, true)];
    let (_exec, r) = run_program(program(&e, false, p, fns), None);
    assert_eq!(text(r.unwrap()), "42|xS|true|true|SS");
}

/// Globals live on the global object.
///
/// ```js
/// x = 5;                          // sloppy: creates globalThis.x
/// function g() {}                 // Initialize of a global: a global property
/// return [globalThis.x, typeof globalThis.g, delete globalThis.x,
///         typeof undeclared, "x" in globalThis, this === globalThis].join();
/// ```
#[test]
fn globals_are_global_object_properties() {
    let p = prog();
    let mut g = Asm::new(&p);
    g.c(C::Return(false));
    let mut e = Asm::new(&p);
    e.set_global("x", |a| {
        a.n(5.0);
    });
    e.g("g").c(C::Closure(FunctionId(1))).c(C::Initialize);
    e.c(C::Array);
    e.g("globalThis").get("x").c(C::PushArrayElement);
    e.g("globalThis")
        .get("g")
        .c(C::Unary(U::Typeof))
        .c(C::PushArrayElement);
    e.g("globalThis")
        .prop("x")
        .c(C::Unary(U::Delete))
        .c(C::PushArrayElement);
    e.g("undeclared")
        .c(C::Unary(U::Typeof))
        .c(C::PushArrayElement);
    e.s("x")
        .g("globalThis")
        .c(C::Binary(B::In))
        .c(C::PushArrayElement);
    e.c(C::This)
        .g("globalThis")
        .c(C::Binary(B::StrictEquality))
        .c(C::PushArrayElement);
    e.prop("join").c(C::Call(0)).c(C::Return(true));
    let (mut exec, r) = run_program(program(&e, false, p, vec![g.script(0, false)]), None);
    assert_eq!(text(r.unwrap()), "5,function,true,undefined,false,true");
    // A function declaration's global is not deletable (configurable: false).
    let global = exec.runtime.global_object();
    let key = exec.runtime.key("g").unwrap();
    let d = exec.runtime.get_own_property(global, key).unwrap().unwrap();
    assert_eq!(
        (d.writable, d.enumerable, d.configurable),
        (Some(true), Some(true), Some(false))
    );
}

/// Strict-mode assignment to an undeclared global is a ReferenceError, to a
/// frozen object's property a TypeError; lexical globals have a TDZ.
#[test]
fn strict_assignments_and_lexical_globals() {
    let p = prog();
    let mut e = Asm::new(&p);
    e.set_global("undeclared", |a| {
        a.n(1.0);
    });
    let (mut exec, r) = run_program(program(&e, true, p, vec![]), None);
    assert_eq!(
        thrown_text(&mut exec, r),
        "ReferenceError: undeclared is not defined"
    );

    // "use strict"; var o = Object.freeze({a: 1}); o.a = 2;
    let p = prog();
    let mut e = Asm::new(&p);
    e.set_global("o", |a| {
        a.g("Object").prop("freeze");
        a.c(C::Object).field("a", |a| {
            a.n(1.0);
        });
        a.c(C::Call(1));
    });
    e.g("o").prop("a").n(2.0).c(C::Assignment).c(C::Discard);
    let mut p2 = program(&e, true, p, vec![]);
    // The global must exist for the strict write to `o`.
    let mut exec = Executor::new().unwrap();
    exec.declare_global("o", 0).unwrap();
    let id = exec.load(std::mem::take(&mut p2));
    let r = exec.run(id).unwrap().map_err(|t| t.0);
    assert_eq!(
        thrown_text(&mut exec, r),
        "TypeError: Cannot assign to read only property 'a' of object"
    );

    // let z; read before initialisation, then initialised by the script.
    let p = prog();
    let mut e = Asm::new(&p);
    e.g("z").c(C::Return(true));
    let mut exec = Executor::new().unwrap();
    exec.declare_global("z", 1).unwrap();
    let id = exec.load(program(&e, false, p, vec![]));
    let r = exec.run(id).unwrap().map_err(|t| t.0);
    assert_eq!(
        thrown_text(&mut exec, r),
        "ReferenceError: Cannot access 'z' before initialization"
    );
    let p = prog();
    let mut e = Asm::new(&p);
    e.g("z").n(3.0).c(C::Initialize);
    e.g("z").c(C::Return(true));
    let id = exec.load(program(&e, false, p, vec![]));
    assert_eq!(exec.run(id).unwrap().unwrap(), Value::from_i32(3));
    // Not a property of the global object.
    let global = exec.runtime.global_object();
    let key = exec.runtime.key("z").unwrap();
    assert!(!exec.runtime.has_own_property(global, key).unwrap());
    assert!(exec.declare_global("z", 0).is_err());
}

/// Function.prototype.call/apply/bind with closures; sloppy `this`.
///
/// ```js
/// function f(a, b) { return this.k + a + b }      // fn1 (sloppy)
/// function t() { return this }                    // fn2 (sloppy)
/// var o = { k: 1 };
/// var b = f.bind(o, 10);
/// return [f.call(o, 2, 3), f.apply(o, [4, 5]), b(100), b.name, b.length,
///         t() === globalThis, typeof t.call(5), new b(1) instanceof f].join();
/// ```
#[test]
fn call_apply_bind_and_this() {
    let p = prog();
    let mut f = Asm::new(&p);
    f.c(C::This).get("k").arg("a", 0).c(C::Binary(B::Addition));
    f.arg("b", 1).c(C::Binary(B::Addition)).c(C::Return(true));
    let f_script = named(f.script(2, false), &p, "f");
    let mut t = Asm::new(&p);
    t.c(C::This).c(C::Return(true));
    let t_script = t.script(0, false);
    let mut e = Asm::new(&p);
    e.set_global("f", |a| {
        a.c(C::Closure(FunctionId(1)));
    });
    e.set_global("t", |a| {
        a.c(C::Closure(FunctionId(2)));
    });
    e.set_global("o", |a| {
        a.c(C::Object).field("k", |a| {
            a.n(1.0);
        });
    });
    e.set_global("b", |a| {
        a.g("f").prop("bind").g("o").n(10.0).c(C::Call(2));
    });
    e.c(C::Array);
    e.g("f").prop("call").g("o").n(2.0).n(3.0).c(C::Call(3));
    e.c(C::PushArrayElement);
    e.g("f").prop("apply").g("o");
    e.c(C::Array)
        .n(4.0)
        .c(C::PushArrayElement)
        .n(5.0)
        .c(C::PushArrayElement);
    e.c(C::Call(2)).c(C::PushArrayElement);
    e.g("b").n(100.0).c(C::Call(1)).c(C::PushArrayElement);
    e.g("b").get("name").c(C::PushArrayElement);
    e.g("b").get("length").c(C::PushArrayElement);
    e.g("t").c(C::Call(0)).g("globalThis");
    e.c(C::Binary(B::StrictEquality)).c(C::PushArrayElement);
    e.g("t")
        .prop("call")
        .n(5.0)
        .c(C::Call(1))
        .c(C::Unary(U::Typeof));
    e.c(C::PushArrayElement);
    e.g("b")
        .n(1.0)
        .c(C::New(1))
        .g("f")
        .c(C::Binary(B::InstanceOf));
    e.c(C::PushArrayElement);
    e.prop("join").c(C::Call(0)).c(C::Return(true));
    let (_exec, r) = run_program(program(&e, false, p, vec![f_script, t_script]), None);
    assert_eq!(text(r.unwrap()), "6,10,111,bound f,1,true,object,true");
}

/// Getters defined with Object.defineProperty run compiled code; the
/// descriptors round-trip; keys, freeze, strings and arrays.
///
/// ```js
/// var o = {};
/// Object.defineProperty(o, "g", { get: function () { return 9 }, configurable: true });
/// var d = Object.getOwnPropertyDescriptor(o, "g");
/// return [o.g, typeof d.get, d.enumerable, d.configurable, Object.keys({a: 1, b: 2}),
///         Object.isFrozen(Object.freeze({})), "abc".length, "abc"[1],
///         Object.prototype.toString.call([]), [1, [2, 3]].length,
///         Object.getPrototypeOf([]) === Array.prototype].join(";");
/// ```
#[test]
fn descriptors_getters_keys_and_primitives() {
    let p = prog();
    let mut getter = Asm::new(&p);
    getter.n(9.0).c(C::Return(true));
    let mut e = Asm::new(&p);
    e.set_global("o", |a| {
        a.c(C::Object);
    });
    e.g("Object").prop("defineProperty").g("o").s("g");
    e.c(C::Object).field("get", |a| {
        a.c(C::Closure(FunctionId(1)));
    });
    e.field("configurable", |a| {
        a.c(C::Boolean(true));
    });
    e.c(C::Call(3)).c(C::Discard);
    e.set_global("d", |a| {
        a.g("Object").prop("getOwnPropertyDescriptor");
        a.g("o").s("g").c(C::Call(2));
    });
    e.c(C::Array);
    e.g("o").get("g").c(C::PushArrayElement);
    e.g("d")
        .get("get")
        .c(C::Unary(U::Typeof))
        .c(C::PushArrayElement);
    e.g("d").get("enumerable").c(C::PushArrayElement);
    e.g("d").get("configurable").c(C::PushArrayElement);
    e.g("Object").prop("keys");
    e.c(C::Object).field("a", |a| {
        a.n(1.0);
    });
    e.field("b", |a| {
        a.n(2.0);
    });
    e.c(C::Call(1)).c(C::PushArrayElement);
    e.g("Object").prop("isFrozen");
    e.g("Object").prop("freeze").c(C::Object).c(C::Call(1));
    e.c(C::Call(1)).c(C::PushArrayElement);
    e.s("abc").get("length").c(C::PushArrayElement);
    e.s("abc")
        .n(1.0)
        .c(C::GetProperty(CacheId(0)))
        .c(C::PushArrayElement);
    e.g("Object").get("prototype").get("toString");
    e.prop("call")
        .c(C::Array)
        .c(C::Call(1))
        .c(C::PushArrayElement);
    e.c(C::Array).n(1.0).c(C::PushArrayElement);
    e.c(C::Array)
        .n(2.0)
        .c(C::PushArrayElement)
        .n(3.0)
        .c(C::PushArrayElement);
    e.c(C::PushArrayElement)
        .get("length")
        .c(C::PushArrayElement);
    e.g("Object")
        .prop("getPrototypeOf")
        .c(C::Array)
        .c(C::Call(1));
    e.g("Array")
        .get("prototype")
        .c(C::Binary(B::StrictEquality));
    e.c(C::PushArrayElement);
    e.prop("join").s(";").c(C::Call(1)).c(C::Return(true));
    let (_exec, r) = run_program(program(&e, false, p, vec![getter.script(0, true)]), None);
    assert_eq!(
        text(r.unwrap()),
        "9;function;false;true;a,b;true;3;b;[object Array];2;true"
    );
}

/// `$262.gc()` in the middle of compiled code keeps everything the frames
/// and objects reference; inline caches of dead shapes are cleared.
///
/// ```js
/// var keep = { a: { b: "deep" } };
/// for (3 times) { ({ tmp: 1 }).tmp; }     // shapes only garbage refers to
/// $262.gc();
/// return keep.a.b + keep.a.b;
/// ```
#[test]
fn collection_during_compiled_code() {
    let p = prog();
    let mut e = Asm::new(&p);
    e.set_global("keep", |a| {
        a.c(C::Object).field("a", |a| {
            a.c(C::Object).field("b", |a| {
                a.s("deep");
            });
        });
    });
    e.c(C::Object).field("unique_tmp", |a| {
        a.n(1.0);
    });
    e.get("unique_tmp").c(C::Discard);
    e.g("$262").prop("gc").c(C::Call(0)).c(C::Discard);
    e.g("keep").get("a").get("b");
    e.g("keep").get("a").get("b");
    e.c(C::Binary(B::Addition)).c(C::Return(true));
    let (mut exec, r) = run_program(program(&e, false, p, vec![]), None);
    assert_eq!(text(r.unwrap()), "deepdeep");
    exec.runtime.collect_garbage();
    let filled = exec.runtime.filled_inline_caches();
    assert!(filled > 0);
}

/// Error constructors: message, name, cause, toString, called without new.
#[test]
fn error_constructors() {
    let mut rt = Executor::new().unwrap();
    let rt = &mut rt.runtime;
    let global = rt.global_object();
    for name in [
        "Error",
        "TypeError",
        "RangeError",
        "ReferenceError",
        "SyntaxError",
        "EvalError",
        "URIError",
        "AggregateError",
    ] {
        let ctor = rt.get_by_name(global, name).unwrap();
        let msg = Value::string(rt.new_string("m").unwrap());
        let args = if name == "AggregateError" {
            let list = rt.new_array(0).unwrap();
            vec![Value::object(list), msg]
        } else {
            vec![msg]
        };
        let e = rt.call(ctor, Value::UNDEFINED, &args).unwrap();
        assert_eq!(rt.format_exception(e), format!("{name}: m"));
        let e2 = rt.construct(ctor, &args, None).unwrap();
        let key = rt.key("toString").unwrap();
        let s = rt.invoke(e2, key, &[]).unwrap();
        assert_eq!(text(s), format!("{name}: m"));
        // `message` is an own non-enumerable property.
        let key = rt.key("message").unwrap();
        let d = rt
            .get_own_property(e2.as_object().unwrap(), key)
            .unwrap()
            .unwrap();
        assert_eq!(d.enumerable, Some(false));
    }
    let error = rt.get_by_name(global, "Error").unwrap();
    let type_error = rt.get_by_name(global, "TypeError").unwrap();
    let proto = rt
        .get_prototype_of(type_error.as_object().unwrap())
        .unwrap();
    assert_eq!(proto, error);
}

/// The layout compiled code relies on for inline calls: the closure of an
/// `ObjectKind::Function` object at `OBJECT_CLOSURE_OFFSET`.
#[test]
fn closure_offset_matches_the_object_layout() {
    let mut p = Program::default();
    p.functions.push(CompileScript::default());
    let mut exec = Executor::new().unwrap();
    let id = exec.load(p);
    let template = exec.template(id, FunctionId(0));
    // SAFETY: the template lives as long as the executor.
    let f = bridge::create_function(&mut exec, unsafe { &*template }, &[]).unwrap();
    let o = f.as_object().unwrap();
    assert_ne!(o.flags() & crate::object::FLAG_CLOSURE, 0);
    let crate::object::ObjectKind::Function(closure) = o.kind() else {
        panic!("not a closure object");
    };
    // SAFETY: reads a word inside the live object cell.
    let word = unsafe { *((o.addr() + crate::object::OBJECT_CLOSURE_OFFSET) as *const usize) };
    assert_eq!(word, closure.addr());
}
