// The production lane: the sync and connection tests on an emulator in PRODUCTION mode against
// HTTPS stand-ins. Node reads NODE_EXTRA_CA_CERTS only when it starts, so this script makes a
// throw-away CA with openssl first, then runs Jest with the variable set. Nothing is kept: the
// CA's key is deleted when Jest ends. Extra arguments go to Jest.
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const dir = mkdtempSync(path.join(tmpdir(), 'forge-lane-ca-'));
let status = 1;
try {
  execFileSync(
    'openssl',
    [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', path.join(dir, 'ca.key'), '-out', path.join(dir, 'ca.pem'), '-days', '2',
      '-subj', '/CN=Deploy Tracker production lane test CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const env = { ...process.env, NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem'), FORGE_TEST_CA_DIR: dir };
  const jest = spawnSync('npx', ['jest', '--config', 'test/production/jest.config.js', ...process.argv.slice(2)], { stdio: 'inherit', env });
  status = jest.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(status);
