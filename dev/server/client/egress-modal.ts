import { isRecord } from './protocol';

interface RequestedGroup {
  readonly description: string;
  readonly domains: string[];
}

function groupsOf(payload: unknown): RequestedGroup[] {
  const egresses = isRecord(payload) && Array.isArray(payload['egresses']) ? payload['egresses'] : [];
  return egresses.filter(isRecord).map((group) => ({
    description: typeof group['description'] === 'string' ? group['description'] : '',
    domains: (Array.isArray(group['configured']) ? group['configured'] : [])
      .filter(isRecord)
      .map((c) => String(c['domain'])),
  }));
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, textContent = ''): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = textContent;
  return node;
}

/**
 * The consent modal `permissions.egress.set` opens in Jira: it lists the domains and only a Jira
 * admin can allow them. Resolves true on "Allow"; Escape, "Cancel" and "Close" resolve false.
 */
export function askEgressConsent(payload: unknown, isJiraAdmin: boolean): Promise<boolean> {
  const groups = groupsOf(payload);
  const dialog = element('dialog', 'modal');
  dialog.setAttribute('aria-labelledby', 'egress-consent-title');
  dialog.dataset['testid'] = 'egress-consent';
  const title = element('h2', 'modal-title', 'Allow Deploy Tracker to connect to these domains?');
  title.id = 'egress-consent-title';
  const intro = element(
    'p',
    '',
    isJiraAdmin
      ? 'The app will be able to send data to and receive data from:'
      : 'Only a Jira admin can allow the app to connect to new domains. It asked for:',
  );
  const list = element('ul', 'modal-list');
  for (const group of groups) {
    for (const domain of group.domains) {
      const item = element('li', '');
      item.append(element('code', '', domain));
      if (group.description) item.append(element('span', 'subtle', ` ${group.description}`));
      list.append(item);
    }
  }
  const buttons = element('div', 'modal-buttons');
  const cancel = element('button', 'button', isJiraAdmin ? 'Cancel' : 'Close');
  cancel.type = 'button';
  buttons.append(cancel);
  const allow = element('button', 'button button-primary', 'Allow');
  allow.type = 'button';
  if (isJiraAdmin) buttons.append(allow);
  dialog.append(title, intro, list, buttons);
  document.body.append(dialog);

  return new Promise((resolve) => {
    const finish = (allowed: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(allowed);
    };
    cancel.addEventListener('click', () => finish(false));
    allow.addEventListener('click', () => finish(true));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finish(false);
    });
    dialog.showModal();
    (isJiraAdmin ? allow : cancel).focus();
  });
}
