/** Finding a command on the PATH, as a shell would, without running it. */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The absolute path of an executable file `command` in a PATH-style list, or undefined. */
export function commandOnPath(
  command: string,
  envPath = process.env.PATH ?? '',
): string | undefined {
  for (const dir of envPath.split(path.delimiter).filter((d) => d !== '')) {
    const file = path.join(dir, command);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) {
        return file;
      }
    } catch {
      // not here
    }
  }
  return undefined;
}
