import * as z from 'zod/mini';

/**
 * Ids the app issued (connections, deploy sources, deploys) as a payload may carry them. They
 * become storage keys, and KVS refuses most characters in a key with an error of its own: such
 * an id is refused here, as an InvalidRequest naming the field, before anything is read.
 */
const ISSUED_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export function issuedId(max: number) {
  return z.string().check(
    z.minLength(1),
    z.maxLength(max),
    z.regex(ISSUED_ID, 'is not an id this app issued (letters, digits, ".", "_", ":" and "-")'),
  );
}

/**
 * A paging cursor handed back as it was received. Its content is the storage's own and is
 * checked where it is used; here only that it is one printable ASCII word of bounded size.
 */
export const pagingCursor = z.string().check(
  z.minLength(1),
  z.maxLength(4096),
  z.regex(/^[\x21-\x7e]+$/, 'is not a paging cursor this list handed out'),
);
