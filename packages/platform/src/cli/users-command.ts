import { Command, Option } from 'commander';
import { generatePassword } from '../portal/passwords.js';
import { ROLES, type Role, type User, UsersRepository } from '../portal/users.js';
import { withStore } from './open-store-for-cli.js';

export function usersCommand(): Command {
  const users = new Command('users').description(
    'manage developer portal accounts: operators see every application, developers their own',
  );

  users
    .command('create')
    .description(
      'create a portal account; without --password-stdin a password is generated and printed once',
    )
    .requiredOption('--email <email>', 'the sign-in name')
    .addOption(
      new Option('--role <role>', 'what the account may see').choices(ROLES).default('developer'),
    )
    .option('--password-stdin', 'read the password from standard input (at least 12 characters)')
    .option('--json', 'print JSON')
    .action(
      async (options: { email: string; role: Role; passwordStdin?: boolean; json?: boolean }) => {
        const given = options.passwordStdin ? await readStdin() : undefined;
        const password = given ?? generatePassword();
        await withStore(async ({ store }) => {
          const user = await new UsersRepository(store.db).create({
            email: options.email,
            password,
            role: options.role,
          });
          report(user, given === undefined ? password : undefined, options.json);
        });
      },
    );

  users
    .command('list')
    .description('list portal accounts')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withStore(async ({ store }) => {
        const all = await new UsersRepository(store.db).list();
        if (options.json) return print(JSON.stringify(all.map(publicView), null, 2));
        if (all.length === 0) {
          return print('no accounts yet: bankbridge users create --email <email> --role operator');
        }
        for (const user of all) print(`${user.email}  ${user.role}  since ${user.createdAt}`);
      });
    });

  users
    .command('reset-password')
    .description(
      'set a new password (generated and printed once unless --password-stdin); signs the account out everywhere',
    )
    .argument('<email>')
    .option('--password-stdin', 'read the password from standard input')
    .option('--json', 'print JSON')
    .action(async (email: string, options: { passwordStdin?: boolean; json?: boolean }) => {
      const given = options.passwordStdin ? await readStdin() : undefined;
      const password = given ?? generatePassword();
      await withStore(async ({ store }) => {
        const user = await new UsersRepository(store.db).setPassword(email, password);
        report(user, given === undefined ? password : undefined, options.json);
      });
    });
  return users;
}

function report(user: User, generated: string | undefined, json: boolean | undefined): void {
  if (json) {
    print(JSON.stringify({ ...publicView(user), ...(generated ? { password: generated } : {}) }));
    return;
  }
  print(`email:    ${user.email}\nrole:     ${user.role}`);
  if (generated) {
    print(`password: ${generated}`);
    print('Store the password now: Bankbridge keeps only its hash and cannot show it again.');
  }
}

function publicView(user: User) {
  return { id: user.id, email: user.email, role: user.role, created_at: user.createdAt };
}

/** The password as piped in, without the line break `echo` adds. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}
