// Template literals: substitutions and a tagged template.
const name = "world";
const tag = (strings, ...values) => strings.raw.join("|") + values.length;
console.log(`hello ${name}, ${1 + 1}`);
console.log(tag`a${1}b\n${2}`);
