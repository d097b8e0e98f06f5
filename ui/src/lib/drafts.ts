// What a person typed into a form and has not saved yet, kept until it is saved: closing a
// dialog by mistake (or the app) must not throw their typing away.
const PREFIX = "chuyende:draft:";

export function loadDraft<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    return raw ? { ...fallback, ...(JSON.parse(raw) as Partial<T>) } : fallback;
  } catch {
    return fallback;
  }
}

export function saveDraft<T>(key: string, value: T): void {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage full or unavailable: the form still works, only the safety net is gone.
  }
}

export function clearDraft(key: string): void {
  localStorage.removeItem(PREFIX + key);
}
