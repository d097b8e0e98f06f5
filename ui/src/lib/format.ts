// How values are shown to people: Vietnamese labels, dates as 06/06/2024.
// The labels themselves come from the Rust types (./labels.ts is generated from them).
import type { Position } from "./bindings/Position";
import type { Standing } from "./bindings/Standing";
import type { Quarter } from "./bindings/Quarter";
import type { CommentKind } from "./bindings/CommentKind";
import { COMMENT_KINDS, POSITIONS, QUARTERS, STANDINGS } from "./labels";

export { COMMENT_KINDS, POSITIONS, QUARTERS, STANDINGS };

export const positionLabel = (p: Position) => POSITIONS.find((x) => x.value === p)?.label ?? p;
export const standingLabel = (s: Standing) => STANDINGS.find((x) => x.value === s)?.label ?? s;

/** "2024-06-06" → "06/06/2024". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

/** Today as the "YYYY-MM-DD" a date input and the Rust side expect, in local time. */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export const quarterLabel = (q: Quarter) => QUARTERS.find((x) => x.value === q)?.label ?? String(q);

/** "2026-11-25T09:15:00+07:00" → "25/11/2026 09:15". */
export function formatDateTime(rfc3339: string): string {
  const [date, time = ""] = rfc3339.split("T");
  return `${formatDate(date)} ${time.slice(0, 5)}`.trim();
}

export const commentKindLabel = (k: CommentKind) => COMMENT_KINDS.find((x) => x.value === k)?.label ?? k;

/** "14:00:00" → "14:00". */
export const formatTime = (t: string | null | undefined) => (t ? t.slice(0, 5) : "");

/** A date as typed, dd/mm/yyyy (also d/m/yyyy, with "." or "-"): its "YYYY-MM-DD", or why it
 *  is not a date, in words for people. Whatever the system's locale, dates are day first. */
export function parseDate(text: string): { iso: string } | { message: string } {
  const t = text.trim();
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (!m) return { message: `Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 06/06/2024.` };
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12) return { message: `Không có tháng ${mo}: tháng từ 1 đến 12.` };
  const days = new Date(y, mo, 0).getDate();
  if (d < 1 || d > days) {
    return { message: `Ngày ${t} không có thật: tháng ${mo} năm ${y} chỉ có ${days} ngày.` };
  }
  const pad = (n: number) => String(n).padStart(2, "0");
  return { iso: `${y}-${pad(mo)}-${pad(d)}` };
}

/** A count as Vietnamese writes it: thousands set off by dots (2.000 đảng viên). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}
