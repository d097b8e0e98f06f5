// How values are shown to people: Vietnamese labels, dates as 06/06/2024.
import type { Position } from "./bindings/Position";
import type { Standing } from "./bindings/Standing";
import type { Quarter } from "./bindings/Quarter";

export const POSITIONS: { value: Position; label: string }[] = [
  { value: "secretary", label: "Bí thư" },
  { value: "deputy_secretary", label: "Phó Bí thư" },
  { value: "committee_member", label: "Cấp ủy viên" },
  { value: "member", label: "Đảng viên" },
];

export const STANDINGS: { value: Standing; label: string }[] = [
  { value: "full", label: "Chính thức" },
  { value: "probationary", label: "Dự bị" },
];

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

export const QUARTERS: { value: Quarter; label: string }[] = [
  { value: 1, label: "Quý I" },
  { value: 2, label: "Quý II" },
  { value: 3, label: "Quý III" },
  { value: 4, label: "Quý IV" },
];
export const quarterLabel = (q: Quarter) => QUARTERS[q - 1].label;

/** "2026-11-25T09:15:00+07:00" → "25/11/2026 09:15". */
export function formatDateTime(rfc3339: string): string {
  const [date, time = ""] = rfc3339.split("T");
  return `${formatDate(date)} ${time.slice(0, 5)}`.trim();
}

import type { CommentKind } from "./bindings/CommentKind";
export const COMMENT_KINDS: { value: CommentKind; key: string; label: string }[] = [
  { value: "understanding", key: "1", label: "Nhận thức về chuyên đề, tác dụng với bản thân" },
  { value: "contribution", key: "2", label: "Góp ý hoàn thiện dự thảo" },
  { value: "measure", key: "3", label: "Đề xuất biện pháp lãnh đạo của chi bộ" },
];
export const commentKindLabel = (k: CommentKind) => COMMENT_KINDS.find((x) => x.value === k)?.label ?? k;

/** "14:00:00" → "14:00". */
export const formatTime = (t: string | null | undefined) => (t ? t.slice(0, 5) : "");
