UPDATE billing.invoices SET amount_cents = ? WHERE id = ?;
UPDATE public.invoices SET note = 'public' WHERE id = ? % 100 + 1 AND ? > 0;
-- @after billing@v2
UPDATE billing.invoices SET amount_cents = s.v, total_cents = s.v FROM (SELECT ?::bigint AS v) s WHERE id = ?;
