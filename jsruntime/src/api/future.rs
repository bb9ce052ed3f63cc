//! Promises and futures, both ways.
//!
//! * An `async` Rust function registered with [`Context::async_function`]
//!   returns a promise when JavaScript calls it. Its future is kept by the
//!   context (a *task*) and polled by the drivers below; when it completes,
//!   the promise settles with its `Ok` value or rejects with its `Err`.
//! * [`Context::run_jobs`] runs the promise job queue (synchronously,
//!   until it is empty).
//! * [`Context::run_until_idle`] is an `async` driver: it runs jobs and
//!   polls the tasks until none is left. [`Context::await_promise`] drives
//!   the same way until one JavaScript promise settles, and returns its
//!   value (or its rejection as an [`Error`]). Both work in any executor
//!   (tokio's `current_thread` runtime, `futures::executor`, or the small
//!   [`block_on`] here): the tasks' wakers are the driver's own.
//!
//! The futures must not borrow the context (they run while JavaScript does
//! other work); what they need from JavaScript is converted before they
//! start (the closure's parameters) and after they end (the result).

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context as TaskContext, Poll, Wake, Waker};

use super::convert::{FromJs, IntoJs};
use super::function::{Args, FromArgs, HostCall};
use super::{Context, Error, JsValue, Result};
use crate::builtins::promise;
use crate::gc::Persistent;

/// What a finished task hands back: a conversion that needs the context.
type Finish = Box<dyn FnOnce(&mut Context) -> Result<JsValue>>;

/// A future of an async host function and the promise it settles.
pub(crate) struct Task {
    promise: Persistent,
    future: Pin<Box<dyn Future<Output = Finish>>>,
}

/// Settles a promise made by [`Context::new_promise`].
pub struct Resolver {
    promise: JsValue,
}

impl Resolver {
    /// Fulfills the promise with `value` (a thenable is adopted). Nothing
    /// happens when the promise was already resolved.
    pub fn resolve(&self, ctx: &mut Context, value: impl IntoJs) -> Result<()> {
        let value = value.into_js(ctx)?;
        let p = ctx.raw(&self.promise)?;
        let v = ctx.raw(&value)?;
        let r = promise::resolve_intrinsic_promise(&mut ctx.exec.runtime, p, v);
        ctx.check(r)
    }

    /// Rejects the promise with the JavaScript form of `error`.
    pub fn reject(&self, ctx: &mut Context, error: Error) -> Result<()> {
        let p = ctx.raw(&self.promise)?;
        let reason = ctx.throw_value(error).0;
        promise::reject_intrinsic_promise(&mut ctx.exec.runtime, p, reason);
        Ok(())
    }

    /// The promise.
    pub fn promise(&self) -> &JsValue {
        &self.promise
    }
}

impl Context {
    /// A new pending promise and the [`Resolver`] that settles it (from
    /// Rust, at any later time).
    pub fn new_promise(&mut self) -> Result<(JsValue, Resolver)> {
        let r = promise::new_intrinsic_promise(&mut self.exec.runtime);
        let p = self.check(r)?;
        let promise = self.handle(p);
        Ok((promise.clone(), Resolver { promise }))
    }

    /// A JavaScript function that runs an `async` Rust function: each call
    /// converts the arguments, starts the future and returns a promise that
    /// settles with the future's result.
    ///
    /// ```
    /// use jsruntime::api::{Runtime, Error, block_on};
    /// let mut rt = Runtime::new().unwrap();
    /// rt.set_global_async_function("double", |(x,): (f64,)| async move {
    ///     Ok::<_, Error>(x * 2.0)
    /// }).unwrap();
    /// let p = rt.eval("double(21)").unwrap();
    /// let v: f64 = block_on(rt.await_promise(&p)).unwrap();
    /// assert_eq!(v, 42.0);
    /// ```
    pub fn async_function<A, R, E, Fut, F>(&mut self, name: &str, f: F) -> Result<JsValue>
    where
        A: FromArgs,
        R: IntoJs + 'static,
        E: Into<Error> + 'static,
        Fut: Future<Output = std::result::Result<R, E>> + 'static,
        F: Fn(A) -> Fut + 'static,
    {
        let call: Rc<HostCall> = Rc::new(move |ctx: &mut Context, args: Args| {
            let (promise, resolver) = ctx.new_promise()?;
            match A::from_args(ctx, args) {
                Ok(a) => {
                    let fut = f(a);
                    let future: Pin<Box<dyn Future<Output = Finish>>> = Box::pin(async move {
                        let r = fut.await;
                        let finish: Finish =
                            Box::new(move |ctx: &mut Context| r.map_err(Into::into)?.into_js(ctx));
                        finish
                    });
                    let p = ctx.raw(&promise)?;
                    let task = Task {
                        promise: ctx.exec.runtime.persistent(p),
                        future,
                    };
                    ctx.state.tasks.push(task);
                }
                // A conversion error rejects the promise (as an async
                // function's would).
                Err(e) => resolver.reject(ctx, e)?,
            }
            Ok(promise)
        });
        self.host_function_object(name, A::length(), call, None)
    }

    /// [`Context::async_function`], then defined as a global of that name.
    pub fn set_global_async_function<A, R, E, Fut, F>(&mut self, name: &str, f: F) -> Result<()>
    where
        A: FromArgs,
        R: IntoJs + 'static,
        E: Into<Error> + 'static,
        Fut: Future<Output = std::result::Result<R, E>> + 'static,
        F: Fn(A) -> Fut + 'static,
    {
        let f = self.async_function(name, f)?;
        self.set_global(name, f)
    }

    /// Runs promise jobs until the queue is empty (jobs they enqueue run
    /// too), then reports unhandled rejections to the callback of
    /// [`Context::on_unhandled_rejection`]. A job that throws is reported
    /// the same way. Does not poll async host functions' futures: see
    /// [`Context::run_until_idle`].
    pub fn run_jobs(&mut self) -> Result<()> {
        let mut errors = Vec::new();
        {
            let roots = self.exec.runtime.roots.clone();
            let mut on_error = |_: &mut crate::Runtime, v: crate::Value| {
                errors.push(roots.root(v));
            };
            self.exec.runtime.run_jobs(&mut on_error);
        }
        // A job stopped by an interrupt: its error, or the promise its
        // reaction settles, holds the termination; that is the end of the
        // run, not a rejection to report.
        let terminated = self.exec.runtime.is_interrupted();
        for e in errors {
            let v = e.get();
            if !self.exec.runtime.is_termination(v) {
                self.report_rejection(v);
            }
        }
        let unhandled = self.exec.runtime.take_unhandled_rejections();
        let reasons: Vec<Persistent> = unhandled
            .as_slice()
            .iter()
            .map(|p| {
                let reason = self.exec.runtime.promise_result(*p);
                self.exec.runtime.persistent(reason)
            })
            .collect();
        drop(unhandled);
        for r in reasons {
            if !self.exec.runtime.is_termination(r.get()) {
                self.report_rejection(r.get());
            }
        }
        if terminated {
            return Err(self.terminated());
        }
        Ok(())
    }

    /// How many async host function calls are still running.
    pub fn pending_tasks(&self) -> usize {
        self.state.tasks.len()
    }

    /// One round of the driver: run jobs, poll every task, settle the
    /// promises of those that finished. Returns whether a task finished.
    fn drive_once(&mut self, cx: &mut TaskContext<'_>) -> Result<bool> {
        self.run_jobs()?;
        let tasks = std::mem::take(&mut self.state.tasks);
        let mut pending = Vec::with_capacity(tasks.len());
        // The finished tasks keep their promises rooted until settled.
        let mut finished: Vec<(Persistent, Finish)> = Vec::new();
        for mut t in tasks {
            match t.future.as_mut().poll(cx) {
                Poll::Ready(finish) => finished.push((t.promise, finish)),
                Poll::Pending => pending.push(t),
            }
        }
        // Tasks started meanwhile (none: futures cannot reach the context).
        pending.append(&mut self.state.tasks);
        self.state.tasks = pending;
        let any = !finished.is_empty();
        for (p, finish) in finished {
            let resolver = Resolver {
                promise: self.handle(p.get()),
            };
            match finish(self) {
                Ok(v) => resolver.resolve(self, v)?,
                Err(e) => resolver.reject(self, e)?,
            }
        }
        if any {
            self.run_jobs()?;
        }
        Ok(any)
    }

    /// Drives the runtime until no job and no async host function is left:
    /// the `async` driver (works under any executor, tokio's
    /// `current_thread` runtime included).
    pub fn run_until_idle(&mut self) -> RunUntilIdle<'_> {
        RunUntilIdle { ctx: self }
    }

    /// Drives the runtime until `promise` settles and converts its value;
    /// a rejection is an [`Error::Exception`]. Awaiting a value that is not
    /// a promise gives the value itself. If nothing is left to run while
    /// the promise is still pending, it never settles: an error.
    pub fn await_promise<'a, T: FromJs + 'a>(
        &'a mut self,
        promise: &JsValue,
    ) -> impl Future<Output = Result<T>> + 'a {
        let promise = promise.clone();
        AwaitPromise {
            ctx: self,
            promise,
            _t: std::marker::PhantomData,
        }
    }

    /// Runs jobs and async host functions to completion on this thread
    /// (a blocking [`Context::run_until_idle`]).
    pub fn run_blocking(&mut self) -> Result<()> {
        block_on(self.run_until_idle())
    }
}

/// The future of [`Context::run_until_idle`].
pub struct RunUntilIdle<'a> {
    ctx: &'a mut Context,
}

impl Future for RunUntilIdle<'_> {
    type Output = Result<()>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Result<()>> {
        loop {
            let progressed = self.ctx.drive_once(cx)?;
            if self.ctx.state.tasks.is_empty() && !self.ctx.exec.runtime.has_pending_jobs() {
                return Poll::Ready(Ok(()));
            }
            if !progressed {
                return Poll::Pending;
            }
        }
    }
}

/// The future of [`Context::await_promise`].
struct AwaitPromise<'a, T> {
    ctx: &'a mut Context,
    promise: JsValue,
    _t: std::marker::PhantomData<fn() -> T>,
}

impl<T: FromJs> Future for AwaitPromise<'_, T> {
    type Output = Result<T>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Result<T>> {
        let this = &mut *self;
        let p = match this.ctx.raw(&this.promise) {
            Ok(p) => p,
            Err(e) => return Poll::Ready(Err(e)),
        };
        if !promise::is_promise(p) {
            return Poll::Ready(T::from_js(this.ctx, &this.promise));
        }
        // This driver watches the promise: its rejection is not unhandled.
        promise::mark_handled(p);
        loop {
            if let Some(outcome) = promise::promise_outcome(p) {
                return Poll::Ready(match outcome {
                    Ok(v) => {
                        let v = this.ctx.handle(v);
                        T::from_js(this.ctx, &v)
                    }
                    Err(reason) => Err(this.ctx.error_from_thrown(crate::Thrown(reason))),
                });
            }
            let progressed = match this.ctx.drive_once(cx) {
                Ok(p) => p,
                Err(e) => return Poll::Ready(Err(e)),
            };
            if promise::promise_outcome(p).is_some() {
                continue;
            }
            if this.ctx.state.tasks.is_empty() && !this.ctx.exec.runtime.has_pending_jobs() {
                return Poll::Ready(Err(Error::new(
                    "the promise can never settle: nothing is left to run",
                )));
            }
            if !progressed {
                return Poll::Pending;
            }
        }
    }
}

/// Wakes a parked thread.
struct ThreadWaker(std::thread::Thread);

impl Wake for ThreadWaker {
    fn wake(self: std::sync::Arc<Self>) {
        self.0.unpark();
    }
}

/// Runs a future to completion on the current thread (parking between
/// polls): enough for [`Context::await_promise`] and
/// [`Context::run_until_idle`] when the host functions' futures need no
/// reactor (use tokio's or another runtime's `block_on` for timers and I/O).
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let waker = Waker::from(std::sync::Arc::new(ThreadWaker(std::thread::current())));
    let mut cx = TaskContext::from_waker(&waker);
    loop {
        if let Poll::Ready(v) = future.as_mut().poll(&mut cx) {
            return v;
        }
        std::thread::park();
    }
}
