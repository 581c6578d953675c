-- A revision's note: what the facilitator says of it when issuing it ("after the second reading").
ALTER TABLE revisions ADD COLUMN note TEXT NOT NULL DEFAULT '';
