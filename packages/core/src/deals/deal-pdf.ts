import path from "node:path";
import PDFDocument from "pdfkit";
import type { TDeal } from "@crm/contracts";

export interface CompanyDetails {
  name: string;
  address: string;
  taxId: string;
  bank: string;
  account: string;
  mfo: string;
}

/** "ООО «X», г. Ташкент. ИНН 123456789. Банк: …, р/с …, МФО …" with only what is filled in. */
export function sellerLine(company: CompanyDetails): string {
  const bank = [
    company.bank ? `Банк: ${company.bank}` : "",
    company.account ? `р/с ${company.account}` : "",
    company.mfo ? `МФО ${company.mfo}` : "",
  ].filter(Boolean);
  return [
    `${company.name}, ${company.address}.`,
    `ИНН ${company.taxId}.`,
    bank.length ? `${bank.join(", ")}.` : "",
  ]
    .filter(Boolean)
    .join(" ");
}

// DejaVu covers Cyrillic and Uzbek Latin; it ships as an npm package, so no system font is needed.
const FONT_DIR = path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
const REGULAR = path.join(FONT_DIR, "DejaVuSans.ttf");
const BOLD = path.join(FONT_DIR, "DejaVuSans-Bold.ttf");

const money = (minor: number, currency: string) =>
  `${(minor / 100).toLocaleString("ru-RU", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;
const day = (iso: string | null) =>
  iso ? new Date(iso).toLocaleDateString("ru-RU", { timeZone: "Asia/Tashkent" }) : "—";

/** The contract document from a fixed template: parties, flat, price, terms and the schedule. */
export function renderDealPdf(
  deal: TDeal,
  complexName: string,
  company: CompanyDetails,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: 50,
    info: { Title: `Договор ${deal.number}` },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) =>
    doc.on("end", () => resolve(Buffer.concat(chunks))),
  );

  doc.font(BOLD).fontSize(16).text(`ДОГОВОР КУПЛИ-ПРОДАЖИ № ${deal.number}`, { align: "center" });
  doc
    .moveDown(0.3)
    .font(REGULAR)
    .fontSize(10)
    .text(`г. Ташкент, ${day(deal.signedAt ?? deal.createdAt)}`, { align: "center" });
  doc.moveDown();
  doc.font(BOLD).fontSize(11).text("Продавец");
  doc.font(REGULAR).fontSize(10).text(sellerLine(company));
  doc.moveDown(0.5).font(BOLD).fontSize(11).text("Покупатель");
  doc.font(REGULAR).fontSize(10).text(`${deal.buyer.fullName}, тел. ${deal.buyer.phone}`);
  doc.moveDown(0.5).font(BOLD).fontSize(11).text("Предмет договора");
  doc
    .font(REGULAR)
    .fontSize(10)
    .text(
      `Квартира № ${deal.apartment.number}, блок ${deal.apartment.block}, ${complexName}, площадь ${deal.apartment.area} м².`,
    );
  doc.moveDown(0.5).font(BOLD).fontSize(11).text("Цена и порядок оплаты");
  doc
    .font(REGULAR)
    .fontSize(10)
    .text(
      `Цена: ${money(deal.price, deal.currency)}. Первоначальный взнос: ${money(deal.downPayment, deal.currency)}. ` +
        (deal.installmentMonths > 0
          ? `Рассрочка: ${deal.installmentMonths} мес.`
          : "Оплата единовременно.") +
        (deal.fixedUzsRate ? ` Курс фиксирован: 1 USD = ${money(deal.fixedUzsRate, "UZS")}.` : ""),
    );
  doc.moveDown();
  doc.font(BOLD).fontSize(11).text("График платежей");
  doc.moveDown(0.3);
  const columns = [50, 90, 230, 380];
  const row = (cells: string[], font: string) => {
    const y = doc.y;
    doc.font(font).fontSize(9);
    cells.forEach((cell, i) =>
      doc.text(cell, columns[i]!, y, { width: (columns[i + 1] ?? 545) - columns[i]! - 6 }),
    );
    doc.moveDown(0.2);
    if (doc.y > 770) doc.addPage();
  };
  row(["№", "Срок", "Сумма", "Оплачено"], BOLD);
  for (const payment of deal.schedule) {
    row(
      [
        payment.seq === 0 ? "Взнос" : String(payment.seq),
        day(payment.dueDate),
        money(payment.amount, payment.currency),
        payment.paidAmount ? money(payment.paidAmount, payment.currency) : "—",
      ],
      REGULAR,
    );
  }
  doc.moveDown(2).font(REGULAR).fontSize(10);
  doc.text("Продавец: ____________________", 50, doc.y, { continued: false });
  doc.moveDown();
  doc.text("Покупатель: ____________________");
  doc.end();
  return done;
}
