"""Issue 16: a grep for each registry statement finds its uses in its proof chain, its instance space and the reports.

For every namespace X(ns) of ATTNBOUND_STATEMENTS (theory/statement_list.hpp), with id = the first string of
theory/<ns>.hpp's info() (e.g. cor3_softmax_jacobian -> "cor3.softmax_jacobian"), a *use* in a file is
`ns::` or the quoted id `"id"` (or the claim id `"statement.id"`): code that names the statement, not prose. Required:
  verify           verify/proof_chains/<ns>.cpp uses it (its proof chain)
  counterexamples  some counterexamples/*.cpp or *.hpp outside tests/ uses it (its instance space)
  reports          some reports/*.cpp or *.hpp outside tests/ uses it
An id with genuinely no statement-specific code in one of them is listed in EXEMPT with the reason; an
exemption that is no longer needed fails too (the list stays true). Fails listing every missing use.
argv: the source root.
"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])

# (namespace, folder) -> why that folder has no statement-specific use of it. Empty: every statement is used in
# verify/, counterexamples/ and reports/ (the alternatives' certified spot checks, reports/normalisers_certified.cpp,
# name alt.sparsemax, alt.entmax15, alt.ssmax, alt.sa_softmax and alt.low_temperature by their namespaces).
EXEMPT = {}

listing = (root / "theory/statement_list.hpp").read_text(encoding="utf-8")
namespaces = re.findall(r"^\s*X\((\w+)\)", listing, re.M)
if not namespaces:
    print("no X(namespace) entries found in theory/statement_list.hpp")
    sys.exit(1)


def sources(folder):
    for path in sorted((root / folder).rglob("*")):
        if path.suffix in (".cpp", ".hpp") and "tests" not in path.relative_to(root).parts:
            yield path


def uses(path, ns, sid):
    text = path.read_text(encoding="utf-8")
    return re.search(re.escape(ns) + r"::", text) or re.search(r'"(?:statement\.)?' + re.escape(sid) + r'"', text)


missing, stale, found = [], [], 0
for ns in namespaces:
    header = (root / "theory" / (ns + ".hpp")).read_text(encoding="utf-8")
    m = re.search(r'info\(\)\s*\{.*?return\s*\{\s*"([^"]+)"', header, re.S)
    if not m:
        missing.append(f"{ns}: theory/{ns}.hpp has no info() returning the id first")
        continue
    sid = m.group(1)
    chain = root / "verify/proof_chains" / (ns + ".cpp")
    where = {
        "verify": [chain] if chain.exists() and uses(chain, ns, sid) else [],
        "counterexamples": [p for p in sources("counterexamples") if uses(p, ns, sid)],
        "reports": [p for p in sources("reports") if uses(p, ns, sid)],
    }
    for folder, hits in where.items():
        exempt = (ns, folder) in EXEMPT
        if hits and exempt:
            stale.append(f"{sid} ({ns}) is used in {folder}/ ({hits[0].relative_to(root)}): drop its exemption")
        elif not hits and not exempt:
            what = f"verify/proof_chains/{ns}.cpp" if folder == "verify" else f"{folder}/"
            missing.append(f"{sid} ({ns}): no use of {ns}:: or \"{sid}\" in {what}")
        else:
            found += 1
if missing or stale:
    print("statement uses (issue 16):\n  " + "\n  ".join(missing + stale))
    sys.exit(1)
exempted = "; ".join(f"{ns} in {folder}/" for ns, folder in EXEMPT)
print(f"statement uses: {len(namespaces)} statements, {found} (statement, folder) pairs used or exempt "
      f"(exempt: {exempted})")
