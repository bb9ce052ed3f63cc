// Expected output produced by node. Class errors: call without new, TDZ, immutable inner binding, methods are not constructors.
class A { m() {} }
try { A(); } catch (e) { console.log(e instanceof TypeError, e.message); }
try { A.call({}); } catch (e) { console.log(e instanceof TypeError); }
try { new A.prototype.m(); } catch (e) { console.log(e instanceof TypeError); }
try { new X(); class X {} } catch (e) { console.log(e instanceof ReferenceError); }
class B { static f() { B = 1; } }
try { B.f(); } catch (e) { console.log(e instanceof TypeError); }
try { class C extends C {} } catch (e) { console.log(e instanceof ReferenceError); }
try { A.prototype = {}; console.log("no throw", A.prototype.m !== undefined); } catch (e) { console.log(e); }
(function () { "use strict"; try { A.prototype = {}; } catch (e) { console.log(e instanceof TypeError); } })();
