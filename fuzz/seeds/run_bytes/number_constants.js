// 21.1.2 value properties of the Number constructor.
print(Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER);
print(Number.MAX_VALUE, Number.MIN_VALUE, Number.EPSILON === Math.pow(2, -52));
print(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
print(Number.MAX_VALUE + Number.MAX_VALUE === Number.POSITIVE_INFINITY);
var d = Object.getOwnPropertyDescriptor(Number, "MAX_VALUE");
print(d.writable, d.enumerable, d.configurable);
