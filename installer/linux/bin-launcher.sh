#!/bin/sh
# Runs the AirGap AI Gateway from this bundle with the bundle's own Node runtime. Configure it with
# environment variables (README.md); the data goes to $APPLIANCE_DATA_DIR (default ./data).
HERE=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
exec "$HERE/node/bin/node" "$HERE/app/dist/server/main.js" "$@"
