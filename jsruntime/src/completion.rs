//! Completion records for Rust code: [`JsResult`].
//!
//! Every runtime operation that can throw returns `JsResult<T>`; `Err` carries
//! the thrown JavaScript value ([`Thrown`]). `?` propagates an abrupt
//! completion like the spec's `?` (5.2.3.4 ReturnIfAbrupt). Errors are created
//! with `rt.type_error("...")`, `rt.range_error(...)`, etc., which return a
//! `Thrown` holding a new error object.
//!
//! JIT-compiled code does not unwind: an `extern "C"` runtime function called
//! from generated code stores the thrown value in `Runtime::pending_exception`
//! and returns a status code (see `runtime` module docs).

use crate::runtime::Runtime;
use crate::value::Value;

/// A thrown JavaScript value (the `[[Value]]` of a throw completion).
#[derive(Clone, Copy, Debug, PartialEq)]
#[repr(transparent)]
pub struct Thrown(pub Value);

/// Normal completion `T` or a throw completion.
pub type JsResult<T> = Result<T, Thrown>;

/// The native error types (20.5.5) plus the base `Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// `Error` (20.5.1), the base of the native errors.
    Error,
    /// `EvalError` (20.5.5.1): kept for compatibility; the spec no longer throws it.
    EvalError,
    /// `RangeError` (20.5.5.2): a value outside its allowed range or set.
    RangeError,
    /// `ReferenceError` (20.5.5.3): an invalid reference, such as an unresolvable name.
    ReferenceError,
    /// `SyntaxError` (20.5.5.4): a parsing error, also thrown at run time (`eval`, `RegExp`).
    SyntaxError,
    /// `TypeError` (20.5.5.5): an operation applied to a value of the wrong type.
    TypeError,
    /// `URIError` (20.5.5.6): a global URI handling function used wrongly.
    UriError,
    /// `AggregateError` (20.5.7): several errors reported together.
    AggregateError,
}

impl ErrorKind {
    /// The constructor's name (`"URIError"` for [`ErrorKind::UriError`]).
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Error => "Error",
            ErrorKind::EvalError => "EvalError",
            ErrorKind::RangeError => "RangeError",
            ErrorKind::ReferenceError => "ReferenceError",
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::TypeError => "TypeError",
            ErrorKind::UriError => "URIError",
            ErrorKind::AggregateError => "AggregateError",
        }
    }

    /// Every kind; the realm creates a constructor and a prototype for each.
    pub const ALL: [ErrorKind; 8] = [
        ErrorKind::Error,
        ErrorKind::EvalError,
        ErrorKind::RangeError,
        ErrorKind::ReferenceError,
        ErrorKind::SyntaxError,
        ErrorKind::TypeError,
        ErrorKind::UriError,
        ErrorKind::AggregateError,
    ];
}

impl Runtime {
    /// A new error object of `kind` with `message`, as a throw completion.
    /// If even that allocation fails, the preallocated out-of-memory error is
    /// thrown instead.
    pub fn throw_error(&mut self, kind: ErrorKind, message: &str) -> Thrown {
        match self.new_error(kind, message) {
            Ok(e) => Thrown(Value::object(e)),
            Err(t) => t,
        }
    }

    /// A new `TypeError` with `message`, as a throw completion.
    pub fn type_error(&mut self, message: &str) -> Thrown {
        self.throw_error(ErrorKind::TypeError, message)
    }

    /// A new `RangeError` with `message`, as a throw completion.
    pub fn range_error(&mut self, message: &str) -> Thrown {
        self.throw_error(ErrorKind::RangeError, message)
    }

    /// A new `ReferenceError` with `message`, as a throw completion.
    pub fn reference_error(&mut self, message: &str) -> Thrown {
        self.throw_error(ErrorKind::ReferenceError, message)
    }

    /// A new `SyntaxError` with `message`, as a throw completion.
    pub fn syntax_error(&mut self, message: &str) -> Thrown {
        self.throw_error(ErrorKind::SyntaxError, message)
    }
}
