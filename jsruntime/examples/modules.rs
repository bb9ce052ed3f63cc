//! Modules from the host: a native module written in Rust, in-memory
//! source modules, and a loader of your own.
//!
//! `cargo run -p jsruntime --example modules`

use jsruntime::api::{Error, ModuleLoader, Runtime};

/// Serves `config:NAME` modules from Rust data.
struct ConfigLoader;

impl ModuleLoader for ConfigLoader {
    fn resolve(&self, specifier: &str, _referrer: Option<&str>) -> Result<String, String> {
        if specifier.starts_with("config:") {
            Ok(specifier.to_owned())
        } else {
            Err(format!("Cannot find module '{specifier}'"))
        }
    }
    fn load(&self, key: &str) -> Result<String, String> {
        match key {
            "config:app" => Ok("export default { name: 'demo', retries: 3 };".to_owned()),
            _ => Err(format!("no config {key}")),
        }
    }
}

fn main() -> Result<(), Error> {
    let mut rt = Runtime::new()?;

    // A native module: exports are Rust values and host functions.
    let checksum = rt.function("checksum", |_, (s,): (String,)| {
        Ok::<_, Error>(
            s.bytes()
                .fold(0u32, |a, b| a.wrapping_mul(31).wrapping_add(b as u32)),
        )
    })?;
    rt.native_module("host:util")
        .export("checksum", checksum)?
        .export("version", env!("CARGO_PKG_VERSION"))?
        .build()?;

    // In-memory source modules that import each other and the native one.
    rt.define_module(
        "lib/text.js",
        "import { checksum } from 'host:util';
         export const shout = (s) => s.toUpperCase() + '!';
         export const sign = (s) => `${s} #${checksum(s)}`;",
    );
    // Everything else goes to the loader.
    rt.set_module_loader(ConfigLoader);

    let ns = rt.eval_module(
        "main.js",
        "import { shout, sign } from './lib/text.js';
         import config from 'config:app';
         import { version } from 'host:util';
         export const message = sign(shout(config.name));
         export const info = `v${version}, ${config.retries} retries`;",
    )?;
    let message: String = ns.get(&mut rt, "message")?;
    let info: String = ns.get(&mut rt, "info")?;
    println!("{message}\n{info}");

    // Errors in modules are Rust errors too.
    let err = rt
        .eval_module("broken.js", "import x from 'config:missing';")
        .unwrap_err();
    println!("error: {err}");
    Ok(())
}
