//! Hooks: `console` output routed to Rust, and unhandled promise
//! rejections.

use std::rc::Rc;

use super::function::{Args, HostCall};
use super::{Context, JsError, JsValue, Result};
use crate::value::Value;

/// The level of a `console` call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConsoleLevel {
    /// `console.log`
    Log,
    /// `console.info`
    Info,
    /// `console.warn`
    Warn,
    /// `console.error`
    Error,
    /// `console.debug`
    Debug,
}

/// The console callback: the level and the formatted line (arguments
/// separated by spaces, without a newline).
pub type ConsoleFn = dyn Fn(ConsoleLevel, &str);

/// The unhandled-rejection callback.
pub type RejectionFn = dyn Fn(&JsError);

impl Context {
    /// Replaces the global `console` (and `print`) of the current realm by
    /// one whose `log`, `info`, `warn`, `error` and `debug` call `f` with
    /// the level and the text. Strings print as they are; other values as
    /// `JSON.stringify` would show them when it can, else as `String(v)`.
    pub fn set_console(&mut self, f: impl Fn(ConsoleLevel, &str) + 'static) -> Result<()> {
        let f: Rc<ConsoleFn> = Rc::new(f);
        self.state.console = Some(f.clone());
        let console = self.object()?;
        let methods = [
            ("log", ConsoleLevel::Log),
            ("info", ConsoleLevel::Info),
            ("warn", ConsoleLevel::Warn),
            ("error", ConsoleLevel::Error),
            ("debug", ConsoleLevel::Debug),
        ];
        for (name, level) in methods {
            let f = f.clone();
            let call: Rc<HostCall> = Rc::new(move |ctx: &mut Context, args: Args| {
                let text = format_args_line(ctx, &args.values)?;
                f(level, &text);
                Ok(JsValue::UNDEFINED)
            });
            let method = self.host_function_object(name, 0, call, None)?;
            console.set(self, name, method)?;
        }
        let log = console.get::<JsValue>(self, "log")?;
        self.set_global("print", log)?;
        self.set_global("console", console)
    }

    /// Calls `f` with every promise rejection nobody handled (checked after
    /// each [`Context::run_jobs`]) and with errors thrown by jobs. Without a
    /// callback they are ignored.
    pub fn on_unhandled_rejection(&mut self, f: impl Fn(&JsError) + 'static) {
        self.state.on_unhandled_rejection = Some(Rc::new(f));
    }

    /// Reports an unhandled rejection's reason.
    pub(crate) fn report_rejection(&mut self, reason: Value) {
        let Some(f) = self.state.on_unhandled_rejection.clone() else {
            return;
        };
        let e = self.js_error(reason);
        f(&e);
    }
}

/// The text of a console call's arguments.
fn format_args_line(ctx: &mut Context, values: &[JsValue]) -> Result<String> {
    let mut parts = Vec::with_capacity(values.len());
    for v in values {
        parts.push(display(ctx, v));
    }
    Ok(parts.join(" "))
}

/// One value as the console shows it.
pub(crate) fn display(ctx: &mut Context, v: &JsValue) -> String {
    if let Some(s) = v.as_string() {
        return s;
    }
    if v.is_object() && !v.is_function() {
        let stringify = ctx.eval_helper("JSON.stringify");
        if let Ok(f) = stringify {
            // Errors print as NAME: MESSAGE.
            let is_error = ctx
                .raw(v)
                .ok()
                .and_then(|r| r.as_object())
                .is_some_and(|o| matches!(o.kind(), crate::object::ObjectKind::Error));
            if !is_error {
                if let Ok(Some(s)) = f.call::<Option<String>>(ctx, (v.clone(),)) {
                    return s;
                }
            }
        }
    }
    match ctx.raw(v) {
        Ok(raw) => ctx.exec.runtime.format_exception(raw),
        Err(_) => "<value of another runtime>".to_owned(),
    }
}
