//! Source positions of exceptions: the throw site and the frames an
//! exception passed through.
//!
//! Nothing is recorded on the normal path. Compiled code branches on
//! `Status::Exception` after every call and runtime call; that branch goes
//! to a cold *raise block* (`compiler/sites.rs`) which calls
//! [`runtime_note_exception_site`] with the function's template and the
//! source position of the command before it continues at the handler. The
//! first note of an exception is its throw site; every frame the exception
//! leaves adds the position of its call. The trace restarts when a different
//! value is thrown, or when a `catch` clause caught the last one
//! ([`runtime_exception_caught`]), so `catch (e) { throw e }` is traced from
//! the rethrow. A `finally` block entered by a throw rethrows the pending
//! exception without a note: its trace continues.
//!
//! Frames between the throw and the handler are all a trace knows: unlike a
//! V8 stack trace, captured when the error object is created, it does not
//! include the frames below the function that catches the exception, and
//! native frames (a built-in that called a callback) are skipped.
//!
//! When a `catch` clause catches an Error object that has no own `stack`
//! property yet, it receives one in V8's format (`NAME: MESSAGE` then
//! `    at f (FILE:LINE:COL)` per frame of the trace). The header reads only
//! data properties, so no user code runs.

use std::rc::Rc;

use jsparser::lexer::LineIndex;

use crate::gc::Gc;
use crate::gc::Persistent;
use crate::object::{Attributes, JsObject, ObjectKind, PropertyDescriptor, PropertyKey};
use crate::semantics::{FunctionId, HIDDEN_CALL_POSITION};
use crate::value::Value;

use super::{Executor, FunctionTemplate, Status};

/// Frames kept per trace; deeper ones (deep recursion) are only counted.
pub const MAX_FRAMES: usize = 50;

/// One site an exception passed: a function and a source position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Site {
    /// The executor's index of the program.
    pub program: usize,
    /// The function of that program.
    pub function: FunctionId,
    /// Byte offset in the program's source (`u32::MAX`: unknown).
    pub offset: u32,
}

/// The trace of the most recent exception.
#[derive(Default)]
pub(crate) struct ExceptionTrace {
    /// The exception being traced (rooted, so its address is not reused).
    value: Option<Persistent>,
    /// A catch clause caught it: the next note starts a new trace.
    closed: bool,
    /// Innermost (the throw site) first.
    sites: Vec<Site>,
    /// Sites beyond [`MAX_FRAMES`].
    omitted: usize,
    /// A TypeError just made by a call (`false`) or `new` (`true`) of a
    /// value that is not callable (a constructor): its throw site names the
    /// callee in the message ([`callee_message`]). Compared by address
    /// only, at the note that immediately follows.
    pub(crate) uncallable: Option<(u64, bool)>,
    /// Names of the host functions in `sites` (a site whose program is
    /// [`NATIVE_PROGRAM`] has its index here as its function id).
    native_names: Vec<Rc<str>>,
}

/// The program id of a host function's site ([`Executor::note_native_frame`]).
pub const NATIVE_PROGRAM: usize = usize::MAX;

impl ExceptionTrace {
    /// Drops the sites when one is in a freed program (`reclaim`: its id
    /// may be reused).
    pub(crate) fn forget(&mut self, programs: &std::collections::HashSet<usize>) {
        if self.sites.iter().any(|s| programs.contains(&s.program)) {
            self.sites.clear();
            self.native_names.clear();
            self.omitted = 0;
        }
    }

    fn note(&mut self, exec_root: impl FnOnce(Value) -> Persistent, value: Value, site: Site) {
        let same = !self.closed && self.value.as_ref().is_some_and(|p| p.get() == value);
        if !same {
            match &self.value {
                Some(p) => p.set(value),
                None => self.value = Some(exec_root(value)),
            }
            self.closed = false;
            self.sites.clear();
            self.native_names.clear();
            self.omitted = 0;
        }
        if self.sites.len() < MAX_FRAMES {
            self.sites.push(site);
        } else {
            self.omitted += 1;
        }
    }
}

/// The source text of a program, for positions.
pub(crate) struct Source {
    /// The file name, for traces (`None`: eval code and other programs
    /// made at run time, shown as `<anonymous>`).
    pub(crate) name: Option<String>,
    /// The whole text, shared by every function of the program (their
    /// `toString` slices it).
    text: Rc<str>,
    lines: std::cell::OnceCell<LineIndex>,
}

/// One frame of a trace, resolved to a file, line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StackFrame {
    /// The function's name (`None`: anonymous, or the script itself).
    pub function: Option<String>,
    /// The file name given to [`Executor::set_source`], or `<anonymous>`.
    pub file: String,
    /// 1-based line and column, when the source and position are known.
    pub line_col: Option<(u32, u32)>,
    /// Byte offset in the source, when known.
    pub offset: Option<u32>,
    /// The executor's index of the program.
    pub program: usize,
}

impl std::fmt::Display for StackFrame {
    /// V8's format: `at f (FILE:LINE:COL)`, or `at FILE:LINE:COL` for
    /// anonymous code.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut place = self.file.clone();
        if let Some((line, col)) = self.line_col {
            place = format!("{place}:{line}:{col}");
        }
        match &self.function {
            Some(name) => write!(f, "at {name} ({place})"),
            None => write!(f, "at {place}"),
        }
    }
}

/// The frames of an exception's trace and how many deeper ones were left
/// out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Trace {
    /// The frames from the throw site outwards.
    pub frames: Vec<StackFrame>,
    /// How many frames past [`MAX_FRAMES`] were not kept.
    pub omitted: usize,
}

impl Executor {
    /// Names a loaded program's source, so that exception traces show
    /// `FILE:LINE:COL` positions in it.
    pub fn set_source(&mut self, program: usize, name: &str, text: &str) {
        self.keep_source(program, Some(name.to_owned()), Rc::from(text));
    }

    /// Keeps a loaded program's source text (for `toString` of its
    /// functions, 20.2.3.5, and positions when it has a `name`).
    pub(crate) fn keep_source(&mut self, program: usize, name: Option<String>, text: Rc<str>) {
        let source = Source {
            name,
            text,
            lines: std::cell::OnceCell::new(),
        };
        self.state.programs.set_source(program, source);
    }

    /// The name registered for a program's source (a file name).
    pub fn source_name(&self, program: usize) -> Option<&str> {
        self.state.programs.source(program)?.name.as_deref()
    }

    /// The shared source text of a program.
    pub(crate) fn shared_source(&self, program: usize) -> Option<Rc<str>> {
        Some(self.state.programs.source(program)?.text.clone())
    }

    /// The source text registered for a program.
    pub fn source_text(&self, program: usize) -> Option<&str> {
        Some(&self.state.programs.source(program)?.text)
    }

    /// The trace of `thrown` (innermost frame first: the throw site), if it
    /// is the exception traced last.
    pub fn exception_trace(&self, thrown: Value) -> Option<Trace> {
        let t = &self.state.trace;
        if t.value.as_ref().map(Persistent::get) != Some(thrown) || t.sites.is_empty() {
            return None;
        }
        Some(Trace {
            frames: t.sites.iter().map(|s| self.frame(s)).collect(),
            omitted: t.omitted,
        })
    }

    /// Starts the trace of `thrown` at a host function named `name` (the
    /// embedding API's functions written in Rust): its frame shows as
    /// `at NAME (native)`, and the JavaScript frames it passes follow.
    pub fn note_native_frame(&mut self, thrown: Value, name: &str) {
        let t = &mut self.state.trace;
        let index = if t.value.as_ref().is_some_and(|p| p.get() == thrown) && !t.closed {
            t.native_names.len()
        } else {
            0
        };
        let site = Site {
            program: NATIVE_PROGRAM,
            function: FunctionId(index as u32),
            offset: u32::MAX,
        };
        let roots = &self.runtime;
        let t = &mut self.state.trace;
        t.note(|v| roots.persistent(v), thrown, site);
        t.native_names.truncate(index);
        t.native_names.push(Rc::from(name));
    }

    pub(super) fn frame(&self, site: &Site) -> StackFrame {
        if site.program == NATIVE_PROGRAM {
            let names = &self.state.trace.native_names;
            return StackFrame {
                function: names.get(site.function.0 as usize).map(|n| n.to_string()),
                file: "native".to_owned(),
                line_col: None,
                offset: None,
                program: NATIVE_PROGRAM,
            };
        }
        let function = self
            .state
            .programs
            .get(site.program)
            .and_then(|p| Some(p.symbol_name(p.function(site.function)?.name?).to_owned()));
        // Programs without a file name (eval and `Function` code) show
        // positions in their own text, as V8's `<anonymous>:LINE:COL`.
        let source = self.state.programs.source(site.program);
        let offset = (site.offset != u32::MAX).then_some(site.offset);
        let line_col = match (source, offset) {
            (Some(s), Some(o)) if (o as usize) <= s.text.len() => {
                Some(s.lines.get_or_init(|| LineIndex::new(&s.text)).line_col(o))
            }
            _ => None,
        };
        StackFrame {
            function,
            file: source
                .and_then(|s| s.name.clone())
                .unwrap_or_else(|| "<anonymous>".to_owned()),
            line_col,
            offset,
            program: site.program,
        }
    }

    /// V8's `stack` text: `NAME: MESSAGE` then one `    at …` line per
    /// frame.
    fn stack_text(&mut self, error: Gc<JsObject>, trace: &Trace, limit: usize) -> String {
        let name = crate::builtins::error::data_string(error, self.runtime.names.name);
        let message = crate::builtins::error::data_string(error, self.runtime.names.message);
        let name = name.unwrap_or_else(|| "Error".to_owned());
        let mut text = match message {
            Some(m) if !m.is_empty() => format!("{name}: {m}"),
            _ => name,
        };
        for frame in trace.frames.iter().take(limit) {
            text.push_str("\n    ");
            text.push_str(&frame.to_string());
        }
        if trace.omitted > 0 && trace.frames.len() <= limit {
            text.push_str(&format!("\n    ... {} more", trace.omitted));
        }
        text
    }

    /// Gives a caught Error object its `stack` property (see the module
    /// docs); does nothing for other values or when it has one.
    fn install_stack(&mut self, exception: Value) {
        let Some(o) = exception.as_object() else {
            return;
        };
        if !matches!(o.kind(), ObjectKind::Error) || !o.is_extensible_flag() {
            return;
        }
        let key = PropertyKey::String(self.runtime.names.stack);
        if o.stored_property(key).is_some() {
            return;
        }
        let Some(trace) = self.exception_trace(exception) else {
            return;
        };
        // `Error.stackTraceLimit` as for errors made by the constructors
        // (`Runtime::capture_stack_trace`): not a number, no trace.
        let s = match self.runtime.stack_trace_limit() {
            Some(limit) => {
                let text = self.stack_text(o, &trace, limit);
                let Ok(s) = self.runtime.new_string(&text) else {
                    return;
                };
                Value::string(s)
            }
            None => Value::UNDEFINED,
        };
        // Non-enumerable like V8's; failure (out of memory) leaves no stack.
        let desc = PropertyDescriptor::data(s, Attributes::new(true, false, true));
        let _ = self.runtime.ordinary_define_own_property(o, key, desc);
    }
}

/// Notes that `exception` passed the command at byte offset `position` of
/// the template's function (called from raise blocks; see the module
/// docs). Returns `Status::Exception`: the exception keeps propagating.
///
/// # Safety
/// `ctx` is the running executor; `template` is null or one of its
/// templates.
pub unsafe extern "C" fn runtime_note_exception_site(
    ctx: *mut Executor,
    template: *const FunctionTemplate,
    position: u32,
    exception: u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let exec = unsafe { &mut *ctx };
    // SAFETY: templates are boxed and live as long as the executor.
    let Some(template) = (unsafe { template.as_ref() }) else {
        return Status::Exception as u32;
    };
    // Function 0's call of a chunk of a huge top level: the chunk's site
    // stands for the top level (`semantics/analyzer/chunks.rs`).
    if position == HIDDEN_CALL_POSITION {
        return Status::Exception as u32;
    }
    let site = Site {
        program: template.program,
        function: template.function,
        offset: position,
    };
    // SAFETY: compiled code passes the thrown value from its scratch slot.
    let value = unsafe { Value::from_bits(exception) };
    if let Some((error, construct)) = exec.state.trace.uncallable.take() {
        if error == exception {
            exec.name_uncallable(value, site, construct);
        }
    }
    let roots = &exec.runtime;
    exec.state.trace.note(|v| roots.persistent(v), value, site);
    Status::Exception as u32
}

/// The callee of the call (or `new`) expression starting at `offset` of
/// `source`, when it is a plain reference: `a`, `a.b.c`, `this.f`,
/// `a?.b`, `a[0]`; `None` otherwise (the message stays generic).
pub(crate) fn callee_text(source: &str, offset: usize, construct: bool) -> Option<String> {
    let mut rest = source.get(offset..)?;
    if construct {
        rest = rest.strip_prefix("new")?.trim_start();
    }
    let bytes = rest.as_bytes();
    let mut i = 0;
    let mut depth = 0usize;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'[' => depth += 1,
            b']' if depth > 0 => depth -= 1,
            b'(' if depth == 0 => break,
            b'?' if depth == 0 && bytes.get(i + 1) == Some(&b'.') => {
                if bytes.get(i + 2) == Some(&b'(') {
                    break;
                }
            }
            b'\n' | b'\r' | b'`' | b';' | b')' | b'{' | b'}' | b',' if depth == 0 => return None,
            _ if depth > 0 => {}
            _ if c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c == b'.' || c >= 0x80 => {}
            _ => return None,
        }
        i += 1;
        if i > 200 {
            return None;
        }
    }
    let text = rest.get(..i)?.trim_end();
    if i >= bytes.len() || text.is_empty() {
        return None;
    }
    // Several calls of a chain start at the same offset (`f()()`,
    // `a.b().c()`): name the callee only when this call ends the chain.
    let mut parens = 0usize;
    let mut j = i;
    while j < bytes.len() {
        match bytes[j] {
            b'(' => parens += 1,
            b')' => {
                parens -= 1;
                if parens == 0 {
                    break;
                }
            }
            _ => {}
        }
        j += 1;
    }
    let after = rest.get(j + 1..)?.trim_start();
    if after.starts_with(['.', '?', '[', '(', '`']) && !after.starts_with("??") {
        return None;
    }
    Some(text.to_string())
}

impl Executor {
    /// Names the callee in the message of a "not a function" / "not a
    /// constructor" TypeError at its throw site, as V8 does
    /// (`a.foo is not a function`).
    fn name_uncallable(&mut self, error: Value, site: Site, construct: bool) {
        let Some(o) = error.as_object() else { return };
        let Some(text) = self
            .source_text(site.program)
            .and_then(|s| callee_text(s, site.offset as usize, construct))
        else {
            return;
        };
        let what = if construct { "constructor" } else { "function" };
        let message = format!("{text} is not a {what}");
        let Ok(message) = self.runtime.new_string(&message) else {
            return;
        };
        let key = PropertyKey::String(self.runtime.names.message);
        let desc = PropertyDescriptor::data(Value::string(message), Attributes::BUILTIN_METHOD);
        let _ = self.runtime.define_own_property(o, key, desc);
    }
}

/// A `catch` clause caught `exception`: its trace is complete (the next
/// note starts a new one) and an Error object gets its `stack`.
///
/// # Safety
/// `ctx` is the running executor.
pub unsafe extern "C" fn runtime_exception_caught(ctx: *mut Executor, exception: u64) -> u32 {
    // SAFETY: see the function's contract.
    let exec = unsafe { &mut *ctx };
    // SAFETY: compiled code passes the caught value.
    let value = unsafe { Value::from_bits(exception) };
    exec.install_stack(value);
    exec.state.trace.closed = true;
    Status::Normal as u32
}
