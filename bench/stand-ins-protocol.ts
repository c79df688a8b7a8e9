import type { GrowAllResult } from '../dev/ci-servers';

export interface ServerStats {
  readonly requests: number;
  readonly byPath: Record<string, number>;
}

/** One build the first sync must store: connection kind, job id as the app names it, number. */
export type BuildRef = readonly [kind: 'jenkins' | 'buildkite' | 'circleci', jobId: string, number: number];

export type ChildRequest =
  | { readonly kind: 'grow'; readonly id: number; readonly percent: number }
  | { readonly kind: 'stats'; readonly id: number }
  | { readonly kind: 'reset'; readonly id: number }
  | { readonly kind: 'expected'; readonly id: number; readonly buildkiteFrom: number }
  | { readonly kind: 'all-jenkins'; readonly id: number }
  | { readonly kind: 'close'; readonly id: number };

export type ChildReply =
  | { readonly kind: 'ready'; readonly jenkins: string; readonly buildkite: string; readonly circleci: string; readonly projectSlugs: string[] }
  | { readonly kind: 'grown'; readonly id: number; readonly result: GrowAllResult }
  | { readonly kind: 'stats'; readonly id: number; readonly jenkins: ServerStats; readonly buildkite: ServerStats; readonly circleci: ServerStats }
  | { readonly kind: 'expected'; readonly id: number; readonly builds: BuildRef[] }
  | { readonly kind: 'done'; readonly id: number };
