// goheap writes a small Go heap profile twice, as gzipped protobuf and
// as the legacy debug=1 text, for the reader tests.
//
// Copyright 2026 The Pprof Viewer authors
// SPDX-License-Identifier: GPL-3.0-or-later
package main

import (
	"os"
	"runtime"
	"runtime/pprof"
)

var keep [][]byte

//go:noinline
func allocSmall(n int) {
	for i := 0; i < n; i++ {
		keep = append(keep, make([]byte, 64))
	}
}

//go:noinline
func allocBig(n int) {
	for i := 0; i < n; i++ {
		b := make([]byte, 1<<20)
		if i%2 == 0 {
			keep = append(keep, b)
		}
	}
}

//go:noinline
func allocOdd(n int) {
	for i := 0; i < n; i++ {
		b := make([]byte, 3000+i)
		if i%3 == 0 {
			keep = append(keep, b)
		}
	}
}

func write(path string, debug int) {
	f, err := os.Create(path)
	if err != nil {
		panic(err)
	}
	if err := pprof.Lookup("heap").WriteTo(f, debug); err != nil {
		panic(err)
	}
	if err := f.Close(); err != nil {
		panic(err)
	}
}

func main() {
	runtime.MemProfileRate = 4096
	allocSmall(20000)
	allocBig(8)
	allocOdd(300)
	runtime.GC()
	write(os.Args[1], 1)
	write(os.Args[2], 0)
}
