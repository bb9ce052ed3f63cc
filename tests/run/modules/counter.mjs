export let counter = 0;
export function increment() {
  counter++;
}
export default 'the counter';
