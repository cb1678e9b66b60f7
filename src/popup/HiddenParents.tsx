import { parentOrigin } from '../core/portals/domains';
import { useServices } from '../ui/services';

/** Chrome hides a parent's domain cookies without that parent's permission: say so, and offer it. */
export function HiddenParents({ parents, onGranted }: { parents: string[]; onGranted: () => void }) {
  const { t, adapter } = useServices();
  if (parents.length === 0) return null;
  const names = parents.join(', ');
  const grant = async () => {
    if (await adapter.requestOrigins(parents.map(parentOrigin)).catch(() => false)) onGranted();
  };
  return (
    <section class="card hidden-parents">
      <p>{t('hiddenParents', names)}</p>
      <button type="button" onClick={() => void grant()}>
        {t('grantParents', names)}
      </button>
    </section>
  );
}
