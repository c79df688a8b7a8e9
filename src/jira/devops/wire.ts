import { z } from 'zod';

/**
 * Jira's answers (jira-software.v3.json: SubmitDeploymentsResponse, SubmitBuildsResponse,
 * ErrorMessages), read only as far as the app uses them. Every list is optional: the schema
 * marks none of them required.
 */
const errorMessage = z.object({ message: z.string() });

export const deploymentKeySchema = z.object({
  pipelineId: z.string(),
  environmentId: z.string(),
  deploymentSequenceNumber: z.number().int(),
});

export const submitDeploymentsResponseSchema = z.object({
  acceptedDeployments: z.array(deploymentKeySchema).optional(),
  rejectedDeployments: z.array(z.object({ key: deploymentKeySchema, errors: z.array(errorMessage) })).optional(),
  unknownIssueKeys: z.array(z.string()).optional(),
});
export type SubmitDeploymentsResponse = z.infer<typeof submitDeploymentsResponseSchema>;

export const buildKeySchema = z.object({ pipelineId: z.string(), buildNumber: z.number().int() });

export const submitBuildsResponseSchema = z.object({
  acceptedBuilds: z.array(buildKeySchema).optional(),
  rejectedBuilds: z.array(z.object({ key: buildKeySchema, errors: z.array(errorMessage) })).optional(),
  unknownIssueKeys: z.array(z.string()).optional(),
});
export type SubmitBuildsResponse = z.infer<typeof submitBuildsResponseSchema>;

/** Jira's ErrorMessages (an array) or the platform's ErrorCollection, whichever comes back. */
export const errorBodySchema = z.union([
  z.array(errorMessage),
  z.object({ errorMessages: z.array(z.string()).optional(), errors: z.record(z.string(), z.string()).optional() }),
]);

export function errorText(body: unknown): string | null {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return null;
  if (Array.isArray(parsed.data)) return parsed.data.map((e) => e.message).join('; ') || null;
  const { errorMessages = [], errors = {} } = parsed.data;
  return [...errorMessages, ...Object.entries(errors).map(([field, message]) => `${field}: ${message}`)].join('; ') || null;
}
