//! Host functions: Rust closures callable from JavaScript.
//!
//! A host function is a callable object whose internal slots
//! ([`ExoticObject`]) hold the Rust closure; its [[Call]] turns the engine's
//! runtime back into the [`Context`], converts the arguments with
//! [`FromArgs`], runs the closure and converts its `Result`: `Ok` with
//! [`IntoJs`], `Err` into a thrown JavaScript error. A panic in the closure
//! is caught and thrown as an `Error` too (it never crosses compiled code).

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;

use super::convert::{FromJs, IntoJs};
use super::{Context, Error, JsValue, Result};
use crate::gc::{Gc, Trace, Tracer};
use crate::object::FLAG_EXOTIC;
use crate::object::{ExoticMethods, ExoticObject, JsObject, FLAG_CALLABLE, FLAG_CONSTRUCTOR};
use crate::runtime::Intrinsic;
use crate::value::Value;
use crate::JsResult;

/// What a host function's closure receives: `this` and the arguments.
pub struct Args {
    /// The `this` value of the call.
    pub this: JsValue,
    /// The arguments (as many as the caller passed).
    pub values: Vec<JsValue>,
    /// `new.target` when called as a constructor.
    pub new_target: Option<JsValue>,
    /// The next argument [`FromArg`] takes.
    next: usize,
}

impl Args {
    /// The `i`-th argument (`undefined` when missing).
    pub fn get(&self, i: usize) -> JsValue {
        self.values.get(i).cloned().unwrap_or_default()
    }

    /// How many arguments were passed.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether no argument was passed.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

/// Converts one parameter of a host function from the call's arguments:
/// every [`FromJs`] type takes the next argument (`undefined` when missing,
/// so `Option<T>` is an optional parameter); [`This`] takes `this` and
/// [`Rest`] every remaining argument.
pub trait FromArg: Sized {
    /// Takes what the parameter needs from `args`.
    fn from_arg(ctx: &mut Context, args: &mut Args) -> Result<Self>;
    /// Whether the parameter counts in the function's `length`.
    const COUNTS: bool = true;
}

impl<T: FromJs> FromArg for T {
    fn from_arg(ctx: &mut Context, args: &mut Args) -> Result<Self> {
        let i = args.next;
        args.next += 1;
        let undefined = JsValue::UNDEFINED;
        let v = args.values.get(i).unwrap_or(&undefined);
        T::from_js(ctx, v).map_err(|e| argument_error(e, i))
    }
}

/// Names the argument in a conversion error.
fn argument_error(e: Error, i: usize) -> Error {
    match e {
        Error::Conversion { from, to, message } => Error::Conversion {
            from,
            to,
            message: if message.is_empty() {
                format!("argument {}", i + 1)
            } else {
                format!("argument {}: {message}", i + 1)
            },
        },
        e => e,
    }
}

/// The `this` value of a call, converted to `T` (a parameter of a host
/// function's argument tuple).
#[derive(Clone, Debug)]
pub struct This<T>(pub T);

impl<T: FromJs> FromArg for This<T> {
    fn from_arg(ctx: &mut Context, args: &mut Args) -> Result<Self> {
        let this = args.this.clone();
        T::from_js(ctx, &this).map(This)
    }
    const COUNTS: bool = false;
}

/// Every remaining argument, each converted to `T` (the last parameter of a
/// host function's argument tuple, like `...rest`).
#[derive(Clone, Debug, Default)]
pub struct Rest<T>(pub Vec<T>);

impl<T: FromJs> FromArg for Rest<T> {
    fn from_arg(ctx: &mut Context, args: &mut Args) -> Result<Self> {
        let start = args.next.min(args.values.len());
        args.next = args.values.len();
        let rest = args.values[start..].to_vec();
        rest.iter()
            .enumerate()
            .map(|(k, v)| T::from_js(ctx, v).map_err(|e| argument_error(e, start + k)))
            .collect::<Result<Vec<T>>>()
            .map(Rest)
    }
    const COUNTS: bool = false;
}

/// The parameters of a host function: a tuple of [`FromArg`] types (up to
/// 8), or [`Args`] itself for raw access.
pub trait FromArgs: Sized {
    /// Converts the call's arguments.
    fn from_args(ctx: &mut Context, args: Args) -> Result<Self>;
    /// The function's `length`.
    fn length() -> u32;
}

impl FromArgs for Args {
    fn from_args(_: &mut Context, args: Args) -> Result<Self> {
        Ok(args)
    }
    fn length() -> u32 {
        0
    }
}

macro_rules! from_args_tuple {
    ($($t:ident)*) => {
        impl<$($t: FromArg),*> FromArgs for ($($t,)*) {
            #[allow(unused_variables, unused_mut)]
            fn from_args(ctx: &mut Context, mut args: Args) -> Result<Self> {
                Ok(($($t::from_arg(ctx, &mut args)?,)*))
            }
            fn length() -> u32 {
                0 $(+ $t::COUNTS as u32)*
            }
        }
    };
}
from_args_tuple!();
from_args_tuple!(A);
from_args_tuple!(A B);
from_args_tuple!(A B C);
from_args_tuple!(A B C D);
from_args_tuple!(A B C D E);
from_args_tuple!(A B C D E F);
from_args_tuple!(A B C D E F G);
from_args_tuple!(A B C D E F G H);

/// The type-erased behaviour of a host function.
pub(crate) type HostCall = dyn Fn(&mut Context, Args) -> Result<JsValue>;

/// The internal slots of a host function object.
pub(crate) struct HostFunction {
    /// [[Call]] (and [[Construct]] for a class constructor).
    pub(crate) call: Rc<HostCall>,
    /// [[Construct]]; `None`: not a constructor.
    pub(crate) construct: Option<Rc<HostCall>>,
    /// The name, for stack traces.
    pub(crate) name: Rc<str>,
}

// SAFETY: the closures hold no raw values: what they capture from
// JavaScript is held through rooted handles ([`JsValue`]).
unsafe impl Trace for HostFunction {
    fn trace(&self, _: &mut Tracer) {}
}

static HOST_FUNCTION_METHODS: ExoticMethods = ExoticMethods {
    call: Some(host_call),
    construct: Some(host_construct),
    ..ExoticMethods::ORDINARY
};

impl ExoticObject for HostFunction {
    fn methods(&self) -> &'static ExoticMethods {
        &HOST_FUNCTION_METHODS
    }
    fn builtin_tag(&self) -> &'static str {
        "Function"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// Runs a host closure, catching panics, and converts its result.
fn invoke(ctx: &mut Context, f: &HostCall, name: &str, args: Args) -> JsResult<Value> {
    ctx.state.host_depth += 1;
    let result = catch_unwind(AssertUnwindSafe(|| f(ctx, args)));
    ctx.state.host_depth -= 1;
    let result = match result {
        Ok(r) => r,
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".to_owned());
            Err(Error::new(format!("host function {name} panicked: {what}")))
        }
    };
    match result.and_then(|v| ctx.raw(&v)) {
        Ok(v) => Ok(v),
        Err(e) => {
            let thrown = ctx.throw_value(e);
            ctx.exec.note_native_frame(thrown.0, name);
            Err(thrown)
        }
    }
}

/// [[Call]] of a host function.
fn host_call(
    rt: &mut crate::Runtime,
    callee: Gc<JsObject>,
    this: Value,
    args: &[Value],
) -> JsResult<Value> {
    // SAFETY: host function objects are made only by `Context` methods, so
    // this runtime is a Context's.
    let ctx = unsafe { Context::from_runtime(rt) };
    let Some(data) = callee.exotic_data::<HostFunction>() else {
        return Err(ctx.exec.runtime.type_error("not a host function"));
    };
    let (f, name) = (data.call.clone(), data.name.clone());
    let args = Args {
        this: ctx.handle(this),
        values: args.iter().map(|a| ctx.handle(*a)).collect(),
        new_target: None,
        next: 0,
    };
    invoke(ctx, &*f, &name, args)
}

/// [[Construct]] of a host function that is a constructor.
fn host_construct(
    rt: &mut crate::Runtime,
    callee: Gc<JsObject>,
    args: &[Value],
    new_target: Gc<JsObject>,
) -> JsResult<Value> {
    // SAFETY: as in `host_call`.
    let ctx = unsafe { Context::from_runtime(rt) };
    let Some(data) = callee.exotic_data::<HostFunction>() else {
        return Err(ctx.exec.runtime.type_error("not a host function"));
    };
    let Some(f) = data.construct.clone() else {
        return Err(ctx.exec.runtime.type_error("not a constructor"));
    };
    let name = data.name.clone();
    let args = Args {
        this: JsValue::UNDEFINED,
        values: args.iter().map(|a| ctx.handle(*a)).collect(),
        new_target: Some(ctx.handle(Value::object(new_target))),
        next: 0,
    };
    invoke(ctx, &*f, &name, args)
}

impl Context {
    /// A function object running `call` (a constructor too when `construct`
    /// is given).
    pub(crate) fn host_function_object(
        &mut self,
        name: &str,
        length: u32,
        call: Rc<HostCall>,
        construct: Option<Rc<HostCall>>,
    ) -> Result<JsValue> {
        let r = self.exec.runtime.new_string(name);
        let name_str = self.check(r)?;
        let mut flags = FLAG_CALLABLE | FLAG_EXOTIC;
        if construct.is_some() {
            flags |= FLAG_CONSTRUCTOR;
        }
        let data = HostFunction {
            call,
            construct,
            name: Rc::from(name),
        };
        let proto = self.exec.runtime.intrinsic(Intrinsic::FunctionPrototype);
        let r = self.exec.runtime.new_function_object(
            proto,
            crate::object::ObjectKind::Exotic(Box::new(data)),
            flags,
            length,
            name_str,
        );
        let f = self.check(r)?;
        Ok(self.handle(Value::object(f)))
    }

    /// A JavaScript function that runs a Rust closure.
    ///
    /// The closure gets the context (to call back into JavaScript) and its
    /// parameters as a tuple of [`FromArg`] types: plain [`FromJs`] types
    /// take one argument each (`Option<T>` for optional ones), [`This<T>`]
    /// takes `this`, [`Rest<T>`] the remaining arguments. It returns a
    /// `Result` whose `Ok` is converted with [`IntoJs`] and whose `Err`
    /// (anything `Into<Error>`: a `String`, an `std::io::Error`, an
    /// [`Error`]) is thrown.
    ///
    /// ```
    /// use jsruntime::api::{Runtime, Rest, Error};
    /// let mut rt = Runtime::new().unwrap();
    /// let sum = rt.function("sum", |_, (Rest(xs),): (Rest<f64>,)| {
    ///     Ok::<_, Error>(xs.iter().sum::<f64>())
    /// }).unwrap();
    /// rt.set_global("sum", sum).unwrap();
    /// assert_eq!(rt.eval::<f64>("sum(1, 2, 3.5)").unwrap(), 6.5);
    /// ```
    pub fn function<A, R, E, F>(&mut self, name: &str, f: F) -> Result<JsValue>
    where
        A: FromArgs,
        R: IntoJs,
        E: Into<Error>,
        F: Fn(&mut Context, A) -> std::result::Result<R, E> + 'static,
    {
        let call: Rc<HostCall> = Rc::new(move |ctx: &mut Context, args: Args| {
            let a = A::from_args(ctx, args)?;
            f(ctx, a).map_err(Into::into)?.into_js(ctx)
        });
        self.host_function_object(name, A::length(), call, None)
    }

    /// [`Context::function`], then defined as a global of that name.
    pub fn set_global_function<A, R, E, F>(&mut self, name: &str, f: F) -> Result<()>
    where
        A: FromArgs,
        R: IntoJs,
        E: Into<Error>,
        F: Fn(&mut Context, A) -> std::result::Result<R, E> + 'static,
    {
        let f = self.function(name, f)?;
        self.set_global(name, f)
    }
}
