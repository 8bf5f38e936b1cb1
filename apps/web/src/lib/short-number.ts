import type { ShellKey, Translate } from "../i18n";

/**
 * Short amounts for cells and chart axes: "709,2 млн", "1,1 млрд", "85 тыс." ICU's compact
 * notation is missing or odd for Uzbek ("1.1G"), so the unit words come from the dictionaries.
 */
const SCALES = [
  { size: 1e9, key: "short.billion" },
  { size: 1e6, key: "short.million" },
  { size: 1e3, key: "short.thousand" },
] as const;

export function shortNumber(
  t: Translate<ShellKey>,
  format: Intl.NumberFormat,
  value: number,
): string {
  const scale = SCALES.find((item) => Math.abs(value) >= item.size);
  return scale ? t(scale.key, { value: format.format(value / scale.size) }) : format.format(value);
}
