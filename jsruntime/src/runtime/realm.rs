//! Realms (9.3, #sec-code-realms): each realm has its own intrinsics (the
//! built-in objects, among them its global object, `Intrinsic::GlobalObject`);
//! the backend keeps each realm's global environment
//! (`backend::global_env`). The runtime has a *current realm* (the realm of
//! the running execution context): intrinsic lookups read its table, and
//! calls into a function of another realm switch to that realm for the
//! duration of the call (native functions here, compiled functions in the
//! backend's call bridge).
//!
//! Realm 0 is created by `Runtime::new`; `$262.createRealm()` and embedders
//! create more with [`Runtime::create_realm`]. Realms live as long as the
//! runtime.

use crate::gc::{Gc, Tracer};
use crate::object::{JsObject, ObjectKind, Shape};
use crate::runtime::builtins::Prop;
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

/// The index of a realm of a runtime.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct RealmId(pub u32);

/// A realm record (9.3): [[Intrinsics]] (with [[GlobalObject]] as
/// `Intrinsic::GlobalObject`).
pub(crate) struct Realm {
    pub(crate) intrinsics: Vec<Value>,
    /// The built-in objects of this realm whose table properties are not
    /// created yet, with their tables (`runtime::builtins`, "Lazy
    /// properties"). Roots: a lazy object stays alive until materialised.
    pub(crate) lazy: Vec<(Gc<JsObject>, &'static [Prop])>,
    /// The dictionary shapes lazy objects wear until materialised: one
    /// without properties, one with a function's `length` and `name`.
    pub(crate) lazy_shapes: Option<(Gc<Shape>, Gc<Shape>)>,
}

impl Realm {
    pub(crate) fn new() -> Realm {
        Realm {
            intrinsics: vec![Value::UNDEFINED; Intrinsic::COUNT],
            lazy: Vec::new(),
            lazy_shapes: None,
        }
    }

    pub(crate) fn trace(&self, tracer: &mut Tracer) {
        for v in &self.intrinsics {
            tracer.mark_value(*v);
        }
        for (o, _) in &self.lazy {
            tracer.mark_value(Value::object(*o));
        }
        if let Some((a, b)) = self.lazy_shapes {
            tracer.mark_cell(a.addr());
            tracer.mark_cell(b.addr());
        }
    }
}

impl Runtime {
    /// The realm of the running code.
    #[inline]
    pub fn current_realm(&self) -> RealmId {
        self.current_realm
    }

    /// Makes `realm` the current realm and returns the previous one (to be
    /// restored by the caller).
    #[inline]
    pub fn enter_realm(&mut self, realm: RealmId) -> RealmId {
        std::mem::replace(&mut self.current_realm, realm)
    }

    /// The number of realms (their ids are `0..count`).
    pub fn realm_count(&self) -> usize {
        self.realms.len()
    }

    /// An intrinsic of a given realm.
    pub fn realm_intrinsic(&self, realm: RealmId, which: Intrinsic) -> Value {
        self.realms
            .get(realm.0 as usize)
            .map_or(Value::UNDEFINED, |r| r.intrinsics[which as usize])
    }

    /// 9.3.1 InitializeHostDefinedRealm (#sec-initializehostdefinedrealm),
    /// for a realm beside the first one: every built-in object anew, its own
    /// global object. The current realm does not change.
    pub fn create_realm(&mut self) -> JsResult<RealmId> {
        if self.realms.len() >= u32::MAX as usize {
            return Err(self.range_error("too many realms"));
        }
        let id = RealmId(self.realms.len() as u32);
        self.realms.push(Realm::new());
        let previous = self.enter_realm(id);
        let result = crate::builtins::install(self);
        self.enter_realm(previous);
        result.map(|()| id)
    }

    /// 10.2.10.1 GetFunctionRealm ( obj ) (#sec-getfunctionrealm): the realm
    /// of a function object; bound functions and proxies answer for their
    /// target (a revoked proxy throws a TypeError); other objects are of the
    /// current realm.
    pub fn function_realm(&mut self, obj: Gc<JsObject>) -> JsResult<RealmId> {
        let mut o = obj;
        // A chain of bound functions and proxies ends (each target existed
        // before the object wrapping it).
        loop {
            match o.kind() {
                // Step 1: [[Realm]] of a built-in or ECMAScript function.
                ObjectKind::NativeFunction(realm, _) => return Ok(*realm),
                ObjectKind::Function(closure) => {
                    // SAFETY: a closure's template lives as long as the
                    // executor that created it.
                    let template = unsafe { (*closure.as_ptr()).template.as_ref() };
                    return Ok(template.map_or(self.current_realm, |t| t.realm));
                }
                // Step 2: a bound function's target.
                ObjectKind::BoundFunction(b) => o = b.target,
                // Step 3: a proxy's target (a revoked one throws).
                _ => match crate::object::proxy::proxy_target(o) {
                    Some(Some(target)) => o = target,
                    Some(None) => {
                        return Err(self.type_error("GetFunctionRealm: the proxy is revoked"))
                    }
                    // Step 4.
                    None => return Ok(self.current_realm),
                },
            }
        }
    }
}
