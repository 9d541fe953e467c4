// The kinds of resource the sandbox's SCA authorises, and how the wire names a resource:
// the redirect flow's scope (AIS:{consentId}) and the decoupled token grant's parameter
// (consent_id) map to a resource reference through the kind that claims them.

import type { SandboxBank } from '../domain/sandbox-bank.js';
import type { ScaResourceKindName, ScaResourceRef } from '../domain/sca-resource.js';
import type { ScaResourceKind, ScaSubject } from './sca-resource-kind.js';

export class ScaKinds {
  private readonly byName = new Map<ScaResourceKindName, ScaResourceKind>();

  constructor(kinds: readonly ScaResourceKind[]) {
    for (const kind of kinds) this.byName.set(kind.kind, kind);
  }

  /** A reference only ever holds a registered kind: a missing one is a programming error. */
  of(name: ScaResourceKindName): ScaResourceKind {
    const kind = this.byName.get(name);
    if (!kind) throw new Error(`No SCA resource kind ${name} is registered`);
    return kind;
  }

  open(bank: SandboxBank, clientId: string, ref: ScaResourceRef): ScaSubject | undefined {
    return this.of(ref.kind).open(bank, clientId, ref.id);
  }

  /** The scopes the authorization endpoint accepts, as documented: AIS:{consentId}. */
  get scopes(): string[] {
    return [...this.byName.values()].map((k) => `${k.scopePrefix}:{${k.idName}}`);
  }

  /** The resource a redirect scope names, or undefined when no kind claims the scope. */
  fromScope(scope: string | undefined): ScaResourceRef | undefined {
    for (const kind of this.byName.values()) {
      const id = new RegExp(`^${kind.scopePrefix}:(.+)$`).exec(scope ?? '')?.[1];
      if (id) return { kind: kind.kind, id };
    }
    return undefined;
  }

  /** The resource the decoupled token grant names (it may name none), from its form fields. */
  fromGrant(fields: Record<string, string | undefined>): ScaResourceRef | undefined {
    for (const kind of this.byName.values()) {
      const id = fields[kind.grantParameter];
      if (id) return { kind: kind.kind, id };
    }
    return undefined;
  }
}
