#!/usr/bin/env bash
# `make messages`: extract every translatable string into the catalogues. The staff languages
# (sv, en, ar) get all of them; the public-only languages (easy Swedish, Dari, Tigrinya, Somali,
# Ukrainian) only the strings of the files in locale/public-sources.txt, the public pages'.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
staff=(sv en ar)
public=(sv_X-easy fa_AF ti so uk)
args=()
for locale in "${staff[@]}" "${public[@]}"; do args+=(-l "$locale"); done
# CSS too: the PDFs' page footers ("Page 1 of 2") are translated in their style sheets.
"$PY" manage.py makemessages "${args[@]}" --no-obsolete --extension html,txt,py,css \
    --ignore ".venv/*" --ignore "static/vendor/*" --ignore ".tools/*" --ignore "bench/*"
sources=()
while read -r glob; do
    [[ -z "$glob" || "$glob" == \#* ]] || sources+=(-N "$glob")
done < locale/public-sources.txt
for locale in "${public[@]}"; do
    po="locale/$locale/LC_MESSAGES/django.po"
    msggrep "${sources[@]}" -o "$po.public" "$po"
    mv "$po.public" "$po"
done
