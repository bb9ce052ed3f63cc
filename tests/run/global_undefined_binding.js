var undefined = 1; console.log(undefined); undefined = 2; console.log(typeof undefined); function f(){ var undefined = 3; return undefined; } console.log(f());
var [undefined] = [5]; console.log(undefined);
undefined += 1; console.log(undefined);
undefined++; console.log(undefined);
for (undefined in {a:1}) ; console.log(undefined);
try { (function(){ "use strict"; undefined = 1; })(); } catch (e) { console.log(e instanceof TypeError); }
try { (function(){ "use strict"; var [undefined] = [1]; return undefined; })(); console.log("local ok"); } catch (e) { console.log(e); }
