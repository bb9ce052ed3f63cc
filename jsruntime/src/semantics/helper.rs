//! [`Helper`]: the runtime operations of the `Helper(h)` compile command,
//! with their arities and the codes the backend passes to the runtime.

/// Runtime operations the analyzer uses to desugar iteration, spread, rest
/// and object literal features (lowered to one call of
/// `backend::bridge_ext::runtime_helper` each, except [`Helper::Hole`] and
/// [`Helper::IsHole`], which are inline). Iterator records (7.4.1) are
/// internal objects that JavaScript code never sees: the analyzer keeps them
/// in temporaries. "HOLE" is the internal marker value for "no value".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Helper {
    /// `[] -> [HOLE]`: an elision of an array literal (with
    /// `PushArrayElement`, which then only grows the length).
    Hole,
    /// `[v] -> [boolean]`: whether `v` is HOLE.
    IsHole,
    /// `[iterable] -> [record]`: GetIterator(obj, sync) (7.4.3) as an
    /// iterator record.
    GetIterator,
    /// `[record] -> [value | HOLE]`: IteratorStepValue (7.4.8); HOLE when the
    /// iterator is done. The record is marked done when the step throws or
    /// finishes.
    IteratorStepValue,
    /// `[iterable] -> [record]`: GetIterator for an array pattern: the
    /// array itself when iterating it is not observable (its `@@iterator`
    /// and %ArrayIteratorPrototype%.next are the original ones), else an
    /// iterator record.
    PatternIterator,
    /// `[record, index] -> [value]`: element `index` of an array pattern
    /// (8.6.3 IteratorBindingInitialization): the next value, or undefined
    /// once done. `record` comes from `PatternIterator`.
    PatternStep,
    /// `[record, index] -> [array]`: the remaining values (a rest element).
    PatternRest,
    /// `[record] -> [undefined]`: IteratorClose (7.4.11) with a normal
    /// completion, unless the record is done.
    IteratorClose,
    /// `[record] -> [undefined]`: IteratorClose with a throw completion:
    /// errors of `return` are ignored (the caller rethrows).
    IteratorCloseQuiet,
    /// `[iterable] -> [record]`: GetIterator(obj, async) (7.4.3): the
    /// `@@asyncIterator` iterator, else the sync one wrapped by
    /// CreateAsyncFromSyncIterator (27.1.6.1).
    GetAsyncIterator,
    /// `[record] -> [result]`: `Call(next, iterator)` of a `for await` step
    /// (14.7.5.7 step 6.a), to be awaited; the record counts as done until
    /// `AsyncIteratorStepResult` sees a value.
    AsyncIteratorNext,
    /// `[record, result] -> [value | HOLE]`: the awaited step result
    /// (14.7.5.7 steps 6.c-e): a TypeError unless an object, HOLE when done.
    AsyncIteratorStepResult,
    /// `[record] -> [result | HOLE]`: 7.4.13 AsyncIteratorClose with a normal
    /// completion, up to the await: the result of `return`, or HOLE when
    /// there is nothing to close.
    AsyncIteratorClose,
    /// `[record] -> [result | HOLE]`: the same with a throw completion:
    /// errors give HOLE (the caller rethrows).
    AsyncIteratorCloseQuiet,
    /// `[value] -> [value]`: a TypeError unless `value` is an object (the
    /// awaited result of an async iterator's `return`, 7.4.13 step 7).
    RequireIteratorResult,
    /// `[object] -> [record]`: the for-in iterator (14.7.5.9
    /// EnumerateObjectProperties); empty for undefined and null.
    ForInIterator,
    /// `[record] -> [key | HOLE]`: the next key still present, or HOLE.
    ForInStep,
    /// `[array, iterable] -> [array]`: appends the values of a spread
    /// element (13.2.4.1 ArrayAccumulation).
    AppendSpread,
    /// `[f, this, array] -> [result]`: a call with spread arguments.
    Apply,
    /// `[constructor, array] -> [object]`: `new` with spread arguments.
    Construct,
    /// `[target, source] -> [target]`: CopyDataProperties (7.3.25) for `...`
    /// in object literals.
    CopyDataProperties,
    /// `[source, keys] -> [object]`: a rest property of an object pattern:
    /// a new object with the own enumerable properties of `source` whose keys
    /// are not in the array `keys`.
    CopyDataExcluding,
    /// `[object, key, getter] -> [object]`: `get key() {}` (13.2.5.5).
    DefineGetter,
    /// `[object, key, setter] -> [object]`: `set key(v) {}`.
    DefineSetter,
    /// `[object, value] -> [object]`: `__proto__: value` (B.3.1): sets the
    /// prototype when the value is an object or null.
    SetPrototype,
    /// `[function, key] -> [function]`: SetFunctionName (10.2.9) for a
    /// computed key.
    SetFunctionName,
    /// `[function, key] -> [function]`: SetFunctionName with prefix `get`.
    SetGetterName,
    /// `[function, key] -> [function]`: SetFunctionName with prefix `set`.
    SetSetterName,
    /// `[value] -> [string]`: ToString (7.1.17), for template
    /// substitutions (13.2.8.6).
    ToString,
    /// `[key] -> [key]`: ToPropertyKey (7.1.19) of a computed key.
    ToPropertyKey,
    /// `[value] -> [value]`: RequireObjectCoercible (7.2.1) of the value of
    /// an object pattern (8.6.2, 13.15.5.2).
    RequireObjectCoercible,
    /// `[pattern, flags] -> [regexp]`: a regular expression literal
    /// (13.2.7.3: RegExpCreate, a new object per evaluation).
    RegExpCreate,
    /// `[value] -> [object]`: ToObject (7.1.18), for the object of a `with`
    /// statement (14.11.2 step 3).
    ToObject,
    /// `[env, name] -> [undefined]`: a `var` of sloppy eval code in the
    /// dynamic variable environment `env` of its calling function (19.2.1.3
    /// step 11: CreateMutableBinding(vn, true), InitializeBinding(vn,
    /// undefined), unless the binding exists).
    DeclareEvalVar,
    /// `[message] -> []`: throws a TypeError with the string `message`
    /// (a class constructor called without `new`, 10.2.1 step 2).
    ThrowTypeError,
    /// `[F, heritage | HOLE] -> [proto]`: 15.7.14 ClassDefinitionEvaluation
    /// steps 8-18 for the class constructor `F`: checks the heritage (null,
    /// a constructor whose `prototype` is an object or null), creates the
    /// prototype object, sets `F.[[Prototype]]`, `F.prototype` (not
    /// writable) and `proto.constructor`.
    ClassSetup,
    /// `[object, key, f] -> [object]`: a class method (10.2.8
    /// DefineMethodProperty: writable, not enumerable, configurable).
    DefineMethod,
    /// `[object, key, getter] -> [object]`: a class getter (not enumerable).
    DefineClassGetter,
    /// `[object, key, setter] -> [object]`: a class setter (not enumerable).
    DefineClassSetter,
    /// `[this | undefined] -> [this]`: the this binding of a derived constructor
    /// (9.1.1.3.4 GetThisBinding: a ReferenceError before `super()`).
    CheckThis,
    /// `[new, old, box] -> [new]`: 9.1.1.3.1 BindThisValue: a ReferenceError
    /// if `old` (the current this binding) is already initialised (not
    /// undefined); also stores `new` in `box`, the this value [[Construct]]
    /// passed to the derived constructor, where it finds the this binding
    /// after the call (10.2.2 step 12).
    BindThis,
    /// `[F, newTarget, args] -> [object]`: `super(...args)` (13.3.7.1 with
    /// 13.3.7.2 GetSuperConstructor: `F.[[GetPrototypeOf]]()`, which must
    /// be a constructor).
    SuperCall,
    /// `[this, key, value, home] -> [value]`: `super[key] = value` (strict
    /// PutValue: a failed [[Set]] throws).
    SuperSet,
    /// `[this, key, value, home] -> [value]`: the same in sloppy code (a
    /// failed [[Set]] is ignored).
    SuperSetSloppy,
    /// `[home] -> [base]`: 9.1.1.3.5 GetSuperBase (`home.[[GetPrototypeOf]]()`),
    /// for a super reference that is read and written (`super[k] += v`):
    /// the base is taken before the key is converted.
    SuperBase,
    /// `[this, key, base] -> [value]`: GetValue of a super reference whose
    /// base `SuperBase` computed.
    SuperGetOnBase,
    /// `[this, key, value, base] -> [value]`: strict PutValue of such a
    /// reference.
    SuperSetOnBase,
    /// `[this, key, value, base] -> [value]`: the same in sloppy code.
    SuperSetOnBaseSloppy,
    /// `[description] -> [name]`: a new Private Name `#x` (6.2.12), a
    /// private symbol (see `object/private.rs`).
    NewPrivateName,
    /// `[object, name, method] -> [object]`: 7.3.29
    /// PrivateMethodOrAccessorAdd of a method.
    PrivateMethodAdd,
    /// `[object, name, getter, setter] -> [object]`: 7.3.29
    /// PrivateMethodOrAccessorAdd of an accessor (undefined when absent).
    PrivateAccessorAdd,
    /// `[name, object] -> [boolean]`: `#x in object` (13.10.1).
    PrivateIn,
    /// `[specifier, options, referrer] -> [promise]`: `import(specifier,
    /// options)` (13.3.10.1 EvaluateImportCall); `referrer` comes from
    /// `ActiveScriptOrModule`.
    ImportCall,
    /// `[referrer] -> [object]`: `import.meta` (13.3.12.1) of the module
    /// `referrer` (from `ActiveScriptOrModule`).
    ImportMeta,
}

impl Helper {
    /// Number of operands consumed.
    pub fn arity(self) -> usize {
        use Helper as H;
        match self {
            H::Hole => 0,
            H::IsHole
            | H::GetIterator
            | H::IteratorStepValue
            | H::PatternIterator
            | H::IteratorClose
            | H::IteratorCloseQuiet
            | H::GetAsyncIterator
            | H::AsyncIteratorNext
            | H::AsyncIteratorClose
            | H::AsyncIteratorCloseQuiet
            | H::RequireIteratorResult
            | H::ForInIterator
            | H::ForInStep
            | H::ToString
            | H::ToPropertyKey
            | H::RequireObjectCoercible
            | H::ToObject
            | H::ThrowTypeError
            | H::NewPrivateName
            | H::ImportMeta
            | H::SuperBase
            | H::CheckThis => 1,
            H::AppendSpread
            | H::AsyncIteratorStepResult
            | H::PatternStep
            | H::PatternRest
            | H::Construct
            | H::CopyDataProperties
            | H::CopyDataExcluding
            | H::SetPrototype
            | H::SetFunctionName
            | H::SetGetterName
            | H::SetSetterName
            | H::RegExpCreate
            | H::DeclareEvalVar
            | H::PrivateIn
            | H::ClassSetup => 2,
            H::Apply
            | H::DefineGetter
            | H::DefineSetter
            | H::DefineMethod
            | H::DefineClassGetter
            | H::DefineClassSetter
            | H::SuperCall
            | H::BindThis
            | H::PrivateMethodAdd
            | H::ImportCall
            | H::SuperGetOnBase => 3,
            H::SuperSet
            | H::SuperSetSloppy
            | H::SuperSetOnBase
            | H::SuperSetOnBaseSloppy
            | H::PrivateAccessorAdd => 4,
        }
    }

    /// All helpers, indexed by their `u32` code in the backend.
    pub const ALL: &'static [Helper] = &[
        Helper::Hole,
        Helper::IsHole,
        Helper::GetIterator,
        Helper::IteratorStepValue,
        Helper::PatternIterator,
        Helper::PatternStep,
        Helper::PatternRest,
        Helper::IteratorClose,
        Helper::IteratorCloseQuiet,
        Helper::ForInIterator,
        Helper::ForInStep,
        Helper::AppendSpread,
        Helper::Apply,
        Helper::Construct,
        Helper::CopyDataProperties,
        Helper::CopyDataExcluding,
        Helper::DefineGetter,
        Helper::DefineSetter,
        Helper::SetPrototype,
        Helper::SetFunctionName,
        Helper::SetGetterName,
        Helper::SetSetterName,
        Helper::ToString,
        Helper::ToPropertyKey,
        Helper::RequireObjectCoercible,
        Helper::RegExpCreate,
        Helper::ToObject,
        Helper::DeclareEvalVar,
        Helper::ThrowTypeError,
        Helper::ClassSetup,
        Helper::DefineMethod,
        Helper::DefineClassGetter,
        Helper::DefineClassSetter,
        Helper::CheckThis,
        Helper::BindThis,
        Helper::SuperCall,
        Helper::SuperSet,
        Helper::GetAsyncIterator,
        Helper::AsyncIteratorNext,
        Helper::AsyncIteratorStepResult,
        Helper::AsyncIteratorClose,
        Helper::AsyncIteratorCloseQuiet,
        Helper::RequireIteratorResult,
        Helper::NewPrivateName,
        Helper::PrivateMethodAdd,
        Helper::PrivateAccessorAdd,
        Helper::PrivateIn,
        Helper::ImportCall,
        Helper::ImportMeta,
        Helper::SuperSetSloppy,
        Helper::SuperBase,
        Helper::SuperGetOnBase,
        Helper::SuperSetOnBase,
        Helper::SuperSetOnBaseSloppy,
    ];

    /// The code passed to the runtime (the index in [`Helper::ALL`]).
    pub fn code(self) -> u32 {
        Helper::ALL.iter().position(|&h| h == self).unwrap_or(0) as u32
    }

    /// The helper of a code.
    pub fn from_code(code: u32) -> Option<Helper> {
        Helper::ALL.get(code as usize).copied()
    }
}
