#!/usr/bin/env bash
# System packages the project needs: audio I/O, CJK fonts, test speech, a virtual screen, Qt's xcb libs.
# As root with apt they are installed; otherwise the exact command is printed and setup goes on.
set -euo pipefail
PACKAGES=(
  libportaudio2 libsndfile1 fonts-wqy-microhei espeak-ng sox xvfb
  pulseaudio pulseaudio-utils libasound2-plugins
  libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0 libxcb-xkb1
  libxkbcommon-x11-0 libxkbcommon0 libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "installing system packages: ${missing[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing system packages. Run this once, then re-run make:"
  echo "  sudo apt-get install -y ${missing[*]}"
fi
