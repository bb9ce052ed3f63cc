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
