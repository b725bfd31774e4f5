// Writes ../../tests/data/anki/basic.apkg: a legacy (schema 11) package
// of Basic notes made by anki-apkg-export, not by rehearse.
const fs = require('fs');
const path = require('path');
const AnkiExport = require('anki-apkg-export').default;

const apkg = new AnkiExport('Biology::Cells');
// a one-pixel PNG, as a media file
apkg.addMedia('cell.png', Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64'));
apkg.addCard('What is the <b>powerhouse</b> of the cell?', 'The mitochondria');
apkg.addCard('Organelles', '<ul><li>nucleus</li><li>ribosome</li></ul>',
  { tags: ['organelles', 'lists'] });
apkg.addCard('Cell diagram <img src="cell.png" />', 'See <a href="https://example.org/cell">the atlas</a> [sound:cell.mp3]');
apkg.addCard('2 &lt; 3 &amp;&amp; <i>true</i>', '<code>yes</code>');

apkg.save().then((zip) => {
  const out = path.join(__dirname, '..', '..', 'tests', 'data', 'anki', 'basic.apkg');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, zip, 'binary');
  console.log(out);
});
