INSERT INTO _migration_feature_flags (flag_name, enabled, rollout_percentage)
VALUES ('new_search_algorithm', true, 10);
UPDATE _migration_feature_flags SET rollout_percentage = 10 WHERE flag_name = 'new_search_algorithm';
UPDATE _migration_feature_flags SET rollout_percentage = 50 WHERE flag_name = 'new_search_algorithm';
UPDATE _migration_feature_flags SET rollout_percentage = 100 WHERE flag_name = 'new_search_algorithm';
