import { describe, expect, it } from 'vitest';
import { clean, cleanDeep } from '../../src/audit/clean';
import { readCommandLine, type CommandLine } from '../../src/audit/options';
import { portalsFrom } from '../../src/audit/inputs';
import { translatorFor } from '../helpers/translate';
import { CHROMIUM } from '../../scripts/debian-browsers.mjs';

const t = translatorFor('fr');
// Any executable stands for Chromium here: the command only checks it can be run.
const env = { COOKIES_ODS_CHROMIUM: process.execPath };
const read = (args: string[], { root = false, environment = env as NodeJS.ProcessEnv } = {}) =>
  readCommandLine(args, environment, root, t);
const mistake = (line: CommandLine) => ('mistake' in line ? line.mistake : null);

describe('the audit’s command line', () => {
  it('names each mistake in French instead of printing the usage line or a stack trace', () => {
    expect(mistake(read(['data.issy.com']))).toBe(
      "--out DOSSIER manque : le dossier où écrire les résultats (et d'où reprendre).",
    );
    expect(mistake(read(['--out', 'x', '--vite']))).toBe('Option inconnue : --vite.');
    expect(mistake(read(['--out']))).toMatch(/^Option sans sa valeur.*--out/);
    expect(mistake(read(['--out', 'x', '--concurrency', '1.5']))).toBe(
      '--concurrency attend un nombre entier de 1 à 16 (reçu : « 1.5 »).',
    );
    expect(mistake(read(['--out', 'x', '--concurrency', '1000']))).toBe(
      '--concurrency attend un nombre entier de 1 à 16 (reçu : « 1000 »).',
    );
    expect(mistake(read(['--out', 'x', '--timeout', '3000000']))).toBe(
      '--timeout attend un nombre entier de 10 à 600 (reçu : « 3000000 »).',
    );
    expect(mistake(read(['--out', 'x', '--shard', '4/3']))).toMatch(/^Fragment « 4\/3 » illisible/);
  });

  it('runs the Chromium it is told to, or says where it looked and how to name another', () => {
    const named = read(['--out', 'x', '--chromium', process.execPath], { environment: {} });
    expect('options' in named && named.options.chromium).toBe(process.execPath);
    expect(
      'options' in read(['--out', 'x']) && (read(['--out', 'x']) as { options: { chromium: string } }).options.chromium,
    ).toBe(process.execPath);
    expect(mistake(read(['--out', 'x', '--chromium', '/nulle/part/chromium']))).toBe(
      'Chromium introuvable ou non exécutable : /nulle/part/chromium. Installez celui de Debian ' +
        '(apt install chromium) ou nommez-en un : --chromium CHEMIN, ou la variable COOKIES_ODS_CHROMIUM.',
    );
  });

  it('keeps Chromium’s sandbox; as root it refuses unless --no-sandbox is given, and says why', () => {
    const user = read(['--out', 'x', 'data.issy.com']);
    expect('options' in user && user.options.sandbox).toBe(true);
    expect(mistake(read(['--out', 'x'], { root: true }))).toMatch(
      /^Lancé en root : le bac à sable de Chromium ne peut pas fonctionner.*--no-sandbox/,
    );
    const root = read(['--out', 'x', '--no-sandbox'], { root: true });
    expect('options' in root && root.options.sandbox).toBe(false);
  });

  it('says every option with its default and two examples in --help', () => {
    expect(read(['--help'])).toEqual({ help: true });
    const help = t('auditHelp', CHROMIUM, 'COOKIES_ODS_CHROMIUM');
    for (const option of [
      '--out',
      '--directory',
      '--concurrency',
      '--timeout',
      '--pause',
      '--quiet',
      '--shard',
      '--chromium',
      '--no-sandbox',
      '--ignore-https-errors',
      '--browser-arg',
      '--help',
    ])
      expect(help).toContain(option);
    expect(help.match(/^ {2}cookies-ods-audit .*--out/gm)).toHaveLength(2);
  });

  it('says a list file that does not exist is missing, instead of auditing a host named after its folder', () => {
    const warnings: string[] = [];
    expect(
      portalsFrom(['/tmp/absent-cookies-ods.txt', 'data.issy.com'], false, (line) => warnings.push(line)).map(
        (portal) => portal.host,
      ),
    ).toEqual(['data.issy.com']);
    expect(warnings).toEqual(['Fichier de portails introuvable : /tmp/absent-cookies-ods.txt.']);
  });
});

describe('what the audit writes of a page', () => {
  it('keeps no control or bidirectional character of a page’s words, and bounds their length', () => {
    const hostile = '\u001b]0;pwned\u0007\u001b[2J\u001b[32maudité\u001b[0m \u202egpj.exe\u202c \u2066x\u2069\u200f';
    expect(clean(hostile)).toBe(']0;pwned[2J[32maudité[0m gpj.exe x');
    expect(clean('mot '.repeat(20_000))).toHaveLength(1000);
    expect(cleanDeep({ banner: { accept: 'Tout\u202e accepter', refuse: null }, pages: ['a\u0000b'], at: 3 })).toEqual({
      banner: { accept: 'Tout accepter', refuse: null },
      pages: ['ab'],
      at: 3,
    });
  });
});
