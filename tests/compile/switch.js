// switch with fall-through, default in the middle and a lexical binding.
function kind(x) {
  switch (typeof x) {
    case "number":
      let half = x / 2;
      return half;
    default:
      return "other";
    case "string":
    case "symbol":
      return "key";
  }
}
console.log(kind(4), kind("a"), kind(null));
// Eight or more int32 constant selectors in a row: one CaseIndex lookup;
// the selector with an effect is tested on its own, after them.
function dense(x) {
  switch (x) {
    case 0: case 1: case 2: case 3: case -4: case 5: case 6: case 7: return 'low';
    case f(): return 'call';
    default: return 'other';
  }
}
