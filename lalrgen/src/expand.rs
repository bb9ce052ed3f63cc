//! Parameter expansion: from the parameterised [`RawGrammar`] to a plain
//! context-free grammar whose productions still carry the `[lookahead ...]`,
//! `[no LineTerminator here]` and `[no ASI]` annotations.
//!
//! Only the (rule, parameter values) combinations reachable from a `%start`
//! symbol are generated (ECMA-262 5.1.5 Grammar Notation: a reference without
//! an argument for a parameter leaves it clear). `Sym?` expands into the
//! productions with and without the symbol; guards `[+P]`/`[~P]` drop the
//! alternative where they do not hold.

use std::collections::HashMap;

use crate::grammar::{ArgOp, Item, RawGrammar};
use crate::Error;

/// A symbol or annotation of an expanded production.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FItem {
    T(u16),
    N(u32),
    /// Sequences of terminals the rest of the input must not start with.
    Look(Vec<Vec<u16>>),
    NoLt,
    NoAsi,
}

#[derive(Clone, Debug)]
pub struct FProd {
    pub lhs: u32,
    pub items: Vec<FItem>,
    pub action: u16,
    pub line: usize,
}

#[derive(Clone, Debug)]
pub struct FNonterm {
    /// The rule name.
    pub base: String,
    /// The parameters that are set, e.g. `In, Yield` (empty when none).
    pub params: String,
}

impl FNonterm {
    pub fn display(&self) -> String {
        if self.params.is_empty() {
            self.base.clone()
        } else {
            format!("{}[{}]", self.base, self.params)
        }
    }
}

/// The expanded grammar.
#[derive(Clone, Debug)]
pub struct Flat {
    pub nonterms: Vec<FNonterm>,
    pub prods: Vec<FProd>,
    /// (start rule name, its nonterminal).
    pub starts: Vec<(String, u32)>,
    /// Action labels; index 0 is `Pass`.
    pub actions: Vec<String>,
}

fn err(line: usize, msg: impl Into<String>) -> Error {
    Error::Grammar {
        line,
        message: msg.into(),
    }
}

/// Expands `raw`. `terminals[i]` is the grammar name of terminal `i`.
pub fn expand(raw: &RawGrammar, terminals: &[String]) -> Result<Flat, Error> {
    let term_index: HashMap<&str, u16> = terminals
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i as u16))
        .collect();
    let mut rule_index: HashMap<&str, usize> = HashMap::new();
    for (i, r) in raw.rules.iter().enumerate() {
        if term_index.contains_key(r.name.as_str()) {
            return Err(err(
                r.line,
                format!("rule `{}` has the name of a terminal", r.name),
            ));
        }
        if rule_index.insert(r.name.as_str(), i).is_some() {
            return Err(err(r.line, format!("rule `{}` defined twice", r.name)));
        }
        if r.alts.is_empty() {
            return Err(err(
                r.line,
                format!("rule `{}` has no alternatives", r.name),
            ));
        }
        if r.params.len() > 31 {
            return Err(err(r.line, "too many parameters"));
        }
    }
    let lookup_term = |name: &str, line: usize| -> Result<u16, Error> {
        term_index.get(name).copied().ok_or_else(|| {
            err(
                line,
                format!("unknown terminal `{name}` (terminals are the parser's token kinds)"),
            )
        })
    };

    let mut actions: Vec<String> = vec!["Pass".to_string()];
    let mut action_index: HashMap<String, u16> = HashMap::new();
    action_index.insert("Pass".to_string(), 0);
    let mut nonterms: Vec<FNonterm> = Vec::new();
    let mut nt_index: HashMap<(usize, u32), u32> = HashMap::new();
    let mut work: Vec<(usize, u32)> = Vec::new();
    let mut intern = |rule: usize,
                      mask: u32,
                      nonterms: &mut Vec<FNonterm>,
                      work: &mut Vec<(usize, u32)>|
     -> u32 {
        *nt_index.entry((rule, mask)).or_insert_with(|| {
            let r = &raw.rules[rule];
            let params: Vec<&str> = r
                .params
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, p)| p.as_str())
                .collect();
            nonterms.push(FNonterm {
                base: r.name.clone(),
                params: params.join(", "),
            });
            work.push((rule, mask));
            (nonterms.len() - 1) as u32
        })
    };

    let mut starts = Vec::new();
    for (name, line) in &raw.starts {
        let Some(&ri) = rule_index.get(name.as_str()) else {
            return Err(err(*line, format!("start symbol `{name}` is not defined")));
        };
        let id = intern(ri, 0, &mut nonterms, &mut work);
        starts.push((name.clone(), id));
    }
    if starts.is_empty() {
        return Err(err(1, "no `%start` symbol"));
    }

    let mut prods = Vec::new();
    let mut next = 0;
    while next < work.len() {
        let (ri, mask) = work[next];
        let lhs = next as u32;
        next += 1;
        let rule = &raw.rules[ri];
        let has = |p: &str, line: usize| -> Result<bool, Error> {
            match rule.params.iter().position(|q| q == p) {
                Some(i) => Ok(mask & (1 << i) != 0),
                None => Err(err(
                    line,
                    format!("`{p}` is not a parameter of `{}`", rule.name),
                )),
            }
        };
        'alts: for alt in &rule.alts {
            for (set, p) in &alt.guards {
                if has(p, alt.line)? != *set {
                    continue 'alts;
                }
            }
            let action = match &alt.action {
                None => 0,
                Some(a) => match action_index.get(a) {
                    Some(&i) => i,
                    None => {
                        actions.push(a.clone());
                        let i = (actions.len() - 1) as u16;
                        action_index.insert(a.clone(), i);
                        i
                    }
                },
            };
            // Resolve items; optional symbols are recorded by position.
            let mut items: Vec<(FItem, bool)> = Vec::new();
            for item in &alt.items {
                match item {
                    Item::Lookahead(seqs) => {
                        let mut out = Vec::new();
                        for s in seqs {
                            let mut v = Vec::new();
                            for t in s {
                                v.push(lookup_term(t, alt.line)?);
                            }
                            out.push(v);
                        }
                        items.push((FItem::Look(out), false));
                    }
                    Item::NoLineTerminator => items.push((FItem::NoLt, false)),
                    Item::NoAsi => items.push((FItem::NoAsi, false)),
                    Item::Sym {
                        name,
                        args,
                        optional,
                    } => {
                        if name.starts_with('\'') || term_index.contains_key(name.as_str()) {
                            if !args.is_empty() {
                                return Err(err(
                                    alt.line,
                                    format!("terminal `{name}` takes no arguments"),
                                ));
                            }
                            items.push((FItem::T(lookup_term(name, alt.line)?), *optional));
                            continue;
                        }
                        let Some(&target) = rule_index.get(name.as_str()) else {
                            return Err(err(alt.line, format!("unknown symbol `{name}`")));
                        };
                        let trule = &raw.rules[target];
                        let mut tmask = 0u32;
                        for (op, p) in args {
                            let Some(pi) = trule.params.iter().position(|q| q == p) else {
                                return Err(err(
                                    alt.line,
                                    format!("`{p}` is not a parameter of `{name}`"),
                                ));
                            };
                            let v = match op {
                                ArgOp::Set => true,
                                ArgOp::Clear => false,
                                ArgOp::Pass => has(p, alt.line)?,
                            };
                            if v {
                                tmask |= 1 << pi;
                            }
                        }
                        let id = intern(target, tmask, &mut nonterms, &mut work);
                        items.push((FItem::N(id), *optional));
                    }
                }
            }
            // Check annotations are followed by what they apply to.
            for (i, (it, _)) in items.iter().enumerate() {
                let next_sym = items[i + 1..].iter().find(|(x, _)| {
                    matches!(x, FItem::T(_) | FItem::N(_) | FItem::NoLt | FItem::NoAsi)
                });
                match it {
                    FItem::NoLt if !matches!(next_sym, Some((FItem::T(_) | FItem::N(_), _))) => {
                        return Err(err(
                            alt.line,
                            "`[no LineTerminator here]` must be followed by a symbol",
                        ))
                    }
                    FItem::NoAsi if !matches!(next_sym, Some((FItem::T(_), _))) => {
                        return Err(err(
                            alt.line,
                            "`[no ASI]` must be followed by a terminal (`';'`)",
                        ))
                    }
                    _ => {}
                }
            }
            let opt_positions: Vec<usize> = items
                .iter()
                .enumerate()
                .filter(|(_, (_, o))| *o)
                .map(|(i, _)| i)
                .collect();
            if opt_positions.len() > 12 {
                return Err(err(
                    alt.line,
                    "too many optional symbols in one alternative",
                ));
            }
            for combo in 0u32..(1 << opt_positions.len()) {
                let mut out = Vec::new();
                let mut pending: Vec<FItem> = Vec::new();
                for (i, (it, opt)) in items.iter().enumerate() {
                    let omitted = *opt
                        && combo & (1 << opt_positions.iter().position(|&p| p == i).unwrap_or(0))
                            == 0;
                    match it {
                        FItem::NoLt | FItem::NoAsi => pending.push(it.clone()),
                        FItem::Look(_) => out.push(it.clone()),
                        _ if omitted => pending.clear(),
                        _ => {
                            out.append(&mut pending);
                            out.push(it.clone());
                        }
                    }
                }
                if !pending.is_empty() {
                    // The annotated symbol was omitted and nothing followed it.
                    pending.clear();
                }
                prods.push(FProd {
                    lhs,
                    items: out,
                    action,
                    line: alt.line,
                });
            }
        }
    }
    Ok(Flat {
        nonterms,
        prods,
        starts,
        actions,
    })
}
