// instanceof through the megamorphic table and the original @@hasInstance run
// without a call (object/operations.rs): changes to prototype, @@hasInstance
// and [[Prototype]] between checks. Expected output from node 20.
function A(){} function B(){} B.prototype = Object.create(A.prototype);
var b = new B; console.log(b instanceof A, b instanceof B, {} instanceof A);
B.prototype = {}; console.log(b instanceof B);
class C { static [Symbol.hasInstance](x) { return x === 1; } }
console.log(1 instanceof C, 2 instanceof C);
function D(){} Object.defineProperty(D, Symbol.hasInstance, {value: () => true}); console.log(3 instanceof D);
try { ({}) instanceof {} } catch (e) { console.log(e.constructor.name) }
var bound = A.bind(null); console.log(new A instanceof bound);
function E(){} E.prototype = 3; try { ({}) instanceof E } catch (e) { console.log(e.constructor.name) }
for (var i = 0; i < 3; i++) { function F(){} ; console.log(new F instanceof F, b instanceof F); }
Object.setPrototypeOf(A, { [Symbol.hasInstance]() { return 'yes' } }); console.log(5 instanceof A);
Object.setPrototypeOf(A, Function.prototype); console.log(5 instanceof A, new A instanceof A);
