// Public API of @bankbridge/sandbox: simulated Berlin Group banks for Bankbridge.

export type { FaultConfig } from './domain/faults.js';
export { HEAVY_PER_DAY } from './domain/heavy-ledger.js';
export { isValidIban } from './domain/iban.js';
export { TEST_PSUS } from './domain/test-psus.js';
export { DECOUPLED_GRANT } from './http/token-routes.js';
export {
  parseSandboxBanks,
  RegistryError,
  type SandboxBankConfig,
  type ScaApproach,
} from './registry/load-registry.js';
export {
  createSandboxServer,
  DEFAULT_REGISTRY_PATH,
  DEFAULT_SANDBOX_PORT,
  type RunningSandbox,
  type RunSandboxOptions,
  runSandbox,
  SandboxConfigError,
  type SandboxOptions,
} from './server.js';
