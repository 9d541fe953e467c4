import { isPsd2OrganizationId } from '../certificates/qwac.js';
import {
  generateClientSecret,
  hashClientSecret,
  verifyClientSecret,
} from '../security/client-secrets.js';
import type { ClientRules } from '../store/clients.js';
import { redirectUriProblem } from './redirect-uris.js';
import { isServiceScope, SERVICE_SCOPES } from './scopes.js';

/**
 * The rules a registered client keeps, handed to the clients repository: the scopes and
 * redirect URIs the OAuth server accepts, the organisation identifier of a QWAC, and hashed
 * secrets. The store keeps rows and knows none of these itself.
 */
export const CLIENT_RULES: ClientRules = {
  defaultScopes: SERVICE_SCOPES,
  scopesProblem(scopes) {
    const unknown = scopes.filter((s) => !isServiceScope(s));
    if (unknown.length === 0) return undefined;
    return `unknown scope ${unknown.join(', ')}; allowed: ${SERVICE_SCOPES.join(', ')}`;
  },
  redirectUriProblem,
  organizationIdProblem(organizationId) {
    if (isPsd2OrganizationId(organizationId)) return undefined;
    return `"${organizationId}" is not a PSD2 organisation identifier (PSD<country>-<authority>-<id>, e.g. PSDSE-FINA-44059)`;
  },
  generateSecret: generateClientSecret,
  hashSecret: hashClientSecret,
  verifySecret: verifyClientSecret,
};
