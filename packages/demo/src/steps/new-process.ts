// Step 2: another process opens the same store and gets the access token without any login or token
// request. A MemoryTokenStore lives in one process, so there a second manager in this process stands in.
import { fingerprint } from '../fingerprint.js';
import { createManager } from '../oauth-setup.js';
import { check } from '../report.js';
import { digest, startWorker } from '../worker.js';
import { type DemoContext, storedToken } from './context.js';

export async function newProcess(context: DemoContext): Promise<void> {
  const { server, target, userName, report } = context;
  const saved = await storedToken(context);
  check(saved?.accessToken !== undefined, 'the token is no longer in the store');
  const before = server.tokenCalls();
  let got: string;
  if (target.shared) {
    const worker = startWorker({ target, settings: server.settings, userName, callers: 1 });
    const output = await worker.go();
    const [result] = output.results;
    check(
      result !== undefined && 'digest' in result,
      `the new process got no token: ${JSON.stringify(result)}`,
    );
    report.detail(
      `process ${output.pid} (a new Node process) opened the same store and asked for ${userName}'s access token`,
    );
    got = result.digest;
  } else {
    report.detail(
      'memory: a MemoryTokenStore cannot cross processes; a second TokenManager in this process reads it',
    );
    got = digest(await createManager(context.store, server.settings).getAccessToken(userName));
  }
  const after = server.tokenCalls();
  check(got === digest(saved.accessToken), 'the new process got another access token than the stored one');
  report.detail(`it got the stored access token ${fingerprint(saved.accessToken)}: no login`);
  report.detail(`token-endpoint calls: ${before} before, ${after} after`);
  check(after === before, `the new process called the token endpoint ${after - before} time(s)`);
}
