//! The processor's view of the grammar's productions: flags of the
//! expression-list actions and each production's action and length.

use super::{tables, A};

/// An `Expression` whose comma-separated operands are still siblings;
/// wrapped in a Sequence node when the next token is not `,`.
pub const OPEN_SEQUENCE: u8 = 1 << 0;
/// Contains a CoverInitializedName (`{a = 1}`) that must be refined to a
/// pattern (13.2.5.1).
pub const COVER_INITIALIZED_NAME: u8 = 1 << 1;
/// Contains an object literal with duplicate `__proto__` properties,
/// an error unless refined to a pattern (B.3.1 / 13.2.5.1).
pub const DUPLICATE_PROTO: u8 = 1 << 2;
/// The parenthesized expression of a cover whose expression was already
/// parenthesized (`((a)) => 0` is not an arrow).
pub const NESTED_PARENS: u8 = 1 << 3;
/// A CoverCallExpressionAndAsyncArrowHead (may become an async arrow
/// head when `=>` follows).
pub const COVER_CALL: u8 = 1 << 4;
/// Arguments with a comma after the last argument (`async (...a,) =>`
/// is not an arrow head).
pub const TRAILING_COMMA: u8 = 1 << 5;
/// Flags that propagate from a phrase to the phrases containing it.
pub const PROPAGATE: u8 = COVER_INITIALIZED_NAME | DUPLICATE_PROTO;

/// Action label and right-hand side length of every production, decoded
/// once from the parser tables.
pub(in crate::syntax) fn production_table() -> &'static [(A, u8)] {
    static TABLE: std::sync::OnceLock<Box<[(A, u8)]>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        tables()
            .prods
            .iter()
            .map(|p| {
                let a = A::ALL.get(p.action as usize).copied().unwrap_or(A::Pass);
                (a, p.len.min(255) as u8)
            })
            .collect()
    })
}
