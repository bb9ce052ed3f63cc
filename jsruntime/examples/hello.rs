//! The smallest embedding: evaluate JavaScript, read the result, call a
//! JavaScript function from Rust, and exchange globals.
//!
//! `cargo run -p jsruntime --example hello`

use jsruntime::api::{Error, JsValue, Runtime};

fn main() -> Result<(), Error> {
    let mut rt = Runtime::new()?;

    // A typed result.
    let answer: i32 = rt.eval("6 * 7")?;
    println!("6 * 7 = {answer}");

    // Globals both ways.
    rt.set_global("user", "Ada")?;
    rt.eval::<()>("var greeting = `Hello, ${user}!`")?;
    let greeting: String = rt.get_global("greeting")?;
    println!("{greeting}");

    // A JavaScript function, kept in Rust and called with Rust values.
    let fib: JsValue =
        rt.eval("(function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); })")?;
    let f20: u64 = fib.call(&mut rt, (20,))?;
    println!("fib(20) = {f20}");
    assert_eq!(f20, 6765);

    // Objects and arrays convert to Rust collections.
    let words: Vec<String> = rt.eval("'the quick brown fox'.split(' ')")?;
    println!(
        "{} words, the longest is {:?}",
        words.len(),
        words.iter().max_by_key(|w| w.len())
    );

    // A JavaScript exception is a Rust error with a position.
    match rt.eval_named::<()>("let x = 1;\nx.y.z = 2;", "oops.js") {
        Err(e) => println!("caught: {e}"),
        Ok(()) => unreachable!(),
    }
    Ok(())
}
