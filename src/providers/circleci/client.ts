import { DEFAULT_API_BASE_URL, type CircleCiConnection, type ConnectionSecret } from '../../domain/connection';
import { HttpClient } from '../http/client';
import type { HintOverrides } from '../http/status-errors';
import type { ProviderDeps } from '../http/types';
import { jobSchema, pageSchema, pipelineSchema, projectSchema, userSchema, workflowSchema, type WireWorkflow } from './wire';

/** CircleCI also answers 404 "Project not found" when the token's user may not see the project. */
export const PROJECT_HINT =
  "Check the project slug (as in the project's CircleCI URL, e.g. gh/my-org/my-repo) and that the token's " +
  'user can see the project: a member of its organisation who has followed it.';

const pipelinePage = pageSchema(pipelineSchema);
const workflowPage = pageSchema(workflowSchema);
const jobPage = pageSchema(jobSchema);
const MAX_WORKFLOW_PAGES = 3;

/** CircleCI v2 transport: `Circle-Token`, project slugs used as given, `page-token` pagination. */
export class CircleCiClient {
  private readonly http: HttpClient;
  readonly base: string;

  constructor(connection: CircleCiConnection, secret: ConnectionSecret, deps: ProviderDeps) {
    this.base = connection.apiBaseUrl ?? DEFAULT_API_BASE_URL.circleci;
    const hints: HintOverrides = {
      AuthError: 'Check the CircleCI personal API token (User Settings, Personal API Tokens): it may have been deleted.',
      PermissionError: PROJECT_HINT,
    };
    this.http = new HttpClient({ label: 'CircleCI', headers: { 'circle-token': secret.apiToken }, secrets: [secret.apiToken], hints, deps });
  }

  me() {
    return this.http.getJson(`${this.base}/api/v2/me`, userSchema);
  }

  project(slug: string) {
    return this.http.getJson(`${this.projectUrl(slug)}`, projectSchema, { hints: { NotFound: PROJECT_HINT } });
  }

  /** Newest first, 20 a page. */
  pipelines(slug: string, pageToken: string | null) {
    const query = pageToken ? `?${new URLSearchParams({ 'page-token': pageToken }).toString()}` : '';
    return this.http.getJson(`${this.projectUrl(slug)}/pipeline${query}`, pipelinePage, { hints: { NotFound: PROJECT_HINT } });
  }

  pipelineByNumber(slug: string, number: number) {
    return this.http.getJson(`${this.projectUrl(slug)}/pipeline/${number}`, pipelineSchema, { hints: { NotFound: PROJECT_HINT } });
  }

  pipeline(id: string) {
    return this.http.getJson(`${this.base}/api/v2/pipeline/${encodeURIComponent(id)}`, pipelineSchema);
  }

  async workflows(pipelineId: string): Promise<WireWorkflow[]> {
    const items: WireWorkflow[] = [];
    let token: string | null = null;
    for (let page = 0; page < MAX_WORKFLOW_PAGES; page += 1) {
      const query: string = token ? `?${new URLSearchParams({ 'page-token': token }).toString()}` : '';
      const answer = await this.http.getJson(`${this.base}/api/v2/pipeline/${encodeURIComponent(pipelineId)}/workflow${query}`, workflowPage);
      items.push(...answer.data.items);
      token = answer.data.next_page_token ?? null;
      if (!token) break;
    }
    return items;
  }

  jobs(workflowId: string) {
    return this.http.getJson(`${this.base}/api/v2/workflow/${encodeURIComponent(workflowId)}/job`, jobPage);
  }

  /** Slugs are opaque (`gh/org/repo`, `circleci/<uuid>/<uuid>`): each part is encoded, the slashes kept. */
  private projectUrl(slug: string): string {
    return `${this.base}/api/v2/project/${slug.split('/').map(encodeURIComponent).join('/')}`;
  }
}
