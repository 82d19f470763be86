-- The hasty way: one release renames the column under the feet of the one still running.
ALTER TABLE auth_user RENAME COLUMN full_name TO fullname;
