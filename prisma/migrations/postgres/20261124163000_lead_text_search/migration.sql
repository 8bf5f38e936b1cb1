-- Hand-written (Prisma does not model trigram indexes): "contains" search on
-- "Lead"."searchText" uses a pg_trgm GIN index instead of scanning every lead.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Lead_searchText_trgm_idx" ON "Lead" USING gin ("searchText" gin_trgm_ops);
