import { buyers } from "@crm/core";
import type { Telegraf } from "telegraf";
import type { BotContext, BotServices } from "../context";
import { formatMoney } from "../format";
import { BUTTONS } from "../i18n";
import { contactKeyboard, mainKeyboard } from "../keyboards";
import { telegramTexts } from "@crm/core";

/** A buyer's contracts by their proven phone: price, paid, left, next instalment, overdue. */
export async function replyContracts(ctx: BotContext, services: BotServices, phone: string) {
  const contracts = await buyers.buyerContracts(services.db, phone);
  if (!contracts.length) {
    await ctx.reply(ctx.t.contractNone, mainKeyboard());
    return;
  }
  const money = (amount: bigint, currency: "UZS" | "USD") =>
    formatMoney(amount, currency, ctx.lang);
  const day = telegramTexts.dayText;
  for (const contract of contracts) {
    await ctx.reply(
      ctx.t.contract({
        number: contract.number,
        complexName: contract.complexName,
        flatNumber: contract.flatNumber,
        price: money(contract.price, contract.currency),
        paid: money(contract.paid, contract.currency),
        outstanding: money(contract.outstanding, contract.currency),
        next: contract.nextInstalment && {
          date: day(contract.nextInstalment.dueDate),
          amount: money(contract.nextInstalment.amount, contract.currency),
        },
        overdue: contract.overdue && {
          count: contract.overdue.count,
          amount: money(contract.overdue.amount, contract.currency),
          since: day(contract.overdue.since),
        },
      }),
      mainKeyboard(),
    );
  }
}

/** /contract: the proven phone if the user shared it before, else the contact button first. */
export function registerContract(bot: Telegraf<BotContext>, services: BotServices) {
  const contract = async (ctx: BotContext) => {
    if (!ctx.chat) return;
    if (ctx.chat.type !== "private") return ctx.reply(ctx.t.privateOnly);
    const phone = ctx.profile?.verifiedPhone;
    if (phone) return replyContracts(ctx, services, phone);
    await services.conversations.set(ctx.chat.id, { step: "buyer-phone" });
    await ctx.reply(ctx.t.askContact, contactKeyboard(ctx));
  };
  bot.command("contract", contract);
  bot.hears(BUTTONS.contract, contract);
}
