import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { MessageKey, Translate } from '../../src/core/i18n';

type Messages = Record<string, { message: string; description?: string }>;

export function loadMessages(locale: 'fr' | 'en'): Messages {
  return JSON.parse(readFileSync(resolve(process.cwd(), `public/_locales/${locale}/messages.json`), 'utf8')) as Messages;
}

/** The browser's `i18n.getMessage` rules for `$1`…`$9`, so tests read the real locale files. */
export function translatorFor(locale: 'fr' | 'en'): Translate {
  const messages = loadMessages(locale);
  return (key: MessageKey, ...subs) => {
    const entry = messages[key];
    if (!entry) throw new Error(`missing message ${key}`);
    return entry.message.replace(/\$(\d)/g, (_, n: string) => String(subs[Number(n) - 1] ?? ''));
  };
}
