//! Host classes.

use std::cell::Cell;
use std::rc::Rc;

use jsruntime::api::{Error, JsValue, Rest, Runtime};

struct Account {
    owner: String,
    balance: f64,
    history: Vec<f64>,
}

fn install(rt: &mut Runtime) -> jsruntime::api::Class<Account> {
    let class = rt
        .class::<Account>("Account")
        .constructor(|_, (owner, initial): (String, Option<f64>)| {
            Ok::<_, Error>(Account {
                owner,
                balance: initial.unwrap_or(0.0),
                history: Vec::new(),
            })
        })
        .method(
            "deposit",
            |_, a: &mut Account, (Rest(amounts),): (Rest<f64>,)| {
                for x in amounts {
                    if x <= 0.0 {
                        return Err(Error::range_error("deposit must be positive"));
                    }
                    a.balance += x;
                    a.history.push(x);
                }
                Ok(a.balance)
            },
        )
        .method("history", |_, a: &mut Account, (): ()| {
            Ok::<_, Error>(a.history.clone())
        })
        .getter("balance", |a: &Account| a.balance)
        .getter("owner", |a: &Account| a.owner.clone())
        .setter("owner", |a: &mut Account, name: String| a.owner = name)
        .static_method("bank", |_, (): ()| Ok::<_, Error>("Rust Bank"))
        .unwrap()
        .static_value("CURRENCY", "EUR")
        .unwrap()
        .build()
        .unwrap();
    rt.set_global("Account", class.constructor()).unwrap();
    class
}

#[test]
fn constructor_methods_accessors_statics() {
    let mut rt = Runtime::new().unwrap();
    install(&mut rt);
    let r: String = rt
        .eval(
            "const a = new Account('ada', 10);
             a.deposit(5, 2.5);
             a.owner = 'Ada';
             [a.owner, a.balance, a.history().join('+'), Account.bank(), Account.CURRENCY,
              a instanceof Account, typeof Account, Account.name, Account.length,
              Object.getPrototypeOf(a) === Account.prototype, a.constructor === Account].join(',')",
        )
        .unwrap();
    assert_eq!(
        r,
        "Ada,17.5,5+2.5,Rust Bank,EUR,true,function,Account,2,true,true"
    );
    // Errors from methods, wrong `this`, call without new.
    let r: String = rt
        .eval(
            "const out = [];
             try { a.deposit(-1) } catch (e) { out.push(e.name) }
             try { Account.prototype.deposit.call({}, 1) } catch (e) { out.push(e.name) }
             try { Account('x') } catch (e) { out.push(e.message) }
             out.join('|')",
        )
        .unwrap();
    assert_eq!(
        r,
        "RangeError|TypeError|Class constructor Account cannot be invoked without 'new'"
    );
}

#[test]
fn javascript_classes_extend_host_classes() {
    let mut rt = Runtime::new().unwrap();
    install(&mut rt);
    let r: String = rt
        .eval(
            "class Savings extends Account {
                constructor(owner) { super(owner, 100); this.rate = 0.1; }
                addInterest() { return this.deposit(this.balance * this.rate); }
                get label() { return this.owner + ' (savings)'; }
             }
             const s = new Savings('bob');
             s.addInterest();
             [s.balance, s.label, s instanceof Savings, s instanceof Account].join(',')",
        )
        .unwrap();
    assert_eq!(r, "110,bob (savings),true,true");
}

#[test]
fn instances_from_rust_and_data_access() {
    let mut rt = Runtime::new().unwrap();
    let class = install(&mut rt);
    let acct = class
        .instance(
            &mut rt,
            Account {
                owner: "rust".into(),
                balance: 1.0,
                history: vec![],
            },
        )
        .unwrap();
    rt.set_global("acct", acct.clone()).unwrap();
    rt.eval::<()>("acct.deposit(41)").unwrap();
    let balance = rt
        .with_instance(&acct, |a: &mut Account| a.balance)
        .unwrap();
    assert_eq!(balance, Some(42.0));
    let other: JsValue = rt.eval("({})").unwrap();
    assert_eq!(
        rt.with_instance(&other, |a: &mut Account| a.balance)
            .unwrap(),
        None
    );
}

struct Tracked(Rc<Cell<u32>>);

impl Drop for Tracked {
    fn drop(&mut self) {
        self.0.set(self.0.get() + 1);
    }
}

#[test]
fn instances_are_collected_and_their_data_dropped() {
    let dropped = Rc::new(Cell::new(0));
    let mut rt = Runtime::new().unwrap();
    let d = dropped.clone();
    let class = rt
        .class::<Tracked>("Tracked")
        .constructor(move |_, (): ()| Ok::<_, Error>(Tracked(d.clone())))
        .build()
        .unwrap();
    rt.set_global("Tracked", class.constructor()).unwrap();
    rt.eval::<()>("for (let i = 0; i < 1000; i++) new Tracked();")
        .unwrap();
    rt.collect_garbage();
    assert!(dropped.get() >= 990, "{}", dropped.get());
}

#[test]
fn symbol_keyed_members() {
    use jsruntime::api::WellKnownSymbol;
    struct Range {
        start: u32,
        end: u32,
    }
    let mut rt = Runtime::new().unwrap();
    let secret: JsValue = rt.eval("Symbol('secret')").unwrap();
    rt.set_global("secret", &secret).unwrap();
    let class = rt
        .class::<Range>("Range")
        .constructor(|_, (start, end): (u32, u32)| Ok::<_, Error>(Range { start, end }))
        // [Symbol.iterator]() returns an iterator made in JavaScript.
        .method(WellKnownSymbol::Iterator, |ctx, r: &mut Range, (): ()| {
            let items: Vec<u32> = (r.start..r.end).collect();
            let array = ctx.to_js(items)?;
            array.call_method::<JsValue>(ctx, "values", ())
        })
        .getter(WellKnownSymbol::ToStringTag, |_: &Range| "Range")
        .getter(&secret, |r: &Range| r.end - r.start)
        .static_method(WellKnownSymbol::HasInstance, |_, (v,): (JsValue,)| {
            Ok::<_, Error>(v.is_number())
        })
        .unwrap()
        .build()
        .unwrap();
    rt.set_global("Range", class.constructor()).unwrap();
    assert_eq!(
        rt.eval::<Vec<u32>>("[...new Range(2, 5)]").unwrap(),
        [2, 3, 4]
    );
    assert_eq!(
        rt.eval::<String>("Object.prototype.toString.call(new Range(0, 1))")
            .unwrap(),
        "[object Range]"
    );
    assert_eq!(rt.eval::<u32>("new Range(3, 10)[secret]").unwrap(), 7);
    // Symbol-keyed functions are named as the spec names them.
    assert_eq!(
        rt.eval::<String>("Range.prototype[Symbol.iterator].name")
            .unwrap(),
        "[Symbol.iterator]"
    );
    assert_eq!(
        rt.eval::<String>("Object.getOwnPropertyDescriptor(Range.prototype, secret).get.name")
            .unwrap(),
        "get [secret]"
    );
    // A static [Symbol.hasInstance] changes instanceof.
    assert!(rt.eval::<bool>("5 instanceof Range").unwrap());
    // Not enumerable, like class members.
    assert_eq!(
        rt.eval::<usize>("Object.keys(Range.prototype).length")
            .unwrap(),
        0
    );
    // A key that is not a symbol is an error, not a crash.
    let e = rt
        .class::<Range>("Bad")
        .method(JsValue::number(1.0), |_, _: &mut Range, (): ()| {
            Ok::<_, Error>(())
        })
        .build();
    assert!(e.is_err());
}
