//! Word and operator classifications the processor consults: reserved
//! words, binary operator kinds, cover-grammar pass-through actions.

use super::*;

/// 13.1.1: the words that are reserved only in strict mode code (plus
/// `yield`, `let`, `static`, which have token kinds of their own unescaped).
pub(super) fn is_strict_reserved(name: &str) -> bool {
    matches!(
        name,
        "implements"
            | "interface"
            | "let"
            | "package"
            | "private"
            | "protected"
            | "public"
            | "static"
            | "yield"
    )
}

/// 12.7.2 ReservedWord, except `yield` and `await`.
pub(super) fn is_reserved_word(name: &str) -> bool {
    matches!(
        name,
        "break"
            | "case"
            | "catch"
            | "class"
            | "const"
            | "continue"
            | "debugger"
            | "default"
            | "delete"
            | "do"
            | "else"
            | "enum"
            | "export"
            | "extends"
            | "false"
            | "finally"
            | "for"
            | "function"
            | "if"
            | "import"
            | "in"
            | "instanceof"
            | "new"
            | "null"
            | "return"
            | "super"
            | "switch"
            | "this"
            | "throw"
            | "true"
            | "try"
            | "typeof"
            | "var"
            | "void"
            | "while"
            | "with"
    )
}

pub(super) fn binary_kind(t: T) -> Option<K> {
    Some(match t {
        T::StarStar | T::StarStarEq => K::Exponent,
        T::Star | T::StarEq => K::Multiply,
        T::Slash | T::SlashEq => K::Divide,
        T::Percent | T::PercentEq => K::Remainder,
        T::Plus | T::PlusEq => K::Add,
        T::Minus | T::MinusEq => K::Subtract,
        T::ShiftLeft | T::ShiftLeftEq => K::ShiftLeft,
        T::ShiftRight | T::ShiftRightEq => K::ShiftRight,
        T::ShiftRightUnsigned | T::ShiftRightUnsignedEq => K::ShiftRightUnsigned,
        T::Lt => K::Less,
        T::Gt => K::Greater,
        T::LtEq => K::LessEqual,
        T::GtEq => K::GreaterEqual,
        T::Instanceof => K::Instanceof,
        T::In => K::In,
        T::EqEq => K::Equal,
        T::NotEq => K::NotEqual,
        T::EqEqEq => K::StrictEqual,
        T::NotEqEq => K::StrictNotEqual,
        T::Amp | T::AmpEq => K::BitAnd,
        T::Caret | T::CaretEq => K::BitXor,
        T::Pipe | T::PipeEq => K::BitOr,
        T::AmpAmp => K::LogicalAnd,
        T::PipePipe => K::LogicalOr,
        T::QuestionQuestion => K::Coalesce,
        _ => return None,
    })
}

/// Actions that let a CoverInitializedName or a duplicate `__proto__` pass
/// (the phrase may still be refined to a pattern).
pub(super) fn lets_cover_through(a: A) -> bool {
    matches!(
        a,
        A::Pass
            | A::Parenthesized
            | A::CoverParameters
            | A::CoverParametersRest
            | A::CoverToExpression
            | A::ArrayLiteral
            | A::ArrayLiteralTrailingComma
            | A::ObjectLiteral
            | A::ObjectLiteralTrailingComma
            | A::ShorthandProperty
            | A::Property
            | A::CoverInitializedName
            | A::SpreadElement
            | A::Comma
            | A::CoverCall
            | A::ArgumentsTrailingComma
            | A::Assign
            | A::ForInTarget
            | A::ForOfTarget
            | A::ForAwaitOfTarget
            | A::CoverToArrowParameters
    )
}
