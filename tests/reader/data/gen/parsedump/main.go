// parsedump prints what pprof's own parser (profile.Parse) makes of a
// profile: Profile.String() without the Time and Duration lines, then
// the drop/keep frame patterns.  gen.sh builds it against the copy of
// github.com/google/pprof/profile that ships inside the Go toolchain.
//
// Copyright 2026 The Pprof Viewer authors
// SPDX-License-Identifier: GPL-3.0-or-later
package main

import (
	"fmt"
	"os"
	"regexp"

	"github.com/google/pprof/profile"
)

func main() {
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	p, err := profile.Parse(f)
	if err != nil {
		fmt.Println("ERROR:", err)
		os.Exit(1)
	}
	s := regexp.MustCompile(`(?m)^(Time|Duration): .*\n`).ReplaceAllString(p.String(), "")
	fmt.Print(s)
	fmt.Printf("DropFrames: %s\nKeepFrames: %s\n", p.DropFrames, p.KeepFrames)
}
