//! The module helpers of compiled code: `import()` and `import.meta`
//! (see `backend::module::dynamic`).

use crate::backend::module::dynamic;
use crate::completion::JsResult;
use crate::runtime::Runtime;
use crate::semantics::helper::Helper;
use crate::value::Value;

/// Runs `h` if it is a module helper.
pub(super) fn module_helper(
    rt: &mut Runtime,
    h: Helper,
    args: &[Value],
) -> Option<JsResult<Value>> {
    let arg = |i: usize| args.get(i).copied().unwrap_or(Value::UNDEFINED);
    match h {
        Helper::ImportCall => Some(dynamic::import_call(rt, arg(0), arg(1), arg(2))),
        Helper::ImportMeta => Some(dynamic::import_meta(rt, arg(0))),
        _ => None,
    }
}
