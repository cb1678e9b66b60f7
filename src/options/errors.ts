import type { DomainInputError } from '../core/domain-input';
import type { MessageKey } from '../core/i18n';

export const DOMAIN_ERROR_TEXT: Record<DomainInputError, MessageKey> = {
  empty: 'domainErrorEmpty',
  invalid: 'domainErrorInvalid',
  publicSuffix: 'domainErrorPublicSuffix',
  ipAddress: 'domainErrorIp',
  localhost: 'domainErrorLocalhost',
};
