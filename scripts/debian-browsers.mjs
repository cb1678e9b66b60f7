// Where Debian's packages put the browsers the project runs (`apt-get install chromium firefox-esr`):
// the one place that says so, for the audit command, the tests, the benches and the scripts.
export const CHROMIUM = '/usr/bin/chromium';
export const FIREFOX = '/usr/bin/firefox-esr';
