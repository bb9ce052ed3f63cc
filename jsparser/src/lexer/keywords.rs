//! Reserved words (12.7.2) and contextual keywords: name -> `TokenKind`.
//!
//! Looked up by length first, then by bytes, so the common case (an ordinary
//! identifier) costs a length test and at most a few short comparisons.

use super::token::TokenKind;

/// The keyword kind of an IdentifierName written without escapes, if any.
#[inline]
pub fn keyword_kind(name: &[u8]) -> Option<TokenKind> {
    use TokenKind::*;
    // Every keyword is 2..=10 lowercase ASCII letters.
    if name.len() < 2 || name.len() > 10 || !name[0].is_ascii_lowercase() {
        return None;
    }
    let kind = match name.len() {
        2 => match name {
            b"do" => Do,
            b"if" => If,
            b"in" => In,
            b"of" => Of,
            b"as" => As,
            _ => return None,
        },
        3 => match name {
            b"for" => For,
            b"let" => Let,
            b"new" => New,
            b"try" => Try,
            b"var" => Var,
            b"get" => Get,
            b"set" => Set,
            _ => return None,
        },
        4 => match name {
            b"case" => Case,
            b"else" => Else,
            b"enum" => Enum,
            b"null" => Null,
            b"this" => This,
            b"true" => True,
            b"void" => Void,
            b"with" => With,
            b"from" => From,
            b"meta" => Meta,
            _ => return None,
        },
        5 => match name {
            b"await" => Await,
            b"break" => Break,
            b"catch" => Catch,
            b"class" => Class,
            b"const" => Const,
            b"false" => False,
            b"super" => Super,
            b"throw" => Throw,
            b"while" => While,
            b"yield" => Yield,
            b"async" => Async,
            _ => return None,
        },
        6 => match name {
            b"delete" => Delete,
            b"export" => Export,
            b"import" => Import,
            b"return" => Return,
            b"switch" => Switch,
            b"typeof" => Typeof,
            b"static" => Static,
            b"target" => Target,
            _ => return None,
        },
        7 => match name {
            b"default" => Default,
            b"extends" => Extends,
            b"finally" => Finally,
            _ => return None,
        },
        8 => match name {
            b"continue" => Continue,
            b"debugger" => Debugger,
            b"function" => Function,
            b"accessor" => Accessor,
            _ => return None,
        },
        10 => match name {
            b"instanceof" => Instanceof,
            _ => return None,
        },
        _ => return None,
    };
    Some(kind)
}

/// True when an identifier written with escapes must carry
/// `TokenFlags::ESCAPED_KEYWORD`: its name is a reserved word (12.7.2,
/// including `await` and `yield`) or `let` / `static`, which strict-mode and
/// context-dependent early errors need to find.
pub fn is_escaped_keyword_name(name: &str) -> bool {
    match keyword_kind(name.as_bytes()) {
        Some(k) => k.is_reserved_word() || k == TokenKind::Let || k == TokenKind::Static,
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_keyword_kind_round_trips() {
        for &k in TokenKind::ALL {
            if k.is_reserved_word() || k.is_contextual_keyword() {
                let name = k.grammar_name().trim_matches('\'');
                assert_eq!(keyword_kind(name.as_bytes()), Some(k), "{name}");
            }
        }
    }

    #[test]
    fn non_keywords() {
        for name in [
            "",
            "x",
            "If",
            "iff",
            "lets",
            "implements",
            "undefined",
            "constructor",
        ] {
            assert_eq!(keyword_kind(name.as_bytes()), None, "{name}");
        }
    }

    #[test]
    fn escaped_keyword_names() {
        assert!(is_escaped_keyword_name("var"));
        assert!(is_escaped_keyword_name("await"));
        assert!(is_escaped_keyword_name("yield"));
        assert!(is_escaped_keyword_name("let"));
        assert!(is_escaped_keyword_name("static"));
        assert!(!is_escaped_keyword_name("async"));
        assert!(!is_escaped_keyword_name("of"));
        assert!(!is_escaped_keyword_name("foo"));
    }
}
