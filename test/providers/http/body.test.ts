import { BodyTooLarge, readCapped } from '../../../src/providers/http/body';

const LIMIT = 16;

function aResponse(body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status: 200, headers });
}

describe('reading a body within the size cap', () => {
  it('reads a body whose declared length is within the cap in one piece', async () => {
    // given
    const response = aResponse('{"ok":"é"}', { 'content-length': String(Buffer.byteLength('{"ok":"é"}')) });

    // when
    const text = await readCapped(response, LIMIT);

    // then
    expect(text).toBe('{"ok":"é"}');
  });

  it('refuses a body that declares more than the cap before reading it', async () => {
    // given
    const response = aResponse('{}', { 'content-length': String(LIMIT + 1) });

    // when / then
    await expect(readCapped(response, LIMIT)).rejects.toBeInstanceOf(BodyTooLarge);
  });

  it('still refuses a body longer than the cap when its declared length understates it', async () => {
    // given a Response not built by the network, whose header says less than it holds
    const response = aResponse('x'.repeat(LIMIT * 2), { 'content-length': '2' });

    // when / then
    await expect(readCapped(response, LIMIT)).rejects.toBeInstanceOf(BodyTooLarge);
  });

  it('reads a body without a declared length chunk by chunk and cuts it past the cap', async () => {
    // given
    const within = aResponse('{"a":1}');
    const beyond = aResponse('y'.repeat(LIMIT + 1));

    // when / then
    await expect(readCapped(within, LIMIT)).resolves.toBe('{"a":1}');
    await expect(readCapped(beyond, LIMIT)).rejects.toBeInstanceOf(BodyTooLarge);
  });
});
