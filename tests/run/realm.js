// $262.createRealm: a new realm with its own intrinsics and global environment (9.3); expected output written by hand.
var other = $262.createRealm();
var g = other.global;
print(g === globalThis, g.Array === Array, typeof g.Array, g.$262 === other);
// Scripts of the other realm see its globals, and a `let` there is not one here.
var a = other.evalScript("var x = 1; let y = 2; [x, y]");
print(a, Object.getPrototypeOf(a) === g.Array.prototype, Object.getPrototypeOf(a) === Array.prototype);
print(g.x, typeof x, other.evalScript("y"), typeof y);
// A function keeps its realm: its literals and globals are the other realm's.
var f = other.evalScript("(function () { return [this === globalThis, typeof x, {}, []]; })");
var r = f();
print(r[0], r[1], Object.getPrototypeOf(r[2]) === g.Object.prototype, Array.isArray(r[3]), r[3] instanceof g.Array);
// Callbacks from the other realm's built-ins run in ours.
var mapped = new g.Array(1, 2).map(function (v) { return [v]; });
print(mapped[0] instanceof Array, mapped instanceof g.Array);
// GetPrototypeFromConstructor falls back to the newTarget's realm.
var nt = other.evalScript("(function () {})");
nt.prototype = null;
print(Object.getPrototypeOf(Reflect.construct(Array, [], nt)) === g.Array.prototype);
print(Object.getPrototypeOf(Reflect.construct(Object, [], nt)) === g.Object.prototype);
print(Object.getPrototypeOf(Reflect.construct(Error, [], nt)) === g.Error.prototype);
print(Object.getPrototypeOf(Reflect.construct(Function, [], nt)) === g.Function.prototype);
// Errors thrown there are the other realm's.
try { other.evalScript("null.p"); } catch (e) { print(e instanceof g.TypeError, e instanceof TypeError); }
// ArraySpeciesCreate: another realm's %Array% stands for ours.
var arr = [1, 2];
arr.constructor = g.Array;
print(Object.getPrototypeOf(arr.map(function (v) { return v; })) === Array.prototype);
// Indirect eval and Function of the other realm.
print(g.eval("var zz = 5; zz"), g.zz, typeof zz, g.Function("return this")() === g);
// Realms nest.
var third = other.evalScript("$262.createRealm()");
print(third.global === g, third.global === globalThis, third.evalScript("typeof x"));
