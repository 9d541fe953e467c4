/**
 * The provider's interaction the page runs in: what the app asked for at /oauth/authorize, and
 * what the page keeps in it between requests once a consent exists.
 */
import type { Interaction, InteractionResults } from 'oidc-provider';
import type { Registry } from '../../registry/types.js';
import { type AispScope, parseAispScope } from '../scopes.js';
import { parseValidityDays, VALIDITY_PARAM } from '../validity.js';
import type { Approach } from './consent-calls.js';

/** What the page keeps in the interaction between requests, once a consent exists. */
export interface FlowState {
  bic: string;
  consentId: string;
  authorisationId: string;
  approach: Approach;
  autoStartToken?: string;
  psuMessage?: string;
}
const STATE_KEY = 'bankbridgeAisp';

export function stateOf(interaction: Interaction): FlowState | undefined {
  const state = (interaction.result as Record<string, unknown> | undefined)?.[STATE_KEY];
  return state && typeof state === 'object' ? (state as FlowState) : undefined;
}

export async function saveState(interaction: Interaction, state: FlowState): Promise<void> {
  interaction.result = { [STATE_KEY]: state } as InteractionResults;
  await interaction.persist();
}

export function clientIdOf(interaction: Interaction): string {
  return String(interaction.params.client_id);
}

export function scopesOf(interaction: Interaction): AispScope[] {
  const parsed = parseAispScope(stringParam(interaction.params.scope));
  return parsed.ok ? parsed.scopes : [];
}

/** What the user is told is shared: balances and transactions come with their accounts. */
export function shownScopes(interaction: Interaction): AispScope[] {
  return ['accounts', ...scopesOf(interaction).filter((scope) => scope !== 'accounts')];
}

/** The days the app asked for; undefined for the bank's maximum. */
export function validityOf(interaction: Interaction): number | undefined {
  // Checked at /oauth/authorize: a value that is here is a valid one.
  return parseValidityDays(stringParam(interaction.params[VALIDITY_PARAM]));
}

/** The longest any bank allows: what the first page promises before a bank is chosen. */
export function maxValidity(registry: Registry): number {
  return Math.max(...registry.aspsps.map((bank) => bank.consent.maxValidityDays), 1);
}

export function stringParam(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
