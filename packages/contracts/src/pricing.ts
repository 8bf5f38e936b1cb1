/**
 * The price policy's arithmetic, shared by the API (which decides) and the SPA (which tells the
 * seller before they submit), so a contract the form calls "within your limit" is never put in
 * line for approval, and the other way round. The limits themselves are settings
 * (`pricing.*`), served to the SPA as the policy settings.
 */

/**
 * Discount from the list price in %, cut (not rounded) to two decimals, so 3.009 % is 3 % and
 * passes a 3 % limit; negative when sold above the list. Exact for any amount within the money
 * bounds (the product is taken in BigInt).
 */
export function discountPct(listPrice: number | bigint, price: number | bigint): number {
  const list = BigInt(listPrice);
  if (list <= 0n) return 0;
  return Number(((list - BigInt(price)) * 10_000n) / list) / 100;
}

/** A discount above the role's limit waits for approval; null: the role has no limit. */
export function needsApproval(discount: number, maxDiscountPct: number | null): boolean {
  return maxDiscountPct !== null && discount > maxDiscountPct;
}

/** The smallest down payment for a price, minor units (the share rounded up). */
export function minDownPayment(price: number, minDownPaymentPct: number): number {
  return Math.ceil((price * minDownPaymentPct) / 100);
}
