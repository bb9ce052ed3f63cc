// 10.2.2 [[Construct]] steps 10-12 of derived constructors: checked after finally blocks ran (test262 subclass/derived-class-return-override-*; node 20 differs on the first case, so this expected output is written by hand).
class A { constructor(x) { this.x = x; } }
class T1 extends A { constructor() { try { return; } finally { super(8); } } }
console.log("finally super", new T1().x);
class T2 extends A { constructor() { super(); try { return 0; } catch (e) { console.log("caught?"); } } }
try { new T2(); } catch (e) { console.log("return 0 not catchable", e.constructor.name); }
class T3 extends A { constructor() { return this; } }
try { new T3(); } catch (e) { console.log("return this", e.constructor.name); }
class T4 extends A { constructor() { super(1); return { y: 2 }; } }
console.log(new T4().y, new T4().x);
class T5 extends A { constructor() { return; } }
try { new T5(); } catch (e) { console.log("no super", e.constructor.name); }
class T6 extends A { constructor() { super(3); return undefined; } }
console.log(new T6().x);
