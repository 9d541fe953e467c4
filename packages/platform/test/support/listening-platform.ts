/**
 * The test platform and its sandbox banks listening on free ports, with public URLs that name
 * them: for a client that reaches Bankbridge over the network (the SDK, a browser, a demo app)
 * rather than through inject().
 */
import { freePort } from './free-port.js';
import { startTestPlatform, type TestPlatform, type TestPlatformOptions } from './test-platform.js';

export interface ListeningPlatform extends TestPlatform {
  apiUrl: string;
  authUrl: string;
  sandboxUrl: string;
}

/**
 * `publicHost` is the host name in the public URLs (the server listens on 127.0.0.1 either
 * way): `localhost` for a browser test whose app runs on localhost too, so its cookies and
 * origins are those of one site.
 */
export async function startListeningPlatform(
  options: TestPlatformOptions = {},
  publicHost = '127.0.0.1',
): Promise<ListeningPlatform> {
  // A free port is free when it is chosen, not when the platform listens: another test file
  // running beside this one may take it meanwhile. Choose again then.
  for (let attempt = 1; ; attempt++) {
    try {
      return await listenOnFreePorts(options, publicHost);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt === 3) throw error;
    }
  }
}

async function listenOnFreePorts(
  options: TestPlatformOptions,
  publicHost: string,
): Promise<ListeningPlatform> {
  const [apiPort, authPort] = [await freePort(), await freePort()];
  const apiUrl = `http://${publicHost}:${apiPort}`;
  const authUrl = `http://${publicHost}:${authPort}`;
  const tpp = await startTestPlatform({
    sandbox: true,
    ...options,
    env: {
      BANKBRIDGE_HOST: '127.0.0.1',
      BANKBRIDGE_API_PORT: String(apiPort),
      BANKBRIDGE_AUTH_PORT: String(authPort),
      BANKBRIDGE_API_URL: apiUrl,
      BANKBRIDGE_AUTH_URL: authUrl,
      ...options.env,
    },
  });
  try {
    await tpp.platform.listen();
  } catch (error) {
    await tpp.close();
    throw error;
  }
  return Object.assign(tpp, { apiUrl, authUrl, sandboxUrl: tpp.sandboxUrl as string });
}
