CREATE SCHEMA billing;
CREATE TABLE billing.invoices (id bigserial PRIMARY KEY, amount_cents bigint NOT NULL, note text);
INSERT INTO billing.invoices (amount_cents, note) SELECT g * 10, 'n' FROM generate_series(1, 5000) g;
CREATE TABLE public.invoices (id bigserial PRIMARY KEY, amount_cents bigint NOT NULL, note text);
INSERT INTO public.invoices (amount_cents, note) SELECT 7, 'public' FROM generate_series(1, 100) g;
ANALYZE;
