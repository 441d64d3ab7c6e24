# Sourced by scripts/test.sh: real headless Chromium (Debian's `chromium`) and the
# `playwright-core` driver for tests/docs_site.rs, which opens the generated docs site.
# playwright-core downloads no browser: it drives /usr/bin/chromium.
PLAYWRIGHT_CORE_VERSION=1.65.1
if [ ! -x /usr/bin/chromium ]; then
    echo "== installing chromium (Debian) for the docs site test"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null \
        || { echo "error: chromium is needed by tests/docs_site.rs and could not be installed" >&2; exit 1; }
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "== installing node and npm (Debian) for the docs site test"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm) >/dev/null \
        || { echo "error: node is needed by tests/docs_site.rs and could not be installed" >&2; exit 1; }
fi
TRUTHLINE_NODE_DIR="$HOME/.cache/truthline/node"
if [ ! -f "$TRUTHLINE_NODE_DIR/node_modules/playwright-core/package.json" ] \
    || ! grep -q "\"version\": \"$PLAYWRIGHT_CORE_VERSION\"" "$TRUTHLINE_NODE_DIR/node_modules/playwright-core/package.json"; then
    echo "== installing playwright-core $PLAYWRIGHT_CORE_VERSION (npm) into $TRUTHLINE_NODE_DIR"
    mkdir -p "$TRUTHLINE_NODE_DIR"
    (cd "$TRUTHLINE_NODE_DIR" && npm install --silent --no-audit --no-fund --no-save "playwright-core@$PLAYWRIGHT_CORE_VERSION") \
        || { echo "error: cannot install playwright-core from npm" >&2; exit 1; }
fi
export TRUTHLINE_CHROMIUM=/usr/bin/chromium
export TRUTHLINE_NODE_MODULES="$TRUTHLINE_NODE_DIR/node_modules"
