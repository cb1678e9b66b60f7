/**
 * Runs inside the page the user opened the popup on (through `scripting.executeScript`), so it
 * must stand alone: no imports, no closure. It reads only whether the page has a portal's own
 * frame — its header, responsive menu or footer. Widget markup (`ods-widgets`, `<ods-…>` elements,
 * `.ods-box`) is not enough: ordinary sites embed Opendatasoft charts too.
 */
export function pageHasPortalMarkers(): boolean {
  const selectors = ['nav.ods-front-header', 'ods-responsive-menu', '.ods-front-footer'];
  return selectors.some((selector) => document.querySelector(selector) !== null);
}
