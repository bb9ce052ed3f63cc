//! Async generators (27.4, 27.6): the request queue over the compiled
//! coroutine.

use crate::backend::coroutine::{CoroutineObject, GeneratorState, Outcome};
use crate::gc::Gc;
use crate::object::JsObject;
use crate::runtime::Runtime;
use crate::JsResult;

/// After an await inside an async generator's body.
pub(crate) fn continue_after_await(
    rt: &mut Runtime,
    object: Gc<JsObject>,
    data: &CoroutineObject,
    outcome: Outcome,
) -> JsResult<()> {
    let _ = (object, outcome);
    data.state.set(GeneratorState::Completed);
    Err(rt.type_error("async generators are not supported yet"))
}
