// The reading size chosen in Settings, applied to the whole window (everything is sized in rem).
export const TEXT_SIZES = [
  { value: 100, label: "Vừa" },
  { value: 115, label: "Lớn" },
  { value: 130, label: "Rất lớn" },
  { value: 150, label: "Cực lớn" },
] as const;

const KEY = "chuyende:text-size";

export function currentTextSize(): number {
  const saved = Number(localStorage.getItem(KEY));
  return TEXT_SIZES.some((s) => s.value === saved) ? saved : 100;
}

export function applyTextSize(percent: number): void {
  document.documentElement.style.fontSize = `${(18 * percent) / 100}px`;
  localStorage.setItem(KEY, String(percent));
}
