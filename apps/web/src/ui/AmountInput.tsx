import type { ChangeEvent, ComponentProps, KeyboardEvent } from "react";
import { amountParts, formatAmountText } from "../lib/format";
import { TextField } from "./Field";

type AmountInputProps = Omit<ComponentProps<typeof TextField>, "type" | "inputMode" | "value"> & {
  /** The field's text; shown grouped whatever it holds ("650000000" reads "650 000 000"). */
  value: string;
};

/** Digits and the decimal separator of an amount's text: what the caret is placed among. */
function significantBefore(text: string, caret: number): number {
  const parts = amountParts(text);
  const head = text.slice(0, caret);
  const digits = head.replace(/\D/g, "").length;
  if (!parts?.separator) return digits;
  const decimalAt = Math.max(text.lastIndexOf("."), text.lastIndexOf(","));
  return digits + (decimalAt >= 0 && decimalAt < caret ? 1 : 0);
}

/** Where the caret goes in the grouped text: after the same count of digits (and separator). */
function caretAfter(formatted: string, significant: number): number {
  if (significant === 0) return 0;
  let seen = 0;
  for (let index = 0; index < formatted.length; index += 1) {
    if (/[\d.,]/.test(formatted[index]!)) seen += 1;
    if (seen === significant) return index + 1;
  }
  return formatted.length;
}

/**
 * A money field: digits are grouped by threes with spaces as they are typed ("650 000 000"),
 * pasted "650 000 000" or "650,000,000.50" is read as one amount, and the caret stays after the
 * digit it followed. The form gets the grouped text, which `parseMoneyInput` turns into minor
 * units; text that is not an amount is left as typed, for the form to call invalid.
 */
export function AmountInput({ value, onChange, onKeyDown, ...field }: AmountInputProps) {
  const change = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const text = input.value;
    const formatted = formatAmountText(text);
    const position = caretAfter(
      formatted,
      significantBefore(text, input.selectionStart ?? text.length),
    );
    input.value = formatted;
    input.setSelectionRange(position, position);
    onChange?.(event);
  };
  // Deleting next to a group space deletes the digit beyond it, not the space (which returns).
  const keyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    onKeyDown?.(event);
    const input = event.currentTarget;
    const caret = input.selectionStart;
    if (event.defaultPrevented || caret === null || caret !== input.selectionEnd) return;
    const text = input.value;
    const back = event.key === "Backspace" && text[caret - 1] === " ";
    const forward = event.key === "Delete" && text[caret] === " ";
    if (!back && !forward) return;
    event.preventDefault();
    const at = back ? caret - 2 : caret + 1;
    if (at < 0 || at >= text.length) return;
    // Through the element's own setter and an input event, so React sees the change as typed.
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set?.call(
      input,
      text.slice(0, at) + text.slice(at + 1),
    );
    input.setSelectionRange(back ? at : caret, back ? at : caret);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  };
  return (
    <TextField
      {...field}
      type="text"
      inputMode="decimal"
      autoComplete={field.autoComplete ?? "off"}
      value={formatAmountText(value)}
      onChange={change}
      onKeyDown={keyDown}
    />
  );
}
