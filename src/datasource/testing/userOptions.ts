import { PointerEventsCheckLevel, type Options } from '@testing-library/user-event';

/**
 * user-event options for tests that do not depend on the machine's speed: no delay between
 * keystrokes, and the `pointer-events: none` check once per element instead of on every call.
 * The check computes the style of the element and each ancestor, which jsdom does by matching
 * every rule of the document's style sheets (all of Grafana UI's emotion styles): user-event
 * calls it "very expensive when checking deeply nested nodes" (Options.pointerEventsCheck).
 */
export const fastUser: Options = { delay: null, pointerEventsCheck: PointerEventsCheckLevel.EachTarget };
