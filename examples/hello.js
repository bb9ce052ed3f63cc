// The README's example program.
function greet(name) {
  return `Hello, ${name}!`;
}
const names = ["world", "jsruntime"];
for (const name of names) {
  console.log(greet(name));
}
