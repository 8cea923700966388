-- Meeting materials as uploaded files (platform/files, issue 5): a material of kind 'file' names its stored file.
-- stored_files is created by 0040, which a new database applies after this file, so file_id carries no foreign key;
-- meetings/materials.ts writes and deletes the material and its stored file in one transaction.
ALTER TABLE meeting_materials ADD COLUMN file_id uuid;
ALTER TABLE meeting_materials DROP CONSTRAINT meeting_materials_kind_check;
ALTER TABLE meeting_materials ADD CONSTRAINT meeting_materials_kind_check CHECK (kind IN ('link', 'library', 'file'));
ALTER TABLE meeting_materials ADD CONSTRAINT meeting_materials_file_check CHECK ((kind = 'file') = (file_id IS NOT NULL));
