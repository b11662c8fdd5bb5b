/** The bin (dist/cli/coveo-hub-inspector.mjs): the command line of src/cli/run.ts over the real process. */
import { processIo } from './process-io';
import { run } from './run';

const argv = process.argv.slice(2);
void run(argv, processIo()).then((code) => {
  process.exitCode = code;
  // platform-client may still hold a retry timer after a deadline: org ends now (stdout and stderr are
  // synchronous for files and pipes, so nothing written is lost).
  if (argv[0] === 'org') process.exit(code);
});
