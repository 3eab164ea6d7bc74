-- A plain CREATE INDEX would hold SHARE on orders (writes wait) for the whole build. zdm builds it
-- CONCURRENTLY, a partial index over recent rows first, then the full one, then drops the partial.
-- (The guide's own version computes the partial predicate with NOW(), which PostgreSQL refuses in
-- an index predicate: predicates must be immutable, hence the fixed date here.)
-- @metadata {"progressive": true, "partialIndexWhere": "created_at > '2026-10-01'"}
CREATE INDEX idx_orders_user_date ON orders (user_id, created_at);
