//! `lalrgen` turns a grammar written in ECMA-262 notation into LALR(1) tables.
//!
//! It is used at build time by `jsparser/build.rs`. Work in progress.
