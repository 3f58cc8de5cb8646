#!/bin/sh
# Installs or upgrades the AirGap AI Gateway from this unpacked bundle: copies it to
# /opt/airgap-ai-gateway (the previous version is replaced whole), creates the airgap-gw system
# user and /var/lib/airgap-ai-gateway, installs the systemd unit and starts it. The data
# directory is never touched: an upgrade keeps it and the new version migrates it at start.
# Nothing is compiled or downloaded.
#
#   sudo ./install.sh                      install or upgrade, then (re)start the service
#   ./install.sh --prefix DIR --no-service copy only (no user, no unit): for trying it out
set -eu

PREFIX=/opt/airgap-ai-gateway
DATA_DIR=/var/lib/airgap-ai-gateway
SERVICE=1
UNIT=airgap-ai-gateway.service

while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) PREFIX=$2; shift 2 ;;
    --no-service) SERVICE=0; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

HERE=$(cd "$(dirname "$0")" && pwd)
for part in node/bin/node app/dist/server/main.js bin/airgap-ai-gateway systemd/$UNIT; do
  [ -e "$HERE/$part" ] || { echo "install.sh: $HERE/$part is missing: unpack the whole bundle" >&2; exit 1; }
done

if [ "$SERVICE" = 1 ]; then
  [ "$(id -u)" = 0 ] || { echo "install.sh: run as root (or use --prefix DIR --no-service)" >&2; exit 1; }
  command -v systemctl >/dev/null || { echo "install.sh: systemd not found; use --no-service and run bin/airgap-ai-gateway yourself" >&2; exit 1; }
  getent group airgap-gw >/dev/null || groupadd --system airgap-gw
  getent passwd airgap-gw >/dev/null || useradd --system --gid airgap-gw --home-dir "$DATA_DIR" --no-create-home \
    --shell "$(command -v nologin || echo /bin/false)" --comment "AirGap AI Gateway" airgap-gw
  install -d -m 0700 -o airgap-gw -g airgap-gw "$DATA_DIR"
  was_active=0
  if systemctl is-active --quiet "$UNIT"; then was_active=1; systemctl stop "$UNIT"; fi
fi

# Copy beside the old version, then swap, so a failed copy leaves the old one in place.
mkdir -p "$(dirname "$PREFIX")"
rm -rf "$PREFIX.new"
mkdir -p "$PREFIX.new"
cp -a "$HERE/node" "$HERE/app" "$HERE/bin" "$HERE/systemd" "$HERE/README.md" "$HERE/VERSION" "$PREFIX.new/"
rm -rf "$PREFIX.old"
if [ -e "$PREFIX" ]; then mv "$PREFIX" "$PREFIX.old"; fi
mv "$PREFIX.new" "$PREFIX"
rm -rf "$PREFIX.old"
echo "Installed AirGap AI Gateway $(cat "$PREFIX/VERSION") in $PREFIX"

if [ "$SERVICE" = 1 ]; then
  sed "s#/opt/airgap-ai-gateway#$PREFIX#g" "$PREFIX/systemd/$UNIT" > "/etc/systemd/system/$UNIT"
  chmod 0644 "/etc/systemd/system/$UNIT"
  install -d -m 0755 /etc/airgap-ai-gateway
  [ -e /etc/airgap-ai-gateway/environment ] || install -m 0644 "$PREFIX/systemd/environment" /etc/airgap-ai-gateway/environment
  systemctl daemon-reload
  systemctl enable "$UNIT" >/dev/null
  systemctl start "$UNIT"
  if [ "$was_active" = 1 ]; then echo "Upgraded and restarted; the data in $DATA_DIR was kept."; fi
  echo "First start: the credentials are in $DATA_DIR/first-run-credentials.json (mode 0600) and in journalctl -u $UNIT."
  echo "The appliance listens on http://127.0.0.1:8787; settings: /etc/airgap-ai-gateway/environment."
else
  echo "Run it with: APPLIANCE_DATA_DIR=/path/to/data $PREFIX/bin/airgap-ai-gateway"
fi
