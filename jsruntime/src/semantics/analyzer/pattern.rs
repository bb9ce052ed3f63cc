//! Destructuring: binding patterns (8.6.2 BindingInitialization) and
//! assignment patterns (13.15.5 DestructuringAssignmentEvaluation).

use super::*;

impl<'a> Analyzer<'a> {
    /// Binds the value in `source` to a binding target or assignment target
    /// (8.6.2 BindingInitialization, 13.15.5 DestructuringAssignmentEvaluation).
    pub(super) fn bind(
        &mut self,
        target: usize,
        source: (Symbol, Locator),
        mode: BindMode,
    ) -> Result<()> {
        self.enter(target)?;
        let node = self.ast.nodes[target];
        use NodeKind as K;
        match node.kind {
            K::BindingIdentifier | K::IdentifierReference => {
                self.binding_reference(node.arg)?;
                self.emit(CompileCommand::VariableReference(source.0, source.1));
                self.finish_bind(mode);
            }
            K::ObjectBindingPattern | K::ObjectAssignmentPattern
                if self.ast.children(target).last().is_some_and(|&c| {
                    matches!(self.ast.nodes[c].kind, K::BindingRest | K::AssignmentRest)
                }) =>
            {
                self.object_pattern_with_rest(target, source, mode)?;
            }
            K::StaticMember | K::ComputedMember | K::PrivateMember => {
                self.member_reference(target)?;
                self.emit(CompileCommand::VariableReference(source.0, source.1));
                self.emit_all(&[CompileCommand::Assignment, CompileCommand::Discard]);
            }
            K::ObjectBindingPattern | K::ObjectAssignmentPattern => {
                // 8.6.2 / 13.15.5.2 step 1: RequireObjectCoercible (7.2.1).
                self.emit_all(&[
                    CompileCommand::VariableReference(source.0, source.1),
                    CompileCommand::Helper(Helper::RequireObjectCoercible),
                    CompileCommand::Discard,
                ]);
                for c in self.ast.children(target) {
                    let cn = self.ast.nodes[c];
                    match cn.kind {
                        K::BindingIdentifier | K::IdentifierReference => {
                            let key = self.program.string(self.ast.name(cn.arg));
                            self.property_value(source, |a| {
                                a.emit(CompileCommand::String(key));
                                Ok(())
                            })?;
                            let t = self.store_temp()?;
                            self.bind(c, t, mode)?;
                            self.free_temp(t);
                        }
                        K::BindingDefault | K::AssignmentDefault => {
                            let children = self.ast.children(c);
                            let (Some(&inner), Some(&init)) = (children.first(), children.get(1))
                            else {
                                continue;
                            };
                            let name = self.ast.name(self.ast.nodes[inner].arg).to_owned();
                            let key = self.program.string(&name);
                            self.property_value(source, |a| {
                                a.emit(CompileCommand::String(key));
                                Ok(())
                            })?;
                            let t = self.store_temp()?;
                            self.default_value(t, init, inner)?;
                            self.bind(inner, t, mode)?;
                            self.free_temp(t);
                        }
                        K::BindingProperty | K::AssignmentProperty => {
                            let children = self.ast.children(c);
                            let (Some(&key), Some(&value)) = (children.first(), children.get(1))
                            else {
                                continue;
                            };
                            if mode == BindMode::Assign
                                && (self.is_member(value) || self.is_member_with_default(value))
                            {
                                self.keyed_member_assignment(source, key, value)?;
                                continue;
                            }
                            self.property_value(source, |a| a.property_key(key))?;
                            let t = self.store_temp()?;
                            self.bind_element(value, t, mode)?;
                            self.free_temp(t);
                        }
                        K::CoverInitializedName => {
                            let children = self.ast.children(c);
                            let (Some(&inner), Some(&init)) = (children.first(), children.get(1))
                            else {
                                continue;
                            };
                            let key = self
                                .program
                                .string(self.ast.name(self.ast.nodes[inner].arg));
                            self.property_value(source, |a| {
                                a.emit(CompileCommand::String(key));
                                Ok(())
                            })?;
                            let t = self.store_temp()?;
                            self.default_value(t, init, inner)?;
                            self.bind(inner, t, mode)?;
                            self.free_temp(t);
                        }
                        _ => {
                            self.span = cn.span;
                            return self.unsupported("rest properties in object patterns");
                        }
                    }
                }
            }
            K::ArrayBindingPattern | K::ArrayAssignmentPattern => {
                self.array_pattern(target, source, mode)?;
            }
            K::BindingDefault | K::AssignmentDefault => self.bind_element(target, source, mode)?,
            // `for (f() in o)` (B.3.7).
            K::Call if mode == BindMode::Assign && !node.has(flags::OPTIONAL) => {
                self.call_target_reference(target)?;
                self.emit(CompileCommand::VariableReference(source.0, source.1));
                self.finish_bind(mode);
            }
            _ => {
                self.span = node.span;
                return self.err("invalid destructuring target");
            }
        }
        self.leave();
        Ok(())
    }

    /// 8.6.3 IteratorBindingInitialization / 13.15.5.5
    /// IteratorDestructuringAssignmentEvaluation: the elements read the
    /// iterator of the value; an abrupt completion of an element closes it
    /// (quietly for a throw), a normal one closes it unless it is done.
    fn array_pattern(
        &mut self,
        target: usize,
        source: (Symbol, Locator),
        mode: BindMode,
    ) -> Result<()> {
        use CompileCommand as C;
        use NodeKind as K;
        self.emit_all(&[
            C::VariableReference(source.0, source.1),
            C::Helper(Helper::PatternIterator),
        ]);
        let rec = self.store_temp()?;
        self.emit(C::Try {
            has_catch: true,
            has_finally: false,
        });
        for (index, c) in self.ast.children(target).into_iter().enumerate() {
            let cn = self.ast.nodes[c];
            let index = C::Number(index as f64);
            match cn.kind {
                K::Hole => self.emit_all(&[
                    C::VariableReference(rec.0, rec.1),
                    index,
                    C::Helper(Helper::PatternStep),
                    C::Discard,
                ]),
                K::BindingRest | K::AssignmentRest => {
                    let Some(&inner) = self.ast.children(c).first() else {
                        continue;
                    };
                    if self.is_member(inner) {
                        // 13.15.5.5 AssignmentRestElement step 1: the
                        // reference first.
                        self.member_reference(inner)?;
                        self.emit_all(&[
                            C::VariableReference(rec.0, rec.1),
                            index,
                            C::Helper(Helper::PatternRest),
                            C::Assignment,
                            C::Discard,
                        ]);
                        continue;
                    }
                    self.emit_all(&[
                        C::VariableReference(rec.0, rec.1),
                        index,
                        C::Helper(Helper::PatternRest),
                    ]);
                    let t = self.store_temp()?;
                    self.bind(inner, t, mode)?;
                    self.free_temp(t);
                }
                _ if self.is_member(c) || self.is_member_with_default(c) => {
                    // 13.15.5.5 AssignmentElement step 1: a member target's
                    // reference is evaluated before the iterator steps.
                    let children = self.ast.children(c);
                    let (inner, init) = if self.is_member(c) {
                        (c, None)
                    } else {
                        (children[0], children.get(1).copied())
                    };
                    self.member_reference(inner)?;
                    self.emit_all(&[
                        C::VariableReference(rec.0, rec.1),
                        index,
                        C::Helper(Helper::PatternStep),
                    ]);
                    let t = self.store_temp()?;
                    if let Some(init) = init {
                        self.default_value(t, init, inner)?;
                    }
                    self.emit_all(&[C::VariableReference(t.0, t.1), C::Assignment, C::Discard]);
                    self.free_temp(t);
                }
                _ => {
                    self.emit_all(&[
                        C::VariableReference(rec.0, rec.1),
                        index,
                        C::Helper(Helper::PatternStep),
                    ]);
                    let t = self.store_temp()?;
                    self.bind_element(c, t, mode)?;
                    self.free_temp(t);
                }
            }
        }
        self.emit(C::Catch(true));
        let e = self.store_temp()?;
        self.emit_all(&[
            C::VariableReference(rec.0, rec.1),
            C::Helper(Helper::IteratorCloseQuiet),
            C::Discard,
            C::VariableReference(e.0, e.1),
            C::Throw,
            C::TryEnd,
            C::VariableReference(rec.0, rec.1),
            C::Helper(Helper::IteratorClose),
            C::Discard,
        ]);
        self.free_temp(e);
        self.free_temp(rec);
        Ok(())
    }

    fn is_member(&self, i: usize) -> bool {
        let n = self.ast.nodes[i];
        matches!(
            n.kind,
            NodeKind::StaticMember | NodeKind::ComputedMember | NodeKind::PrivateMember
        ) && !n.has(flags::OPTIONAL)
    }

    fn is_member_with_default(&self, i: usize) -> bool {
        self.ast.nodes[i].kind == NodeKind::AssignmentDefault
            && self
                .ast
                .children(i)
                .first()
                .is_some_and(|&t| self.is_member(t))
    }

    /// An object pattern ending in a rest element (14.3.3.1
    /// RestBindingInitialization, 13.15.5.4 RestDestructuringAssignment
    /// Evaluation): the keys of the other properties are collected in an
    /// array, the rest gets a copy of the remaining own enumerable
    /// properties.
    fn object_pattern_with_rest(
        &mut self,
        target: usize,
        source: (Symbol, Locator),
        mode: BindMode,
    ) -> Result<()> {
        use CompileCommand as C;
        use NodeKind as K;
        self.emit_all(&[
            C::VariableReference(source.0, source.1),
            C::Helper(Helper::RequireObjectCoercible),
            C::Discard,
            C::Array,
        ]);
        let keys = self.store_temp()?;
        for c in self.ast.children(target) {
            let cn = self.ast.nodes[c];
            // The key into a temporary, recorded in `keys`.
            let (value_target, with_default) = match cn.kind {
                K::BindingRest | K::AssignmentRest => {
                    let Some(&inner) = self.ast.children(c).first() else {
                        continue;
                    };
                    self.emit_all(&[
                        C::VariableReference(source.0, source.1),
                        C::VariableReference(keys.0, keys.1),
                        C::Helper(Helper::CopyDataExcluding),
                    ]);
                    let t = self.store_temp()?;
                    self.bind(inner, t, mode)?;
                    self.free_temp(t);
                    continue;
                }
                K::BindingIdentifier | K::IdentifierReference => {
                    let key = self.program.string(self.ast.name(cn.arg));
                    self.emit(C::String(key));
                    (c, None)
                }
                K::BindingDefault | K::AssignmentDefault | K::CoverInitializedName => {
                    let children = self.ast.children(c);
                    let (Some(&inner), Some(&init)) = (children.first(), children.get(1)) else {
                        continue;
                    };
                    let key = self
                        .program
                        .string(self.ast.name(self.ast.nodes[inner].arg));
                    self.emit(C::String(key));
                    (inner, Some(init))
                }
                K::BindingProperty | K::AssignmentProperty => {
                    let children = self.ast.children(c);
                    let (Some(&key), Some(&value)) = (children.first(), children.get(1)) else {
                        continue;
                    };
                    self.property_key(key)?;
                    self.emit(C::Helper(Helper::ToPropertyKey));
                    (value, None)
                }
                _ => {
                    self.span = cn.span;
                    return self.err("invalid object pattern element");
                }
            };
            let k = self.store_temp()?;
            self.emit_all(&[
                C::VariableReference(keys.0, keys.1),
                C::VariableReference(k.0, k.1),
                C::PushArrayElement,
                C::Discard,
            ]);
            self.property_value(source, |a| {
                a.emit(C::VariableReference(k.0, k.1));
                Ok(())
            })?;
            self.free_temp(k);
            let t = self.store_temp()?;
            match with_default {
                Some(init) => {
                    self.default_value(t, init, value_target)?;
                    self.bind(value_target, t, mode)?;
                }
                None => self.bind_element(value_target, t, mode)?,
            }
            self.free_temp(t);
        }
        self.free_temp(keys);
        Ok(())
    }

    pub(super) fn finish_bind(&mut self, mode: BindMode) {
        match mode {
            BindMode::Initialize => self.emit(CompileCommand::Initialize),
            BindMode::Assign => {
                self.emit_all(&[CompileCommand::Assignment, CompileCommand::Discard]);
            }
        }
    }

    /// A pattern element, possibly with a default value.
    fn bind_element(&mut self, c: usize, t: (Symbol, Locator), mode: BindMode) -> Result<()> {
        let cn = self.ast.nodes[c];
        if matches!(
            cn.kind,
            NodeKind::BindingDefault | NodeKind::AssignmentDefault
        ) {
            let children = self.ast.children(c);
            let (Some(&inner), Some(&init)) = (children.first(), children.get(1)) else {
                return Ok(());
            };
            self.default_value(t, init, inner)?;
            self.bind(inner, t, mode)
        } else {
            self.bind(c, t, mode)
        }
    }

    /// 13.15.5.6 KeyedDestructuringAssignmentEvaluation of `key: target`
    /// (or `key: target = init`) whose target is a member expression: the
    /// key (ToPropertyKey), then the target's reference (step 1), then the
    /// value (step 2), the default (step 3) and PutValue (step 4).
    fn keyed_member_assignment(
        &mut self,
        source: (Symbol, Locator),
        key: usize,
        value: usize,
    ) -> Result<()> {
        use CompileCommand as C;
        let (inner, init) = if self.is_member(value) {
            (value, None)
        } else {
            let children = self.ast.children(value);
            let Some(&inner) = children.first() else {
                return self.err("malformed destructuring default");
            };
            (inner, children.get(1).copied())
        };
        self.property_key(key)?;
        self.emit(C::Helper(Helper::ToPropertyKey));
        let k = self.store_temp()?;
        self.member_reference(inner)?;
        self.property_value(source, |a| {
            a.emit(C::VariableReference(k.0, k.1));
            Ok(())
        })?;
        let t = self.store_temp()?;
        if let Some(init) = init {
            self.default_value(t, init, inner)?;
        }
        self.emit_all(&[C::VariableReference(t.0, t.1), C::Assignment, C::Discard]);
        self.free_temp(t);
        self.free_temp(k);
        Ok(())
    }

    /// `[] -> [value]`: `source[key]`.
    fn property_value(
        &mut self,
        source: (Symbol, Locator),
        key: impl FnOnce(&mut Self) -> Result<()>,
    ) -> Result<()> {
        self.emit(CompileCommand::VariableReference(source.0, source.1));
        key(self)?;
        let cache = self.cache();
        self.emit(CompileCommand::GetProperty(cache));
        Ok(())
    }

    /// `if (t === undefined) t = init`.
    fn default_value(&mut self, t: (Symbol, Locator), init: usize, target: usize) -> Result<()> {
        self.emit_all(&[
            CompileCommand::VariableReference(t.0, t.1),
            CompileCommand::Undefined,
            CompileCommand::Binary(BinaryOperator::StrictEquality),
            CompileCommand::IfThen,
            CompileCommand::VariableReference(t.0, t.1),
        ]);
        self.expression_named(init, target)?;
        self.emit_all(&[
            CompileCommand::Assignment,
            CompileCommand::Discard,
            CompileCommand::IfStatement,
        ]);
        Ok(())
    }
}
