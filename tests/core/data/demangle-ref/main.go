// demangle-ref prints, for every mangled name on standard input, what
// pprof's demangler (github.com/ianlancetaylor/demangle, the copy
// vendored in Go 1.19's cmd/pprof) makes of it in pprof's four
// -symbolize=demangle= modes: default (NoParams, NoTemplateParams),
// templates (NoParams), full (NoClones) and none (no option):
//
//	NAME<TAB>DEFAULT<TAB>TEMPLATES<TAB>FULL<TAB>NONE
//
// regenerate.sh (in this folder) builds it against that vendored copy, in
// GOPATH mode, and rewrites demangle.tsv from demangle-names.txt.
//
// Copyright 2026 The Pprof Viewer authors
// SPDX-License-Identifier: GPL-3.0-or-later
package main

import (
	"bufio"
	"fmt"
	"os"

	"github.com/ianlancetaylor/demangle"
)

func main() {
	s := bufio.NewScanner(os.Stdin)
	for s.Scan() {
		n := s.Text()
		fmt.Printf("%s\t%s\t%s\t%s\t%s\n", n,
			demangle.Filter(n, demangle.NoParams, demangle.NoTemplateParams),
			demangle.Filter(n, demangle.NoParams),
			demangle.Filter(n, demangle.NoClones),
			demangle.Filter(n))
	}
}
