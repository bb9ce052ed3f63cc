//! Context-dependent early errors, checked when the enclosing construct is
//! reduced.
//!
//! A bottom-up parser reduces inner phrases before it knows their context:
//! whether the code is strict (a "use strict" directive comes after the
//! function's parameters and name), whether a `super.x` is inside a method,
//! whether an `await` is inside the parameters of an async function. So the
//! processor records such facts here as *pending* entries with their source
//! position, and each boundary (function, method, arrow, field initializer,
//! static block, class, script) resolves the entries inside its span: it
//! reports an error, drops the entry (valid here), or keeps it for the
//! enclosing boundary. Entries are kept sorted by position, so the entries
//! inside a boundary are a suffix of the list; each entry is visited once
//! per enclosing boundary, O(depth) in all.

use crate::lexer::Span;
use crate::SyntaxError;

/// What a pending entry records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pending {
    /// Something that is an early error only in strict mode code.
    Strict(StrictError),
    /// `super.x` / `super[x]` (15.x: allowed in methods, fields, static blocks).
    SuperProperty,
    /// `super(...)` (allowed only in the constructor of a derived class).
    SuperCall,
    /// A `super(...)` inside a method named `constructor`: resolved by the
    /// class (derived or not) or rejected by an object literal.
    SuperCallInConstructor,
    /// `new.target` (allowed in non-arrow functions, fields, static blocks).
    NewTarget,
    /// An AwaitExpression (rejected in parameters and static blocks).
    Await,
    /// A YieldExpression (rejected in parameters).
    Yield,
    /// An identifier `await` (rejected in async functions and static
    /// blocks, where it is a keyword).
    AwaitIdentifier,
    /// An escaped identifier `yield` (rejected in generators).
    YieldIdentifier,
    /// An IdentifierReference `arguments` (rejected in field initializers and
    /// static blocks: ContainsArguments, 15.7.1).
    Arguments,
}

/// The strict mode early errors the processor defers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum StrictError {
    LegacyOctalLiteral,
    LegacyOctalEscape,
    ReservedWord,
    EvalOrArguments,
    With,
    DeleteIdentifier,
    FunctionInIf,
    LabelledFunction,
    CallAssignmentTarget,
    ForInInitializer,
    DuplicateParameter,
}

impl StrictError {
    pub(crate) fn message(self) -> &'static str {
        match self {
            StrictError::LegacyOctalLiteral => {
                "legacy octal literals are not allowed in strict mode code"
            }
            StrictError::LegacyOctalEscape => {
                "octal escape sequences are not allowed in strict mode code"
            }
            StrictError::ReservedWord => {
                "this word is reserved in strict mode code and cannot be an identifier"
            }
            StrictError::EvalOrArguments => {
                "'eval' and 'arguments' cannot be bound or assigned in strict mode code"
            }
            StrictError::With => "'with' statements are not allowed in strict mode code",
            StrictError::DeleteIdentifier => {
                "'delete' of an unqualified identifier is not allowed in strict mode code"
            }
            StrictError::FunctionInIf => {
                "function declarations cannot be the body of an if statement in strict mode code"
            }
            StrictError::LabelledFunction => {
                "labelled function declarations are not allowed in strict mode code"
            }
            StrictError::CallAssignmentTarget => "invalid assignment target",
            StrictError::ForInInitializer => {
                "for-in variable declarations cannot have an initializer in strict mode code"
            }
            StrictError::DuplicateParameter => {
                "duplicate parameter names are not allowed in strict mode code"
            }
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    pos: u32,
    what: Pending,
}

/// What kind of boundary is being closed.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Boundary {
    /// The code inside is strict.
    pub strict: bool,
    /// An arrow function (transparent for super, new.target, arguments).
    pub arrow: bool,
    /// A method (super properties allowed).
    pub method: bool,
    /// A method named `constructor` (may hold a super call, decided by the
    /// class).
    pub constructor: bool,
    /// A class field initializer or static block.
    pub initializer: bool,
    /// A static block (AwaitExpression and `await` rejected).
    pub static_block: bool,
    pub is_async: bool,
    pub is_generator: bool,
    /// A function declaration (its name belongs to the enclosing context's
    /// `yield` / `await` rules).
    pub declaration: bool,
    /// The parameters' span (await / yield inside are errors).
    pub params: Option<Span>,
}

/// The pending entries.
#[derive(Default)]
pub(crate) struct Context {
    entries: Vec<Entry>,
    /// True when all code is strict (modules, strict scripts): strict-only
    /// errors are reported at once.
    pub always_strict: bool,
    /// Direct eval code in a function (19.2.1.1 PerformEval step 6.a):
    /// `new.target` is valid at its top level.
    pub new_target_allowed: bool,
    /// Direct eval code in a method or class field initializer (19.2.1.1
    /// PerformEval step 6.b `inMethod`): `super.x` is valid at its top level.
    pub super_property_allowed: bool,
}

fn err(message: &str, pos: u32) -> SyntaxError {
    SyntaxError::new(message, Span::new(pos, pos))
}

impl Context {
    /// Records `what` at `pos`, keeping the list sorted.
    pub(crate) fn add(&mut self, pos: u32, what: Pending) -> Result<(), SyntaxError> {
        if let Pending::Strict(e) = what {
            if self.always_strict {
                return Err(err(e.message(), pos));
            }
        }
        let entry = Entry { pos, what };
        match self.entries.last() {
            Some(last) if last.pos > pos => {
                let i = self.entries.partition_point(|e| e.pos <= pos);
                self.entries.insert(i, entry);
            }
            _ => self.entries.push(entry),
        }
        Ok(())
    }

    pub(crate) fn strict(&mut self, pos: u32, e: StrictError) -> Result<(), SyntaxError> {
        self.add(pos, Pending::Strict(e))
    }

    /// Index of the first entry at or after `start`.
    fn suffix(&self, start: u32) -> usize {
        self.entries.partition_point(|e| e.pos < start)
    }

    /// Closes a function-like boundary covering `span`.
    ///
    /// In sloppy code only the first strict-only entry inside is kept: an
    /// enclosing boundary that turns out strict (or a class around it)
    /// contains the whole span and reports the first strict-only entry it
    /// meets, so the later ones can never be reported. This keeps nested
    /// sloppy functions that each hold such an entry linear, where every
    /// entry would otherwise be visited again by every enclosing boundary.
    pub(crate) fn close(&mut self, span: Span, b: Boundary) -> Result<(), SyntaxError> {
        let from = self.suffix(span.start);
        let mut keep = from;
        let mut kept_strict = false;
        for i in from..self.entries.len() {
            let e = self.entries[i];
            let in_params = b.params.is_some_and(|p| e.pos >= p.start && e.pos < p.end);
            let before_params = b.params.is_some_and(|p| e.pos < p.start);
            // A method's key belongs to the enclosing context, and so does
            // the name of a declaration for `yield` / `await`.
            if before_params
                && (b.method
                    || (b.declaration
                        && matches!(e.what, Pending::AwaitIdentifier | Pending::YieldIdentifier)))
            {
                self.entries[keep] = e;
                keep += 1;
                continue;
            }
            let verdict: Result<Option<Pending>, &'static str> = match e.what {
                Pending::Strict(s) => {
                    if b.strict {
                        Err(s.message())
                    } else if kept_strict {
                        Ok(None)
                    } else {
                        kept_strict = true;
                        Ok(Some(e.what))
                    }
                }
                Pending::SuperProperty => {
                    if b.method || b.initializer {
                        Ok(None)
                    } else if b.arrow {
                        Ok(Some(e.what))
                    } else {
                        Err("'super' is only valid in methods")
                    }
                }
                Pending::SuperCall => {
                    if b.arrow {
                        Ok(Some(e.what))
                    } else if b.constructor {
                        Ok(Some(Pending::SuperCallInConstructor))
                    } else {
                        Err("'super()' is only valid in the constructor of a derived class")
                    }
                }
                Pending::SuperCallInConstructor => Ok(Some(e.what)),
                Pending::NewTarget => {
                    if b.arrow {
                        Ok(Some(e.what))
                    } else {
                        Ok(None)
                    }
                }
                Pending::Await => {
                    if b.static_block {
                        Err("'await' is not allowed in class static blocks")
                    } else if b.initializer {
                        Err("'await' is not allowed in class field initializers")
                    } else if in_params && (b.is_async || b.arrow) {
                        Err("'await' expressions are not allowed in parameters")
                    } else {
                        Ok(None)
                    }
                }
                Pending::Yield => {
                    if b.initializer {
                        Err("'yield' is not allowed in class field initializers")
                    } else if in_params && (b.is_generator || b.arrow) {
                        Err("'yield' expressions are not allowed in parameters")
                    } else {
                        Ok(None)
                    }
                }
                // An arrow's body is [~Await] / [~Yield] unless async; its
                // parameters belong to the enclosing context.
                // A field initializer is [~Yield, ~Await] (15.7).
                Pending::AwaitIdentifier => {
                    if b.static_block || b.is_async {
                        Err("'await' is a keyword in async functions and static blocks")
                    } else if b.arrow && in_params {
                        Ok(Some(e.what))
                    } else {
                        Ok(None)
                    }
                }
                Pending::YieldIdentifier => {
                    if b.is_generator {
                        Err("'yield' is a keyword in generators")
                    } else if b.arrow && in_params {
                        Ok(Some(e.what))
                    } else {
                        Ok(None)
                    }
                }
                Pending::Arguments => {
                    if b.initializer {
                        Err("'arguments' is not allowed in class field initializers or static blocks")
                    } else if b.arrow {
                        Ok(Some(e.what))
                    } else {
                        Ok(None)
                    }
                }
            };
            match verdict {
                Err(m) => return Err(err(m, e.pos)),
                Ok(Some(what)) => {
                    self.entries[keep] = Entry { pos: e.pos, what };
                    keep += 1;
                }
                Ok(None) => {}
            }
        }
        self.entries.truncate(keep);
        Ok(())
    }

    /// Resolves the entries of kind `what` in `span`: an error with
    /// `message` when `reject`, otherwise they are dropped.
    pub(crate) fn resolve(
        &mut self,
        span: Span,
        what: Pending,
        reject: bool,
        message: &'static str,
    ) -> Result<(), SyntaxError> {
        let from = self.suffix(span.start);
        let mut keep = from;
        for i in from..self.entries.len() {
            let e = self.entries[i];
            if e.what == what && e.pos < span.end {
                if reject {
                    return Err(err(message, e.pos));
                }
                continue;
            }
            self.entries[keep] = e;
            keep += 1;
        }
        self.entries.truncate(keep);
        Ok(())
    }

    /// Class code is strict (15.7.1 / 11.2.2): rejects strict-only entries
    /// in `span`.
    pub(crate) fn close_strict(&mut self, span: Span) -> Result<(), SyntaxError> {
        let from = self.suffix(span.start);
        for e in &self.entries[from..] {
            if e.pos < span.end {
                if let Pending::Strict(s) = e.what {
                    return Err(err(s.message(), e.pos));
                }
            }
        }
        Ok(())
    }

    /// The end of a Script or Module: everything left must be valid at the
    /// top level.
    pub(crate) fn finish(&mut self, strict: bool) -> Result<(), SyntaxError> {
        for e in &self.entries {
            let m = match e.what {
                Pending::Strict(s) if strict => s.message(),
                Pending::SuperProperty if !self.super_property_allowed => {
                    "'super' is only valid in methods"
                }
                Pending::SuperCall | Pending::SuperCallInConstructor => {
                    "'super()' is only valid in the constructor of a derived class"
                }
                Pending::NewTarget if !self.new_target_allowed => {
                    "'new.target' is only valid in functions"
                }
                _ => continue,
            };
            return Err(err(m, e.pos));
        }
        self.entries.clear();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_entries_wait_for_a_strict_boundary() {
        let mut c = Context::default();
        c.strict(10, StrictError::With).unwrap();
        // A sloppy function around it keeps it.
        c.close(Span::new(0, 20), Boundary::default()).unwrap();
        assert!(c
            .close(
                Span::new(0, 30),
                Boundary {
                    strict: true,
                    ..Boundary::default()
                }
            )
            .is_err());
    }

    #[test]
    fn super_property_needs_a_method() {
        let mut c = Context::default();
        c.add(5, Pending::SuperProperty).unwrap();
        // An arrow is transparent, a method consumes it.
        c.close(
            Span::new(0, 10),
            Boundary {
                arrow: true,
                ..Boundary::default()
            },
        )
        .unwrap();
        c.close(
            Span::new(0, 12),
            Boundary {
                method: true,
                ..Boundary::default()
            },
        )
        .unwrap();
        assert!(c.finish(false).is_ok());
        c.add(5, Pending::SuperProperty).unwrap();
        assert!(c.close(Span::new(0, 10), Boundary::default()).is_err());
    }

    #[test]
    fn sloppy_boundaries_keep_the_first_strict_entry() {
        let mut c = Context::default();
        c.strict(10, StrictError::With).unwrap();
        c.add(15, Pending::SuperProperty).unwrap();
        c.strict(20, StrictError::LegacyOctalLiteral).unwrap();
        c.close(Span::new(0, 30), Boundary::default())
            .map_err(|_| ())
            .expect_err("super outside a method");
        let mut c = Context::default();
        c.strict(10, StrictError::With).unwrap();
        c.strict(20, StrictError::LegacyOctalLiteral).unwrap();
        c.close(Span::new(0, 30), Boundary::default()).unwrap();
        assert_eq!(c.entries.len(), 1);
        let e = c
            .close(
                Span::new(0, 40),
                Boundary {
                    strict: true,
                    ..Boundary::default()
                },
            )
            .unwrap_err();
        assert_eq!(e.message, StrictError::With.message());
        assert_eq!(e.span.start, 10);
    }

    #[test]
    fn out_of_order_entries_stay_sorted() {
        let mut c = Context::default();
        c.add(50, Pending::NewTarget).unwrap();
        c.add(60, Pending::NewTarget).unwrap();
        c.add(40, Pending::Strict(StrictError::EvalOrArguments))
            .unwrap();
        assert!(c.close_strict(Span::new(45, 70)).is_ok());
        assert!(c.close_strict(Span::new(35, 70)).is_err());
    }
}
