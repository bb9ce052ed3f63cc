function F() { return eval("new.target"); }
print(new F() === undefined, F());
function G() { this.v = eval("new.target === G"); }
print(new G().v);
function H() { return (() => eval("new.target"))(); }
print(typeof new H());
try { eval("new.target"); } catch (e) { print(e.constructor.name); }
function I() { return eval("eval('new.target')"); }
print(new I() === undefined);
try { (0, eval)("new.target") } catch (e) { print(e.constructor.name); }
function J() { return (0, eval)("new.target"); }
try { new J() } catch (e) { print(e.constructor.name); }
