-- The strategy guide's feature flag example, verbatim.
-- Enable feature for percentage of users
INSERT INTO _migration_feature_flags (flag_name, enabled, rollout_percentage)
VALUES ('new_search_algorithm', true, 10);

-- Start with 10%
UPDATE _migration_feature_flags 
SET rollout_percentage = 10 
WHERE flag_name = 'new_search_algorithm';

-- Monitor metrics...

-- Increase to 50%
UPDATE _migration_feature_flags 
SET rollout_percentage = 50 
WHERE flag_name = 'new_search_algorithm';

-- Full rollout
UPDATE _migration_feature_flags 
SET rollout_percentage = 100 
WHERE flag_name = 'new_search_algorithm';
