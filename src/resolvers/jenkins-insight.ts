import type Resolver from '@forge/resolver';

/** Placeholder until its issue lands; the owner replaces this file. */
export function defineJenkinsInsightResolvers(_resolver: Resolver): void {}
