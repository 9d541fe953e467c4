// A module resolution hook: resolves workspace packages such as @bankbridge/client to their
// TypeScript sources (their exports' "@bankbridge/source" condition, which tsconfig.json and
// vitest.config.ts name too), so a fresh clone runs the platform with no build step and a
// change to the client needs none either. Published packages resolve to their dist/ as usual.
export async function resolve(specifier, context, nextResolve) {
  return nextResolve(specifier, {
    ...context,
    conditions: [...context.conditions, '@bankbridge/source'],
  });
}
