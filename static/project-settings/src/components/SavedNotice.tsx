import SectionMessage from '@atlaskit/section-message';

export function SavedNotice({ text }: { text: string }) {
  return (
    <div role="status" data-testid="saved-notice">
      <SectionMessage appearance="success">
        <p>{text}</p>
      </SectionMessage>
    </div>
  );
}
