/**
 * Runs inside the page the user opened the popup on (through `scripting.executeScript`), so it
 * must stand alone: no imports, no closure. It reads only whether Opendatasoft markers are there.
 */
export function pageHasPortalMarkers(): boolean {
  const selectors = [
    'nav.ods-front-header',
    'ods-responsive-menu',
    '.ods-front-footer',
    '.ods-box',
    'ods-dataset-context',
    '[ng-app="ods-widgets"]',
    'script[src*="static.opendatasoft.com"]',
    'link[href*="static.opendatasoft.com"]',
  ];
  return selectors.some((selector) => document.querySelector(selector) !== null);
}
