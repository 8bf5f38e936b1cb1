/**
 * Strings of the inventory (complexes, шахматка), deals and finance features, kept in their own
 * files and spread into each language's dictionary.
 */
import { dealsEn } from "./deals.en";
import { dealsRu } from "./deals.ru";
import { dealsUz } from "./deals.uz";
import { financeEn } from "./finance.en";
import { financeRu } from "./finance.ru";
import { financeUz } from "./finance.uz";
import { inventoryEn } from "./inventory.en";
import { inventoryRu } from "./inventory.ru";
import { inventoryUz } from "./inventory.uz";

export const salesEn = { ...inventoryEn, ...dealsEn, ...financeEn } as const;
export const salesRu = { ...inventoryRu, ...dealsRu, ...financeRu };
export const salesUz = { ...inventoryUz, ...dealsUz, ...financeUz };
