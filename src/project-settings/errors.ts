import { DomainError } from '../domain/errors';

export class InvalidSettings extends DomainError {
  override readonly name = 'InvalidSettings';
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`The settings were not saved: ${problems.join('; ')}`, 'Correct what is listed and save again; nothing was changed.');
    this.problems = problems;
  }
}
