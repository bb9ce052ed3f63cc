// Expected output produced by node. Symbol (20.4): the global registry (Symbol.for, Symbol.keyFor), description, toString, valueOf, @@toPrimitive.
var print = console.log;
var a = Symbol.for("app.key");
print(a === Symbol.for("app.key"), Symbol.keyFor(a), Symbol.keyFor(Symbol("app.key")), Symbol.keyFor(Symbol.iterator));
print(Symbol.for().toString(), Symbol.keyFor(Symbol.for()), Symbol.for(null) === Symbol.for("null"));
try { Symbol.keyFor("app.key"); } catch (e) { print("keyFor non-symbol:", e.constructor.name); }
print(Symbol("d").description, Symbol().description, Symbol("").description === "", Symbol(undefined).description);
print(Symbol("x").toString(), String(Symbol("y")), Object(Symbol("z")).toString());
var s = Symbol("v");
print(Object(s).valueOf() === s, Object(s)[Symbol.toPrimitive]("number") === s, typeof Object(s));
try { Symbol.prototype.valueOf.call({}); } catch (e) { print("valueOf:", e.constructor.name); }
try { Symbol.prototype.toString.call(1); } catch (e) { print("toString:", e.constructor.name); }
try { new Symbol(); } catch (e) { print("new Symbol:", e.constructor.name); }
try { s + ""; } catch (e) { print("concat:", e.constructor.name); }
try { +s; } catch (e) { print("number:", e.constructor.name); }
print(Symbol.length, Symbol.for.length, Symbol.keyFor.length, Symbol.prototype[Symbol.toStringTag]);
var d = Object.getOwnPropertyDescriptor(Symbol.prototype, "description");
print(typeof d.get, d.set, d.enumerable, d.configurable);
var tp = Object.getOwnPropertyDescriptor(Symbol.prototype, Symbol.toPrimitive);
print(tp.writable, tp.enumerable, tp.configurable, tp.value.name, tp.value.length);
var wk = ["asyncIterator", "hasInstance", "isConcatSpreadable", "iterator", "match", "matchAll", "replace",
  "search", "species", "split", "toPrimitive", "toStringTag", "unscopables"];
print(wk.map(function (n) {
  var w = Object.getOwnPropertyDescriptor(Symbol, n);
  return n + ":" + (typeof w.value) + (w.writable || w.enumerable || w.configurable ? "!" : "") + ":" + w.value.description;
}).join(" "));
