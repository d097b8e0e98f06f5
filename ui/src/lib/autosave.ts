// Saves what is typed on every change, in order, never two saves at once, and always the
// latest value last: typing fast must not let an older save land after a newer one.
export function autosaver(save: (value: string) => Promise<unknown>, onerror: (e: unknown) => void) {
  let running = false;
  let pending: string | undefined;
  async function run() {
    running = true;
    while (pending !== undefined) {
      const value = pending;
      pending = undefined;
      try {
        await save(value);
      } catch (e) {
        onerror(e);
      }
    }
    running = false;
  }
  return (value: string) => {
    pending = value;
    if (!running) run();
  };
}
