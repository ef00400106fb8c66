#!/usr/bin/env python3
"""Writes the fuzz dictionaries (libFuzzer `-dict=`) beside this script from the catalog's
inputs, so that mutations splice in real names instead of whole pages:

- names.dict  (lookup, validate, search): every service name and heading, category spelling
  and activity, the U+001F part separator, and what lookups forgive (case aside): odd
  whitespace, Unicode dashes, trailing periods; `*` and `?` for globs.
- json.dict   (record, report_*): the record keys of all three shapes, JSON punctuation and
  escapes, byte order marks, and the service and category names and short activities as JSON
  strings.
- page.dict   (read_page): the markdown the page reader looks at (front matter, headings,
  table rows, anchors), the headings and categories.

Run it from anywhere after the pages, services.csv or the record keys change:
    python3 fuzz/dict/generate.py
"""

import csv
import pathlib
import re

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
# libFuzzer skips longer dictionary words.
MAX_WORD = 64

SEPARATORS = ["\x1f"]
FORGIVEN = [" ", "  ", "\t", "\u00a0", "\u2013", "\u2014", "\u2212", "-", ".", "..", " .", "*", "?", "**"]
JSON_TOKENS = [
    "{", "}", "[", "]", ":", ",", '""', "null", "true", "false", "0", "-1e999", "\n", "\r\n",
    '\\"', "\\\\", "\\u0000", "\\ud800", "\\u00e9", "\ufeff", b"\xff\xfe", b"\xfe\xff",
    '{"records":[', '{"value":[', "]}",
]
# Keys the records reader knows (src/records/shape.rs, src/records/types.rs), all shapes.
RECORD_KEYS = """
id category correlationId result resultReason activityDisplayName activityDateTime loggedByService
operationType initiatedBy targetResources additionalDetails userAgent time resourceId operationName
operationVersion tenantId resultSignature durationMs callerIpAddress identity level Level properties
Category OperationName ActivityDisplayName LoggedByService AADOperationType OperationType Result
ResultReason ResultDescription Id CorrelationId ActivityDateTime TimeGenerated InitiatedBy
TargetResources AdditionalDetails Identity AADTenantId TenantId SourceSystem Type records value
user User app App displayName DisplayName userPrincipalName UserPrincipalName ipAddress IPAddress
IpAddress appId AppId servicePrincipalId ServicePrincipalId servicePrincipalName ServicePrincipalName
type groupType GroupType modifiedProperties ModifiedProperties oldValue OldValue newValue NewValue
key Key Value @odata.context
""".split()
MARKDOWN = [
    "---\n", "title: ", "ms.date: ", "01/02/2023", "13/01/2022", "\n", "\r\n", "\n\n", "# ", "## ",
    "#### ", "|", "||", "\\|", "|\n", " | ", "|---|---|", "|---|---|---|", "|:--|--:|",
    "|Audit Category|Activity|", "|Audit Category|Activity|Description|", "|Kind|Name|",
    "<a name='x'></a>", "> ", "- ", "1. ", "```", "[a](https://x.example/a)", "Next steps",
    "See also",
]


def escape(word):
    """A dictionary word (bytes): quoted, `"` and `\\` escaped, bytes outside printable ASCII as `\\xNN`."""
    out = []
    for b in word:
        if b in (0x22, 0x5C):
            out.append("\\" + chr(b))
        elif 0x20 <= b < 0x7F:
            out.append(chr(b))
        else:
            out.append("\\x%02X" % b)
    return '"' + "".join(out) + '"'


def json_string(name):
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def read_pages():
    """Headings, (category, activity) cells of every bundled page, roughly as the reader splits them."""
    headings, categories, activities = set(), set(), set()
    for path in sorted((ROOT / "data" / "pages").glob("*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            heading = re.match(r"#{2,6}\s+(.*)", line)
            if heading:
                headings.add(re.sub(r"<[^>]*>", "", heading[1]).strip())
                continue
            if not line.startswith("|") or re.match(r"\|\s*:?-", line):
                continue
            cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
            cells = [c for c in cells if c]
            if len(cells) >= 2 and "category" not in cells[0].lower():
                categories.add(cells[0])
                activities.add(cells[1])
    return headings, categories, activities


def read_services():
    names = set()
    with open(ROOT / "data" / "services.csv", encoding="utf-8") as f:
        rows = csv.reader(line for line in f if not line.startswith("#"))
        next(rows)  # variant,heading,logged_by_service
        for _variant, heading, logged in rows:
            names.update(n for n in (heading, logged) if n)
    return names


def write(name, comment, groups):
    seen, lines = set(), [f"# {comment}", "# Written by fuzz/dict/generate.py; do not edit by hand."]
    for title, words in groups:
        lines.append(f"# {title}")
        for w in words:
            w = w.encode("utf-8") if isinstance(w, str) else w
            if w and w not in seen and len(w) <= MAX_WORD:
                seen.add(w)
                lines.append(escape(w))
    (HERE / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"fuzz/dict/{name}: {len(seen)} words")


def main():
    headings, categories, activities = read_pages()
    services = sorted(read_services() | headings)
    categories, activities = sorted(categories), sorted(activities)
    short = [a for a in activities if len(a) <= 24]
    write(
        "names.dict",
        "lookup, validate, search: catalog names and what lookups forgive.",
        [("separator", SEPARATORS), ("forgiven", FORGIVEN), ("services", services),
         ("categories", categories), ("activities", activities)],
    )
    write(
        "json.dict",
        "record, report_lines, report_document, report_auto: record keys, JSON, names as strings.",
        [("json", JSON_TOKENS), ("keys", [json_string(k) + ":" for k in RECORD_KEYS]),
         ("services", map(json_string, services)), ("categories", map(json_string, categories)),
         ("activities", map(json_string, short))],
    )
    write(
        "page.dict",
        "read_page: the markdown the page reader looks at, headings and categories.",
        [("markdown", MARKDOWN), ("headings", services), ("categories", categories)],
    )


if __name__ == "__main__":
    main()
