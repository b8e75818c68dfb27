/*
 * What Grafana's Combobox needs from the DOM and jsdom lacks: canvas text measurement, an
 * IntersectionObserver, and element sizes for its virtualised list (which renders no option in a
 * zero-height box). Import it in tests that open a Combobox; jest gives each file its own DOM.
 */
HTMLCanvasElement.prototype.getContext = (() => ({
  measureText: (text: string) => ({ width: text.length * 8 }),
})) as unknown as HTMLCanvasElement['getContext'];

class NoIntersectionObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
  takeRecords() {
    return [];
  }
}
Object.assign(globalThis, { IntersectionObserver: NoIntersectionObserver });

Object.defineProperties(HTMLElement.prototype, {
  clientHeight: { configurable: true, get: () => 400 },
  clientWidth: { configurable: true, get: () => 400 },
  offsetHeight: { configurable: true, get: () => 40 },
  offsetWidth: { configurable: true, get: () => 400 },
});

export {};
