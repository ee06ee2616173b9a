#!/usr/bin/env bash
# The Debian bookworm root file system that every stand-in image starts from, imported as
# localhost/antifraud-standin/bookworm (debootstrap --variant=minbase; ~35 s, once per machine).
# It trusts the host's local CA certificates: package downloads may go through a proxy with its
# own certificate authority, and pip inside the build must trust it too.
set -euo pipefail
name=localhost/antifraud-standin/bookworm
podman image exists "$name" && exit 0
root=$(mktemp -d /var/tmp/antifraud-bookworm.XXXXXX)
trap 'rm -rf "$root"' EXIT
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
debootstrap --variant=minbase bookworm "$root" "$mirror"
mkdir -p "$root/usr/local/share/ca-certificates"
cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
cat >"$root/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security} bookworm-security main
SOURCES
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
tar -C "$root" -c . | podman import -q --change 'CMD ["bash"]' - "$name" >/dev/null
echo "imported $name"
