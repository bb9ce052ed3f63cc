//! Reading the grammar text format into a [`RawGrammar`].
//!
//! The format is line based: `%start Name` lines, rule headers `Name[P, Q] :`
//! at column 0, and indented alternatives, one per logical line (a line that
//! ends in `\` continues on the next one). `#` starts a comment outside quotes.

use crate::Error;

/// How a nonterminal reference sets one parameter of the referenced rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgOp {
    /// `+P`
    Set,
    /// `~P`
    Clear,
    /// `?P`: pass the value of the enclosing rule's parameter.
    Pass,
}

/// One element of an alternative.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// A terminal (quoted or a known terminal name) or a nonterminal reference.
    Sym {
        name: String,
        args: Vec<(ArgOp, String)>,
        optional: bool,
    },
    /// `[lookahead != ...]` / `[lookahead not in { ... }]`: sequences of
    /// terminal names the following tokens must not start with.
    Lookahead(Vec<Vec<String>>),
    /// `[no LineTerminator here]`
    NoLineTerminator,
    /// `[no ASI]`
    NoAsi,
}

/// One alternative (right-hand side) of a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alt {
    /// `[+P]` (true) / `[~P]` (false) guards.
    pub guards: Vec<(bool, String)>,
    pub items: Vec<Item>,
    pub action: Option<String>,
    pub line: usize,
}

/// A rule: `Name[Params] :` followed by its alternatives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub name: String,
    pub params: Vec<String>,
    pub alts: Vec<Alt>,
    pub line: usize,
}

/// The grammar file as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawGrammar {
    pub starts: Vec<(String, usize)>,
    pub rules: Vec<Rule>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    Quoted(String),
    Name(String),
    Punct(&'static str),
}

/// A lexeme of a grammar line, with "was there whitespace before it".
#[derive(Clone, Debug)]
struct Lexeme {
    tok: Tok,
    spaced: bool,
}

fn err(line: usize, msg: impl Into<String>) -> Error {
    Error::Grammar {
        line,
        message: msg.into(),
    }
}

fn lex_line(text: &str, line: usize) -> Result<Vec<Lexeme>, Error> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let mut spaced = true;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            spaced = true;
            i += 1;
            continue;
        }
        if c == '#' {
            break;
        }
        let tok = if c == '\'' {
            let start = i;
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            if i >= chars.len() {
                return Err(err(line, "unterminated quoted terminal"));
            }
            i += 1;
            Tok::Quoted(chars[start..i].iter().collect())
        } else if c.is_alphanumeric() || c == '_' || c == '$' || c == '%' {
            let start = i;
            i += 1;
            while i < chars.len()
                && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$')
            {
                i += 1;
            }
            Tok::Name(chars[start..i].iter().collect())
        } else {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            let mut width = 2;
            let p: &'static str = match two.as_str() {
                "=>" => "=>",
                "!=" => "!=",
                _ => match c {
                    '[' => "[",
                    ']' => "]",
                    '{' => "{",
                    '}' => "}",
                    ',' => ",",
                    '?' => "?",
                    ':' => ":",
                    '+' => "+",
                    '~' => "~",
                    '≠' => "!=",
                    '∉' => "∉",
                    _ => return Err(err(line, format!("unexpected character {c:?}"))),
                },
            };
            if two != "=>" && two != "!=" {
                width = 1;
            }
            i += width;
            Tok::Punct(p)
        };
        out.push(Lexeme { tok, spaced });
        spaced = false;
    }
    Ok(out)
}

/// Splits the text into logical lines (joining `\` continuations), keeping the
/// number of the first physical line and whether it was indented.
fn logical_lines(text: &str) -> Vec<(usize, bool, String)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, bool, String)> = None;
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let body = strip_comment(raw);
        let trimmed_end = body.trim_end();
        let (content, cont) = match trimmed_end.strip_suffix('\\') {
            Some(s) => (s.to_string(), true),
            None => (trimmed_end.to_string(), false),
        };
        match cur.as_mut() {
            Some((_, _, acc)) => {
                acc.push(' ');
                acc.push_str(&content);
            }
            None => {
                let indented = raw.starts_with(' ') || raw.starts_with('\t');
                cur = Some((line_no, indented, content));
            }
        }
        if !cont {
            if let Some(l) = cur.take() {
                if !l.2.trim().is_empty() {
                    out.push(l);
                }
            }
        }
    }
    if let Some(l) = cur {
        if !l.2.trim().is_empty() {
            out.push(l);
        }
    }
    out
}

fn strip_comment(line: &str) -> &str {
    let mut in_quote = false;
    for (i, c) in line.char_indices() {
        match c {
            '\'' => in_quote = !in_quote,
            '#' if !in_quote => return &line[..i],
            _ => {}
        }
    }
    line
}

/// Parses the grammar text.
pub fn parse(text: &str) -> Result<RawGrammar, Error> {
    let mut g = RawGrammar::default();
    for (line, indented, content) in logical_lines(text) {
        let toks = lex_line(&content, line)?;
        if toks.is_empty() {
            continue;
        }
        if let Tok::Name(n) = &toks[0].tok {
            if n == "%start" {
                match toks.get(1).map(|t| &t.tok) {
                    Some(Tok::Name(s)) if toks.len() == 2 => g.starts.push((s.clone(), line)),
                    _ => return Err(err(line, "expected `%start Name`")),
                }
                continue;
            }
        }
        if !indented {
            g.rules.push(parse_header(&toks, line)?);
        } else {
            let Some(rule) = g.rules.last_mut() else {
                return Err(err(line, "alternative outside of a rule"));
            };
            rule.alts.push(parse_alt(&toks, line)?);
        }
    }
    Ok(g)
}

fn parse_header(toks: &[Lexeme], line: usize) -> Result<Rule, Error> {
    let name = match toks.first().map(|t| &t.tok) {
        Some(Tok::Name(n)) if !n.starts_with('%') => n.clone(),
        _ => return Err(err(line, "expected a rule header `Name[Params] :`")),
    };
    let mut i = 1;
    let mut params = Vec::new();
    if matches!(toks.get(i).map(|t| &t.tok), Some(Tok::Punct("["))) {
        i += 1;
        loop {
            match toks.get(i).map(|t| &t.tok) {
                Some(Tok::Name(p)) => {
                    params.push(p.clone());
                    i += 1;
                }
                _ => return Err(err(line, "expected a parameter name")),
            }
            match toks.get(i).map(|t| &t.tok) {
                Some(Tok::Punct(",")) => i += 1,
                Some(Tok::Punct("]")) => {
                    i += 1;
                    break;
                }
                _ => return Err(err(line, "expected `,` or `]` in parameter list")),
            }
        }
    }
    if !matches!(toks.get(i).map(|t| &t.tok), Some(Tok::Punct(":"))) || i + 1 != toks.len() {
        return Err(err(
            line,
            "expected `:` at the end of the rule header (alternatives must be indented)",
        ));
    }
    Ok(Rule {
        name,
        params,
        alts: Vec::new(),
        line,
    })
}

fn expect_punct(toks: &[Lexeme], i: &mut usize, p: &str, line: usize) -> Result<(), Error> {
    match toks.get(*i).map(|t| &t.tok) {
        Some(Tok::Punct(q)) if *q == p => {
            *i += 1;
            Ok(())
        }
        other => Err(err(line, format!("expected `{p}`, found {}", show(other)))),
    }
}

fn show(t: Option<&Tok>) -> String {
    match t {
        None => "end of line".into(),
        Some(Tok::Quoted(q)) => q.clone(),
        Some(Tok::Name(n)) => n.clone(),
        Some(Tok::Punct(p)) => format!("`{p}`"),
    }
}

fn is_terminal_token(t: &Tok) -> Option<String> {
    match t {
        Tok::Quoted(q) => Some(q.clone()),
        Tok::Name(n) => Some(n.clone()),
        _ => None,
    }
}

/// Parses the inside of a `[lookahead ...]` annotation, starting after
/// `lookahead`; returns the sequences.
fn parse_lookahead(toks: &[Lexeme], i: &mut usize, line: usize) -> Result<Vec<Vec<String>>, Error> {
    let set = match toks.get(*i).map(|t| &t.tok) {
        Some(Tok::Punct("!=")) => {
            *i += 1;
            false
        }
        Some(Tok::Punct("∉")) => {
            *i += 1;
            true
        }
        Some(Tok::Name(n)) if n == "not" => {
            *i += 1;
            match toks.get(*i).map(|t| &t.tok) {
                Some(Tok::Name(n)) if n == "in" => *i += 1,
                _ => return Err(err(line, "expected `not in`")),
            }
            true
        }
        other => {
            return Err(err(
                line,
                format!(
                    "expected `!=` or `not in` after `lookahead`, found {}",
                    show(other)
                ),
            ))
        }
    };
    let mut seqs = Vec::new();
    if !set {
        let mut seq = Vec::new();
        while let Some(t) = toks.get(*i).and_then(|t| is_terminal_token(&t.tok)) {
            seq.push(t);
            *i += 1;
        }
        seqs.push(seq);
    } else {
        expect_punct(toks, i, "{", line)?;
        let mut seq = Vec::new();
        loop {
            match toks.get(*i).map(|t| &t.tok) {
                Some(Tok::Punct("}")) => {
                    *i += 1;
                    seqs.push(std::mem::take(&mut seq));
                    break;
                }
                Some(Tok::Punct(",")) => {
                    *i += 1;
                    seqs.push(std::mem::take(&mut seq));
                }
                Some(t) => match is_terminal_token(t) {
                    Some(s) => {
                        seq.push(s);
                        *i += 1;
                    }
                    None => {
                        return Err(err(
                            line,
                            format!("unexpected {} in lookahead set", show(Some(t))),
                        ))
                    }
                },
                None => return Err(err(line, "unterminated lookahead set")),
            }
        }
    }
    for s in &seqs {
        if s.is_empty() {
            return Err(err(line, "empty sequence in lookahead restriction"));
        }
    }
    expect_punct(toks, i, "]", line)?;
    Ok(seqs)
}

fn parse_alt(toks: &[Lexeme], line: usize) -> Result<Alt, Error> {
    let mut alt = Alt {
        guards: Vec::new(),
        items: Vec::new(),
        action: None,
        line,
    };
    let mut i = 0;
    let mut empty = false;
    while i < toks.len() {
        match &toks[i].tok {
            Tok::Punct("=>") => {
                match toks.get(i + 1).map(|t| &t.tok) {
                    Some(Tok::Name(n)) if i + 2 == toks.len() => alt.action = Some(n.clone()),
                    _ => {
                        return Err(err(
                            line,
                            "expected `=> ActionName` at the end of the alternative",
                        ))
                    }
                }
                break;
            }
            Tok::Punct("[") => {
                i += 1;
                match toks.get(i).map(|t| &t.tok) {
                    Some(Tok::Punct(p @ ("+" | "~"))) => {
                        let set = *p == "+";
                        if !alt.items.is_empty() || empty {
                            return Err(err(
                                line,
                                "a `[+P]`/`[~P]` guard must start the alternative",
                            ));
                        }
                        i += 1;
                        match toks.get(i).map(|t| &t.tok) {
                            Some(Tok::Name(n)) => alt.guards.push((set, n.clone())),
                            _ => return Err(err(line, "expected a parameter name in guard")),
                        }
                        i += 1;
                        expect_punct(toks, &mut i, "]", line)?;
                    }
                    Some(Tok::Name(n)) if n == "empty" => {
                        i += 1;
                        expect_punct(toks, &mut i, "]", line)?;
                        empty = true;
                    }
                    Some(Tok::Name(n)) if n == "lookahead" => {
                        i += 1;
                        let seqs = parse_lookahead(toks, &mut i, line)?;
                        alt.items.push(Item::Lookahead(seqs));
                    }
                    Some(Tok::Name(n)) if n == "no" => {
                        i += 1;
                        let words: Vec<String> = toks[i..]
                            .iter()
                            .take_while(|t| matches!(t.tok, Tok::Name(_)))
                            .map(|t| match &t.tok {
                                Tok::Name(n) => n.clone(),
                                _ => String::new(),
                            })
                            .collect();
                        i += words.len();
                        let item = match words.join(" ").as_str() {
                            "LineTerminator here" => Item::NoLineTerminator,
                            "ASI" => Item::NoAsi,
                            other => {
                                return Err(err(
                                    line,
                                    format!("unknown annotation `[no {other}]` (expected `[no LineTerminator here]` or `[no ASI]`)"),
                                ))
                            }
                        };
                        expect_punct(toks, &mut i, "]", line)?;
                        alt.items.push(item);
                    }
                    other => {
                        return Err(err(
                            line,
                            format!("unknown annotation starting with {}", show(other)),
                        ))
                    }
                }
            }
            Tok::Quoted(_) | Tok::Name(_) => {
                let name = is_terminal_token(&toks[i].tok).unwrap_or_default();
                let quoted = matches!(toks[i].tok, Tok::Quoted(_));
                i += 1;
                let mut args = Vec::new();
                // Arguments: `Name[+P, ?Q]`, written without a space before `[`.
                if !quoted
                    && matches!(
                        toks.get(i),
                        Some(Lexeme {
                            tok: Tok::Punct("["),
                            spaced: false
                        })
                    )
                    && matches!(
                        toks.get(i + 1).map(|t| &t.tok),
                        Some(Tok::Punct("+" | "~" | "?"))
                    )
                {
                    i += 1;
                    loop {
                        let op = match toks.get(i).map(|t| &t.tok) {
                            Some(Tok::Punct("+")) => ArgOp::Set,
                            Some(Tok::Punct("~")) => ArgOp::Clear,
                            Some(Tok::Punct("?")) => ArgOp::Pass,
                            other => {
                                return Err(err(
                                    line,
                                    format!(
                                        "expected `+P`, `~P` or `?P` in arguments, found {}",
                                        show(other)
                                    ),
                                ))
                            }
                        };
                        i += 1;
                        match toks.get(i).map(|t| &t.tok) {
                            Some(Tok::Name(n)) => args.push((op, n.clone())),
                            _ => return Err(err(line, "expected a parameter name in arguments")),
                        }
                        i += 1;
                        match toks.get(i).map(|t| &t.tok) {
                            Some(Tok::Punct(",")) => i += 1,
                            Some(Tok::Punct("]")) => {
                                i += 1;
                                break;
                            }
                            other => {
                                return Err(err(
                                    line,
                                    format!("expected `,` or `]`, found {}", show(other)),
                                ))
                            }
                        }
                    }
                }
                let mut optional = false;
                if matches!(
                    toks.get(i),
                    Some(Lexeme {
                        tok: Tok::Punct("?"),
                        spaced: false
                    })
                ) {
                    optional = true;
                    i += 1;
                }
                alt.items.push(Item::Sym {
                    name,
                    args,
                    optional,
                });
            }
            other => return Err(err(line, format!("unexpected {}", show(Some(other))))),
        }
    }
    if empty && alt.items.iter().any(|it| matches!(it, Item::Sym { .. })) {
        return Err(err(line, "`[empty]` alternative with symbols"));
    }
    if !empty && !alt.items.iter().any(|it| matches!(it, Item::Sym { .. })) {
        return Err(err(line, "alternative without symbols (write `[empty]`)"));
    }
    Ok(alt)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rules_and_annotations() {
        let g = parse(
            "%start S  # comment\nS[A, B] :\n    [+A] 'x' T[+B, ?A]? [lookahead not in { 'a', 'b' 'c' }] U => Act\n    [empty]\n    'r' [no LineTerminator here] 'e' \\\n      [no ASI] ';' [lookahead != 'q']\n",
        )
        .unwrap();
        assert_eq!(g.starts, vec![("S".to_string(), 1)]);
        let r = &g.rules[0];
        assert_eq!(r.params, vec!["A", "B"]);
        assert_eq!(r.alts.len(), 3);
        assert_eq!(r.alts[0].guards, vec![(true, "A".to_string())]);
        assert_eq!(r.alts[0].action.as_deref(), Some("Act"));
        assert_eq!(
            r.alts[0].items[1],
            Item::Sym {
                name: "T".into(),
                args: vec![(ArgOp::Set, "B".into()), (ArgOp::Pass, "A".into())],
                optional: true
            }
        );
        assert_eq!(
            r.alts[0].items[2],
            Item::Lookahead(vec![vec!["'a'".into()], vec!["'b'".into(), "'c'".into()]])
        );
        assert!(r.alts[1].items.is_empty());
        assert_eq!(r.alts[2].items.len(), 6);
        assert_eq!(r.alts[2].line, 5);
    }

    #[test]
    fn errors_have_line_numbers() {
        let e = parse("S :\n    'a' [bogus]\n").unwrap_err();
        assert!(matches!(e, Error::Grammar { line: 2, .. }), "{e}");
    }
}
