export const shout = (s) => s.toUpperCase() + '!';
export function whisper(s) {
  return s.toLowerCase() + '...';
}
