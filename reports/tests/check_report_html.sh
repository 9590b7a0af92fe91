#!/usr/bin/env bash
# Rendering check of report.html: screenshots it with headless Chromium and checks that the page has its
# plots (inline <svg> in <figure class="plot">) and that the screenshot is a non-blank PNG.
# Usage: reports/tests/check_report_html.sh REPORT_DIR [SCREENSHOT.png]
# Exit 0: checked; 77: skipped (chromium absent, the message says so); 1: failed.
set -euo pipefail
dir=${1:?usage: check_report_html.sh REPORT_DIR [SCREENSHOT.png]}
shot=${2:-$dir/report-screenshot.png}
html="$dir/report.html"
[[ -f "$html" ]] || { echo "check_report_html: FAILED: $html does not exist" >&2; exit 1; }

figures=$(grep -c '<figure class="plot"' "$html" || true)
# The line after each <figure class="plot"> must open the inline <svg>.
svgs=$(awk '/<figure class="plot"/ {getline nxt; if (nxt ~ /^<svg/) n++} END {print n+0}' "$html")
missing=$(grep -c 'class="plot-missing"' "$html" || true)
echo "check_report_html: $figures figure(s), $svgs inline SVG plot(s), $missing not drawn"
[[ "$figures" -ge 1 && "$svgs" -eq "$figures" ]] || { echo "check_report_html: FAILED: plots missing" >&2; exit 1; }

# Findings first: the first section heading of the page is the findings table (what a reader came for).
first_h2=$(grep -m1 -o '<h2 id="[a-z_]*"' "$html" || true)
[[ "$first_h2" == '<h2 id="findings"' ]] || { echo "check_report_html: FAILED: the first section is $first_h2, not the findings" >&2; exit 1; }

browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$browser" ]]; then
  echo "check_report_html: SKIPPED screenshot: chromium is not installed (scripts/install-deps.sh --with-optional)"
  exit 77
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
  --user-data-dir="$profile" --hide-scrollbars --window-size=1280,4000 --screenshot="$shot" "file://$(realpath "$html")" \
  >/dev/null 2>&1 || true
[[ -s "$shot" ]] || { echo "check_report_html: FAILED: no screenshot written" >&2; exit 1; }
# A blank page compresses to a few KB; a page with tables and plots does not.
size=$(stat -c %s "$shot")
echo "check_report_html: screenshot $shot ($size bytes)"
[[ "$size" -gt 20000 ]] || { echo "check_report_html: FAILED: screenshot looks blank" >&2; exit 1; }
echo "check_report_html: OK"
