-- Step 1 of 3: add the new column and fill it; this release writes both from now on.
ALTER TABLE auth_user ADD COLUMN fullname VARCHAR(100);
UPDATE auth_user SET fullname = full_name WHERE fullname IS NULL;
