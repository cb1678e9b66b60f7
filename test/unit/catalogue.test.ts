import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tablesFromCharteText } from '../../scripts/demo/charte-text.mjs';
import { CATALOGUE } from '../../src/core/catalogue/catalogue';
import { parseCharteTables } from '../../src/core/charte/charte';
import { catalogueKey } from '../../src/core/util/i18n';
import { matchCookie } from '../../src/core/catalogue/match';
import { loadMessages } from '../helpers/translate';

const dir = new URL('../../scripts/demo/chartes/', import.meta.url);
const chartes = readdirSync(dir).filter((file) => file.endsWith('.txt'));

describe('the catalogue agrees with every published charte', () => {
  it('has the five chartes to check against', () => {
    expect(chartes).toHaveLength(5);
  });

  it.each(chartes)('%s', (file) => {
    const parsed = parseCharteTables({
      tables: tablesFromCharteText(readFileSync(new URL(file, dir), 'utf8')),
      cutRows: 0,
    });
    expect(parsed.unread).toEqual([]);
    expect(parsed.cookies.map((c) => c.name).sort()).toEqual([
      'cookies_preferences',
      'csrftoken',
      'django_language',
      'sessionid',
    ]);
    for (const declared of parsed.cookies) {
      const entry = matchCookie(declared.name, true);
      expect(entry, declared.name).toBeDefined();
      expect(entry?.declaredInCharte).toBe(true);
      expect(entry?.provider).toBe(declared.provider);
      if (declared.lifetimeWording !== undefined) {
        expect(entry?.lifetime.charteWording).toBe(declared.lifetimeWording);
        expect(entry?.lifetime.declared).toEqual(declared.lifetime);
      }
    }
  });
});

describe('catalogue entries', () => {
  const fr = loadMessages('fr');
  const en = loadMessages('en');

  it.each(CATALOGUE.map((entry) => [entry.id, entry] as const))(
    '%s is complete and explained in both languages',
    (_, entry) => {
      expect(entry.names.length).toBeGreaterThan(0);
      expect(entry.source.length).toBeGreaterThan(0);
      for (const part of ['purpose', 'service'] as const) {
        expect(fr[catalogueKey(entry.id, part)]?.message).toBeTruthy();
        expect(en[catalogueKey(entry.id, part)]?.message).toBeTruthy();
      }
    },
  );

  it('gives no two entries the same name', () => {
    const exact = CATALOGUE.flatMap((e) => e.names.flatMap((n) => ('exact' in n ? [n.exact] : [])));
    expect(new Set(exact).size).toBe(exact.length);
  });
});

describe('locales', () => {
  const fr = loadMessages('fr');
  const en = loadMessages('en');

  it('hold no message the code never asks for', () => {
    const sourceFiles = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? sourceFiles(`${dir}/${entry.name}`) : [`${dir}/${entry.name}`],
      );
    const code = [...sourceFiles(resolve(process.cwd(), 'src')), resolve(process.cwd(), 'manifest.json')]
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const unused = Object.keys(fr).filter(
      (key) => !key.startsWith('cookie_') && !code.includes(`'${key}'`) && !code.includes(`__MSG_${key}__`),
    );
    expect(unused).toEqual([]);
  });

  it('have the same keys, each with a message and a description', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const [key, value] of Object.entries(fr)) {
      expect(value.message, key).toBeTruthy();
      expect(value.description, key).toBeTruthy();
      expect((en[key]?.message.match(/\$\d/g) ?? []).sort(), key).toEqual((value.message.match(/\$\d/g) ?? []).sort());
    }
  });
});
