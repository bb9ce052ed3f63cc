//! The lexer: the lexical grammar of ECMA-262 (clause 12).
//!
//! [`Lexer::next_token`] produces one [`Token`] at a time under the lexical
//! goal the parser asks for ([`LexGoal`]). Tokens carry no values: the value
//! functions ([`identifier_name`], [`numeric_value`], [`string_value`], ...)
//! compute them from a token's source text when needed.
//!
//! Files: `scan.rs` (the `Lexer`, trivia, punctuators, regexp literals),
//! `ident.rs`, `number.rs`, `string.rs` (strings and templates) scan the
//! other token kinds; `chars.rs`, `keywords.rs`, `escape.rs` are shared
//! helpers; `value.rs`, `number_value.rs` compute values; `regexp.rs`
//! validates regular expression literals; `line_index.rs` maps offsets to
//! lines and columns.

mod chars;
mod escape;
mod ident;
mod keywords;
pub mod line_index;
mod number;
mod number_value;
mod regexp;
mod scan;
mod string;
pub mod token;
mod value;

#[cfg(test)]
mod tests;

pub use chars::{is_id_part, is_id_start, is_line_terminator, is_whitespace};
pub use line_index::LineIndex;
pub use number_value::numeric_value;
pub use regexp::validate_regexp;
pub use scan::{LexGoal, Lexer};
pub use token::{Span, Token, TokenFlags, TokenKind};
pub use value::{bigint_literal, identifier_name, string_value, template_cooked, template_raw};
