class A { x = 1; constructor(v) { this.v = v; } m() { return this.v; } static s() {} }
class B extends A { constructor() { super(2); } m() { return super.m() + 1; } }
new B().m();
