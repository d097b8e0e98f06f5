// What a screen is doing that may take a while (an export, a print, a backup): shown by
// <Progress> once it takes over half a second.
export class Busy {
  label: string | undefined = $state();

  async run<T>(label: string, work: () => Promise<T>): Promise<T> {
    this.label = label;
    try {
      return await work();
    } finally {
      this.label = undefined;
    }
  }
}
