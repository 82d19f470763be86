ALTER TABLE product DROP COLUMN rating;
