import type { TLandingLanguage, TPublicComplex, TPublicFlat } from "@crm/contracts";

/**
 * The landing page of a complex, rendered on the server from the cached public JSON: plain
 * HTML and CSS, no script (the CSP forbids inline ones and none is needed), so it is read whole
 * by search engines and paints at once on a phone. See docs/decisions/013-landing-pages-and-instagram.md.
 */
export interface LandingFilters {
  rooms?: number;
  floorMin?: number;
  floorMax?: number;
  /** Major units (sum, dollars), as a visitor types them. */
  priceMax?: number;
  areaMin?: number;
  areaMax?: number;
}

const TEXT = {
  ru: {
    notFound: "Комплекс не найден",
    notFoundHint: "Ссылка устарела или комплекс ещё не опубликован.",
    flats: "Свободные квартиры",
    filters: "Подбор",
    rooms: "Комнат",
    any: "Любое",
    floorFrom: "Этаж от",
    floorTo: "Этаж до",
    priceTo: "Цена до",
    areaFrom: "Площадь от, м²",
    areaTo: "Площадь до, м²",
    apply: "Показать",
    reset: "Сбросить",
    found: (n: number) => `Найдено квартир: ${n}`,
    none: "Под эти условия свободных квартир нет.",
    block: "Блок",
    floor: "Этаж",
    number: "Кв.",
    area: "Площадь",
    price: "Цена",
    perM2: "за м²",
    plan: "Планировка",
    roomsShort: (n: number) => `${n}-комн.`,
    request: "Оставить заявку",
    requestHint: "Менеджер перезвонит и ответит на вопросы.",
    name: "Ваше имя",
    phone: "Телефон",
    flat: "Квартира",
    anyFlat: "Любая",
    consent: "Согласен на обработку персональных данных и звонок менеджера",
    send: "Отправить",
    sent: "Спасибо! Заявка принята, мы скоро позвоним.",
    limited: "Слишком много заявок с этого адреса. Попробуйте позже.",
    errName: "Укажите имя",
    errPhone: "Номер не похож на телефон: например +998 90 123 45 67",
    errConsent: "Нужно согласие",
    photos: "Фото",
    plans: "Планировки",
    language: "Язык",
  },
  uz: {
    notFound: "Majmua topilmadi",
    notFoundHint: "Havola eskirgan yoki majmua hali e'lon qilinmagan.",
    flats: "Bo'sh xonadonlar",
    filters: "Tanlash",
    rooms: "Xonalar",
    any: "Istalgan",
    floorFrom: "Qavat (dan)",
    floorTo: "Qavat (gacha)",
    priceTo: "Narx (gacha)",
    areaFrom: "Maydon (dan), m²",
    areaTo: "Maydon (gacha), m²",
    apply: "Ko'rsatish",
    reset: "Tozalash",
    found: (n: number) => `Topilgan xonadonlar: ${n}`,
    none: "Bu shartlarga mos bo'sh xonadon yo'q.",
    block: "Blok",
    floor: "Qavat",
    number: "Xonadon",
    area: "Maydon",
    price: "Narx",
    perM2: "1 m² uchun",
    plan: "Reja",
    roomsShort: (n: number) => `${n} xonali`,
    request: "Ariza qoldirish",
    requestHint: "Menejer qo'ng'iroq qilib, savollaringizga javob beradi.",
    name: "Ismingiz",
    phone: "Telefon",
    flat: "Xonadon",
    anyFlat: "Istalgan",
    consent: "Shaxsiy ma'lumotlarimni qayta ishlashga va menejer qo'ng'irog'iga roziman",
    send: "Yuborish",
    sent: "Rahmat! Arizangiz qabul qilindi, tez orada qo'ng'iroq qilamiz.",
    limited: "Bu manzildan arizalar juda ko'p. Keyinroq urinib ko'ring.",
    errName: "Ismingizni yozing",
    errPhone: "Telefon raqami noto'g'ri: masalan +998 90 123 45 67",
    errConsent: "Rozilik kerak",
    photos: "Rasmlar",
    plans: "Rejalar",
    language: "Til",
  },
} as const;

export function pickLanguage(query: unknown, acceptLanguage: string | undefined): TLandingLanguage {
  if (query === "uz" || query === "ru") return query;
  return /^\s*uz\b/i.test(acceptLanguage ?? "") ? "uz" : "ru";
}

const escapeHtml = (value: unknown) =>
  String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

function money(minor: number, currency: string, lang: TLandingLanguage) {
  const major = Math.round(minor / 100);
  const formatted = new Intl.NumberFormat(lang === "uz" ? "uz-Latn-UZ" : "ru-RU", {
    maximumFractionDigits: 0,
  }).format(major);
  return currency === "USD" ? `$${formatted}` : `${formatted} ${lang === "uz" ? "so'm" : "сум"}`;
}

export function applyFilters(flats: readonly TPublicFlat[], filters: LandingFilters) {
  return flats.filter(
    (flat) =>
      (filters.rooms === undefined || flat.rooms === filters.rooms) &&
      (filters.floorMin === undefined || flat.floor >= filters.floorMin) &&
      (filters.floorMax === undefined || flat.floor <= filters.floorMax) &&
      (filters.priceMax === undefined || flat.price <= filters.priceMax * 100) &&
      (filters.areaMin === undefined || flat.area >= filters.areaMin) &&
      (filters.areaMax === undefined || flat.area <= filters.areaMax),
  );
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f5f6f8}
header,main,footer{max-width:1120px;margin:0 auto;padding:0 16px}
header{display:flex;flex-wrap:wrap;gap:8px;align-items:baseline;justify-content:space-between;padding-top:20px}
h1{margin:0;font-size:1.8rem;overflow-wrap:anywhere}
h2{font-size:1.3rem;margin:28px 0 12px}
.muted{color:#5b6470}
.lang a{margin-left:8px;color:#1456c8}
.lang a[aria-current]{font-weight:700;color:#1b1f24;text-decoration:none}
.description{white-space:pre-line;max-width:72ch}
.gallery{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:10px}
.gallery img{width:100%;height:auto;border-radius:8px;display:block;background:#dde1e6}
.gallery figure{margin:0}.gallery figcaption{margin-top:4px;color:#5b6470;font-size:14px}
form.filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:10px;align-items:end;background:#fff;padding:14px;border-radius:10px}
label{display:flex;flex-direction:column;gap:4px;font-size:.9rem;min-width:0}
input,select,button{font:inherit;padding:9px 10px;border:1px solid #c5ccd5;border-radius:8px;min-width:0;width:100%;background:#fff}
button{background:#1456c8;color:#fff;border-color:#1456c8;cursor:pointer;font-weight:600}
a.reset{align-self:center;color:#1456c8}
.flats{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:10px;list-style:none;padding:0}
.flat{background:#fff;border-radius:10px;padding:14px;display:flex;flex-direction:column;gap:4px}
.flat .price{font-size:1.15rem;font-weight:700}
.flat img{width:100%;height:auto;border-radius:6px}
section.request{background:#fff;border-radius:10px;padding:16px;margin:28px 0}
section.request form{display:grid;gap:12px;max-width:480px}
label.check{flex-direction:row;align-items:flex-start;gap:8px}
label.check input{width:auto;margin-top:3px}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.error{color:#b42318;font-size:.85rem}
.notice{padding:12px 14px;border-radius:8px;background:#e7f6ec;color:#14532d}
.notice.bad{background:#fdecea;color:#7a1d14}
footer{padding:24px 16px;color:#5b6470;font-size:.85rem}
`;

function page(lang: TLandingLanguage, title: string, description: string, body: string) {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<meta name="description" content="${escapeHtml(description.slice(0, 160))}">
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>`;
}

export interface RenderOptions {
  lang: TLandingLanguage;
  filters?: LandingFilters;
  sent?: boolean;
  limited?: boolean;
  /** Fields of the request form that were refused (name, phone, consent). */
  errors?: ReadonlySet<string>;
  values?: Record<string, unknown>;
}

export function renderLandingPage(complex: TPublicComplex | null, options: RenderOptions): string {
  const { lang } = options;
  const t = TEXT[lang];
  if (!complex) {
    return page(
      lang,
      t.notFound,
      t.notFound,
      `<main><h1>${t.notFound}</h1><p class="muted">${t.notFoundHint}</p></main>`,
    );
  }
  const filters = options.filters ?? {};
  const flats = applyFilters(complex.flats, filters);
  const base = `/c/${encodeURIComponent(complex.slug)}`;
  const errors = options.errors ?? new Set<string>();
  const values = options.values ?? {};
  const roomOptions = [...new Set(complex.flats.map((flat) => flat.rooms))].sort((a, b) => a - b);
  const numberInput = (name: keyof LandingFilters, label: string, step = "1") =>
    `<label>${label}<input type="number" inputmode="numeric" min="0" step="${step}" name="${name}" value="${filters[name] ?? ""}"></label>`;

  const photos = complex.media.filter((item) => item.kind === "PHOTO");
  const gallery = photos.length
    ? `<h2>${t.photos}</h2><div class="gallery">${photos
        .map(
          (item, index) =>
            `<img src="${escapeHtml(item.url)}" width="${item.width}" height="${item.height}" alt="${escapeHtml(complex.name)} ${index + 1}" ${index > 1 ? 'loading="lazy"' : ""}>`,
        )
        .join("")}</div>`
    : "";

  // One plan per layout (the first uploaded), as the flats' cards show it.
  const plansByRooms = new Map<number, TPublicComplex["media"][number]>();
  for (const item of complex.media) {
    if (item.kind === "PLAN" && item.rooms !== null && !plansByRooms.has(item.rooms))
      plansByRooms.set(item.rooms, item);
  }
  const planImage = (item: { url: string; width: number; height: number }, rooms: number) =>
    `<img src="${escapeHtml(item.url)}" width="${item.width}" height="${item.height}" alt="${t.plan} ${t.roomsShort(rooms)}" loading="lazy">`;
  const plans = plansByRooms.size
    ? `<h2>${t.plans}</h2><div class="gallery">${[...plansByRooms]
        .sort(([a], [b]) => a - b)
        .map(
          ([rooms, item]) =>
            `<figure>${planImage(item, rooms)}<figcaption>${t.roomsShort(rooms)}</figcaption></figure>`,
        )
        .join("")}</div>`
    : "";
  const planByUrl = new Map([...plansByRooms.values()].map((item) => [item.url, item]));

  const cards = flats
    .map(
      (flat) => `<li class="flat">
<div class="price">${money(flat.price, complex.currency, lang)}</div>
<div class="muted">${money(flat.pricePerM2, complex.currency, lang)} ${t.perM2}</div>
<div>${t.roomsShort(flat.rooms)} · ${flat.area} м² · ${t.floor} ${flat.floor}</div>
<div class="muted">${t.block} ${escapeHtml(flat.block)}, ${t.number} ${escapeHtml(flat.number)}</div>
${flat.planUrl && planByUrl.has(flat.planUrl) ? planImage(planByUrl.get(flat.planUrl)!, flat.rooms) : ""}
</li>`,
    )
    .join("");

  const fieldError = (name: string, message: string) =>
    errors.has(name) ? `<span class="error" id="${name}-error">${message}</span>` : "";
  const notice = options.sent
    ? `<p class="notice" role="status">${t.sent}</p>`
    : options.limited
      ? `<p class="notice bad" role="alert">${t.limited}</p>`
      : "";
  const selectedFlat = String(values.flatId ?? "");
  const flatOptions = complex.flats
    .slice(0, 300)
    .map(
      (flat) =>
        `<option value="${flat.id}"${selectedFlat === String(flat.id) ? " selected" : ""}>${escapeHtml(flat.block)}-${escapeHtml(flat.number)} · ${t.roomsShort(flat.rooms)} · ${flat.area} м²</option>`,
    )
    .join("");

  const body = `<header>
<div><h1>${escapeHtml(complex.name)}</h1><div class="muted">${escapeHtml(complex.city)}${complex.address ? `, ${escapeHtml(complex.address)}` : ""}</div></div>
<nav class="lang" aria-label="${t.language}"><a href="${base}?lang=ru"${lang === "ru" ? ' aria-current="true"' : ""}>Русский</a><a href="${base}?lang=uz"${lang === "uz" ? ' aria-current="true"' : ""}>O'zbekcha</a></nav>
</header>
<main>
${complex.description ? `<p class="description">${escapeHtml(complex.description)}</p>` : ""}
${gallery}
${plans}
<h2 id="flats">${t.flats}</h2>
<form class="filters" method="get" action="${base}#flats" aria-label="${t.filters}">
<input type="hidden" name="lang" value="${lang}">
<label>${t.rooms}<select name="rooms"><option value="">${t.any}</option>${roomOptions
    .map(
      (rooms) =>
        `<option value="${rooms}"${filters.rooms === rooms ? " selected" : ""}>${rooms}</option>`,
    )
    .join("")}</select></label>
${numberInput("floorMin", t.floorFrom)}
${numberInput("floorMax", t.floorTo)}
${numberInput("priceMax", `${t.priceTo}, ${complex.currency === "USD" ? "$" : lang === "uz" ? "so'm" : "сум"}`)}
${numberInput("areaMin", t.areaFrom, "any")}
${numberInput("areaMax", t.areaTo, "any")}
<button type="submit">${t.apply}</button>
<a class="reset" href="${base}?lang=${lang}#flats">${t.reset}</a>
</form>
<p class="muted" role="status" data-testid="found">${t.found(flats.length)}</p>
${flats.length ? `<ul class="flats">${cards}</ul>` : `<p>${t.none}</p>`}
<section class="request" id="request" aria-labelledby="request-title">
<h2 id="request-title">${t.request}</h2>
<p class="muted">${t.requestHint}</p>
${notice}
<form method="post" action="${base}">
<input type="hidden" name="lang" value="${lang}">
<label>${t.name}<input name="name" autocomplete="name" maxlength="200" required value="${escapeHtml(values.name)}"${errors.has("name") ? ' aria-invalid="true" aria-describedby="name-error"' : ""}>${fieldError("name", t.errName)}</label>
<label>${t.phone}<input name="phone" type="tel" autocomplete="tel" inputmode="tel" maxlength="32" required placeholder="+998 90 123 45 67" value="${escapeHtml(values.phone)}"${errors.has("phone") ? ' aria-invalid="true" aria-describedby="phone-error"' : ""}>${fieldError("phone", t.errPhone)}</label>
<label>${t.flat}<select name="flatId"><option value="">${t.anyFlat}</option>${flatOptions}</select></label>
<div class="hp" aria-hidden="true"><label>Website<input name="website" tabindex="-1" autocomplete="off"></label></div>
<label class="check"><input type="checkbox" name="consent" required${errors.has("consent") ? ' aria-invalid="true"' : ""}><span>${t.consent}</span></label>${fieldError("consent", t.errConsent)}
<button type="submit">${t.send}</button>
</form>
</section>
</main>
<footer>${escapeHtml(complex.name)}</footer>`;
  return page(lang, `${complex.name} — ${complex.city}`, complex.description || complex.name, body);
}
