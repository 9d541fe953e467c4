// Resolves workspace packages such as @bankbridge/client to their TypeScript sources (their
// exports' "@bankbridge/source" condition, which tsconfig.json and vitest.config.ts name too),
// so a fresh clone runs the platform with no build step and a change to the client needs none
// either. Published packages resolve to their dist/ as usual.
import module from 'node:module';

/** A resolve hook, for module.registerHooks (in-thread) as for module.register (async). */
export function resolve(specifier, context, nextResolve) {
  return nextResolve(specifier, {
    ...context,
    conditions: [...context.conditions, '@bankbridge/source'],
  });
}

/**
 * Registers the hook as module.register's (off-thread) hook module while Node.js has that API:
 * its conditions then reach the resolution whichever kind of hooks tsx registered (module.register
 * up to Node.js 22.22, module.registerHooks after), as a hook of module.registerHooks would not
 * for tsx's off-thread hooks (they run after the in-thread ones). module.registerHooks is for a
 * Node.js that no longer has module.register (deprecated since Node.js 26), where tsx's hooks
 * are in-thread too.
 */
export function resolveWorkspaceSources() {
  if (typeof module.register === 'function') module.register(import.meta.url);
  else module.registerHooks({ resolve });
}
