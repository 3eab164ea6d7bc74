ALTER TABLE "Orders" ADD CONSTRAINT "Orders_TwinId_fkey" FOREIGN KEY ("TwinId") REFERENCES "Twin" (id);
ALTER TABLE "Orders" ADD CONSTRAINT "Orders_Total_check" CHECK ("Total" > 0);
ALTER TABLE "Twin" ADD CONSTRAINT "Twin_Email_key" UNIQUE ("Email");
