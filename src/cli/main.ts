/** The bin (dist/cli/coveo-hub-inspector.mjs): the command line of src/cli/run.ts over the real process. */
import { processIo } from './process-io';
import { run } from './run';

/** Resolves once everything written before to the stream has been handed to the file, pipe or terminal. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    // Writes complete in order: the callback of an empty write comes after every earlier chunk.
    stream.write('', () => resolve());
  });
}

const argv = process.argv.slice(2);
void run(argv, processIo()).then(async (code) => {
  process.exitCode = code;
  // platform-client may still hold a retry timer after a deadline, so every command ends explicitly, but only
  // once stdout and stderr have drained: a pipe takes 64 KiB at once and process.exit would drop the rest.
  await flushed(process.stdout);
  await flushed(process.stderr);
  process.exit(code);
});
