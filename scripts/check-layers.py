#!/usr/bin/env python3
"""check-layers.py - the shape of the tree, enforced (run by ctest as `layers`).

Fails, naming file:line, when
  1. a file in src/ includes from a layer above its own:
        core < text < db < http < areas < cli
     where the areas are every other folder of src/ (org, portal, report, site, mail, demo,
     directive, review, citizen, ...). Areas may include each other's public headers, but
       - only src/cli may include src/demo (demo seeds every area; nothing depends on it),
       - a header named *_internal.h (or internal.h) is private to its own top folder
         (src/report/entry may use report/x_internal.h); src/demo is the one exception,
         since it loads data through the areas' in-transaction calls;
     tools/ is build-time and may include only tools/ (and system headers);
  2. an SQL statement (a C string literal starting SELECT, INSERT, UPDATE ... SET,
     DELETE FROM, CREATE, DROP, ALTER, WITH ... AS, PRAGMA, REPLACE INTO) appears in a .c
     file of src/ that is not a *_store.c; src/db/ is the storage backend and exempt;
  3. a .c/.h file in src/ or tools/ has more than 800 lines, or a function in one has
     more than 100 (its body, from the opening brace to the closing one).
Known exceptions are listed below, each with its reason; the list should only shrink.
"""
import os
import re
import sys

ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..'))
MAX_FILE_LINES = 800
MAX_FUNC_LINES = 100
LAYERS = {'core': 0, 'text': 1, 'db': 2, 'http': 3, 'cli': 5}  # any other folder: an area, 4

# --- known exceptions ------------------------------------------------------------------------
# (file, what) pairs. `what` is "include:<header>", "sql", "lines", or "func:<name>". Empty: a new
# entry needs a reason beside it, and one that stops happening fails the check until removed.
KNOWN = set()
# ------------------------------------------------------------------------------------------

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
SQL = re.compile(r'"\s*(SELECT\s|INSERT\s+(OR\s+\w+\s+)?INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|'
                 r'CREATE\s+(TABLE|INDEX|UNIQUE|TRIGGER|VIEW|VIRTUAL|TEMP)|DROP\s+(TABLE|INDEX|TRIGGER|VIEW)|'
                 r'ALTER\s+TABLE|WITH\s+(RECURSIVE\s+)?\w+(\([^)]*\))?\s+AS\b|PRAGMA\s|REPLACE\s+INTO\s)')
FUNC_OPEN = re.compile(r'^[A-Za-z_][\w \t\*]*\b(\w+)\s*\(')


def layer(top):
    return LAYERS.get(top, 4)


def files():
    for base in ('src', 'tools'):
        for d, _, names in os.walk(os.path.join(ROOT, base)):
            for n in sorted(names):
                if n.endswith(('.c', '.h')):
                    yield os.path.relpath(os.path.join(d, n), ROOT)


def strip_comments(text):
    """Blanks /* */ and // comments (keeping newlines), leaving string literals."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == '"' or c == "'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r'[^\n]', ' ', text[i:j]))
            i = j
        elif text.startswith('//', i):
            j = text.find('\n', i)
            j = n if j < 0 else j
            out.append(' ' * (j - i))
            i = j
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def functions(lines):
    """(name, first line, line count) of each function definition: a name at column 0
    followed by a body whose '{' and '}' stand alone at column 0 (the house style)."""
    start = None
    name = None
    for i, line in enumerate(lines):
        m = FUNC_OPEN.match(line)
        if m and not line.rstrip().endswith(';') and start is None:
            start, name = i, m.group(1)
            continue
        if start is not None and line.rstrip() == '{':
            body = i
            depth = 0
            for j in range(i, len(lines)):
                depth += lines[j].count('{') - lines[j].count('}')
                if lines[j].startswith('}') and depth <= 0:
                    yield name, start + 1, j - body + 1
                    break
            start = None
            continue
        if start is not None and (line.startswith('{') is False and (line.strip() == '' or line.rstrip().endswith(';') or line.startswith('#'))):
            start = None


def check():
    problems = []
    used = set()

    def fail(path, lineno, what, key, msg):
        if (path, key) in KNOWN:
            used.add((path, key))
            return
        problems.append(f'{path}:{lineno}: {msg}')

    for path in files():
        with open(os.path.join(ROOT, path), encoding='utf-8', errors='replace') as f:
            text = f.read()
        lines = text.split('\n')
        if lines and lines[-1] == '':
            lines.pop()
        parts = path.split('/')
        in_tools = parts[0] == 'tools'
        top = parts[1] if not in_tools else None
        # 1. includes
        for i, line in enumerate(lines, 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            inc = m.group(1)
            key = 'include:' + inc
            if in_tools:
                if '/' in inc:
                    fail(path, i, 'include', key, f'tools/ includes "{inc}": tools use only tools/')
                continue
            if '/' not in inc:
                continue  # generated headers (tpl.h, embedded data) sit beside the build
            itop = inc.split('/')[0]
            if layer(itop) > layer(top):
                fail(path, i, 'include', key, f'"{inc}" is in a layer above {top}/ '
                     '(core < text < db < http < areas < cli)')
            elif itop == 'demo' and top not in ('demo', 'cli'):
                fail(path, i, 'include', key, f'"{inc}": only src/cli may include src/demo')
            elif (os.path.basename(inc).endswith('_internal.h') or os.path.basename(inc) == 'internal.h') \
                    and itop != top and top != 'demo':
                fail(path, i, 'include', key, f'"{inc}" is internal to src/{itop}/: use its public header')
        # 2. SQL outside *_store.c
        if not in_tools and path.endswith('.c') and not path.endswith('_store.c') and top != 'db':
            code = strip_comments(text)
            for i, line in enumerate(code.split('\n'), 1):
                if SQL.search(line):
                    fail(path, i, 'sql', 'sql', 'SQL outside a *_store.c file: move the statement into the area\'s store')
        # 3. sizes
        if len(lines) > MAX_FILE_LINES:
            fail(path, len(lines), 'lines', 'lines', f'{len(lines)} lines (at most {MAX_FILE_LINES}): split it by concern')
        for name, first, count in functions(lines):
            if count > MAX_FUNC_LINES:
                fail(path, first, 'func', 'func:' + name,
                     f'function {name} has {count} lines (at most {MAX_FUNC_LINES}): split it')
    stale = KNOWN - used
    for path, key in sorted(stale):
        problems.append(f'{path}: known exception "{key}" no longer happens: remove it from scripts/check-layers.py')
    return problems


if __name__ == '__main__':
    problems = check()
    for p in problems:
        print(p)
    if problems:
        print(f'check-layers: {len(problems)} problem(s)')
        sys.exit(1)
    print('check-layers: the tree keeps its layers, its SQL in stores and its sizes')
