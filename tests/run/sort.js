function insertionSort(a) {
  for (let i = 1; i < a.length; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; }
    a[j + 1] = v;
  }
  return a;
}
function quickSort(a, lo = 0, hi = a.length - 1) {
  if (lo >= hi) return a;
  const p = a[hi]; let i = lo;
  for (let j = lo; j < hi; j++) if (a[j] < p) { [a[i], a[j]] = [a[j], a[i]]; i++; }
  [a[i], a[hi]] = [a[hi], a[i]];
  quickSort(a, lo, i - 1); quickSort(a, i + 1, hi);
  return a;
}
const data = [5, 3, 9, 1, 4, 8, 2, 7, 6, 0];
console.log(insertionSort(data.slice ? data.slice() : [5, 3, 9, 1, 4, 8, 2, 7, 6, 0]).join(" "));
console.log(quickSort([5, 3, 9, 1, 4, 8, 2, 7, 6, 0]).join(" "));
