//! Classes (15.7): ClassDefinitionEvaluation desugared into compile
//! commands and class helpers, derived constructors and their this
//! binding, `super(...)`, `super.x`, public fields and static blocks.
//!
//! A class gets a scope of its own in the enclosing function (the class
//! scope, 15.7.14 step 4) with the immutable inner name binding and hidden
//! bindings: `%ctorN` (the constructor F), `%protoN` (F.prototype), `%initN`
//! (the function that defines the instance fields) and `%keyN` (computed
//! field keys). Methods, constructors and field initializers are ordinary
//! closures of that scope: they reach F, the prototype (their
//! [[HomeObject]], 10.2.5 MakeMethod) and the field initializer through
//! captures, so `super` and fields need no runtime lookup of a home object.

use super::*;

/// The hidden binding of a derived constructor that holds the object
/// receiving its this binding for [[Construct]] (10.2.2 step 12).
const THIS_BOX: &str = "%thisbox";

/// What the next function analyzed (a class element or an object literal
/// method) needs to know from its class.
#[derive(Clone, Copy, Default)]
pub(in crate::semantics::analyzer) struct PendingMethod {
    /// The hidden binding that holds the method's [[HomeObject]].
    pub(in crate::semantics::analyzer) home: Option<Symbol>,
    /// The function is the class constructor.
    pub(in crate::semantics::analyzer) ctor: Option<ClassCtor>,
}

/// The class constructor being analyzed.
#[derive(Clone, Copy)]
pub(in crate::semantics::analyzer) struct ClassCtor {
    /// The class has an `extends` clause.
    pub(super) derived: bool,
    /// The hidden binding of F (the active function of `super(...)`).
    pub(super) ctor: Symbol,
    /// The hidden binding of the instance field initializer, if any.
    pub(super) init: Option<Symbol>,
    /// The class's source text (the constructor's `toString`, 20.2.3.5).
    pub(super) source: Span,
}

/// A field or static block, run after the methods are defined.
#[derive(Clone, Copy)]
enum Deferred {
    /// A field: its node and its key (a string literal or the hidden binding
    /// of a computed key).
    Field(usize, FieldKey),
    /// A `static { }` block.
    StaticBlock(usize),
    /// The private methods and accessors (static or not), added before
    /// the fields (see `private.rs`).
    PrivateMethods(bool),
}

#[derive(Clone, Copy)]
enum FieldKey {
    Literal(StringId),
    Computed(Symbol),
    /// A private field: the `#x` binding.
    Private(Symbol),
}

/// The body of a function the class definition synthesises.
enum Synthetic<'s> {
    /// 15.7.14 step 14.a: `constructor() {}` or
    /// `constructor(...args) { super(...args) }` (without observable
    /// iteration).
    DefaultConstructor,
    /// The instance fields (15.7.10 ClassFieldDefinitionEvaluation, run by
    /// 7.3.34 InitializeInstanceElements) or one static field.
    Fields(&'s [Deferred]),
    /// A static block (15.7.11 ClassStaticBlockDefinitionEvaluation).
    StaticBlock(usize),
}

impl<'a> Analyzer<'a> {
    /// 15.7.16 ClassDeclaration evaluation (BindingClassDeclarationEvaluation).
    pub(in crate::semantics::analyzer) fn class_declaration(&mut self, i: usize) -> Result<()> {
        let Some(&id) = self.ast.children(i).first() else {
            return self.err("malformed class declaration");
        };
        let idn = self.ast.nodes[id];
        if idn.kind != NodeKind::BindingIdentifier {
            return self.unsupported("anonymous class declarations");
        }
        self.binding_reference(idn.arg)?;
        self.class_definition(i, None)?;
        self.emit(CompileCommand::Initialize);
        Ok(())
    }

    /// 15.7.16 ClassExpression evaluation: `[] -> [F]`; `name` is the name
    /// of NamedEvaluation for an anonymous class.
    pub(in crate::semantics::analyzer) fn class_expression(
        &mut self,
        i: usize,
        name: Option<Symbol>,
    ) -> Result<()> {
        self.class_definition(i, name)
    }

    /// 15.7.14 ClassDefinitionEvaluation: `[] -> [F]`.
    fn class_definition(&mut self, i: usize, name: Option<Symbol>) -> Result<()> {
        use CompileCommand as C;
        let span = self.ast.nodes[i].span;
        let children = self.ast.children(i);
        let mut binding = None;
        let mut heritage = None;
        let mut body = None;
        for &c in &children {
            match self.ast.nodes[c].kind {
                NodeKind::BindingIdentifier => {
                    binding = Some(self.program.symbol(self.ast.name(self.ast.nodes[c].arg)))
                }
                NodeKind::ClassHeritage => heritage = self.ast.children(c).first().copied(),
                NodeKind::ClassBody => body = Some(c),
                _ => return self.err("malformed class"),
            }
        }
        let Some(body) = body else {
            return self.err("malformed class");
        };
        let elements = self.ast.children(body);
        // Steps 3-6: the class scope with the inner name binding (TDZ
        // until step 27) and the hidden bindings.
        let scope = self.new_scope();
        let ctor = self.new_label("ctor");
        let proto = self.new_label("proto");
        for sym in [ctor, proto] {
            let l = Locator::Local(self.new_local()?);
            self.push_variable(scope, sym, VariableKind::Var, l);
        }
        let inner = match binding {
            Some(sym) => {
                let l = Locator::Local(self.new_local()?);
                self.push_variable(scope, sym, VariableKind::Const, l);
                Some((sym, l))
            }
            None => None,
        };
        let has_instance_fields = elements.iter().any(|&e| {
            let n = self.ast.nodes[e];
            n.kind == NodeKind::Field && !n.has(flags::STATIC)
        }) || self.has_private_methods(&elements, false);
        let init = if has_instance_fields {
            let sym = self.new_label("init");
            let l = Locator::Local(self.new_local()?);
            self.push_variable(scope, sym, VariableKind::Var, l);
            Some((sym, l))
        } else {
            None
        };
        self.cur().chain.push(scope);
        self.emit(C::PushScope(scope));
        self.emit(C::DeclareVars(scope));
        self.class_depth += 1;
        let privates = self.class_private.len();
        let r = self.class_elements(
            heritage,
            &elements,
            ClassNames {
                ctor,
                proto,
                init,
                inner,
                name: binding.or(name),
            },
            span,
        );
        self.class_depth -= 1;
        self.class_private.truncate(privates);
        r?;
        let ctor_l = self.resolve(ctor)?;
        self.cur().chain.pop();
        self.emit(C::VariableReference(ctor, ctor_l));
        self.emit(C::PopScope(scope));
        Ok(())
    }

    fn class_elements(
        &mut self,
        heritage: Option<usize>,
        elements: &[usize],
        names: ClassNames,
        span: Span,
    ) -> Result<()> {
        use CompileCommand as C;
        // Step 8: ClassHeritage (strict code, in the class scope).
        match heritage {
            Some(h) => self.expression(h)?,
            None => self.emit(C::Helper(Helper::Hole)),
        }
        let heritage_value = self.store_temp()?;
        self.declare_private_names(elements)?;
        // Steps 12-14: the constructor F.
        let ctor_info = ClassCtor {
            derived: heritage.is_some(),
            ctor: names.ctor,
            init: names.init.map(|i| i.0),
            source: span,
        };
        let ctor_l = self.resolve(names.ctor)?;
        let proto_l = self.resolve(names.proto)?;
        self.emit(C::VariableReference(names.ctor, ctor_l));
        let explicit = elements.iter().copied().find(|&e| {
            let n = self.ast.nodes[e];
            n.kind == NodeKind::Method && n.has(flags::CONSTRUCTOR)
        });
        self.pending_method = PendingMethod {
            home: Some(names.proto),
            ctor: Some(ctor_info),
        };
        match explicit {
            Some(m) => self.function(m, names.name)?,
            None => {
                self.span = span;
                self.synthetic(Synthetic::DefaultConstructor, names.name)?;
            }
        }
        self.pending_method = PendingMethod::default();
        self.emit(C::Assignment);
        self.emit(C::Discard);
        // Steps 8-10, 15-18: the prototype and the links.
        self.emit_all(&[
            C::VariableReference(names.proto, proto_l),
            C::VariableReference(names.ctor, ctor_l),
            C::VariableReference(heritage_value.0, heritage_value.1),
            C::Helper(Helper::ClassSetup),
            C::Assignment,
            C::Discard,
        ]);
        self.free_temp(heritage_value);
        // Steps 19-25: the elements in order; fields and static blocks
        // keep their computed keys for later.
        let mut instance = Vec::new();
        let mut statics = Vec::new();
        if self.has_private_methods(elements, false) {
            instance.push(Deferred::PrivateMethods(false));
        }
        if self.has_private_methods(elements, true) {
            statics.push(Deferred::PrivateMethods(true));
        }
        for &e in elements {
            let en = self.ast.nodes[e];
            self.span = en.span;
            let is_static = en.has(flags::STATIC);
            match en.kind {
                NodeKind::Method if en.has(flags::CONSTRUCTOR) => {}
                NodeKind::Method if self.is_private_method(e) => {
                    let home = if is_static { names.ctor } else { names.proto };
                    self.private_method(e, home)?;
                }
                NodeKind::Method => {
                    let (target, target_l) = if is_static {
                        (names.ctor, ctor_l)
                    } else {
                        (names.proto, proto_l)
                    };
                    self.class_method(e, target, target_l)?;
                }
                NodeKind::Field => {
                    let key = self.field_key(e)?;
                    if is_static {
                        statics.push(Deferred::Field(e, key));
                    } else {
                        instance.push(Deferred::Field(e, key));
                    }
                }
                NodeKind::StaticBlock => statics.push(Deferred::StaticBlock(e)),
                _ => return self.err("malformed class element"),
            }
        }
        // The instance field initializer (run by the constructor).
        if let Some((sym, l)) = names.init {
            self.emit(C::VariableReference(sym, l));
            self.pending_method = PendingMethod {
                home: Some(names.proto),
                ctor: None,
            };
            let r = self.synthetic(Synthetic::Fields(&instance), None);
            self.pending_method = PendingMethod::default();
            r?;
            self.emit_all(&[C::Assignment, C::Discard]);
        }
        // Step 27: the inner name binding.
        if let Some((sym, l)) = names.inner {
            self.emit_all(&[
                C::VariableReference(sym, l),
                C::VariableReference(names.ctor, ctor_l),
                C::Initialize,
            ]);
        }
        // Step 31: static fields and blocks, in order, with this = F.
        for d in &statics {
            self.pending_method = PendingMethod {
                home: Some(names.ctor),
                ctor: None,
            };
            let r = match *d {
                Deferred::StaticBlock(b) => self.synthetic(Synthetic::StaticBlock(b), None),
                Deferred::Field(..) | Deferred::PrivateMethods(_) => {
                    self.synthetic(Synthetic::Fields(std::slice::from_ref(d)), None)
                }
            };
            self.pending_method = PendingMethod::default();
            r?;
            self.emit_all(&[
                C::VariableReference(names.ctor, ctor_l),
                C::CalleeWithThis,
                C::Call(0),
                C::Discard,
            ]);
        }
        Ok(())
    }

    /// 15.4.4 / 15.4.5 MethodDefinitionEvaluation of a class method, getter
    /// or setter on `target` (non-enumerable).
    fn class_method(&mut self, e: usize, target: Symbol, target_l: Locator) -> Result<()> {
        use CompileCommand as C;
        let en = self.ast.nodes[e];
        let Some(&key) = self.ast.children(e).first() else {
            return self.err("malformed method");
        };
        let (prefix, set_name, define) = if en.has(flags::GETTER) {
            ("get ", Helper::SetGetterName, Helper::DefineClassGetter)
        } else if en.has(flags::SETTER) {
            ("set ", Helper::SetSetterName, Helper::DefineClassSetter)
        } else {
            ("", Helper::SetFunctionName, Helper::DefineMethod)
        };
        self.emit(C::VariableReference(target, target_l));
        let k = self.definition_key(key)?;
        let name = self.static_key_name(key).map(|s| {
            let n = format!("{prefix}{}", self.program.symbol_name(s));
            self.program.symbol(&n)
        });
        self.pending_method = PendingMethod {
            home: Some(target),
            ctor: None,
        };
        let r = self.function(e, name);
        self.pending_method = PendingMethod::default();
        r?;
        if let Some(k) = k {
            self.emit_all(&[C::VariableReference(k.0, k.1), C::Helper(set_name)]);
            self.free_temp(k);
        }
        self.emit_all(&[C::Helper(define), C::Discard]);
        Ok(())
    }

    /// 15.7.10 ClassFieldDefinitionEvaluation step 1: the field's name,
    /// a computed key evaluated (ToPropertyKey) now, in element order.
    fn field_key(&mut self, e: usize) -> Result<FieldKey> {
        use CompileCommand as C;
        let Some(&key) = self.ast.children(e).first() else {
            return self.err("malformed field");
        };
        let kn = self.ast.nodes[key];
        match kn.kind {
            NodeKind::PrivateName => Ok(FieldKey::Private(self.private_symbol(kn.arg))),
            NodeKind::IdentifierName => Ok(FieldKey::Literal(
                self.program.string(self.ast.name(kn.arg)),
            )),
            NodeKind::StringLiteral => {
                let s = String::from_utf16_lossy(self.ast.string(kn.arg));
                Ok(FieldKey::Literal(self.program.string(&s)))
            }
            _ => {
                // A hidden binding of the class scope (the initializer
                // function captures it).
                let sym = self.new_label("key");
                let scope = *self.cur().chain.last().unwrap_or(&ScopeRef(0));
                let l = Locator::Local(self.new_local()?);
                self.push_variable(scope, sym, VariableKind::Var, l);
                self.emit(C::VariableReference(sym, l));
                self.property_key(key)?;
                self.emit_all(&[C::Helper(Helper::ToPropertyKey), C::Assignment, C::Discard]);
                Ok(FieldKey::Computed(sym))
            }
        }
    }

    /// Analyzes a function the class synthesises and emits its closure.
    fn synthetic(&mut self, kind: Synthetic, name: Option<Symbol>) -> Result<()> {
        use CompileCommand as C;
        let pending = std::mem::take(&mut self.pending_method);
        let id = FunctionId(self.program.functions.len() as u32);
        self.program.functions.push(CompileScript::default());
        self.push_fn(id, false, false, true);
        self.cur().script.name = name;
        self.cur().script.length = Some(0);
        self.cur().script.source = pending.ctor.map(|c| c.source);
        self.cur().home = pending.home;
        let r = (|| -> Result<()> {
            match kind {
                Synthetic::DefaultConstructor => {
                    self.begin_class_function(pending.ctor)?;
                    self.emit_all(&[C::PushScope(ScopeRef(0)), C::DeclareVars(ScopeRef(0))]);
                    self.cur().prologue_at = self.cur().script.commands.len();
                    self.class_constructor_prologue()?;
                    if self.cur().derived_this.is_some() {
                        // 15.7.14 step 14.a.i: Construct(F.[[GetPrototypeOf]](),
                        // args, NewTarget) without iterating the arguments.
                        self.super_call_with(|_| Ok(C::SuperCallForward))?;
                        self.emit(C::Discard);
                    }
                }
                Synthetic::Fields(fields) => {
                    self.cur().script.flags.method = true;
                    self.cur().field_initializer = true;
                    self.emit_all(&[C::PushScope(ScopeRef(0)), C::DeclareVars(ScopeRef(0))]);
                    self.cur().prologue_at = self.cur().script.commands.len();
                    for d in fields {
                        match *d {
                            Deferred::Field(f, key) => self.field_definition(f, key)?,
                            Deferred::PrivateMethods(is_static) => {
                                self.private_methods_add(is_static)?
                            }
                            Deferred::StaticBlock(_) => {}
                        }
                    }
                }
                Synthetic::StaticBlock(b) => {
                    self.cur().script.flags.method = true;
                    self.static_block_body(b)?;
                    return Ok(());
                }
            }
            self.emit(C::PopScope(ScopeRef(0)));
            Ok(())
        })();
        let sources = self.pop_fn();
        r?;
        self.emit_closure(id, &sources);
        Ok(())
    }

    /// 7.3.33 DefineField: `this[key] = initializer` (CreateDataPropertyOrThrow).
    fn field_definition(&mut self, f: usize, key: FieldKey) -> Result<()> {
        use CompileCommand as C;
        self.span = self.ast.nodes[f].span;
        self.this_expression()?;
        match key {
            FieldKey::Literal(s) => self.emit(C::String(s)),
            FieldKey::Computed(sym) | FieldKey::Private(sym) => {
                let l = self.resolve(sym)?;
                self.emit(C::VariableReference(sym, l));
            }
        }
        let children = self.ast.children(f);
        match children.get(1) {
            Some(&init) => {
                // 15.7.10 step 3 / 8.4.5 NamedEvaluation of an anonymous
                // function with the field's name.
                let name = match key {
                    FieldKey::Literal(s) => {
                        let n = self.program.strings.get(s.0 as usize).cloned();
                        n.map(|n| self.program.symbol(&n))
                    }
                    FieldKey::Private(sym) => Some(sym),
                    FieldKey::Computed(_) => None,
                };
                self.enter(init)?;
                let r = self.expression_inner(init, name);
                self.leave();
                r?;
                if let FieldKey::Computed(sym) = key {
                    if self.is_anonymous_function(init) {
                        let l = self.resolve(sym)?;
                        self.emit_all(&[
                            C::VariableReference(sym, l),
                            C::Helper(Helper::SetFunctionName),
                        ]);
                    }
                }
            }
            None => self.emit(C::Undefined),
        }
        let define = match key {
            // 7.3.33 DefineField step 5: PrivateFieldAdd.
            FieldKey::Private(_) => C::DefinePrivateField(self.cache()),
            _ => C::DefineField(self.cache()),
        };
        self.emit_all(&[define, C::Discard]);
        Ok(())
    }

    /// 15.7.11: the statements of a static block as a function body (its own
    /// `var` scope).
    fn static_block_body(&mut self, b: usize) -> Result<()> {
        use CompileCommand as C;
        let scope = ScopeRef(0);
        let statements = self.ast.children(b);
        let mut var_names = Vec::new();
        let mut functions = Vec::new();
        self.var_names(&statements, &mut var_names, &mut functions);
        for n in &var_names {
            self.declare(scope, n, VariableKind::Var)?;
        }
        self.declare_lexical(scope, &statements)?;
        self.emit_all(&[C::PushScope(scope), C::DeclareVars(scope)]);
        self.cur().prologue_at = self.cur().script.commands.len();
        for f in functions {
            self.emit_hoisted_function(f)?;
        }
        for s in statements {
            self.statement(s)?;
        }
        self.emit(C::PopScope(scope));
        Ok(())
    }

    /// Sets up a function that is a class constructor (called right after
    /// `push_fn`): its flags and, for a derived class, its this binding
    /// (declared in scope 0, undefined until `super()` returns).
    pub(super) fn begin_class_function(&mut self, ctor: Option<ClassCtor>) -> Result<()> {
        let Some(cc) = ctor else {
            return Ok(());
        };
        let f = self.cur();
        f.script.flags.class_constructor = true;
        f.script.flags.derived = cc.derived;
        f.script.flags.method = false;
        f.class_ctor = Some(cc);
        if cc.derived {
            let l = self.declare(ScopeRef(0), "this", VariableKind::Var)?;
            self.declare(ScopeRef(0), THIS_BOX, VariableKind::Var)?;
            self.cur().derived_this = Some(l);
        }
        Ok(())
    }

    /// The start of a class constructor, after `DeclareVars(0)`: [[Call]]
    /// throws (10.2.1 step 2), a derived constructor's this binding starts
    /// uninitialised, a base constructor defines the instance fields
    /// (10.2.2 step 6.b InitializeInstanceElements).
    pub(super) fn class_constructor_prologue(&mut self) -> Result<()> {
        use CompileCommand as C;
        let Some(cc) = self.cur().class_ctor else {
            return Ok(());
        };
        let name = match self.cur().script.name {
            Some(n) => format!("{} ", self.program.symbol_name(n)),
            None => String::new(),
        };
        let message = format!("Class constructor {name}cannot be invoked without 'new'");
        let message = self.program.string(&message);
        self.new_target()?;
        self.emit_all(&[
            C::Undefined,
            C::Binary(BinaryOperator::StrictEquality),
            C::IfThen,
            C::String(message),
            C::Helper(Helper::ThrowTypeError),
            C::Discard,
            C::IfStatement,
        ]);
        // A derived constructor's this binding starts undefined
        // (uninitialised, see `bridge/classes.rs`).
        if self.cur().derived_this.is_some() {
            // The this value [[Construct]] passes is the box that receives
            // the this binding (see `bridge::calls::construct_hook`).
            let sym = self.program.symbol(THIS_BOX);
            let l = self.resolve(sym)?;
            self.emit_all(&[
                C::VariableReference(sym, l),
                C::This,
                C::Assignment,
                C::Discard,
            ]);
        } else if let Some(init) = cc.init {
            let l = self.resolve(init)?;
            self.emit_all(&[
                C::VariableReference(init, l),
                C::This,
                C::CalleeWithThis,
                C::Call(0),
                C::Discard,
            ]);
        }
        Ok(())
    }

    /// The nearest non-arrow function (the one whose `this`, `super` and
    /// `new.target` an arrow function uses).
    fn this_function(&self) -> Option<&FnCtx> {
        self.fns.iter().rev().find(|f| !f.arrow)
    }

    /// Whether `this` here is the binding of a derived constructor.
    pub(super) fn this_is_derived(&self) -> bool {
        self.this_function()
            .is_some_and(|f| f.derived_this.is_some())
    }

    /// 13.3.7.1 `super(arguments)`: `[] -> [this]`.
    pub(in crate::semantics::analyzer) fn super_call(&mut self, args: &[usize]) -> Result<()> {
        let args = args.to_vec();
        let spread = args
            .iter()
            .any(|&a| self.ast.nodes[a].kind == NodeKind::SpreadElement);
        if spread {
            self.super_call_with(|a| {
                a.spread_arguments(&args)?;
                Ok(CompileCommand::Helper(Helper::SuperCall))
            })
        } else {
            self.super_call_with(|a| Ok(CompileCommand::SuperCall(a.arguments(&args)?)))
        }
    }

    /// `arguments` pushes the argument operands and returns the command
    /// that makes the call (`Helper(SuperCall)` with an array,
    /// `SuperCall(n)`, `SuperCallForward`).
    fn super_call_with(
        &mut self,
        arguments: impl FnOnce(&mut Self) -> Result<CompileCommand>,
    ) -> Result<()> {
        use CompileCommand as C;
        let Some(cc) = self.this_function().and_then(|f| f.class_ctor) else {
            return self.err("'super()' outside a derived constructor");
        };
        let this = self.program.symbol("this");
        let this_l = self.resolve(this)?;
        let ctor_l = self.resolve(cc.ctor)?;
        let bx = self.program.symbol(THIS_BOX);
        let box_l = self.resolve(bx)?;
        self.emit_all(&[
            C::VariableReference(this, this_l),
            C::VariableReference(cc.ctor, ctor_l),
        ]);
        self.new_target()?;
        let call = arguments(self)?;
        // 13.3.7.1 steps 6-9: Construct, then BindThisValue.
        self.emit_all(&[
            call,
            C::VariableReference(this, this_l),
            C::VariableReference(bx, box_l),
            C::Helper(Helper::BindThis),
            C::Assignment,
        ]);
        // Step 10: InitializeInstanceElements(result, F).
        if let Some(init) = cc.init {
            let l = self.resolve(init)?;
            self.emit_all(&[
                C::VariableReference(init, l),
                C::VariableReference(this, this_l),
                C::CalleeWithThis,
                C::Call(0),
                C::Discard,
            ]);
        }
        Ok(())
    }

    /// The hidden binding of the [[HomeObject]] of `super.x` here.
    fn home_object(&mut self) -> Result<(Symbol, Locator)> {
        let home = self.this_function().and_then(|f| f.home);
        // Direct eval code in a method (19.2.1.1 step 6.b).
        let Some(home) = home.or(self.eval_home) else {
            return self.unsupported("'super' here");
        };
        let l = self.resolve(home)?;
        Ok((home, l))
    }

    /// Pushes `[this, key]` of `super.name` / `super[expr]` (13.3.7.1:
    /// GetThisBinding before the key expression).
    fn super_reference(&mut self, i: usize) -> Result<()> {
        let node = self.ast.nodes[i];
        self.this_expression()?;
        if node.kind == NodeKind::SuperMember {
            let s = self.program.string(self.ast.name(node.arg));
            self.emit(CompileCommand::String(s));
        } else {
            let Some(&k) = self.ast.children(i).first() else {
                return self.err("malformed super member");
            };
            self.expression(k)?;
        }
        Ok(())
    }

    /// `super.x` / `super[x]` read: `[] -> [value]`.
    pub(in crate::semantics::analyzer) fn super_member(&mut self, i: usize) -> Result<()> {
        let home = self.home_object()?;
        self.super_reference(i)?;
        let cache = self.cache();
        self.emit_all(&[
            CompileCommand::VariableReference(home.0, home.1),
            CompileCommand::GetSuperProperty(cache),
        ]);
        Ok(())
    }

    /// `super.m(args)`: the method is called with this value `this`.
    pub(in crate::semantics::analyzer) fn super_method_callee(
        &mut self,
        i: usize,
    ) -> Result<(Symbol, Locator)> {
        use CompileCommand as C;
        let home = self.home_object()?;
        self.this_expression()?;
        let this = self.store_temp()?;
        self.emit(C::VariableReference(this.0, this.1));
        let node = self.ast.nodes[i];
        if node.kind == NodeKind::SuperMember {
            let s = self.program.string(self.ast.name(node.arg));
            self.emit(C::String(s));
        } else if let Some(&k) = self.ast.children(i).first() {
            self.expression(k)?;
        }
        let cache = self.cache();
        self.emit_all(&[
            C::VariableReference(home.0, home.1),
            C::GetSuperProperty(cache),
        ]);
        Ok(this)
    }

    /// `super.x = value`: `[] -> [value]`.
    /// A super reference that is read and written: `[] -> [this, key]`
    /// with the key converted (ToPropertyKey, once), and the base
    /// (GetSuperBase, taken before the conversion) in the returned
    /// temporary.
    fn super_reference_base(&mut self, target: usize) -> Result<(Symbol, Locator)> {
        let home = self.home_object()?;
        self.super_reference(target)?;
        self.emit_all(&[
            CompileCommand::VariableReference(home.0, home.1),
            CompileCommand::Helper(Helper::SuperBase),
        ]);
        let base = self.store_temp()?;
        self.emit(CompileCommand::Helper(Helper::ToPropertyKey));
        Ok(base)
    }

    fn super_set_on_base_helper(&mut self) -> Helper {
        if self.cur().script.flags.strict {
            Helper::SuperSetOnBase
        } else {
            Helper::SuperSetOnBaseSloppy
        }
    }

    /// PutValue of a super reference throws on failure in strict code only.
    fn super_set_helper(&mut self) -> Helper {
        if self.cur().script.flags.strict {
            Helper::SuperSet
        } else {
            Helper::SuperSetSloppy
        }
    }

    pub(in crate::semantics::analyzer) fn super_assignment(
        &mut self,
        target: usize,
        value: usize,
    ) -> Result<()> {
        let home = self.home_object()?;
        self.super_reference(target)?;
        self.expression(value)?;
        let set = self.super_set_helper();
        self.emit_all(&[
            CompileCommand::VariableReference(home.0, home.1),
            CompileCommand::Helper(set),
        ]);
        Ok(())
    }

    /// `super[key] op= value` (13.15.2): the this value and the key
    /// (ToPropertyKey, once) are kept in temporaries for the read and the
    /// write.
    pub(in crate::semantics::analyzer) fn super_compound_assignment(
        &mut self,
        target: usize,
        value: usize,
        op: BinaryOperator,
    ) -> Result<()> {
        use CompileCommand as C;
        let base = self.super_reference_base(target)?;
        let key = self.store_temp()?;
        let this = self.store_temp()?;
        self.emit_all(&[
            C::VariableReference(this.0, this.1),
            C::VariableReference(key.0, key.1),
            C::VariableReference(this.0, this.1),
            C::VariableReference(key.0, key.1),
            C::VariableReference(base.0, base.1),
            C::Helper(Helper::SuperGetOnBase),
        ]);
        self.expression(value)?;
        let set = self.super_set_on_base_helper();
        self.emit_all(&[
            C::Binary(op),
            C::VariableReference(base.0, base.1),
            C::Helper(set),
        ]);
        for t in [key, this, base] {
            self.free_temp(t);
        }
        Ok(())
    }

    /// `super[key]++` and the other update expressions (13.4): the old
    /// value goes through a temporary that `Unary(op)` updates.
    pub(in crate::semantics::analyzer) fn super_update(
        &mut self,
        target: usize,
        op: UnaryOperator,
    ) -> Result<()> {
        use CompileCommand as C;
        let base = self.super_reference_base(target)?;
        let key = self.store_temp()?;
        let this = self.store_temp()?;
        let value = self.temp()?;
        self.emit_all(&[
            C::VariableReference(value.0, value.1),
            C::VariableReference(this.0, this.1),
            C::VariableReference(key.0, key.1),
            C::VariableReference(base.0, base.1),
            C::Helper(Helper::SuperGetOnBase),
            C::Assignment,
            C::Discard,
            C::VariableReference(value.0, value.1),
            C::Unary(op),
        ]);
        let result = self.store_temp()?;
        let set = self.super_set_on_base_helper();
        self.emit_all(&[
            C::VariableReference(this.0, this.1),
            C::VariableReference(key.0, key.1),
            C::VariableReference(value.0, value.1),
            C::VariableReference(base.0, base.1),
            C::Helper(set),
            C::Discard,
            C::VariableReference(result.0, result.1),
            C::Dup,
            C::Discard,
        ]);
        for t in [result, value, key, this, base] {
            self.free_temp(t);
        }
        Ok(())
    }
}

/// The bindings of one class definition.
#[derive(Clone, Copy)]
struct ClassNames {
    ctor: Symbol,
    proto: Symbol,
    init: Option<(Symbol, Locator)>,
    inner: Option<(Symbol, Locator)>,
    /// The constructor's `name`.
    name: Option<Symbol>,
}
