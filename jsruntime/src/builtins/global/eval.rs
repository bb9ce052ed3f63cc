//! The global `eval` function (19.2.1): an indirect eval. Evaluating source
//! text is the backend's job, reached through
//! [`crate::runtime::HostHooks::global_eval`] (the `Function` constructor
//! uses it too, see `builtins::function::dynamic`).
//!
//! A *direct* eval (`eval(...)` written in the source) does not call this
//! built-in: the compiled call site recognises %eval% and evaluates the code
//! in the caller's scope (see `backend::dynamic_code`).

use crate::runtime::Runtime;
use crate::value::Value;
use crate::JsResult;

/// 19.2.1 eval ( x ): PerformEval(x, false, false), an indirect eval.
pub(super) fn eval(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    let x = args.first().copied().unwrap_or(Value::UNDEFINED);
    // 19.2.1.1 step 2: a value that is not a string is the result.
    let Some(source) = x.as_string() else {
        return Ok(x);
    };
    let source = source.to_rust_string();
    global_eval(rt, &source)
}

/// Runs source text as eval code in the global scope (the backend's hook).
pub(crate) fn global_eval(rt: &mut Runtime, source: &str) -> JsResult<Value> {
    match rt.hooks.global_eval {
        Some(hook) => hook(rt, source),
        None => Err(rt.syntax_error("eval is not available in this runtime")),
    }
}
