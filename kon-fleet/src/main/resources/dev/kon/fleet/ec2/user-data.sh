#!/bin/bash
# A Kon worker instance: installs a JRE, fetches Kon through a presigned URL and runs 'kon worker' as a systemd
# service. Stopping the service (and shutting the instance down) sends SIGTERM: the worker finishes the bundles
# in hand and exits. KON_HOME and KON_UNIT_DIR may be set to run this script somewhere else (its test does).
set -euo pipefail
KON_HOME="${KON_HOME:-/opt/kon}"
UNIT_DIR="${KON_UNIT_DIR:-/etc/systemd/system}"
ARTIFACT_URL=@ARTIFACT_URL@

if command -v dnf >/dev/null 2>&1; then
  dnf install -y java-17-amazon-corretto-headless
elif command -v apt-get >/dev/null 2>&1; then
  apt-get update -y
  DEBIAN_FRONTEND=noninteractive apt-get install -y openjdk-17-jre-headless curl
else
  echo "kon: neither dnf nor apt-get found to install a JRE with" >&2
  exit 1
fi
JAVA="$(command -v java)"

mkdir -p "$KON_HOME" "$UNIT_DIR"
curl -fsS --retry 5 --retry-delay 2 -o "$KON_HOME/kon.tar.gz" "$ARTIFACT_URL"
tar -xzf "$KON_HOME/kon.tar.gz" -C "$KON_HOME"

cat > "$UNIT_DIR/kon-worker.service" <<UNIT
[Unit]
Description=Kon worker on queue @QUEUE@
Wants=network-online.target
After=network-online.target

[Service]
Environment=AWS_REGION=@REGION@
ExecStart=$JAVA -jar $KON_HOME/kon.jar worker --queue @QUEUE@ --table @TABLE@ --bucket @BUCKET@ --threads @THREADS@ --idle-exit 0
KillSignal=SIGTERM
TimeoutStopSec=@STOP_TIMEOUT@
Restart=on-failure

[Install]
WantedBy=multi-user.target
UNIT

systemctl daemon-reload
systemctl enable --now kon-worker.service
