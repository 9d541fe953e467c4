// The SCA engine: read authorisation-service.ts first.
export * from './authorisation-service.js';
export type { OnPageProgress, OnPageTarget } from './decoupled-on-page.js';
export * from './psu.js';
export * from './redirect-sca.js';
export * from './rules/index.js';
export * from './subject.js';
