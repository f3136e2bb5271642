/** The CLI's process environment: output streams and interruption, injectable for tests. */

export interface Cli {
  /** A line of the result (stdout). */
  out(text: string): void;
  /** A line of progress or diagnostics (stderr). */
  err(text: string): void;
  stderr: { write(text: string): void; isTTY: boolean };
  /**
   * An AbortSignal fired by the first SIGINT/SIGTERM; a second SIGINT exits at once with 130
   * (further SIGTERMs do not: the run still checkpoints).
   * Long commands check it between steps so they can leave valid files behind.
   */
  interruptSignal(): AbortSignal;
}

/** The real process: stdout/stderr and signal handlers. */
export function processCli(): Cli {
  let controller: AbortController | undefined;
  return {
    out: (t) => process.stdout.write(t + '\n'),
    err: (t) => process.stderr.write(t + '\n'),
    stderr: { write: (t) => process.stderr.write(t), isTTY: process.stderr.isTTY === true },
    interruptSignal() {
      if (controller === undefined) {
        const c = new AbortController();
        controller = c;
        const onSignal = (sig: NodeJS.Signals): void => {
          if (c.signal.aborted) {
            // A second Ctrl-C quits at once; a repeated TERM (a scheduler and the batch script
            // both signalling) waits for the checkpoint the first one asked for.
            if (sig === 'SIGINT') {
              process.exit(130);
            }
            return;
          }
          process.stderr.write(
            sig === 'SIGINT'
              ? `\n${sig}: stopping after the current step (again to quit at once)\n`
              : `\n${sig}: checkpointing and stopping after the current step\n`,
          );
          c.abort();
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      }
      return controller.signal;
    },
  };
}
