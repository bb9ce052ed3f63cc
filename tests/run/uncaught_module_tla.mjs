// An error thrown after a top-level await ends the program with exit code 1.
console.log('before');
await null;
throw new Error('after await');
