// 13.2.7.3: every evaluation of a literal creates a new RegExp object.
function make() { return /a(b)?c/g; }
var r1 = make(), r2 = make();
print(r1 !== r2, r1.source === r2.source, Object.getPrototypeOf(r1) === RegExp.prototype);
r1.lastIndex = 3;
print(r1.lastIndex, r2.lastIndex);
// lastIndex: writable, not enumerable, not configurable.
var d = Object.getOwnPropertyDescriptor(r1, "lastIndex");
print(d.writable, d.enumerable, d.configurable);
print(Object.prototype.toString.call(r1), String(/\//), /[/]/.source, String(new RegExp("")));
print(/a/dgimsy.flags, /x/v.unicodeSets, /x/u.unicode, /x/.global);
