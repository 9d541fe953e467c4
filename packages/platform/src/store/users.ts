import type { Db, UserSessionsTable, UsersTable } from './schema.js';

/** A sign-in with the user it belongs to, as one query reads them. */
export interface StoredSession {
  id: string;
  expires_at: string;
  user_id: string;
  email: string;
  role: UsersTable['role'];
  created_at: string;
}

/** Developer portal accounts in `users`; emails come in already normalised (lower-case). */
export class UserRows {
  constructor(private readonly db: Db) {}

  async insert(row: UsersTable): Promise<void> {
    await this.db.insertInto('users').values(row).execute();
  }

  find(id: string): Promise<UsersTable | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByEmail(email: string): Promise<UsersTable | undefined> {
    return this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  }

  list(): Promise<UsersTable[]> {
    return this.db.selectFrom('users').selectAll().orderBy('created_at').execute();
  }

  /** Stores a new password hash, then ends every sign-in made with the old password. */
  async replacePassword(id: string, passwordHash: string, at: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: at })
      .where('id', '=', id)
      .execute();
    await this.db.deleteFrom('user_sessions').where('user_id', '=', id).execute();
  }
}

/** Portal sign-ins in `user_sessions`; `id` is whatever hash of the cookie the caller keeps. */
export class UserSessionRows {
  constructor(private readonly db: Db) {}

  async insert(row: UserSessionsTable): Promise<void> {
    await this.db.insertInto('user_sessions').values(row).execute();
  }

  /** Deletes the sessions that ended at or before `at` (an ISO time). */
  async deleteEnded(at: string): Promise<void> {
    await this.db.deleteFrom('user_sessions').where('expires_at', '<=', at).execute();
  }

  findWithUser(id: string): Promise<StoredSession | undefined> {
    return this.db
      .selectFrom('user_sessions')
      .innerJoin('users', 'users.id', 'user_sessions.user_id')
      .select([
        'user_sessions.id as id',
        'user_sessions.expires_at as expires_at',
        'users.id as user_id',
        'users.email as email',
        'users.role as role',
        'users.created_at as created_at',
      ])
      .where('user_sessions.id', '=', id)
      .executeTakeFirst();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('user_sessions').where('id', '=', id).execute();
  }
}
