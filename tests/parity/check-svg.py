#!/usr/bin/env python3
# check-svg.py — `pprof-viewer --svg` is well-formed XML and draws exactly
# the nodes and edges of `pprof-viewer --dot`, for every DOT parity case.
#
# Copyright 2026 The Pprof Viewer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-svg.py PPROF-VIEWER FIXTURES-DIR
import importlib.util
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('run_parity', os.path.join(HERE, 'run-parity.py'))
parity = importlib.util.module_from_spec(spec)
spec.loader.exec_module(parity)

SVG = '{http://www.w3.org/2000/svg}'


def svg_elements(svg_bytes):
    root = ET.fromstring(svg_bytes)          # raises on malformed XML
    nodes, edges = set(), set()
    for g in root.iter(SVG + 'g'):
        title = g.find(SVG + 'title')
        if title is None:
            continue
        text = title.text or ''
        if g.get('class') == 'node':
            nodes.add(text)
        elif g.get('class') == 'edge':
            src, _, dst = text.partition('->')
            edges.add((src, dst))
    return nodes, edges


def check(viewer, profiles_dir, case):
    env = dict(os.environ, TZ='UTC', LC_ALL='C.UTF-8')
    argv_tail = case.options + case.profiles
    dot = subprocess.run([viewer, '--dot'] + argv_tail, cwd=profiles_dir, env=env,
                         capture_output=True, timeout=120)
    svg = subprocess.run([viewer, '--svg'] + argv_tail, cwd=profiles_dir, env=env,
                         capture_output=True, timeout=120)
    if dot.returncode != 0 or svg.returncode != 0:
        return 'exit status dot=%d svg=%d: %s' % (dot.returncode, svg.returncode,
                                                   parity.decode(svg.stderr or dot.stderr).strip())
    graph = parity.parse_dot(parity.decode(dot.stdout))
    try:
        nodes, edges = svg_elements(svg.stdout)
    except ET.ParseError as e:
        return 'SVG is not well-formed XML: %s' % e
    dot_nodes = set(graph.nodes)
    dot_edges = {(s, d) for s, d, _ in graph.edges}
    problems = []
    if nodes != dot_nodes:
        problems.append('nodes only in DOT %s, only in SVG %s'
                        % (sorted(dot_nodes - nodes)[:5], sorted(nodes - dot_nodes)[:5]))
    if edges != dot_edges:
        problems.append('edges only in DOT %s, only in SVG %s'
                        % (sorted(dot_edges - edges)[:5], sorted(edges - dot_edges)[:5]))
    if len(graph.edges) != len(edges):
        problems.append('%d DOT edges but %d SVG edges' % (len(graph.edges), len(edges)))
    return '; '.join(problems)


def main():
    viewer, fixtures = sys.argv[1], sys.argv[2]
    cases = parity.read_cases(os.path.join(fixtures, 'dot-cases.txt'))
    passed = failed = 0
    for case in cases:
        problem = check(os.path.abspath(viewer), os.path.join(fixtures, 'profiles'), case)
        if problem:
            failed += 1
            print('FAIL %s: %s' % (case.name, problem))
        else:
            passed += 1
            print('PASS %s' % case.name)
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
