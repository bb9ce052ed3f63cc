let out = "";
for (let i = 0; i < 5; i++) out += String.fromCharCode ? `${i}` : i;
const name = "world";
console.log(`hello ${name}!`, out, "a" + "b" + 1 + 2, `${1 + 1}${"x"}`);
const parts = [];
for (let i = 1; i <= 3; i++) parts.push("#" + i);
console.log(parts.join(","));
