// 22.2.4.1 RegExp ( pattern, flags ).
var r = /abc/gi;
print(RegExp(r) === r, new RegExp(r) !== r, new RegExp(r).flags, new RegExp(r, "y").flags);
print(RegExp("a/b", "m").source, RegExp(undefined).source, RegExp("\n").source);
try { new RegExp("(", ""); } catch (e) { print(e instanceof SyntaxError); }
try { new RegExp("a", "gg"); } catch (e) { print(e instanceof SyntaxError); }
try { new RegExp("a", "uv"); } catch (e) { print(e instanceof SyntaxError); }
// An object with Symbol.match is treated like a RegExp (IsRegExp).
var like = { source: "x+", flags: "g" };
like[Symbol.match] = true;
print(new RegExp(like).toString());
// Flag getters on RegExp.prototype itself.
print(RegExp.prototype.global, RegExp.prototype.source, RegExp.prototype.flags === "");
try { RegExp.prototype.exec.call({}, "a"); } catch (e) { print(e instanceof TypeError); }
print(RegExp[Symbol.species] === RegExp);
// toString is generic.
print(RegExp.prototype.toString.call({ source: "p", flags: "q" }));
