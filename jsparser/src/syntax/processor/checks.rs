//! Checks the processor runs when it finishes a construct: labelled
//! functions, duplicate `__proto__`, lexical names, function, arrow and
//! class bodies, and local exports.

use super::*;

impl Processor<'_> {
    /// 14.6.1 / 14.7.1.1 / 14.11.1: the last `count` children of statement
    /// `s` (its clauses or body) are not labelled function declarations.
    pub(super) fn check_not_labelled_function(
        &self,
        s: u32,
        count: usize,
    ) -> Result<(), SyntaxError> {
        for k in 0..count {
            if let Some(c) = self.child_rev(s, k) {
                self.check_labelled_function(c)?;
            }
        }
        Ok(())
    }

    /// 14.13.2 IsLabelledFunction (#sec-islabelledfunction) of statement `c`
    /// must be false.
    pub(super) fn check_labelled_function(&self, c: u32) -> Result<(), SyntaxError> {
        if is_labelled_function(&self.nodes, c as usize) {
            let f = labelled_item(&self.nodes, c as usize);
            return Err(err(
                "a labelled function declaration cannot be the body of a statement",
                self.nodes[f].span,
            ));
        }
        Ok(())
    }

    /// True when every child of `i` has two children (declarators with
    /// initializers).
    pub(super) fn all_children_have_two(&self, i: u32) -> bool {
        let node = self.nodes[i as usize];
        let stop = i + 1 - node.size;
        let mut c = i;
        while c > stop {
            let ch = c - 1;
            if self.child_rev(ch, 1).is_none() {
                return false;
            }
            c -= self.nodes[ch as usize].size.clamp(1, c);
        }
        true
    }

    /// B.3.1 / 13.2.5.1: more than one `__proto__: value` property.
    pub(super) fn has_duplicate_proto(&self, o: u32) -> bool {
        let node = self.nodes[o as usize];
        let stop = o + 1 - node.size;
        let mut c = o;
        let mut seen = false;
        while c > stop {
            let ch = c - 1;
            if self.nodes[ch as usize].kind == K::Property {
                if let Some(key) = self.child_rev(ch, 1) {
                    if self.key_is(key, self.n.proto) {
                        if seen {
                            return true;
                        }
                        seen = true;
                    }
                }
            }
            c -= self.nodes[ch as usize].size.clamp(1, c);
        }
        false
    }

    /// 14.3.1.1: `let` is not a lexically bound name, and the names of one
    /// declaration are unique.
    pub(super) fn check_lexical_names(&mut self, decl: u32, span: Span) -> Result<(), SyntaxError> {
        let (dup, has_let) = self.duplicate_bound_names(decl);
        if has_let {
            return Err(err("'let' cannot be a lexically bound name", span));
        }
        if dup {
            return Err(err("duplicate declaration in the same scope", span));
        }
        Ok(())
    }

    /// Functions, generators, async functions and methods: the node, then
    /// the checks of 15.2.1, 15.4.1, ... and the pending-entry boundary.
    pub(super) fn finish_function(
        &mut self,
        kind: K,
        flags: u16,
        base: usize,
        n: usize,
        start: u32,
        span: Span,
    ) -> Result<(), SyntaxError> {
        // The parameters are between the first `(` entry and the `)`.
        let lp = (base..base + n)
            .find(|&i| self.stack[i].tok == T::LParen)
            .unwrap_or(base);
        let params_span = match self.stack.get(lp + 2) {
            Some(rp) => self.stack[lp].span.to(rp.span),
            None => span,
        };
        let f = self.make(kind, flags, span, start);
        let body = f.saturating_sub(1);
        let params = self.child_rev(f, 1).unwrap_or(body);
        let strict = self.nodes[body as usize].has(nf::STRICT);
        let simple = self.nodes[params as usize].has(nf::SIMPLE_PARAMETERS);
        // 15.2.1: "use strict" needs a simple parameter list.
        if strict && !simple {
            return Err(err(
                "'use strict' is not allowed in a function with non-simple parameters",
                span,
            ));
        }
        let method = kind == K::Method;
        let (dup, _) = self.duplicate_bound_names(params);
        if dup {
            // UniqueFormalParameters (methods), strict code and non-simple
            // lists reject duplicates; otherwise only strict mode does.
            if method || strict || !simple || flags & (nf::ASYNC | nf::GENERATOR) != 0 {
                return Err(err("duplicate parameter name", params_span));
            }
            self.ctx
                .strict(params_span.start, StrictError::DuplicateParameter)?;
        }
        let constructor = method
            && flags == 0
            && self
                .child_rev(f, 2)
                .is_some_and(|k| self.key_is(k, self.n.constructor));
        self.ctx.close(
            span,
            Boundary {
                strict,
                method,
                constructor,
                declaration: kind == K::FunctionDeclaration,
                is_async: flags & nf::ASYNC != 0,
                is_generator: flags & nf::GENERATOR != 0,
                params: Some(params_span),
                ..Boundary::default()
            },
        )
    }

    pub(super) fn finish_arrow(
        &mut self,
        flags: u16,
        params_span: Span,
        start: u32,
        span: Span,
    ) -> Result<(), SyntaxError> {
        let body = self.top();
        let mut flags = flags;
        let strict = if self.kind(body) == K::FunctionBody {
            self.nodes[body as usize].has(nf::STRICT)
        } else {
            flags |= nf::EXPRESSION_BODY;
            false
        };
        let f = self.make(K::ArrowFunction, flags, span, start);
        let params = self.child_rev(f, 1).unwrap_or(body);
        let simple = self.nodes[params as usize].has(nf::SIMPLE_PARAMETERS);
        if strict && !simple {
            return Err(err(
                "'use strict' is not allowed in a function with non-simple parameters",
                span,
            ));
        }
        // 15.3.1: ArrowFormalParameters are unique.
        if self.duplicate_bound_names(params).0 {
            return Err(err("duplicate parameter name", params_span));
        }
        self.ctx.close(
            span,
            Boundary {
                strict,
                arrow: true,
                is_async: flags & nf::ASYNC != 0,
                params: Some(params_span),
                ..Boundary::default()
            },
        )
    }

    /// 15.7.1: the class body's checks that need the whole body.
    pub(super) fn finish_class_tail(
        &mut self,
        base: usize,
        n: usize,
        span: Span,
    ) -> Result<(), SyntaxError> {
        let lb = (base..base + n)
            .find(|&i| self.stack[i].tok == T::LBrace)
            .unwrap_or(base);
        let derived = lb > base;
        let body_start = self.stack[lb].start;
        let body_span = self.stack[lb].span.to(span);
        let b = self.make(K::ClassBody, 0, body_span, body_start);
        // At most one constructor.
        let stop = b + 1 - self.nodes[b as usize].size;
        let mut c = b;
        let mut constructors = 0;
        while c > stop {
            let ch = c - 1;
            if self.nodes[ch as usize].kind == K::Method
                && self.nodes[ch as usize].has(nf::CONSTRUCTOR)
            {
                constructors += 1;
            }
            c -= self.nodes[ch as usize].size.clamp(1, c);
        }
        if constructors > 1 {
            return Err(err("a class may only have one constructor", body_span));
        }
        self.ctx.resolve(
            body_span,
            Pending::SuperCallInConstructor,
            !derived,
            "'super()' is only valid in the constructor of a derived class",
        )
    }

    /// 15.7.1: ClassElement : MethodDefinition / static MethodDefinition.
    pub(super) fn check_class_method(
        &mut self,
        is_static: bool,
        span: Span,
    ) -> Result<(), SyntaxError> {
        let m = self.top();
        let mf = self.nodes[m as usize].flags;
        let key = self.child_rev(m, 2).unwrap_or(m);
        if let Some(KeyName::Private(id)) = self.key_name(key) {
            if id == self.n.constructor {
                return Err(err("'#constructor' is not a valid private name", span));
            }
        }
        if is_static {
            self.nodes[m as usize].flags |= nf::STATIC;
            if self.key_is(key, self.n.prototype) {
                return Err(err("a static method cannot be named 'prototype'", span));
            }
            // A static method named constructor is an ordinary method.
            return self.ctx.resolve(
                span,
                Pending::SuperCallInConstructor,
                true,
                "'super()' is only valid in the constructor of a derived class",
            );
        }
        if self.key_is(key, self.n.constructor) {
            if mf & (nf::GETTER | nf::SETTER | nf::GENERATOR | nf::ASYNC) != 0 {
                return Err(err("a class constructor cannot be a special method", span));
            }
            self.nodes[m as usize].flags |= nf::CONSTRUCTOR;
        }
        Ok(())
    }

    /// 15.7.1: FieldDefinition names.
    pub(super) fn check_field_key(&mut self, key: u32, is_static: bool) -> Result<(), SyntaxError> {
        let span = self.nodes[key as usize].span;
        match self.key_name(key) {
            Some(KeyName::Private(id)) if id == self.n.constructor => {
                Err(err("'#constructor' is not a valid private name", span))
            }
            _ if self.key_is(key, self.n.constructor) => {
                Err(err("a class field cannot be named 'constructor'", span))
            }
            _ if is_static && self.key_is(key, self.n.prototype) => Err(err(
                "a static class field cannot be named 'prototype'",
                span,
            )),
            _ => Ok(()),
        }
    }

    /// 16.2.3.1: `export { a }` without `from` exports local bindings: no
    /// strings, no reserved words.
    pub(super) fn check_local_exports(&mut self, e: u32) -> Result<(), SyntaxError> {
        let node = self.nodes[e as usize];
        let stop = e + 1 - node.size;
        let mut c = e;
        while c > stop {
            let ch = c - 1;
            if let Some(local) = self.first_child(ch) {
                let l = self.nodes[local as usize];
                if l.kind == K::StringLiteral {
                    return Err(err(
                        "a string cannot name a local binding in an export list",
                        l.span,
                    ));
                }
                if l.has(nf::RESERVED_WORD) {
                    return Err(err(
                        "a reserved word cannot be exported as a binding",
                        l.span,
                    ));
                }
                let name = self.interner.name(l.arg);
                if is_strict_reserved(name) || name == "await" {
                    return Err(err(
                        "a reserved word cannot be exported as a binding",
                        l.span,
                    ));
                }
            }
            c -= self.nodes[ch as usize].size.clamp(1, c);
        }
        Ok(())
    }
}
