import { useEffect, useRef, useState } from 'preact/hooks';
import { pageHasPortalMarkers } from '../page/detect';
import { hostOrigin } from '../core/portals/domains';
import type { SiteView } from '../protocol';
import { enablePortals } from '../ui/enable-portals';
import { useServices } from '../ui/services';

type Detection = 'checking' | 'portal' | 'notPortal' | 'unavailable';

/** A site the extension cannot explain yet: say why, and offer the one step that fixes it. */
export function NotPortal({ view, onAdded }: { view: Extract<SiteView, { kind: 'site' }>; onAdded: () => void }) {
  const { t, adapter, send } = useServices();
  const [detection, setDetection] = useState<Detection>('checking');

  // The user opened the popup on this very page: that click is the only access the check uses.
  useEffect(() => {
    if (view.isPortal) return;
    void adapter
      .runInTab(view.tabId, pageHasPortalMarkers)
      .catch(() => undefined)
      .then((found) => setDetection(found === undefined ? 'unavailable' : found ? 'portal' : 'notPortal'));
  }, [view.tabId, view.isPortal]);
  // The public-suffix list is most of this code's weight: fetched once the popup is on screen, never before it.
  const domainInput = useRef<Promise<typeof import('../core/portals/domain-input')>>();
  useEffect(() => void (domainInput.current = import('../core/portals/domain-input')), []);
  const [saveError, setSaveError] = useState<string | null>(null);
  const add = async () => {
    try {
      const { parseDomainInput } = await (domainInput.current ?? import('../core/portals/domain-input'));
      const parsed = parseDomainInput(view.host);
      const { granted } = await enablePortals(adapter, send, [parsed.ok ? parsed : { pattern: view.host }]);
      onAdded();
      if (await granted) onAdded();
    } catch (cause) {
      setSaveError(cause instanceof Error ? cause.message : String(cause));
    }
  };
  const grant = async () => {
    await adapter.requestOrigins([hostOrigin(view.host)]).catch(() => false);
    onAdded();
  };

  if (view.isPortal) {
    return (
      <section class="card not-portal">
        <p>{t('permissionMissing')}</p>
        <button type="button" class="primary" onClick={() => void grant()}>
          {t('grantPermission', view.host)}
        </button>
      </section>
    );
  }
  return (
    <section class="card not-portal">
      {detection === 'checking' && <p class="detected">{t('checkingPortal')}</p>}
      {detection === 'portal' && <p class="detected">{t('looksLikePortal')}</p>}
      {detection === 'notPortal' && <p class="detected">{t('notAPortal')}</p>}
      {detection === 'unavailable' && <p class="detected">{t('detectUnavailable')}</p>}
      <button
        type="button"
        class={detection === 'portal' ? 'primary add-portal' : 'add-portal'}
        onClick={() => void add()}
      >
        {t('addThisSite', view.host)}
      </button>
      {saveError !== null && (
        <p role="alert" class="status-warn">
          {t('saveFailed', saveError)}
        </p>
      )}
    </section>
  );
}
