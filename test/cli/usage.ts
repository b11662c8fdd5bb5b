import { expect } from 'vitest';

/** The one-line message of the usage error `parse` throws; fails the test when it throws none, or another error. */
export function usageMessage(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    expect((error as Error).name).toBe('UsageError');
    return (error as Error).message;
  }
  throw new Error('no usage error');
}
