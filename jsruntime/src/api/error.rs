//! Errors of the embedding API: [`Error`] (what every fallible call
//! returns) and [`JsError`] (a JavaScript exception seen from Rust).

use std::fmt;

use super::JsValue;
use crate::completion::ErrorKind;

/// Where an exception was thrown: `FILE:LINE:COL` (1-based line and column).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The script's or module's name (a path for files).
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// A JavaScript exception that reached Rust: its `name`, `message`, the
/// `stack` text (V8's format: `NAME: MESSAGE` then `    at f
/// (FILE:LINE:COL)` lines) and the throw site, plus the thrown value itself
/// (rooted as long as this error lives).
#[derive(Clone)]
pub struct JsError {
    /// `error.name` (`"Uncaught"` for a thrown value that is not an object).
    pub name: String,
    /// `error.message`, or `String(value)` for other thrown values.
    pub message: String,
    /// The stack text: `NAME: MESSAGE` and one `    at …` line per frame.
    pub stack: String,
    /// The throw site, when known.
    pub location: Option<Location>,
    /// The thrown value (`None` for errors made before any value existed,
    /// such as a syntax error reported by the parser).
    pub value: Option<JsValue>,
}

impl fmt::Debug for JsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JsError")
            .field("name", &self.name)
            .field("message", &self.message)
            .field("location", &self.location)
            .field("stack", &self.stack)
            .finish()
    }
}

impl fmt::Display for JsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            write!(f, "{}", self.name)?;
        } else {
            write!(f, "{}: {}", self.name, self.message)?;
        }
        if let Some(at) = &self.location {
            write!(f, " (at {at})")?;
        }
        Ok(())
    }
}

impl std::error::Error for JsError {}

/// Why a call into the API failed.
///
/// Returned from a host function, every variant becomes a JavaScript
/// exception: [`Error::Exception`] rethrows the original value, the others
/// throw a new error object of the matching kind.
#[derive(Debug, Clone)]
pub enum Error {
    /// JavaScript threw (or the source did not parse: a SyntaxError).
    Exception(Box<JsError>),
    /// A value did not convert to the Rust type asked for (thrown into
    /// JavaScript as a TypeError).
    Conversion {
        /// What the value was (`"string"`, `"object"`, ...).
        from: &'static str,
        /// The Rust side's type (`"i32"`, `"Vec"`, ...).
        to: &'static str,
        /// More detail (may be empty).
        message: String,
    },
    /// An error raised by Rust code, thrown into JavaScript as an error of
    /// `kind` with `message`.
    Host {
        /// The JavaScript error constructor it becomes.
        kind: ErrorKind,
        /// The error's message.
        message: String,
    },
    /// The script was stopped: an [`super::InterruptHandle`] was used, the
    /// deadline ([`super::Context::set_deadline`]) passed, or a host
    /// function returned this error. JavaScript cannot catch it; the
    /// runtime is usable again once it reaches the outermost Rust caller.
    Terminated,
}

impl Error {
    /// A host error that JavaScript sees as `new Error(message)`.
    pub fn new(message: impl Into<String>) -> Error {
        Error::Host {
            kind: ErrorKind::Error,
            message: message.into(),
        }
    }

    /// A host error that JavaScript sees as a `TypeError`.
    pub fn type_error(message: impl Into<String>) -> Error {
        Error::Host {
            kind: ErrorKind::TypeError,
            message: message.into(),
        }
    }

    /// A host error that JavaScript sees as a `RangeError`.
    pub fn range_error(message: impl Into<String>) -> Error {
        Error::Host {
            kind: ErrorKind::RangeError,
            message: message.into(),
        }
    }

    /// A conversion failure.
    pub fn conversion(from: &'static str, to: &'static str, message: impl Into<String>) -> Error {
        Error::Conversion {
            from,
            to,
            message: message.into(),
        }
    }

    /// The JavaScript exception, if this is one.
    pub fn as_js(&self) -> Option<&JsError> {
        match self {
            Error::Exception(e) => Some(e),
            _ => None,
        }
    }

    /// Whether the script was stopped ([`Error::Terminated`]).
    pub fn is_terminated(&self) -> bool {
        matches!(self, Error::Terminated)
    }

    /// The `name` JavaScript gives this error (`"TypeError"`, ...).
    pub fn name(&self) -> String {
        match self {
            Error::Exception(e) => e.name.clone(),
            Error::Conversion { .. } => "TypeError".to_owned(),
            Error::Host { kind, .. } => kind.name().to_owned(),
            Error::Terminated => "Error".to_owned(),
        }
    }

    /// The message without the name.
    pub fn message(&self) -> String {
        match self {
            Error::Exception(e) => e.message.clone(),
            Error::Conversion { from, to, message } if message.is_empty() => {
                format!("cannot convert {from} to {to}")
            }
            Error::Conversion { from, to, message } => {
                format!("cannot convert {from} to {to}: {message}")
            }
            Error::Host { message, .. } => message.clone(),
            Error::Terminated => crate::runtime::limits::TERMINATED.to_owned(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Exception(e) => write!(f, "{e}"),
            _ => write!(f, "{}: {}", self.name(), self.message()),
        }
    }
}

impl std::error::Error for Error {}

impl From<JsError> for Error {
    fn from(e: JsError) -> Error {
        Error::Exception(Box::new(e))
    }
}

impl From<String> for Error {
    fn from(message: String) -> Error {
        Error::new(message)
    }
}

impl From<&str> for Error {
    fn from(message: &str) -> Error {
        Error::new(message)
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::new(e.to_string())
    }
}

impl From<std::fmt::Error> for Error {
    fn from(e: std::fmt::Error) -> Error {
        Error::new(e.to_string())
    }
}

impl From<std::num::ParseIntError> for Error {
    fn from(e: std::num::ParseIntError) -> Error {
        Error::type_error(e.to_string())
    }
}

impl From<std::num::ParseFloatError> for Error {
    fn from(e: std::num::ParseFloatError) -> Error {
        Error::type_error(e.to_string())
    }
}

/// The result type of the embedding API.
pub type Result<T, E = Error> = std::result::Result<T, E>;
