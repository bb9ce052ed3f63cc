//! Type feedback (issue 16 point 6, "The next tier: design" step 1 in
//! docs/internals.md): one byte per arithmetic, comparison and element site,
//! written by the quick tier's runtime calls and read when the full tier is
//! built, which then emits only the paths a site has seen.
//!
//! The table of a function has two bytes per command of its
//! `CompileScript` (`2 * commands.len()`): byte `2 * i` is the operator site
//! of command `i`, byte `2 * i + 1` its element site. A command whose
//! lowering meets two sites of one kind (`a[i] + b[j]` reads both elements
//! while lowering the `Binary` command) shares the byte: the bits are a
//! union, so the full tier still guards every path it emits. The tables
//! live in the executor (`ExecutorState::feedback`, by program and
//! function), made by the quick compilation and freed with the program
//! (`reclaim.rs`); their addresses are embedded in the quick code.
//!
//! Feedback only selects which guarded paths the full tier emits: every
//! emitted path keeps its guard, and a value the site never saw takes the
//! site's generic runtime call and continues (no deoptimisation). Wrong or
//! stale feedback costs speed, never correctness.

use crate::builtins::array_buffer::ElementType;
use crate::builtins::typed_array::typed_array_data;
use crate::object::exotic::FLAG_EXOTIC;
use crate::value::Value;

/// Operator site: both operands were int32 values.
pub(crate) const OP_INT32: u8 = 1;
/// Operator site: both operands were Numbers, not both int32.
pub(crate) const OP_DOUBLE: u8 = 2;
/// Operator site: some operand was not a Number.
pub(crate) const OP_OTHER: u8 = 4;
/// Operator site: two int32 operands gave a result that is not an int32
/// (an overflow, `-0`, or a fraction).
pub(crate) const OP_OVERFLOW: u8 = 8;

/// Element site: an ordinary (non-exotic) object with an int32 key.
pub(crate) const EL_DENSE: u8 = 1;
/// Element site: anything else (a non-int32 key, a proxy, `arguments`, a
/// primitive receiver...).
pub(crate) const EL_OTHER: u8 = 2;
/// Element site: typed arrays of more than one element type.
pub(crate) const EL_TYPED_MANY: u8 = 4;
/// Element site: bits 3-7 hold 1 + the element type of the typed arrays
/// seen with an int32 key (0: none).
pub(crate) const EL_TYPED_SHIFT: u8 = 3;

/// The element types by discriminant (`ElementType` is `repr(u8)`, 0 to 11).
const ELEMENT_TYPES: [ElementType; 12] = [
    ElementType::Int8,
    ElementType::Uint8,
    ElementType::Uint8Clamped,
    ElementType::Int16,
    ElementType::Uint16,
    ElementType::Int32,
    ElementType::Uint32,
    ElementType::Float16,
    ElementType::Float32,
    ElementType::Float64,
    ElementType::BigInt64,
    ElementType::BigUint64,
];

/// The typed arrays an element site has seen (with an int32 key).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TypedSeen {
    None,
    One(ElementType),
    Many,
}

/// The typed arrays of element feedback `byte`.
pub(crate) fn typed_seen(byte: u8) -> TypedSeen {
    if byte & EL_TYPED_MANY != 0 {
        return TypedSeen::Many;
    }
    match byte >> EL_TYPED_SHIFT {
        0 => TypedSeen::None,
        field => ELEMENT_TYPES
            .get(field as usize - 1)
            .map_or(TypedSeen::Many, |&ty| TypedSeen::One(ty)),
    }
}

/// The operator feedback of operands `a`, `b` and the result of a binary
/// operator on them (`None`: it threw).
pub(crate) fn operator_bits(a: Value, b: Value, result: Option<Value>) -> u8 {
    match (a.as_i32(), b.as_i32()) {
        (Some(_), Some(_)) => {
            let overflow = result.is_some_and(|r| r.is_number() && r.as_i32().is_none());
            OP_INT32 | if overflow { OP_OVERFLOW } else { 0 }
        }
        _ if a.is_number() && b.is_number() => OP_DOUBLE,
        _ => OP_OTHER,
    }
}

/// Records operator feedback `bits` at `site` (null: none).
///
/// # Safety
/// `site` must be null or point into a live feedback table.
pub(crate) unsafe fn note(site: *mut u8, bits: u8) {
    if !site.is_null() {
        // SAFETY: see the function's contract; the runtime is
        // single-threaded, so no other access to the byte is in flight.
        unsafe { *site |= bits };
    }
}

/// Records the receiver and key kinds of an element access at `site`.
///
/// # Safety
/// As [`note`].
pub(crate) unsafe fn note_element(site: *mut u8, object: Value, key: Value) {
    if site.is_null() {
        return;
    }
    // SAFETY: see the function's contract.
    let old = unsafe { *site };
    let new = match (object.as_object(), key.is_int32()) {
        (Some(o), true) if o.flags() & FLAG_EXOTIC == 0 => old | EL_DENSE,
        (Some(_), true) => match typed_array_data(object) {
            Some(ta) => {
                let field = ta.ty as u8 + 1;
                match old >> EL_TYPED_SHIFT {
                    0 => old | (field << EL_TYPED_SHIFT),
                    seen if seen == field => old,
                    _ => old | EL_TYPED_MANY,
                }
            }
            None => old | EL_OTHER,
        },
        _ => old | EL_OTHER,
    };
    // SAFETY: as above.
    unsafe { *site = new };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operator_bits_classify_operands() {
        let one = Value::from_i32(1);
        let half = Value::from_f64(0.5);
        assert_eq!(operator_bits(one, one, Some(Value::from_i32(2))), OP_INT32);
        let big = Value::from_f64(4294967296.0);
        assert_eq!(operator_bits(one, one, Some(big)), OP_INT32 | OP_OVERFLOW);
        assert_eq!(operator_bits(one, half, None), OP_DOUBLE);
        assert_eq!(operator_bits(Value::UNDEFINED, one, None), OP_OTHER);
    }

    #[test]
    fn element_types_are_in_discriminant_order() {
        for (i, ty) in ELEMENT_TYPES.iter().enumerate() {
            assert_eq!(*ty as usize, i);
        }
    }

    #[test]
    fn typed_seen_decodes_the_field() {
        assert_eq!(typed_seen(EL_DENSE), TypedSeen::None);
        let f64_field = (ElementType::Float64 as u8 + 1) << EL_TYPED_SHIFT;
        assert_eq!(typed_seen(f64_field), TypedSeen::One(ElementType::Float64));
        assert_eq!(typed_seen(f64_field | EL_TYPED_MANY), TypedSeen::Many);
    }
}
