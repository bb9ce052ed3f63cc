//! Host classes: a Rust type as a JavaScript class.
//!
//! [`Context::class`] starts a [`ClassBuilder`]: a constructor that makes
//! the Rust value from the arguments, methods that get `&mut T`, accessors,
//! and static methods. The result is an ordinary-looking class: its
//! `prototype` holds the methods and accessors, `instanceof` works, and
//! JavaScript classes can extend it (`class B extends Counter { … }`: the
//! instance is made by the host constructor with `B.prototype`).
//!
//! Each instance owns its Rust value (dropped when the object is
//! collected). The value must not hold raw engine values: keep
//! [`JsValue`] handles instead (they are roots, so a handle to the
//! instance itself would keep it alive forever).

use std::any::Any;
use std::cell::RefCell;
use std::marker::PhantomData;
use std::rc::Rc;

use super::convert::IntoJs;
use super::function::{Args, FromArgs, HostCall};
use super::{Context, Error, JsValue, Result};
use crate::gc::{Trace, Tracer};
use crate::object::{Attributes, HostData, ObjectKind, PropertyDescriptor, PropertyKey};
pub use crate::symbol::WellKnownSymbol;
use crate::value::Value;

/// The host data of an instance of a host class.
struct HostInstance {
    /// The Rust value (shared so that a method can borrow it without
    /// holding a reference into the object).
    data: Rc<RefCell<Box<dyn Any>>>,
    /// The class's name.
    name: &'static str,
}

// SAFETY: the Rust value holds no raw values (see the module docs).
unsafe impl Trace for HostInstance {
    fn trace(&self, _: &mut Tracer) {}
}

impl HostData for HostInstance {
    fn class_name(&self) -> &'static str {
        self.name
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// A host class made by [`ClassBuilder::build`]: its constructor, and
/// instances made from Rust.
pub struct Class<T> {
    constructor: JsValue,
    prototype: JsValue,
    _t: PhantomData<fn() -> T>,
}

impl<T> Clone for Class<T> {
    fn clone(&self) -> Self {
        Class {
            constructor: self.constructor.clone(),
            prototype: self.prototype.clone(),
            _t: PhantomData,
        }
    }
}

impl<T: 'static> Class<T> {
    /// The constructor function (define it as a global or export it).
    pub fn constructor(&self) -> &JsValue {
        &self.constructor
    }

    /// A new instance holding `value`, made from Rust (the constructor does
    /// not run).
    pub fn instance(&self, ctx: &mut Context, value: T) -> Result<JsValue> {
        let proto = ctx.raw(&self.prototype)?;
        new_instance(ctx, proto, Box::new(value))
    }
}

/// A new host instance with prototype `proto`.
fn new_instance(ctx: &mut Context, proto: Value, value: Box<dyn Any>) -> Result<JsValue> {
    let data = HostInstance {
        data: Rc::new(RefCell::new(value)),
        name: "Object",
    };
    let r = ctx
        .exec
        .runtime
        .new_object_with(proto, ObjectKind::Host(Box::new(data)), 0);
    let o = ctx.check(r)?;
    Ok(ctx.handle(Value::object(o)))
}

/// The Rust value of a host instance, shared.
fn instance_data(ctx: &Context, v: &JsValue) -> Option<Rc<RefCell<Box<dyn Any>>>> {
    let o = ctx.raw(v).ok()?.as_object()?;
    match o.kind() {
        ObjectKind::Host(h) => h
            .as_any()
            .downcast_ref::<HostInstance>()
            .map(|i| i.data.clone()),
        _ => None,
    }
}

impl Context {
    /// Runs `f` with the Rust value of a host class instance (`None` when
    /// `v` is not an instance of a class of `T`). An error if the value is
    /// already borrowed (a method running further up the stack).
    pub fn with_instance<T: 'static, R>(
        &mut self,
        v: &JsValue,
        f: impl FnOnce(&mut T) -> R,
    ) -> Result<Option<R>> {
        let Some(data) = instance_data(self, v) else {
            return Ok(None);
        };
        let mut guard = data
            .try_borrow_mut()
            .map_err(|_| Error::type_error("the host object is in use"))?;
        Ok(guard.downcast_mut::<T>().map(f))
    }

    /// Starts a host class named `name` for the Rust type `T`.
    ///
    /// ```
    /// use jsruntime::api::{Runtime, Error};
    /// struct Counter { n: i32 }
    /// let mut rt = Runtime::new().unwrap();
    /// let class = rt.class::<Counter>("Counter")
    ///     .constructor(|_, (start,): (Option<i32>,)| Ok::<_, Error>(Counter { n: start.unwrap_or(0) }))
    ///     .method("inc", |_, c: &mut Counter, (): ()| { c.n += 1; Ok::<_, Error>(c.n) })
    ///     .getter("value", |c: &Counter| c.n)
    ///     .build().unwrap();
    /// rt.set_global("Counter", class.constructor()).unwrap();
    /// let v: i32 = rt.eval("const c = new Counter(5); c.inc(); c.inc(); c.value").unwrap();
    /// assert_eq!(v, 7);
    /// assert!(rt.eval::<bool>("c instanceof Counter").unwrap());
    /// ```
    pub fn class<T: 'static>(&mut self, name: &str) -> ClassBuilder<'_, T> {
        ClassBuilder {
            ctx: self,
            name: name.to_owned(),
            constructor: None,
            constructor_length: 0,
            members: Vec::new(),
            statics: Vec::new(),
            _t: PhantomData,
        }
    }
}

/// A member of the prototype.
enum Member {
    Method(MemberKey, u32, Rc<HostCall>),
    Accessor(MemberKey, Option<Rc<HostCall>>, Option<Rc<HostCall>>),
}

/// The key of a host class member: a name (`&str`, `String`), a
/// well-known symbol ([`WellKnownSymbol`], for `[Symbol.iterator]()` and
/// the like) or any symbol (a [`JsValue`] holding one).
///
/// ```
/// use jsruntime::api::{Error, Runtime, WellKnownSymbol};
/// struct Pair(f64, f64);
/// let mut rt = Runtime::new().unwrap();
/// let class = rt
///     .class::<Pair>("Pair")
///     .constructor(|_, (a, b): (f64, f64)| Ok::<_, Error>(Pair(a, b)))
///     .method(WellKnownSymbol::ToPrimitive, |_, p: &mut Pair, (_hint,): (String,)| {
///         Ok::<_, Error>(p.0 + p.1)
///     })
///     .getter(WellKnownSymbol::ToStringTag, |_: &Pair| "Pair")
///     .build()
///     .unwrap();
/// rt.set_global("Pair", class.constructor()).unwrap();
/// assert_eq!(rt.eval::<f64>("+new Pair(1, 2)").unwrap(), 3.0);
/// assert_eq!(rt.eval::<String>("String(new Pair(1, 2))").unwrap(), "3");
/// assert_eq!(
///     rt.eval::<String>("Object.prototype.toString.call(new Pair(1, 2))").unwrap(),
///     "[object Pair]"
/// );
/// ```
#[derive(Clone, Debug)]
pub enum MemberKey {
    /// A string key.
    Name(String),
    /// A well-known symbol (`Symbol.iterator`, ...).
    WellKnown(WellKnownSymbol),
    /// A symbol value (`Symbol('secret')`, `Symbol.for(..)`).
    Symbol(JsValue),
}

impl From<&str> for MemberKey {
    fn from(s: &str) -> MemberKey {
        MemberKey::Name(s.to_owned())
    }
}
impl From<String> for MemberKey {
    fn from(s: String) -> MemberKey {
        MemberKey::Name(s)
    }
}
impl From<WellKnownSymbol> for MemberKey {
    fn from(w: WellKnownSymbol) -> MemberKey {
        MemberKey::WellKnown(w)
    }
}
impl From<JsValue> for MemberKey {
    fn from(v: JsValue) -> MemberKey {
        MemberKey::Symbol(v)
    }
}
impl From<&JsValue> for MemberKey {
    fn from(v: &JsValue) -> MemberKey {
        MemberKey::Symbol(v.clone())
    }
}

impl PartialEq for MemberKey {
    fn eq(&self, other: &MemberKey) -> bool {
        match (self, other) {
            (MemberKey::Name(a), MemberKey::Name(b)) => a == b,
            (MemberKey::WellKnown(a), MemberKey::WellKnown(b)) => a == b,
            (MemberKey::Symbol(a), MemberKey::Symbol(b)) => a.same_value(b),
            _ => false,
        }
    }
}

impl MemberKey {
    /// The property key, and the name its functions get (10.2.9
    /// SetFunctionName: a symbol's description in brackets).
    fn resolve(&self, ctx: &mut Context) -> Result<(PropertyKey, String)> {
        match self {
            MemberKey::Name(name) => {
                let r = ctx.exec.runtime.key(name);
                Ok((ctx.check(r)?, name.clone()))
            }
            MemberKey::WellKnown(w) => {
                let sym = ctx.exec.runtime.well_known_symbol(*w);
                Ok((PropertyKey::Symbol(sym), format!("[{}]", w.description())))
            }
            MemberKey::Symbol(v) => {
                let Some(sym) = ctx.raw(v)?.as_symbol() else {
                    return Err(Error::type_error(
                        "a member key must be a string or a symbol",
                    ));
                };
                let name = match sym.description_string() {
                    Some(d) => format!("[{}]", d.to_rust_string()),
                    None => String::new(),
                };
                // The handle in `self` keeps the symbol alive.
                Ok((PropertyKey::Symbol(sym), name))
            }
        }
    }

    /// The function name of the member (see `resolve`), without allocating.
    fn function_name(&self) -> String {
        match self {
            MemberKey::Name(name) => name.clone(),
            MemberKey::WellKnown(w) => format!("[{}]", w.description()),
            MemberKey::Symbol(v) => {
                let desc = v
                    .peek()
                    .as_symbol()
                    .and_then(|s| s.description_string())
                    .map(|d| d.to_rust_string());
                desc.map(|d| format!("[{d}]")).unwrap_or_default()
            }
        }
    }
}

/// Makes the Rust value of a new instance from the constructor's arguments.
type MakeFn = dyn Fn(&mut Context, Args) -> Result<Box<dyn Any>>;

/// Builds a host class; see [`Context::class`].
pub struct ClassBuilder<'c, T> {
    ctx: &'c mut Context,
    name: String,
    constructor: Option<Rc<MakeFn>>,
    constructor_length: u32,
    members: Vec<Member>,
    statics: Vec<(MemberKey, JsValue)>,
    _t: PhantomData<fn() -> T>,
}

/// Calls `f` with the `this` value's Rust data.
fn with_this<T: 'static, R>(
    ctx: &mut Context,
    this: &JsValue,
    class: &str,
    f: impl FnOnce(&mut Context, &mut T) -> Result<R>,
) -> Result<R> {
    let Some(data) = instance_data(ctx, this) else {
        return Err(Error::type_error(format!(
            "this is not a {class} (a method was called on another object)"
        )));
    };
    let Ok(mut guard) = data.try_borrow_mut() else {
        return Err(Error::type_error(format!(
            "the {class} is in use (a method called itself)"
        )));
    };
    match guard.downcast_mut::<T>() {
        Some(t) => f(ctx, t),
        None => Err(Error::type_error(format!("this is not a {class}"))),
    }
}

impl<T: 'static> ClassBuilder<'_, T> {
    /// The constructor: makes the Rust value from the arguments of `new`.
    /// Without one, `new` throws a TypeError (instances then come from
    /// [`Class::instance`]).
    pub fn constructor<A, E, F>(mut self, f: F) -> Self
    where
        A: FromArgs,
        E: Into<Error>,
        F: Fn(&mut Context, A) -> std::result::Result<T, E> + 'static,
    {
        self.constructor_length = A::length();
        self.constructor = Some(Rc::new(move |ctx: &mut Context, args: Args| {
            let a = A::from_args(ctx, args)?;
            let t = f(ctx, a).map_err(Into::into)?;
            Ok(Box::new(t) as Box<dyn Any>)
        }));
        self
    }

    /// A method on the prototype: the closure gets the context, the
    /// instance's Rust value and the converted arguments.
    pub fn method<A, R, E, F>(mut self, name: impl Into<MemberKey>, f: F) -> Self
    where
        A: FromArgs,
        R: IntoJs,
        E: Into<Error>,
        F: Fn(&mut Context, &mut T, A) -> std::result::Result<R, E> + 'static,
    {
        let class = self.name.clone();
        let call: Rc<HostCall> = Rc::new(move |ctx: &mut Context, args: Args| {
            let this = args.this.clone();
            let a = A::from_args(ctx, args)?;
            let r = with_this::<T, R>(ctx, &this, &class, |ctx, t| {
                f(ctx, t, a).map_err(Into::into)
            })?;
            r.into_js(ctx)
        });
        self.members
            .push(Member::Method(name.into(), A::length(), call));
        self
    }

    /// A getter on the prototype.
    pub fn getter<R, F>(mut self, name: impl Into<MemberKey>, f: F) -> Self
    where
        R: IntoJs,
        F: Fn(&T) -> R + 'static,
    {
        let class = self.name.clone();
        let get: Rc<HostCall> = Rc::new(move |ctx: &mut Context, args: Args| {
            let r = with_this::<T, R>(ctx, &args.this, &class, |_, t| Ok(f(t)))?;
            r.into_js(ctx)
        });
        self.add_accessor(name.into(), Some(get), None);
        self
    }

    /// A setter on the prototype (the value converted to `V`).
    pub fn setter<V, F>(mut self, name: impl Into<MemberKey>, f: F) -> Self
    where
        V: super::FromJs,
        F: Fn(&mut T, V) + 'static,
    {
        let class = self.name.clone();
        let set: Rc<HostCall> = Rc::new(move |ctx: &mut Context, args: Args| {
            let v = V::from_js(ctx, &args.get(0))?;
            with_this::<T, ()>(ctx, &args.this, &class, |_, t| {
                f(t, v);
                Ok(())
            })?;
            Ok(JsValue::UNDEFINED)
        });
        self.add_accessor(name.into(), None, Some(set));
        self
    }

    fn add_accessor(
        &mut self,
        name: MemberKey,
        get: Option<Rc<HostCall>>,
        set: Option<Rc<HostCall>>,
    ) {
        for m in &mut self.members {
            if let Member::Accessor(n, g, s) = m {
                if *n == name {
                    if get.is_some() {
                        *g = get;
                    }
                    if set.is_some() {
                        *s = set;
                    }
                    return;
                }
            }
        }
        self.members.push(Member::Accessor(name, get, set));
    }

    /// A static method (a property of the constructor), made with
    /// [`Context::function`]'s rules.
    pub fn static_method<A, R, E, F>(mut self, name: impl Into<MemberKey>, f: F) -> Result<Self>
    where
        A: FromArgs,
        R: IntoJs,
        E: Into<Error>,
        F: Fn(&mut Context, A) -> std::result::Result<R, E> + 'static,
    {
        let key = name.into();
        let func = self.ctx.function(&key.function_name(), f)?;
        self.statics.push((key, func));
        Ok(self)
    }

    /// A static value (a property of the constructor).
    pub fn static_value(mut self, name: impl Into<MemberKey>, value: impl IntoJs) -> Result<Self> {
        let v = value.into_js(self.ctx)?;
        self.statics.push((name.into(), v));
        Ok(self)
    }

    /// Creates the constructor and its prototype.
    pub fn build(self) -> Result<Class<T>> {
        let ctx = self.ctx;
        let class = self.name.clone();
        let make = self.constructor.clone();
        let construct: Rc<HostCall> = Rc::new(move |ctx: &mut Context, args: Args| {
            let Some(make) = &make else {
                return Err(Error::type_error(format!(
                    "{class} cannot be constructed from JavaScript"
                )));
            };
            // 10.1.14 GetPrototypeFromConstructor(newTarget): a subclass's
            // prototype when `super()` calls us.
            let new_target = args.new_target.clone().unwrap_or_default();
            let proto: JsValue = new_target.get(ctx, "prototype")?;
            let proto = if proto.is_object() {
                ctx.raw(&proto)?
            } else {
                ctx.exec
                    .runtime
                    .intrinsic(crate::runtime::Intrinsic::ObjectPrototype)
            };
            let value = make(ctx, args)?;
            new_instance(ctx, proto, value)
        });
        let class = self.name.clone();
        let call: Rc<HostCall> = Rc::new(move |_: &mut Context, _: Args| {
            Err(Error::type_error(format!(
                "Class constructor {class} cannot be invoked without 'new'"
            )))
        });
        let ctor =
            ctx.host_function_object(&self.name, self.constructor_length, call, Some(construct))?;
        let prototype = ctx.object()?;
        let method_attrs = Attributes::new(true, false, true);
        for m in self.members {
            match m {
                Member::Method(key, length, call) => {
                    let name = key.function_name();
                    let f = ctx.host_function_object(&name, length, call, None)?;
                    define(ctx, &prototype, &key, Some(&f), None, None, method_attrs)?;
                }
                Member::Accessor(key, get, set) => {
                    let name = key.function_name();
                    let get = match get {
                        Some(g) => {
                            Some(ctx.host_function_object(&format!("get {name}"), 0, g, None)?)
                        }
                        None => None,
                    };
                    let set = match set {
                        Some(s) => {
                            Some(ctx.host_function_object(&format!("set {name}"), 1, s, None)?)
                        }
                        None => None,
                    };
                    let attrs = Attributes::new(false, false, true);
                    define(ctx, &prototype, &key, None, Some(get), Some(set), attrs)?;
                }
            }
        }
        // The class's own links: C.prototype (non-writable, as classes
        // define it) and C.prototype.constructor.
        define(
            ctx,
            &prototype,
            &"constructor".into(),
            Some(&ctor),
            None,
            None,
            method_attrs,
        )?;
        define(
            ctx,
            &ctor,
            &"prototype".into(),
            Some(&prototype),
            None,
            None,
            Attributes::new(false, false, false),
        )?;
        for (key, v) in self.statics {
            define(ctx, &ctor, &key, Some(&v), None, None, method_attrs)?;
        }
        Ok(Class {
            constructor: ctor,
            prototype,
            _t: PhantomData,
        })
    }
}

/// Defines a data property (`value`) or an accessor (`get`/`set`).
fn define(
    ctx: &mut Context,
    o: &JsValue,
    name: &MemberKey,
    value: Option<&JsValue>,
    get: Option<Option<JsValue>>,
    set: Option<Option<JsValue>>,
    attrs: Attributes,
) -> Result<()> {
    let obj = ctx
        .raw(o)?
        .as_object()
        .ok_or_else(|| Error::type_error("not an object"))?;
    let (key, _) = name.resolve(ctx)?;
    let desc = match value {
        Some(v) => PropertyDescriptor::data(ctx.raw(v)?, attrs),
        None => {
            let raw = |ctx: &Context, f: Option<Option<JsValue>>| -> Result<Value> {
                match f.flatten() {
                    Some(f) => ctx.raw(&f),
                    None => Ok(Value::UNDEFINED),
                }
            };
            let g = raw(ctx, get)?;
            let s = raw(ctx, set)?;
            PropertyDescriptor::accessor(g, s, attrs)
        }
    };
    let r = ctx.exec.runtime.define_property_or_throw(obj, key, desc);
    ctx.check(r)
}
