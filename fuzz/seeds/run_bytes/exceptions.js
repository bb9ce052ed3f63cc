function thrower() { throw new RangeError("bad"); }
try { thrower(); } catch (e) { console.log(e.name, e.message, e instanceof RangeError); }
function f() { try { return "try"; } finally { console.log("finally runs"); } }
console.log(f());
let log = "";
for (let i = 0; i < 3; i++) { try { if (i === 1) continue; log += i; } finally { log += "f"; } }
console.log(log);
try { undefinedName; } catch (e) { console.log(e.name); }
try { const k = 1; k = 2; } catch (e) { console.log(e.name); }
try { tdz; let tdz = 1; } catch (e) { console.log(e.name); }
