import { displayDomain } from '../core/util/display';
import type { PortalRule } from '../core/portals/domains';
import { useServices } from '../ui/services';

interface Props {
  rules: PortalRule[];
  access: ReadonlyMap<string, boolean>;
  onToggle: (rule: PortalRule) => void;
  onRemove: (rule: PortalRule) => void;
  onGrant: (rule: PortalRule) => void;
}

export function PortalList({ rules, access, onToggle, onRemove, onGrant }: Props) {
  const { t } = useServices();
  return (
    <ul class="portal-list">
      {rules.map((rule) => {
        const granted = access.get(rule.pattern) === true;
        return (
          <li key={rule.pattern} class="card row portal" data-pattern={rule.pattern}>
            <label class="row grow">
              <input type="checkbox" checked={rule.enabled} onChange={() => onToggle(rule)} />
              <code>{displayDomain(rule.pattern)}</code>
            </label>
            <span class="muted">{t(rule.builtIn ? 'portalBuiltIn' : 'portalMine')}</span>
            {rule.enabled && (
              <span class={granted ? 'status-ok access' : 'status-warn access'}>
                {t(granted ? 'portalActive' : 'portalAwaiting')}
              </span>
            )}
            {rule.enabled && !granted && (
              <button type="button" class="grant" onClick={() => onGrant(rule)}>
                {t('grantPermission', displayDomain(rule.pattern))}
              </button>
            )}
            {!rule.builtIn && (
              <button type="button" class="remove" onClick={() => onRemove(rule)}>
                {t('portalRemove', displayDomain(rule.pattern))}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
