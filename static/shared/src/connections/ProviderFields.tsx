import { ErrorMessage, Field, HelperMessage } from '@atlaskit/form';
import TextField from '@atlaskit/textfield';
import type { ReactNode } from 'react';
import { BUILDKITE_SCOPES, type ConnectionView } from '../../../../src/shared/contract/connections';

export type ProviderKind = ConnectionView['kind'];

export const PROVIDER_LABELS: Readonly<Record<ProviderKind, string>> = {
  jenkins: 'Jenkins',
  buildkite: 'Buildkite',
  circleci: 'CircleCI',
};

/** Where each provider shows how to create the token the form asks for. */
export const TOKEN_HINTS: Readonly<Record<ProviderKind, string>> = {
  jenkins:
    'In Jenkins, open your user menu (your name, top right) → Security → API Token → Add new Token, then copy it here. ' +
    'On older Jenkins versions it is under your name → Configure → API Token.',
  buildkite:
    `In Buildkite, open Personal Settings → API Access Tokens → New API Access Token, allow this organisation and the ` +
    `${BUILDKITE_SCOPES.required.join(', ')} scope (also ${BUILDKITE_SCOPES.useful.join(' and ')} for pipeline names).`,
  circleci: 'In CircleCI, open User Settings → Personal API Tokens → Create New Token, then copy it here.',
};

export interface TextFieldSpec {
  readonly name: string;
  readonly label: string;
  readonly defaultValue: string;
  readonly helper?: ReactNode;
  readonly placeholder?: string;
  readonly isRequired?: boolean;
  readonly type?: 'text' | 'password' | 'url';
  readonly validate?: (value: string | undefined) => string | undefined;
}

/** One labelled Atlaskit text field with its helper and error, keyboard and screen-reader friendly. */
export function TextInput({ spec, autoFocus = false }: { spec: TextFieldSpec; autoFocus?: boolean }) {
  return (
    <Field<string>
      name={spec.name}
      label={spec.label}
      defaultValue={spec.defaultValue}
      isRequired={spec.isRequired ?? false}
      {...(spec.validate ? { validate: spec.validate } : {})}
    >
      {({ fieldProps, error }) => (
        <>
          <TextField
            {...fieldProps}
            type={spec.type ?? 'text'}
            autoComplete={spec.type === 'password' ? 'new-password' : 'off'}
            spellCheck={false}
            // The form opens where its first field is: focus goes there, not back to the page top.
            autoFocus={autoFocus}
            {...(spec.placeholder ? { placeholder: spec.placeholder } : {})}
            testId={`field-${spec.name}`}
          />
          {spec.helper ? <HelperMessage>{spec.helper}</HelperMessage> : null}
          {error ? <ErrorMessage>{error}</ErrorMessage> : null}
        </>
      )}
    </Field>
  );
}

const required = (what: string) => (value: string | undefined) => (value?.trim() ? undefined : `Enter ${what}`);

/** The fields of one provider; secrets always start empty, their hints say what is stored. */
export function providerFieldSpecs(kind: ProviderKind, existing: ConnectionView | undefined): TextFieldSpec[] {
  const tokenSpec: TextFieldSpec = {
    name: 'apiToken',
    label: kind === 'circleci' ? 'Personal API token' : 'API token',
    defaultValue: '',
    type: 'password',
    isRequired: !existing,
    helper: existing ? `Stored token ${existing.tokenHint}. Leave empty to keep it. ${TOKEN_HINTS[kind]}` : TOKEN_HINTS[kind],
    ...(existing ? { placeholder: existing.tokenHint } : { validate: required('the API token') }),
  };
  const name: TextFieldSpec = {
    name: 'name',
    label: 'Name',
    defaultValue: existing?.name ?? '',
    isRequired: true,
    helper: 'How admins and the Sync tab refer to this connection.',
    validate: required('a name'),
  };
  const settings = existing?.settings;
  switch (kind) {
    case 'jenkins':
      return [
        name,
        {
          name: 'baseUrl',
          label: 'Jenkins URL',
          type: 'url',
          defaultValue: settings?.kind === 'jenkins' ? settings.baseUrl : '',
          isRequired: true,
          placeholder: 'https://ci.example.com:8443/jenkins',
          helper: 'The address you open Jenkins at, with its port and context path. Forge reaches HTTPS on ports 443, 8080, 8443 and a few others.',
          validate: required('the Jenkins URL'),
        },
        {
          name: 'username',
          label: 'Username',
          defaultValue: settings?.kind === 'jenkins' ? settings.username : '',
          isRequired: true,
          helper: 'The Jenkins user the API token belongs to. It needs Overall/Read and Job/Read.',
          validate: required('the Jenkins user name'),
        },
        tokenSpec,
      ];
    case 'buildkite':
      return [
        name,
        {
          name: 'organization',
          label: 'Organisation',
          defaultValue: settings?.kind === 'buildkite' ? settings.organization : '',
          isRequired: true,
          placeholder: 'my-org',
          helper: 'The organisation slug from your Buildkite URL: buildkite.com/<organisation>. Pasting a Buildkite pipeline URL works too.',
          validate: required('the organisation slug'),
        },
        tokenSpec,
      ];
    case 'circleci':
      return [
        name,
        tokenSpec,
        {
          name: 'projectSlugs',
          label: 'Project slugs',
          defaultValue: settings?.kind === 'circleci' ? settings.projectSlugs.join(', ') : '',
          isRequired: true,
          placeholder: 'gh/my-org/my-repo, circleci/<org-id>/<project-id>',
          helper: "Comma-separated, as CircleCI shows them in a project's settings (Project Settings → Overview), or pasted pipelines page URLs.",
          validate: required('at least one project slug'),
        },
      ];
  }
}
