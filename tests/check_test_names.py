"""Fails listing every Catch2 TEST_CASE name that catch_discover_tests cannot pass through CTest intact.

catch_discover_tests turns the test names into a CMake list: a ';' splits a name in two, and an unbalanced
'[' or ']' merges it with the names after it. Either way the CTest test's filter then matches no TEST_CASE,
and the case silently never runs (28 cases did not, until 2026-12-02). Names must also be unique.
argv: the source root.
"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
pattern = re.compile(r'TEST_CASE\(\s*"((?:[^"\\]|\\.)*)"')
bad, seen = [], {}
for path in sorted(root.glob("**/*.cpp")):
    if "build" in path.relative_to(root).parts[:1]:
        continue
    for name in pattern.findall(path.read_text(encoding="utf-8")):
        where = path.relative_to(root)
        depth, balanced = 0, True
        for ch in name:
            depth += {"[": 1, "]": -1}.get(ch, 0)
            balanced = balanced and 0 <= depth <= 1
        if ";" in name:
            bad.append(f"{where}: ';' in {name!r}")
        if depth != 0 or not balanced:
            bad.append(f"{where}: unbalanced or nested brackets in {name!r}")
        if name in seen:
            bad.append(f"{where}: duplicate of {seen[name]}: {name!r}")
        seen.setdefault(name, where)
if bad:
    print("TEST_CASE names CTest cannot run as written:\n  " + "\n  ".join(bad))
    sys.exit(1)
print(f"test names: {len(seen)} TEST_CASE names, all safe for catch_discover_tests")
