import { X509Certificate, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

/**
 * A self-signed X.509 certificate for 127.0.0.1, built at test time with node:crypto alone:
 * Node can make keys and signatures but not certificates, so the DER is assembled here
 * (RFC 5280: TBSCertificate, ecdsa-with-SHA256, subjectAltName iPAddress).
 */
export function selfSignedCertificate(options: { notBefore?: Date; notAfter?: Date } = {}): { key: string; cert: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const algorithm = seq(oid('1.2.840.10045.4.3.2'));
  const name = seq(set(seq(oid('2.5.4.3'), der(0x0c, Buffer.from('deploy-tracker test server')))));
  const now = Date.now();
  const validity = seq(utcTime(options.notBefore ?? new Date(now - 3600_000)), utcTime(options.notAfter ?? new Date(now + 86400_000)));
  const subjectAltName = seq(oid('2.5.29.17'), der(0x04, seq(der(0x87, Buffer.from([127, 0, 0, 1])))));
  const tbs = seq(
    der(0xa0, integer(Buffer.from([2]))),
    integer(serialNumber()),
    algorithm,
    name,
    validity,
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    der(0xa3, seq(subjectAltName)),
  );
  const signature = sign('sha256', tbs, privateKey);
  const certificate = seq(tbs, algorithm, der(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const base64 = certificate.toString('base64').replace(/(.{64})/g, '$1\n');
  const cert = `-----BEGIN CERTIFICATE-----\n${base64.trimEnd()}\n-----END CERTIFICATE-----\n`;
  new X509Certificate(cert); // fails loudly here if the DER is wrong, rather than in a TLS handshake
  return { key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), cert };
}

/**
 * A positive 8-byte serial whose first byte is 0x01-0x7f: DER integers are minimal, so a random
 * first byte of 0x00 (then a byte below 0x80) is "illegal padding", and 1 run in 512 failed.
 */
function serialNumber(): Buffer {
  const serial = randomBytes(8);
  serial[0] = ((serial[0] ?? 1) & 0x7f) | 0x01;
  return serial;
}

function der(tag: number, content: Buffer): Buffer {
  const length = content.length;
  if (length < 0x80) return Buffer.concat([Buffer.from([tag, length]), content]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.concat([Buffer.from([tag, 0x80 | bytes.length, ...bytes]), content]);
}

function seq(...items: Buffer[]): Buffer {
  return der(0x30, Buffer.concat(items));
}

function set(...items: Buffer[]): Buffer {
  return der(0x31, Buffer.concat(items));
}

function integer(value: Buffer): Buffer {
  const first = value[0] ?? 0;
  return der(0x02, first & 0x80 ? Buffer.concat([Buffer.from([0]), value]) : value);
}

function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [a * 40 + b];
  for (const arc of rest) {
    const chunk: number[] = [];
    for (let v = arc; ; v = Math.floor(v / 128)) {
      chunk.unshift((v % 128) | (chunk.length ? 0x80 : 0));
      if (v < 128) break;
    }
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

function utcTime(date: Date): Buffer {
  const iso = date.toISOString();
  const text = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return der(0x17, Buffer.from(text));
}
