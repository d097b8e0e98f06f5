// Generated from the label() of the Rust types (src-tauri/crates/domain/src/labels.rs) by
// `UPDATE_BINDINGS=1 cargo test -p chuyende-domain --test bindings`: do not edit.
import type { Position } from "./bindings/Position";
import type { Standing } from "./bindings/Standing";
import type { Quarter } from "./bindings/Quarter";
import type { CommentKind } from "./bindings/CommentKind";

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

export const QUARTERS: { value: Quarter; label: string }[] = [
  { value: 1, label: "Quý I" },
  { value: 2, label: "Quý II" },
  { value: 3, label: "Quý III" },
  { value: 4, label: "Quý IV" },
];

export const COMMENT_KINDS: { value: CommentKind; label: string }[] = [
  { value: "understanding", label: "Nhận thức về chuyên đề, tác dụng với bản thân" },
  { value: "contribution", label: "Góp ý hoàn thiện dự thảo" },
  { value: "measure", label: "Đề xuất biện pháp lãnh đạo của chi bộ" },
];
