#!/bin/sh
# Removes the AirGap AI Gateway installed by install.sh: stops and removes the service and the
# program in /opt/airgap-ai-gateway. The data directory and the airgap-gw user are kept (the data
# holds keys, logs and settings); the last lines say how to remove them too.
set -eu
PREFIX=${1:-/opt/airgap-ai-gateway}
UNIT=airgap-ai-gateway.service
[ "$(id -u)" = 0 ] || { echo "uninstall.sh: run as root" >&2; exit 1; }
if command -v systemctl >/dev/null; then
  systemctl disable --now "$UNIT" 2>/dev/null || true
  rm -f "/etc/systemd/system/$UNIT"
  systemctl daemon-reload
fi
rm -rf "$PREFIX"
echo "Removed $PREFIX. Kept /var/lib/airgap-ai-gateway, /etc/airgap-ai-gateway and the airgap-gw user."
echo "To remove them too: rm -rf /var/lib/airgap-ai-gateway /etc/airgap-ai-gateway && userdel airgap-gw"
