import type { MessageKey } from '../core/util/i18n';
import type { RefusalReason } from '../core/portals/portal-list';

export const DOMAIN_ERROR_TEXT: Record<RefusalReason, MessageKey> = {
  empty: 'domainErrorEmpty',
  invalid: 'domainErrorInvalid',
  publicSuffix: 'domainErrorPublicSuffix',
  ipAddress: 'domainErrorIp',
  localhost: 'domainErrorLocalhost',
  notPublic: 'domainErrorNotPublic',
  duplicate: 'domainErrorDuplicate',
  badEntry: 'domainErrorBadEntry',
  badEnabled: 'domainErrorBadEnabled',
};
