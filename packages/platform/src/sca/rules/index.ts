export * from './bank-sca-report.js';
export * from './errors.js';
export * from './sca-approach.js';
export * from './sca-state.js';
export * from './sca-status.js';
