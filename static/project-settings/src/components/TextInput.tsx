import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import TextField from '@atlaskit/textfield';
import { Stack } from '@atlaskit/primitives/compiled';

/** A labelled text field outside an Atlaskit Form, for the settings tabs' small controlled forms. */
export function TextInput({ id, label, value, onChange, helper, placeholder, error, autoFocus = false }: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  helper?: string;
  placeholder?: string;
  /** Shown under the field, Atlaskit style, and announced with it. */
  error?: string | null;
  autoFocus?: boolean;
}) {
  return (
    <Stack space="space.050">
      <Label htmlFor={id}>{label}</Label>
      <TextField
        id={id}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        spellCheck={false}
        autoComplete="off"
        autoFocus={autoFocus}
        isInvalid={Boolean(error)}
        {...(error ? { 'aria-describedby': `${id}-error` } : {})}
        {...(placeholder ? { placeholder } : {})}
        testId={`input-${id}`}
      />
      {helper ? <HelperMessage>{helper}</HelperMessage> : null}
      {error ? (
        <ErrorMessage testId={`error-${id}`}>
          <span id={`${id}-error`}>{error}</span>
        </ErrorMessage>
      ) : null}
    </Stack>
  );
}
