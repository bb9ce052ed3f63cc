//! Object and array literals (13.2.4, 13.2.5): property definitions,
//! property keys and function names.

use jsparser::syntax::static_semantics as ss;

use super::*;

impl<'a> Analyzer<'a> {
    /// 13.2.4 ArrayLiteral.
    pub(in crate::semantics::analyzer) fn array_literal(
        &mut self,
        children: &[usize],
    ) -> Result<()> {
        use CompileCommand as C;
        self.emit(C::Array);
        // Literal elements waiting to be appended (see `flush_constants`).
        let mut run: Vec<CompileCommand> = Vec::new();
        for &c in children {
            // 13.2.4.1 ArrayAccumulation: an elision only grows
            // the length (a hole), a spread element appends the
            // values of its iterable.
            match self.ast.nodes[c].kind {
                NodeKind::Hole => {
                    self.flush_constants(&mut run, None);
                    self.emit_all(&[C::Helper(Helper::Hole), C::PushArrayElement]);
                }
                NodeKind::SpreadElement => {
                    self.flush_constants(&mut run, None);
                    let Some(&e) = self.ast.children(c).first() else {
                        return self.err("malformed spread element");
                    };
                    self.expression(e)?;
                    self.emit(C::Helper(Helper::AppendSpread));
                }
                _ => {
                    if self.literal_element(c, &mut run)? {
                        continue;
                    }
                    self.flush_constants(&mut run, None);
                    self.expression(c)?;
                    self.emit(C::PushArrayElement);
                }
            }
        }
        self.flush_constants(&mut run, None);
        Ok(())
    }

    /// Adds an array element that is a literal (`null`, `true`, `false`, a
    /// number, a string, or minus a number) to `run`; false for other
    /// elements (nothing emitted).
    fn literal_element(&mut self, c: usize, run: &mut Vec<CompileCommand>) -> Result<bool> {
        match self.literal_constant(c)? {
            Literal::No => Ok(false),
            Literal::Constant(constant) => {
                run.push(constant);
                Ok(true)
            }
            Literal::Emitted(start) => {
                // Not a single constant after all: the element stays as
                // emitted, after the pending ones (a literal's commands
                // insert nothing elsewhere, so `start` still holds).
                self.flush_constants(run, Some(start));
                self.emit(CompileCommand::PushArrayElement);
                Ok(true)
            }
        }
    }

    /// Appends the pending literal elements of an array literal, at command
    /// index `at` (before an element already emitted there) or at the end.
    /// A long run becomes one `PushArrayConstants` of a table (a data array
    /// of a million numbers would otherwise be two million commands and
    /// their machine code); a short one, `PushArrayElement` each.
    fn flush_constants(&mut self, run: &mut Vec<CompileCommand>, at: Option<usize>) {
        use CompileCommand as C;
        /// The shortest run put in a table.
        const MIN_TABLE: usize = 8;
        if run.is_empty() {
            return;
        }
        let commands: Vec<CompileCommand> = if run.len() >= MIN_TABLE {
            let list = self.program.constant_lists.len() as u32;
            self.program.constant_lists.push(std::mem::take(run));
            vec![C::PushArrayConstants(list)]
        } else {
            run.drain(..)
                .flat_map(|c| [c, C::PushArrayElement])
                .collect()
        };
        let position = self.span.start;
        let script = &mut self.cur().script;
        let at = at.unwrap_or(script.commands.len());
        script.insert_commands(at, commands, position);
    }

    /// 13.2.5 ObjectLiteral.
    pub(in crate::semantics::analyzer) fn object_literal(
        &mut self,
        children: &[usize],
    ) -> Result<()> {
        use CompileCommand as C;
        // 10.2.5 MakeMethod: methods that use `super` find the object (their
        // [[HomeObject]]) in a hidden binding of a scope around the literal.
        let needs_home = children
            .iter()
            .any(|&c| self.ast.nodes[c].kind == NodeKind::Method && self.contains_super(c));
        if !needs_home {
            self.emit(C::Object);
            for &c in children {
                self.property_definition(c, None)?;
            }
            return Ok(());
        }
        let scope = self.new_scope();
        let home = self.new_label("home");
        let l = Locator::Local(self.new_local()?);
        self.push_variable(scope, home, VariableKind::Var, l);
        self.cur().chain.push(scope);
        self.emit_all(&[
            C::PushScope(scope),
            C::DeclareVars(scope),
            C::VariableReference(home, l),
            C::Object,
            C::Assignment,
        ]);
        for &c in children {
            self.property_definition(c, Some(home))?;
        }
        self.cur().chain.pop();
        self.emit(C::PopScope(scope));
        Ok(())
    }

    /// Whether the subtree of `i` contains `super.x` or `super[x]`, or a
    /// call `eval(...)` (direct eval code may use `super.x`, 19.2.1.1 step
    /// 6.b) (an explicit stack: the depth of the tree is user controlled).
    fn contains_super(&self, i: usize) -> bool {
        let mut stack = vec![i];
        while let Some(n) = stack.pop() {
            let node = self.ast.nodes[n];
            if matches!(
                node.kind,
                NodeKind::SuperMember | NodeKind::SuperComputedMember
            ) {
                return true;
            }
            if node.kind == NodeKind::IdentifierReference && self.ast.name(node.arg) == "eval" {
                return true;
            }
            stack.extend(self.ast.children(n));
        }
        false
    }

    pub(in crate::semantics::analyzer) fn property_key(&mut self, key: usize) -> Result<()> {
        let kn = self.ast.nodes[key];
        match kn.kind {
            NodeKind::IdentifierName => {
                let s = self.program.string(self.ast.name(kn.arg));
                self.emit(CompileCommand::String(s));
            }
            NodeKind::ComputedPropertyName => {
                let Some(&e) = self.ast.children(key).first() else {
                    return self.err("malformed computed key");
                };
                self.expression(e)?;
            }
            NodeKind::NumericLiteral => {
                // ToPropertyKey of a number literal is its canonical string.
                let n = self.ast.numbers.get(kn.arg as usize).copied();
                self.emit(CompileCommand::Number(n.unwrap_or(f64::NAN)));
            }
            _ => self.expression(key)?,
        }
        Ok(())
    }

    /// 13.2.5.5 PropertyDefinitionEvaluation: `[object] -> [object]`.
    fn property_definition(&mut self, c: usize, home: Option<Symbol>) -> Result<()> {
        use CompileCommand as C;
        let cn = self.ast.nodes[c];
        self.span = cn.span;
        let children = self.ast.children(c);
        match cn.kind {
            NodeKind::Property => {
                let [key, value] = children[..] else {
                    return self.err("malformed property");
                };
                let kn = self.ast.nodes[key];
                // B.3.1: `__proto__: v` sets the prototype.
                let is_proto = match kn.kind {
                    NodeKind::IdentifierName => self.ast.name(kn.arg) == "__proto__",
                    NodeKind::StringLiteral => {
                        String::from_utf16_lossy(self.ast.string(kn.arg)) == "__proto__"
                    }
                    _ => false,
                };
                if is_proto {
                    self.expression(value)?;
                    self.emit(C::Helper(Helper::SetPrototype));
                    return Ok(());
                }
                let k = self.definition_key(key)?;
                let name = self.static_key_name(key);
                self.enter(value)?;
                let r = self.expression_inner(value, name);
                self.leave();
                r?;
                // 13.2.5.5 step 5: NamedEvaluation with a computed key.
                if let Some(k) = k {
                    if self.is_anonymous_function(value) {
                        self.emit_all(&[
                            C::VariableReference(k.0, k.1),
                            C::Helper(Helper::SetFunctionName),
                        ]);
                    }
                    self.free_temp(k);
                }
                self.emit(C::CreateDataProperty);
            }
            NodeKind::IdentifierReference => {
                let s = self.program.string(self.ast.name(cn.arg));
                self.emit(C::String(s));
                self.reference(cn.arg)?;
                self.emit(C::CreateDataProperty);
            }
            NodeKind::Method => {
                let Some(&key) = children.first() else {
                    return self.err("malformed method");
                };
                let (prefix, set_name, finish) = if cn.has(flags::GETTER) {
                    (
                        "get ",
                        Helper::SetGetterName,
                        C::Helper(Helper::DefineGetter),
                    )
                } else if cn.has(flags::SETTER) {
                    (
                        "set ",
                        Helper::SetSetterName,
                        C::Helper(Helper::DefineSetter),
                    )
                } else {
                    ("", Helper::SetFunctionName, C::CreateDataProperty)
                };
                let k = self.definition_key(key)?;
                let name = self.static_key_name(key).map(|s| {
                    let n = format!("{prefix}{}", self.program.symbol_name(s));
                    self.program.symbol(&n)
                });
                self.pending_method = class::PendingMethod { home, ctor: None };
                self.function(c, name)?;
                if let Some(k) = k {
                    self.emit_all(&[C::VariableReference(k.0, k.1), C::Helper(set_name)]);
                    self.free_temp(k);
                }
                self.emit(finish);
            }
            NodeKind::SpreadElement => {
                // 13.2.5.5 PropertyDefinition : ... AssignmentExpression
                // (7.3.25 CopyDataProperties).
                let Some(&e) = children.first() else {
                    return self.err("malformed spread element");
                };
                self.expression(e)?;
                self.emit(C::Helper(Helper::CopyDataProperties));
            }
            _ => return self.err("invalid property definition"),
        }
        Ok(())
    }

    /// Pushes the key of a property definition; a computed or numeric key
    /// is converted once (ToPropertyKey) and also kept in a temporary for
    /// SetFunctionName, which the caller frees.
    pub(in crate::semantics::analyzer) fn definition_key(
        &mut self,
        key: usize,
    ) -> Result<Option<(Symbol, Locator)>> {
        match self.ast.nodes[key].kind {
            NodeKind::IdentifierName | NodeKind::StringLiteral => {
                self.property_key(key)?;
                Ok(None)
            }
            _ => {
                self.property_key(key)?;
                self.emit(CompileCommand::Helper(Helper::ToPropertyKey));
                let t = self.store_temp()?;
                self.emit(CompileCommand::VariableReference(t.0, t.1));
                Ok(Some(t))
            }
        }
    }

    /// The function name of a literal key known statically.
    pub(in crate::semantics::analyzer) fn static_key_name(&mut self, key: usize) -> Option<Symbol> {
        let kn = self.ast.nodes[key];
        match kn.kind {
            NodeKind::IdentifierName => Some(self.program.symbol(self.ast.name(kn.arg))),
            NodeKind::StringLiteral => {
                let s = String::from_utf16_lossy(self.ast.string(kn.arg));
                Some(self.program.symbol(&s))
            }
            _ => None,
        }
    }

    /// 8.4.3 IsAnonymousFunctionDefinition (#sec-isanonymousfunctiondefinition).
    pub(in crate::semantics::analyzer) fn is_anonymous_function(&self, i: usize) -> bool {
        ss::is_anonymous_function_definition(&self.ast.nodes, i)
    }
}
