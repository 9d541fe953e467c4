import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../store/schema.js';
import { UserSessionRows } from '../store/users.js';
import type { User } from './users.js';

/** A sign-in lasts a working day, then the person signs in again. */
export const SESSION_SECONDS = 12 * 60 * 60;

export interface Session {
  /** The stored id: a hash of the cookie value, safe to use as CSRF user info. */
  id: string;
  user: User;
  expiresAt: string;
}

/**
 * Portal sign-ins. The cookie carries 256 random bits; the database keeps only their hash,
 * so neither a copy of it nor its logs can sign anyone in.
 */
export class SessionsRepository {
  private readonly rows: UserSessionRows;

  constructor(
    db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.rows = new UserSessionRows(db);
  }

  /** Starts a session; the returned value goes into the cookie and is not stored. */
  async start(user: User): Promise<{ value: string; session: Session }> {
    const value = randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = new Date(now.getTime() + SESSION_SECONDS * 1000).toISOString();
    const id = sessionId(value);
    await this.rows.insert({
      id,
      user_id: user.id,
      created_at: now.toISOString(),
      expires_at: expiresAt,
    });
    // Sign-ins are rare: a good moment to forget the ones that ended.
    await this.rows.deleteEnded(now.toISOString());
    return { value, session: { id, user, expiresAt } };
  }

  /** The live session a cookie value names, with its user; undefined when unknown or ended. */
  async find(value: string): Promise<Session | undefined> {
    const row = await this.rows.findWithUser(sessionId(value));
    if (!row || row.expires_at <= this.now().toISOString()) return undefined;
    return {
      id: row.id,
      expiresAt: row.expires_at,
      user: { id: row.user_id, email: row.email, role: row.role, createdAt: row.created_at },
    };
  }

  async end(id: string): Promise<void> {
    await this.rows.delete(id);
  }
}

function sessionId(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('base64url');
}
