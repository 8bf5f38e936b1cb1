-- CreateIndex
CREATE INDEX "Apartment_status_price_id_idx" ON "Apartment"("status", "price", "id");

