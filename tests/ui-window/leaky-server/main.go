// main.go — a net/http/pprof server that leaks for the watch window test.
//
// Copyright 2026 The Pprof Viewer authors
// SPDX-License-Identifier: GPL-3.0-or-later

// Every tick (the first argument, in milliseconds; 250 by default)
// main.leakyCache keeps another 256 kB alive and a collection runs, so
// each heap profile's inuse_space is larger than the last by that much;
// every fourth tick main.parked parks one more goroutine.  It listens on
// 127.0.0.1 on a port the kernel picks, prints "listening on
// 127.0.0.1:PORT" and exits when standard input closes.
package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"strconv"
	"time"
)

var cache [][]byte

//go:noinline
func leakyCache() {
	for i := 0; i < 4; i++ {
		cache = append(cache, make([]byte, 64<<10))
	}
}

var parkedForever = make(chan bool)

//go:noinline
func parked() {
	<-parkedForever
}

func main() {
	runtime.MemProfileRate = 4096
	tick := 250 * time.Millisecond
	if len(os.Args) > 1 {
		if ms, err := strconv.Atoi(os.Args[1]); err == nil && ms > 0 {
			tick = time.Duration(ms) * time.Millisecond
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("listening on %s\n", ln.Addr())
	go func() {
		io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}()
	go func() {
		for n := 1; ; n++ {
			leakyCache()
			if n%4 == 0 {
				go parked()
			}
			// The heap profile reports the last collection's live heap.
			runtime.GC()
			time.Sleep(tick)
		}
	}()
	if err := http.Serve(ln, nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
