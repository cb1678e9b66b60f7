import { useCallback, useEffect, useState } from 'preact/hooks';
import { parseDomainInput } from '../core/portals/domain-input';
import { isGranted, originsFor, revocableOrigins, type PortalRule } from '../core/portals/domains';
import { displayDomain, shorten } from '../core/util/display';
import type { NewPortal, SettingsProblem } from '../core/portals/settings';
import { enablePortals } from '../ui/enable-portals';
import { useServices } from '../ui/services';

/**
 * The portal list as the background keeps it, each portal's access, and every change to them, with
 * what came of it in words: a refusal as an alert, a success as a polite status.
 */
export function usePortals() {
  const { t, adapter, send } = useServices();
  const [rules, setRules] = useState<PortalRule[] | null>(null);
  const [problem, setProblem] = useState<SettingsProblem | undefined>();
  const [access, setAccess] = useState<Map<string, boolean>>(new Map());
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [backups, setBackups] = useState(0);
  const say = (text: string) => setMessage({ text, error: false });
  const refuse = (text: string) => setMessage({ text, error: true });

  const load = useCallback(async () => {
    // One question to the browser for the whole list, however long it is.
    const [loaded, granted] = await Promise.all([send({ type: 'portals' }), adapter.grantedOrigins()]);
    setAccess(
      new Map(
        loaded.rules.map((rule) => [rule.pattern, originsFor(rule).every((origin) => isGranted(granted, origin))]),
      ),
    );
    setRules(loaded.rules);
    setProblem(loaded.problem);
    setBackups(loaded.backups ?? 0);
  }, [adapter, send]);

  useEffect(() => void load(), [load]);

  /** A write the browser refuses (sync quota, storage off) is said plainly; what was stored stays as it was. */
  const saving = async (write: () => Promise<void>): Promise<boolean> => {
    try {
      await write();
      return true;
    } catch (cause) {
      refuse(t('saveFailed', shorten(cause instanceof Error ? cause.message : String(cause))));
      await load();
      return false;
    }
  };

  const enable = async (portals: Array<Omit<NewPortal, 'enabled'>>) => {
    const patterns = portals.map((portal) => displayDomain(portal.pattern));
    let granted = Promise.resolve(false);
    const saved = await saving(async () => {
      ({ granted } = await enablePortals(adapter, send, portals));
    });
    if (!saved) return;
    say(t('portalAddedAwaiting', patterns.join(', ')));
    await load();
    if (await granted) {
      say(t('portalAdded', patterns.join(', ')));
      await load();
    }
  };

  const update = async (next: PortalRule[]) => {
    if (await saving(async () => void (await send({ type: 'savePortals', rules: next })))) await load();
  };

  return {
    rules,
    problem,
    access,
    backups,
    message,
    refuse,
    enable,
    /** Imported portals keep their on/off state; their access is granted afterwards, one click each. */
    importPortals: async (accepted: NewPortal[]) => {
      if (await saving(async () => void (await send({ type: 'addPortals', entries: accepted })))) await load();
    },
    toggle: (rule: PortalRule) =>
      update((rules ?? []).map((other) => (other === rule ? { ...rule, enabled: !rule.enabled } : other))),
    remove: async (rule: PortalRule) => {
      const rest = (rules ?? []).filter((other) => other !== rule);
      const revocable = revocableOrigins(rule, rest);
      if (revocable.length > 0) await adapter.removeOrigins(revocable).catch(() => false);
      say(t('portalRemoved', displayDomain(rule.pattern)));
      await update(rest);
    },
  };
}

/** A portal with its registrable domain, found with the public-suffix list when the rule has none yet. */
export function withSite(rule: Pick<PortalRule, 'pattern' | 'site'>): Omit<NewPortal, 'enabled'> {
  if (rule.site !== undefined) return { pattern: rule.pattern, site: rule.site };
  const parsed = parseDomainInput(rule.pattern);
  return parsed.ok ? { pattern: rule.pattern, site: parsed.site } : { pattern: rule.pattern };
}
