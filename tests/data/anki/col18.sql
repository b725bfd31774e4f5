-- A schema 18 Anki collection (the tables of Anki's schema11.sql with
-- its upgrade scripts schema14_upgrade.sql to schema18_upgrade.sql: note
-- types, fields, templates and decks in tables of their own, their
-- settings as protocol buffers), filled by hand.  A note type's config
-- holds its kind as field 1 (1: cloze); a template's config its front and
-- back as fields 1 and 2 (strings: tag 10 and 18, then the length).
-- Deck names separate their levels with 0x1F.  The names lack Anki's own
-- collation (unicase), which the shell does not have.  tools/ref/make-packages.sh
-- compresses it with zstd as the collection.anki21b of col18.colpkg.
-- Read after tables.sql, which holds the tables it shares with col11.sql.
CREATE TABLE notetypes (id integer NOT NULL PRIMARY KEY,
  name text NOT NULL, mtime_secs integer NOT NULL,
  usn integer NOT NULL, config blob NOT NULL);
CREATE TABLE fields (ntid integer NOT NULL, ord integer NOT NULL,
  name text NOT NULL, config blob NOT NULL,
  PRIMARY KEY (ntid, ord)) WITHOUT ROWID;
CREATE TABLE templates (ntid integer NOT NULL, ord integer NOT NULL,
  name text NOT NULL, mtime_secs integer NOT NULL,
  usn integer NOT NULL, config blob NOT NULL,
  PRIMARY KEY (ntid, ord)) WITHOUT ROWID;
CREATE TABLE decks (id integer PRIMARY KEY NOT NULL,
  name text NOT NULL, mtime_secs integer NOT NULL,
  usn integer NOT NULL, common blob NOT NULL, kind blob NOT NULL);

INSERT INTO col VALUES (1, 1767225600, 0, 0, 18, 0, 0, 0, '', '', '', '', '');

INSERT INTO notetypes VALUES
 (1001, 'Basic (and reversed card)', 0, 0, X''),
 (1002, 'Cloze', 0, 0, X'0801');
INSERT INTO fields VALUES
 (1001, 0, 'Front', X''), (1001, 1, 'Back', X''),
 (1002, 0, 'Text', X''), (1002, 1, 'Back Extra', X'');
INSERT INTO templates VALUES
 (1001, 0, 'Card 1', 0, 0, CAST(char(10, length('{{Front}}')) || '{{Front}}'
   || char(18, length('{{FrontSide}}<hr id=answer>{{Back}}'))
   || '{{FrontSide}}<hr id=answer>{{Back}}' AS BLOB)),
 (1001, 1, 'Card 2', 0, 0, CAST(char(10, length('{{Back}}')) || '{{Back}}'
   || char(18, length('{{FrontSide}}<hr id=answer>{{Front}}'))
   || '{{FrontSide}}<hr id=answer>{{Front}}' AS BLOB)),
 (1002, 0, 'Cloze', 0, 0, CAST(char(10, length('{{cloze:Text}}'))
   || '{{cloze:Text}}' || char(18, length('{{cloze:Text}}<br>{{Back Extra}}'))
   || '{{cloze:Text}}<br>{{Back Extra}}' AS BLOB));
INSERT INTO decks VALUES
 (1, 'Default', 0, 0, X'', X''),
 (3001, 'Spanish' || char(31) || 'Verbs', 0, 0, X'', X'');

INSERT INTO notes VALUES
 (21, 'es-1', 1001, 0, 0, ' spanish ', 'hablar' || char(31) || 'to speak', '', 0, 0, ''),
 (22, 'es-2', 1002, 0, 0, '', 'Yo {{c1::hablo}} español' || char(31) || '', '', 0, 0, '');

INSERT INTO cards VALUES
 (501, 21, 3001, 0, 0, 0, 2, 2, 0, 3, 2500, 2, 0, 0, 0, 0, 0, ''),
 (502, 21, 3001, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, ''),
 (601, 22, 3001, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, '');

INSERT INTO revlog VALUES
 (1767225600000, 501, 0, 3, -600, 0, 0, 6000, 0),
 (1767226200000, 501, 0, 3, 1, -600, 2500, 4000, 0),
 (1767312000000, 501, 0, 4, 3, 1, 2650, 3000, 1);
