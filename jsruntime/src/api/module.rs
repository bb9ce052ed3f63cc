//! Modules from the host: in-memory source modules, native (synthetic)
//! modules whose exports are Rust values, and any [`ModuleLoader`] for the
//! rest (the filesystem's [`crate::backend::FileLoader`], or your own).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::convert::IntoJs;
use super::{Context, Error, JsValue, Result};
use crate::backend::module::{mark_promise_handled, ModuleLoader};

/// The loader the API installs: in-memory sources by name first, then the
/// embedder's loader (if any).
pub(crate) struct ApiLoader {
    sources: RefCell<HashMap<String, String>>,
    fallback: RefCell<Option<Rc<dyn ModuleLoader>>>,
}

impl ModuleLoader for ApiLoader {
    fn resolve(&self, specifier: &str, referrer: Option<&str>) -> Result<String, String> {
        let sources = self.sources.borrow();
        if sources.contains_key(specifier) {
            return Ok(specifier.to_owned());
        }
        // Relative names between in-memory modules (`./b.js` from `lib/a.js`).
        if let (Some(r), true) = (referrer, specifier.starts_with('.')) {
            if sources.contains_key(r) {
                let joined = join(r, specifier);
                if sources.contains_key(&joined) {
                    return Ok(joined);
                }
            }
        }
        drop(sources);
        match &*self.fallback.borrow() {
            Some(l) => l.resolve(specifier, referrer),
            None => Err(format!("Cannot find module '{specifier}'")),
        }
    }

    fn load(&self, key: &str) -> Result<String, String> {
        if let Some(s) = self.sources.borrow().get(key) {
            return Ok(s.clone());
        }
        match &*self.fallback.borrow() {
            Some(l) => l.load(key),
            None => Err(format!("Cannot find module '{key}'")),
        }
    }

    fn url(&self, key: &str) -> String {
        if self.sources.borrow().contains_key(key) {
            return key.to_owned();
        }
        match &*self.fallback.borrow() {
            Some(l) => l.url(key),
            None => key.to_owned(),
        }
    }
}

/// `specifier` relative to the directory of `referrer` (`/`-separated).
fn join(referrer: &str, specifier: &str) -> String {
    let dir = referrer.rfind('/').map_or("", |i| &referrer[..i]);
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for p in specifier.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let body = parts.join("/");
    if referrer.starts_with('/') {
        format!("/{body}")
    } else {
        body
    }
}

/// Builds a native module: exports set from Rust ([`Context::native_module`]).
pub struct NativeModule<'c> {
    ctx: &'c mut Context,
    name: String,
    exports: Vec<(String, JsValue)>,
}

impl NativeModule<'_> {
    /// Adds an export.
    pub fn export(mut self, name: &str, value: impl IntoJs) -> Result<Self> {
        let v = value.into_js(self.ctx)?;
        self.exports.push((name.to_owned(), v));
        Ok(self)
    }

    /// Registers the module: `import { … } from "NAME"` finds it.
    pub fn build(self) -> Result<()> {
        let raws = self
            .exports
            .iter()
            .map(|(_, v)| self.ctx.raw(v))
            .collect::<Result<Vec<_>>>()?;
        // The handles in `self.exports` keep the values alive meanwhile.
        let exports: Vec<(&str, crate::Value)> = self
            .exports
            .iter()
            .zip(raws)
            .map(|((n, _), v)| (n.as_str(), v))
            .collect();
        let r = self.ctx.exec.synthetic_module(self.name.clone(), &exports);
        self.ctx.check(r)?;
        Ok(())
    }
}

impl Context {
    fn api_loader(&mut self) -> Rc<ApiLoader> {
        if let Some(l) = &self.state.loader {
            return l.clone();
        }
        let l = Rc::new(ApiLoader {
            sources: RefCell::new(HashMap::new()),
            fallback: RefCell::new(None),
        });
        self.exec.set_module_loader(l.clone());
        self.state.loader = Some(l.clone());
        l
    }

    /// Sets the loader for modules that are neither in memory
    /// ([`Context::define_module`]) nor native: for example
    /// [`crate::backend::FileLoader`] (node-style resolution on the
    /// filesystem) or an implementation of [`ModuleLoader`] of your own.
    pub fn set_module_loader(&mut self, loader: impl ModuleLoader + 'static) {
        let l = self.api_loader();
        *l.fallback.borrow_mut() = Some(Rc::new(loader));
    }

    /// Adds (or replaces, for later imports) an in-memory module named
    /// `name`. Modules import each other by name or by relative path.
    pub fn define_module(&mut self, name: &str, source: &str) {
        let l = self.api_loader();
        l.sources
            .borrow_mut()
            .insert(name.to_owned(), source.to_owned());
    }

    /// Starts a native module `name` whose exports are Rust values (host
    /// functions, objects, numbers, ...):
    ///
    /// ```
    /// use jsruntime::api::{Runtime, Error};
    /// let mut rt = Runtime::new().unwrap();
    /// let add = rt.function("add", |_, (a, b): (f64, f64)| Ok::<_, Error>(a + b)).unwrap();
    /// rt.native_module("math").export("add", add).unwrap().export("answer", 42).unwrap().build().unwrap();
    /// rt.define_module("main", "import { add, answer } from 'math'; export const r = add(answer, 1);");
    /// let ns = rt.import("main").unwrap();
    /// assert_eq!(ns.get::<f64>(&mut rt, "r").unwrap(), 43.0);
    /// ```
    pub fn native_module(&mut self, name: &str) -> NativeModule<'_> {
        self.api_loader();
        NativeModule {
            ctx: self,
            name: name.to_owned(),
            exports: Vec::new(),
        }
    }

    /// Loads, links and evaluates the module `specifier` and returns its
    /// namespace object, driving jobs (synchronously) until its evaluation
    /// settles. A module whose top-level `await` waits on an async host
    /// function needs [`Context::import_async`].
    pub fn import(&mut self, specifier: &str) -> Result<JsValue> {
        let (m, promise) = self.start_import(specifier)?;
        self.run_jobs()?;
        self.finish_import(m, &promise)
    }

    /// [`Context::import`] that also drives async host functions until the
    /// module's evaluation settles.
    pub async fn import_async(&mut self, specifier: &str) -> Result<JsValue> {
        let (m, promise) = self.start_import(specifier)?;
        self.await_promise::<JsValue>(&promise).await?;
        self.finish_import(m, &promise)
    }

    /// Defines an in-memory module and imports it ([`Context::import`]).
    pub fn eval_module(&mut self, name: &str, source: &str) -> Result<JsValue> {
        self.define_module(name, source);
        self.import(name)
    }

    fn start_import(&mut self, specifier: &str) -> Result<(usize, JsValue)> {
        self.api_loader();
        let r = self.exec.load_module(specifier, None);
        let m = self.check(r)?;
        let r = self.exec.link_module(m);
        self.check(r)?;
        let r = self.exec.evaluate_module(m);
        let p = self.check(r)?;
        mark_promise_handled(p);
        Ok((m, self.handle(p)))
    }

    fn finish_import(&mut self, m: usize, promise: &JsValue) -> Result<JsValue> {
        let p = self.raw(promise)?;
        match crate::backend::module::promise_outcome(p) {
            Some(Ok(_)) => {
                let r = self.exec.module_namespace(m);
                let ns = self.check(r)?;
                Ok(self.handle(ns))
            }
            Some(Err(reason)) => Err(self.error_from_thrown(crate::Thrown(reason))),
            None => Err(Error::new(
                "the module's top-level await is still pending (use import_async)",
            )),
        }
    }
}
