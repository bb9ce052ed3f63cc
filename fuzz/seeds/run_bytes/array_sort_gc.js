// Expected output produced by node. sort/toSorted keep their values alive while comparators allocate (GC roots).
var arr = [];
for (var i = 0; i < 20000; i++) arr.push({ v: (i * 7919) % 1000, s: "item" + i });
var junk = 0;
arr.sort(function (a, b) { var t = [a.s + b.s, { x: a }]; junk += t.length; return a.v - b.v; });
var ok = true;
for (var i = 1; i < arr.length; i++) if (arr[i - 1].v > arr[i].v) ok = false;
console.log(ok, arr.length, arr[0].s, arr[arr.length - 1].v, junk > 0);
var objs = [];
for (var i = 0; i < 5000; i++) objs.push({ n: i, toString: function () { return "k" + (this.n % 100) + "/" + [this.n].join(); } });
var sorted = objs.toSorted();
console.log(sorted.length, String(sorted[0]), String(sorted[4999]), sorted[1].n);
var m = arr.map(function (o) { return { w: o.v * 2 }; }).filter(function (o) { return o.w % 4 === 0; });
console.log(m.length, m.reduce(function (s, o) { return s + o.w; }, 0));
