-- A schema 11 Anki collection (the layout of Anki's
-- rslib/src/storage/schema11.sql, its tables and columns), filled by hand
-- with what the import must handle: note types with two templates, a
-- cloze type, sections and filters; nested decks; a suspended and a
-- flagged card; a review log with learning, reviews, a lapse, a manual
-- reschedule, cramming and a reset.  tools/ref/make-packages.sh turns it
-- into col11.apkg with the sqlite3 shell and zip.
-- Read after tables.sql, which holds the tables it shares with col18.sql.
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL,
  type integer NOT NULL);

INSERT INTO col VALUES (1, 1767225600, 0, 0, 11, 0, 0, 0, '{}',
'{
 "1001": {"id": 1001, "name": "Basic (and reversed card)", "type": 0,
  "flds": [{"name": "Front", "ord": 0}, {"name": "Back", "ord": 1}],
  "tmpls": [
   {"name": "Card 1", "ord": 0, "qfmt": "{{Front}}",
    "afmt": "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}"},
   {"name": "Card 2", "ord": 1, "qfmt": "{{Back}}",
    "afmt": "{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}"}]},
 "1002": {"id": 1002, "name": "Cloze", "type": 1,
  "flds": [{"name": "Text", "ord": 0}, {"name": "Back Extra", "ord": 1}],
  "tmpls": [{"name": "Cloze", "ord": 0, "qfmt": "{{cloze:Text}}",
    "afmt": "{{cloze:Text}}<br>\n{{Back Extra}}"}]},
 "1003": {"id": 1003, "name": "Vocabulary", "type": 0,
  "flds": [{"name": "Word", "ord": 0}, {"name": "Meaning", "ord": 1},
   {"name": "Example", "ord": 2}, {"name": "Audio", "ord": 3}],
  "tmpls": [{"name": "Recognise", "ord": 0,
    "qfmt": "{{Word}}{{#Example}}<br><i>{{Example}}</i>{{/Example}}{{^Example}} (no example){{/Example}}",
    "afmt": "{{FrontSide}}<hr id=\"answer\">{{type:Meaning}} {{hint:Example}} {{Audio}} [{{Subdeck}} / {{Card}} / {{Tags}}]"}]}
}',
'{
 "1": {"id": 1, "name": "Default"},
 "2001": {"id": 2001, "name": "Languages::German"},
 "2002": {"id": 2002, "name": "Biology"}
}', '{}', '{}');

INSERT INTO notes VALUES
 (11, 'rev-1', 1001, 0, 0, ' animals ', 'dog' || char(31) || 'Hund', 'dog', 0, 0, ''),
 (12, 'clz-1', 1002, 0, 0, '', 'The {{c1::mitochondria}} is the {{c2::powerhouse::role}} of the cell' || char(31) || '<i>biology</i>', '', 0, 0, ''),
 (13, 'voc-1', 1003, 0, 0, 'german nouns', 'Haus' || char(31) || 'house' || char(31) || 'Das Haus ist <b>groß</b>' || char(31) || '[sound:haus.mp3]', 'Haus', 0, 0, ''),
 (14, 'voc-2', 1003, 0, 0, 'german', 'Baum' || char(31) || 'tree' || char(31) || '' || char(31) || '', 'Baum', 0, 0, '');

-- id, nid, did, ord, mod, usn, type, queue, due, ivl, factor, reps,
-- lapses, left, odue, odid, flags, data
INSERT INTO cards VALUES
 (101, 11, 2001, 0, 0, 0, 2, 2, 0, 20, 2500, 6, 1, 0, 0, 0, 0, ''),
 (102, 11, 2001, 1, 0, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, ''),
 (201, 12, 2002, 0, 0, 0, 1, 1, 0, 0, 2500, 2, 0, 0, 0, 0, 1, ''),
 (202, 12, 2002, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ''),
 (301, 13, 2001, 0, 0, 0, 2, 2, 0, 5, 2500, 2, 0, 0, 0, 0, 0, ''),
 (401, 14, 2001, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '');

-- id (ms), cid, usn, ease, ivl, lastIvl, factor, time (ms), type
-- 1767225600000 is 2026-01-01T00:00:00Z
INSERT INTO revlog VALUES
 -- card 101: learnt, reviewed, forgotten, relearnt; a manual reschedule
 -- and a cramming answer that are no answers
 (1767225600000, 101, 0, 3, -600, 0, 0, 8000, 0),
 (1767226200000, 101, 0, 3, 1, -600, 2500, 5000, 0),
 (1767484800000, 101, 0, 3, 3, 1, 2500, 6000, 1),
 (1767571200000, 101, 0, 0, 9, 3, 2500, 0, 4),
 (1767600000000, 101, 0, 3, 9, 3, 0, 4000, 3),
 (1768089600000, 101, 0, 1, -600, 9, 2300, 12000, 1),
 (1768090200000, 101, 0, 3, 1, -600, 2300, 7000, 2),
 (1768521600000, 101, 0, 3, 5, 1, 2300, 4000, 1),
 -- card 201: learnt and reviewed, then reset and learnt again
 (1767225700000, 201, 0, 3, 1, 0, 2500, 3000, 0),
 (1767312100000, 201, 0, 4, 4, 1, 2650, 3000, 1),
 (1767400000000, 201, 0, 0, 0, 4, 0, 0, 4),
 (1767500000000, 201, 0, 1, -60, 0, 0, 9000, 0),
 (1767500600000, 201, 0, 3, -600, -60, 0, 4000, 0),
 -- card 301: reviews only (an older history trimmed)
 (1767830400000, 301, 0, 3, 3, 1, 2500, 5000, 1),
 (1768089700000, 301, 0, 2, 5, 3, 2350, 9000, 1),
 -- a card the package does not hold
 (1768089600001, 999, 0, 3, 1, 0, 2500, 1000, 1);
