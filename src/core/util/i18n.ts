import type frMessages from '../../../public/_locales/fr/messages.json';

export type MessageKey = keyof typeof frMessages;

/** Looks a message up in `_locales`, with `$1`…`$9` replaced by the substitutions. */
export type Translate = (key: MessageKey, ...substitutions: Array<string | number>) => string;

/** The key of a catalogue entry's text: `cookie_<id>_purpose`, checked against the locale files by a test. */
export function catalogueKey(id: string, part: 'purpose' | 'service'): MessageKey {
  return `cookie_${id}_${part}` as MessageKey;
}

/**
 * The browser's `i18n.getMessage` rules for `$1`…`$9`, over a locale file read as data (tests, the command-line audit).
 */
export function translatorOf(messages: Readonly<Record<string, { message: string }>>): Translate {
  return (key, ...substitutions) => {
    const entry = messages[key];
    if (!entry) throw new Error(`missing message ${key}`);
    return entry.message.replace(/\$(\d)/g, (_, n: string) => String(substitutions[Number(n) - 1] ?? ''));
  };
}
