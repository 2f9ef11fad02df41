#!/bin/sh
# Regenerate the console's translations from the source (run from anywhere).
#
#   1. pyside6-lupdate collects every tr() / QCoreApplication.translate() / QT_TRANSLATE_NOOP string
#      under app/views (all areas), app/cli and app/__main__.py (the command line's
#      translate("Cli...", ...)) into the .ts files, keeping the translations already made;
#      strings that disappeared from the code are dropped.
#   2. Translate what is new in seller_console_zh_CN.ts (Qt Linguist, or any XML editor: fill the
#      <translation> elements and remove type="unfinished").
#   3. pyside6-lrelease compiles the .ts files into the .qm files the console loads.
#
# English is the source language; seller_console_en.ts holds only the plural forms
# ("%Ln order(s)" -> "1 order" / "2 orders"). Commit the .ts and .qm files together.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
sources="$(find app/views app/cli -name '*.py' | sort) app/__main__.py"
# shellcheck disable=SC2086 # one argument per source file
pyside6-lupdate -no-obsolete -locations relative -target-language zh_CN \
    $sources -ts "$here/seller_console_zh_CN.ts"
# shellcheck disable=SC2086
pyside6-lupdate -no-obsolete -locations relative -pluralonly -target-language en \
    $sources -ts "$here/seller_console_en.ts"
for ts in "$here"/seller_console_*.ts; do
    pyside6-lrelease "$ts" -qm "${ts%.ts}.qm"
done
