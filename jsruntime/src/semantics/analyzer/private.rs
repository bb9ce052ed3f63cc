//! Private names (6.2.12, 15.7 with 7.3.26-7.3.32): `#x` declarations of a
//! class body, private methods and accessors, `o.#x` keys and `#x in o`.
//!
//! The class's PrivateEnvironment is part of the ordinary scope tree: every
//! private name `#x` the class body declares is a binding named `#x` of the
//! class scope (no identifier can be written that way), created after the
//! heritage was evaluated (15.7.14 step 8.b: the heritage sees the outer
//! private environment) and holding a new private symbol per evaluation
//! of the class (`Helper(NewPrivateName)`). So nested classes shadow
//! names, closures and arrow functions capture them like variables, and a
//! direct eval's scope descriptor carries them to the eval code (see
//! `eval.rs`, `backend/dynamic_code.rs`).
//!
//! `o.#x` pushes the binding's value through `PrivateKey`; the property
//! command that consumes the key (`GetProperty`, `PropertyReference`,
//! `CalleeProperty`) becomes a private access in the backend (see
//! `backend/compiler/private.rs`), so assignments, compound and logical
//! assignments, updates, destructuring targets, optional chains and calls
//! work through the code paths of ordinary member expressions.
//!
//! Private methods and accessors are closures created once per class
//! evaluation, kept in hidden bindings (`%pmN`) of the class scope, and
//! added to each instance by the instance initializer before the fields
//! (7.3.34 InitializeInstanceElements steps 3-4), or to F before the static
//! fields (15.7.14 step 36).

use super::*;

/// The private methods and accessors of one class, in definition order.
#[derive(Default)]
pub(in crate::semantics::analyzer) struct ClassPrivate {
    methods: Vec<PrivateMethod>,
}

/// One private method or accessor (a getter and setter of the same name
/// make one element).
struct PrivateMethod {
    /// The `#x` binding.
    name: Symbol,
    is_static: bool,
    /// The method, or the getter, in a hidden binding.
    value: Option<Symbol>,
    /// The setter of an accessor.
    setter: Option<Symbol>,
    accessor: bool,
}

impl<'a> Analyzer<'a> {
    /// The `#x` binding name of a private name node's `arg`.
    pub(in crate::semantics::analyzer) fn private_symbol(&mut self, arg: u32) -> Symbol {
        let name = format!("#{}", self.ast.name(arg));
        self.program.symbol(&name)
    }

    /// 15.7.14 ClassDefinitionEvaluation steps 5-6: one new Private Name per
    /// name in PrivateBoundIdentifiers of the class body, in the class
    /// scope; called after the heritage (step 8.b).
    pub(in crate::semantics::analyzer) fn declare_private_names(
        &mut self,
        elements: &[usize],
    ) -> Result<()> {
        use CompileCommand as C;
        self.class_private.push(ClassPrivate::default());
        let scope = *self.cur().chain.last().unwrap_or(&ScopeRef(0));
        let mut declared = Vec::new();
        for &e in elements {
            let en = self.ast.nodes[e];
            if !matches!(en.kind, NodeKind::Method | NodeKind::Field) {
                continue;
            }
            let Some(&key) = self.ast.children(e).first() else {
                continue;
            };
            let kn = self.ast.nodes[key];
            if kn.kind != NodeKind::PrivateName {
                continue;
            }
            let sym = self.private_symbol(kn.arg);
            if declared.contains(&sym) {
                continue;
            }
            declared.push(sym);
            let l = Locator::Local(self.new_local()?);
            self.push_variable(scope, sym, VariableKind::Var, l);
            let description = self
                .program
                .string(self.program.symbol_name(sym).to_owned().as_str());
            self.emit_all(&[
                C::VariableReference(sym, l),
                C::String(description),
                C::Helper(Helper::NewPrivateName),
                C::Assignment,
                C::Discard,
            ]);
        }
        Ok(())
    }

    /// Whether a class element is a private method, getter or setter.
    pub(in crate::semantics::analyzer) fn is_private_method(&self, e: usize) -> bool {
        let en = self.ast.nodes[e];
        en.kind == NodeKind::Method
            && !en.has(flags::CONSTRUCTOR)
            && self
                .ast
                .children(e)
                .first()
                .is_some_and(|&k| self.ast.nodes[k].kind == NodeKind::PrivateName)
    }

    /// 15.4.4 / 15.4.5 MethodDefinitionEvaluation of a private method,
    /// getter or setter (its [[HomeObject]] is `home`): the closure goes to a
    /// hidden binding of the class scope.
    pub(in crate::semantics::analyzer) fn private_method(
        &mut self,
        e: usize,
        home: Symbol,
    ) -> Result<()> {
        use CompileCommand as C;
        let en = self.ast.nodes[e];
        let Some(&key) = self.ast.children(e).first() else {
            return self.err("malformed method");
        };
        let name = self.private_symbol(self.ast.nodes[key].arg);
        let prefix = if en.has(flags::GETTER) {
            "get "
        } else if en.has(flags::SETTER) {
            "set "
        } else {
            ""
        };
        let fname = format!("{prefix}{}", self.program.symbol_name(name));
        let fname = self.program.symbol(&fname);
        let holder = self.new_label("pm");
        let scope = *self.cur().chain.last().unwrap_or(&ScopeRef(0));
        let l = Locator::Local(self.new_local()?);
        self.push_variable(scope, holder, VariableKind::Var, l);
        self.emit(C::VariableReference(holder, l));
        self.pending_method = class::PendingMethod {
            home: Some(home),
            ctor: None,
        };
        let r = self.function(e, Some(fname));
        self.pending_method = class::PendingMethod::default();
        r?;
        self.emit_all(&[C::Assignment, C::Discard]);
        let is_static = en.has(flags::STATIC);
        let Some(class) = self.class_private.last_mut() else {
            return self.err("private method outside a class");
        };
        let accessor = en.has(flags::GETTER) || en.has(flags::SETTER);
        let existing = class
            .methods
            .iter_mut()
            .find(|m| m.name == name && m.accessor && accessor);
        let m = match existing {
            Some(m) => m,
            None => {
                class.methods.push(PrivateMethod {
                    name,
                    is_static,
                    value: None,
                    setter: None,
                    accessor,
                });
                let Some(m) = class.methods.last_mut() else {
                    return self.err("private method");
                };
                m
            }
        };
        if en.has(flags::SETTER) {
            m.setter = Some(holder);
        } else {
            m.value = Some(holder);
        }
        Ok(())
    }

    /// Whether the class being defined has private methods or accessors
    /// (static or not, per `is_static`).
    pub(in crate::semantics::analyzer) fn has_private_methods(
        &self,
        elements: &[usize],
        is_static: bool,
    ) -> bool {
        elements.iter().any(|&e| {
            self.is_private_method(e) && self.ast.nodes[e].has(flags::STATIC) == is_static
        })
    }

    /// 7.3.29 PrivateMethodOrAccessorAdd of every private method of the
    /// class (static or not) to this value (7.3.34 InitializeInstanceElements
    /// step 3; 15.7.14 step 36 for F).
    pub(in crate::semantics::analyzer) fn private_methods_add(
        &mut self,
        is_static: bool,
    ) -> Result<()> {
        use CompileCommand as C;
        let Some(class) = self.class_private.last() else {
            return self.err("private methods outside a class");
        };
        let methods: Vec<_> = class
            .methods
            .iter()
            .filter(|m| m.is_static == is_static)
            .map(|m| (m.name, m.value, m.setter, m.accessor))
            .collect();
        for (name, value, setter, accessor) in methods {
            self.this_expression()?;
            let l = self.resolve(name)?;
            self.emit(C::VariableReference(name, l));
            for holder in [Some(value), accessor.then_some(setter)]
                .into_iter()
                .flatten()
            {
                match holder {
                    Some(h) => {
                        let l = self.resolve(h)?;
                        self.emit(C::VariableReference(h, l));
                    }
                    None => self.emit(C::Undefined),
                }
            }
            let helper = if accessor {
                Helper::PrivateAccessorAdd
            } else {
                Helper::PrivateMethodAdd
            };
            self.emit_all(&[C::Helper(helper), C::Discard]);
        }
        Ok(())
    }

    /// `[] -> [key]`: the private name `#x` (a `PrivateName`,
    /// `PrivateMember` or `PrivateIn` node's `arg`) as the key of a private
    /// reference (13.3.2 MakePrivateReference with 9.2.1.1
    /// ResolvePrivateIdentifier).
    pub(in crate::semantics::analyzer) fn private_key(&mut self, arg: u32) -> Result<()> {
        self.private_name_value(arg)?;
        self.emit(CompileCommand::PrivateKey);
        Ok(())
    }

    /// `[] -> [name]`: the value of the binding of `#x`.
    pub(in crate::semantics::analyzer) fn private_name_value(&mut self, arg: u32) -> Result<()> {
        let sym = self.private_symbol(arg);
        let l = self.resolve(sym)?;
        if matches!(l, Locator::Global | Locator::None) {
            let name = self.program.symbol_name(sym).to_owned();
            return self.early_error(format!(
                "Private field '{name}' must be declared in an enclosing class"
            ));
        }
        self.emit(CompileCommand::VariableReference(sym, l));
        Ok(())
    }

    /// 13.10.1 `#x in obj`: `[] -> [boolean]`.
    pub(in crate::semantics::analyzer) fn private_in(&mut self, i: usize) -> Result<()> {
        let node = self.ast.nodes[i];
        let Some(&object) = self.ast.children(i).first() else {
            return self.err("malformed private in");
        };
        self.private_name_value(node.arg)?;
        self.expression(object)?;
        self.emit(CompileCommand::Helper(Helper::PrivateIn));
        Ok(())
    }
}
