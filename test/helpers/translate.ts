import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { translatorOf, type Translate } from '../../src/core/util/i18n';

type Messages = Record<string, { message: string; description?: string }>;

export function loadMessages(locale: 'fr' | 'en'): Messages {
  return JSON.parse(
    readFileSync(resolve(process.cwd(), `public/_locales/${locale}/messages.json`), 'utf8'),
  ) as Messages;
}

/** Tests read the real locale files. */
export function translatorFor(locale: 'fr' | 'en'): Translate {
  return translatorOf(loadMessages(locale));
}
