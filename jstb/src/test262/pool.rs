//! The parent side of `jstb test262`: a pool of worker processes.
//!
//! Each of N slot threads owns one worker process at a time and feeds it
//! jobs one by one; a worker handles many jobs, so process start-up is paid
//! rarely. A worker that does not answer within the timeout is killed; one
//! that dies (signal, stack overflow, panic) is reaped. Either way its job
//! counts as crashed and the slot starts a new worker for the next job.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use super::judge::Observation;
use super::worker::{Job, Response, ANSWER_PREFIX};

/// How to start workers and how long to wait for them.
#[derive(Clone, Debug)]
pub struct PoolConfig {
    pub exe: PathBuf,
    pub args: Vec<OsString>,
    pub workers: usize,
    pub timeout: Duration,
}

/// Runs every job; `on_response` gets each answer (or synthesized crash) on
/// the calling thread, in completion order.
pub fn run(config: &PoolConfig, jobs: Vec<Job>, mut on_response: impl FnMut(Response)) {
    let workers = config.workers.max(1).min(jobs.len().max(1));
    let queue = Mutex::new(VecDeque::from(jobs));
    let (tx, rx) = mpsc::channel::<Response>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let queue = &queue;
            scope.spawn(move || slot(config, queue, tx));
        }
        drop(tx);
        for response in rx {
            on_response(response);
        }
    });
}

fn slot(config: &PoolConfig, queue: &Mutex<VecDeque<Job>>, tx: Sender<Response>) {
    let mut worker: Option<Worker> = None;
    loop {
        let job = match queue.lock() {
            Ok(mut q) => q.pop_front(),
            Err(_) => None,
        };
        let Some(job) = job else { break };
        let response = run_one(config, &mut worker, &job);
        if tx.send(response).is_err() {
            break;
        }
    }
    if let Some(worker) = worker {
        worker.shut_down();
    }
}

fn crashed(job: &Job, message: String) -> Response {
    Response {
        id: job.id,
        observation: Observation::Crashed { message },
        micros: 0,
        retiring: false,
    }
}

fn run_one(config: &PoolConfig, slot: &mut Option<Worker>, job: &Job) -> Response {
    // Two attempts only to get the job *into* a worker: a worker found dead
    // before it read the job is not this job's fault.
    for attempt in 0..2 {
        let mut worker = match slot.take() {
            Some(worker) => worker,
            None => match Worker::spawn(config) {
                Ok(worker) => worker,
                Err(err) => return crashed(job, format!("cannot start a worker: {err}")),
            },
        };
        if let Err(err) = worker.send(job) {
            let status = worker.kill();
            if attempt == 0 {
                continue;
            }
            return crashed(
                job,
                format!("worker lost ({err}); {}", describe(status, &worker.tail())),
            );
        }
        return match worker.answers.recv_timeout(config.timeout) {
            Ok(line) => match serde_json::from_str::<Response>(&line) {
                Ok(response) if response.id == job.id => {
                    if response.retiring
                        || matches!(response.observation, Observation::Crashed { .. })
                    {
                        // The worker exits after a panic or when it retires; reap it.
                        worker.shut_down();
                    } else {
                        *slot = Some(worker);
                    }
                    response
                }
                Ok(other) => {
                    worker.kill();
                    crashed(job, format!("worker answered job {} instead", other.id))
                }
                Err(err) => {
                    worker.kill();
                    crashed(job, format!("bad answer from worker: {err}"))
                }
            },
            Err(RecvTimeoutError::Timeout) => {
                worker.kill();
                crashed(
                    job,
                    format!("timeout after {} s", config.timeout.as_secs_f64()),
                )
            }
            Err(RecvTimeoutError::Disconnected) => {
                let status = worker.wait();
                let tail = worker.tail();
                crashed(job, describe(status, &tail))
            }
        };
    }
    crashed(job, "worker lost".into())
}

/// Why a worker died: `signal 11 (SIGSEGV)`, `exit code 3`, with the last
/// line it wrote to stderr.
fn describe(status: Option<ExitStatus>, tail: &str) -> String {
    let mut text = match status {
        None => "worker died".to_string(),
        Some(status) => status_text(status),
    };
    let last = tail
        .lines()
        .rev()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(2)
        .collect::<Vec<_>>();
    if !last.is_empty() {
        let joined = last.into_iter().rev().collect::<Vec<_>>().join(" | ");
        let short: String = joined.chars().take(300).collect();
        text.push_str(": ");
        text.push_str(&short);
    }
    text
}

#[cfg(unix)]
fn status_text(status: ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    if let Some(signal) = status.signal() {
        let name = match signal {
            4 => " (SIGILL)",
            6 => " (SIGABRT)",
            7 => " (SIGBUS)",
            8 => " (SIGFPE)",
            9 => " (SIGKILL)",
            11 => " (SIGSEGV)",
            15 => " (SIGTERM)",
            _ => "",
        };
        return format!("signal {signal}{name}");
    }
    match status.code() {
        Some(code) => format!("exit code {code}"),
        None => "worker died".into(),
    }
}

#[cfg(not(unix))]
fn status_text(status: ExitStatus) -> String {
    match status.code() {
        Some(code) => format!("exit code {code}"),
        None => "worker died".into(),
    }
}

/// How much of a worker's stderr (and stray stdout) to keep.
const TAIL_BYTES: usize = 4096;

/// One running worker process.
struct Worker {
    child: Child,
    stdin: Option<ChildStdin>,
    answers: Receiver<String>,
    tail: Arc<Mutex<String>>,
    readers: Vec<JoinHandle<()>>,
}

impl Worker {
    fn spawn(config: &PoolConfig) -> std::io::Result<Worker> {
        let mut child = Command::new(&config.exe)
            .args(&config.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let stdin = child.stdin.take();
        let stdout = child.stdout.take();
        let stderr = child.stderr.take();
        let tail = Arc::new(Mutex::new(String::new()));
        let (tx, answers) = mpsc::channel();
        let mut readers = Vec::new();
        if let Some(stdout) = stdout {
            let tail = Arc::clone(&tail);
            readers.push(std::thread::spawn(move || read_answers(stdout, tx, &tail)));
        }
        if let Some(stderr) = stderr {
            let tail = Arc::clone(&tail);
            readers.push(std::thread::spawn(move || read_tail(stderr, &tail)));
        }
        Ok(Worker {
            child,
            stdin,
            answers,
            tail,
            readers,
        })
    }

    fn send(&mut self, job: &Job) -> std::io::Result<()> {
        let mut line = serde_json::to_string(job).map_err(std::io::Error::other)?;
        line.push('\n');
        let stdin = self
            .stdin
            .as_mut()
            .ok_or_else(|| std::io::Error::other("worker stdin closed"))?;
        stdin.write_all(line.as_bytes())?;
        stdin.flush()
    }

    /// Waits for the worker to exit and for its output to drain.
    fn wait(&mut self) -> Option<ExitStatus> {
        self.stdin = None;
        let status = self.child.wait().ok();
        for reader in self.readers.drain(..) {
            let _ = reader.join();
        }
        status
    }

    /// Kills the worker (our own child, by its handle) and reaps it.
    fn kill(&mut self) -> Option<ExitStatus> {
        let _ = self.child.kill();
        self.wait()
    }

    /// Closes stdin so the worker finishes, and reaps it; a worker that does
    /// not exit within a second is killed.
    fn shut_down(mut self) {
        self.stdin = None;
        for _ in 0..100 {
            if let Ok(Some(_)) = self.child.try_wait() {
                self.wait();
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        self.kill();
    }

    fn tail(&self) -> String {
        self.tail.lock().map(|t| t.clone()).unwrap_or_default()
    }
}

fn push_tail(tail: &Mutex<String>, text: &str) {
    if let Ok(mut t) = tail.lock() {
        t.push_str(text);
        if t.len() > TAIL_BYTES {
            let mut cut = t.len() - TAIL_BYTES;
            while !t.is_char_boundary(cut) {
                cut += 1;
            }
            t.drain(..cut);
        }
    }
}

fn read_answers(stdout: impl Read, tx: Sender<String>, tail: &Mutex<String>) {
    let mut reader = BufReader::new(stdout);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        let line = String::from_utf8_lossy(&buf);
        match line.strip_prefix(ANSWER_PREFIX) {
            Some(answer) => {
                if tx.send(answer.trim_end().to_string()).is_err() {
                    break;
                }
            }
            None => push_tail(tail, &line),
        }
    }
}

fn read_tail(stderr: impl Read, tail: &Mutex<String>) {
    let mut reader = BufReader::new(stderr);
    let mut buf = [0u8; 4096];
    loop {
        match reader.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => push_tail(tail, &String::from_utf8_lossy(&buf[..n])),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_keeps_the_last_lines() {
        let text = describe(
            None,
            "a\n\nthread 'x' has overflowed its stack\nfatal runtime error: stack overflow\n",
        );
        assert_eq!(
            text,
            "worker died: thread 'x' has overflowed its stack | fatal runtime error: stack overflow"
        );
    }

    #[test]
    fn tail_is_bounded_and_char_safe() {
        let tail = Mutex::new(String::new());
        for _ in 0..3000 {
            push_tail(&tail, "é");
        }
        let t = tail.lock().unwrap();
        assert!(t.len() <= TAIL_BYTES);
        assert!(t.chars().all(|c| c == 'é'));
    }
}
