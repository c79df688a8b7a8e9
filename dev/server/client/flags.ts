import { isRecord } from './protocol';

const ICONS: Record<string, string> = { info: 'ℹ', success: '✓', warning: '!', error: '✕' };
const AUTO_DISMISS_MS = 8000;

export type FlagActionHandler = (flagId: string, index: number) => void;

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Jira's flags: small cards at the bottom left that `showFlag` from `@forge/bridge` opens. */
export class Flags {
  private readonly open = new Map<string, HTMLElement>();

  constructor(private readonly container: () => HTMLElement | null) {}

  show(payload: unknown, onAction: FlagActionHandler): boolean {
    if (!isRecord(payload)) throw new Error('showFlag needs an options object');
    const id = String(payload['id']);
    const type = text(payload['appearance']) || text(payload['type']) || 'info';
    this.close(id);
    const flag = document.createElement('div');
    flag.className = `flag flag-${ICONS[type] ? type : 'info'}`;
    flag.setAttribute('role', type === 'error' || type === 'warning' ? 'alert' : 'status');
    flag.dataset['flagId'] = id;
    const icon = document.createElement('span');
    icon.className = 'flag-icon';
    icon.setAttribute('aria-hidden', 'true');
    icon.textContent = ICONS[type] ?? ICONS['info'] ?? '';
    const body = document.createElement('div');
    body.className = 'flag-body';
    const title = document.createElement('strong');
    title.textContent = text(payload['title']);
    const description = document.createElement('p');
    description.textContent = text(payload['description']);
    body.append(title, description);
    const actions = Array.isArray(payload['actions']) ? payload['actions'] : [];
    if (actions.length > 0) {
      const row = document.createElement('div');
      row.className = 'flag-actions';
      actions.forEach((action, index) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'link-button';
        button.textContent = isRecord(action) ? text(action['text']) : '';
        button.addEventListener('click', () => onAction(id, index));
        row.append(button);
      });
      body.append(row);
    }
    const dismiss = document.createElement('button');
    dismiss.type = 'button';
    dismiss.className = 'flag-dismiss';
    dismiss.setAttribute('aria-label', 'Dismiss');
    dismiss.textContent = '×';
    dismiss.addEventListener('click', () => this.close(id));
    flag.append(icon, body, dismiss);
    this.container()?.append(flag);
    this.open.set(id, flag);
    if (payload['isAutoDismiss'] === true) setTimeout(() => this.close(id), AUTO_DISMISS_MS);
    return true;
  }

  close(id: unknown): boolean {
    const key = String(isRecord(id) ? id['id'] : id);
    const flag = this.open.get(key);
    flag?.remove();
    this.open.delete(key);
    return flag !== undefined;
  }
}
