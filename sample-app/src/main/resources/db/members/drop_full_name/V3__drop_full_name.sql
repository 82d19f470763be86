-- Step 3 of 3: nothing live reads or writes full_name any more.
ALTER TABLE auth_user DROP COLUMN full_name;
