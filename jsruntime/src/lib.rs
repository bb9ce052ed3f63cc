//! `jsruntime` runs JavaScript programs.
//!
//! It takes the flattened AST node stream produced by `jsparser`, analyses it
//! (`semantics`), turns every function into a compile script, runs each
//! script in the interpreter from the function's first call, and lowers it
//! to native code with Cranelift once it is warm (`backend`). Values,
//! objects, strings and the garbage collector live here too.
//!
//! The runtime core:
//!
//! * [`value`]: NaN-boxed 64-bit [`Value`]s (bit layout documented there).
//! * [`gc`]: the mark-sweep collector, heap blocks, conservative stack scanning
//!   and explicit roots.
//! * [`string`]: UTF-16 strings (Latin-1/UTF-16 flat, ropes), atoms, number
//!   conversions.
//! * [`symbol`]: symbols and the well-known symbols.
//! * [`object`]: objects with shapes, elements, arrays, internal methods.
//! * [`conversions`], [`equality`]: the abstract operations of 7.1 and 7.2.
//! * [`runtime`]: the [`Runtime`] (heap + realm + intrinsics), calling
//!   functions, registering built-ins.
//! * [`completion`]: [`JsResult`] and error creation.
//! * [`api`]: the embedding API (start here to run JavaScript from a Rust
//!   program; docs/embedding.md walks through it).
//! * [`builtins`]: the built-in objects of the realm (`Object`, `Function`,
//!   the errors, `Array`, `String`/`Number`/`Boolean`, `print`, `console`,
//!   `$262`), registered from static tables.

#![warn(missing_docs)]

pub mod api;
pub mod backend;
pub mod bigint;
pub mod builtins;
pub mod completion;
pub mod conversions;
pub mod equality;
pub mod gc;
pub mod object;
pub mod runtime;
pub mod semantics;
pub mod string;
pub mod symbol;
pub mod value;

pub use completion::{ErrorKind, JsResult, Thrown};
pub use runtime::Runtime;
pub use value::Value;
