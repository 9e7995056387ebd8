#!/usr/bin/env bash
# Installs the Debian packages the tests need (a browser, fonts, PDF tools) when they are missing.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
fc-list 2>/dev/null | grep -i "Noto Sans Arabic" >/dev/null || missing+=(fonts-noto-core)
fc-list 2>/dev/null | grep -i "Abyssinica" >/dev/null || missing+=(fonts-sil-abyssinica)
fc-list 2>/dev/null | grep -i "DejaVu" >/dev/null || missing+=(fonts-dejavu-core)
# The partner-dialogue document and its charts are set in Liberation Sans.
fc-list 2>/dev/null | grep -i "Liberation Sans" >/dev/null || missing+=(fonts-liberation)
# The participant's own page uses emoji as pictures; phones have them, Debian's chromium needs this.
fc-list 2>/dev/null | grep -i "Noto Color Emoji" >/dev/null || missing+=(fonts-noto-color-emoji)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "The tests need these Debian packages: ${missing[*]} (install them as root)." >&2
    exit 1
fi
echo "Installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
