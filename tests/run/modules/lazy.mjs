export const value = 42;
await Promise.resolve();
export const loadedAfterAwait = true;
