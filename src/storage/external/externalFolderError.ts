/** The one error of external folders: which file, and what is wrong with it. */

/** An unreadable or inconsistent file of an external folder (CLI: exit 2; editor: its message). */
export class ExternalFolderError extends Error {
  override name = 'ExternalFolderError';
  /** The worker reports it as bad input, like an unreadable run folder. */
  readonly code = 'bad-run';

  /**
   * @param file the file (or folder) at fault, as a path.
   * @param reason what is wrong, in words a user can act on.
   */
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}
