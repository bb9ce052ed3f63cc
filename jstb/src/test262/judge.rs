//! What a worker observed when it ran a test, and whether that is a pass
//! (INTERPRETING.md, "Test Results", `negative`, `async`).

use serde::{Deserialize, Serialize};

use super::engine::{EngineError, RunOutput};
use super::meta::{Metadata, Phase};

/// A worker's raw observation of one run; the parent judges it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Observation {
    /// Parse-only: the test file parsed, or failed with this SyntaxError.
    Parsed { error: Option<SyntaxErrorInfo> },
    /// Execution: what the engine reported.
    Ran { output: RunOutput },
    /// The test could not be set up (unreadable file, missing include).
    SetupError { message: String },
    /// The worker panicked, crashed, or timed out on this run.
    Crashed { message: String },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyntaxErrorInfo {
    pub message: String,
    pub line: u32,
    pub col: u32,
}

/// The verdict on one run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Fail,
    Skip,
}

const ASYNC_COMPLETE: &str = "Test262:AsyncTestComplete";
const ASYNC_FAILURE: &str = "Test262:AsyncTestFailure:";

/// Judges one observation; the message says why a run failed (empty on a
/// plain pass).
pub fn judge(meta: &Metadata, observation: &Observation) -> (Status, String) {
    match observation {
        Observation::Parsed { error } => judge_parse(meta, error.as_ref()),
        Observation::Ran { output } => judge_run(meta, output),
        Observation::SetupError { message } => (Status::Fail, format!("setup: {message}")),
        Observation::Crashed { message } => (Status::Fail, format!("crashed: {message}")),
    }
}

/// Parse-only: a test passes if it parses, except `negative: phase: parse`
/// tests, which pass iff parsing fails with a SyntaxError. Resolution and
/// runtime negatives must parse.
fn judge_parse(meta: &Metadata, error: Option<&SyntaxErrorInfo>) -> (Status, String) {
    let expects_parse_error = meta
        .negative
        .as_ref()
        .is_some_and(|n| n.phase == Phase::Parse);
    match (error, expects_parse_error) {
        (None, false) => (Status::Pass, String::new()),
        (Some(e), true) => (
            Status::Pass,
            format!(
                "SyntaxError (expected): {} at {}:{}",
                e.message, e.line, e.col
            ),
        ),
        (None, true) => (
            Status::Fail,
            "expected a SyntaxError at parse time, but the test parsed".into(),
        ),
        (Some(e), false) => (
            Status::Fail,
            format!("SyntaxError: {} at {}:{}", e.message, e.line, e.col),
        ),
    }
}

fn judge_run(meta: &Metadata, output: &RunOutput) -> (Status, String) {
    let thrown = match &output.result {
        Err(EngineError::Unsupported(message)) => return (Status::Fail, message.clone()),
        Err(EngineError::Thrown(thrown)) => Some(thrown),
        Ok(()) => None,
    };
    match (&meta.negative, thrown) {
        (Some(neg), None) => (
            Status::Fail,
            format!(
                "expected {} at {} time, but the test completed",
                neg.error_type,
                neg.phase.name()
            ),
        ),
        (Some(neg), Some(t)) => {
            if t.phase == neg.phase && t.name == neg.error_type {
                (Status::Pass, String::new())
            } else {
                (
                    Status::Fail,
                    format!(
                        "expected {} at {} time, got {}: {} at {} time",
                        neg.error_type,
                        neg.phase.name(),
                        t.name,
                        t.message,
                        t.phase.name()
                    ),
                )
            }
        }
        (None, Some(t)) => (
            Status::Fail,
            format!(
                "uncaught {}: {} ({} time)",
                t.name,
                t.message,
                t.phase.name()
            ),
        ),
        (None, None) if meta.flags.is_async => judge_async(&output.printed),
        (None, None) => (Status::Pass, String::new()),
    }
}

/// An async test passes when it printed `Test262:AsyncTestComplete` and no
/// `Test262:AsyncTestFailure:` line.
fn judge_async(printed: &[String]) -> (Status, String) {
    if let Some(failure) = printed.iter().find(|p| p.starts_with(ASYNC_FAILURE)) {
        return (Status::Fail, failure.clone());
    }
    if printed.iter().any(|p| p == ASYNC_COMPLETE) {
        (Status::Pass, String::new())
    } else {
        (
            Status::Fail,
            "async test did not print Test262:AsyncTestComplete".into(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::engine::ThrownError;
    use super::super::meta::Negative;
    use super::*;

    fn negative(phase: Phase, ty: &str) -> Metadata {
        Metadata {
            negative: Some(Negative {
                phase,
                error_type: ty.into(),
            }),
            ..Metadata::default()
        }
    }

    fn syntax_error() -> Option<SyntaxErrorInfo> {
        Some(SyntaxErrorInfo {
            message: "unexpected token".into(),
            line: 3,
            col: 7,
        })
    }

    fn parsed(error: Option<SyntaxErrorInfo>) -> Observation {
        Observation::Parsed { error }
    }

    #[test]
    fn parse_only_positive() {
        let meta = Metadata::default();
        assert_eq!(judge(&meta, &parsed(None)).0, Status::Pass);
        let (status, message) = judge(&meta, &parsed(syntax_error()));
        assert_eq!(status, Status::Fail);
        assert_eq!(message, "SyntaxError: unexpected token at 3:7");
    }

    #[test]
    fn parse_only_negative_parse() {
        let meta = negative(Phase::Parse, "SyntaxError");
        assert_eq!(judge(&meta, &parsed(syntax_error())).0, Status::Pass);
        assert_eq!(judge(&meta, &parsed(None)).0, Status::Fail);
    }

    #[test]
    fn parse_only_resolution_and_runtime_negatives_must_parse() {
        for phase in [Phase::Resolution, Phase::Runtime] {
            let meta = negative(phase, "ReferenceError");
            assert_eq!(judge(&meta, &parsed(None)).0, Status::Pass);
            assert_eq!(judge(&meta, &parsed(syntax_error())).0, Status::Fail);
        }
    }

    fn ran(printed: &[&str], result: Result<(), EngineError>) -> Observation {
        Observation::Ran {
            output: RunOutput {
                printed: printed.iter().map(|s| s.to_string()).collect(),
                result,
            },
        }
    }

    fn thrown(name: &str, phase: Phase) -> Result<(), EngineError> {
        Err(EngineError::Thrown(ThrownError {
            name: name.into(),
            message: "m".into(),
            phase,
        }))
    }

    #[test]
    fn execution_negative() {
        let meta = negative(Phase::Runtime, "ReferenceError");
        assert_eq!(
            judge(&meta, &ran(&[], thrown("ReferenceError", Phase::Runtime))).0,
            Status::Pass
        );
        // Wrong type, wrong phase, no error: all fail.
        assert_eq!(
            judge(&meta, &ran(&[], thrown("TypeError", Phase::Runtime))).0,
            Status::Fail
        );
        assert_eq!(
            judge(&meta, &ran(&[], thrown("ReferenceError", Phase::Parse))).0,
            Status::Fail
        );
        assert_eq!(judge(&meta, &ran(&[], Ok(()))).0, Status::Fail);
    }

    #[test]
    fn execution_positive_and_unsupported() {
        let meta = Metadata::default();
        assert_eq!(judge(&meta, &ran(&[], Ok(()))).0, Status::Pass);
        let (status, message) = judge(&meta, &ran(&[], thrown("Test262Error", Phase::Runtime)));
        assert_eq!(status, Status::Fail);
        assert_eq!(message, "uncaught Test262Error: m (runtime time)");
        let unsupported = Err(EngineError::Unsupported(
            "execution not supported yet".into(),
        ));
        let (status, message) = judge(&meta, &ran(&[], unsupported.clone()));
        assert_eq!(
            (status, message.as_str()),
            (Status::Fail, "execution not supported yet")
        );
        // Even a negative test cannot pass on an unsupported run.
        let neg = negative(Phase::Runtime, "ReferenceError");
        assert_eq!(judge(&neg, &ran(&[], unsupported)).0, Status::Fail);
    }

    #[test]
    fn execution_async() {
        let mut meta = Metadata::default();
        meta.flags.is_async = true;
        assert_eq!(
            judge(&meta, &ran(&["Test262:AsyncTestComplete"], Ok(()))).0,
            Status::Pass
        );
        assert_eq!(judge(&meta, &ran(&[], Ok(()))).0, Status::Fail);
        let (status, message) = judge(
            &meta,
            &ran(
                &[
                    "Test262:AsyncTestFailure:Test262Error: boom",
                    "Test262:AsyncTestComplete",
                ],
                Ok(()),
            ),
        );
        assert_eq!(status, Status::Fail);
        assert!(message.contains("boom"));
    }

    #[test]
    fn crashes_and_setup_errors_fail() {
        let neg = negative(Phase::Parse, "SyntaxError");
        let crashed = Observation::Crashed {
            message: "signal 11".into(),
        };
        assert_eq!(
            judge(&neg, &crashed),
            (Status::Fail, "crashed: signal 11".into())
        );
        let setup = Observation::SetupError {
            message: "invalid UTF-8 at byte 3".into(),
        };
        assert_eq!(judge(&neg, &setup).0, Status::Fail);
    }

    #[test]
    fn observations_round_trip_as_json() {
        let obs = ran(&["x"], thrown("SyntaxError", Phase::Parse));
        let text = serde_json::to_string(&obs).unwrap();
        assert_eq!(serde_json::from_str::<Observation>(&text).unwrap(), obs);
    }
}
