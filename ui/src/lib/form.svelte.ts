// State shared by every form: field errors from the Rust side, a general error, and busy.
import { asError } from "./api";
import type { ErrorPayload } from "./bindings/ErrorPayload";
import type { Field } from "./bindings/Field";

export class FormState {
  errors: Partial<Record<Field, string>> = $state({});
  general: string | undefined = $state();
  busy = $state(false);

  /** Runs a save; a validation error lands next to its field, anything else above the buttons. */
  async submit<T>(save: () => Promise<T>, onsaved: (value: T) => void): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.errors = {};
    this.general = undefined;
    try {
      onsaved(await save());
    } catch (e) {
      const err: ErrorPayload = asError(e);
      if (err.field) this.errors = { [err.field]: err.message };
      else this.general = err.message;
    } finally {
      this.busy = false;
    }
  }
}
