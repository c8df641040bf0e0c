#!/usr/bin/env bash
# Installs the Debian packages nianbao needs, at pinned versions:
#   LibreOffice (DOC/WPS to DOCX), poppler-utils (pdftotext fallback for PDFs without a
#   ToUnicode map), Chromium (the browser test), a CJK font (PDFs rendered by the tests).
# A package already installed is left as it is. When a pinned version has left the archive
# (Debian replaces security updates), the current one is installed and the change is printed.
set -euo pipefail

PINNED=(
  "libreoffice-writer-nogui=4:7.4.7-1+deb12u14"
  "poppler-utils=22.12.0-2+deb12u3"
  "chromium=156.0.8078.79-1~deb12u1"
  "chromium-common=156.0.8078.79-1~deb12u1"
  "fonts-wqy-microhei=0.2.0-beta-3.1"
)

missing=()
for spec in "${PINNED[@]}"; do
  name=${spec%%=*}
  dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q "install ok installed" || missing+=("$spec")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null; then SUDO=sudo; else
    echo "system-deps: not root and no sudo; install these Debian packages yourself: ${missing[*]}" >&2
    exit 0
  fi
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
echo "system-deps: installing ${missing[*]}" >&2
$SUDO apt-get update -qq
if ! $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
  echo "system-deps: a pinned version is gone from the archive; installing the current ones" >&2
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]%%=*}"
fi
