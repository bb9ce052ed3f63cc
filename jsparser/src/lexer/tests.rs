//! Tests of the `Lexer` as a whole: token sequences, goals, flags, errors.

use super::*;
use crate::{SourceKind, SyntaxError};
use TokenKind::*;

/// Lexes all of `src` as a script, choosing goals the way a parser would
/// approximately: a regexp may start after punctuators and keywords, and a
/// `}` closes a template substitution when it matches its `${`.
fn lex_kind(src: &str, kind: SourceKind) -> Result<Vec<Token>, SyntaxError> {
    let mut lexer = Lexer::new(src, kind);
    let mut out: Vec<Token> = Vec::new();
    // Brace depth at each open template substitution.
    let mut templates: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    loop {
        let regexp = match out.last() {
            None => true,
            Some(t) => !matches!(
                t.kind,
                Identifier
                    | NumericLiteral
                    | BigIntLiteral
                    | StringLiteral
                    | NoSubstitutionTemplate
                    | TemplateTail
                    | RegularExpressionLiteral
                    | RParen
                    | RBracket
                    | RBrace
                    | This
                    | Super
                    | True
                    | False
                    | Null
            ),
        };
        let template_tail = templates.last() == Some(&depth);
        let tok = lexer.next_token(LexGoal {
            regexp,
            template_tail,
        })?;
        match tok.kind {
            LBrace => depth += 1,
            RBrace => depth = depth.saturating_sub(1),
            TemplateHead => templates.push(depth),
            TemplateTail => {
                templates.pop();
            }
            _ => {}
        }
        out.push(tok);
        if tok.kind == Eof {
            return Ok(out);
        }
    }
}

fn lex(src: &str) -> Vec<Token> {
    match lex_kind(src, SourceKind::Script) {
        Ok(t) => t,
        Err(e) => panic!("{src:?}: unexpected error {e:?}"),
    }
}

/// Kinds of all tokens but the final Eof.
fn kinds(src: &str) -> Vec<TokenKind> {
    let mut v: Vec<TokenKind> = lex(src).iter().map(|t| t.kind).collect();
    v.pop();
    v
}

/// Texts of all tokens but the final Eof.
fn texts(src: &str) -> Vec<&str> {
    let toks = lex(src);
    toks[..toks.len() - 1].iter().map(|t| t.text(src)).collect()
}

fn single(src: &str) -> Token {
    let toks = lex(src);
    assert_eq!(toks.len(), 2, "{src:?} gave {toks:?}");
    assert_eq!(toks[0].text(src), src.trim());
    toks[0]
}

fn err(src: &str) -> SyntaxError {
    match lex_kind(src, SourceKind::Script) {
        Ok(t) => panic!("{src:?}: expected an error, got {t:?}"),
        Err(e) => e,
    }
}

fn err_module(src: &str) -> SyntaxError {
    match lex_kind(src, SourceKind::Module) {
        Ok(t) => panic!("{src:?}: expected an error, got {t:?}"),
        Err(e) => e,
    }
}

fn module_kinds(src: &str) -> Vec<TokenKind> {
    let mut v: Vec<TokenKind> = lex_kind(src, SourceKind::Module)
        .unwrap_or_else(|e| panic!("{src:?}: {e:?}"))
        .iter()
        .map(|t| t.kind)
        .collect();
    v.pop();
    v
}

fn has(t: Token, f: TokenFlags) -> bool {
    t.flags.contains(f)
}

// ---- basics -------------------------------------------------------------

#[test]
fn empty_source_gives_eof_repeatedly() {
    let mut lexer = Lexer::new("", SourceKind::Script);
    for _ in 0..3 {
        let t = lexer.next_token(LexGoal::DIV).unwrap();
        assert_eq!(t.kind, Eof);
        assert_eq!(t.span, Span::new(0, 0));
    }
}

#[test]
fn eof_after_trailing_trivia_has_end_span_and_newline_flag() {
    let src = "a /* x */\n";
    let toks = lex(src);
    assert_eq!(toks[1].kind, Eof);
    assert_eq!(toks[1].span, Span::new(10, 10));
    assert!(toks[1].newline_before());
}

#[test]
fn reset_rescans_under_another_goal() {
    let src = "x\n/a/g";
    let mut lexer = Lexer::new(src, SourceKind::Script);
    lexer.next_token(LexGoal::DIV).unwrap();
    let checkpoint = lexer.offset();
    assert_eq!(checkpoint, 1);
    let t = lexer.next_token(LexGoal::DIV).unwrap();
    assert_eq!(t.kind, Slash);
    lexer.reset(checkpoint);
    let t = lexer.next_token(LexGoal::REGEXP).unwrap();
    assert_eq!(t.kind, RegularExpressionLiteral);
    assert!(t.newline_before());
    // Bad offsets go to the end.
    lexer.reset(1000);
    assert_eq!(lexer.next_token(LexGoal::DIV).unwrap().kind, Eof);
    let mut lexer = Lexer::new("é", SourceKind::Script);
    lexer.reset(1);
    assert_eq!(lexer.next_token(LexGoal::DIV).unwrap().kind, Eof);
}

#[test]
fn source_accessor() {
    let lexer = Lexer::new("x", SourceKind::Module);
    assert_eq!(lexer.source(), "x");
}

#[test]
fn spans_are_byte_offsets() {
    let toks = lex("é + 𝒳");
    assert_eq!(toks[0].span, Span::new(0, 2));
    assert_eq!(toks[1].span, Span::new(3, 4));
    assert_eq!(toks[2].span, Span::new(5, 9));
}

// ---- white space and line terminators -----------------------------------

#[test]
fn all_whitespace_kinds_are_skipped() {
    let src = "a\t\u{B}\u{C} \u{A0}\u{FEFF}\u{1680}\u{2000}\u{200A}\u{202F}\u{205F}\u{3000}b";
    assert_eq!(kinds(src), vec![Identifier, Identifier]);
    assert!(!lex(src)[1].newline_before());
}

#[test]
fn zero_width_space_is_not_whitespace() {
    // U+200B is neither white space nor an identifier character.
    let e = err("a\u{200B}b");
    assert_eq!(e.span, Span::new(1, 4));
}

#[test]
fn line_terminators_set_newline_before() {
    for lt in ["\n", "\r", "\r\n", "\u{2028}", "\u{2029}"] {
        let src = format!("a{lt}b");
        let toks = lex(&src);
        assert!(!toks[0].newline_before());
        assert!(toks[1].newline_before(), "{lt:?}");
    }
}

#[test]
fn first_token_after_leading_newline_has_flag() {
    assert!(lex("\nx")[0].newline_before());
    assert!(!lex("  x")[0].newline_before());
}

// ---- comments -------------------------------------------------------------

#[test]
fn single_line_comments() {
    assert_eq!(kinds("a // comment\nb"), vec![Identifier, Identifier]);
    assert!(lex("a // c\nb")[1].newline_before());
    assert_eq!(kinds("// only"), vec![]);
    assert_eq!(kinds("a //x\u{2028}b"), vec![Identifier, Identifier]);
}

#[test]
fn multi_line_comments() {
    let toks = lex("a /* x */ b");
    assert!(!toks[1].newline_before());
    let toks = lex("a /* x\n */ b");
    assert!(toks[1].newline_before());
    let toks = lex("a /* \u{2029} */ b");
    assert!(toks[1].newline_before());
    assert_eq!(kinds("/**/a/***/"), vec![Identifier]);
    assert_eq!(kinds("a/*/ */b"), vec![Identifier, Identifier]);
}

#[test]
fn unterminated_comment_is_an_error() {
    let e = err("a /* b");
    assert_eq!(e.message, "Unterminated comment");
    assert_eq!(e.span, Span::new(2, 6));
    err("/*/");
}

#[test]
fn hashbang_at_start_only() {
    assert_eq!(kinds("#!/usr/bin/env node\nx"), vec![Identifier]);
    assert_eq!(module_kinds("#!/usr/bin/env node\nx"), vec![Identifier]);
    assert!(lex("#!x\ny")[0].newline_before());
    assert_eq!(kinds("#!"), vec![]);
    err(" #!x");
    err("x\n#!y");
}

#[test]
fn html_open_comment_in_scripts() {
    assert_eq!(kinds("a <!-- b\nc"), vec![Identifier, Identifier]);
    assert_eq!(kinds("<!--"), vec![]);
    assert_eq!(kinds("a<!--b"), vec![Identifier]);
}

#[test]
fn html_open_comment_in_modules_is_punctuation() {
    assert_eq!(
        module_kinds("a <!-- b"),
        vec![Identifier, Lt, Bang, MinusMinus, Identifier]
    );
}

#[test]
fn html_close_comment_at_line_start() {
    assert_eq!(kinds("a\n--> b\nc"), vec![Identifier, Identifier]);
    assert_eq!(kinds("a\n   --> b"), vec![Identifier]);
    assert_eq!(kinds("-->x"), vec![]);
    assert_eq!(kinds("  --> x\ny"), vec![Identifier]);
    // After single-line delimited comments on a new line.
    assert_eq!(kinds("a\n/* x */ /* y */ --> b"), vec![Identifier]);
    // After a multi-line comment that contains a line terminator.
    assert_eq!(kinds("a /*\n*/ --> b"), vec![Identifier]);
    assert_eq!(kinds("a\r\n-->b"), vec![Identifier]);
    assert_eq!(kinds("a\u{2028}-->b"), vec![Identifier]);
}

#[test]
fn html_close_comment_not_mid_line() {
    // `x --> y` is `x-- > y`.
    assert_eq!(
        kinds("x --> y"),
        vec![Identifier, MinusMinus, Gt, Identifier]
    );
    assert_eq!(
        kinds("x /* */ --> y"),
        vec![Identifier, MinusMinus, Gt, Identifier]
    );
}

#[test]
fn html_close_comment_not_in_modules() {
    assert_eq!(
        module_kinds("a\n--> b"),
        vec![Identifier, MinusMinus, Gt, Identifier]
    );
    assert_eq!(module_kinds("-->"), vec![MinusMinus, Gt]);
    // `<!--` in a module is `<` `!` `--`, so `<!-- '` leaves a bad string.
    err_module("<!-- '");
}

// ---- identifiers and keywords ---------------------------------------------

#[test]
fn identifiers() {
    assert_eq!(
        texts("foo $bar _baz a1 $"),
        vec!["foo", "$bar", "_baz", "a1", "$"]
    );
    assert_eq!(kinds("café 中文 𝒳y"), vec![Identifier; 3]);
    assert_eq!(
        texts("a\u{200C}b a\u{200D}"),
        vec!["a\u{200C}b", "a\u{200D}"]
    );
    assert_eq!(texts("a\u{300}"), vec!["a\u{300}"]);
}

#[test]
fn identifier_cannot_start_with_combining_mark_or_zwj() {
    err("\u{300}a");
    err("\u{200D}");
}

#[test]
fn keywords_have_their_kinds() {
    assert_eq!(
        kinds("var let static async of await yield instanceof accessor"),
        vec![Var, Let, Static, Async, Of, Await, Yield, Instanceof, Accessor]
    );
    assert_eq!(kinds("Var varx implements"), vec![Identifier; 3]);
}

#[test]
fn escaped_identifiers() {
    let t = single("\\u0061bc");
    assert_eq!(t.kind, Identifier);
    assert!(has(t, TokenFlags::HAS_ESCAPE));
    assert!(!has(t, TokenFlags::ESCAPED_KEYWORD));
    let t = single("a\\u{62}c");
    assert!(has(t, TokenFlags::HAS_ESCAPE));
    assert_eq!(identifier_name("a\\u{62}c"), "abc");
    // An escape may denote a non-ASCII identifier character.
    single("\\u{1D4B3}");
    single("a\\u200C");
}

#[test]
fn escaped_keywords() {
    for src in [
        "v\\u0061r",
        "\\u0061wait",
        "yi\\u0065ld",
        "l\\u0065t",
        "st\\u0061tic",
        "\\u{74}his",
    ] {
        let t = single(src);
        assert_eq!(t.kind, Identifier, "{src}");
        assert!(has(t, TokenFlags::HAS_ESCAPE), "{src}");
        assert!(has(t, TokenFlags::ESCAPED_KEYWORD), "{src}");
    }
    // Contextual keywords other than let/static are just identifiers.
    for src in ["\\u0061sync", "o\\u0066", "g\\u0065t"] {
        let t = single(src);
        assert_eq!(t.kind, Identifier);
        assert!(!has(t, TokenFlags::ESCAPED_KEYWORD), "{src}");
    }
}

#[test]
fn invalid_identifier_escapes() {
    // Escape does not denote an identifier character.
    err("\\u0020");
    err("a\\u002D");
    // A digit cannot start an identifier, even escaped.
    err("\\u0031a");
    // Malformed escapes.
    err("\\u00");
    err("\\u{}");
    err("\\u{110000}");
    err("\\x41");
    err("a\\");
    err("\\uD800");
}

#[test]
fn private_names() {
    let t = single("#foo");
    assert_eq!(t.kind, PrivateIdentifier);
    let t = single("#\\u0069f");
    assert_eq!(t.kind, PrivateIdentifier);
    assert!(!has(t, TokenFlags::ESCAPED_KEYWORD));
    let t = single("#\\u0066oo");
    assert_eq!(t.kind, PrivateIdentifier);
    assert!(has(t, TokenFlags::HAS_ESCAPE));
    assert_eq!(single("#if").kind, PrivateIdentifier);
    assert_eq!(single("#é").kind, PrivateIdentifier);
    assert_eq!(kinds("this.#x"), vec![This, Dot, PrivateIdentifier]);
    err("# x");
    err("#1");
    err("#");
}

// ---- punctuators ----------------------------------------------------------

#[test]
fn all_punctuators() {
    let src = "{ } ( ) [ ] . ... ; , < > <= >= == != === !== + - * % ** ++ -- << >> >>> \
               & | ^ ! ~ && || ?? ? ?. : = += -= *= %= **= <<= >>= >>>= &= |= ^= &&= ||= ??= =>";
    let expected = vec![
        LBrace,
        RBrace,
        LParen,
        RParen,
        LBracket,
        RBracket,
        Dot,
        Ellipsis,
        Semicolon,
        Comma,
        Lt,
        Gt,
        LtEq,
        GtEq,
        EqEq,
        NotEq,
        EqEqEq,
        NotEqEq,
        Plus,
        Minus,
        Star,
        Percent,
        StarStar,
        PlusPlus,
        MinusMinus,
        ShiftLeft,
        ShiftRight,
        ShiftRightUnsigned,
        Amp,
        Pipe,
        Caret,
        Bang,
        Tilde,
        AmpAmp,
        PipePipe,
        QuestionQuestion,
        Question,
        QuestionDot,
        Colon,
        Eq,
        PlusEq,
        MinusEq,
        StarEq,
        PercentEq,
        StarStarEq,
        ShiftLeftEq,
        ShiftRightEq,
        ShiftRightUnsignedEq,
        AmpEq,
        PipeEq,
        CaretEq,
        AmpAmpEq,
        PipePipeEq,
        QuestionQuestionEq,
        Arrow,
    ];
    assert_eq!(kinds(src), expected);
    let mut lexer = Lexer::new("/=", SourceKind::Script);
    assert_eq!(lexer.next_token(LexGoal::DIV).unwrap().kind, SlashEq);
    let mut lexer = Lexer::new("/", SourceKind::Script);
    assert_eq!(lexer.next_token(LexGoal::DIV).unwrap().kind, Slash);
}

#[test]
fn maximal_munch() {
    assert_eq!(
        kinds("a>>>=b"),
        vec![Identifier, ShiftRightUnsignedEq, Identifier]
    );
    assert_eq!(kinds("a+++b"), vec![Identifier, PlusPlus, Plus, Identifier]);
    assert_eq!(kinds("a....b"), vec![Identifier, Ellipsis, Dot, Identifier]);
    assert_eq!(kinds("a..b"), vec![Identifier, Dot, Dot, Identifier]);
    assert_eq!(kinds("a**=b"), vec![Identifier, StarStarEq, Identifier]);
    assert_eq!(kinds("a====b"), vec![Identifier, EqEqEq, Eq, Identifier]);
}

#[test]
fn optional_chaining_not_before_digit() {
    assert_eq!(
        kinds("a?.5:b"),
        vec![Identifier, Question, NumericLiteral, Colon, Identifier]
    );
    assert_eq!(kinds("a?.b"), vec![Identifier, QuestionDot, Identifier]);
    assert_eq!(kinds("a?.[0]")[1], QuestionDot);
    assert_eq!(kinds("a?.(0)")[1], QuestionDot);
    assert_eq!(kinds("a?..5:b")[1], QuestionDot);
}

#[test]
fn stray_characters_are_errors() {
    for src in ["@", "a @ b", "\u{0}", "€", "\\"] {
        let e = err(src);
        assert!(
            e.message.contains("Invalid or unexpected token"),
            "{src:?}: {e:?}"
        );
    }
    assert_eq!(err("a @").span, Span::new(2, 3));
    assert_eq!(err("a €").span, Span::new(2, 5));
}

// ---- numeric literals -------------------------------------------------------

#[test]
fn decimal_literals() {
    for src in [
        "0", "1", "123", "1.5", "1.", ".5", "0.5", "1e3", "1E3", "1e+3", "1e-3", "1.e3", ".5e3",
        "0e0", "0.0", "1_000", "1_0.0_1", "1e1_0", ".1_1", "0.0_1",
    ] {
        let t = single(src);
        assert_eq!(t.kind, NumericLiteral, "{src}");
        assert!(!has(t, TokenFlags::LEGACY_OCTAL), "{src}");
    }
}

#[test]
fn radix_literals() {
    for src in [
        "0x0", "0xFF", "0Xff", "0o17", "0O17", "0b1", "0B10", "0x1_F", "0b1_0", "0o1_7",
    ] {
        assert_eq!(single(src).kind, NumericLiteral, "{src}");
    }
    for src in [
        "0x", "0o", "0b", "0xg", "0o8", "0b2", "0b12", "0o19", "0x1g",
    ] {
        err(src);
    }
}

#[test]
fn bigint_literals() {
    for src in ["0n", "1n", "123n", "1_0n", "0x1fn", "0o7n", "0b1n", "0XFFn"] {
        assert_eq!(single(src).kind, BigIntLiteral, "{src}");
    }
    for src in [
        "1.5n", "1e3n", ".5n", "1.n", "00n", "01n", "08n", "09.5n", "1_n", "0_n",
    ] {
        err(src);
    }
}

#[test]
fn legacy_octal_and_non_octal_decimal() {
    for src in [
        "00", "017", "07", "08", "09", "0789", "08.5", "089.5", "09e1", "08.5e-1",
    ] {
        let t = single(src);
        assert_eq!(t.kind, NumericLiteral, "{src}");
        assert!(has(t, TokenFlags::LEGACY_OCTAL), "{src}");
    }
    assert_eq!(numeric_value("089.5"), 89.5);
    // A legacy octal literal takes no fraction: `017.5` is `017` `.5`.
    assert_eq!(texts("017.5"), vec!["017", ".5"]);
    // ...so `017.toString` is a member access.
    assert_eq!(kinds("017.toString")[1], Dot);
    assert_eq!(kinds("01.5")[1], NumericLiteral);
}

#[test]
fn numeric_separator_errors() {
    for src in [
        "1__0", "1_", "0_1", "00_1", "08_1", "017_1", "1._5", "1_.5", "1e_1", "1e+_1", "1e1_",
        "0x_1", "0x1__2", "0x1_", "0b_1", "0o_7", "1_e1", "1.5_", "09.1_",
    ] {
        let e = err(src);
        assert!(
            e.message.contains("separator") || e.message.contains("Invalid or unexpected"),
            "{src}: {e:?}"
        );
    }
    assert_eq!(err("1__0").span, Span::new(1, 2));
}

#[test]
fn identifier_or_digit_after_number_is_an_error() {
    for src in [
        "3in x",
        "3x",
        "1.toString",
        "0b12",
        "1e3a",
        "1n2",
        "5$",
        "1\\u0061",
        "1é",
    ] {
        err(src);
    }
    assert_eq!(kinds("3 in x"), vec![NumericLiteral, In, Identifier]);
    assert_eq!(kinds("1..toString"), vec![NumericLiteral, Dot, Identifier]);
    assert_eq!(kinds("1 .toString"), vec![NumericLiteral, Dot, Identifier]);
    assert_eq!(kinds("1.5.toString"), vec![NumericLiteral, Dot, Identifier]);
    // A non-identifier character right after is fine.
    assert_eq!(kinds("1+2"), vec![NumericLiteral, Plus, NumericLiteral]);
    assert_eq!(kinds("1€".trim_end_matches('€')), vec![NumericLiteral]);
}

#[test]
fn missing_exponent_digits() {
    for src in ["1e", "1e+", "1E-", "1ex", ".5e"] {
        err(src);
    }
}

#[test]
fn dot_and_numbers() {
    assert_eq!(texts(".5+.5"), vec![".5", "+", ".5"]);
    assert_eq!(kinds("a.b"), vec![Identifier, Dot, Identifier]);
}

// ---- string literals --------------------------------------------------------

#[test]
fn simple_strings() {
    for src in [
        "''", "\"\"", "'abc'", "\"a'b\"", "'a\"b'", "'\\''", "'\\\\'", "'é𝒳'",
    ] {
        let t = single(src);
        assert_eq!(t.kind, StringLiteral, "{src}");
        assert!(!has(t, TokenFlags::LEGACY_ESCAPE), "{src}");
    }
}

#[test]
fn string_escapes() {
    for src in [
        "'\\n\\t\\r\\b\\f\\v'",
        "'\\x41'",
        "'\\u0041'",
        "'\\u{41}'",
        "'\\u{10FFFF}'",
        "'\\u{0000000041}'",
        "'\\0'",
        "'\\0a'",
        "'\\a\\c\\d\\é'",
        "'a\\\nb'",
        "'a\\\r\nb'",
        "'a\\\rb'",
        "'a\\\u{2028}b'",
        "'\\uD800'",
    ] {
        let t = single(src);
        assert_eq!(t.kind, StringLiteral, "{src:?}");
        assert!(!has(t, TokenFlags::LEGACY_ESCAPE), "{src:?}");
    }
}

#[test]
fn legacy_string_escapes_set_flag() {
    for src in [
        "'\\1'", "'\\00'", "'\\07'", "'\\08'", "'\\377'", "'\\8'", "'\\9'", "'a\\12b'",
    ] {
        let t = single(src);
        assert!(has(t, TokenFlags::LEGACY_ESCAPE), "{src}");
    }
    assert_eq!(string_value("'\\08'"), vec![0, b'8' as u16]);
}

#[test]
fn bad_string_escapes() {
    let e = err("'\\x4'");
    assert_eq!(e.message, "Invalid hexadecimal escape sequence");
    let e = err("'\\u004'");
    assert_eq!(e.message, "Invalid Unicode escape sequence");
    err("'\\u{110000}'");
    err("'\\u{}'");
    err("'\\u{41'");
    err("'\\xg0'");
}

#[test]
fn unterminated_strings() {
    for src in [
        "'abc",
        "\"abc",
        "'abc\ndef'",
        "'abc\rdef'",
        "'\\",
        "'abc\\'",
    ] {
        let e = err(src);
        assert_eq!(e.message, "Unterminated string literal", "{src:?}");
        assert_eq!(e.span.start, 0, "{src:?}");
    }
}

#[test]
fn line_and_paragraph_separators_allowed_in_strings() {
    let t = single("'a\u{2028}b\u{2029}c'");
    assert_eq!(t.kind, StringLiteral);
    // ...and they do not count as newlines for the next token.
    assert!(!lex("'\u{2028}' x")[1].newline_before());
}

// ---- templates --------------------------------------------------------------

#[test]
fn no_substitution_template() {
    let t = single("`abc`");
    assert_eq!(t.kind, NoSubstitutionTemplate);
    assert_eq!(single("``").kind, NoSubstitutionTemplate);
    assert_eq!(single("`a\nb\r\nc`").kind, NoSubstitutionTemplate);
    assert_eq!(single("`$`").kind, NoSubstitutionTemplate);
    assert_eq!(single("`\\${x}`").kind, NoSubstitutionTemplate);
    assert_eq!(single("`$\\{x}`").kind, NoSubstitutionTemplate);
    assert_eq!(single("`{}`").kind, NoSubstitutionTemplate);
    assert_eq!(single("`\\``").kind, NoSubstitutionTemplate);
}

#[test]
fn template_with_substitutions() {
    let src = "`a${b}c${d}e`";
    assert_eq!(
        kinds(src),
        vec![
            TemplateHead,
            Identifier,
            TemplateMiddle,
            Identifier,
            TemplateTail
        ]
    );
    assert_eq!(texts(src), vec!["`a${", "b", "}c${", "d", "}e`"]);
}

#[test]
fn nested_templates_and_braces() {
    let src = "`a${ {x: `b${c}`} }d`";
    assert_eq!(
        kinds(src),
        vec![
            TemplateHead,
            LBrace,
            Identifier,
            Colon,
            TemplateHead,
            Identifier,
            TemplateTail,
            RBrace,
            TemplateTail
        ]
    );
}

#[test]
fn template_tail_goal_controls_right_brace() {
    let src = "}abc`";
    let mut lexer = Lexer::new(src, SourceKind::Script);
    assert_eq!(lexer.next_token(LexGoal::DIV).unwrap().kind, RBrace);
    let mut lexer = Lexer::new(src, SourceKind::Script);
    let t = lexer.next_token(LexGoal::TEMPLATE_TAIL).unwrap();
    assert_eq!(t.kind, TemplateTail);
    assert_eq!(t.span, Span::new(0, 5));
    let mut lexer = Lexer::new("}x${", SourceKind::Script);
    let goal = LexGoal {
        regexp: true,
        template_tail: true,
    };
    assert_eq!(lexer.next_token(goal).unwrap().kind, TemplateMiddle);
}

#[test]
fn template_invalid_escapes_set_flag_not_error() {
    for src in [
        "`\\01`",
        "`\\1`",
        "`\\8`",
        "`\\xg`",
        "`\\x1`",
        "`\\u`",
        "`\\u{`",
        "`\\u{g}`",
        "`\\u{110000}`",
        "`\\u12`",
        "`\\08`",
    ] {
        let t = single(src);
        assert_eq!(t.kind, NoSubstitutionTemplate, "{src}");
        assert!(has(t, TokenFlags::LEGACY_ESCAPE), "{src}");
        assert_eq!(template_cooked(src), None, "{src}");
    }
    for src in ["`\\0`", "`\\x41`", "`\\u{41}`", "`\\n`", "`\\\n`"] {
        let t = single(src);
        assert!(!has(t, TokenFlags::LEGACY_ESCAPE), "{src}");
    }
    // The flag is per token.
    let toks = lex("`\\u{${x}\\n`");
    assert!(has(toks[0], TokenFlags::LEGACY_ESCAPE));
    assert!(!has(toks[2], TokenFlags::LEGACY_ESCAPE));
}

#[test]
fn unterminated_templates() {
    for src in ["`abc", "`a${b}c", "`\\", "`abc\\`"] {
        let e = err(src);
        assert_eq!(e.message, "Unterminated template literal", "{src:?}");
    }
}

#[test]
fn template_values_from_tokens() {
    let src = "`a\\n${x}b\r\n`";
    let toks = lex(src);
    assert_eq!(
        template_cooked(toks[0].text(src)),
        Some(vec![b'a' as u16, 10])
    );
    assert_eq!(
        template_raw(toks[0].text(src)),
        "a\\n".encode_utf16().collect::<Vec<_>>()
    );
    assert_eq!(
        template_cooked(toks[2].text(src)),
        Some(vec![b'b' as u16, 10])
    );
}

// ---- regular expression literals --------------------------------------------

#[test]
fn regexp_goal_controls_slash() {
    let src = "/a/g";
    let mut lexer = Lexer::new(src, SourceKind::Script);
    assert_eq!(lexer.next_token(LexGoal::DIV).unwrap().kind, Slash);
    let mut lexer = Lexer::new(src, SourceKind::Script);
    let t = lexer.next_token(LexGoal::REGEXP).unwrap();
    assert_eq!(t.kind, RegularExpressionLiteral);
    assert_eq!(t.span, Span::new(0, 4));
}

#[test]
fn regexp_literals() {
    for src in [
        "/a/",
        "/a/gimsuy",
        "/[/]/",
        "/[\\]/]/",
        "/\\//",
        "/a\\/b/",
        "/=/",
        "/[]/",
        "/é/u",
        "/a/é",
        "/(?:)/",
        "/[[]/",
    ] {
        let t = single(src);
        assert_eq!(t.kind, RegularExpressionLiteral, "{src}");
    }
    assert_eq!(texts("x = /a/g.test(y)")[2], "/a/g");
    assert_eq!(
        kinds("a / b / c"),
        vec![Identifier, Slash, Identifier, Slash, Identifier]
    );
    assert_eq!(kinds("a /= b"), vec![Identifier, SlashEq, Identifier]);
}

#[test]
fn unterminated_regexps() {
    for src in [
        "/a",
        "/a\n/",
        "/[/",
        "/a\\",
        "/a\\\n/",
        "/a\u{2028}/",
        "/[\n]/",
    ] {
        let e = err(src);
        assert_eq!(
            e.message, "Unterminated regular expression literal",
            "{src:?}"
        );
    }
}

#[test]
fn regexp_flags_cannot_be_escaped() {
    err("/a/\\u0067");
}

// ---- errors never panic -------------------------------------------------------

#[test]
fn no_panic_on_prefixes_of_tricky_inputs() {
    let samples = [
        "`a${b}c\\u{1F600}` /re[/]/g 0x1_fn 08.5e-1 '\\u{10FFFF}\\x41\\07' #\\u0061 a?.5:b \u{2028}",
        "<!-- -->\n--> x /* \u{2029} */ é𝒳\u{200D} \\u{1D4B3} 1_000n 0b101 0o17 .5e+3 ??= >>>= ...",
    ];
    for sample in samples {
        for (i, _) in sample.char_indices() {
            let prefix = &sample[..i];
            for goal in [
                LexGoal::DIV,
                LexGoal::REGEXP,
                LexGoal::TEMPLATE_TAIL,
                LexGoal {
                    regexp: true,
                    template_tail: true,
                },
            ] {
                for kind in [SourceKind::Script, SourceKind::Module] {
                    let mut lexer = Lexer::new(prefix, kind);
                    for _ in 0..200 {
                        match lexer.next_token(goal) {
                            Ok(t) if t.kind == Eof => break,
                            Ok(_) => {}
                            Err(e) => {
                                assert!(e.span.start <= e.span.end);
                                assert!(e.span.end as usize <= prefix.len());
                                break;
                            }
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn tokens_cover_source_in_order() {
    let src = "function f(a, b) { return a?.b ?? `x${b}y` + /re/g.source + 0x1Fn; }";
    let toks = lex(src);
    let mut last = 0;
    for t in &toks {
        assert!(t.span.start >= last);
        assert!(t.span.end >= t.span.start);
        last = t.span.end;
    }
    assert_eq!(last as usize, src.len());
}
