//! `jsruntime` runs JavaScript programs.
//!
//! It takes the flattened AST node stream produced by [`jsparser`], analyses it
//! (`semantics`), turns every function into a compile script and lowers each
//! script lazily, on the function's first call, to native code with Cranelift
//! (`backend`). Values, objects, strings and the garbage collector live here too.
//!
//! This crate is at its beginning: see the open issues and docs/internals.md.
