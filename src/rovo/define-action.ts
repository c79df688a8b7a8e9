import { z } from 'zod';
import { DomainError } from '../domain/errors';
import { forgeProviderDeps } from '../forge/provider-deps';
import { JenkinsInsight } from '../providers/jenkins/insight';
import { agentConnection, type AgentConnection } from './agent-connections';
import { errorAnswer } from './answers/format';

/** Requests one action may make: the widest capability (a listing of nested folders) needs about 20. */
const ACTION_REQUEST_BUDGET = 40;

/** Forge hands an action `{...inputs, context}` and, as second argument, the invocation context. */
const invocationSchema = z.object({ principal: z.object({ accountId: z.string().min(1) }).optional() });

export interface ActionScope {
  readonly insight: JenkinsInsight;
  /** The connection's name, as the person knows it. */
  readonly connectionName: string;
  /** Which jobs the asking user may read: every answer is cut to these (job-gate.ts). */
  readonly jobs: Pick<AgentConnection, 'mayReadJob' | 'readableByAll'>;
}

export type ActionHandler = (payload: unknown, context: unknown) => Promise<string>;

/**
 * One Rovo action: validate the model's inputs, pick an agent-enabled connection the asking user
 * may read (the user from Forge's invocation context, never the inputs), run one read-only
 * capability on the jobs they may read and answer in text. Typed failures (a refusal, Jenkins' own troubleshooting
 * message and hint) become the answer unchanged; anything else is thrown for Forge to record.
 */
export function defineAction<S extends z.ZodType<{ connection?: string | undefined }>>(
  inputSchema: S,
  run: (input: z.infer<S>, scope: ActionScope) => Promise<string>,
): ActionHandler {
  return async (payload, context) => {
    const input = inputSchema.safeParse(payload);
    if (!input.success) {
      const problems = input.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
      return `I could not use those inputs (${problems}). Ask again with a job's full name and a build number, last, lastFailed or lastSuccessful.`;
    }
    const invocation = invocationSchema.safeParse(context);
    const accountId = invocation.success ? invocation.data.principal?.accountId : undefined;
    try {
      const { connection, secret, mayReadJob, readableByAll } = await agentConnection(input.data.connection, accountId);
      const insight = new JenkinsInsight(connection, secret, forgeProviderDeps(ACTION_REQUEST_BUDGET));
      return await run(input.data, { insight, connectionName: connection.name, jobs: { mayReadJob, readableByAll } });
    } catch (error) {
      if (error instanceof DomainError) return errorAnswer(error);
      throw error;
    }
  };
}
