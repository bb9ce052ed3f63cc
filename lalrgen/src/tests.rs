//! Tests on small grammars, with a miniature driver over the packed tables
//! (the same algorithm as jsparser's driver: default reductions without a
//! token, `[no LineTerminator here]`, error-driven semicolon insertion).

use crate::tables::*;
use crate::*;

const TERMS: &[&str] = &[
    "EOF",
    "Identifier",
    "NumericLiteral",
    "RegularExpressionLiteral",
    "'+'",
    "'*'",
    "'('",
    "')'",
    "'['",
    "']'",
    "'{'",
    "'}'",
    "';'",
    "','",
    "'='",
    "'if'",
    "'else'",
    "'let'",
    "'return'",
    "'++'",
    "'.'",
    "'/'",
    "'do'",
    "'while'",
    "'function'",
    "'async'",
    "'=>'",
    "'for'",
    "'of'",
];

fn config() -> Config {
    let mut c = Config::ecmascript(TERMS.iter().map(|s| s.to_string()).collect());
    c.goal_classes[0].0.retain(|t| t != "'/='");
    c.unit_elimination = None;
    c
}

fn gen(text: &str) -> Output {
    generate(text, &config()).unwrap_or_else(|e| panic!("{e}"))
}

fn gen_ok(text: &str) -> Output {
    let o = gen(text);
    assert!(o.conflicts.is_empty(), "{}", o.conflicts.join("\n"));
    o
}

fn term(name: &str) -> u32 {
    let quoted = format!("'{name}'");
    TERMS
        .iter()
        .position(|t| *t == name || *t == quoted)
        .unwrap_or_else(|| panic!("no terminal {name}")) as u32
}

/// Parses space-separated tokens (`\n` before a token marks a line break;
/// `x` is an Identifier, digits NumericLiteral, `/re/` a regexp) and returns
/// the reductions as `Lhs:Action` strings plus `;` for inserted semicolons,
/// or an error.
fn parse(o: &Output, start: usize, input: &str) -> Result<Vec<String>, String> {
    let p = deserialize(&o.blob).expect("blob");
    assert_eq!(p, o.packed);
    let mut toks: Vec<(u32, bool)> = Vec::new();
    let mut nl = false;
    for w in input.split(' ') {
        if w.is_empty() {
            continue;
        }
        if w == "\\n" {
            nl = true;
            continue;
        }
        let t = if w.chars().all(|c| c.is_ascii_digit()) {
            term("NumericLiteral")
        } else if w.starts_with('/') && w.len() > 1 {
            term("RegularExpressionLiteral")
        } else if w.chars().all(|c| c.is_ascii_lowercase())
            && !TERMS.contains(&format!("'{w}'").as_str())
        {
            term("Identifier")
        } else {
            term(w)
        };
        toks.push((t, nl));
        nl = false;
    }
    toks.push((0, nl));
    let mut out = Vec::new();
    let mut stack = vec![p.start_states[start]];
    let mut i = 0;
    let mut pending: Option<(u32, bool)> = None;
    let mut last_inserted = usize::MAX;
    loop {
        let s = *stack.last().unwrap();
        let info = p.state_info[s as usize];
        let reduce = |prod: u32, stack: &mut Vec<u32>, out: &mut Vec<String>| {
            let len = p.prod_len[prod as usize] as usize;
            stack.truncate(stack.len() - len);
            let lhs = p.prod_lhs[prod as usize];
            let top = *stack.last().unwrap();
            stack.push(p.goto(top, lhs));
            let name = &p.strings[p.nt_base[lhs as usize] as usize];
            let act = &o.lalr.cfg.actions[p.prod_action[prod as usize] as usize];
            out.push(if act == "Pass" {
                name.clone()
            } else {
                format!("{name}:{act}")
            });
        };
        if info & INFO_DEFAULT_REDUCE != 0 {
            reduce(info & ACT_VALUE_MASK, &mut stack, &mut out);
            continue;
        }
        let (t, newline) = pending.unwrap_or(toks[i]);
        let mut a = p.action(s, t);
        if a & ACT_NO_LT != 0 && newline {
            a = 0;
        }
        match a & ACT_KIND_MASK {
            ACT_SHIFT => {
                stack.push(a & ACT_VALUE_MASK);
                if pending.take().is_none() {
                    i += 1;
                }
            }
            ACT_REDUCE => reduce(a & ACT_VALUE_MASK, &mut stack, &mut out),
            ACT_ACCEPT => return Ok(out),
            _ => {
                let semi = term(";");
                let prev_rparen = i > 0 && toks[i - 1].0 == term(")");
                let sa = p.action(s, semi);
                if pending.is_none()
                    && last_inserted != i
                    && (newline
                        || t == term("}")
                        || t == 0
                        || (prev_rparen && info & INFO_DO_WHILE != 0))
                    && sa != 0
                    && sa & ACT_NO_ASI == 0
                {
                    last_inserted = i;
                    pending = Some((semi, false));
                    out.push(";".into());
                    continue;
                }
                return Err(format!("unexpected {} at token {i}", TERMS[t as usize]));
            }
        }
    }
}

const EXPR: &str = r"
%start E
E :
    E '+' T => Add
    T
T :
    T '*' F => Mul
    F
F :
    '(' E ')' => Paren
    Identifier => Id
";

#[test]
fn expression_grammar() {
    let o = gen_ok(EXPR);
    assert_eq!(
        parse(&o, 0, "x + y * z").unwrap(),
        vec!["F:Id", "T", "E", "F:Id", "T", "F:Id", "T:Mul", "E:Add"]
    );
    assert!(parse(&o, 0, "x + * y").is_err());
    assert!(parse(&o, 0, "( x").is_err());
    assert_eq!(
        o.lalr.cfg.actions,
        vec!["Pass", "Add", "Mul", "Paren", "Id"]
    );
}

#[test]
fn ambiguous_grammar_reports_conflict() {
    let o = gen("%start E\nE :\n    E '+' E\n    Identifier\n");
    assert_eq!(o.conflicts.len(), 1);
    let c = &o.conflicts[0];
    assert!(c.contains("shift/reduce conflict"), "{c}");
    assert!(c.contains("on lookahead '+'"), "{c}");
    assert!(c.contains("E -> E '+' E ."), "{c}");
    assert!(
        c.contains("sample input reaching the state: Identifier '+' Identifier"),
        "{c}"
    );
    let o = gen("%start S\nS :\n    A\n    B\nA :\n    Identifier\nB :\n    Identifier\n");
    assert!(
        o.conflicts.iter().any(|c| c.contains("reduce/reduce")),
        "{:?}",
        o.conflicts
    );
}

#[test]
fn parameters_and_guards() {
    let g = r"
%start S
S :
    A[+In] ';' A[~In] ';'
A[In] :
    [+In] Identifier 'in' Identifier => In
    Identifier => Plain
";
    let e = generate(g, &config()).err().unwrap();
    assert!(e.to_string().contains("unknown terminal `'in'`"), "{e}");
    let g = g.replace("'in'", "'+'");
    let o = gen_ok(&g);
    assert_eq!(o.stats.nonterminals_expanded, 3);
    assert_eq!(
        parse(&o, 0, "x + y ; z ;").unwrap(),
        vec!["A:In", "A:Plain", "S"]
    );
    assert!(parse(&o, 0, "x ; y + z ;").is_err());
    let names: Vec<String> = o.lalr.cfg.nonterms.iter().map(|n| n.name.clone()).collect();
    assert!(names.contains(&"A[In]".to_string()), "{names:?}");
}

#[test]
fn unknown_terminal_and_symbol_errors() {
    let e = generate("%start S\nS :\n    'nope'\n", &config())
        .err()
        .unwrap();
    assert!(
        matches!(&e, Error::Grammar { line: 3, message } if message.contains("unknown terminal")),
        "{e}"
    );
    let e = generate("%start S\nS :\n    Nope\n", &config())
        .err()
        .unwrap();
    assert!(e.to_string().contains("unknown symbol `Nope`"), "{e}");
    let e = generate("%start S\nS[A] :\n    T[?B]\nT[B] :\n    ';'\n", &config())
        .err()
        .unwrap();
    assert!(e.to_string().contains("line 3"), "{e}");
}

#[test]
fn optional_symbols() {
    let o = gen_ok("%start S\nS :\n    '(' Identifier? ')' => P\n");
    assert_eq!(o.stats.productions, 2 + 1);
    assert_eq!(parse(&o, 0, "( )").unwrap(), vec!["S:P"]);
    assert_eq!(parse(&o, 0, "( x )").unwrap(), vec!["S:P"]);
}

#[test]
fn dangling_else_by_lookahead_restriction() {
    let g = r"
%start S
S :
    'if' '(' Identifier ')' S 'else' S => IfElse
    'if' '(' Identifier ')' S [lookahead != 'else'] => If
    Identifier ';' => Expr
";
    let o = gen_ok(g);
    assert_eq!(
        parse(&o, 0, "if ( x ) if ( y ) z ; else w ;").unwrap(),
        vec!["S:Expr", "S:Expr", "S:IfElse", "S:If"]
    );
    // Without the restriction: the classic conflict.
    let o = gen(&g.replace("[lookahead != 'else'] ", ""));
    assert_eq!(o.conflicts.len(), 1);
}

/// The statement-start restriction of 14.5 ExpressionStatement, with `let` as
/// an identifier reference: `let [` must start a declaration, `let.x` and
/// `let (` and `let` alone are expressions.
const LET: &str = r"
%start Script
Script :
    Script Stmt
    Stmt
Stmt :
    'let' Binding '=' Expr ';' => Decl
    [lookahead not in { '{', 'let' '[' }] Expr ';' => ExprStmt
    '{' '}' => Block
Binding :
    Identifier
    '[' Identifier ']' => ArrayPattern
Expr :
    Expr '=' Member => Assign
    Member
Member :
    Member '[' Expr ']' => Index
    Member '.' Identifier => Dot
    Primary
Primary :
    Identifier => Id
    'let' => LetId
    '{' '}' => Object
    '[' ']' => Array
";

#[test]
fn let_bracket_restriction() {
    let o = gen_ok(LET);
    let p = |s: &str| parse(&o, 0, s);
    assert!(p("let [ x ] = y ;")
        .unwrap()
        .contains(&"Binding:ArrayPattern".to_string()));
    assert!(p("let . x ;").unwrap().contains(&"Member:Dot".to_string()));
    assert!(p("let ;").unwrap().contains(&"Primary:LetId".to_string()));
    assert!(p("x = let ;").is_ok());
    // `let` followed by `[` in an expression statement is excluded...
    assert!(p("let [ 0 ] ;").is_err());
    // ...but not inside the expression, and not when `let` is not first.
    assert!(p("x = let [ x ] ;")
        .unwrap()
        .contains(&"Member:Index".to_string()));
    assert!(p("x [ let ] ;").is_ok());
    assert!(p("{ } ;").is_err());
    assert!(p("{ }").unwrap().contains(&"Stmt:Block".to_string()));
    assert!(p("x = { } ;").is_ok());
    // The variants are visible in the names.
    let names: Vec<&str> = o
        .lalr
        .cfg
        .nonterms
        .iter()
        .map(|n| n.name.as_str())
        .collect();
    assert!(names.contains(&"Member<'let'>"), "{names:?}");
}

#[test]
fn for_of_restriction_with_exit_state() {
    // 14.7.5: `for ( [lookahead ∉ { let, async of }] LHS of ...`.
    let g = r"
%start S
S :
    'for' '(' [lookahead not in { 'let', 'async' 'of' }] Member 'of' Identifier ')' ';' => ForOf
    'for' '(' [lookahead != 'let'] Member ';' ')' ';' => For
Member :
    Member '.' Identifier
    Identifier
    'let'
    'async'
    'of'
";
    let o = gen_ok(g);
    let p = |s: &str| parse(&o, 0, s);
    assert!(p("for ( x of y ) ;").is_ok());
    assert!(p("for ( async . x of y ) ;").is_ok());
    assert!(p("for ( of of y ) ;").is_ok());
    assert!(p("for ( async of y ) ;").is_err());
    assert!(p("for ( async ; ) ;").is_ok());
    assert!(p("for ( async . x ; ) ;").is_ok());
    assert!(p("for ( x . y ; ) ;").is_ok());
    assert!(p("for ( let ; ) ;").is_err());
    assert!(p("for ( let of y ) ;").is_err());
    assert!(p("for ( let . x of y ) ;").is_err());
}

#[test]
fn no_line_terminator_and_asi() {
    let g = r"
%start Script
Script :
    Script Stmt
    Stmt
Stmt :
    'return' [no LineTerminator here] Expr ';' => ReturnValue
    'return' ';' => Return
    Expr ';' => ExprStmt
    [no ASI] ';' => Empty
    'do' Stmt 'while' '(' Expr ')' ';' => DoWhile
    'for' '(' [no ASI] ';' [no ASI] ';' ')' Stmt => For
    'if' '(' Expr ')' Stmt [lookahead != 'else'] => If
    'if' '(' Expr ')' Stmt 'else' Stmt => IfElse
Expr :
    Expr '+' Unary
    Unary
Unary :
    '++' Unary => PreInc
    Member [no LineTerminator here] '++' => PostInc
    Member
Member :
    Identifier
    NumericLiteral
    RegularExpressionLiteral
    Member '/' Identifier
";
    let o = gen_ok(g);
    let p = |s: &str| parse(&o, 0, s);
    let semis = |s: &str| p(s).map(|v| v.iter().filter(|x| *x == ";").count());
    assert_eq!(semis("a \\n b"), Ok(2));
    assert_eq!(semis("a b"), Err("unexpected Identifier at token 1".into()));
    assert_eq!(semis("return \\n 1"), Ok(2));
    assert!(p("return \\n 1")
        .unwrap()
        .contains(&"Stmt:Return".to_string()));
    assert!(p("return 1")
        .unwrap()
        .contains(&"Stmt:ReturnValue".to_string()));
    assert!(p("a \\n ++ b")
        .unwrap()
        .contains(&"Unary:PreInc".to_string()));
    assert!(p("a ++ ;").unwrap().contains(&"Unary:PostInc".to_string()));
    assert_eq!(semis("do x ; while ( 0 ) x"), Ok(2));
    assert!(p("for ( ) x ;").is_err());
    assert!(p("if ( a ) \\n ;")
        .unwrap()
        .contains(&"Stmt:Empty".to_string()));
    assert!(p("if ( a ) \\n }").is_err());
    assert!(p("if ( a ) \\n").is_err());
    // A regular expression is accepted at statement start: goal bit set there.
    let start_info = o.packed.state_info[o.packed.start_states[0] as usize];
    assert_eq!(start_info & 1, 1);
    assert!(p("/re/ ;").is_ok());
    assert!(p("a / b ;").is_ok());
}

#[test]
fn no_lt_mismatch_and_lexical_conflicts_are_reported() {
    let o = gen(
        "%start S\nS :\n    'a' [no LineTerminator here] '+'\n    'a' '+' ';'\n"
            .replace("'a'", "Identifier")
            .as_str(),
    );
    assert!(
        o.conflicts
            .iter()
            .any(|c| c.contains("annotation conflict")),
        "{:?}",
        o.conflicts
    );
    let o = gen(
        "%start S\nS :\n    Identifier '/' Identifier\n    Identifier RegularExpressionLiteral\n",
    );
    assert!(
        o.conflicts
            .iter()
            .any(|c| c.contains("lexical goal conflict")),
        "{:?}",
        o.conflicts
    );
}

#[test]
fn token_rs_names() {
    let t = "token_kinds! {\n    /// doc\n    Eof = \"EOF\",\n    If = \"'if'\",\n}\n";
    assert_eq!(terminals_from_token_rs(t), vec!["EOF", "'if'"]);
}

#[test]
fn unit_elimination_keeps_the_labelled_reductions() {
    let plain = gen_ok(EXPR);
    let mut c = config();
    c.unit_elimination = Some(1);
    let elided = generate(EXPR, &c).unwrap_or_else(|e| panic!("{e}"));
    assert!(elided.conflicts.is_empty());
    assert!(elided.stats.merged_states > 0);
    let labelled =
        |v: Vec<String>| -> Vec<String> { v.into_iter().filter(|s| s.contains(':')).collect() };
    for input in ["x", "x + y * z", "( x + y ) * z", "x * ( y )", "( ( x ) )"] {
        let a = labelled(parse(&plain, 0, input).unwrap());
        let b = parse(&elided, 0, input).unwrap();
        assert_eq!(a, labelled(b.clone()), "{input}");
        // The unit reductions T : F and E : T are gone.
        assert!(b.iter().all(|s| s.contains(':')), "{input}: {b:?}");
    }
    for bad in ["x +", "x y", ") x", "x * * y"] {
        assert!(parse(&elided, 0, bad).is_err(), "{bad}");
    }
}
