/** Lets a caller await a condition on a service's state: `notify()` after each change, `waitFor()` re-probes. */
export function createChangeSignal() {
  const listeners = new Set<() => void>();
  return {
    notify(): void {
      for (const listener of [...listeners]) listener();
    },
    waitFor<T>(probe: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = probe();
          if (found === undefined) return;
          stop();
          resolve(found);
        };
        const timer = setTimeout(() => {
          stop();
          reject(new Error(`Timed out after ${timeoutMs} ms: ${describe()}`));
        }, timeoutMs);
        const stop = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
  };
}
