import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Certificates for the lane's HTTPS stand-ins, made with openssl at test time: nothing is
 * committed. The CA was made by test/production/run.mjs before Node started, so that
 * NODE_EXTRA_CA_CERTS could name it; its key is in FORGE_TEST_CA_DIR.
 */
export interface Certificate {
  readonly key: string;
  readonly cert: string;
}

export type CertificateKind =
  /** Issued by the lane's CA for the name, valid now. */
  | 'valid'
  /** Issued by the CA for the name, but its validity ended before the test. */
  | 'expired'
  /** Signed by its own key, so no trust store knows it. */
  | 'self-signed';

function caDir(): string {
  const dir = process.env['FORGE_TEST_CA_DIR'];
  if (!dir || !process.env['NODE_EXTRA_CA_CERTS']) {
    throw new Error('The production lane runs through `node test/production/run.mjs`, which makes its CA and sets NODE_EXTRA_CA_CERTS before Node starts.');
  }
  return dir;
}

function openssl(args: readonly string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A certificate for `names` (DNS subject alternative names), of the given kind. */
export function issueCertificate(names: readonly string[], kind: CertificateKind = 'valid'): Certificate {
  const ca = caDir();
  const work = mkdtempSync(path.join(tmpdir(), 'forge-lane-cert-'));
  try {
    const key = path.join(work, 'key.pem');
    const csr = path.join(work, 'req.csr');
    const cert = path.join(work, 'cert.pem');
    const ext = path.join(work, 'ext.cnf');
    writeFileSync(ext, `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}\nextendedKeyUsage=serverAuth\n`);
    const subject = `/CN=${names[0] ?? 'stand-in'}`;
    if (kind === 'self-signed') {
      openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', subject, '-addext', `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}`]);
    } else {
      openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', csr, '-subj', subject]);
      // -days -1 ends the validity a day before it starts: expired the moment it is made.
      const days = kind === 'expired' ? '-1' : '2';
      openssl(['x509', '-req', '-in', csr, '-CA', path.join(ca, 'ca.pem'), '-CAkey', path.join(ca, 'ca.key'), '-CAcreateserial', '-CAserial', path.join(work, 'ca.srl'), '-out', cert, '-days', days, '-extfile', ext]);
    }
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
