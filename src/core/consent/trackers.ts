/**
 * The trackers a portal's consent banner asks about, with the keys by which `cookies_preferences`
 * records the visitor's choice (AT Internet has gone by three names).
 */
export const TRACKERS = {
  ga: { name: 'Google Analytics', keys: ['ga'] },
  matomo: { name: 'Matomo', keys: ['matomo'] },
  piano: { name: 'AT Internet (Piano)', keys: ['xiti', 'at', 'piano'] },
  eulerian: { name: 'Eulerian', keys: ['eulerian'] },
  /**
   * Any other tracker needing consent (the Open Cookie Database's): the banner names it not, so only « refuse all »
   * speaks of it.
   */
  unlisted: { name: '', keys: [] },
} as const;
export type Tracker = keyof typeof TRACKERS;
