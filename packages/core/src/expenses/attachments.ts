import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, type TExpense } from "@crm/contracts";
import type { Db } from "@crm/db";
import type { Actor } from "../access";
import { audit } from "../audit";
import { AppError, notFound } from "../errors";
import { checkUpload } from "../file-type";
import { getExpense } from "./expenses";

/**
 * Receipts attached to expenses. The type is read from the file's first bytes, not from what the
 * client says, and the file is kept outside the public media folder under a random name, so it
 * is reached only through the API (with a role that reads expenses).
 */

/** A download name without path separators or control characters. */
function cleanName(name: string | undefined, ext: string): string {
  const base = [...(name ?? "")]
    .filter((char) => char.charCodeAt(0) >= 0x20 && char !== "\u007f" && !"/\\".includes(char))
    .join("")
    .trim()
    .slice(0, 150);
  return base || `receipt.${ext}`;
}

export async function attachReceipt(
  db: Db,
  actor: Actor,
  expenseId: number,
  file: { bytes: Buffer; name?: string },
  dir: string,
): Promise<TExpense> {
  const kind = checkUpload(file.bytes, {
    maxBytes: MAX_ATTACHMENT_BYTES,
    types: ATTACHMENT_TYPES,
    what: "A receipt",
    expected: "Attach a PDF, JPEG or PNG file",
  });
  const current = await db.expense.findUnique({ where: { id: expenseId } });
  if (!current) throw notFound("Expense");
  if (current.voidedAt)
    throw new AppError("CONFLICT", { detail: "A voided expense is not changed" });

  await fs.mkdir(dir, { recursive: true });
  const key = `${randomUUID()}.${kind.ext}`;
  await fs.writeFile(path.join(dir, key), file.bytes, { flag: "wx" });
  const name = cleanName(file.name, kind.ext);
  try {
    await db.$transaction(async (tx) => {
      const updated = await tx.expense.updateMany({
        where: { id: expenseId, voidedAt: null, attachmentKey: current.attachmentKey },
        data: {
          attachmentKey: key,
          attachmentName: name,
          attachmentType: kind.type,
          attachmentSize: file.bytes.length,
        },
      });
      if (updated.count === 0)
        throw new AppError("CONFLICT", { detail: "The expense changed meanwhile; reload" });
      await audit(tx, actor, {
        action: "expense.attachment",
        entityId: expenseId,
        before: current.attachmentKey
          ? {
              name: current.attachmentName ?? "",
              type: current.attachmentType ?? "",
              size: current.attachmentSize ?? 0,
            }
          : null,
        after: { name, type: kind.type, size: file.bytes.length },
      });
    });
  } catch (error) {
    await fs.rm(path.join(dir, key), { force: true });
    throw error;
  }
  if (current.attachmentKey) await fs.rm(path.join(dir, current.attachmentKey), { force: true });
  return getExpense(db, expenseId);
}

/** The stored receipt of an expense: where it is, its type and download name. */
export async function receiptFile(db: Pick<Db, "expense">, expenseId: number, dir: string) {
  const row = await db.expense.findUnique({
    where: { id: expenseId },
    select: { attachmentKey: true, attachmentName: true, attachmentType: true },
  });
  if (!row) throw notFound("Expense");
  if (!row.attachmentKey || !row.attachmentType) throw notFound("Receipt");
  const file = path.join(dir, path.basename(row.attachmentKey));
  try {
    return {
      bytes: await fs.readFile(file),
      type: row.attachmentType,
      name: row.attachmentName ?? "receipt",
    };
  } catch {
    throw notFound("Receipt file");
  }
}
