-- Release 3 no longer needs the rating: release 2 stopped reading it.
ALTER TABLE product DROP COLUMN rating;
