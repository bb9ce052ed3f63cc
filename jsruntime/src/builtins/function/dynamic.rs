//! The `Function` constructor (20.2.1.1) and 20.2.1.1.1
//! CreateDynamicFunction: source text parsed at runtime, evaluated by the
//! backend through [`crate::runtime::HostHooks::global_eval`].

use crate::builtins::global::eval::global_eval;
use crate::gc::Gc;
use crate::object::JsObject;
use crate::object::{Attributes, PropertyDescriptor, PropertyKey};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;
use jsparser::syntax::NodeKind;
use jsparser::{ParseOptions, SourceKind};

/// The kinds of 20.2.1.1.1 CreateDynamicFunction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DynamicFunctionKind {
    /// `Function(...)`: `function anonymous(...) {...}`.
    Normal,
    /// `GeneratorFunction(...)`: `function* anonymous(...) {...}`.
    Generator,
    /// `AsyncFunction(...)`: `async function anonymous(...) {...}`.
    Async,
    /// `AsyncGeneratorFunction(...)`: `async function* anonymous(...) {...}`.
    AsyncGenerator,
}

impl DynamicFunctionKind {
    /// fallbackProto (20.2.1.1.1 steps 3-6).
    fn fallback_proto(self) -> Intrinsic {
        match self {
            DynamicFunctionKind::Normal => Intrinsic::FunctionPrototype,
            DynamicFunctionKind::Generator => Intrinsic::GeneratorFunctionPrototype,
            DynamicFunctionKind::Async => Intrinsic::AsyncFunctionPrototype,
            DynamicFunctionKind::AsyncGenerator => Intrinsic::AsyncGeneratorFunctionPrototype,
        }
    }

    /// The prefix of the source text (20.2.1.1.1 steps 3-6).
    fn prefix(self) -> &'static str {
        match self {
            DynamicFunctionKind::Normal => "function",
            DynamicFunctionKind::Generator => "function*",
            DynamicFunctionKind::Async => "async function",
            DynamicFunctionKind::AsyncGenerator => "async function*",
        }
    }
}

/// 20.2.1.1 Function ( ...parameterArgs, bodyArg ), called or constructed.
pub(super) fn function_constructor(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
    create_dynamic_function(rt, DynamicFunctionKind::Normal, args, None)
}

/// 20.2.1.1 Function ( ...parameterArgs, bodyArg ), constructed.
pub(super) fn function_construct(
    rt: &mut Runtime,
    args: &[Value],
    new_target: Gc<JsObject>,
) -> JsResult<Value> {
    create_dynamic_function(rt, DynamicFunctionKind::Normal, args, Some(new_target))
}

/// 20.2.1.1.1 CreateDynamicFunction: the parameters and the body are
/// checked on their own (so that neither can close the other early, e.g.
/// `Function("/*", "*/){")`), then the whole source text must be exactly one
/// function expression; it is evaluated in the global scope. `new_target`
/// is NewTarget when constructed (undefined when called: the constructor
/// itself, whose `prototype` is the fallback).
pub fn create_dynamic_function(
    rt: &mut Runtime,
    kind: DynamicFunctionKind,
    args: &[Value],
    new_target: Option<Gc<JsObject>>,
) -> JsResult<Value> {
    // Steps 7-15: ToString of every parameter, then of the body.
    let (params, body) = match args.split_last() {
        Some((body, params)) => (params, Some(*body)),
        None => (&[][..], None),
    };
    let mut p = String::new();
    for (i, &v) in params.iter().enumerate() {
        if i > 0 {
            p.push(',');
        }
        p.push_str(&rt.to_string(v)?.to_rust_string());
    }
    let body = match body {
        Some(v) => rt.to_string(v)?.to_rust_string(),
        None => String::new(),
    };
    let prefix = kind.prefix();
    // Step 16-17: bodyParseString and sourceString.
    let body_string = format!("\n{body}\n");
    let source_text = format!("{prefix} anonymous({p}\n) {{{body_string}}}");
    let options = ParseOptions {
        kind: SourceKind::Script,
        strict: false,
    };
    let check = |text: String| jsparser::parse(&text, options).map(|_| ());
    // Steps 18-23: the parameters alone, the body alone, then the whole.
    let separately = check(format!("({prefix} ({p}\n) {{}})"))
        .and_then(|()| check(format!("({prefix} () {{{body_string}}})")));
    // The function is evaluated without a binding of its name
    // (`anonymous` is only its `name`).
    let expression = format!("({prefix} ({p}\n) {{{body_string}}})");
    let whole = separately.and_then(|()| jsparser::parse(&expression, options));
    let ast = match whole {
        Ok(ast) => ast,
        Err(e) => return Err(rt.syntax_error(&e.message)),
    };
    let root = ast.root();
    let single_function = match ast.children(root).as_slice() {
        [statement] => ast
            .children(*statement)
            .first()
            .is_some_and(|&e| ast.nodes[e].kind == NodeKind::FunctionExpression),
        _ => false,
    };
    if !single_function {
        return Err(rt.syntax_error("Function: parameters or body end the function early"));
    }
    // Step 29: GetPrototypeFromConstructor(newTarget, fallbackProto) (the
    // evaluation below has no observable effect, so its place is the
    // same).
    // (Rooted across the evaluation.)
    let proto = match new_target {
        Some(nt) => Some(rt.prototype_from_constructor(nt, kind.fallback_proto())?),
        None => None,
    }
    .map(|p| rt.persistent(p));
    let function = global_eval(rt, &expression)?;
    if let (Some(o), Some(proto)) = (function.as_object(), proto) {
        rt.set_proto_raw(o, proto.get());
    }
    // Step 27-29: SetFunctionName(F, "anonymous").
    if let Some(o) = function.as_object() {
        let key = PropertyKey::String(rt.names.name);
        let name = rt.new_string("anonymous")?;
        rt.define_property_or_throw(
            o,
            key,
            PropertyDescriptor::data(Value::string(name), Attributes::CONFIGURABLE_ONLY),
        )?;
        if let Some(hook) = rt.hooks.set_source_text {
            hook(rt, o, &source_text)?;
        }
    }
    Ok(function)
}
