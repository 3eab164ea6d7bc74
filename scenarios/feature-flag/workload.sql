UPDATE "Searches" SET "Algorithm" = CASE WHEN zdm.check_feature_flag('new_search_algorithm', "UserId"::text) THEN 'new' ELSE 'old' END WHERE id = ? AND ? > 0;
