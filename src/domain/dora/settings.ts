/**
 * What counts, per project, as the project admin says (the DORA settings page). Plain data: the
 * contract (src/shared/contract/dora.ts) and the store validate it, the measures read it.
 */
export const INCIDENT_TIES = ['linked-issues', 'latest-deploy-before', 'linked-issues-then-latest-deploy'] as const;
export type IncidentTie = (typeof INCIDENT_TIES)[number];

export interface DoraSettings {
  readonly incidents: {
    /** Issue type names (e.g. "Incident"), compared without case. */
    readonly issueTypes: readonly string[];
    /** Labels that make any issue an incident. */
    readonly labels: readonly string[];
    /** Projects whose every issue is an incident (a Jira Service Management incident project). */
    readonly projectKeys: readonly string[];
    /**
     * How an incident is tied to a deploy: a deploy that carries one of the incident's linked
     * issues, or the latest deploy to the environment before the incident was created. The tie is
     * stored when first made and never recomputed, so a figure does not move between runs.
     */
    readonly tie: IncidentTie;
  };
  readonly fixes: {
    /** A deploy is an unplanned fix when one of its issues has one of these types... */
    readonly issueTypes: readonly string[];
    /** ...or one of these labels... */
    readonly labels: readonly string[];
    /** ...or its branch matches one of these globs (e.g. hotfix/*). */
    readonly branchPatterns: readonly string[];
  };
  /** The environment the page opens on; null picks the first production environment. */
  readonly defaultEnvironmentId: string | null;
}

export const DEFAULT_DORA_SETTINGS: DoraSettings = {
  incidents: { issueTypes: ['Incident'], labels: ['incident'], projectKeys: [], tie: 'linked-issues-then-latest-deploy' },
  fixes: { issueTypes: ['Bug'], labels: ['hotfix'], branchPatterns: ['hotfix/*'] },
  defaultEnvironmentId: null,
};
