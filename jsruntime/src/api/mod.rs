//! The embedding API: run JavaScript from a Rust program.
//!
//! ```
//! use jsruntime::api::{Runtime, Error};
//!
//! let mut rt = Runtime::new()?;
//! // Evaluate a script and get a typed result.
//! let n: f64 = rt.eval("[1, 2, 3].reduce((a, b) => a + b)")?;
//! assert_eq!(n, 6.0);
//!
//! // A Rust closure as a JavaScript function (typed arguments, Result).
//! rt.set_global_function("greet", |_, (name, punct): (String, Option<String>)| {
//!     Ok::<_, Error>(format!("Hello, {name}{}", punct.unwrap_or("!".into())))
//! })?;
//! let s: String = rt.eval("greet('world')")?;
//! assert_eq!(s, "Hello, world!");
//!
//! // Call a JavaScript function from Rust, keep it in a Rust struct.
//! let square = rt.eval::<jsruntime::api::JsValue>("(x) => x * x")?;
//! struct Holder { f: jsruntime::api::JsValue }
//! let h = Holder { f: square };
//! let nine: i32 = h.f.call(&mut rt, (3,))?;
//! assert_eq!(nine, 9);
//!
//! // A JavaScript exception is a Rust error with name, message and position.
//! let err = rt.eval_named::<()>("\n  null.x", "app.js").unwrap_err();
//! let js = err.as_js().unwrap();
//! assert_eq!(js.name, "TypeError");
//! assert_eq!(js.location.as_ref().unwrap().to_string(), "app.js:2:3");
//! # Ok::<(), Error>(())
//! ```
//!
//! # The pieces
//!
//! * [`Runtime`] owns an engine (heap, JIT, realms) and dereferences to its
//!   [`Context`], where the operations are: [`Context::eval`],
//!   [`Context::get_global`], [`Context::set_global`],
//!   [`Context::create_realm`], ...
//! * [`JsValue`]: a handle to any JavaScript value, rooted for as long as
//!   it lives, storable anywhere (structs, collections, futures). Its
//!   methods take the context: `v.get(&mut ctx, "key")`, `f.call(&mut ctx,
//!   (1, 2))`.
//! * [`FromJs`] / [`IntoJs`]: conversions for numbers, `bool`, strings,
//!   `Option`, `Vec`, maps, tuples, BigInts (`i128`, `u128`,
//!   [`AsBigInt<T>`], `num_bigint::BigInt`), and [`Serde<T>`] for serde
//!   types (a direct serializer and deserializer, no JSON in between).
//! * Host functions ([`Context::function`]) with [`This`], [`Rest`] and
//!   optional (`Option`) parameters; a returned `Err` becomes a JavaScript
//!   exception whose stack names the host function (`at NAME (native)`).
//! * Async host functions ([`Context::async_function`]) return promises;
//!   [`Context::await_promise`] awaits a JavaScript promise as a Rust
//!   future; [`Context::run_jobs`] and [`Context::run_until_idle`] drive
//!   the job queue.
//! * Host classes ([`Context::class`]): a Rust type as a JavaScript class,
//!   members named by strings or symbols ([`MemberKey`],
//!   [`WellKnownSymbol`]).
//! * Realms: one runtime holds several ([`Context::create_realm`],
//!   [`Context::with_realm`]); values move between them freely.
//! * Modules: [`Context::define_module`] (in memory),
//!   [`Context::native_module`] (exports from Rust),
//!   [`Context::set_module_loader`] (any [`ModuleLoader`]) and
//!   [`Context::import`].
//! * Hooks: [`Context::set_console`], [`Context::on_unhandled_rejection`].
//! * Limits: [`Context::interrupt_handle`] (stop a script from another
//!   thread), [`Context::set_deadline`], [`Context::set_max_heap`],
//!   [`Context::set_stack_size`]; a stopped script is [`Error::Terminated`].
//!
//! docs/embedding.md walks through each with examples.

mod class;
mod context;
mod convert;
mod error;
mod function;
mod future;
mod hooks;
mod limits;
mod module;
#[cfg(feature = "serde")]
mod serde;
mod value;

#[cfg(feature = "serde")]
pub use self::serde::Serde;
pub use class::{Class, ClassBuilder, MemberKey, WellKnownSymbol};
pub use context::{Context, Realm, Runtime};
pub use convert::{AsBigInt, Coerce, FromJs, IntoJs};
pub use error::{Error, JsError, Location, Result};
pub use function::{Args, FromArg, FromArgs, Rest, This};
pub use future::{block_on, Resolver, RunUntilIdle};
pub use hooks::{ConsoleFn, ConsoleLevel, RejectionFn};
pub use module::NativeModule;
pub use value::{IntoArgs, IntoKey, JsValue, ValueKind};

pub use crate::backend::{FileLoader, MemoryLoader, ModuleLoader};
pub use crate::runtime::InterruptHandle;
