export * from './strings.mjs';
export { whisper } from './strings.mjs';
export * as all from './strings.mjs';
