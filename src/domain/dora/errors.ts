import { DomainError } from '../errors';

/** A quarter's day rollups that would not fit a KVS value even with lead times kept to 2%. */
export class DoraRollupTooLarge extends DomainError {
  override readonly name = 'DoraRollupTooLarge';
  constructor(message: string) {
    super(message, 'The deploys were recorded. Too many deploys or commits a day to the same environment; please report this with the figures you expected.');
  }
}
