// Unhandled rejections are reported after the job queue drains (27.2.1.9 HostPromiseRejectionTracker): on stderr as "Uncaught (in promise) ...", exit status 1. Handled ones, even late, are not.
console.log("script");
Promise.reject(new Error("never handled"));
var late = Promise.reject(new Error("handled later"));
Promise.resolve().then(function () {
  late.catch(function (e) { console.log("late catch: " + e.message); });
});
Promise.resolve().then(function thrower() { throw new TypeError("in a handler"); });
console.log("script end");
