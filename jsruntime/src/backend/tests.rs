//! Compile scripts built by hand (the analyzer does not exist yet), compiled
//! and run.

use super::bridge;
use super::*;
use crate::semantics::{
    BinaryOperator as B, CompileCommand as C, CompileScript, FunctionId, Locator, LoopFlags,
    Program, Scope, ScopeRef, ShortCircuitKind, Symbol, UnaryOperator as U, Variable, VariableKind,
};
use crate::value::Value;

/// Builds programs: `f.sym("x")`, `f.add(script)`.
struct P(Program);

impl P {
    fn new() -> P {
        P(Program::default())
    }
    fn sym(&mut self, name: &str) -> Symbol {
        self.0.symbol(name)
    }
    fn add(&mut self, script: CompileScript) -> FunctionId {
        self.0.functions.push(script);
        FunctionId(self.0.functions.len() as u32 - 1)
    }
    /// Reserves function 0 (the entry) to fill it last.
    fn entry(&mut self) {
        self.0.functions.push(CompileScript::default());
    }
    fn set_entry(&mut self, script: CompileScript) {
        self.0.functions[0] = script;
    }
}

fn script(num_params: u16, num_locals: u16, commands: Vec<C>) -> CompileScript {
    CompileScript {
        num_params,
        num_locals,
        commands,
        ..CompileScript::default()
    }
}

fn var(symbol: Symbol, kind: VariableKind, locator: Locator, captured: bool) -> Variable {
    Variable {
        symbol,
        kind,
        locator,
        captured,
    }
}

fn run(program: Program) -> (Executor, Result<Value, Value>) {
    let mut exec = Executor::new().expect("JIT");
    let id = exec.load(program);
    let result = exec.run(id).expect("compiles").map_err(|t| t.0);
    (exec, result)
}

fn number(v: Value) -> f64 {
    v.as_number().expect("a number")
}

/// `function name(a, b) { return a OP b }` as function `id`.
fn binary_function(p: &mut P, op: B) -> FunctionId {
    let a = p.sym("a");
    let b = p.sym("b");
    p.add(script(
        2,
        0,
        vec![
            C::VariableReference(a, Locator::Argument(0)),
            C::VariableReference(b, Locator::Argument(1)),
            C::Binary(op),
            C::Return(true),
        ],
    ))
}

/// Entry: `f = <closure of fid>; return f(args...)`.
fn call_with(p: &mut P, fid: FunctionId, args: &[C]) -> CompileScript {
    let f = p.sym("f");
    let mut commands = vec![
        C::VariableReference(f, Locator::Global),
        C::Closure(fid),
        C::Assignment,
        C::Discard,
        C::VariableReference(f, Locator::Global),
    ];
    commands.extend_from_slice(args);
    commands.push(C::Call(args.len() as u16));
    commands.push(C::Return(true));
    script(0, 0, commands)
}

fn eval_binary(op: B, x: Value, y: Value) -> Result<Value, Value> {
    let mut p = P::new();
    p.entry();
    let fid = binary_function(&mut p, op);
    p.set_entry(script(0, 0, vec![]));
    let mut exec = Executor::new().expect("JIT");
    let id = exec.load(p.0);
    let template = exec.template(id, fid);
    // SAFETY: the template lives as long as the executor.
    let f = bridge::create_function(&mut exec, unsafe { &*template }, &[]).expect("alloc");
    exec.call(f, Value::UNDEFINED, &[x, y]).map_err(|t| t.0)
}

#[test]
fn int32_arithmetic_and_overflow() {
    let add = |x, y| eval_binary(B::Addition, x, y).unwrap();
    assert_eq!(
        add(Value::from_i32(1), Value::from_i32(2)),
        Value::from_i32(3)
    );
    // Overflow leaves int32 for a double.
    let r = add(Value::from_i32(i32::MAX), Value::from_i32(1));
    assert!(r.is_double());
    assert_eq!(number(r), 2147483648.0);
    let sub = eval_binary(
        B::Subtraction,
        Value::from_i32(i32::MIN),
        Value::from_i32(1),
    )
    .unwrap();
    assert_eq!(number(sub), -2147483649.0);
    let mul = eval_binary(
        B::Multiplication,
        Value::from_i32(65536),
        Value::from_i32(65536),
    )
    .unwrap();
    assert_eq!(number(mul), 4294967296.0);
    // 0 * -1 is -0, a double.
    let negative_zero =
        eval_binary(B::Multiplication, Value::from_i32(0), Value::from_i32(-1)).unwrap();
    assert!(negative_zero.is_double());
    assert!(number(negative_zero).is_sign_negative());
}

#[test]
fn f64_arithmetic() {
    let r = eval_binary(B::Addition, Value::from_f64(0.5), Value::from_i32(1)).unwrap();
    assert_eq!(number(r), 1.5);
    // A double result that is an integer comes back as an int32.
    let r = eval_binary(B::Addition, Value::from_f64(0.5), Value::from_f64(0.5)).unwrap();
    assert_eq!(r, Value::from_i32(1));
    let r = eval_binary(B::Division, Value::from_i32(1), Value::from_i32(0)).unwrap();
    assert_eq!(number(r), f64::INFINITY);
    let r = eval_binary(B::Division, Value::from_i32(0), Value::from_i32(0)).unwrap();
    assert_eq!(r.to_bits(), Value::NAN.to_bits());
    let r = eval_binary(B::Remainder, Value::from_i32(7), Value::from_i32(3)).unwrap();
    assert_eq!(number(r), 1.0);
    // Slow paths through the runtime: booleans and undefined.
    let r = eval_binary(B::Addition, Value::TRUE, Value::from_i32(1)).unwrap();
    assert_eq!(number(r), 2.0);
    let r = eval_binary(B::Multiplication, Value::UNDEFINED, Value::from_i32(1)).unwrap();
    assert!(number(r).is_nan());
}

#[test]
fn bitwise_and_shifts() {
    let r = eval_binary(B::BitwiseOr, Value::from_i32(5), Value::from_i32(2)).unwrap();
    assert_eq!(r, Value::from_i32(7));
    let r = eval_binary(B::LeftShift, Value::from_i32(1), Value::from_i32(33)).unwrap();
    assert_eq!(r, Value::from_i32(2));
    let r = eval_binary(
        B::UnsignedRightShift,
        Value::from_i32(-1),
        Value::from_i32(0),
    )
    .unwrap();
    assert_eq!(number(r), 4294967295.0);
    let r = eval_binary(B::BitwiseAnd, Value::from_f64(3.5), Value::from_i32(1)).unwrap();
    assert_eq!(r, Value::from_i32(1));
}

#[test]
fn comparisons() {
    let cmp = |op, x, y| eval_binary(op, x, y).unwrap();
    let (one, two) = (Value::from_i32(1), Value::from_i32(2));
    assert_eq!(cmp(B::LessThan, one, two), Value::TRUE);
    assert_eq!(cmp(B::GreaterThan, one, two), Value::FALSE);
    assert_eq!(cmp(B::LessThanOrEqual, two, two), Value::TRUE);
    assert_eq!(
        cmp(B::GreaterThanOrEqual, Value::from_f64(1.5), two),
        Value::FALSE
    );
    assert_eq!(cmp(B::LessThan, Value::NAN, two), Value::FALSE);
    assert_eq!(cmp(B::GreaterThanOrEqual, Value::NAN, two), Value::FALSE);
    assert_eq!(
        cmp(B::StrictEquality, Value::from_f64(1.0), one),
        Value::TRUE
    );
    assert_eq!(cmp(B::StrictEquality, Value::NAN, Value::NAN), Value::FALSE);
    assert_eq!(
        cmp(B::StrictInequality, Value::NAN, Value::NAN),
        Value::TRUE
    );
    assert_eq!(
        cmp(B::StrictEquality, Value::NULL, Value::UNDEFINED),
        Value::FALSE
    );
    assert_eq!(cmp(B::Equality, Value::NULL, Value::UNDEFINED), Value::TRUE);
    assert_eq!(cmp(B::Equality, Value::TRUE, one), Value::TRUE);
    assert_eq!(
        cmp(B::StrictEquality, Value::TRUE, Value::TRUE),
        Value::TRUE
    );
}

/// `function (x) { if (x < 10) return "small" (1) else return 2 }`, and a
/// conditional expression.
#[test]
fn if_else_and_conditional() {
    let mut p = P::new();
    p.entry();
    let x = p.sym("x");
    let fid = p.add(script(
        1,
        0,
        vec![
            C::VariableReference(x, Locator::Argument(0)),
            C::Number(10.0),
            C::Binary(B::LessThan),
            C::IfThen,
            C::Number(1.0),
            C::Return(true),
            C::Else,
            C::Number(2.0),
            C::Return(true),
            C::IfElseStatement,
        ],
    ));
    let g = p.add(script(
        1,
        0,
        vec![
            C::VariableReference(x, Locator::Argument(0)),
            C::IfThen,
            C::Number(3.0),
            C::Else,
            C::Number(4.0),
            C::ConditionalExpression,
            C::Return(true),
        ],
    ));
    let entry = call_with(&mut p, fid, &[C::Number(5.0)]);
    p.set_entry(entry);
    let mut exec = Executor::new().unwrap();
    let id = exec.load(p.0);
    assert_eq!(exec.run(id).unwrap().unwrap(), Value::from_i32(1));
    let f = exec.get_global("f").unwrap();
    assert_eq!(
        exec.call(f, Value::UNDEFINED, &[Value::from_i32(50)])
            .unwrap(),
        Value::from_i32(2)
    );
    let template = exec.template(id, g);
    // SAFETY: the template lives as long as the executor.
    let g = bridge::create_function(&mut exec, unsafe { &*template }, &[]).unwrap();
    assert_eq!(
        exec.call(g, Value::UNDEFINED, &[Value::TRUE]).unwrap(),
        Value::from_i32(3)
    );
    assert_eq!(
        exec.call(g, Value::UNDEFINED, &[Value::from_i32(0)])
            .unwrap(),
        Value::from_i32(4)
    );
    assert_eq!(
        exec.call(g, Value::UNDEFINED, &[]).unwrap(),
        Value::from_i32(4)
    );
}

/// `let s = 0; for (let i = 0; i < n; i++) { if (i == 50) continue; s += i; } return s`
#[test]
fn for_loop_with_continue_and_break() {
    let mut p = P::new();
    p.entry();
    let (n, s, i) = (p.sym("n"), p.sym("s"), p.sym("i"));
    let mut f = script(
        1,
        2,
        vec![
            C::PushScope(ScopeRef(0)),
            C::DeclareVars(ScopeRef(0)),
            C::VariableReference(s, Locator::Local(0)),
            C::Number(0.0),
            C::Initialize,
            C::LoopStart(LoopFlags(
                LoopFlags::INIT | LoopFlags::TEST | LoopFlags::NEXT,
            )),
            C::PushScope(ScopeRef(1)),
            C::DeclareVars(ScopeRef(1)),
            C::VariableReference(i, Locator::Local(1)),
            C::Number(0.0),
            C::Initialize,
            C::LoopInit,
            C::VariableReference(i, Locator::Local(1)),
            C::VariableReference(n, Locator::Argument(0)),
            C::Binary(B::LessThan),
            C::LoopTest,
            C::VariableReference(i, Locator::Local(1)),
            C::Unary(U::PostfixIncrement),
            C::Discard,
            C::LoopNext,
            // body
            C::VariableReference(i, Locator::Local(1)),
            C::Number(50.0),
            C::Binary(B::Equality),
            C::IfThen,
            C::Continue(None),
            C::IfStatement,
            C::VariableReference(i, Locator::Local(1)),
            C::Number(1000.0),
            C::Binary(B::GreaterThanOrEqual),
            C::IfThen,
            C::Break(None),
            C::IfStatement,
            C::VariableReference(s, Locator::Local(0)),
            C::CompoundAssignmentBegin,
            C::VariableReference(i, Locator::Local(1)),
            C::CompoundAssignment(B::Addition),
            C::Discard,
            C::LoopBody,
            C::PopScope(ScopeRef(1)),
            C::LoopEnd,
            C::VariableReference(s, Locator::Local(0)),
            C::Return(true),
            C::PopScope(ScopeRef(0)),
        ],
    );
    f.scopes = vec![
        Scope {
            parent: None,
            variables: vec![
                var(n, VariableKind::Parameter, Locator::Argument(0), false),
                var(s, VariableKind::Let, Locator::Local(0), false),
            ],
        },
        Scope {
            parent: Some(ScopeRef(0)),
            variables: vec![var(i, VariableKind::Let, Locator::Local(1), false)],
        },
    ];
    let fid = p.add(f);
    let entry = call_with(&mut p, fid, &[C::Number(100.0)]);
    p.set_entry(entry);
    let (mut exec, result) = run(p.0);
    assert_eq!(result.unwrap(), Value::from_i32(4950 - 50));
    let f = exec.get_global("f").unwrap();
    // Stops at 1000.
    let r = exec
        .call(f, Value::UNDEFINED, &[Value::from_i32(5000)])
        .unwrap();
    assert_eq!(r, Value::from_i32(499500 - 50));
    // A double bound takes the slow comparison path.
    let r = exec
        .call(f, Value::UNDEFINED, &[Value::from_f64(10.5)])
        .unwrap();
    assert_eq!(r, Value::from_i32(55));
}

/// `do { i++ } while (i < 10)` and `while (true) { if (++i > 20) break }`.
#[test]
fn do_while_and_while_true() {
    let mut p = P::new();
    p.entry();
    let i = p.sym("i");
    let mut f = script(
        0,
        1,
        vec![
            C::PushScope(ScopeRef(0)),
            C::DeclareVars(ScopeRef(0)),
            C::VariableReference(i, Locator::Local(0)),
            C::Number(0.0),
            C::Initialize,
            C::LoopStart(LoopFlags(LoopFlags::POST_TEST)),
            C::VariableReference(i, Locator::Local(0)),
            C::Unary(U::PostfixIncrement),
            C::Discard,
            C::LoopBody,
            C::VariableReference(i, Locator::Local(0)),
            C::Number(10.0),
            C::Binary(B::LessThan),
            C::LoopTest,
            C::LoopEnd,
            C::LoopStart(LoopFlags(LoopFlags::TEST)),
            C::Boolean(true),
            C::LoopTest,
            C::VariableReference(i, Locator::Local(0)),
            C::Unary(U::PrefixIncrement),
            C::Number(20.0),
            C::Binary(B::GreaterThan),
            C::IfThen,
            C::Break(None),
            C::IfStatement,
            C::LoopBody,
            C::LoopEnd,
            C::VariableReference(i, Locator::Local(0)),
            C::Return(true),
            C::PopScope(ScopeRef(0)),
        ],
    );
    f.scopes = vec![Scope {
        parent: None,
        variables: vec![var(i, VariableKind::Let, Locator::Local(0), false)],
    }];
    let fid = p.add(f);
    let entry = call_with(&mut p, fid, &[]);
    p.set_entry(entry);
    let (_, result) = run(p.0);
    assert_eq!(result.unwrap(), Value::from_i32(21));
}

/// `function fib(n) { if (n < 2) return n; return fib(n - 1) + fib(n - 2) }`
fn fib_program() -> Program {
    let mut p = P::new();
    p.entry();
    let (fib, n) = (p.sym("fib"), p.sym("n"));
    let fid = p.add(script(
        1,
        0,
        vec![
            C::VariableReference(n, Locator::Argument(0)),
            C::Number(2.0),
            C::Binary(B::LessThan),
            C::IfThen,
            C::VariableReference(n, Locator::Argument(0)),
            C::Return(true),
            C::IfStatement,
            C::VariableReference(fib, Locator::Global),
            C::VariableReference(n, Locator::Argument(0)),
            C::Number(1.0),
            C::Binary(B::Subtraction),
            C::Call(1),
            C::VariableReference(fib, Locator::Global),
            C::VariableReference(n, Locator::Argument(0)),
            C::Number(2.0),
            C::Binary(B::Subtraction),
            C::Call(1),
            C::Binary(B::Addition),
            C::Return(true),
        ],
    ));
    p.set_entry(script(
        0,
        0,
        vec![
            C::VariableReference(fib, Locator::Global),
            C::Closure(fid),
            C::Initialize,
            C::VariableReference(fib, Locator::Global),
            C::Number(20.0),
            C::Call(1),
            C::Return(true),
        ],
    ));
    p.0
}

#[test]
fn recursion_fib() {
    let (exec, result) = run(fib_program());
    assert_eq!(result.unwrap(), Value::from_i32(6765));
    assert_eq!(exec.stats().compiled_functions, 2);
}

#[test]
fn lazy_compilation_compiles_only_called_functions() {
    let mut p = P::new();
    p.entry();
    let (a, b) = (p.sym("a"), p.sym("b"));
    let fa = p.add(script(0, 0, vec![C::Number(1.0), C::Return(true)]));
    let fb = p.add(script(0, 0, vec![C::Number(2.0), C::Return(true)]));
    p.set_entry(script(
        0,
        0,
        vec![
            C::VariableReference(a, Locator::Global),
            C::Closure(fa),
            C::Initialize,
            C::VariableReference(b, Locator::Global),
            C::Closure(fb),
            C::Initialize,
            C::VariableReference(a, Locator::Global),
            C::Call(0),
            C::VariableReference(a, Locator::Global),
            C::Call(0),
            C::Binary(B::Addition),
            C::Return(true),
        ],
    ));
    let (mut exec, result) = run(p.0);
    assert_eq!(result.unwrap(), Value::from_i32(2));
    // The entry and `a`; `b` was never called.
    assert_eq!(exec.stats().compiled_functions, 2);
    assert_eq!(exec.stats().templates, 3);
    // A new closure of `a` uses the compiled code directly.
    let b = exec.get_global("b").unwrap();
    assert_eq!(
        exec.call(b, Value::UNDEFINED, &[]).unwrap(),
        Value::from_i32(2)
    );
    assert_eq!(exec.stats().compiled_functions, 3);
}

/// ```js
/// function counter() {
///   let n = 0;
///   return () => { n += 1; return n; };   // fn2 captures n
/// }
/// ```
fn counter_program() -> (Program, FunctionId) {
    let mut p = P::new();
    p.entry();
    let (n, counter) = (p.sym("n"), p.sym("counter"));
    let mut inner = script(
        0,
        0,
        vec![
            C::VariableReference(n, Locator::Capture(0)),
            C::CompoundAssignmentBegin,
            C::Number(1.0),
            C::CompoundAssignment(B::Addition),
            C::Discard,
            C::VariableReference(n, Locator::Capture(0)),
            C::Return(true),
        ],
    );
    inner.captures = vec![n];
    let mut outer = script(
        0,
        1,
        vec![
            C::PushScope(ScopeRef(0)),
            C::DeclareVars(ScopeRef(0)),
            C::VariableReference(n, Locator::Local(0)),
            C::Number(0.0),
            C::Initialize,
            C::Closure(FunctionId(2)),
            C::Capture(Locator::Local(0)),
            C::Return(true),
            C::PopScope(ScopeRef(0)),
        ],
    );
    outer.scopes = vec![Scope {
        parent: None,
        variables: vec![var(n, VariableKind::Let, Locator::Local(0), true)],
    }];
    let outer_id = p.add(outer);
    let inner_id = p.add(inner);
    assert_eq!(inner_id, FunctionId(2));
    p.set_entry(script(
        0,
        0,
        vec![
            C::VariableReference(counter, Locator::Global),
            C::Closure(outer_id),
            C::Initialize,
        ],
    ));
    (p.0, outer_id)
}

#[test]
fn closures_capture_and_mutate() {
    let (program, _) = counter_program();
    let (mut exec, result) = run(program);
    assert_eq!(result.unwrap(), Value::UNDEFINED);
    let counter = exec.get_global("counter").unwrap();
    let c1 = exec.call(counter, Value::UNDEFINED, &[]).unwrap();
    let c2 = exec.call(counter, Value::UNDEFINED, &[]).unwrap();
    let call = |exec: &mut Executor, f| exec.call(f, Value::UNDEFINED, &[]).unwrap();
    assert_eq!(call(&mut exec, c1), Value::from_i32(1));
    assert_eq!(call(&mut exec, c1), Value::from_i32(2));
    exec.runtime.collect_garbage();
    assert_eq!(call(&mut exec, c1), Value::from_i32(3));
    // Each activation has its own binding.
    assert_eq!(call(&mut exec, c2), Value::from_i32(1));
    assert_eq!(exec.stats().compiled_functions, 3);
}

/// ```js
/// function f() {
///   let x = 1;
///   const get = () => x;          // fn2
///   x = 5;                        // the frame writes its slot...
///   let a = get();                // ...which the closure sees (not escaped)
///   const set = () => { x = 7 };  // fn3 shares the same cell
///   set();
///   return a * 100 + x + get();   // 5 * 100 + 7 + 7
/// }
/// ```
#[test]
fn closures_share_cells_with_the_frame() {
    let mut p = P::new();
    p.entry();
    let (x, get, set, a) = (p.sym("x"), p.sym("get"), p.sym("set"), p.sym("a"));
    let mut getter = script(
        0,
        0,
        vec![
            C::VariableReference(x, Locator::Capture(0)),
            C::Return(true),
        ],
    );
    getter.captures = vec![x];
    let mut setter = script(
        0,
        0,
        vec![
            C::VariableReference(x, Locator::Capture(0)),
            C::Number(7.0),
            C::Assignment,
            C::Discard,
        ],
    );
    setter.captures = vec![x];
    let mut f = script(
        0,
        4,
        vec![
            C::PushScope(ScopeRef(0)),
            C::DeclareVars(ScopeRef(0)),
            C::VariableReference(x, Locator::Local(0)),
            C::Number(1.0),
            C::Initialize,
            C::VariableReference(get, Locator::Local(1)),
            C::Closure(FunctionId(2)),
            C::Capture(Locator::Local(0)),
            C::Initialize,
            C::VariableReference(x, Locator::Local(0)),
            C::Number(5.0),
            C::Assignment,
            C::Discard,
            C::VariableReference(a, Locator::Local(3)),
            C::VariableReference(get, Locator::Local(1)),
            C::Call(0),
            C::Initialize,
            C::VariableReference(set, Locator::Local(2)),
            C::Closure(FunctionId(3)),
            C::Capture(Locator::Local(0)),
            C::Initialize,
            C::VariableReference(set, Locator::Local(2)),
            C::Call(0),
            C::Discard,
            C::VariableReference(a, Locator::Local(3)),
            C::Number(100.0),
            C::Binary(B::Multiplication),
            C::VariableReference(x, Locator::Local(0)),
            C::Binary(B::Addition),
            C::VariableReference(get, Locator::Local(1)),
            C::Call(0),
            C::Binary(B::Addition),
            C::Return(true),
            C::PopScope(ScopeRef(0)),
        ],
    );
    f.scopes = vec![Scope {
        parent: None,
        variables: vec![
            var(x, VariableKind::Let, Locator::Local(0), true),
            var(get, VariableKind::Const, Locator::Local(1), false),
            var(set, VariableKind::Const, Locator::Local(2), false),
            var(a, VariableKind::Let, Locator::Local(3), false),
        ],
    }];
    let fid = p.add(f);
    p.add(getter);
    p.add(setter);
    let entry = call_with(&mut p, fid, &[]);
    p.set_entry(entry);
    let (_, result) = run(p.0);
    assert_eq!(result.unwrap(), Value::from_i32(514));
}

/// Closures created in a loop body get one binding per iteration:
/// `for (let i = 0; i < 3; i++) { fs[i] = () => i }` with globals f0..f2.
#[test]
fn per_iteration_bindings_escape() {
    let mut p = P::new();
    p.entry();
    let (i, j, g) = (p.sym("i"), p.sym("j"), p.sym("g"));
    let mut inner = script(
        0,
        0,
        vec![
            C::VariableReference(j, Locator::Capture(0)),
            C::Return(true),
        ],
    );
    inner.captures = vec![j];
    // for (let i = 0; i < 3; i++) { let j = i; g = g + ... } is awkward
    // without arrays: keep the last three closures in globals g (chained
    // through a capture-free sum at the end).
    let mut f = script(
        0,
        3,
        vec![
            C::LoopStart(LoopFlags(
                LoopFlags::INIT | LoopFlags::TEST | LoopFlags::NEXT,
            )),
            C::PushScope(ScopeRef(0)),
            C::DeclareVars(ScopeRef(0)),
            C::VariableReference(i, Locator::Local(0)),
            C::Number(0.0),
            C::Initialize,
            C::LoopInit,
            C::VariableReference(i, Locator::Local(0)),
            C::Number(3.0),
            C::Binary(B::LessThan),
            C::LoopTest,
            C::VariableReference(i, Locator::Local(0)),
            C::Unary(U::PostfixIncrement),
            C::Discard,
            C::LoopNext,
            C::PushScope(ScopeRef(1)),
            C::DeclareVars(ScopeRef(1)),
            C::VariableReference(j, Locator::Local(1)),
            C::VariableReference(i, Locator::Local(0)),
            C::Initialize,
            // g = i == 0 ? closure : g  -- keep the first closure
            C::VariableReference(i, Locator::Local(0)),
            C::Number(0.0),
            C::Binary(B::StrictEquality),
            C::IfThen,
            C::VariableReference(g, Locator::Global),
            C::Closure(FunctionId(2)),
            C::Capture(Locator::Local(1)),
            C::Assignment,
            C::Discard,
            C::IfStatement,
            C::PopScope(ScopeRef(1)),
            C::LoopBody,
            C::PopScope(ScopeRef(0)),
            C::LoopEnd,
            C::VariableReference(g, Locator::Global),
            C::Call(0),
            C::Return(true),
        ],
    );
    f.scopes = vec![
        Scope {
            parent: None,
            variables: vec![var(i, VariableKind::Let, Locator::Local(0), false)],
        },
        Scope {
            parent: Some(ScopeRef(0)),
            variables: vec![var(j, VariableKind::Let, Locator::Local(1), true)],
        },
    ];
    let fid = p.add(f);
    p.add(inner);
    let entry = call_with(&mut p, fid, &[]);
    p.set_entry(entry);
    let (_, result) = run(p.0);
    // The first iteration's j escaped with 0 before j was reused.
    assert_eq!(result.unwrap(), Value::from_i32(0));
}

/// ```js
/// function thrower(x) { throw x; }          // fn1
/// function f() {                            // fn2
///   let log = 0;
///   try { log = 1; thrower(42); log = 2; }
///   catch (e) { log = log * 10 + e; }       // 52
///   finally { log = log + 1000; }
///   return log;                             // 1052
/// }
/// ```
#[test]
fn exceptions_caught_through_calls_and_finally() {
    let mut p = P::new();
    p.entry();
    let (thrower, x, log, e) = (p.sym("thrower"), p.sym("x"), p.sym("log"), p.sym("e"));
    let thrower_id = p.add(script(
        1,
        0,
        vec![C::VariableReference(x, Locator::Argument(0)), C::Throw],
    ));
    let mut f = script(
        0,
        2,
        vec![
            C::PushScope(ScopeRef(0)),
            C::DeclareVars(ScopeRef(0)),
            C::VariableReference(log, Locator::Local(0)),
            C::Number(0.0),
            C::Initialize,
            C::Try {
                has_catch: true,
                has_finally: true,
            },
            C::VariableReference(log, Locator::Local(0)),
            C::Number(1.0),
            C::Assignment,
            C::Discard,
            C::VariableReference(thrower, Locator::Global),
            C::Number(42.0),
            C::Call(1),
            C::Discard,
            C::VariableReference(log, Locator::Local(0)),
            C::Number(2.0),
            C::Assignment,
            C::Discard,
            C::Catch(true),
            C::PushScope(ScopeRef(1)),
            C::DeclareVars(ScopeRef(1)),
            C::VariableReference(e, Locator::Local(1)),
            C::Swap,
            C::Initialize,
            C::VariableReference(log, Locator::Local(0)),
            C::VariableReference(log, Locator::Local(0)),
            C::Number(10.0),
            C::Binary(B::Multiplication),
            C::VariableReference(e, Locator::Local(1)),
            C::Binary(B::Addition),
            C::Assignment,
            C::Discard,
            C::PopScope(ScopeRef(1)),
            C::Finally,
            C::VariableReference(log, Locator::Local(0)),
            C::CompoundAssignmentBegin,
            C::Number(1000.0),
            C::CompoundAssignment(B::Addition),
            C::Discard,
            C::TryEnd,
            C::VariableReference(log, Locator::Local(0)),
            C::Return(true),
            C::PopScope(ScopeRef(0)),
        ],
    );
    f.scopes = vec![
        Scope {
            parent: None,
            variables: vec![var(log, VariableKind::Let, Locator::Local(0), false)],
        },
        Scope {
            parent: Some(ScopeRef(0)),
            variables: vec![var(
                e,
                VariableKind::CatchParameter,
                Locator::Local(1),
                false,
            )],
        },
    ];
    let fid = p.add(f);
    p.set_entry(script(
        0,
        0,
        vec![
            C::VariableReference(thrower, Locator::Global),
            C::Closure(thrower_id),
            C::Initialize,
            C::VariableReference(thrower, Locator::Global),
            C::Closure(fid),
            C::Call(0),
            C::Return(true),
        ],
    ));
    let (_, result) = run(p.0);
    assert_eq!(result.unwrap(), Value::from_i32(1052));
}

/// An uncaught exception propagates out of nested calls as a status; a
/// `return` inside `try` runs `finally` first; a `finally` without `catch`
/// rethrows.
#[test]
fn exceptions_propagate_and_finally_runs_on_return() {
    let mut p = P::new();
    p.entry();
    let (g, x) = (p.sym("g"), p.sym("x"));
    // function rethrow() { try { throw 7 } finally { g = 1 } }
    let rethrow = p.add(script(
        0,
        0,
        vec![
            C::Try {
                has_catch: false,
                has_finally: true,
            },
            C::Number(7.0),
            C::Throw,
            C::Finally,
            C::VariableReference(g, Locator::Global),
            C::Number(1.0),
            C::Assignment,
            C::Discard,
            C::TryEnd,
        ],
    ));
    // function early() { try { return 3 } finally { g = g + 10 } }
    let early = p.add(script(
        0,
        0,
        vec![
            C::Try {
                has_catch: false,
                has_finally: true,
            },
            C::Number(3.0),
            C::Return(true),
            C::Finally,
            C::VariableReference(g, Locator::Global),
            C::VariableReference(g, Locator::Global),
            C::Number(10.0),
            C::Binary(B::Addition),
            C::Assignment,
            C::Discard,
            C::TryEnd,
        ],
    ));
    p.set_entry(script(
        0,
        0,
        vec![
            C::VariableReference(g, Locator::Global),
            C::Number(0.0),
            C::Initialize,
            C::VariableReference(x, Locator::Global),
            C::Closure(early),
            C::Call(0),
            C::Initialize,
            C::VariableReference(x, Locator::Global),
            C::Closure(rethrow),
            C::Call(0),
            C::Return(true),
        ],
    ));
    let (mut exec, result) = run(p.0);
    assert_eq!(result, Err(Value::from_i32(7)));
    assert_eq!(exec.get_global("x"), Some(Value::from_i32(3)));
    assert_eq!(exec.get_global("g"), Some(Value::from_i32(1)));
}

#[test]
fn reference_errors() {
    let mut p = P::new();
    p.entry();
    let (missing, y) = (p.sym("missing"), p.sym("y"));
    // let y; read before initialization -> ReferenceError, caught: returns 1
    let mut f = script(
        0,
        1,
        vec![
            C::PushScope(ScopeRef(0)),
            C::DeclareVars(ScopeRef(0)),
            C::Try {
                has_catch: true,
                has_finally: false,
            },
            C::VariableReference(y, Locator::Local(0)),
            C::Return(true),
            C::Catch(false),
            C::Number(1.0),
            C::Return(true),
            C::TryEnd,
            C::PopScope(ScopeRef(0)),
        ],
    );
    f.scopes = vec![Scope {
        parent: None,
        variables: vec![var(y, VariableKind::Let, Locator::Local(0), false)],
    }];
    let fid = p.add(f);
    p.set_entry(script(
        0,
        0,
        vec![
            C::Closure(fid),
            C::Call(0),
            C::VariableReference(missing, Locator::Global),
            C::Unary(U::Typeof),
            C::Discard,
            C::VariableReference(missing, Locator::Global),
            C::Binary(B::Addition),
            C::Return(true),
        ],
    ));
    let (_, result) = run(p.0);
    let thrown = result.unwrap_err();
    assert!(thrown.is_object(), "a ReferenceError object");
}

/// `a + (a = 2)` reads `a` before the assignment; `a ||= 5`, `b ?? 3`.
#[test]
fn evaluation_order_and_short_circuits() {
    let mut p = P::new();
    p.entry();
    let (a, b) = (p.sym("a"), p.sym("b"));
    let mut f = script(
        0,
        2,
        vec![
            C::PushScope(ScopeRef(0)),
            C::DeclareVars(ScopeRef(0)),
            C::VariableReference(a, Locator::Local(0)),
            C::Number(1.0),
            C::Initialize,
            C::VariableReference(a, Locator::Local(0)),
            C::VariableReference(a, Locator::Local(0)),
            C::Number(2.0),
            C::Assignment,
            C::Binary(B::Addition), // 1 + 2 = 3
            C::VariableReference(b, Locator::Local(1)),
            C::Boolean(false),
            C::Initialize,
            C::VariableReference(b, Locator::Local(1)),
            C::ShortCircuitAssignment(ShortCircuitKind::Or),
            C::Number(5.0),
            C::ShortCircuitEnd,           // b = 5
            C::Binary(B::Multiplication), // 15
            C::Null,
            C::ShortCircuit(ShortCircuitKind::Nullish),
            C::Number(100.0),
            C::ShortCircuitEnd,
            C::Binary(B::Addition), // 115
            C::Number(0.0),
            C::ShortCircuit(ShortCircuitKind::And),
            C::Number(1000.0),
            C::ShortCircuitEnd,
            C::Binary(B::Addition), // 115
            C::VariableReference(b, Locator::Local(1)),
            C::Binary(B::Addition), // 120
            C::Return(true),
            C::PopScope(ScopeRef(0)),
        ],
    );
    f.scopes = vec![Scope {
        parent: None,
        variables: vec![
            var(a, VariableKind::Let, Locator::Local(0), false),
            var(b, VariableKind::Let, Locator::Local(1), false),
        ],
    }];
    let fid = p.add(f);
    let entry = call_with(&mut p, fid, &[]);
    p.set_entry(entry);
    let (_, result) = run(p.0);
    assert_eq!(result.unwrap(), Value::from_i32(120));
}

#[test]
fn malformed_scripts_are_errors_not_panics() {
    for commands in [
        vec![C::Binary(B::Addition)],
        vec![C::IfThen],
        vec![C::Boolean(true), C::IfThen, C::LoopEnd],
        vec![C::VariableReference(Symbol(0), Locator::Local(9))],
        vec![C::Break(None)],
        vec![C::PopScope(ScopeRef(0))],
        vec![C::Await(1)],
    ] {
        let mut p = P::new();
        p.sym("x");
        p.add(script(0, 0, commands));
        let mut exec = Executor::new().unwrap();
        let id = exec.load(p.0);
        // The entry compiles lazily on its call: the error is thrown as a
        // JavaScript Error.
        let result = exec.run(id).unwrap();
        assert!(result.is_err());
        assert_eq!(exec.stats().compiled_functions, 0);
    }
}

#[test]
fn clif_and_commands_print() {
    let program = fib_program();
    let text = print_clif(&program, FunctionId(1)).unwrap();
    // `fib` has no loop: its first compilation is the compact quick tier,
    // where `n - 1` is a runtime call, not an inline int32 fast path.
    assert!(!text.contains("sadd_overflow") && !text.contains("ssub_overflow"));
    assert!(text.contains("call"));
    let commands = program.to_string();
    assert!(commands.contains("VariableReference(fib, global)"));
    assert!(commands.contains("Call(1)"));
}

#[test]
fn operator_tables_match_discriminants() {
    for (i, op) in bridge::BINARY_OPERATORS.iter().enumerate() {
        assert_eq!(*op as usize, i);
    }
    for (i, op) in bridge::UNARY_OPERATORS.iter().enumerate() {
        assert_eq!(*op as usize, i);
    }
}

/// `function f() { return f() }`: the native stack limit turns into a
/// RangeError, not a crash.
#[test]
fn unbounded_recursion_throws() {
    let mut p = P::new();
    p.entry();
    let f = p.sym("f");
    let fid = p.add(script(
        0,
        0,
        vec![
            C::VariableReference(f, Locator::Global),
            C::Call(0),
            C::Return(true),
        ],
    ));
    let entry = call_with(&mut p, fid, &[]);
    p.set_entry(entry);
    let (_, result) = run(p.0);
    assert!(result.unwrap_err().is_object());
}

#[test]
#[ignore = "prints the CLIF of fib for inspection"]
fn show_fib_clif() {
    println!("{}", print_clif(&fib_program(), FunctionId(1)).unwrap());
}
