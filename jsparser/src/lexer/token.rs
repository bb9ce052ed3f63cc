//! Tokens: what the lexer hands to the parser.
//!
//! A token is small (kind, flags, byte range) and carries no value. Values
//! (cooked strings, numbers, identifier names with escapes resolved, template
//! cooked/raw strings) are computed on demand from the source slice by the
//! functions of the lexer module, so that the hot path allocates nothing.

/// A byte range `start..end` in the UTF-8 source.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset just past the last byte.
    pub end: u32,
}

impl Span {
    /// The span `start..end`.
    pub fn new(start: u32, end: u32) -> Self {
        Span { start, end }
    }
    /// Length in bytes.
    pub fn len(&self) -> u32 {
        self.end - self.start
    }
    /// Whether the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

macro_rules! token_kinds {
    ($( $(#[$doc:meta])* $name:ident = $text:literal, )*) => {
        /// The terminal symbols of the syntactic grammar.
        ///
        /// Reserved words are separate kinds only when written without Unicode
        /// escapes; an escaped reserved word (`v\u0061r`) is an `Identifier` with
        /// [`TokenFlags::ESCAPED_KEYWORD`]. Contextual keywords (`let`, `async`, `of`,
        /// ...) have kinds of their own when unescaped: the grammar decides where
        /// they are keywords and where they are identifiers.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum TokenKind {
            $(
                $(#[$doc])*
                #[doc = ""]
                #[doc = concat!("Grammar terminal `", $text, "`.")]
                $name,
            )*
        }

        impl TokenKind {
            /// Every kind, in declaration order (`ALL[k as usize] == k`).
            pub const ALL: &'static [TokenKind] = &[$(TokenKind::$name,)*];

            /// The name the grammar file uses for this terminal: the quoted source
            /// text for punctuators and keywords (`'{'`, `'if'`), a CamelCase name
            /// for the others (`Identifier`).
            pub fn grammar_name(self) -> &'static str {
                match self { $(TokenKind::$name => $text,)* }
            }
        }
    };
}

token_kinds! {
    /// End of input.
    Eof = "EOF",
    /// An IdentifierName that is not a reserved word or contextual keyword
    /// (or one written with escapes).
    Identifier = "Identifier",
    /// `#name`
    PrivateIdentifier = "PrivateIdentifier",
    NumericLiteral = "NumericLiteral",
    /// A numeric literal with the `n` suffix.
    BigIntLiteral = "BigIntLiteral",
    StringLiteral = "StringLiteral",
    /// `` `...` `` without substitutions.
    NoSubstitutionTemplate = "NoSubstitutionTemplate",
    /// `` `...${ ``
    TemplateHead = "TemplateHead",
    /// `` }...${ ``
    TemplateMiddle = "TemplateMiddle",
    /// `` }...` ``
    TemplateTail = "TemplateTail",
    /// `/body/flags`
    RegularExpressionLiteral = "RegularExpressionLiteral",

    // Reserved words (12.7.2), unescaped.
    Await = "'await'",
    Break = "'break'",
    Case = "'case'",
    Catch = "'catch'",
    Class = "'class'",
    Const = "'const'",
    Continue = "'continue'",
    Debugger = "'debugger'",
    Default = "'default'",
    Delete = "'delete'",
    Do = "'do'",
    Else = "'else'",
    Enum = "'enum'",
    Export = "'export'",
    Extends = "'extends'",
    False = "'false'",
    Finally = "'finally'",
    For = "'for'",
    Function = "'function'",
    If = "'if'",
    Import = "'import'",
    In = "'in'",
    Instanceof = "'instanceof'",
    New = "'new'",
    Null = "'null'",
    Return = "'return'",
    Super = "'super'",
    Switch = "'switch'",
    This = "'this'",
    Throw = "'throw'",
    True = "'true'",
    Try = "'try'",
    Typeof = "'typeof'",
    Var = "'var'",
    Void = "'void'",
    While = "'while'",
    With = "'with'",
    Yield = "'yield'",

    // Contextual keywords, unescaped. Strict-mode reserved words
    // (implements, interface, package, private, protected, public) are plain
    // identifiers here; early errors reject them in strict code.
    Let = "'let'",
    Static = "'static'",
    Async = "'async'",
    Of = "'of'",
    Get = "'get'",
    Set = "'set'",
    As = "'as'",
    From = "'from'",
    Target = "'target'",
    Meta = "'meta'",
    Accessor = "'accessor'",

    // Punctuators (12.8).
    LBrace = "'{'",
    RBrace = "'}'",
    LParen = "'('",
    RParen = "')'",
    LBracket = "'['",
    RBracket = "']'",
    Dot = "'.'",
    Ellipsis = "'...'",
    Semicolon = "';'",
    Comma = "','",
    Lt = "'<'",
    Gt = "'>'",
    LtEq = "'<='",
    GtEq = "'>='",
    EqEq = "'=='",
    NotEq = "'!='",
    EqEqEq = "'==='",
    NotEqEq = "'!=='",
    Plus = "'+'",
    Minus = "'-'",
    Star = "'*'",
    Percent = "'%'",
    StarStar = "'**'",
    PlusPlus = "'++'",
    MinusMinus = "'--'",
    ShiftLeft = "'<<'",
    ShiftRight = "'>>'",
    ShiftRightUnsigned = "'>>>'",
    Amp = "'&'",
    Pipe = "'|'",
    Caret = "'^'",
    Bang = "'!'",
    Tilde = "'~'",
    AmpAmp = "'&&'",
    PipePipe = "'||'",
    QuestionQuestion = "'??'",
    Question = "'?'",
    /// `?.` not followed by a decimal digit (12.8 OptionalChainingPunctuator).
    QuestionDot = "'?.'",
    Colon = "':'",
    Eq = "'='",
    PlusEq = "'+='",
    MinusEq = "'-='",
    StarEq = "'*='",
    PercentEq = "'%='",
    StarStarEq = "'**='",
    ShiftLeftEq = "'<<='",
    ShiftRightEq = "'>>='",
    ShiftRightUnsignedEq = "'>>>='",
    AmpEq = "'&='",
    PipeEq = "'|='",
    CaretEq = "'^='",
    AmpAmpEq = "'&&='",
    PipePipeEq = "'||='",
    QuestionQuestionEq = "'??='",
    Arrow = "'=>'",
    Slash = "'/'",
    SlashEq = "'/='",
}

impl TokenKind {
    /// Number of token kinds (terminals of the grammar).
    pub const COUNT: usize = TokenKind::ALL.len();

    /// The kind whose grammar name is `name`, if any.
    pub fn from_grammar_name(name: &str) -> Option<TokenKind> {
        TokenKind::ALL
            .iter()
            .copied()
            .find(|k| k.grammar_name() == name)
    }

    /// True for unescaped contextual keywords (`let`, `async`, `of`, ...), which
    /// are IdentifierNames the grammar may also accept as identifiers.
    pub fn is_contextual_keyword(self) -> bool {
        (self as u8) >= (TokenKind::Let as u8) && (self as u8) <= (TokenKind::Accessor as u8)
    }

    /// True for reserved words (12.7.2), including `await` and `yield`.
    pub fn is_reserved_word(self) -> bool {
        (self as u8) >= (TokenKind::Await as u8) && (self as u8) <= (TokenKind::Yield as u8)
    }

    /// True when the token is an IdentifierName (identifier, reserved word or
    /// contextual keyword), so it may be used as a property name.
    pub fn is_identifier_name(self) -> bool {
        self == TokenKind::Identifier || self.is_reserved_word() || self.is_contextual_keyword()
    }
}

/// Facts about a token that the parser and the early-error checks need.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TokenFlags(pub u8);

impl TokenFlags {
    /// A LineTerminator (or a multi-line comment containing one) precedes the
    /// token. Drives automatic semicolon insertion and `[no LineTerminator here]`.
    pub const NEWLINE_BEFORE: TokenFlags = TokenFlags(1 << 0);
    /// An identifier or keyword-like name written with `\u` escapes.
    pub const HAS_ESCAPE: TokenFlags = TokenFlags(1 << 1);
    /// An `Identifier` whose (unescaped) name is a reserved word: `v\u0061r`.
    pub const ESCAPED_KEYWORD: TokenFlags = TokenFlags(1 << 2);
    /// A legacy octal literal (`017`) or non-octal decimal (`08`, `09`):
    /// a SyntaxError in strict mode code.
    pub const LEGACY_OCTAL: TokenFlags = TokenFlags(1 << 3);
    /// A string literal with a legacy octal escape (`\07`) or `\8`/`\9`;
    /// a template with an invalid escape (allowed only when tagged).
    pub const LEGACY_ESCAPE: TokenFlags = TokenFlags(1 << 4);

    /// No flags.
    pub const fn empty() -> TokenFlags {
        TokenFlags(0)
    }
    /// Whether every flag of `other` is set.
    pub const fn contains(self, other: TokenFlags) -> bool {
        self.0 & other.0 == other.0
    }
    /// Sets the flags of `other`.
    pub fn insert(&mut self, other: TokenFlags) {
        self.0 |= other.0;
    }
}

impl std::ops::BitOr for TokenFlags {
    type Output = TokenFlags;
    fn bitor(self, rhs: TokenFlags) -> TokenFlags {
        TokenFlags(self.0 | rhs.0)
    }
}

/// One token: 12 bytes, no allocation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// What the token is.
    pub kind: TokenKind,
    /// Facts about the token ([`TokenFlags`]).
    pub flags: TokenFlags,
    /// Where the token is in the source.
    pub span: Span,
}

impl Token {
    /// Whether a line terminator precedes the token ([`TokenFlags::NEWLINE_BEFORE`]).
    pub fn newline_before(&self) -> bool {
        self.flags.contains(TokenFlags::NEWLINE_BEFORE)
    }
    /// The token's source text.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.span.start as usize..self.span.end as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_grammar_names() {
        for (i, k) in TokenKind::ALL.iter().enumerate() {
            assert_eq!(*k as usize, i);
            assert_eq!(TokenKind::from_grammar_name(k.grammar_name()), Some(*k));
        }
    }

    #[test]
    fn classification() {
        assert!(TokenKind::Yield.is_reserved_word());
        assert!(!TokenKind::Let.is_reserved_word());
        assert!(TokenKind::Let.is_contextual_keyword());
        assert!(TokenKind::Accessor.is_contextual_keyword());
        assert!(!TokenKind::LBrace.is_identifier_name());
        assert!(TokenKind::Function.is_identifier_name());
    }
}
