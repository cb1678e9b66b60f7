import { nativeBrowser } from './native';
import type { Translate } from '../core/util/i18n';

export const translate: Translate = (key, ...substitutions) =>
  nativeBrowser.i18n.getMessage(key, substitutions.map(String));
