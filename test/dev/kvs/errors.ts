import { ForgeKvsAPIError } from '@forge/kvs';

export interface Refusal {
  readonly code: string;
  readonly status: number | undefined;
  readonly message: string;
}

/** The ForgeKvsAPIError the real SDK throws for a call the emulated KVS refuses. */
export async function refusalOf(call: Promise<unknown>): Promise<Refusal> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ForgeKvsAPIError) {
      return { code: error.code, status: error.responseDetails.status, message: error.message };
    }
    throw error;
  }
  throw new Error('Expected the emulated KVS to refuse this call, but it succeeded');
}
