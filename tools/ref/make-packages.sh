#!/bin/sh
# Builds the Anki packages of tests/data/anki from their SQL with the
# sqlite3 shell, zip and zstd (none of it rehearse): col11.apkg (schema
# 11, collection.anki2), col18.colpkg (schema 18, collection.anki21b,
# zstd), and the damaged ones the safety tests read.  basic.apkg comes
# from make-basic.cjs (npm's anki-apkg-export).
set -eu
cd "$(dirname "$0")/../../tests/data/anki"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

out=$(pwd)
# tables.sql: the tables both schemas share, before either's own SQL.
cat tables.sql col11.sql | sqlite3 -bail "$tmp/collection.anki2"
rm -f col11.apkg
(cd "$tmp" && printf '{"0": "haus.mp3"}' >media && printf 'ID3' >0 &&
	zip -q -X "$out/col11.apkg" collection.anki2 media 0)

cat tables.sql col18.sql | sqlite3 -bail "$tmp/c18"
zstd -q -19 "$tmp/c18" -o "$tmp/collection.anki21b"
rm -f col18.colpkg
(cd "$tmp" && : >media && zip -q -X "$out/col18.colpkg" collection.anki21b media)

# A package of no notes.
{ cat tables.sql; sed -n '/^INSERT INTO notes/q;p' col11.sql; } |
	sqlite3 -bail "$tmp/empty.anki2"
rm -f empty.apkg
(cd "$tmp" && cp empty.anki2 collection.anki2 && zip -q -X "$out/empty.apkg" collection.anki2)

# Damaged and hostile archives, written with Python's zipfile.
python3 - "$tmp" <<'PY'
import struct, sys, zipfile, subprocess
tmp = sys.argv[1]
col = open(tmp + "/collection.anki2", "rb").read()

# an entry climbing out of the directory it would be extracted to
with zipfile.ZipFile("escape.apkg", "w") as z:
    z.writestr("collection.anki2", col)
    z.writestr(zipfile.ZipInfo("../../evil.txt"), b"x")

# a zip bomb: an entry that declares 4 GiB once decompressed
with zipfile.ZipFile("bomb.apkg", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("collection.anki2", b"\0" * 4096)
data = bytearray(open("bomb.apkg", "rb").read())
for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
    i = data.find(sig)
    struct.pack_into("<I", data, i + off, 0xFFFFFFF0)
open("bomb.apkg", "wb").write(bytes(data))

# an entry larger than it declares
with zipfile.ZipFile("liar.apkg", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("collection.anki2", col)
data = bytearray(open("liar.apkg", "rb").read())
for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
    i = data.find(sig)
    struct.pack_into("<I", data, i + off, 1024)
open("liar.apkg", "wb").write(bytes(data))

# a zstd bomb: 300 MiB of zeros in a few KiB, the size in its header
open(tmp + "/zeros", "wb").write(b"\0" * (300 << 20))
zeros = subprocess.run(["zstd", "-q", "-19", "-c", tmp + "/zeros"],
                       stdout=subprocess.PIPE, check=True).stdout
with zipfile.ZipFile("zbomb.colpkg", "w") as z:
    z.writestr("collection.anki21b", zeros)

# a truncated archive
full = open("col11.apkg", "rb").read()
open("corrupt.apkg", "wb").write(full[: len(full) // 2])
PY
