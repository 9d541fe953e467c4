import { randomUUID } from 'node:crypto';
import type { Db, UsersTable } from '../store/schema.js';
import { UserRows } from '../store/users.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';

export const ROLES = ['operator', 'developer'] as const;
export type Role = (typeof ROLES)[number];

/** Operators see and manage every application; developers only their own. */
export interface User {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
}

/** A request that breaks a rule; the message is fit to show to the person who made it. */
export class UserValidationError extends Error {
  override name = 'UserValidationError';
}

export class UserNotFoundError extends Error {
  override name = 'UserNotFoundError';
}

// Deliberately loose: one @, something on each side, no spaces. The address is a sign-in name
// here, never mailed to, so stricter rules would only refuse real addresses.
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function isRole(value: unknown): value is Role {
  return (ROLES as readonly unknown[]).includes(value);
}

/** A hash of a password nobody has: checked for unknown accounts so both take as long. */
let decoy: Promise<string> | undefined;

export class UsersRepository {
  private readonly rows: UserRows;

  constructor(
    db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.rows = new UserRows(db);
  }

  async create(input: { email: string; password: string; role: Role }): Promise<User> {
    const email = normalEmail(input.email);
    if (!isRole(input.role)) {
      throw new UserValidationError(`role must be one of ${ROLES.join(', ')}`);
    }
    const problem = passwordProblem(input.password);
    if (problem) throw new UserValidationError(problem);
    if (await this.findByEmail(email)) {
      throw new UserValidationError(`a user ${email} exists already`);
    }
    const at = this.now().toISOString();
    const row: UsersTable = {
      id: randomUUID(),
      email,
      password_hash: await hashPassword(input.password),
      role: input.role,
      created_at: at,
      updated_at: at,
    };
    await this.rows.insert(row);
    return toUser(row);
  }

  async find(id: string): Promise<User | undefined> {
    const row = await this.rows.find(id);
    return row ? toUser(row) : undefined;
  }

  async findByEmail(email: string): Promise<User | undefined> {
    const row = await this.row(email);
    return row ? toUser(row) : undefined;
  }

  async list(): Promise<User[]> {
    return (await this.rows.list()).map(toUser);
  }

  /** The user if the password is theirs; an unknown email costs as much time as a wrong password. */
  async authenticate(email: string, password: string): Promise<User | undefined> {
    const row = EMAIL.test(email.trim()) ? await this.row(email) : undefined;
    if (!row) {
      decoy ??= hashPassword('not the password of anyone');
      await verifyPassword(password, await decoy);
      return undefined;
    }
    return (await verifyPassword(password, row.password_hash)) ? toUser(row) : undefined;
  }

  async setPassword(email: string, password: string): Promise<User> {
    const row = await this.row(email);
    if (!row) throw new UserNotFoundError(`no user ${normalEmail(email)}`);
    const problem = passwordProblem(password);
    if (problem) throw new UserValidationError(problem);
    // A new password ends every sign-in made with the old one.
    await this.rows.replacePassword(row.id, await hashPassword(password), this.now().toISOString());
    return toUser(row);
  }

  private row(email: string): Promise<UsersTable | undefined> {
    return this.rows.findByEmail(email.trim().toLowerCase());
  }
}

function normalEmail(value: string): string {
  const email = value.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) {
    throw new UserValidationError(`${JSON.stringify(value)} is not an email address`);
  }
  return email;
}

function toUser(row: UsersTable): User {
  return { id: row.id, email: row.email, role: row.role, createdAt: row.created_at };
}
