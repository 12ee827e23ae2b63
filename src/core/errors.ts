/** A refusal meant for the person who asked: shown to them, changes nothing. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/**
 * A refusal that keeps the tidying-up done just before it (a void swap offer deleted): the
 * transaction commits, and the person still gets the refusal. A plain UserError would roll the
 * tidying-up back with everything else, leaving the void thing in place to be refused again.
 */
export class RefusalKeepingCleanup extends UserError {}
