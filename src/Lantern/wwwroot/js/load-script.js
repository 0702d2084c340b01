// Loads a library script the first time a page needs it, from Lantern's own files (never a CDN), and resolves with the
// global it defines; rejects if it cannot load, so the page keeps what it shows without scripts.
export function loadScript(src, global) {
  if (window[global]) {
    return Promise.resolve(window[global]);
  }
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve(window[global]);
    script.onerror = reject;
    document.head.appendChild(script);
  });
}
