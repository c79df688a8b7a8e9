import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Form, { FormFooter, FormSection } from '@atlaskit/form';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import SectionMessage from '@atlaskit/section-message';
import {
  CONNECTION_RESOLVERS as KEYS,
  connectionViewSchema,
  parseHeaderText,
  testResultSchema,
  validatedSchema,
  type ConnectionDraft,
  type ConnectionView,
  type TestResult,
} from '../../../../src/shared/contract/connections';
import { callResolver, failureOf, type Failure } from '../resolvers';
import { toDraft, type ConnectionFormValues } from './draft';
import { EgressProblem, ensureEgress, releaseEgress } from './egress';
import ChevronDownIcon from '@atlaskit/icon/core/chevron-down';
import ChevronRightIcon from '@atlaskit/icon/core/chevron-right';
import { FailureMessage } from '../components/FailureMessage';
import { PROVIDER_LABELS, TextInput, providerFieldSpecs, type ProviderKind, type TextFieldSpec } from './ProviderFields';
import { TestResultMessage } from './TestResultMessage';
import { ChoiceField } from './ChoiceField';
import { FormColumn } from '../components/FormColumn';
import Heading from '@atlaskit/heading';

export interface ConnectionFormProps {
  readonly kind: ProviderKind;
  readonly existing?: ConnectionView | undefined;
  /** A site admin may approve the address in Jira's dialog; anyone else is told what to ask one for. */
  readonly siteAdmin: boolean;
  /** The admin page, where a Jira admin may open a connection to every Jira user through the agent. */
  readonly sitePage?: boolean;
  readonly onSaved: (view: ConnectionView) => void;
  readonly onCancel: () => void;
}

type TestState = { status: 'idle' } | { status: 'testing' } | { status: 'ok'; result: TestResult } | { status: 'failed'; title: string; failure: Failure };

const NOT_SAVED = 'The connection was not saved';
/** Failures that mean no CI server answered at the address (a wrong token means one did). */
const NOTHING_ANSWERED = new Set(['UnreachableError', 'TimeoutError', 'TlsError', 'NotFound', 'InvalidResponse']);

function refusalFailure(error: unknown): Failure {
  return error instanceof EgressProblem ? { name: error.name, message: error.message, hint: error.hint } : failureOf(error);
}

function advancedSpecs(kind: ProviderKind, existing: ConnectionView | undefined): TextFieldSpec[] {
  if (kind !== 'jenkins') {
    return [
      {
        name: 'apiBaseUrl',
        label: 'API URL',
        type: 'url',
        defaultValue: existing && existing.settings.kind === kind ? (existing.settings.apiBaseUrl ?? '') : '',
        helper: kind === 'circleci' ? 'Only for a CircleCI server installation: its address. Leave empty for circleci.com.' : 'Leave empty for api.buildkite.com.',
      },
    ];
  }
  const stored = existing?.headers.map((h) => `${h.name}: ${h.hint}`).join(', ');
  return [
    {
      name: 'headersText',
      label: 'Custom HTTP headers',
      defaultValue: '',
      placeholder: 'CF-Access-Client-Id: <id>, CF-Access-Client-Secret: <secret>',
      helper:
        'Comma-separated Name: value pairs sent with every request, e.g. for Cloudflare Access or another proxy in front of Jenkins. ' +
        'Values are stored as secrets.' +
        (stored ? ` Stored: ${stored}. Leave empty to keep them; entering headers replaces them all.` : ''),
      validate: (value) => {
        const parsed = parseHeaderText(value ?? '');
        return 'problems' in parsed ? parsed.problems.join('; ') : undefined;
      },
    },
  ];
}

/** Add or edit one connection: test it before (or without) saving, consent to its address, save. */
const EVERYONE_WARNING =
  "Every Jira user, also people who may browse no project at all, could then ask the agent for all of this connection's jobs, " +
  'builds, parameters, logs and commit messages. Choose it only for a CI server that holds nothing confidential.';

function agentChoices(offerEveryone: boolean) {
  return [
    { value: 'denied', label: "Cannot read this connection's builds" },
    { value: 'allowed', label: 'May read the jobs of projects the asking user may browse' },
    ...(offerEveryone ? [{ value: 'everyone', label: 'May read every job, for every Jira user (see the warning)' }] : []),
  ];
}

const MODE_CHOICES = [
  { value: 'polled', label: 'Polled: the app asks the server every 5 minutes' },
  { value: 'pushed', label: 'Pushed: the CI sends each build to the app, which never calls it' },
  { value: 'both', label: 'Both: builds arrive at once, and an hourly poll catches what a webhook missed' },
] as const;

const MODE_HELP: Record<ProviderKind, string> = {
  jenkins: 'Pushed suits a Jenkins behind a firewall: leave the URL, user and token empty, and add the snippet from the webhook set-up to your jobs.',
  buildkite: 'Pushed and both use a Buildkite webhook (Notification Services) signed with a secret this page makes once the connection is saved.',
  circleci: 'Pushed and both use CircleCI webhooks, which this page can create in your projects once the connection is saved.',
};

export function ConnectionForm({ kind, existing, siteAdmin, sitePage = false, onSaved, onCancel }: ConnectionFormProps) {
  const [advanced, setAdvanced] = useState(false);
  const [test, setTest] = useState<TestState>({ status: 'idle' });
  const [saveFailure, setSaveFailure] = useState<{ title: string; failure: Failure } | null>(null);
  const [refusedValues, setRefusedValues] = useState<ConnectionFormValues | null>(null);
  const title = existing ? `Edit ${existing.name}` : `Add ${PROVIDER_LABELS[kind]}`;
  const offerEveryone = kind === 'jenkins' && ((sitePage && siteAdmin) || existing?.agentReadableByAll === true);

  const idPart = existing ? { id: existing.id } : {};
  /** The backend checks the form first; consent is asked only for an address it accepts. */
  const consent = async (draft: ConnectionDraft): Promise<string | null> => {
    const { egressDomain } = await callResolver(KEYS.validate, { ...idPart, draft }, validatedSchema);
    if (!egressDomain) return null;
    return (await ensureEgress(egressDomain, draft.name.trim() || PROVIDER_LABELS[kind], siteAdmin)) ? egressDomain : null;
  };

  const runTest = async (values: ConnectionFormValues) => {
    setTest({ status: 'testing' });
    try {
      const draft = toDraft(kind, values, existing);
      const granted = await consent(draft);
      try {
        const result = await callResolver(KEYS.testDraft, { ...idPart, draft }, testResultSchema);
        setTest({ status: 'ok', result });
      } catch (error) {
        // Forge's proxy only lets the app try an address once it is allowed; an address that then
        // does not answer as a CI server (a typo) has its consent taken back at once, not kept for good.
        if (granted && NOTHING_ANSWERED.has(failureOf(error).name)) await releaseEgress(granted, false);
        throw error;
      }
    } catch (error) {
      setTest({ status: 'failed', title: error instanceof EgressProblem ? error.title : 'Test connection failed', failure: refusalFailure(error) });
    }
  };

  const save = async (values: ConnectionFormValues, askConsent: boolean) => {
    setSaveFailure(null);
    setRefusedValues(null);
    const draft = toDraft(kind, values, existing);
    try {
      if (askConsent) await consent(draft);
    } catch (error) {
      setSaveFailure({ title: error instanceof EgressProblem ? error.title : NOT_SAVED, failure: refusalFailure(error) });
      if (error instanceof EgressProblem) setRefusedValues(values);
      return;
    }
    try {
      const access = values.agentAccess ?? 'denied';
      const payload = { ...idPart, draft, agentEnabled: access !== 'denied', agentReadableByAll: access === 'everyone' };
      onSaved(await callResolver(KEYS.save, payload, connectionViewSchema));
    } catch (error) {
      setSaveFailure({ title: NOT_SAVED, failure: failureOf(error) });
    }
  };

  return (
    <FormColumn>
      <Box testId="connection-form">
        <Form<ConnectionFormValues> onSubmit={(values) => save(values, true)}>
          {({ formProps, submitting, getValues }) => (
            <form {...formProps} noValidate aria-label={title}>
              <Heading size="medium" as="h2">
                {title}
              </Heading>
              <FormSection>
                {providerFieldSpecs(kind, existing).map((spec, index) => (
                  <TextInput key={spec.name} spec={spec} autoFocus={index === 0} />
                ))}
                <ChoiceField name="mode" legend="How builds arrive" defaultValue={existing?.mode ?? 'polled'} choices={MODE_CHOICES} />
                <Text color="color.text.subtle">{MODE_HELP[kind]}</Text>
                {/* The Rovo agent reads Jenkins only: nothing to offer for Buildkite or CircleCI. */}
                {kind === 'jenkins' ? (
                <ChoiceField
                  name="agentAccess"
                  legend="Rovo agent"
                  defaultValue={existing?.agentReadableByAll ? 'everyone' : existing?.agentEnabled ? 'allowed' : 'denied'}
                  choices={agentChoices(offerEveryone)}
                />
                ) : null}
                {offerEveryone ? (
                  <SectionMessage appearance="warning" title="Every Jira user" testId="agent-everyone-warning">
                    {EVERYONE_WARNING}
                  </SectionMessage>
                ) : null}
              </FormSection>
              <Box paddingBlockStart="space.200">
                <Button
                  appearance="subtle"
                  aria-expanded={advanced}
                  aria-controls="advanced-settings"
                  iconBefore={advanced ? ChevronDownIcon : ChevronRightIcon}
                  onClick={() => setAdvanced(!advanced)}
                >
                  Advanced settings
                </Button>
              </Box>
              <div id="advanced-settings" hidden={!advanced}>
                <FormSection>
                  {advancedSpecs(kind, existing).map((spec) => (
                    <TextInput key={spec.name} spec={spec} />
                  ))}
                  {kind === 'jenkins' && existing && existing.headers.length > 0 ? (
                    <ChoiceField
                      name="storedHeaders"
                      legend="Stored custom headers"
                      defaultValue="keep"
                      choices={[
                        { value: 'keep', label: 'Keep them, unless new headers are entered above' },
                        { value: 'remove', label: 'Remove them' },
                      ]}
                    />
                  ) : null}
                </FormSection>
              </div>
              <Stack space="space.150">
                {test.status === 'ok' ? <TestResultMessage result={test.result} /> : null}
                {test.status === 'failed' ? <FailureMessage title={test.title} failure={test.failure} /> : null}
                {saveFailure ? (
                  <FailureMessage title={saveFailure.title} failure={saveFailure.failure}>
                    {refusedValues ? (
                      <Button onClick={() => void save(refusedValues, false)}>Save without allowing</Button>
                    ) : null}
                  </FailureMessage>
                ) : null}
                {existing && test.status === 'idle' ? (
                  <SectionMessage appearance="information">
                    <p>Test connection uses what the form shows; empty secret fields use the stored ones. Nothing is saved by a test.</p>
                  </SectionMessage>
                ) : null}
              </Stack>
              <FormFooter>
                <Inline space="space.100">
                  <Button appearance="subtle" onClick={onCancel}>
                    Cancel
                  </Button>
                  <Button isLoading={test.status === 'testing'} onClick={() => void runTest(getValues())}>
                    Test connection
                  </Button>
                  <Button appearance="primary" type="submit" isLoading={submitting}>
                    {existing ? 'Save changes' : 'Save connection'}
                  </Button>
                </Inline>
              </FormFooter>
            </form>
          )}
        </Form>
      </Box>
    </FormColumn>
  );
}
