//! The promise jobs (27.2.2 Promise Jobs, #sec-promise-jobs), run by the
//! runtime's job queue (`runtime::jobs`).

use super::operations::create_resolving_functions;
use super::state::{Handler, PromiseReaction, ReactionType};
use crate::runtime::Runtime;
use crate::value::Value;
use crate::{JsResult, Thrown};

/// 27.2.2.1 NewPromiseReactionJob ( reaction, argument ), the job's steps
/// (#sec-newpromisereactionjob).
pub(crate) fn run_reaction_job(
    rt: &mut Runtime,
    reaction: PromiseReaction,
    argument: Value,
) -> JsResult<()> {
    // Steps 1.a-c: the handler's completion (HostCallJobCallback is Call).
    let handler_result = match reaction.handler {
        Handler::Callable(h) if h.is_undefined() => match reaction.kind {
            ReactionType::Fulfill => Ok(argument),
            ReactionType::Reject => Err(Thrown(argument)),
        },
        Handler::Callable(h) => rt.call(h, Value::UNDEFINED, &[argument]),
        Handler::Native { func, data } => func(rt, data, argument),
    };
    // Step 1.d: without a capability the handler must not throw; if a
    // native one does, the host reports it like an uncaught exception.
    let Some(capability) = reaction.capability else {
        return handler_result.map(|_| ());
    };
    // Steps 1.e-g.
    match handler_result {
        Err(Thrown(reason)) => capability.reject(rt, reason)?,
        Ok(value) => capability.resolve(rt, value)?,
    };
    Ok(())
}

/// 27.2.2.2 NewPromiseResolveThenableJob ( promiseToResolve, thenable,
/// then ), the job's steps (#sec-newpromiseresolvethenablejob).
pub(crate) fn run_resolve_thenable_job(
    rt: &mut Runtime,
    promise: Value,
    thenable: Value,
    then: Value,
) -> JsResult<()> {
    // Step 1.a: a fresh [[AlreadyResolved]] record.
    let (resolve, reject) = create_resolving_functions(rt, promise, false)?;
    // Steps 1.b-d.
    match rt.call(then, thenable, &[resolve, reject]) {
        Ok(_) => Ok(()),
        Err(Thrown(e)) => rt.call(reject, Value::UNDEFINED, &[e]).map(|_| ()),
    }
}
