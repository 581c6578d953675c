-- The interface language an account chose (one of the six UN languages), so the choice follows the
-- account to every device. NULL until the user chooses: the browser's preferred language applies.
ALTER TABLE users ADD COLUMN locale TEXT CHECK (locale IN ('ar', 'zh', 'en', 'fr', 'ru', 'es'));
