import browser from 'webextension-polyfill';
import type { Translate } from '../core/i18n';

export const translate: Translate = (key, ...substitutions) => browser.i18n.getMessage(key, substitutions.map(String));
