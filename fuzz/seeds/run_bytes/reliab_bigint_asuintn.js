// BigInt.asUintN with a huge width: the result's size is checked before it
// is computed (it used to abort allocating 2^50 bytes). Expected output
// written by hand; node prints the same.
try { BigInt.asUintN(2 ** 53 - 1, -1n); console.log('no error'); } catch (e) { console.log(e.name); }
try { BigInt.asUintN(2 ** 40, -5n); console.log('no error'); } catch (e) { console.log(e.name); }
console.log(BigInt.asUintN(2 ** 53 - 1, 5n));
console.log(BigInt.asIntN(2 ** 53 - 1, -1n));
console.log(BigInt.asIntN(2 ** 53 - 1, 123n));
console.log(BigInt.asUintN(64, -1n));
