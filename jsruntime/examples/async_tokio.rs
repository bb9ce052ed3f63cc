//! Async Rust functions exposed to JavaScript, under tokio's
//! `current_thread` runtime: JavaScript awaits three Rust futures at once
//! and the elapsed time shows they ran concurrently; then Rust awaits the
//! JavaScript promise.
//!
//! `cargo run -p jsruntime --example async_tokio`

use std::time::{Duration, Instant};

use jsruntime::api::{Error, JsValue, Runtime};

fn main() -> Result<(), Error> {
    let tokio_rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .map_err(Error::from)?;
    let mut rt = Runtime::new()?;

    // An async fn as a JavaScript function that returns a promise.
    rt.set_global_async_function("delay", |(ms, value): (u64, String)| async move {
        tokio::time::sleep(Duration::from_millis(ms)).await;
        Ok::<_, Error>(value)
    })?;
    rt.set_global_async_function("readFile", |(path,): (String,)| async move {
        // Any future works; an error rejects the promise.
        std::fs::read_to_string(&path).map_err(|e| Error::new(format!("{path}: {e}")))
    })?;

    let start = Instant::now();
    let promise: JsValue = rt.eval(
        "(async () => {
           const t0 = Date.now();
           const results = await Promise.all([
             delay(300, 'one'), delay(300, 'two'), delay(300, 'three'),
           ]);
           const ms = Date.now() - t0;
           let missing;
           try { await readFile('/no/such/file') } catch (e) { missing = e.message }
           return { results, missing, ms };
         })()",
    )?;
    // Rust awaits the JavaScript promise; the driver polls the Rust futures.
    let out: JsValue = tokio_rt.block_on(rt.await_promise(&promise))?;
    let elapsed = start.elapsed();
    let results: Vec<String> = out.get(&mut rt, "results")?;
    let missing: String = out.get(&mut rt, "missing")?;
    let ms: f64 = out.get(&mut rt, "ms")?;
    println!("results: {results:?}");
    println!("readFile error: {missing}");
    println!("Promise.all of three 300 ms delays took {ms} ms (sequential: 900 ms)");
    println!(
        "the whole script, compilation included, took {} ms",
        elapsed.as_millis()
    );
    assert!(ms < 600.0, "not concurrent: {ms} ms");

    // Or drive everything that is pending until idle.
    rt.eval::<()>("delay(10, 'x').then((v) => { globalThis.done = v; })")?;
    tokio_rt.block_on(rt.run_until_idle())?;
    println!("done = {}", rt.get_global::<String>("done")?);
    Ok(())
}
