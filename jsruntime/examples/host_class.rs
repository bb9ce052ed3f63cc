//! A Rust type as a JavaScript class: constructor, methods, accessors,
//! statics, `instanceof`, and a JavaScript class extending it.
//!
//! `cargo run -p jsruntime --example host_class`

use jsruntime::api::{Error, Runtime};

/// A 2D vector implemented in Rust.
#[derive(Clone, Copy, Debug)]
struct Vec2 {
    x: f64,
    y: f64,
}

fn main() -> Result<(), Error> {
    let mut rt = Runtime::new()?;
    let class = rt
        .class::<Vec2>("Vec2")
        .constructor(|_, (x, y): (f64, f64)| Ok::<_, Error>(Vec2 { x, y }))
        .method("scale", |_, v: &mut Vec2, (k,): (f64,)| {
            v.x *= k;
            v.y *= k;
            Ok::<_, Error>(())
        })
        .method("toString", |_, v: &mut Vec2, (): ()| {
            Ok::<_, Error>(format!("Vec2({}, {})", v.x, v.y))
        })
        .getter("length", |v: &Vec2| (v.x * v.x + v.y * v.y).sqrt())
        .getter("x", |v: &Vec2| v.x)
        .setter("x", |v: &mut Vec2, x: f64| v.x = x)
        .getter("y", |v: &Vec2| v.y)
        .static_value("ZERO_LENGTH", 0.0)?
        .build()?;
    rt.set_global("Vec2", class.constructor())?;

    let out: String = rt.eval(
        "const v = new Vec2(3, 4);
         v.scale(2);
         v.x = 0;
         class Named extends Vec2 {
           constructor(name, x, y) { super(x, y); this.name = name; }
           toString() { return this.name + ': ' + super.toString(); }
         }
         const n = new Named('n', 1, 1);
         [String(v), v.length, n.toString(), n instanceof Vec2, n.length.toFixed(3)].join('\\n')",
    )?;
    println!("{out}");

    // A value made in Rust, used in JavaScript, read back in Rust.
    let unit = class.instance(&mut rt, Vec2 { x: 1.0, y: 0.0 })?;
    rt.set_global("unit", unit.clone())?;
    rt.eval::<()>("unit.scale(10)")?;
    let back = rt.with_instance(&unit, |v: &mut Vec2| *v)?;
    println!("unit after scale(10) in JavaScript: {back:?}");
    Ok(())
}
